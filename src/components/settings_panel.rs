//! The header's quota meter and settings panel: which LL2 host to use, an optional supporter
//! API key, and what is left of the hourly quota.

use crate::api::endpoints::DEFAULT_BASE;
use crate::api::error::wait;
use crate::config::{save_settings, AppContext};
use crate::settings::{Host, Settings, PRODUCTION_BASE};
use leptos::prelude::*;
use std::time::Duration;

/// "3 / 15 requests", with the wait when the quota is spent. Hidden until the API reports it.
#[component]
pub fn QuotaMeter() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let quota = context.quota;
    // Re-render every second while a wait is counting down.
    let now = RwSignal::new(js_sys::Date::now());
    let ticker =
        set_interval_with_handle(move || now.set(js_sys::Date::now()), Duration::from_secs(1)).ok();
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
    let site_base = context.site_base.clone();
    // Edits stay local until saved, so a half-typed URL never sends requests.
    let draft = RwSignal::new(settings.get_untracked());
    let saved = RwSignal::new(false);
    let panel = NodeRef::<leptos::html::Details>::new();
    let open = RwSignal::new(false);

    let host_option = move |host: Host, label: String, detail: &'static str| {
        let id = format!("host-{}", host_name(host));
        view! {
            <div class="radio">
                <input type="radio" name="host" id=id.clone() value=host_name(host)
                    prop:checked=move || draft.with(|d| d.host == host)
                    on:change=move |_| draft.update(|d| d.host = host) />
                <label for=id>{label}<span class="radio-detail">{detail}</span></label>
            </div>
        }
    };

    view! {
        <details class="settings" node_ref=panel on:toggle=move |_| {
            draft.set(settings.get_untracked());
            saved.set(false);
            open.set(panel.get().is_some_and(|details| details.open()));
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
                    {host_option(Host::Site, format!("This site's default ({site_base})"), "")}
                    {host_option(Host::Development, format!("Development ({DEFAULT_BASE})"), " — not throttled, older data")}
                    {host_option(Host::Production, format!("Production ({PRODUCTION_BASE})"), " — live data, 15 requests per hour")}
                    {host_option(Host::Custom, "Custom URL".to_string(), "")}
                    <label class="settings-field" for="custom-base">"Custom API base URL"</label>
                    <input id="custom-base" type="url" inputmode="url" placeholder="https://…/2.3.0"
                        prop:value=move || draft.with(|d| d.custom_base.clone())
                        on:input=move |event| draft.update(|d| {
                            d.custom_base = event_target_value(&event);
                            d.host = Host::Custom;
                        }) />
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

fn host_name(host: Host) -> &'static str {
    match host {
        Host::Site => "site",
        Host::Development => "development",
        Host::Production => "production",
        Host::Custom => "custom",
    }
}
