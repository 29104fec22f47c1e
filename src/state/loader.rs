//! Keeps a view on the answer to its newest request.
//!
//! Leptos' `LocalResource` lets a slow, superseded request finish and commit before the newer
//! one; here a newer key drops the older request at once (its shared fetch is aborted when no
//! one else waits for it) and a late answer can never overwrite a newer view.
//!
//! It also knows when what is shown is a stored answer rather than a live one (`saved`), so a
//! view can say how old it is when the API cannot be reached, and it asks again by itself when
//! the browser comes back online.

use crate::api::cache::Cached;
use crate::api::ApiError;
use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// How long before we tell the user the API is slow, and how long we wait at all.
const SLOW_AFTER: Duration = Duration::from_secs(5);
const TIMEOUT: Duration = Duration::from_secs(60);

/// The state of a request as a view shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// Where a shown answer came from when it is not a live one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Saved {
    /// When it was stored, in ms since the epoch.
    pub stored_at: u64,
    /// Asking the API for a newer one failed.
    pub refresh_failed: bool,
}

/// A view's data: the answer to the newest request, whether it is slow, and a way to retry.
pub struct Loader<T: Send + Sync + 'static> {
    pub state: ReadSignal<Load<T>>,
    /// True once the current request has waited `SLOW_AFTER`.
    pub slow: ReadSignal<bool>,
    /// Set while the answer shown is a stored one.
    pub saved: ReadSignal<Option<Saved>>,
    /// Whether the browser says it is online (updated by its `online`/`offline` events).
    pub online: ReadSignal<bool>,
    retries: RwSignal<u32>,
    /// Retries the app made by itself since the key changed or the user retried.
    auto_retries: RwSignal<u32>,
}

// Not derived: a derive would demand `T: Copy`, but only the signal handles are copied.
impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Send + Sync + 'static> Loader<T> {
    /// The user asked again: automatic retries start over.
    pub fn retry(&self) {
        self.auto_retries.set(0);
        self.retries.update(|count| *count += 1);
    }

    /// The app asks again by itself (after a throttle's wait).
    pub fn retry_automatically(&self) {
        self.auto_retries.update(|count| *count += 1);
        self.retries.update(|count| *count += 1);
    }

    /// How many automatic retries this view has made (tracked).
    pub fn auto_retries(&self) -> u32 {
        self.auto_retries.get()
    }
}

impl<T> Cached<T> {
    /// The stored value, where it came from, and whether to ask for a newer one now (`None`:
    /// nothing stored).
    fn into_shown(self) -> Option<(T, Saved, bool)> {
        let (value, stored_at, refresh) = match self {
            Cached::Miss => return None,
            Cached::Fresh { value, stored_at } => (value, stored_at, false),
            Cached::Stale {
                value,
                stored_at,
                may_refresh,
            } => (value, stored_at, may_refresh),
        };
        let saved = Saved {
            stored_at,
            refresh_failed: false,
        };
        Some((value, saved, refresh))
    }
}

/// Runs `fetch(key)` whenever the tracked `key()` changes (nothing while it is `None`) and on
/// retry, after consulting `cached(&key)`.
pub fn use_latest<K, T, Fut>(
    key: impl Fn() -> Option<K> + 'static,
    cached: impl Fn(&K) -> Cached<T> + 'static,
    fetch: impl Fn(K) -> Fut + 'static,
) -> Loader<T>
where
    K: Clone + PartialEq + 'static,
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    // The machinery below is compiled once per kind of answer, not once per call site: each
    // copy is KBs of wasm every visitor downloads.
    latest(
        Box::new(key),
        Box::new(cached),
        Box::new(move |key| Box::pin(fetch(key))),
    )
}

type Fetch<K, T> = Box<dyn Fn(K) -> Pin<Box<dyn Future<Output = Result<T, ApiError>>>>>;
type FromCache<K, T> = Box<dyn Fn(&K) -> Cached<T>>;

