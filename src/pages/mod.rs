//! One module per route.

pub mod compare;
pub mod configurations;
pub mod detail;
pub mod grid;
pub mod not_found;
