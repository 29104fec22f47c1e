//! A part of the app that the split release build keeps in its own wasm chunk (issue 23): its
//! loading state, its failure with Retry, and the fetch of the other chunks at idle.
//!
//! A page's `load` function is a split point (`#[wasm_split(…, fallible)]` in `pages/*/mod.rs`):
//! in the split build it is async and fetches its chunk first; everywhere else (`trunk serve`,
//! the tests, the host rendering of `/`) it is a plain function and `chunk` just calls it.

use leptos::prelude::*;

/// A chunk that could not be fetched or instantiated (offline, a deploy that removed it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkFailed;

#[cfg(wasm_split)]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkFailed
    }
}

/// The view `load` makes, drawn at once: nothing is split.
#[cfg(not(wasm_split))]
pub fn chunk(load: impl Fn() -> Result<AnyView, ChunkFailed> + Send + 'static) -> AnyView {
    // Never fails unsplit; the arm keeps one signature for both builds.
    load().unwrap_or_else(|ChunkFailed| failed(RwSignal::new(0)))
}

/// The view `load` makes once its chunk has arrived; a quiet busy box until then (usually no
/// time: the chunks are fetched at idle after the first view), and a message with Retry when
/// the chunk cannot be fetched. A failed fetch is not cached by the splitter: Retry fetches again.
#[cfg(wasm_split)]
pub fn chunk<F>(load: impl Fn() -> F + Send + 'static) -> AnyView
where
    F: std::future::Future<Output = Result<AnyView, ChunkFailed>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! {
            <div class="chunk-loading" aria-busy="true" data-testid="chunk-loading"></div>
        }>
            {move || {
                attempt.track();
                let view = send_wrapper::SendWrapper::new(load());
                Suspend::new(async move { view.await.unwrap_or_else(|ChunkFailed| failed(attempt)) })
            }}
        </Suspense>
    }
    .into_any()
}

fn failed(attempt: RwSignal<u32>) -> AnyView {
    view! {
        <div class="notice notice-error" role="alert" data-testid="chunk-failed">
            <h2 class="notice-title">"This part of the app could not be loaded"</h2>
            <p>"Check your connection and try again. If the site was just updated, reload the page."</p>
            <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>
                "Retry"
            </button>
        </div>
    }
    .into_any()
}

#[cfg(wasm_split)]
type Prefetch = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

#[cfg(wasm_split)]
thread_local! {
    static LATER: std::cell::RefCell<Vec<Prefetch>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Fetches `chunks` once the first view is on screen and the browser is idle, so the first view
/// shares the line with nothing and a later click waits for no code.
#[cfg(wasm_split)]
pub fn prefetch_after_first_view(chunks: impl std::future::Future<Output = ()> + 'static) {
    LATER.with_borrow_mut(|later| later.push(Box::pin(chunks)));
}

/// Called when the first view is drawn (`ui::loaded`): starts what `prefetch_after_first_view`
/// kept, once.
pub fn first_view_drawn() {
    #[cfg(wasm_split)]
    if LATER.with_borrow(|later| !later.is_empty()) {
        request_idle_callback(|| {
            for chunks in LATER.take() {
                leptos::task::spawn_local(chunks);
            }
        });
    }
}
