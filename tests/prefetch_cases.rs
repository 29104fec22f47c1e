//! The first API request the app makes for an address, computed by the app's own code, for a few
//! thousand generated pages: addresses (odd queries, detail paths, a sub-path base), API bases,
//! policies and stored settings. Written to `target/prefetch-cases.json` (in this package, not
//! `CARGO_TARGET_DIR`) for `tests/e2e/review2-prefetch-parity.test.mjs`, which runs
//! `src/prefetch.js` on the same pages: whenever the script asks ahead of the app, it must ask for
//! exactly this URL with exactly this Authorization, or the app could not adopt its answer.
//!
//! The app's start-up, step by step as `context.rs`, `router.rs` and the pages do it (those are
//! browser-only; the rules they apply are the pure functions called here).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use spacecraft_explorer::api::endpoints::{self, Api};
use spacecraft_explorer::state::settings::{connect_origins, Settings};
use spacecraft_explorer::url::grid_query::Query;
use spacecraft_explorer::url::routes::{Paths, Route};

/// What the page holds when the app starts: what `index.html`, the address bar and
/// `localStorage` say.
struct Page {
    /// `document.baseURI` (Trunk's `<base href>`).
    base_uri: String,
    /// `location.pathname` and `location.search`, as the browser gives them.
    pathname: String,
    search: String,
    /// `<meta name="ll2-api-base">`'s content; `None`: no such tag.
    meta: Option<String>,
    /// The Content-Security-Policy meta tag's content; `None`: no policy tag.
    policy: Option<String>,
    /// The stored settings (`spacecraft-explorer.settings`); `None`: nothing stored.
    settings: Option<String>,
}

/// The app's first spacecraft request for `page`: URL and Authorization; `None` when the page
/// asks for no spacecraft (another page, or not ours).
fn first_request(page: &Page) -> Option<(String, Option<String>)> {
    // context.rs, AppContext::from_document and api().
    let site_base = endpoints::normalise_base(page.meta.as_deref());
    let reachable = page.policy.as_deref().and_then(connect_origins);
    let paths = Paths::from_base_uri(Some(&page.base_uri));
    let settings = page
        .settings
        .as_deref()
        .map(Settings::parse)
        .unwrap_or_default();
    let api = Api {
        base: settings.api_base(&site_base, reachable.as_deref()),
        authorization: settings.authorization(),
    };
    // router.rs: the route of the pathname, the grid's query from the search less its '?'.
    let request = match paths.route(&page.pathname) {
        Route::Grid => api.spacecraft_list(
            &Query::parse(page.search.trim_start_matches('?')).to_api_query_string(),
        ),
        Route::Detail(Some(id)) => api.spacecraft_detail(id),
        _ => return None,
    };
    let authorization = request.authorization().map(str::to_string);
    Some((request.url, authorization))
}

/// A small deterministic generator (xorshift), so every run writes the same cases.
struct Dice(u64);

impl Dice {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.below(choices.len())]
    }
}

const ORIGIN: &str = "http://127.0.0.1:8080";

/// Query keys: the app's, its own (never sent), unknown ones, and keys written oddly.
const KEYS: &[&str] = &[
    "search",
    "name",
    "status",
    "spacecraft_config",
    "in_space",
    "is_placeholder",
    "ordering",
    "mode",
    "limit",
    "offset",
    "view",
    "metric",
    "ids",
    "x",
    "Search",
    "sea%72ch",
    "search+",
    "%20limit",
    "",
];

/// Values, in the form a browser leaves them in `location.search`: valid and invalid numbers,
/// booleans, orderings, percent escapes good and broken, '+', encoded '&', '#', '=', non-Latin
/// text (percent-encoded, as browsers send it), blanks.
const VALUES: &[&str] = &[
    "",
    "1",
    "20",
    "36",
    "0",
    "007",
    "-1",
    "+5",
    "100",
    "101",
    "10",
    "4294967295",
    "4294967296",
    "99999999999999999999",
    "true",
    "false",
    "True",
    "1.5",
    "-flights_count",
    "flights_count",
    "time_in_space",
    "-time_docked",
    "mission_ends_count",
    "-id",
    "--id",
    "detailed",
    "normal",
    "chart",
    "cards",
    "dragon",
    "Dragon+C206",
    "a%20b",
    "+",
    "%20",
    "+%20+",
    "100%25",
    "100%",
    "%zz",
    "%4",
    "%E7%A5%9E%E8%88%9F",
    "%e7%a5%9e",
    "%D0%9F%D1%80%D0%BE%D0%B3%D1%80%D0%B5%D1%81%D1%81",
    "%C3%A9",
    "%FF",
    "%C3",
    "%ED%A0%80",
    "%F0%9F%9A%80",
    "R%26D",
    "a%2Bb",
    "%23hash",
    "a=b",
    "a%3Db",
    "it%27s(1)!~*-._",
    "%C2%85",
    "%EF%BB%BF",
    "%09",
    "%00",
    "%0A",
];

