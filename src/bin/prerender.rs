//! The release build's rendering of `/`: the app's own page (header, quick views, the filter
//! form, the first page of cards with their count and pager) as HTML, drawn on the host by the
//! same components the browser runs, from one answer of the API. Run by
//! `.ci/trunk-post-build.mjs`, which fetches the answer (in Node: http and https alike, so no
//! HTTP or TLS crate here) and splices the HTML into `index.html`.
//!
//!   prerender url BASE                    the URL the app asks first at `/` (one home: endpoints.rs)
//!   prerender render BASE POLICY PUBLIC_URL < answer.json
//!                                         the page, from that answer; nothing and exit status 1
//!                                         with one line on stderr if the answer cannot be read
//!
//! BASE is the page's API base (its `ll2-api-base` meta), POLICY its Content-Security-Policy
//! (which image URLs the page may load), PUBLIC_URL Trunk's `--public-url` (`/`, `/explorer/`).

use spacecraft_explorer::api::endpoints::ApiRequest;
use spacecraft_explorer::api::models::{Page, Spacecraft};
use spacecraft_explorer::api::{cache, decode};
use spacecraft_explorer::state::context::AppContext;
use spacecraft_explorer::state::router::Location;
use spacecraft_explorer::url::grid_query::Query;
use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["url", base] => {
            println!(
                "{}",
                first_request(&AppContext::from_page(Some(base), None, None)).url
            );
            ExitCode::SUCCESS
        }
        ["render", base, policy, public_url] => {
            let mut body = String::new();
            if std::io::stdin().read_to_string(&mut body).is_err() {
                eprintln!("the API's answer is not UTF-8 text");
                return ExitCode::FAILURE;
            }
            match render(base, policy, public_url, &body) {
                Ok(html) => {
                    print!("{html}");
                    ExitCode::SUCCESS
                }
                Err(reason) => {
                    eprintln!("{reason}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!(
                "usage: prerender url BASE | prerender render BASE POLICY PUBLIC_URL < answer.json"
            );
            ExitCode::from(2)
        }
    }
}

/// What the grid asks first at `/`, as the app builds it (the visitor's settings at their
/// defaults: the page's own API, no key).
fn first_request(context: &AppContext) -> ApiRequest {
    context
        .api()
        .spacecraft_list(&Query::default().to_api_query_string())
}

fn render(base: &str, policy: &str, public_url: &str, body: &str) -> Result<String, String> {
    let context = AppContext::from_page(Some(base), Some(policy), Some(public_url));
    let page: Page<Spacecraft> =
        decode(body).map_err(|_| "the API's answer is not a page of spacecraft".to_string())?;
    if page.results.is_empty() {
        return Err("the API's answer holds no spacecraft".to_string());
    }
    // The answer goes where the app's own answers go: the grid finds it in the cache, fresh,
    // and draws it as it draws any cached answer.
    cache::store(&first_request(&context), body);
    let location = Location {
        pathname: context.paths.home(),
        search: String::new(),
    };
    Ok(spacecraft_explorer::prerender(context, location))
}
