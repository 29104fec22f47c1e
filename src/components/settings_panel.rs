//! The header's quota meter and settings panel: which LL2 host to use, an optional supporter
//! API key, and what is left of the hourly quota.

use crate::api::cache::now_ms;
use crate::api::client;
use crate::api::error::wait;
use crate::context::{save_settings, AppContext};
use crate::settings::{Host, Settings};
use leptos::prelude::*;
use std::time::Duration;

/// "3 / 15 requests", with the wait when the quota is spent. Hidden until the API reports it.
#[component]
pub fn QuotaMeter() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let quota = context.quota;
    // Re-render every second while a wait is counting down.
    let now = RwSignal::new(now_ms());
    let ticker = set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1)).ok();
    on_cleanup(move || {
        if let Some(ticker) = ticker {
            ticker.clear();
        }
    });

    move || {
        let quota = quota.get()?;
        let now = now.get();
        if quota.limit == 0 {
            return None;
        }
        let wait_secs = quota.seconds_until_available(now);
        let text = if wait_secs > 0 {
            format!("Quota used: next request in {}", wait(wait_secs))
        } else {
            format!(
                "{} / {} requests used",
                quota.used.min(quota.limit),
                quota.limit
            )
        };
        Some(view! {
            <div class="quota" data-testid="quota" title="Launch Library requests this hour">
                <meter min="0" max=quota.limit.to_string() low=(quota.limit * 2 / 3).to_string()
                    high=(quota.limit.saturating_sub(1)).to_string() optimum="0"
                    value=quota.used.min(quota.limit).to_string() aria-label="API requests used this hour"></meter>
                <span class="quota-text">{text}</span>
            </div>
        })
    }
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
    let open = RwSignal::new(false);

    view! {
        <details class="settings" node_ref=panel on:toggle=move |_| {
            draft.set(settings.get_untracked());
            saved.set(false);
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
                <input id="api-key" type="password" autocomplete="off" spellcheck="false"
                    prop:value=move || draft.with(|d| d.api_key.clone())
                    on:input=move |event| draft.update(|d| d.api_key = event_target_value(&event)) />
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
