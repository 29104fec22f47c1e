//! An image that never shows a broken-image icon: it walks a list of candidate URLs on load
//! errors and ends on the built-in placeholder.

use crate::api::endpoints::safe_url;
use crate::api::models::Image;
use crate::config::AppContext;
use leptos::prelude::*;

/// Candidate sources for a spacecraft image, best first: only http(s) URLs are kept.
pub fn sources(image: Option<&Image>, prefer_thumbnail: bool) -> Vec<String> {
    let Some(image) = image else {
        return Vec::new();
    };
    let (first, second) = if prefer_thumbnail {
        (&image.thumbnail_url, &image.image_url)
    } else {
        (&image.image_url, &image.thumbnail_url)
    };
    let mut urls: Vec<String> = [first, second]
        .into_iter()
        .filter_map(|url| safe_url(url.as_deref()))
        .map(str::to_string)
        .collect();
    urls.dedup();
    urls
}

/// `<img>` over `sources`, falling back to the placeholder. `eager` for images above the fold.
#[component]
pub fn FallbackImage(
    sources: Vec<String>,
    alt: String,
    #[prop(optional)] eager: bool,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let placeholder = expect_context::<AppContext>().placeholder_image();
    let mut candidates = sources;
    candidates.push(placeholder);
    let last = candidates.len() - 1;
    let current = RwSignal::new(0usize);
    let is_placeholder = move || current.get() == last;
    let candidates = StoredValue::new(candidates);

    view! {
        <img
            class=class
            class:placeholder=is_placeholder
            src=move || candidates.with_value(|urls| urls.get(current.get()).cloned())
            alt=alt
            loading=if eager { "eager" } else { "lazy" }
            decoding="async"
            on:error=move |_| {
                if current.get_untracked() < last {
                    current.update(|index| *index += 1);
                }
            }
        />
    }
}
