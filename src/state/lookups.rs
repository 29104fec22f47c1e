//! Statuses and configurations: the filter form's choices, loaded once per API and shared by
//! every view that needs them. Each loads only once something wants it (the URL names one, or
//! the visitor reaches for that filter), so a first visit spends no request on them.

use super::loader::{use_latest, Loader};
use crate::api::cache::Cached;
use crate::api::client;
use crate::api::models::{IdName, SpacecraftConfig};
use crate::state::context::AppContext;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Lookups {
    pub statuses: Loader<Vec<IdName>>,
    pub configurations: Loader<Vec<SpacecraftConfig>>,
    statuses_wanted: RwSignal<bool>,
    configurations_wanted: RwSignal<bool>,
}

impl Lookups {
    /// Created once by `App`, so they outlive pages.
    pub fn new(context: &AppContext) -> Lookups {
        let statuses_wanted = RwSignal::new(false);
        let configurations_wanted = RwSignal::new(false);
        let api = context.clone();
        let statuses = use_latest(
            move || statuses_wanted.get().then(|| api.api()),
            |_| Cached::Miss,
            client::statuses,
        );
        let api = context.clone();
        let configurations = use_latest(
            move || configurations_wanted.get().then(|| api.api()),
            |_| Cached::Miss,
            client::configurations,
        );
        Lookups {
            statuses,
            configurations,
            statuses_wanted,
            configurations_wanted,
        }
    }

    pub fn want_statuses(&self) {
        if !self.statuses_wanted.get_untracked() {
            self.statuses_wanted.set(true);
        }
    }

    pub fn want_configurations(&self) {
        if !self.configurations_wanted.get_untracked() {
            self.configurations_wanted.set(true);
        }
    }
}

/// The app's lookups.
pub fn use_lookups() -> Lookups {
    expect_context::<Lookups>()
}
