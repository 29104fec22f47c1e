//! Pieces the pages are made of.

pub mod card;
pub mod configuration;
pub mod filters;
pub mod image;
pub mod loaded;
pub mod pager;
pub mod settings_panel;
pub mod status;
