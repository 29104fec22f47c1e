//! The search form. Every field is named like the API parameter it sets, shows the value the
//! URL has, and edits the view through `Query::with` (one parser for URL and form); any change
//! returns to the first page.

use crate::api::models::{IdName, SpacecraftConfig};
use crate::state::context::AppContext;
use crate::state::loader::Load;
use crate::state::lookups::use_lookups;
use crate::ui::status::{field_error_aria, FieldError};
use crate::url::grid_query::{Mode, Ordering, Query, PAGE_SIZES};
use leptos::ev;
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
    let paths = expect_context::<AppContext>().paths;
    let lookups = use_lookups();
    // A field's change, as a new history entry.
    let edit = Callback::new(move |(key, value): (&'static str, String)| {
        let next = query.get_untracked().with(key, &value);
        if next != query.get_untracked() {
            on_change.run((next, false));
        }
    });
    // Choices load when the URL already names one, or when the visitor reaches for the form.
    Effect::new(move |_| {
        let current = query.get();
        if current.status.is_some() {
            lookups.want_statuses();
        }
        if current.spacecraft_config.is_some() {
            lookups.want_configurations();
        }
    });
    let clear_href = {
        let paths = paths.clone();
        move || paths.grid(&query.get().without_filters())
    };
    let home = paths.home();
    // On narrow screens the fields fold away behind a toggle (CSS shows it there only).
    let open = RwSignal::new(false);

    view! {
        <form
            role="search"
            class="filters"
            aria-label="Filter spacecraft"
            action=paths.home()
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
                    {move || match query.get().filter_count() {
                        0 => "Filters".to_string(),
                        n => format!("Filters ({n})"),
                    }}
                </button>
            </div>
            <div id="filter-fields" class="filter-fields" class:open=move || open.get()>
            <SelectField label="Sort by" name="ordering" edit errors>
                <option value="" prop:selected=move || query.with(|q| q.ordering.is_none())>"API order"</option>
                {Ordering::all().map(|ordering| view! {
                    <option
                        value=ordering.to_param()
                        prop:selected=move || query.with(|q| q.ordering == Some(ordering))
                    >{ordering.label()}</option>
                }).collect_view()}
            </SelectField>
            <SelectField label="Status" name="status" edit errors on_reach=Callback::new(move |()| lookups.want_statuses())>
                <option value="" prop:selected=move || query.with(|q| q.status.is_none())>"Any status"</option>
                {move || status_options(lookups.statuses.state.get(), query.get().status)}
            </SelectField>
            <ConfigurationField query errors edit />
            <YesNoField label="In space" name="in_space" edit errors value=Signal::derive(move || query.with(|q| q.in_space)) />
            <YesNoField label="Placeholder" name="is_placeholder" edit errors
                value=Signal::derive(move || query.with(|q| q.is_placeholder)) />
            <SelectField label="Per page" name="limit" edit errors>
                {move || {
                    let current = query.get().page_size();
                    let mut sizes = PAGE_SIZES.to_vec();
                    // An odd size from a link is offered too, in its place (inserted, not sorted:
                    // see `paging::page_window`).
                    if !sizes.contains(&current) {
                        sizes.insert(sizes.partition_point(|size| *size < current), current);
                    }
                    sizes.into_iter().map(|size| view! {
                        <option value=size.to_string() prop:selected=size == current>{size}</option>
                    }).collect_view()
                }}
            </SelectField>
            <SelectField label="Detail" name="mode" edit errors>
                <option value="normal" prop:selected=move || query.with(|q| q.mode == Mode::Normal)>"Normal"</option>
                <option value="detailed" prop:selected=move || query.with(|q| q.mode == Mode::Detailed)>"Detailed"</option>
            </SelectField>
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

/// A labelled `<select>` for one parameter, with the API's message about it.
#[component]
fn SelectField(
    label: &'static str,
    name: &'static str,
    edit: Callback<(&'static str, String)>,
    errors: Signal<Vec<(String, String)>>,
    /// Called when the visitor reaches for the field (focus or pointer), to load its choices.
    #[prop(optional)]
    on_reach: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    let id = format!("f-{name}");
    let (invalid, described_by) = field_error_aria(name, errors);
    let reach = move || {
        if let Some(on_reach) = on_reach {
            on_reach.run(());
        }
    };
    view! {
        <div class="field" on:focusin=move |_| reach() on:pointerenter=move |_| reach()>
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-invalid=invalid aria-describedby=described_by on:change=move |event| edit.run((name, event_target_value(&event)))>
                {children()}
            </select>
            <FieldError name errors />
        </div>
    }
}

/// A yes / no / any choice for a boolean filter.
#[component]
fn YesNoField(
    label: &'static str,
    name: &'static str,
    value: Signal<Option<bool>>,
    edit: Callback<(&'static str, String)>,
    errors: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <SelectField label name edit errors>
            <option value="" prop:selected=move || value.get().is_none()>"Any"</option>
            <option value="true" prop:selected=move || value.get() == Some(true)>"Yes"</option>
            <option value="false" prop:selected=move || value.get() == Some(false)>"No"</option>
        </SelectField>
    }
}

/// The current choice when the list does not (yet) have it: still shown, by its id.
fn unlisted_option(id: Option<u32>, what: &str) -> impl IntoView {
    id.map(|id| view! { <option value=id.to_string() selected>{format!("{what} #{id}")}</option> })
}

fn status_options(statuses: Load<Vec<IdName>>, current: Option<u32>) -> impl IntoView {
    let list = match statuses {
        Load::Ready(list) => list,
        _ => Vec::new(),
    };
    let listed = list.iter().any(|status| status.id == current);
    view! {
        {unlisted_option(current.filter(|_| !listed), "Status")}
        {list.into_iter().filter_map(|status| {
            let id = status.id?;
            Some(view! { <option value=id.to_string() prop:selected=current == Some(id)>{status.name}</option> })
        }).collect_view()}
    }
}

/// The search box: debounced, and one history entry per burst of typing, not per key. `/`
/// anywhere outside a form field jumps here.
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
        let next = query.get_untracked().with("search", &text);
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

    let on_slash = move |event: web_sys::KeyboardEvent| {
        if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let typing = document().active_element().is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        });
        if let (false, Some(input)) = (typing, input.get_untracked()) {
            event.prevent_default();
            let _ = input.focus();
        }
    };
    // No window to listen to where the build draws `/`.
    let shortcut = crate::IN_BROWSER.then(|| window_event_listener(ev::keydown, on_slash));
    on_cleanup(move || shortcut.into_iter().for_each(|shortcut| shortcut.remove()));

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

