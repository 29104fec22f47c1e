//! The browser side of the API: one cached, shared GET and the endpoint calls built on it.
//!
//! - A fresh cached answer is used without a request (see `cache`).
//! - Identical requests in flight share one fetch; it is aborted when nobody waits any more.
//! - A fetch that fails without a status (offline, DNS, or a 429 without CORS headers, which
//!   looks exactly the same) asks the free `/api-throttle/` endpoint what happened.

use super::loader::Cached;
use super::models::{IdName, Page, SpacecraftConfig, Throttle};
use super::quota::{self, Quota};
use super::{cache, decode, endpoints, ApiError};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use web_sys::{AbortController, AbortSignal};

type SharedFetch = Shared<LocalBoxFuture<'static, Result<String, ApiError>>>;

struct InFlight {
    /// Tells this fetch from a later one for the same URL.
    id: u64,
    fetch: SharedFetch,
    waiters: usize,
    controller: Option<AbortController>,
}

thread_local! {
    static IN_FLIGHT: RefCell<HashMap<String, InFlight>> = RefCell::new(HashMap::new());
    static BASE: RefCell<String> = RefCell::new(endpoints::DEFAULT_BASE.to_string());
    static AUTHORIZATION: RefCell<Option<String>> = const { RefCell::new(None) };
    static QUOTA_CHECK_RUNNING: Cell<bool> = const { Cell::new(false) };
    static NEXT_FETCH_ID: Cell<u64> = const { Cell::new(0) };
}

/// Sets the API base (for the quota endpoint) and the `Authorization` header for what follows.
pub fn configure(base: &str, authorization: Option<String>) {
    BASE.with(|cell| *cell.borrow_mut() = base.to_string());
    AUTHORIZATION.with(|cell| *cell.borrow_mut() = authorization);
}

/// GETs `url` as `T`, from the cache when a fresh answer is there.
pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    if let Some(value) = cache::fresh(url).and_then(|body| decode(&body).ok()) {
        return Ok(value);
    }
    let body = shared_fetch(url).await?;
    let value = decode(&body)?;
    cache::store(url, &body);
    Ok(value)
}

/// A cached answer for `url`, fresh or stale (and which), to show before any request.
pub fn cached<T: DeserializeOwned>(url: &str) -> Option<(T, bool)> {
    let (entry, fresh) = cache::lookup(url)?;
    decode(&entry.body).ok().map(|value| (value, fresh))
}

/// What a view can show for `url` before asking the API: a fresh answer ends it, a stale one is
/// shown while a background refresh runs, if the quota allows one.
pub fn cached_view<T: DeserializeOwned>(url: &str) -> Cached<T> {
    match cached(url) {
        Some((value, true)) => Cached::Fresh(value),
        Some((value, false)) => Cached::Stale(value, quota_allows_background_request()),
        None => Cached::Miss,
    }
}

/// True when a request we could do without may spend the quota now.
pub fn quota_allows_background_request() -> bool {
    quota::current().is_none_or(|quota| quota.allows_background_request(js_sys::Date::now()))
}

/// Joins the fetch of `url` in flight, or starts it. Dropping the returned future (the caller
/// lost interest) leaves the fetch; the last one to leave aborts it.
async fn shared_fetch(url: &str) -> Result<String, ApiError> {
    let (id, fetch) = IN_FLIGHT.with(|in_flight| {
        let mut in_flight = in_flight.borrow_mut();
        let entry = in_flight.entry(url.to_string()).or_insert_with(|| {
            let id = NEXT_FETCH_ID.with(|next| next.replace(next.get() + 1));
            let controller = AbortController::new().ok();
            let signal = controller.as_ref().map(AbortController::signal);
            let owned_url = url.to_string();
            let fetch = async move {
                let result = network_get(&owned_url, signal).await;
                IN_FLIGHT.with(|in_flight| {
                    let mut in_flight = in_flight.borrow_mut();
                    if in_flight
                        .get(&owned_url)
                        .is_some_and(|entry| entry.id == id)
                    {
                        in_flight.remove(&owned_url);
                    }
                });
                result
            }
            .boxed_local()
            .shared();
            InFlight {
                id,
                fetch,
                waiters: 0,
                controller,
            }
        });
        entry.waiters += 1;
        (entry.id, entry.fetch.clone())
    });
    let _waiter = Waiter(url.to_string(), id);
    fetch.await
}

/// One caller waiting on the shared fetch with this URL and id.
struct Waiter(String, u64);

