//! The four states of everything a page loads, in one place: loading (a skeleton, and after a
//! while a note that the API is slow), failed (what happened, Retry, and automatic retries
//! after a throttle), ready, and `aria-busy` while loading. Pages pass only their views.
//! A stored answer shown because the API cannot be reached says how old it is.

use crate::api::cache::now_ms;
use crate::api::client;
use crate::api::error::auto_retry_wait;
use crate::api::ApiError;
use crate::state::loader::{Load, Loader, Saved};
use crate::ui::format;
use crate::ui::status::ErrorNotice;
use crate::ui::text;
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
    // Only reading the state needs `T`; the rest is one non-generic view shared by every page
    // (one copy in the wasm instead of one per kind of answer).
    let shown = move || {
        loader.state.with(|state| match state {
            Load::Loading => Shown::Loading,
            Load::Failed(error) => Shown::Failed(error.clone()),
            Load::Ready(value) => Shown::Ready((ready.0)(value)),
        })
    };
    let phase = move || {
        loader.state.with(|state| match state {
            Load::Loading => Phase::Loading,
            Load::Failed(_) => Phase::Failed,
            Load::Ready(_) => Phase::Ready,
        })
    };
    loaded_view(
        LoadedParts {
            shown: Box::new(shown),
            phase: Box::new(phase),
            slow: loader.slow,
            saved: loader.saved,
            online: loader.online,
            retry: Callback::new(move |()| loader.retry()),
            retry_automatically: Callback::new(move |()| loader.retry_automatically()),
            auto_retries: Box::new(move || loader.auto_retries()),
            class,
            testid,
            label,
            loading,
            failed,
            compact,
        },
        children,
    )
}

/// Which state the answer is in, without it.
#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Loading,
    Failed,
    Ready,
}

/// What the view shows of a state.
enum Shown {
    Loading,
    Failed(ApiError),
    Ready(AnyView),
}

/// `Loaded`'s props with the answer's type erased.
struct LoadedParts {
    shown: Box<dyn Fn() -> Shown + Send + Sync>,
    phase: Box<dyn Fn() -> Phase + Send + Sync>,
    slow: ReadSignal<bool>,
    saved: ReadSignal<Option<Saved>>,
    online: ReadSignal<bool>,
    retry: Callback<()>,
    retry_automatically: Callback<()>,
    auto_retries: Box<dyn Fn() -> u32 + Send + Sync>,
    class: &'static str,
    testid: &'static str,
    label: Option<&'static str>,
    loading: ViewFn,
    failed: Option<fn(&ApiError) -> Option<AnyView>>,
    compact: bool,
}

/// `Loaded`'s view, the same for every kind of answer.
fn loaded_view(parts: LoadedParts, children: Option<Children>) -> AnyView {
    let LoadedParts {
        shown,
        phase,
        slow,
        saved,
        online,
        retry,
        retry_automatically,
        auto_retries,
        class,
        testid,
        label,
        loading,
        failed,
        compact,
    } = parts;
    let phase = std::sync::Arc::new(phase);
    let busy = {
        let phase = phase.clone();
        move || phase() == Phase::Loading
    };
    let notice_phase = phase.clone();
    // The first answer on screen is when the quota is worth reading (see `client`).
    Effect::new(move |_| {
        match phase() {
            Phase::Ready => client::first_view_shown(),
            Phase::Failed => {}
            Phase::Loading => return,
        }
        // The app's own view is drawn (an answer or why there is none): it takes the place of
        // the build's rendering of `/`.
        crate::state::context::retire_first_paint(true);
        crate::ui::chunk::first_view_drawn();
    });

    view! {
        <section
            class=class
            data-testid=testid
            aria-label=label
            aria-busy=move || if busy() { "true" } else { "false" }
        >
            {move || {
                let ready = notice_phase() == Phase::Ready;
                ready.then(|| saved_notice(saved.get(), online.get())).flatten()
            }}
            {move || match shown() {
                Shown::Loading => view! {
                    {move || slow.get().then(|| view! {
                        <p class="notice slow-notice" role="status" data-testid="slow">
                            "Launch Library is slow to answer right now. Still waiting…"
                        </p>
                    })}
                    {loading.run()}
                }
                .into_any(),
                Shown::Failed(error) if compact => view! {
                    <p class="notice notice-inline" role="alert" data-testid=format!("{testid}-error")>
                        <strong>{text::error_title(&error)}". "</strong>{text::error_message(&error)}" "
                        <button type="button" class="button button-quiet" on:click=move |_| retry.run(())>"Retry"</button>
                    </p>
                }
                .into_any(),
                Shown::Failed(error) => failed
                    .and_then(|own_view| own_view(&error))
                    .unwrap_or_else(|| {
                        let auto_retry_in = auto_retry_wait(&error, untrack(&auto_retries));
                        view! {
                            <ErrorNotice
                                error=error
                                on_retry=retry
                                auto_retry_in
                                on_auto_retry=Some(retry_automatically)
                            />
                        }
                        .into_any()
                    }),
                Shown::Ready(view) => view,
            }}
            {children.map(|children| children())}
        </section>
    }
    .into_any()
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
