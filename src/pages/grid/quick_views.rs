//! The grid's quick views: the questions people ask most, each a ready-made view one click
//! away. Pure, host-tested; the grid page draws them (`QuickViews`).

use crate::url::grid_query::{Ordering, Query, SortField};

/// The questions people ask most, one click away: a label and the view that answers it.
/// "Active" needs the API's id for that status, so it comes only once statuses are known.
pub fn quick_views(active_status: Option<u32>) -> Vec<(&'static str, Query)> {
    let ordered = |field| Query {
        ordering: Some(Ordering {
            field,
            descending: true,
        }),
        ..Query::default()
    };
    let mut views = vec![
        (
            "In space now",
            Query {
                in_space: Some(true),
                ..Query::default()
            },
        ),
        ("Most flights", ordered(SortField::FlightsCount)),
        ("Longest in space", ordered(SortField::TimeInSpace)),
        ("Longest docked", ordered(SortField::TimeDocked)),
    ];
    if let Some(id) = active_status {
        views.push((
            "Active",
            Query {
                status: Some(id),
                ..Query::default()
            },
        ));
    }
    views.push((
        "Placeholders",
        Query {
            is_placeholder: Some(true),
            ..Query::default()
        },
    ));
    views
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_views_answer_the_common_questions() {
        let views: Vec<(&str, String)> = quick_views(Some(1))
            .into_iter()
            .map(|(label, query)| (label, query.to_query_string()))
            .collect();
        assert_eq!(
            views,
            vec![
                ("In space now", "in_space=true".to_string()),
                ("Most flights", "ordering=-flights_count".to_string()),
                ("Longest in space", "ordering=-time_in_space".to_string()),
                ("Longest docked", "ordering=-time_docked".to_string()),
                ("Active", "status=1".to_string()),
                ("Placeholders", "is_placeholder=true".to_string()),
            ]
        );
        assert_eq!(quick_views(None).len(), 5, "no Active without its id");
    }
}
