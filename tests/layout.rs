//! The one-way imports of `src/`, read from the source: the folders are layers, bottom to top
//! `api/`, `url/`, `state/`, `ui/`, `pages/`, then the frame (`lib.rs`, `app.rs`, `main.rs`).
//! A module uses only its own layer and those below it; a page uses only its own folder of
//! `pages/`, never another page. So `api/` uses nothing of the app, and adding a page touches
//! its folder, a route and an endpoint. Paths to other folders are written `crate::…` (a
//! `super::super::` would hide one from this check, so it is refused too).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom first.
const LAYERS: [&str; 5] = ["api", "url", "state", "ui", "pages"];

/// Where a file sits: its layer's rank in `LAYERS` and, under `pages/`, its page. `None`: the
/// frame, which may use anything.
fn place(relative: &Path) -> Option<(usize, Option<String>)> {
    let mut parts = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned());
    let folder = parts.next()?;
    let rank = LAYERS.iter().position(|layer| *layer == folder)?;
    let page = (folder == "pages")
        .then(|| parts.next())
        .flatten()
        .filter(|name| name != "mod.rs");
    Some((rank, page))
}

/// The first segments of each `crate::` path in `source` (two under `pages`), with the line
/// they are on; comments are skipped. `use crate::{a::x, b::y}` yields `a` and `b`.
fn crate_paths(source: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    for (at, line) in source.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        for (start, _) in code.match_indices("crate::") {
            let before = code[..start].chars().next_back();
            if before.is_some_and(|ch| ch.is_alphanumeric() || ch == '_') {
                continue;
            }
            let rest = &code[start + "crate::".len()..];
            let paths: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group.split([',', '}']).map(str::trim).collect(),
                None => vec![rest],
            };
            for path in paths {
                let segments: Vec<String> = path
                    .split("::")
                    .map(|segment| {
                        segment
                            .chars()
                            .take_while(|ch| ch.is_alphanumeric() || *ch == '_')
                            .collect::<String>()
                    })
                    .take_while(|segment| !segment.is_empty())
                    .take(2)
                    .collect();
                if !segments.is_empty() {
                    found.push((at + 1, segments));
                }
            }
        }
    }
    found
}

/// What is wrong with `source` for a file at `relative` (to `src/`), one line per fault.
fn faults(relative: &Path, source: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let Some((rank, page)) = place(relative) else {
        return faults;
    };
    let file = relative.display();
    for (line, segments) in crate_paths(source) {
        let target = segments[0].as_str();
        // Items of the crate root, such as `crate::IN_BROWSER`, belong to no layer.
        let Some(target_rank) = LAYERS.iter().position(|layer| *layer == target) else {
            continue;
        };
        let path = segments.join("::");
        if target_rank > rank {
            faults.push(format!(
                "src/{file}:{line}: `{}` may not use `crate::{path}` (a layer above it)",
                LAYERS[rank]
            ));
        } else if target == "pages" && segments.get(1) != page.as_ref() {
            faults.push(format!(
                "src/{file}:{line}: a page may not use another page (`crate::{path}`)"
            ));
        }
    }
    for (at, line) in source.lines().enumerate() {
        if line.contains("super::super::") {
            faults.push(format!(
                "src/{file}:{}: `super::super::` reaches another folder: write `crate::…`",
                at + 1
            ));
        }
    }
    faults
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn imports_run_one_way_and_no_page_uses_another() {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut seen = [0; LAYERS.len()];
    let mut all = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).expect("under src/");
        if let Some((rank, _)) = place(relative) {
            seen[rank] += 1;
        }
        let source = fs::read_to_string(path).expect("readable source");
        all.extend(faults(relative, &source));
    }
    assert!(
        seen.iter().all(|count| *count > 1),
        "every layer read: {seen:?} files of {LAYERS:?}"
    );
    assert!(
        all.is_empty(),
        "imports against the layout:\n{}",
        all.join("\n")
    );
}

#[test]
fn each_folder_says_what_lives_there_and_what_it_may_use() {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let folders: Vec<&PathBuf> = files
        .iter()
        .filter(|path| path.ends_with("mod.rs"))
        .collect();
    assert!(folders.len() >= 9, "read the folders: {folders:?}");
    for path in folders {
        let source = fs::read_to_string(path).expect("readable source");
        let head: Vec<&str> = source.lines().take(3).collect();
        assert!(
            head.len() == 3
                && head[..2].iter().all(|line| line.starts_with("//! "))
                && !head[2].starts_with("//!"),
            "{} opens with two `//!` lines (what lives there, what it may use): {head:?}",
            path.display()
        );
    }
}

/// The check itself finds what it is meant to: an upward import, a page using another, a
/// grouped import, and it lets the allowed ones through.
#[test]
fn the_check_finds_imports_against_the_layout() {
    let bad_api = "use crate::url::grid_query::Query;\nuse super::cache::Policy;\n";
    assert_eq!(faults(Path::new("api/endpoints.rs"), bad_api).len(), 1);
    let grouped = "use crate::{api::models::Page, ui::card::Stat};\n";
    assert_eq!(faults(Path::new("state/seen.rs"), grouped).len(), 1);
    let other_page = "    let _ = crate::pages::grid::paging::range_text(1, 2, 3);\n";
    assert_eq!(
        faults(Path::new("pages/detail/page.rs"), other_page).len(),
        1
    );
    let own_page = "use crate::pages::grid::paging::range_text;\nuse crate::ui::format;\n";
    assert!(faults(Path::new("pages/grid/page.rs"), own_page).is_empty());
    let comment = "/// Unlike `crate::pages::grid`, … \nif !crate::IN_BROWSER {}\n";
    assert!(faults(Path::new("api/cache.rs"), comment).is_empty());
    assert!(
        faults(Path::new("app.rs"), other_page).is_empty(),
        "the frame uses any page"
    );
    assert_eq!(
        faults(Path::new("ui/x.rs"), "use super::super::pages;\n").len(),
        1
    );
}
