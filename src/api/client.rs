//! The browser side of the API: one generic GET, the endpoint calls built on it, and a loader
//! that keeps a view on the answer to its newest request.

use super::endpoints;
use super::models::{IdName, Page, SpacecraftConfig};
use super::{decode, ApiError};
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;
use web_sys::{AbortController, AbortSignal};

/// How long we wait for an answer before giving up with `ApiError::Timeout`.
const TIMEOUT: Duration = Duration::from_secs(60);

/// GETs `url` and reads the JSON answer as `T`.
pub async fn get_json<T: DeserializeOwned>(
    url: &str,
    abort: Option<&AbortSignal>,
) -> Result<T, ApiError> {
    let response = Request::get(url)
        .abort_signal(abort)
        .send()
        .await
        .map_err(|_| network_error())?;
    let status = response.status();
    let body = response.text().await.map_err(|_| network_error())?;
    if !(200..300).contains(&status) {
        let retry_after = response.headers().get("retry-after");
        return Err(ApiError::from_response(
            status,
            retry_after.as_deref(),
            &body,
        ));
    }
    decode(&body)
}

/// A fetch that rejects without a status: offline, DNS, refused, or a CORS-less answer.
fn network_error() -> ApiError {
    ApiError::Network {
        offline: !window().navigator().on_line(),
    }
}

/// All spacecraft statuses (one page holds them all).
pub async fn statuses(base: String, abort: Option<AbortSignal>) -> Result<Vec<IdName>, ApiError> {
    let page: Page<IdName> = get_json(&endpoints::statuses(&base), abort.as_ref()).await?;
    Ok(page.results)
}

/// Every spacecraft configuration, all pages, sorted by name.
pub async fn configurations(
    base: String,
    abort: Option<AbortSignal>,
) -> Result<Vec<SpacecraftConfig>, ApiError> {
    let first: Page<SpacecraftConfig> =
        get_json(&endpoints::configurations(&base, 0), abort.as_ref()).await?;
    let mut all = first.results;
    for offset in endpoints::remaining_offsets(first.count, endpoints::LOOKUP_PAGE_SIZE) {
        let page: Page<SpacecraftConfig> =
            get_json(&endpoints::configurations(&base, offset), abort.as_ref()).await?;
        if page.results.is_empty() {
            break;
        }
        all.extend(page.results);
    }
    all.sort_by_key(|config| config.name.to_lowercase());
    all.dedup_by_key(|config| config.id);
    Ok(all)
}

/// The state of a request as a view shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// A view's data: the answer to the newest request, and a way to retry it.
pub struct Loader<T: Send + Sync + 'static> {
    pub state: ReadSignal<Load<T>>,
    retries: RwSignal<u32>,
}

// Not derived: a derive would demand `T: Copy`, but only the signal handles are copied.
impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Send + Sync + 'static> Loader<T> {
    pub fn retry(&self) {
        self.retries.update(|count| *count += 1);
    }
}

/// Runs `fetch(key)` whenever the tracked `key()` changes (nothing while it is `None`), and on
/// retry. A newer request aborts the one in flight and a late answer to an older one is
/// dropped, so a slow old query can neither delay nor overwrite a newer view.
pub fn use_latest<K, T, F, Fut>(key: impl Fn() -> Option<K> + 'static, fetch: F) -> Loader<T>
where
    K: 'static,
    T: Send + Sync + 'static,
    F: Fn(K, Option<AbortSignal>) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let (state, set_state) = signal(Load::Loading);
    let retries = RwSignal::new(0u32);
    let in_flight: StoredValue<Option<AbortController>, LocalStorage> =
        StoredValue::new_local(None);
    let generation = StoredValue::new(0u64);

    let abort_in_flight = move || {
        in_flight.try_update_value(|controller| {
            if let Some(controller) = controller.take() {
                controller.abort();
            }
        });
    };
    on_cleanup(abort_in_flight);

    Effect::new(move |_| {
        retries.track();
        let Some(key) = key() else {
            return;
        };
        abort_in_flight();
        let this_request = generation.get_value() + 1;
        generation.set_value(this_request);

        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        in_flight.set_value(controller.clone());
        let timed_out = Rc::new(Cell::new(false));
        let timer = set_timeout_with_handle(
            {
                let timed_out = Rc::clone(&timed_out);
                move || {
                    timed_out.set(true);
                    if let Some(controller) = controller {
                        controller.abort();
                    }
                }
            },
            TIMEOUT,
        )
        .ok();

        set_state.set(Load::Loading);
        let request = fetch(key, signal);
        spawn_local(async move {
            let result = request.await;
            if let Some(timer) = timer {
                timer.clear();
            }
            // Superseded (or the view is gone): a newer request owns the state now.
            if generation.try_get_value() != Some(this_request) {
                return;
            }
            set_state.try_set(match result {
                Ok(value) => Load::Ready(value),
                Err(_) if timed_out.get() => Load::Failed(ApiError::Timeout),
                Err(error) => Load::Failed(error),
            });
        });
    });

    Loader { state, retries }
}
