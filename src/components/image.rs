//! An image that never shows a broken-image icon: it walks a list of candidate URLs on load
//! errors and ends on the built-in placeholder.

use crate::context::AppContext;
use leptos::prelude::*;

/// `<img>` over `sources` (see `Image::sources`), falling back to the placeholder. `eager` for images above the fold.
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
