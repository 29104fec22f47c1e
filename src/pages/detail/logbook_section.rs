//! A spacecraft's logbook on its page: who flew on it and how often, then each flight's crew,
//! dockings and turnaround, as `logbook::roster` and `logbook::entries` give them. Its own
//! request: when that fails, this section says so in one line with Retry and the rest of the
//! page stays as it is.

use crate::api::cache::now_ms;
use crate::api::models::Logbook;
use crate::api::models::Spacecraft;
use crate::pages::detail::logbook::{self, CrewGroup, DockingRow, Entry, RosterLine};
use crate::state::loader::Loader;
use crate::ui::export::LogbookDownloads;
use crate::ui::image::FallbackImage;
use crate::ui::loaded::Loaded;
use crate::ui::measure;
use leptos::prelude::*;

#[component]
pub fn LogbookSection(loader: Loader<Logbook>, craft: Spacecraft) -> impl IntoView {
    view! {
        <section class="detail-section logbook" aria-labelledby="logbook-heading">
            <h2 id="logbook-heading">"Logbook"</h2>
            <Loaded
                loader
                class="logbook-state"
                testid="logbook"
                compact=true
                loading=|| view! {
                    <div class="logbook-skeleton" data-testid="logbook-loading">
                        <div class="skeleton-line"></div>
                        <div class="skeleton-line"></div>
                    </div>
                }
                ready=move |book: &Logbook| view! {
                    <LogbookDownloads craft=craft.clone() book=book.clone() />
                    <LogbookView book=book.clone() />
                }
            />
        </section>
    }
}

#[component]
fn LogbookView(book: Logbook) -> impl IntoView {
    let skipped = logbook::skipped_note(book.skipped).map(|text| {
        view! { <p class="notice notice-quiet" role="status" data-testid="logbook-skipped">{text}</p> }.into_any()
    });
    let roster = logbook::roster(&book);
    let entries = logbook::entries(&book, measure::from_unix(now_ms() / 1000));
    let empty = entries.is_empty();
    view! {
        {skipped}
        {(!roster.is_empty()).then(|| view! { <Roster roster /> })}
        {empty.then(|| view! { <p>"No flight records."</p> }.into_any())}
        <ol class="logbook-flights" role="list">
            {entries.into_iter().map(|entry| view! { <LogbookFlight entry /> }).collect_view()}
        </ol>
    }
}

/// Everyone who flew on the spacecraft, and how many times.
#[component]
fn Roster(roster: Vec<RosterLine>) -> impl IntoView {
    view! {
        <div class="roster" data-testid="roster">
            <h3>"Crew roster"</h3>
            <ul class="roster-list" role="list">
                {roster.into_iter().map(|line| {
                    let times = match line.flights {
                        1 => "1 flight".to_string(),
                        n => format!("{n} flights"),
                    };
                    view! {
                        <li data-testid="roster-line">
                            <span class="roster-name">{line.name}</span>
                            <span class="roster-agency">{line.agency}</span>
                            <span class="roster-count">{times}</span>
                        </li>
                    }
                    .into_any()
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn LogbookFlight(entry: Entry) -> impl IntoView {
    let Entry {
        id,
        title,
        launched,
        lasted,
        turnaround,
        crews,
        dockings,
    } = entry;
    view! {
        <li class="logbook-flight" data-testid="logbook-flight" data-flight-id=id.map(|id| id.to_string())>
            <h3>{title}</h3>
            <dl class="logbook-facts">
                <div><dt>"Launched"</dt><dd>{launched}</dd></div>
                <div><dt>"Lasted"</dt><dd>{lasted}</dd></div>
                {turnaround.map(|turnaround| view! {
                    <div data-testid="turnaround"><dt>"Turnaround"</dt><dd>{turnaround}" since the flight before"</dd></div>
                }.into_any())}
            </dl>
            {crews.into_iter().map(|group| view! { <Crew group /> }).collect_view()}
            {(!dockings.is_empty()).then(|| view! { <Dockings dockings /> })}
        </li>
    }
}

#[component]
fn Crew(group: CrewGroup) -> impl IntoView {
    view! {
        <div class="crew" data-testid="crew" data-crew=group.label>
            <h4>{group.label}</h4>
            <ul class="crew-list" role="list">
                {group.seats.into_iter().map(|seat| view! {
                    <li class="crew-member" data-testid="crew-member">
                        // The name beside it says who it is: the photo itself is decoration.
                        <FallbackImage sources=seat.photo alt=String::new() class="crew-photo" />
                        <span class="crew-text">
                            <span class="crew-name">{seat.name}</span>
                            <span class="crew-role">{seat.role}</span>
                            <span class="crew-agency">{seat.agency}</span>
                        </span>
                    </li>
                }.into_any()).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn Dockings(dockings: Vec<DockingRow>) -> impl IntoView {
    view! {
        <div class="dockings">
            <h4>"Dockings"</h4>
            <div class="table-scroll">
                <table class="flights dockings-table" data-testid="dockings">
                    <thead>
                        <tr>
                            <th scope="col">"Docked with"</th>
                            <th scope="col">"Port"</th>
                            <th scope="col">"Docked"</th>
                            <th scope="col">"Departed"</th>
                            <th scope="col">"Time docked"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {dockings.into_iter().map(|row| view! {
                            <tr data-testid="docking">
                                <th scope="row">{row.target}</th>
                                // Labels for the stacked rows of a narrow screen (style/logbook.css).
                                <td data-label="Port">{row.port}</td>
                                <td data-label="Docked">{row.docked}</td>
                                <td data-label="Departed">{match row.departed {
                                    Some(departed) => departed.into_any(),
                                    None => view! { <span class="badge badge-space" data-testid="docked-now">"docked now"</span> }.into_any(),
                                }}</td>
                                <td data-label="Time docked">{row.time_docked}</td>
                            </tr>
                        }.into_any()).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}
