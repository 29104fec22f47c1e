//! The document's title and description follow the view, so history entries, bookmarks and
//! shared links say what they show.

use leptos::prelude::document;

pub const SITE_NAME: &str = "Spacecraft Explorer";

/// Sets `<title>` to "`title` — Spacecraft Explorer" (or the site name alone) and the meta
/// description.
pub fn set(title: Option<&str>, description: &str) {
    let document = document();
    match title {
        Some(title) => document.set_title(&format!("{title} — {SITE_NAME}")),
        None => document.set_title(SITE_NAME),
    }
    if let Ok(Some(meta)) = document.query_selector(r#"meta[name="description"]"#) {
        let _ = meta.set_attribute("content", description);
    }
}

/// The page's own part of `<title>` (the site name alone on the plain grid), as said when it is
/// arrived at.
pub fn page_title() -> String {
    let title = document().title();
    match title.strip_suffix(&format!(" — {SITE_NAME}")) {
        Some(page) => page.to_string(),
        None => title,
    }
}
