//! The browser side of the API: one cached, shared GET and the endpoint calls built on it.
//!
//! - A fresh cached answer is used without a request (see `cache`).
//! - Identical requests in flight (same URL, same credentials) share one fetch; it is aborted
//!   when nobody waits any more.
//! - The first request may already be on its way: `index.html` starts it before the wasm
//!   arrives (`src/prefetch.js`), and it is adopted here instead of asked again.
//! - A fetch that fails without a status (offline, DNS, or a 429 without CORS headers, which
//!   looks exactly the same) asks the free `/api-throttle/` endpoint what happened.
//! - The quota meter is read from `/api-throttle/` only when it matters (after the first view
//!   is shown, after a throttle, when the settings open) and counted locally in between.

use super::cache::Cached;
use super::endpoints::{Api, ApiRequest, FlightsOf};
use super::models::{usable_choices, Flight, IdName, Logbook, Page, SpacecraftConfig, Throttle};
use super::quota::{self, Quota};
use super::{cache, decode, endpoints, ApiError};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Headers, Request, Response};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

type SharedFetch = Shared<LocalBoxFuture<'static, Result<String, ApiError>>>;
/// A fetch in flight is the same fetch only for the same URL asked with the same credentials.
type FetchKey = (String, Option<String>);

struct InFlight {
    /// Tells this fetch from a later one with the same key.
    id: u64,
    fetch: SharedFetch,
    waiters: usize,
    controller: Option<AbortController>,
}

thread_local! {
    static IN_FLIGHT: RefCell<HashMap<FetchKey, InFlight>> = RefCell::new(HashMap::new());
    /// The API the visitor's settings name now; quota news about any other is old news.
    static CURRENT: RefCell<Api> = RefCell::new(Api {
        base: endpoints::DEFAULT_BASE.to_string(),
        authorization: None,
    });
    /// The API whose quota check is running, if one is.
    static QUOTA_CHECK: RefCell<Option<Api>> = const { RefCell::new(None) };
    static FIRST_VIEW_SHOWN: Cell<bool> = const { Cell::new(false) };
    static NEXT_FETCH_ID: Cell<u64> = const { Cell::new(0) };
}

/// Makes `api` the one whose quota the meter shows.
pub fn use_api(api: &Api) {
    CURRENT.with(|current| *current.borrow_mut() = api.clone());
}

fn is_current(api: &Api) -> bool {
    CURRENT.with(|current| &*current.borrow() == api)
}

/// GETs `request` as `T`, from the cache when a fresh answer is there.
pub async fn get_json<T: DeserializeOwned>(request: ApiRequest) -> Result<T, ApiError> {
    if let Some(value) = cache::fresh(&request).and_then(|body| decode(&body).ok()) {
        return Ok(value);
    }
    let body = shared_fetch(&request).await?;
    let value = decode(&body)?;
    cache::store(&request, &body);
    Ok(value)
}

/// What a view can show for `request` before asking the API: a fresh answer ends it, a stale
/// one is shown while a background refresh runs, if the quota allows one.
pub fn cached_view<T: DeserializeOwned>(request: &ApiRequest) -> Cached<T> {
    let Some((entry, fresh)) = cache::lookup(request) else {
        return Cached::Miss;
    };
    let stored_at = entry.stored_at;
    match decode(&entry.body) {
        Ok(value) if fresh => Cached::Fresh { value, stored_at },
        Ok(value) => Cached::Stale {
            value,
            stored_at,
            // Offline the request could only fail: it is made when the browser is back.
            may_refresh: quota_allows_background_request() && window().navigator().on_line(),
        },
        Err(_) => Cached::Miss,
    }
}

/// True when a request we could do without may spend the quota now.
pub fn quota_allows_background_request() -> bool {
    quota::current().is_none_or(|quota| quota.allows_background_request(cache::now_ms()))
}

/// Joins the fetch of `request` in flight, or starts it. Dropping the returned future (the
/// caller lost interest) leaves the fetch; the last one to leave aborts it.
async fn shared_fetch(request: &ApiRequest) -> Result<String, ApiError> {
    let key: FetchKey = (request.url.clone(), request.api.authorization.clone());
    let (id, fetch) = IN_FLIGHT.with(|in_flight| {
        let mut in_flight = in_flight.borrow_mut();
        let entry = in_flight
            .entry(key.clone())
            .or_insert_with(|| start_fetch(request, key.clone()));
        entry.waiters += 1;
        (entry.id, entry.fetch.clone())
    });
    let _waiter = Waiter(key, id);
    fetch.await
}

/// A new shared fetch of `request`, which leaves the in-flight list when it ends.
fn start_fetch(request: &ApiRequest, key: FetchKey) -> InFlight {
    let id = NEXT_FETCH_ID.with(|next| next.replace(next.get() + 1));
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    let request = request.clone();
    let fetch = async move {
        let result = network_get(&request, signal).await;
        IN_FLIGHT.with(|in_flight| {
            let mut in_flight = in_flight.borrow_mut();
            if in_flight.get(&key).is_some_and(|entry| entry.id == id) {
                in_flight.remove(&key);
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
}

/// One caller waiting on the shared fetch with this key and id.
struct Waiter(FetchKey, u64);

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
                if let Some(controller) =
                    in_flight.remove(&self.0).and_then(|entry| entry.controller)
                {
                    controller.abort();
                }
            }
        });
    }
}

