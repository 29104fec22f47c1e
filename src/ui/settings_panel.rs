//! The header's quota meter and settings panel: which LL2 host to use, an optional supporter
//! API key, and what is left of the hourly quota.

use crate::api::cache::now_ms;
use crate::api::client;
use crate::api::quota::Quota;
use crate::state::context::{save_settings, AppContext};
use crate::state::settings::{key_problem, Host, Settings};
use crate::ui::text::wait;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// "3 / 15 requests", with the wait when the quota is spent. Hidden until the API reports it.
/// Built once; only its value and text follow the quota, and a clock runs only while a wait
/// counts down on a page in sight (see `countdown`).
#[component]
pub fn QuotaMeter() -> impl IntoView {
    let quota = expect_context::<AppContext>().quota;
    let tick = countdown(quota);
    let known = Memo::new(move |_| quota.with(|quota| quota.is_some_and(|quota| quota.limit > 0)));
    let limit = move || quota.with(|quota| quota.map_or(0, |quota| quota.limit));
    let used = move || quota.with(|quota| quota.map_or(0, |quota| quota.used.min(quota.limit)));
    let text = move || {
        tick.track();
        quota.with(|quota| quota.as_ref().map(|quota| meter_text(quota, now_ms())))
    };
    move || {
        known.get().then(|| view! {
            <div class="quota" data-testid="quota" title="Launch Library requests this hour">
                <meter min="0" max=move || limit().to_string() low=move || (limit() * 2 / 3).to_string()
                    high=move || limit().saturating_sub(1).to_string() optimum="0"
                    value=move || used().to_string() aria-label="API requests used this hour"></meter>
                <span class="quota-text">{text}</span>
            </div>
        })
    }
}

/// What the meter says at `now`: the wait while there is one, else the requests used.
fn meter_text(quota: &Quota, now: u64) -> String {
    match quota.seconds_until_available(now) {
        0 => format!(
            "{} / {} requests used",
            quota.used.min(quota.limit),
            quota.limit
        ),
        wait_secs => format!("Quota used: next request in {}", wait(wait_secs)),
    }
}

