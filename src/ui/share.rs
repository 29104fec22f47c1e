//! "Copy link" on every page, and "Share…" where the browser has a share sheet (phones). The
//! address is the view (each page's URL state, under `url/`), so the link is simply the page's
//! own.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long "Link copied" stays.
const SAID_FOR: Duration = Duration::from_secs(5);

#[component]
pub fn ShareLinks() -> impl IntoView {
    let status = RwSignal::new("");
    // Tells a newer message from the one a timer is about to clear.
    let said = StoredValue::new(0u32);
    let say = move |text: &'static str| {
        let this = said.get_value() + 1;
        said.set_value(this);
        status.try_set(text);
        set_timeout(
            move || {
                if said.try_get_value() == Some(this) {
                    status.try_set("");
                }
            },
            SAID_FOR,
        );
    };
    let copy = move |_| {
        let url = page_url();
        // Emptied first, so the same words said again are announced again.
        status.set("");
        spawn_local(async move {
            let copied = match clipboard() {
                Some(clipboard) => JsFuture::from(clipboard.write_text(&url)).await.is_ok(),
                None => false,
            };
            say(if copied {
                "Link copied"
            } else {
                "Could not copy: the link is in the address bar"
            });
        });
    };
    // Asked only in the browser: the build renders this page on the host too (src/bin/prerender.rs).
    let can_share = crate::IN_BROWSER && has(&window().navigator(), "share");
    let share = move |_| {
        let data = web_sys::ShareData::new();
        data.set_url(&page_url());
        data.set_title(&document().title());
        let shared = window().navigator().share_with_data(&data);
        // Closing the sheet rejects the promise: nothing to say.
        spawn_local(async move {
            let _ = JsFuture::from(shared).await;
        });
    };

    view! {
        <div class="share-links" data-testid="share">
            <button type="button" class="button button-quiet" data-testid="copy-link" on:click=copy>"Copy link"</button>
            {can_share.then(|| view! {
                <button type="button" class="button button-quiet" data-testid="share-link" on:click=share>"Share…"</button>
            })}
            // Nothing at all while nothing is said: rendered on the host, an empty text would be a
            // space, and the status box (`:empty` in style/views.css) would show, empty.
            <span class="share-status" role="status" data-testid="share-status">
                {move || Some(status.get()).filter(|text| !text.is_empty())}
            </span>
        </div>
    }
}

fn page_url() -> String {
    window().location().href().unwrap_or_default()
}

/// Whether `object` has `name` (a method the browser may lack).
fn has(object: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .is_ok_and(|value| !value.is_undefined() && !value.is_null())
}

/// The clipboard, where the browser offers one (secure pages only).
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = window().navigator();
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    (!value.is_undefined() && !value.is_null()).then(|| value.unchecked_into())
}
