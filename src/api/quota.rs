//! What we know of the visitor's LL2 quota, from `/api-throttle/` (free of charge) and from 429
//! answers. It decides whether a background refresh may spend a request, and feeds the meter.

use super::models::Throttle;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quota {
    /// Requests allowed per window (0 when unknown).
    pub limit: u64,
    /// Requests used in the current window.
    pub used: u64,
    /// Length of the window in seconds.
    pub window_secs: u64,
    /// Seconds until the next request is allowed, as of `observed_at`.
    pub wait_secs: u64,
    /// When this was learned, in ms since the epoch.
    pub observed_at: u64,
}

impl Quota {
    pub fn from_throttle(throttle: &Throttle, now: u64) -> Quota {
        Quota {
            limit: throttle.your_request_limit,
            used: throttle.current_use,
            window_secs: throttle.limit_frequency_secs,
            wait_secs: throttle.next_use_secs,
            observed_at: now,
        }
    }

    /// After a 429: nothing more until `wait_secs` have passed.
    pub fn throttled(previous: Option<Quota>, wait_secs: u64, now: u64) -> Quota {
        let previous = previous.unwrap_or(Quota {
            limit: 0,
            used: 0,
            window_secs: 0,
            wait_secs: 0,
            observed_at: now,
        });
        Quota {
            used: previous.used.max(previous.limit),
            wait_secs,
            observed_at: now,
            ..previous
        }
    }

    /// Seconds from `now` until a request is allowed again.
    pub fn seconds_until_available(&self, now: u64) -> u64 {
        let elapsed = now.saturating_sub(self.observed_at) / 1000;
        self.wait_secs.saturating_sub(elapsed)
    }

    /// One more request spent since this was learned (counted locally between quota checks).
    pub fn after_request(&self) -> Quota {
        Quota {
            used: self.used.saturating_add(1),
            ..*self
        }
    }

    /// True while the API would refuse a request.
    pub fn is_exhausted(&self, now: u64) -> bool {
        self.seconds_until_available(now) > 0 || (self.limit > 0 && self.used >= self.limit)
    }

    /// A request we could do without (a background refresh) may only spend the quota when at
    /// least one request remains after it for what the user asks next.
    pub fn allows_background_request(&self, now: u64) -> bool {
        !self.is_exhausted(now) && (self.limit == 0 || self.used + 1 < self.limit)
    }
}

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub use browser::{current, install, publish};

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod browser {
    use super::Quota;
    use leptos::prelude::*;
    use std::cell::Cell;

    thread_local! {
        static SIGNAL: Cell<Option<RwSignal<Option<Quota>>>> = const { Cell::new(None) };
    }

    /// Makes `signal` the place the client publishes quota news to.
    pub fn install(signal: RwSignal<Option<Quota>>) {
        SIGNAL.with(|cell| cell.set(Some(signal)));
    }

    pub fn publish(quota: Quota) {
        if let Some(signal) = SIGNAL.with(Cell::get) {
            signal.try_set(Some(quota));
        }
    }

    pub fn current() -> Option<Quota> {
        SIGNAL
            .with(Cell::get)
            .and_then(|signal| signal.try_get_untracked().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quota(limit: u64, used: u64, wait_secs: u64) -> Quota {
        Quota {
            limit,
            used,
            window_secs: 3600,
            wait_secs,
            observed_at: 0,
        }
    }

    #[test]
    fn the_wait_counts_down() {
        let q = quota(15, 15, 754);
        assert_eq!(q.seconds_until_available(0), 754);
        assert_eq!(q.seconds_until_available(4_000), 750);
        assert_eq!(q.seconds_until_available(1_000_000), 0);
    }

    #[test]
    fn background_refreshes_keep_a_request_in_reserve() {
        assert!(quota(15, 3, 0).allows_background_request(0));
        assert!(!quota(15, 14, 0).allows_background_request(0));
        assert!(!quota(15, 15, 0).allows_background_request(0));
        assert!(!quota(15, 0, 30).allows_background_request(0));
        assert!(quota(0, 0, 0).allows_background_request(0), "unknown limit");
    }

    #[test]
    fn requests_between_checks_are_counted_here() {
        let q = quota(15, 14, 0).after_request();
        assert_eq!(q.used, 15);
        assert!(q.is_exhausted(0), "the 15th request used up the hour");
    }

    #[test]
    fn a_429_exhausts_the_quota_until_the_wait_is_over() {
        let q = Quota::throttled(Some(quota(15, 9, 0)), 60, 1_000);
        assert!(q.is_exhausted(1_000));
        assert_eq!(q.used, 15);
        assert_eq!(q.seconds_until_available(31_000), 30);
    }

    #[test]
    fn the_throttle_endpoint_maps_across() {
        let throttle = Throttle {
            your_request_limit: 15,
            limit_frequency_secs: 3600,
            current_use: 4,
            next_use_secs: 0,
        };
        let q = Quota::from_throttle(&throttle, 5);
        assert_eq!(
            (q.limit, q.used, q.window_secs, q.wait_secs),
            (15, 4, 3600, 0)
        );
        assert!(!q.is_exhausted(5));
    }
}