impl Drop for Waiter {
    fn drop(&mut self) {
        IN_FLIGHT.with(|in_flight| {
            let mut in_flight = in_flight.borrow_mut();
            let Some(entry) = in_flight
                .get_mut(&self.0)
                .filter(|entry| entry.id == self.1)
            else {
                return;
            };
            entry.waiters = entry.waiters.saturating_sub(1);
            if entry.waiters == 0 {
                if let Some(entry) = in_flight.remove(&self.0) {
                    if let Some(controller) = entry.controller {
                        controller.abort();
                    }
                }
            }
        });
    }
}

/// The request itself: status, body and what a failure means.
async fn network_get(url: &str, signal: Option<AbortSignal>) -> Result<String, ApiError> {
    let mut request = Request::get(url).abort_signal(signal.as_ref());
    if let Some(authorization) = AUTHORIZATION.with(|cell| cell.borrow().clone()) {
        request = request.header("Authorization", &authorization);
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(_) if signal.as_ref().is_some_and(AbortSignal::aborted) => {
            return Err(ApiError::Network { offline: false });
        }
        Err(_) => return Err(explain_failure().await),
    };
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.map_err(|_| network_error())?;
    if (200..300).contains(&status) {
        refresh_quota();
        return Ok(body);
    }
    let error = ApiError::from_response(status, retry_after.as_deref(), &body);
    if let ApiError::Throttled { retry_after_secs } = error {
        // What the 429 said is newer than anything the quota endpoint could tell us now.
        let now = js_sys::Date::now();
        quota::publish(Quota::throttled(
            quota::current(),
            retry_after_secs.unwrap_or(0),
            now,
        ));
    } else {
        refresh_quota();
    }
    Err(error)
}

fn network_error() -> ApiError {
    ApiError::Network {
        offline: !window().navigator().on_line(),
    }
}

/// A fetch rejected without a status. A throttled answer without CORS headers is unreadable
/// in a browser, so ask the quota endpoint (free) whether that is what happened.
async fn explain_failure() -> ApiError {
    let offline = !window().navigator().on_line();
    if offline {
        return ApiError::Network { offline };
    }
    match fetch_quota().await {
        Some(quota) if quota.is_exhausted(quota.observed_at) => ApiError::Throttled {
            retry_after_secs: Some(quota.wait_secs).filter(|secs| *secs > 0),
        },
        _ => ApiError::Network { offline },
    }
}

/// Reads `/api-throttle/` and publishes what it says.
async fn fetch_quota() -> Option<Quota> {
    let url = BASE.with(|base| endpoints::api_throttle(&base.borrow()));
    let mut request = Request::get(&url);
    if let Some(authorization) = AUTHORIZATION.with(|cell| cell.borrow().clone()) {
        request = request.header("Authorization", &authorization);
    }
    let response = request.send().await.ok()?;
    if !response.ok() {
        return None;
    }
    let throttle: Throttle = decode(&response.text().await.ok()?).ok()?;
    let quota = Quota::from_throttle(&throttle, js_sys::Date::now());
    quota::publish(quota);
    Some(quota)
}

/// Updates the quota meter in the background (one check at a time).
pub fn refresh_quota() {
    if QUOTA_CHECK_RUNNING.with(|running| running.replace(true)) {
        return;
    }
    spawn_local(async {
        fetch_quota().await;
        QUOTA_CHECK_RUNNING.with(|running| running.set(false));
    });
}

/// All spacecraft statuses (one page holds them all).
pub async fn statuses(base: String) -> Result<Vec<IdName>, ApiError> {
    let page: Page<IdName> = get_json(&endpoints::statuses(&base)).await?;
    Ok(page.results)
}

/// Every spacecraft configuration, all pages, sorted by name.
pub async fn configurations(base: String) -> Result<Vec<SpacecraftConfig>, ApiError> {
    let first: Page<SpacecraftConfig> = get_json(&endpoints::configurations(&base, 0)).await?;
    let mut all = first.results;
    for offset in endpoints::remaining_offsets(first.count, endpoints::LOOKUP_PAGE_SIZE) {
        let page: Page<SpacecraftConfig> =
            get_json(&endpoints::configurations(&base, offset)).await?;
        if page.results.is_empty() {
            break;
        }
        all.extend(page.results);
    }
    all.sort_by_key(|config| config.name.to_lowercase());
    all.dedup_by_key(|config| config.id);
    Ok(all)
}
