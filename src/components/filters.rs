//! The search form. Every field is named like the API parameter it sets, reads its value from the
//! URL, and writes back through `on_change`; any filter change returns to the first page.

use crate::api::client;
use crate::api::loader::{use_latest, Cached, Load};
use crate::api::models::{IdName, SpacecraftConfig};
use crate::components::status::FieldError;
use crate::config::AppContext;
use crate::query::{Mode, Ordering, Query, DEFAULT_LIMIT, PAGE_SIZES};
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

/// How long the search box waits for typing to pause before it searches.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

/// A new view for the grid: the query, and whether it replaces the current history entry.
pub type Change = (Query, bool);

#[component]
pub fn Filters(
    query: Memo<Query>,
    on_change: Callback<Change>,
    /// The API's messages about parameters it rejected, shown beside their fields.
    errors: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let api = context.clone();

    // Apply an edit to the current query as a new history entry, back on the first page.
    let commit = move |edit: &dyn Fn(&mut Query)| {
        let mut next = query.get_untracked();
        edit(&mut next);
        next.offset = 0;
        if next != query.get_untracked() {
            on_change.run((next, false));
        }
    };

    let statuses = use_latest(
        move || Some(api.api_base()),
        |_| Cached::Miss,
        client::statuses,
    );
    let clear_href = {
        let context = context.clone();
        move || context.grid_href(&query.get().without_filters())
    };
    let home = format!("{}/", context.router_base);
    // On narrow screens the fields fold away behind a toggle (CSS shows it there only).
    let open = RwSignal::new(false);
    let active_filters = move || {
        let q = query.get();
        [
            q.status.is_some(),
            q.spacecraft_config.is_some(),
            q.in_space.is_some(),
            q.is_placeholder.is_some(),
            q.name.is_some(),
            q.ordering.is_some(),
        ]
        .into_iter()
        .filter(|set| *set)
        .count()
    };
    let form_action = home.clone();

    view! {
        <form
            role="search"
            class="filters"
            aria-label="Filter spacecraft"
            action=form_action
            method="get"
            on:submit=|event| event.prevent_default()
        >
            <div class="filters-top">
                <SearchBox query=query on_change=on_change />
                <button
                    type="button"
                    class="button button-quiet filters-toggle"
                    aria-controls="filter-fields"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    on:click=move |_| open.update(|open| *open = !*open)
                >
                    {move || match active_filters() {
                        0 => "Filters".to_string(),
                        n => format!("Filters ({n})"),
                    }}
                </button>
            </div>
            <div id="filter-fields" class="filter-fields" class:open=move || open.get()>
            <div class="field">
                <label for="f-ordering">"Sort by"</label>
                <select id="f-ordering" name="ordering" on:change=move |event| {
                    let value = event_target_value(&event);
                    commit(&|q| q.ordering = Ordering::parse(&value));
                }>
                    <option value="" prop:selected=move || query.get().ordering.is_none()>"API order"</option>
                    {Ordering::all().map(|ordering| {
                        let value = ordering.to_param();
                        view! {
                            <option
                                value=value.clone()
                                prop:selected=move || query.get().ordering == Some(ordering)
                            >{ordering.label()}</option>
                        }
                    }).collect_view()}
                </select>
                <FieldError name="ordering" errors />
            </div>
            <div class="field">
                <label for="f-status">"Status"</label>
                <select id="f-status" name="status" on:change=move |event| {
                    let value = event_target_value(&event);
                    commit(&|q| q.status = value.parse().ok());
                }>
                    <option value="" prop:selected=move || query.get().status.is_none()>"Any status"</option>
                    {move || status_options(statuses.state.get(), query.get().status)}
                </select>
                <FieldError name="status" errors />
            </div>
            <ConfigurationField query=query errors commit=Callback::new(move |id: Option<u32>| {
                commit(&|q| q.spacecraft_config = id)
            }) />
            <YesNoField label="In space" name="in_space" errors value=Signal::derive(move || query.get().in_space)
                on_pick=Callback::new(move |value| commit(&|q| q.in_space = value)) />
            <YesNoField label="Placeholder" name="is_placeholder" errors
                value=Signal::derive(move || query.get().is_placeholder)
                on_pick=Callback::new(move |value| commit(&|q| q.is_placeholder = value)) />
            <div class="field">
                <label for="f-limit">"Per page"</label>
                <select id="f-limit" name="limit" on:change=move |event| {
                    let value = event_target_value(&event);
                    commit(&|q| q.limit = value.parse().ok().filter(|limit| *limit != DEFAULT_LIMIT));
                }>
                    {move || {
                        let current = query.get().page_size();
                        let mut sizes = PAGE_SIZES.to_vec();
                        if !sizes.contains(&current) {
                            sizes.push(current);
                            sizes.sort_unstable();
                        }
                        sizes.into_iter().map(|size| view! {
                            <option value=size.to_string() prop:selected=size == current>{size}</option>
                        }).collect_view()
                    }}
                </select>
                <FieldError name="limit" errors />
            </div>
            <div class="field">
                <label for="f-mode">"Detail"</label>
                <select id="f-mode" name="mode" on:change=move |event| {
                    let value = event_target_value(&event);
                    commit(&|q| q.mode = if value == "detailed" { Mode::Detailed } else { Mode::Normal });
                }>
                    <option value="normal" prop:selected=move || query.get().mode == Mode::Normal>"Normal"</option>
                    <option value="detailed" prop:selected=move || query.get().mode == Mode::Detailed>"Detailed"</option>
                </select>
                <FieldError name="mode" errors />
            </div>
            <div class="field field-actions">
                {move || query.get().name.map(|name| view! {
                    <p class="active-name">"Name is exactly “"{name}"”"</p>
                })}
                <Show when=move || query.get().is_filtered()>
                    <a class="button button-quiet" data-testid="clear-filters" href=clear_href.clone()>"Clear filters"</a>
                </Show>
                <Show when=move || query.get() != Query::default()>
                    <a class="button button-quiet" data-testid="clear-all" href=home.clone()>"Clear all"</a>
                </Show>
            </div>
            </div>
        </form>
    }
}

