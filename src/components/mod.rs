//! Pieces the pages are made of.

pub mod card;
pub mod chart;
pub mod compare_table;
pub mod compare_tray;
pub mod configuration;
pub mod export;
pub mod filters;
pub mod image;
pub mod loaded;
pub mod logbook;
pub mod pager;
pub mod settings_panel;
pub mod share;
pub mod status;
pub mod timeline;
