/// Talc instead of std's dlmalloc: 5.4 KB less wasm after brotli (measured 2026-12-02), for the
/// same job (the app is single-threaded; memory freed is reused).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(spacecraft_explorer::App);
    // The static first paint (index.html) makes way in the same frame the app appears: no shift.
    // The build's rendering of `/` waits for the app's own first answer (see there).
    spacecraft_explorer::context::retire_first_paint(false);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "Spacecraft Explorer runs in the browser: build it with `trunk build` (see README.md)."
    );
}