/// Configurations are many (over a hundred, several requests): they load the first time the
/// visitor reaches for this control, or at once when the URL already names one.
#[component]
fn ConfigurationField(
    query: Memo<Query>,
    edit: Callback<(&'static str, String)>,
    errors: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let lookups = use_lookups();
    let filter = RwSignal::new(String::new());
    let want = move || lookups.want_configurations();
    let (invalid, described_by) = field_error_aria("spacecraft_config", errors);

    let options = move || {
        let current = query.get().spacecraft_config;
        let needle = filter.get().to_lowercase();
        match lookups.configurations.state.get() {
            Load::Ready(list) => {
                let listed = list.iter().any(|config| config.id == current);
                view! {
                    {unlisted_option(current.filter(|_| !listed), "Configuration")}
                    {list.into_iter()
                        .filter(|config| config.id == current || config.matches(&needle))
                        .filter_map(|config| configuration_option(config, current))
                        .collect_view()}
                }
                .into_any()
            }
            Load::Failed(_) => view! {
                {unlisted_option(current, "Configuration")}
                <option disabled>"Could not load configurations"</option>
            }
            .into_any(),
            Load::Loading => view! {
                {unlisted_option(current, "Configuration")}
                <option disabled>"Loading configurations…"</option>
            }
            .into_any(),
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
            <select id="f-config" name="spacecraft_config" aria-invalid=invalid aria-describedby=described_by on:change=move |event| {
                edit.run(("spacecraft_config", event_target_value(&event)))
            }>
                <option value="" prop:selected=move || query.with(|q| q.spacecraft_config.is_none())>"Any configuration"</option>
                {options}
            </select>
            </div>
            <FieldError name="spacecraft_config" errors />
        </div>
    }
}

fn configuration_option(config: SpacecraftConfig, current: Option<u32>) -> Option<impl IntoView> {
    let id = config.id?;
    Some(view! {
        <option value=id.to_string() prop:selected=current == Some(id)>{config.option_label()}</option>
    })
}