const PATHS: &[&str] = &[
    "/",
    "",
    "//",
    "/spacecraft/95",
    "/spacecraft/95/",
    "/spacecraft//95",
    "//spacecraft/95",
    "/spacecraft/0095",
    "/spacecraft/+95",
    "/spacecraft/-95",
    "/spacecraft/0",
    "/spacecraft/1",
    "/spacecraft/18446744073709551615",
    "/spacecraft/18446744073709551616",
    "/spacecraft/95x",
    "/spacecraft/%39%35",
    "/spacecraft",
    "/spacecraft/95/flights",
    "/configurations",
    "/compare",
    "/index.html",
    "/nope",
    "/%E7%A5%9E",
];

const BASES: &[&str] = &[
    "http://127.0.0.1:8080/",
    "http://127.0.0.1:8080/explorer/",
    "http://127.0.0.1:8080/explorer//",
    "http://127.0.0.1:8080/explorer",
    "http://127.0.0.1:8080/index.html",
    "http://127.0.0.1:8080/explorer/?x=1#y",
];

const METAS: &[Option<&str>] = &[
    Some("http://127.0.0.1:9/2.3.0"),
    Some("http://127.0.0.1:9/2.3.0/"),
    Some("  https://proxy.example/2.3.0//  "),
    Some("HTTPS://Proxy.Example/2.3.0"),
    Some("https://lldev.thespacedevs.com/2.3.0"),
    Some("ftp://x.example/2.3.0"),
    Some(""),
    Some("\u{feff}https://proxy.example/2.3.0"),
    None,
];

const POLICIES: &[Option<&str>] = &[
    None,
    Some("default-src 'self'; connect-src 'self' https://lldev.thespacedevs.com https://ll.thespacedevs.com http://127.0.0.1:9; img-src 'self' https: data:"),
    Some("default-src 'self'; connect-src 'self' https://lldev.thespacedevs.com"),
    Some("connect-src *"),
    Some("default-src https:"),
    Some("default-src 'self' https://ll.thespacedevs.com/2.3.0/"),
    Some("script-src 'self'"),
    Some("connect-src 'none'"),
];