fn status_options(statuses: Load<Vec<IdName>>, current: Option<u32>) -> impl IntoView {
    let list = match statuses {
        Load::Ready(list) => list,
        _ => Vec::new(),
    };
    let unknown_current = current.filter(|id| !list.iter().any(|status| status.id == *id));
    view! {
        {unknown_current.map(|id| view! { <option value=id.to_string() selected>{format!("Status #{id}")}</option> })}
        {list.into_iter().map(|status| {
            let selected = current == Some(status.id);
            view! { <option value=status.id.to_string() prop:selected=selected>{status.name}</option> }
        }).collect_view()}
    }
}

/// The search box: debounced, and one history entry per burst of typing, not per key.
#[component]
fn SearchBox(query: Memo<Query>, on_change: Callback<Change>) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let pending: StoredValue<Option<TimeoutHandle>, LocalStorage> = StoredValue::new_local(None);
    // Set once this burst of typing has pushed its history entry; later commits replace it.
    let pushed_this_burst = StoredValue::new(false);

    let cancel_pending = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    let search_now = move |text: String| {
        cancel_pending();
        let mut next = query.get_untracked();
        next.search = Some(text).filter(|text| !text.trim().is_empty());
        next.offset = 0;
        if next != query.get_untracked() {
            let replace = pushed_this_burst.get_value();
            pushed_this_burst.set_value(true);
            on_change.run((next, replace));
        }
    };

    // Follow the URL (back/forward, clear all) unless the user is mid-typing.
    Effect::new(move |_| {
        let search = query.get().search.unwrap_or_default();
        let typing = pending.with_value(Option::is_some);
        if let Some(input) = input.get() {
            if !typing && input.value() != search {
                input.set_value(&search);
            }
        }
    });

    view! {
        <div class="field field-search">
            <label for="f-search">"Search"</label>
            <input
                node_ref=input
                id="f-search"
                name="search"
                type="search"
                placeholder="Name or configuration, e.g. Dragon"
                autocomplete="off"
                enterkeyhint="search"
                aria-keyshortcuts="/"
                prop:value=move || query.get_untracked().search.unwrap_or_default()
                on:focus=move |_| pushed_this_burst.set_value(false)
                on:input=move |event| {
                    let text = event_target_value(&event);
                    cancel_pending();
                    let handle = set_timeout_with_handle(move || search_now(text), SEARCH_DEBOUNCE).ok();
                    pending.set_value(handle);
                }
                on:keydown=move |event: web_sys::KeyboardEvent| match event.key().as_str() {
                    "Enter" => {
                        event.prevent_default();
                        search_now(event_target_value(&event));
                    }
                    "Escape" => {
                        if let Some(input) = input.get() {
                            input.set_value("");
                        }
                        search_now(String::new());
                    }
                    _ => {}
                }
            />
        </div>
    }
}