/// An HTTP answer, read whole.
struct Answer {
    status: u16,
    retry_after: Option<String>,
    body: String,
}

/// The request itself (or the prefetch that already asked it): status, body and what a
/// failure means.
async fn network_get(
    request: &ApiRequest,
    signal: Option<AbortSignal>,
) -> Result<String, ApiError> {
    let answer = match adopt_prefetch(request) {
        Some(prefetched) => prefetched.await,
        None => send(request, signal.as_ref()).await,
    };
    let answer = match answer {
        Ok(answer) => answer,
        Err(()) if signal.as_ref().is_some_and(AbortSignal::aborted) => {
            return Err(ApiError::Network { offline: false });
        }
        Err(()) => return Err(explain_failure(request).await),
    };
    let error = if (200..300).contains(&answer.status) {
        None
    } else {
        Some(
            ApiError::from_response(answer.status, answer.retry_after.as_deref(), &answer.body)
                .for_request(request.authorization().is_some()),
        )
    };
    match &error {
        Some(ApiError::Throttled { retry_after_secs }) => {
            // What the 429 said is newer than anything the quota endpoint could tell us now.
            if is_current(&request.api) {
                quota::publish(Quota::throttled(
                    quota::current(),
                    retry_after_secs.unwrap_or(0),
                    cache::now_ms(),
                ));
            }
        }
        _ => count_request(request),
    }
    match error {
        None => Ok(answer.body),
        Some(error) => Err(error),
    }
}

async fn send(request: &ApiRequest, signal: Option<&AbortSignal>) -> Result<Answer, ()> {
    let response = fetch(&request.url, request.authorization(), signal).await?;
    Ok(Answer {
        status: response.status(),
        retry_after: response.headers().get("retry-after"),
        body: response.text().await.map_err(drop)?,
    })
}

/// A GET. `Err` is a fetch that was rejected without a status: network, CORS, aborted, or a
/// key the browser will not put in a header.
async fn fetch(
    url: &str,
    authorization: Option<&str>,
    signal: Option<&AbortSignal>,
) -> Result<Response, ()> {
    let mut builder = Request::get(url).abort_signal(signal);
    if let Some(authorization) = authorization {
        // Set on the browser's own `Headers`, which refuses a value it cannot carry with an
        // error we can handle (gloo-net's `header()` would throw it through the wasm instead).
        let headers = web_sys::Headers::new().map_err(drop)?;
        headers.set("Authorization", authorization).map_err(drop)?;
        builder = builder.headers(Headers::from_raw(headers));
    }
    builder.send().await.map_err(drop)
}

/// The inline script's fetch, when it asked exactly this (same URL, same credentials); taken
/// once. Anything unexpected in what it left is ignored: the app then asks itself.
fn adopt_prefetch(request: &ApiRequest) -> Option<LocalBoxFuture<'static, Result<Answer, ()>>> {
    let window: JsValue = window().into();
    let key = JsValue::from_str("__ll2Prefetch");
    let prefetch = js_sys::Reflect::get(&window, &key).ok()?;
    if !prefetch.is_object() {
        return None;
    }
    let field = |name: &str| js_sys::Reflect::get(&prefetch, &JsValue::from_str(name)).ok();
    let url = field("url")?.as_string()?;
    let authorization = field("authorization")?.as_string();
    if url != request.url || authorization.as_deref() != request.authorization() {
        return None;
    }
    let promise = field("response")?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::set(&window, &key, &JsValue::UNDEFINED);
    Some(
        async move {
            let answer = JsFuture::from(promise).await.map_err(|_| ())?;
            // An answer already there when the app starts would be drawn in the very task that
            // mounted the app: one long task. Its cards wait for the next one instead.
            next_task().await;
            let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).ok();
            let status = field("status")
                .and_then(|status| status.as_f64())
                .filter(|status| (100.0..600.0).contains(status))
                .ok_or(())? as u16;
            Ok(Answer {
                status,
                retry_after: field("retryAfter").and_then(|value| value.as_string()),
                body: field("body").and_then(|body| body.as_string()).ok_or(())?,
            })
        }
        .boxed_local(),
    )
}

/// Resolves in a task of its own (a zero timeout), so the work before and after it are two
/// tasks, not one long one.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// One more request spent: counted on the meter until the next real check.
fn count_request(request: &ApiRequest) {
    if is_current(&request.api) {
        if let Some(quota) = quota::current() {
            quota::publish(quota.after_request());
        }
    }
}

/// A page has shown its first answer (from the API or the cache): once per visit, read the
/// quota then, after the paint, off the first view's critical path.
pub fn first_view_shown() {
    if !FIRST_VIEW_SHOWN.with(|shown| shown.replace(true)) {
        request_animation_frame(|| set_timeout(refresh_quota, std::time::Duration::ZERO));
    }
}