fn latest<K, T>(
    key: Box<dyn Fn() -> Option<K>>,
    cached: FromCache<K, T>,
    fetch: Fetch<K, T>,
) -> Loader<T>
where
    K: Clone + PartialEq + 'static,
    T: Send + Sync + 'static,
{
    // A fresh cached answer is there from the first render: no loading state flashes by.
    let mut shown_key = None;
    let mut initial_saved = None;
    let first_key = untrack(&key);
    let initial = match first_key
        .clone()
        .map(|key| (cached(&key).into_shown(), key))
    {
        Some((Some((value, saved, refresh)), key)) => {
            // A stale answer stays unclaimed, so the first run refreshes it.
            if !refresh {
                shown_key = Some(key);
            }
            initial_saved = Some(saved);
            Load::Ready(value)
        }
        _ => Load::Loading,
    };
    let (state, set_state) = signal(initial);
    let (saved, set_saved) = signal(initial_saved);
    // The key the state belongs to (or is being loaded for); the same key again is no news.
    let current_key: StoredValue<Option<K>, LocalStorage> = StoredValue::new_local(shown_key);
    // The key the initial state was built for (its loading view, when it is one).
    let first_key: StoredValue<Option<K>, LocalStorage> = StoredValue::new_local(first_key);
    let (slow, set_slow) = signal(false);
    let retries = RwSignal::new(0u32);
    let revalidations = RwSignal::new(0u32);
    let auto_retries = RwSignal::new(0u32);
    let current: StoredValue<Option<AbortHandle>, LocalStorage> = StoredValue::new_local(None);
    let generation = StoredValue::new(0u64);
    let retries_seen = StoredValue::new(0u32);
    let revalidations_seen = StoredValue::new(0u32);

    let drop_current = move || {
        current.try_update_value(|handle| {
            if let Some(handle) = handle.take() {
                handle.abort();
            }
        });
    };
    on_cleanup(drop_current);

    Effect::new(move |previous_run: Option<()>| {
        let retry_count = retries.get();
        let retrying = previous_run.is_some() && retry_count != retries_seen.get_value();
        retries_seen.set_value(retry_count);
        let revalidation_count = revalidations.get();
        let revalidating =
            previous_run.is_some() && revalidation_count != revalidations_seen.get_value();
        revalidations_seen.set_value(revalidation_count);
        let Some(key) = key() else {
            return;
        };
        // A re-run with the same key (something it reads was set to the same value) must
        // neither restart the request in flight nor repeat one that is done.
        if !retrying
            && !revalidating
            && current_key.with_value(|current| current.as_ref() == Some(&key))
        {
            return;
        }
        if !retrying {
            auto_retries.set(0);
        }
        current_key.set_value(Some(key.clone()));
        drop_current();
        let this_request = generation.get_value() + 1;
        generation.set_value(this_request);
        if slow.get_untracked() {
            set_slow.set(false);
        }

        // A retry always asks the API; otherwise the cache may answer.
        let found = if retrying {
            None
        } else {
            cached(&key).into_shown()
        };
        let background = match found {
            Some((value, stored, refresh)) => {
                set_saved.set(Some(stored));
                set_state.set(Load::Ready(value));
                if !refresh {
                    return;
                }
                true
            }
            None => {
                if saved.get_untracked().is_some() {
                    set_saved.set(None);
                }
                // The first run's state is already this key's loading view: setting it again
                // would only build the same placeholders a second time.
                let shown = previous_run.is_none()
                    && first_key.with_value(|first| first.as_ref() == Some(&key))
                    && state.with_untracked(|state| matches!(state, Load::Loading));
                if !shown {
                    set_state.set(Load::Loading);
                }
                false
            }
        };

        let (handle, registration) = AbortHandle::new_pair();
        current.set_value(Some(handle.clone()));
        let slow_timer = (!background)
            .then(|| {
                set_timeout_with_handle(
                    move || {
                        if generation.try_get_value() == Some(this_request) {
                            set_slow.try_set(true);
                        }
                    },
                    SLOW_AFTER,
                )
                .ok()
            })
            .flatten();
        let timeout = set_timeout_with_handle(
            {
                let handle = handle.clone();
                move || handle.abort()
            },
            TIMEOUT,
        )
        .ok();

        let request = Abortable::new(fetch(key), registration);
        spawn_local(async move {
            let result = request.await;
            for timer in [slow_timer, timeout].into_iter().flatten() {
                timer.clear();
            }
            // Superseded, or the view is gone: a newer request owns the state now.
            if generation.try_get_value() != Some(this_request) {
                return;
            }
            set_slow.try_set(false);
            let next = match result {
                Ok(Ok(value)) => Load::Ready(value),
                // A failed background refresh keeps the stale answer on screen, and says so.
                Ok(Err(_)) | Err(_) if background => {
                    set_saved.try_update(|saved| {
                        if let Some(saved) = saved {
                            saved.refresh_failed = true;
                        }
                    });
                    return;
                }
                Ok(Err(error)) => Load::Failed(error),
                Err(_aborted) => Load::Failed(ApiError::Timeout),
            };
            set_saved.try_set(None);
            set_state.try_set(next);
        });
    });

    let failed = Box::new(move || state.with_untracked(|state| matches!(state, Load::Failed(_))));
    let online = follow_connection(failed, saved, retries, auto_retries, revalidations);

    Loader {
        state,
        slow,
        saved,
        online,
        retries,
        auto_retries,
    }
}

/// Whether the browser is online, followed through its events. Back online, a failed view asks
/// again and a stored one is looked at again (refreshed if stale and the quota allows: the
/// cache decides). Not generic: one copy in the wasm for every kind of answer.
fn follow_connection(
    failed: Box<dyn Fn() -> bool>,
    saved: ReadSignal<Option<Saved>>,
    retries: RwSignal<u32>,
    auto_retries: RwSignal<u32>,
    revalidations: RwSignal<u32>,
) -> ReadSignal<bool> {
    if !crate::IN_BROWSER {
        return signal(true).0;
    }
    let (online, set_online) = signal(window().navigator().on_line());
    let went_online = window_event_listener_untyped("online", move |_| {
        set_online.set(true);
        if failed() {
            auto_retries.set(0);
            retries.update(|count| *count += 1);
        } else if saved.get_untracked().is_some() {
            revalidations.update(|count| *count += 1);
        }
    });
    let went_offline = window_event_listener_untyped("offline", move |_| set_online.set(false));
    on_cleanup(move || {
        went_online.remove();
        went_offline.remove();
    });
    online
}
