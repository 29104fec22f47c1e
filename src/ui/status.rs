//! Loading, empty and failed states, shared by every page.

use crate::api::ApiError;
use crate::state::context::AppContext;
use crate::ui::settings_panel::open_settings_at_key;
use crate::ui::text::{self, wait};
use leptos::prelude::*;
use std::time::Duration;

/// A failed request: what happened, what to do, and a Retry button. The only place an
/// `ApiError` is turned into words on the page.
#[component]
pub fn ErrorNotice(
    error: ApiError,
    on_retry: Callback<()>,
    /// Seconds until the app retries by itself (after a throttle; see `auto_retry_wait`).
    #[prop(optional_no_strip)]
    auto_retry_in: Option<u64>,
    #[prop(optional_no_strip)] on_auto_retry: Option<Callback<()>>,
) -> impl IntoView {
    let context = use_context::<AppContext>();
    let fields = error.field_messages().to_vec();
    let settings_button = context.filter(|_| error.offers_settings()).map(|context| {
        view! {
            <button type="button" class="button" data-testid="open-settings"
                on:click=move |_| open_settings_at_key(&context)>"Open the settings"</button>
        }
    });
    let message = match (auto_retry_in, on_auto_retry) {
        (Some(secs), Some(on_zero)) => view! { <ThrottleCountdown secs on_zero /> }.into_any(),
        _ => view! { <p>{text::error_message(&error)}</p> }.into_any(),
    };
    view! {
        <div class="notice notice-error" role="alert" data-testid="error">
            <h2 class="notice-title">{text::error_title(&error)}</h2>
            {message}
            {(!fields.is_empty()).then(|| view! {
                <ul class="field-errors">
                    {fields.into_iter().map(|(field, message)| {
                        let label = field.clone();
                        view! { <li data-field=field><code>{label}</code>": "{message}</li> }
                    }).collect_view()}
                </ul>
            })}
            {settings_button}
            <button type="button" class="button" on:click=move |_| on_retry.run(())>"Retry"</button>
        </div>
    }
}

/// Grey cards in the shape of the real ones while a page loads (index.html's static first
/// paint holds the same markup, so the swap does not move anything).
#[component]
pub fn SkeletonCards(count: usize) -> impl IntoView {
    view! {
        <ul class="card-grid" role="list">
            {(0..count).map(|_| view! {
                <li aria-hidden="true">
                    <div class="card card-skeleton">
                        <div class="card-media"></div>
                        <div class="card-body"><SkeletonText /></div>
                    </div>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Grey lines in the shape of a heading and two lines of text.
#[component]
pub fn SkeletonText() -> impl IntoView {
    view! {
        <div class="skeleton-line skeleton-title"></div>
        <div class="skeleton-line"></div>
        <div class="skeleton-line skeleton-short"></div>
    }
}

/// No spacecraft match: say so and offer the way out.
#[component]
pub fn EmptyResults(
    /// Where "clear filters" leads, when filters are set.
    clear_href: Option<String>,
    /// Where "first page" leads, when the user paged past the end.
    first_page_href: Option<String>,
) -> impl IntoView {
    view! {
        <div class="notice" data-testid="empty" role="status">
            <h2 class="notice-title">"No spacecraft found"</h2>
            {match (clear_href, first_page_href) {
                (_, Some(first)) => view! {
                    <p>"This page is past the end of the results. "<a href=first>"Go to the first page"</a></p>
                }.into_any(),
                (Some(clear), None) => view! {
                    <p>"Nothing matches these filters. "<a href=clear data-testid="empty-clear">"Clear the filters"</a></p>
                }.into_any(),
                (None, None) => view! { <p>"The API returned no spacecraft."</p> }.into_any(),
            }}
        </div>
    }
}

/// "Next request possible in 12 min 34 s", counting down, then retrying by itself (once).
#[component]
fn ThrottleCountdown(secs: u64, on_zero: Callback<()>) -> impl IntoView {
    let started = js_sys::Date::now();
    // Starts above the real value so that reaching 0 always registers as a change.
    let left = RwSignal::new(secs.max(1));
    let ticker_handle: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    let ticker = set_interval_with_handle(
        move || {
            let elapsed = ((js_sys::Date::now() - started) / 1000.0) as u64;
            let remaining = secs.saturating_sub(elapsed);
            if left.try_get_untracked() == Some(remaining) {
                return;
            }
            left.try_set(remaining);
            if remaining == 0 {
                // Nothing more to count: `on_zero` runs once.
                if let Some(ticker) = ticker_handle.try_get_value().flatten() {
                    ticker.clear();
                }
                on_zero.run(());
            }
        },
        Duration::from_millis(250),
    )
    .ok();
    ticker_handle.set_value(ticker);
    on_cleanup(move || {
        if let Some(ticker) = ticker {
            ticker.clear();
        }
    });
    view! {
        <p data-testid="throttle-wait">
            "Launch Library allows a limited number of requests per hour. "
            {move || match left.get() {
                0 => "Trying again…".to_string(),
                left => format!("Next request possible in {}.", wait(left)),
            }}
        </p>
    }
}

/// The API's message for one form field, shown beside it (with the id `field_error_id` gives
/// the field for `aria-describedby`).
#[component]
pub fn FieldError(name: &'static str, errors: Signal<Vec<(String, String)>>) -> impl IntoView {
    move || {
        errors.with(|errors| {
            let id = field_error_id(name, errors)?;
            errors
                .iter()
                .find(|(field, _)| field == name)
                .map(|(field, message)| {
                    view! {
                        <p class="field-error" id=id data-field=name>
                            {format!("{field}: {message}")}
                        </p>
                    }
                })
        })
    }
}

/// The id of the message `FieldError` shows for `name`, while the API has one for it.
pub fn field_error_id(name: &str, errors: &[(String, String)]) -> Option<String> {
    errors
        .iter()
        .any(|(field, _)| field == name)
        .then(|| format!("{name}-error"))
}

/// `aria-invalid` and `aria-describedby` for the field `name`: set while the API complains
/// about it (pointing at its `FieldError`), gone with the complaint.
pub fn field_error_aria(
    name: &'static str,
    errors: Signal<Vec<(String, String)>>,
) -> (
    impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static,
    impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
) {
    let described_by = move || errors.with(|errors| field_error_id(name, errors));
    (move || described_by().map(|_| "true"), described_by)
}