/// A fetch rejected without a status. A throttled answer without CORS headers is unreadable
/// in a browser, so ask the quota endpoint (free) whether that is what happened.
async fn explain_failure(request: &ApiRequest) -> ApiError {
    let offline = !window().navigator().on_line();
    if offline {
        return ApiError::Network { offline };
    }
    match fetch_quota(request.api.clone()).await {
        Some(quota) if quota.is_exhausted(quota.observed_at) => ApiError::Throttled {
            retry_after_secs: Some(quota.wait_secs).filter(|secs| *secs > 0),
        },
        _ => ApiError::Network { offline },
    }
}

/// Reads `/api-throttle/` of `api` and publishes what it says, if `api` is still the current
/// one when the answer comes.
async fn fetch_quota(api: Api) -> Option<Quota> {
    let response = fetch(&api.api_throttle(), api.authorization.as_deref(), None)
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    let throttle: Throttle = decode(&response.text().await.ok()?).ok()?;
    let quota = Quota::from_throttle(&throttle, cache::now_ms());
    if is_current(&api) {
        quota::publish(quota);
    }
    Some(quota)
}

/// Updates the quota meter from the API (one check at a time per API; a check for an API the
/// visitor left does not hold up one for the new).
pub fn refresh_quota() {
    let api = CURRENT.with(|current| current.borrow().clone());
    let already_running = QUOTA_CHECK.with(|running| {
        let mut running = running.borrow_mut();
        if running.as_ref() == Some(&api) {
            return true;
        }
        *running = Some(api.clone());
        false
    });
    if already_running {
        return;
    }
    spawn_local(async move {
        fetch_quota(api.clone()).await;
        QUOTA_CHECK.with(|running| {
            let mut running = running.borrow_mut();
            if running.as_ref() == Some(&api) {
                *running = None;
            }
        });
    });
}

/// All spacecraft statuses (one page holds them all); entries without an id are not choices.
pub async fn statuses(api: Api) -> Result<Vec<IdName>, ApiError> {
    let page: Page<IdName> = get_json(api.statuses()).await?;
    Ok(usable_choices(page.results, |status| status.id))
}

/// Every spacecraft configuration, all pages, each id once, in the API's order by name.
pub async fn configurations(api: Api) -> Result<Vec<SpacecraftConfig>, ApiError> {
    let first: Page<SpacecraftConfig> = get_json(api.configurations(0)).await?;
    let mut all = first.results;
    for offset in endpoints::remaining_offsets(first.count, endpoints::LOOKUP_PAGE_SIZE) {
        let page: Page<SpacecraftConfig> = get_json(api.configurations(offset)).await?;
        if page.results.is_empty() {
            break;
        }
        all.extend(page.results);
    }
    Ok(usable_choices(all, |config| config.id))
}

/// A spacecraft's logbook: every page of its flights, each record read on its own (an odd one is
/// skipped and counted).
pub async fn spacecraft_flights(of: FlightsOf) -> Result<Logbook, ApiError> {
    let first: Page<Flight> = get_json(of.page(0)).await?;
    let offsets = endpoints::remaining_offsets(first.count, endpoints::LOOKUP_PAGE_SIZE);
    let mut pages = vec![first];
    for offset in offsets {
        let page: Page<Flight> = get_json(of.page(offset)).await?;
        if page.results.is_empty() && page.skipped == 0 {
            break;
        }
        pages.push(page);
    }
    Ok(Logbook::from_pages(pages))
}

/// The logbook from the cache, only when every page of it is there: fresh when all are, stale
/// (stamped with the oldest page) when one is not.
pub fn cached_flights(of: &FlightsOf) -> Cached<Logbook> {
    let mut pages = Vec::new();
    let mut oldest = u64::MAX;
    // `None` while every page is fresh; once one is stale, whether a refresh may be asked.
    let mut refresh: Option<bool> = None;
    let mut offsets = vec![0];
    let mut index = 0;
    while let Some(&offset) = offsets.get(index) {
        let (page, stored_at, stale): (Page<Flight>, u64, Option<bool>) =
            match cached_view(&of.page(offset)) {
                Cached::Miss => return Cached::Miss,
                Cached::Fresh { value, stored_at } => (value, stored_at, None),
                Cached::Stale {
                    value,
                    stored_at,
                    may_refresh,
                } => (value, stored_at, Some(may_refresh)),
            };
        if index == 0 {
            offsets.extend(endpoints::remaining_offsets(
                page.count,
                endpoints::LOOKUP_PAGE_SIZE,
            ));
        }
        oldest = oldest.min(stored_at);
        refresh = refresh.or(stale);
        pages.push(page);
        index += 1;
    }
    let value = Logbook::from_pages(pages);
    match refresh {
        None => Cached::Fresh {
            value,
            stored_at: oldest,
        },
        Some(may_refresh) => Cached::Stale {
            value,
            stored_at: oldest,
            may_refresh,
        },
    }
}
