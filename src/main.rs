/// Talc instead of std's dlmalloc: 5.4 KB less wasm after brotli (measured 2026-12-02), for the
/// same job (the app is single-threaded; memory freed is reused).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    // The static first paint (index.html) makes way in the frame the app's page appears (no
    // shift): `App` retires it once the page is built, a task after the frame.
    leptos::mount::mount_to_body(spacecraft_explorer::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "Spacecraft Explorer runs in the browser: build it with `trunk build` (see README.md)."
    );
}
