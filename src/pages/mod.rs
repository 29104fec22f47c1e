//! One folder per page: its view, the parts only it shows, and the pure logic only it needs.
//! A page uses `ui/`, `state/`, `api/` and `url/`, never another page (tests/layout.rs checks).

pub mod compare;
pub mod configurations;
pub mod detail;
pub mod grid;
