//! The compare table, as `drawing::compare_table` lays it out: a column per spacecraft, a row
//! per fact, measures with bars scaled to their row.

use crate::ui::drawing::{Cell, CompareLayout, Head, Title};
use crate::ui::image::FallbackImage;
use leptos::prelude::*;

/// The spacecraft side by side: each column headed by its name (or why it is missing) and a
/// link that removes it, then its image and facts.
#[component]
pub fn CompareTable(layout: CompareLayout) -> impl IntoView {
    let CompareLayout { heads, rows } = layout;
    view! {
        <div class="table-scroll compare-scroll">
            <table class="compare-table" data-testid="compare">
                <thead>
                    <tr>
                        <td></td>
                        {heads.into_iter().map(head).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row.label}</th>
                            {row.cells.into_iter().map(|cell| view! { <td>{content(cell)}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn head(head: Head) -> impl IntoView {
    let title = match head.title {
        Title::Name { name, href } => view! { <a href=href>{name}</a> }.into_any(),
        Title::Loading => view! { <span class="skeleton-line skeleton-title"></span> }.into_any(),
        Title::Failed(title) => view! { <span class="compare-error">{title}</span> }.into_any(),
    };
    view! {
        <th scope="col" data-compare-id=head.id.to_string()>
            {title}
            <a class="compare-remove" href=head.remove>"Remove"</a>
        </th>
    }
}

/// What a cell holds.
fn content(cell: Cell) -> AnyView {
    match cell {
        Cell::Empty => ().into_any(),
        Cell::Text(text) => text.into_any(),
        Cell::Link { text, href } => view! { <a href=href>{text}</a> }.into_any(),
        Cell::Image { sources, alt } => {
            view! { <FallbackImage sources alt class="compare-image" /> }.into_any()
        }
        Cell::Measure { text, bar } => view! {
            <span class="compare-value" class:compare-no-data=bar.is_none()>{text}</span>
            {bar.map(|width| view! {
                <span class="compare-bar" aria-hidden="true">
                    <span class="compare-bar-fill" style:width=width></span>
                </span>
            })}
        }
        .into_any(),
    }
}