/// Stored settings: every host name and odd ones, keys with spaces, non-Latin text, control
/// characters, escapes, wrong types, repeated fields, broken JSON.
fn settings(dice: &mut Dice) -> Option<String> {
    let host = dice.pick(&[
        r#""site""#,
        r#""development""#,
        r#""production""#,
        r#""custom""#,
        r#""Production""#,
        "null",
        "1",
        "[]",
        r#""\u0070roduction""#,
    ]);
    let key = dice.pick(&[
        r#""""#,
        r#""abc123""#,
        r#""  padded key  ""#,
        r#""with space""#,
        r#""ключ""#,
        r#""clé""#,
        r#""🔑""#,
        r#""\u0007bell""#,
        r#""tab\tkey""#,
        r#""\u00a0nbsp""#,
        r#""\u0085next""#,
        r#""\ud800""#,
        r#""a\"b""#,
        "5",
        "null",
    ]);
    let text = match dice.below(12) {
        0 => return None,
        1 => "{".to_string(),
        2 => "not json".to_string(),
        3 => "[]".to_string(),
        4 => "null".to_string(),
        5 => format!(r#"{{"host":{host}}}"#),
        6 => format!(r#"{{"api_key":{key}}}"#),
        7 => format!(r#"{{"host":{host},"api_key":{key},"host":"site"}}"#),
        8 => format!(r#"{{"host":{host},"api_key":{key},"extra":true}}"#),
        _ => format!(r#"{{"host":{host},"api_key":{key}}}"#),
    };
    Some(text)
}

/// Text for `search` and `name`, as the browser leaves it in `location.search`.
const TEXTS: &[&str] = &[
    "dragon",
    "Dragon+C206",
    "a%20b",
    "+dragon+",
    "100%25",
    "100%",
    "%zz%4",
    "R%26D",
    "a%2Bb",
    "%23hash",
    "a=b",
    "it%27s(1)!~*-._",
    "%E7%A5%9E%E8%88%9F",
    "%e7%a5%9e%e8%88%9f",
    "%D0%9F%D1%80%D0%BE%D0%B3%D1%80%D0%B5%D1%81%D1%81",
    "Gemini%E2%80%AF7",
    "%F0%9F%9A%80",
    "%C3%A9t%C3%A9",
];

/// A value that the key takes, mostly; now and then anything at all.
fn value(dice: &mut Dice, key: &str) -> String {
    if dice.below(4) == 0 {
        return dice.pick(VALUES).to_string();
    }
    let choices: &[&str] = match key {
        "search" | "name" => TEXTS,
        "status" | "spacecraft_config" | "offset" => &["1", "36", "20", "4294967295", "0", "07"],
        "in_space" | "is_placeholder" => &["true", "false"],
        "ordering" => &[
            "-flights_count",
            "mission_ends_count",
            "-time_in_space",
            "time_docked",
            "-id",
            "id",
        ],
        "mode" => &["detailed", "normal"],
        "limit" => &["1", "20", "50", "100", "10", "0", "500"],
        "view" => &["chart", "cards"],
        "metric" => &["time_docked", "flights_count", "id"],
        _ => VALUES,
    };
    dice.pick(choices).to_string()
}

/// A query string as `location.search` holds it: empty, or '?' and pairs, mostly the app's keys,
/// at times oddly joined, repeated, or with keys it does not know.
fn search(dice: &mut Dice) -> String {
    let mut pairs = Vec::new();
    for _ in 0..dice.below(5) {
        let key = if dice.below(8) == 0 {
            dice.pick(KEYS)
        } else {
            KEYS[dice.below(12)]
        };
        pairs.push(match dice.below(16) {
            0 => key.to_string(),
            _ => format!("{key}={}", value(dice, key)),
        });
        // Now and then the same key again.
        if dice.below(12) == 0 {
            pairs.push(format!("{key}={}", value(dice, key)));
        }
    }
    let joined = pairs.join(dice.pick(&["&", "&", "&", "&&"]));
    match (joined.is_empty(), dice.below(10)) {
        (true, 0) => "?".to_string(),
        (true, _) => String::new(),
        (false, 0) => format!("??{joined}"),
        (false, _) => format!("?{joined}"),
    }
}

fn page(dice: &mut Dice) -> Page {
    // The two bases builds have, mostly; odd ones now and then.
    let base_uri = match dice.below(8) {
        0..=3 => BASES[0],
        4..=5 => BASES[1],
        _ => dice.pick(BASES),
    }
    .to_string();
    // Under a sub-path base, mostly addresses inside it; the grid half the time.
    let inside = base_uri.contains("/explorer") && dice.below(4) != 0;
    let path = if dice.below(2) == 0 {
        "/"
    } else {
        dice.pick(PATHS)
    };
    let pathname = if inside {
        format!("/explorer{path}")
    } else {
        path.to_string()
    };
    Page {
        base_uri,
        pathname,
        search: search(dice),
        meta: METAS[dice.below(METAS.len())].map(str::to_string),
        policy: POLICIES[dice.below(POLICIES.len())].map(str::to_string),
        settings: settings(dice),
    }
}

/// A plain, valid address of the kind shared most, on the e2e build's page: these the script
/// should prefetch.
fn plain_page(dice: &mut Dice) -> Page {
    let queries = [
        "",
        "?limit=20",
        "?search=dragon&ordering=-flights_count",
        "?status=1&offset=20",
    ];
    Page {
        base_uri: format!("{ORIGIN}/"),
        pathname: ["/", "/spacecraft/95"][dice.below(2)].to_string(),
        search: queries[dice.below(queries.len())].to_string(),
        meta: METAS[0].map(str::to_string),
        policy: POLICIES[1].map(str::to_string),
        settings: Some(r#"{"host":"production","api_key":"abc"}"#.to_string()),
    }
}

/// A page and the app's first request for it, as the parity test reads them; `plain` marks the
/// pages of `plain_page`.
fn case(page: &Page, plain: bool) -> Value {
    let request = first_request(page);
    json!({
        "baseURI": page.base_uri,
        "pathname": page.pathname,
        "search": page.search,
        "meta": page.meta,
        "policy": page.policy,
        "settings": page.settings,
        "url": request.as_ref().map(|(url, _)| url),
        "authorization": request.and_then(|(_, authorization)| authorization),
        "plain": plain,
    })
}

#[test]
fn the_apps_first_requests_are_written_for_the_prefetch_parity_test() {
    let mut dice = Dice(0x2545_F491_4F6C_DD1D);
    let mut cases: Vec<Value> = (0..4000).map(|_| case(&page(&mut dice), false)).collect();
    cases.extend((0..200).map(|_| case(&plain_page(&mut dice), true)));

    // The app's rules as this file applies them, on pages whose answer is known.
    let known = Page {
        base_uri: "http://127.0.0.1:8080/explorer/".into(),
        pathname: "/explorer/".into(),
        search: "?offset=20&search=R%26D&view=chart".into(),
        meta: Some("http://127.0.0.1:9/2.3.0/".into()),
        policy: None,
        settings: Some(r#"{"host":"site","api_key":" k "}"#.into()),
    };
    assert_eq!(
        first_request(&known),
        Some((
            "http://127.0.0.1:9/2.3.0/spacecraft/?search=R%26D&offset=20".to_string(),
            Some("Token k".to_string())
        ))
    );
    let detail = Page {
        pathname: "/explorer/spacecraft/095".into(),
        settings: None,
        ..known
    };
    assert_eq!(
        first_request(&detail),
        Some(("http://127.0.0.1:9/2.3.0/spacecraft/95/".to_string(), None))
    );
    assert!(cases.iter().any(|case| case["url"].is_null()));
    assert!(cases.iter().any(|case| !case["authorization"].is_null()));

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target");
    std::fs::create_dir_all(dir).expect("the target folder");
    let text = serde_json::to_string_pretty(&cases).expect("the cases as JSON");
    std::fs::write(format!("{dir}/prefetch-cases.json"), text).expect("the cases written");
}
