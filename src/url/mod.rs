//! What an address means: which page (`routes`), each page's state in its query, the encoding.
//! Pure, host-tested. Uses only `api/` (records a search matches); nothing of state, ui, pages.

pub mod compare_ids;
pub mod encoding;
pub mod grid_query;
pub mod index_query;
pub mod routes;
