//! Where each record of a compare link comes from, for the page and for the frame, which asks
//! for the records while the page's code is still on its way (a chunk of the split build).

use crate::api::cache::{now_ms, Cached};
use crate::api::client;
use crate::api::endpoints::{Api, ApiRequest};
use crate::api::models::Spacecraft;
use crate::state::seen;
use crate::url::compare_ids::CompareQuery;
use leptos::task::spawn_local;

/// One column's record: a fresh detail answer, else the record a list answer had, else the
/// detail answer (stale or none).
pub fn seen_or_cached(id: u64) -> impl Fn(&ApiRequest) -> Cached<Spacecraft> {
    move |request| match client::cached_view(request) {
        fresh @ Cached::Fresh { .. } => fresh,
        stored => match seen::get(id, &request.api.base) {
            Some(value) => Cached::Fresh {
                value,
                stored_at: now_ms(),
            },
            None => stored,
        },
    }
}

/// Asks for the records of `link` that nothing holds yet, now: the page, once its code has
/// come, joins the requests in flight or finds their answers stored (`client`), so this costs
/// no request it would not make. A stored record, even stale, is left to the page, which
/// decides whether the quota allows refreshing it.
pub fn ask_early(link: &CompareQuery, api: &Api) {
    if !crate::IN_BROWSER {
        return;
    }
    for &id in link.shown() {
        let request = api.spacecraft_detail(id);
        if matches!(seen_or_cached(id)(&request), Cached::Miss) {
            // The answer is the page's to show; a failure is met again by its own request.
            spawn_local(async move {
                let _ = client::get_json::<Spacecraft>(request).await;
            });
        }
    }
}
