//! One module per route.

pub mod detail;
pub mod grid;
pub mod not_found;
