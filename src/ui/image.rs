//! An image that never shows a broken-image icon: it walks a list of candidate URLs on load
//! errors and ends on the built-in placeholder.

use crate::api::endpoints::safe_url;
use crate::api::models::Image;
use crate::state::context::AppContext;
use leptos::prelude::*;

/// `<img>` over `sources` (see `Image::sources`), falling back to the placeholder. A source the
/// page's Content-Security-Policy would block is upgraded to `https:` or skipped (see
/// `ImagePolicy`). `eager` for images above the fold.
#[component]
pub fn FallbackImage(
    sources: Vec<String>,
    alt: String,
    #[prop(optional)] eager: bool,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let mut candidates: Vec<String> = sources
        .iter()
        .filter_map(|url| context.images.usable(url))
        .collect();
    // An upgrade can make two sources one.
    candidates.dedup();
    candidates.push(context.placeholder_image());
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

/// An image with its credit and licence beneath, as LL2 asks them to be shown.
#[component]
pub fn CreditedImage(
    image: Option<Image>,
    alt: String,
    /// The figure's class, which sizes it.
    class: &'static str,
) -> impl IntoView {
    let credit = image.as_ref().and_then(Image::credit).map(str::to_string);
    let license = image
        .as_ref()
        .and_then(|image| image.license.clone())
        .filter(|license| !license.name.trim().is_empty());
    let has_image = image.is_some();
    view! {
        <figure class=class>
            <FallbackImage sources=Image::sources(image.as_ref(), false) alt eager=true />
            {has_image.then(|| view! {
                <figcaption>
                    {credit.map(|credit| view! { <span>"Credit: "{credit}" "</span> })}
                    {license.map(|license| {
                        match safe_url(license.link.as_deref()).map(str::to_string) {
                            Some(href) => view! { <span>"Licence: "<a href=href rel="noopener noreferrer" target="_blank">{license.name}</a></span> }.into_any(),
                            None => view! { <span>"Licence: "{license.name}</span> }.into_any(),
                        }
                    })}
                </figcaption>
            })}
        </figure>
    }
}
