#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(spacecraft_explorer::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "Spacecraft Explorer runs in the browser: build it with `trunk build` (see README.md)."
    );
}
