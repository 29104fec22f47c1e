//! The release build renders `/` on the host with the browser's own code (`--features
//! prerender`, see Cargo.toml), so the host compiles every web-sys type the wasm build uses:
//! a feature added for the wasm alone would break that build, and only that build. Held here,
//! in the quick tier, instead.
#![cfg(not(target_arch = "wasm32"))]

/// The web-sys features of the dependency table headed `table`.
fn web_sys_features(manifest: &str, table: &str) -> Vec<String> {
    let section = manifest
        .split("\n[")
        .find(|section| section.starts_with(table))
        .unwrap_or_else(|| panic!("Cargo.toml has no [{table}"));
    let list = section
        .split("web-sys = {")
        .nth(1)
        .and_then(|rest| rest.split("features = [").nth(1))
        .and_then(|rest| rest.split(']').next())
        .unwrap_or_else(|| panic!("no web-sys features in [{table}"));
    let mut features: Vec<String> = list
        .split(',')
        .map(|feature| feature.trim().trim_matches('"').to_string())
        .filter(|feature| !feature.is_empty())
        .collect();
    features.sort();
    features
}

#[test]
fn the_host_rendering_has_the_web_sys_features_of_the_wasm_build() {
    let manifest = include_str!("../Cargo.toml");
    let wasm = web_sys_features(
        manifest,
        "target.'cfg(target_arch = \"wasm32\")'.dependencies]",
    );
    let host = web_sys_features(
        manifest,
        "target.'cfg(not(target_arch = \"wasm32\"))'.dependencies]",
    );
    assert!(wasm.len() > 10, "read the wasm table's features: {wasm:?}");
    assert_eq!(
        host, wasm,
        "Cargo.toml: the host table's web-sys features (for --features prerender) must be the wasm table's"
    );
}
