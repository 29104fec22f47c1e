//! The four states of everything a page loads, in one place: loading (a skeleton, and after a
//! while a note that the API is slow), failed (what happened, Retry, and automatic retries
//! after a throttle), ready, and `aria-busy` while loading. Pages pass only their views.
//! A stored answer shown because the API cannot be reached says how old it is.

use crate::api::cache::now_ms;
use crate::api::client;
use crate::api::error::auto_retry_wait;
use crate::api::loader::{Load, Loader, Saved};
use crate::api::ApiError;
use crate::components::status::ErrorNotice;
use crate::format;
use leptos::prelude::*;

/// How a page shows an answer.
pub struct Ready<T>(Box<dyn Fn(&T) -> AnyView + Send + Sync>);

impl<T, F, V> From<F> for Ready<T>
where
    F: Fn(&T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    fn from(view: F) -> Self {
        Ready(Box::new(move |value| view(value).into_any()))
    }
}

#[component]
pub fn Loaded<T>(
    loader: Loader<T>,
    /// The wrapper's class and test id.
    class: &'static str,
    testid: &'static str,
    /// The wrapper's accessible name, when it is a region of the page.
    #[prop(optional)]
    label: Option<&'static str>,
    /// What shows while loading: placeholders in the shape of the answer.
    #[prop(into)]
    loading: ViewFn,
    /// The view of an answer (a trait object: one copy of this component per kind of answer,
    /// not per page).
    #[prop(into)]
    ready: Ready<T>,
    /// A page's own view of some errors (e.g. "not found"); others get the standard notice.
    #[prop(optional)]
    failed: Option<fn(&ApiError) -> Option<AnyView>>,
    /// Errors in one line with Retry (`data-testid="{testid}-error"`), for a part of a page
    /// whose failure must not take the page over.
    #[prop(optional)]
    compact: bool,
    /// Shown after the state, whatever it is: views that outlive one answer (the card list).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let retry = Callback::new(move |()| loader.retry());
    let retry_automatically = Callback::new(move |()| loader.retry_automatically());
    let busy = move || loader.state.with(|state| matches!(state, Load::Loading));
    // The first answer on screen is when the quota is worth reading (see `client`).
    Effect::new(move |_| {
        if loader.state.with(|state| matches!(state, Load::Ready(_))) {
            client::first_view_shown();
        }
    });

    view! {
        <section
            class=class
            data-testid=testid
            aria-label=label
            aria-busy=move || if busy() { "true" } else { "false" }
        >
            {move || {
                let ready = loader.state.with(|state| matches!(state, Load::Ready(_)));
                ready.then(|| saved_notice(loader.saved.get(), loader.online.get())).flatten()
            }}
            {move || loader.state.with(|state| match state {
                Load::Loading => view! {
                    {move || loader.slow.get().then(|| view! {
                        <p class="notice slow-notice" role="status" data-testid="slow">
                            "Launch Library is slow to answer right now. Still waiting…"
                        </p>
                    })}
                    {loading.run()}
                }
                .into_any(),
                Load::Failed(error) if compact => view! {
                    <p class="notice notice-inline" role="alert" data-testid=format!("{testid}-error")>
                        <strong>{error.title()}". "</strong>{error.message()}" "
                        <button type="button" class="button button-quiet" on:click=move |_| retry.run(())>"Retry"</button>
                    </p>
                }
                .into_any(),
                Load::Failed(error) => failed
                    .and_then(|own_view| own_view(error))
                    .unwrap_or_else(|| {
                        let auto_retry_in = auto_retry_wait(error, untrack(|| loader.auto_retries()));
                        view! {
                            <ErrorNotice
                                error=error.clone()
                                on_retry=retry
                                auto_retry_in
                                on_auto_retry=Some(retry_automatically)
                            />
                        }
                        .into_any()
                    }),
                Load::Ready(value) => (ready.0)(value),
            })}
            {children.map(|children| children())}
        </section>
    }
}

/// A stored answer on screen while the API cannot give a newer one: how old it is, and why.
fn saved_notice(saved: Option<Saved>, online: bool) -> Option<impl IntoView> {
    let saved = saved.filter(|saved| !online || saved.refresh_failed)?;
    let age = format::ago(now_ms().saturating_sub(saved.stored_at));
    let text = if online {
        format!("Launch Library cannot be reached — showing results saved {age}")
    } else {
        format!("Offline — showing results saved {age}")
    };
    Some(view! {
        <p class="notice notice-quiet saved-notice" role="status" data-testid="saved-notice">{text}</p>
    })
}
