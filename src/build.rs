//! Build script: flags for the split release build (issue 23), nothing else.
//!
//! With the `split` feature, a release wasm build gets `cfg(wasm_split)`, which turns the pages'
//! `load` functions into split points (`ui::chunk`), and links with `--emit-relocs`, which
//! wasm-split-cli needs to cut the module (.ci/split-wasm.mjs). A debug build (`trunk serve`)
//! or a host build ignores the feature: an unsplit module would import the splitter's
//! placeholder, which no browser can resolve.

use std::env;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(wasm_split)");
    println!("cargo::rerun-if-changed=src/build.rs");
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let release = env::var("PROFILE").is_ok_and(|profile| profile == "release");
    let split = env::var_os("CARGO_FEATURE_SPLIT").is_some();
    if wasm && release && split {
        println!("cargo::rustc-cfg=wasm_split");
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