/// A yes / no / any choice for a boolean filter.
#[component]
fn YesNoField(
    label: &'static str,
    name: &'static str,
    value: Signal<Option<bool>>,
    on_pick: Callback<Option<bool>>,
    errors: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name on:change=move |event| {
                on_pick.run(match event_target_value(&event).as_str() {
                    "true" => Some(true),
                    "false" => Some(false),
                    _ => None,
                })
            }>
                <option value="" prop:selected=move || value.get().is_none()>"Any"</option>
                <option value="true" prop:selected=move || value.get() == Some(true)>"Yes"</option>
                <option value="false" prop:selected=move || value.get() == Some(false)>"No"</option>
            </select>
            <FieldError name errors />
        </div>
    }
}

/// Configurations are many (over a hundred, several requests): they load the first time the user
/// reaches for this control, or at once when the URL already names one.
#[component]
fn ConfigurationField(
    query: Memo<Query>,
    commit: Callback<Option<u32>>,
    errors: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let api = expect_context::<AppContext>();
    let wanted = RwSignal::new(false);
    Effect::new(move |_| {
        if query.get().spacecraft_config.is_some() {
            wanted.set(true);
        }
    });
    let configs = use_latest(
        move || wanted.get().then(|| api.api_base()),
        |_| Cached::Miss,
        client::configurations,
    );
    let filter = RwSignal::new(String::new());
    let want = move || {
        if !wanted.get_untracked() {
            wanted.set(true);
        }
    };

    let options = move || {
        let current = query.get().spacecraft_config;
        let needle = filter.get().to_lowercase();
        match configs.state.get() {
            Load::Ready(list) => {
                let known = current.filter(|id| list.iter().any(|config| config.id == *id));
                let unknown_current = current.filter(|_| known.is_none());
                view! {
                    {unknown_current.map(|id| view! {
                        <option value=id.to_string() selected>{format!("Configuration #{id}")}</option>
                    })}
                    {list.into_iter()
                        .filter(|config| Some(config.id) == current || matches(config, &needle))
                        .map(|config| {
                            let selected = Some(config.id) == current;
                            view! { <option value=config.id.to_string() prop:selected=selected>{label(&config)}</option> }
                        })
                        .collect_view()}
                }
                .into_any()
            }
            Load::Failed(_) => view! {
                {current.map(|id| view! { <option value=id.to_string() selected>{format!("Configuration #{id}")}</option> })}
                <option disabled>"Could not load configurations"</option>
            }
            .into_any(),
            Load::Loading if wanted.get() => view! {
                {current.map(|id| view! { <option value=id.to_string() selected>{format!("Configuration #{id}")}</option> })}
                <option disabled>"Loading configurations…"</option>
            }
            .into_any(),
            Load::Loading => ().into_any(),
        }
    };

    view! {
        <div class="field field-config" on:focusin=move |_| want() on:pointerenter=move |_| want()>
            <label for="f-config" id="f-config-label">"Configuration"</label>
            <div class="config-row">
            <input
                id="f-config-filter"
                class="config-filter"
                type="search"
                data-testid="config-filter"
                placeholder="Filter…"
                aria-labelledby="f-config-label f-config-filter"
                title="Filter the configuration list"
                aria-controls="f-config"
                autocomplete="off"
                on:input=move |event| filter.set(event_target_value(&event))
                on:keydown=|event: web_sys::KeyboardEvent| {
                    if event.key() == "Enter" {
                        event.prevent_default();
                    }
                }
            />
            <select id="f-config" name="spacecraft_config" on:change=move |event| {
                commit.run(event_target_value(&event).parse().ok())
            }>
                <option value="" prop:selected=move || query.get().spacecraft_config.is_none()>"Any configuration"</option>
                {options}
            </select>
            </div>
            <FieldError name="spacecraft_config" errors />
        </div>
    }
}

fn matches(config: &SpacecraftConfig, needle: &str) -> bool {
    needle.is_empty()
        || config.name.to_lowercase().contains(needle)
        || config.type_and_agency().to_lowercase().contains(needle)
}

fn label(config: &SpacecraftConfig) -> String {
    let agency = config
        .agency
        .as_ref()
        .map(|agency| agency.short_name().to_string());
    match agency.filter(|agency| !agency.trim().is_empty()) {
        Some(agency) => format!("{} ({agency})", config.name),
        None => config.name.clone(),
    }
}