/// A trigger that fires every second while `quota` has a wait counting down and the page is
/// in sight; otherwise there is no timer at all (a meter with nothing to count stays still).
fn countdown(quota: RwSignal<Option<Quota>>) -> Trigger {
    let tick = Trigger::new();
    let visible = RwSignal::new(page_in_sight());
    let on_visibility = move |_| {
        visible.try_set(page_in_sight());
        // Back in sight: what the meter says may have changed meanwhile.
        tick.notify();
    };
    // No page to watch where the build draws `/`.
    let listener =
        crate::IN_BROWSER.then(|| window_event_listener_untyped("visibilitychange", on_visibility));
    let ticker: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    let stop = move || {
        if let Some(handle) = ticker.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    Effect::new(move |_| {
        tick.track();
        let counting = visible.get()
            && quota.with(|quota| {
                quota.is_some_and(|quota| quota.seconds_until_available(now_ms()) > 0)
            });
        let running = ticker.with_value(Option::is_some);
        if counting && !running {
            let handle =
                set_interval_with_handle(move || tick.notify(), Duration::from_secs(1)).ok();
            ticker.set_value(handle);
        } else if !counting && running {
            stop();
        }
    });
    on_cleanup(move || {
        listener.into_iter().for_each(|listener| listener.remove());
        stop();
    });
    tick
}

/// The page is shown (not a background tab, not minimised).
fn page_in_sight() -> bool {
    crate::IN_BROWSER && !document().hidden()
}

#[component]
pub fn SettingsPanel() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let settings = context.settings;
    // Hosts the page's policy blocks would fail every request: they are not offered.
    let hosts: Vec<(Host, (String, &str))> = Host::ALL
        .into_iter()
        .filter(|host| host.is_reachable(&context.site_base, context.reachable.as_deref()))
        .map(|host| (host, host_label(host, &context.site_base)))
        .collect();
    // Edits stay local until saved.
    let draft = RwSignal::new(settings.get_untracked());
    let saved = RwSignal::new(false);
    let panel = NodeRef::<leptos::html::Details>::new();
    let open = context.settings_open;
    // Why Save refused the key, shown under the key field.
    let key_error = RwSignal::new(None::<String>);

    view! {
        <details class="settings" node_ref=panel prop:open=move || open.get() on:toggle=move |_| {
            draft.set(settings.get_untracked());
            saved.set(false);
            key_error.set(None);
            let is_open = panel.get().is_some_and(|details| details.open());
            open.set(is_open);
            // The meter is read here, where the visitor looks at it, not on every answer.
            if is_open {
                client::refresh_quota();
            }
        }>
            <summary class="button button-header">"Settings"</summary>
            // Built on first opening: most visits never open it, and start-up is on the clock.
            <Show when=move || open.get()>
            <form class="settings-panel" data-testid="settings" on:submit=move |event| {
                event.prevent_default();
                let next = draft.get_untracked();
                // A key a request header cannot carry would fail every request: not saved.
                if let Some(problem) = key_problem(&next.api_key) {
                    key_error.set(Some(problem));
                    saved.set(false);
                    focus_key_field();
                    return;
                }
                save_settings(&next);
                if settings.get_untracked() != next {
                    settings.set(next);
                }
                saved.set(true);
            }>
                <fieldset>
                    <legend>"Launch Library host"</legend>
                    {hosts.clone().into_iter().map(|(host, (label, detail))| {
                        let id = format!("host-{}", host.name());
                        view! {
                            <div class="radio">
                                <input type="radio" name="host" id=id.clone() value=host.name()
                                    prop:checked=move || draft.with(|d| d.host == host)
                                    on:change=move |_| draft.update(|d| d.host = host) />
                                <label for=id>{label}<span class="radio-detail">{detail}</span></label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <label class="settings-field" for="api-key">"Supporter API key (optional)"</label>
                <input id=KEY_FIELD type="password" autocomplete="off" spellcheck="false"
                    aria-invalid=move || key_error.with(Option::is_some).then_some("true")
                    aria-describedby=move || key_error.with(Option::is_some).then_some(KEY_ERROR)
                    prop:value=move || draft.with(|d| d.api_key.clone())
                    on:input=move |event| {
                        key_error.set(None);
                        draft.update(|d| d.api_key = event_target_value(&event));
                    } />
                {move || key_error.get().map(|problem| view! {
                    <p class="field-error" id=KEY_ERROR data-testid="key-error">{problem}</p>
                })}
                <p class="settings-hint">"Sent only as an Authorization header to the host above, never in a URL. Stored in this browser."</p>
                <QuotaMeter />
                <div class="settings-actions">
                    <button type="submit" class="button">"Save"</button>
                    <button type="button" class="button button-quiet" on:click=move |_| {
                        draft.set(Settings::default());
                    }>"Reset"</button>
                    <span role="status" class="settings-saved">{move || saved.get().then_some("Saved.")}</span>
                </div>
            </form>
            </Show>
        </details>
    }
}

/// The key field's id, and its message's.
const KEY_FIELD: &str = "api-key";
const KEY_ERROR: &str = "api-key-error";

/// Opens the header's settings panel with the key field in focus (the way out of a refused
/// key).
pub fn open_settings_at_key(context: &AppContext) {
    context.settings_open.set(true);
    // The panel's form is built when it opens: focus it once drawn.
    request_animation_frame(focus_key_field);
}

fn focus_key_field() {
    if let Some(field) = document()
        .get_element_by_id(KEY_FIELD)
        .and_then(|field| field.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = field.focus();
    }
}

/// The host's name and base, and what to know about it.
fn host_label(host: Host, site_base: &str) -> (String, &'static str) {
    let base = host.base(site_base);
    match host {
        Host::Site => (format!("This site's default ({base})"), ""),
        Host::Development => (
            format!("Development ({base})"),
            " — not throttled, older data",
        ),
        Host::Production => (
            format!("Production ({base})"),
            " — live data, 15 requests per hour",
        ),
    }
}
