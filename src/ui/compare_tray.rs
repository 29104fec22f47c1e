//! The compare tray: up to four spacecraft picked with the "Compare" toggle on their cards,
//! kept for the browser tab (`sessionStorage`) across views and reloads, and a link to see them
//! side by side.

use crate::state::context::AppContext;
use crate::state::router::Router;
use crate::url::compare_ids::{parse_tray, tray_text, CompareQuery, MAX};
use crate::url::routes::Route;
use leptos::prelude::*;

const STORAGE_KEY: &str = "spacecraft-explorer.compare";

/// The picked spacecraft (id and name), in the order picked. Provided by the app.
#[derive(Clone, Copy)]
pub struct Tray(RwSignal<Vec<(u64, String)>>);

impl Tray {
    /// The tray this tab had (storage that cannot be read is an empty tray).
    pub fn restore() -> Tray {
        let text = storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .unwrap_or_default();
        Tray(RwSignal::new(parse_tray(&text)))
    }

    pub fn has(&self, id: u64) -> bool {
        self.0
            .with(|items| items.iter().any(|(other, _)| *other == id))
    }

    pub fn is_full(&self) -> bool {
        self.0.with(|items| items.len() >= MAX)
    }

    /// Picks `id`, or puts it back; a full tray takes no more.
    pub fn toggle(&self, id: u64, name: &str) {
        self.edit(|items| {
            if let Some(at) = items.iter().position(|(other, _)| *other == id) {
                items.remove(at);
            } else if items.len() < MAX {
                items.push((id, name.to_string()));
            }
        });
    }

    fn clear(&self) {
        self.edit(Vec::clear);
    }

    fn edit(&self, change: impl FnOnce(&mut Vec<(u64, String)>)) {
        self.0.update(change);
        if let Some(storage) = storage() {
            // Full or disabled storage: the tray still works until the tab closes.
            let _ = storage.set_item(
                STORAGE_KEY,
                &self.0.with_untracked(|items| tray_text(items)),
            );
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    if !crate::IN_BROWSER {
        return None;
    }
    window().session_storage().ok().flatten()
}

/// The toggle on a card.
#[component]
pub fn CompareToggle(id: u64, name: String) -> impl IntoView {
    let tray = expect_context::<Tray>();
    let label = format!("Compare {name}");
    view! {
        <button
            type="button"
            class="compare-toggle"
            data-compare-toggle=""
            aria-label=label
            aria-pressed=move || if tray.has(id) { "true" } else { "false" }
            disabled=move || tray.is_full() && !tray.has(id)
            title=move || (tray.is_full() && !tray.has(id)).then_some("Four spacecraft can be compared at a time")
            on:click=move |_| tray.toggle(id, &name)
        >
            "Compare"
        </button>
    }
}

/// The tray, at the foot of the window while it holds anything (not on the compare page,
/// which shows the same spacecraft).
#[component]
pub fn CompareTray() -> impl IntoView {
    let tray = expect_context::<Tray>();
    let router = expect_context::<Router>();
    let paths = expect_context::<AppContext>().paths;
    let shown = move || router.route() != Route::Compare && tray.0.with(|items| !items.is_empty());

    move || {
        shown().then(|| {
            let items = tray.0.get();
            let href = paths.compare(&CompareQuery {
                ids: items.iter().map(|(id, _)| *id).collect(),
            });
            let count = items.len();
            view! {
                <aside class="compare-tray" data-testid="compare-tray" aria-label="Compare tray">
                    <ul class="compare-tray-items" role="list">
                        {items.into_iter().map(|(id, name)| {
                            let label = format!("Remove {name} from the comparison");
                            view! {
                                <li>
                                    <span class="compare-tray-name">{name}</span>
                                    <button type="button" class="compare-tray-remove" aria-label=label
                                        on:click=move |_| tray.toggle(id, "")>"×"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <div class="compare-tray-actions">
                        <a class="button" data-testid="compare-link" href=href>{format!("Compare {count}")}</a>
                        <button type="button" class="button button-quiet" on:click=move |_| tray.clear()>"Clear"</button>
                    </div>
                </aside>
            }
        })
    }
}
