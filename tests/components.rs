//! Components rendered in a real browser (wasm-bindgen-test in headless Chromium): mounted,
//! poked like a user would, and read back from the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use spacecraft_explorer::api::cache::Cached;
use spacecraft_explorer::api::models::Logbook;
use spacecraft_explorer::api::models::{Image, Spacecraft};
use spacecraft_explorer::api::quota::Quota;
use spacecraft_explorer::api::ApiError;
use spacecraft_explorer::pages::compare::table::CompareTable;
use spacecraft_explorer::pages::detail::logbook_section::LogbookSection;
use spacecraft_explorer::pages::detail::timeline::FlightTimeline;
use spacecraft_explorer::pages::grid::chart::ResultsChart;
use spacecraft_explorer::state::context::AppContext;
use spacecraft_explorer::state::loader::{use_latest, Load};
use spacecraft_explorer::ui::card::SpacecraftCard;
use spacecraft_explorer::ui::compare_tray::Tray;
use spacecraft_explorer::ui::drawing::{
    Cell, CompareLayout, Head, Row, Span, Stretch, Tick, Timeline, Title,
};
use spacecraft_explorer::ui::settings_panel::QuotaMeter;
use spacecraft_explorer::ui::status::{ErrorNotice, FieldError};
use spacecraft_explorer::url::grid_query::Query;
use spacecraft_explorer::url::routes::Paths;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("ll2-standin/fixtures/seed-page.json");

fn seed_craft(index: usize) -> Spacecraft {
    let page: spacecraft_explorer::api::models::Page<Spacecraft> =
        spacecraft_explorer::api::decode(SEED).expect("seed parses");
    page.results[index].clone()
}

fn context() -> AppContext {
    AppContext::new(
        "http://127.0.0.1:9/2.3.0".into(),
        None,
        Paths::from_base_uri(Some("http://127.0.0.1:9/explorer/")),
    )
}

/// A fresh element to mount into, attached to the page.
fn host() -> HtmlElement {
    let document = document();
    let host = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    host.unchecked_into()
}

/// Mounts one card with the app's context; keep the handle alive while asserting.
async fn mount_card(craft: Spacecraft) -> (HtmlElement, impl Sized) {
    let root = host();
    let mounted = mount_to(root.clone(), move || {
        provide_context(context());
        provide_context(Tray::restore());
        view! { <SpacecraftCard craft /> }
    });
    tick().await;
    (root, mounted)
}

fn text_of(root: &HtmlElement, css: &str) -> String {
    root.query_selector(css)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element {css}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_card_shows_the_spacecraft_for_people() {
    let craft = seed_craft(0);
    let (root, _mounted) = mount_card(craft).await;

    let card = root
        .query_selector("article[data-spacecraft-id='95']")
        .expect("css");
    assert!(card.is_some(), "the card carries its id");
    assert_eq!(text_of(&root, "h2"), "Apollo CSM-118");
    assert_eq!(
        root.query_selector("h2 a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/explorer/spacecraft/95")
    );
    let stats = text_of(&root, ".stats");
    assert!(
        stats.contains("84d 1h 15m"),
        "time in space for people: {stats}"
    );
    assert!(
        stats.contains("83d 4h 38m"),
        "time docked for people: {stats}"
    );
    assert!(!stats.contains("P84DT"), "never the raw duration: {stats}");
    assert!(text_of(&root, ".card-config").contains("North American Aviation"));
    assert!(text_of(&root, ".badges").contains("Single Use"));

    let image = root.query_selector("img").unwrap().unwrap();
    assert_eq!(
        image.get_attribute("alt").as_deref(),
        Some("Apollo CSM-118")
    );
    assert!(image
        .get_attribute("src")
        .unwrap_or_default()
        .contains("thumbnail"));
    assert_eq!(image.get_attribute("loading").as_deref(), Some("lazy"));
}

/// The inline style of the first element `css` finds: what the CSSOM was given.
fn style_of(root: &HtmlElement, css: &str) -> (String, String, String) {
    let element: HtmlElement = root
        .query_selector(css)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element {css}"))
        .unchecked_into();
    let style = element.style();
    let property = |name: &str| style.get_property_value(name).unwrap_or_default();
    (property("left"), property("margin-left"), property("width"))
}

#[wasm_bindgen_test]
async fn the_chart_sizes_its_bars_through_the_cssom_and_keeps_names_as_text() {
    let mut long = seed_craft(0);
    long.flights_count = Some(4);
    let mut short = seed_craft(1);
    short.name = "<b>Freedom</b>".into();
    short.flights_count = Some(1);
    let mut unknown = seed_craft(2);
    unknown.flights_count = None;
    let root = host();
    let _mounted = mount_to(root.clone(), move || {
        provide_context(context());
        view! { <ResultsChart results=vec![long, short, unknown] query=Query::parse("view=chart") /> }
    });
    tick().await;

    assert_eq!(style_of(&root, ".chart-tick:last-child").0, "100%");
    let bars = root.query_selector_all(".chart-bar").expect("css");
    assert_eq!(bars.length(), 3);
    assert_eq!(
        style_of(&root, ".chart-bar:nth-child(1) .bar-fill").2,
        "100%"
    );
    assert_eq!(
        style_of(&root, ".chart-bar:nth-child(2) .bar-fill").2,
        "25%"
    );
    assert!(
        root.query_selector("[data-no-data] .bar-fill")
            .expect("css")
            .is_none(),
        "no data, no bar"
    );
    assert!(
        root.query_selector(".chart b").expect("css").is_none(),
        "names are text"
    );
    assert_eq!(
        text_of(&root, ".chart-bar:nth-child(2) .bar-label"),
        "<b>Freedom</b>"
    );
}

#[wasm_bindgen_test]
async fn the_timeline_and_the_compare_bars_are_placed_through_the_cssom() {
    let timeline = Timeline {
        spans: vec![Span {
            id: Some(11),
            ongoing: true,
            second_lane: true,
            offset: "12.5%".into(),
            width: "50.0%".into(),
            docked: vec![Stretch {
                offset: "10.0%".into(),
                width: "80.0%".into(),
            }],
            tip: "Crew-1: 16 Nov 2020, ongoing".into(),
        }],
        ticks: vec![Tick {
            left: "25.0%".into(),
            label: "2020".into(),
        }],
    };
    let layout = CompareLayout {
        heads: vec![Head {
            id: 5,
            title: Title::Loading,
            remove: "/compare".into(),
        }],
        rows: vec![Row {
            label: "Flights",
            cells: vec![Cell::Measure {
                text: "4".into(),
                bar: Some("40.0%".into()),
            }],
        }],
    };
    let root = host();
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <FlightTimeline timeline />
            <CompareTable layout />
        }
    });
    tick().await;

    let flight = root
        .query_selector("li[data-flight-id='11']")
        .expect("css")
        .expect("the flight");
    assert_eq!(flight.class_name(), "timeline-flight timeline-lane-2");
    assert_eq!(flight.get_attribute("data-ongoing").as_deref(), Some(""));
    assert_eq!(flight.get_attribute("tabindex").as_deref(), Some("0"));
    let (_, offset, width) = style_of(&root, ".timeline-flight");
    assert_eq!((offset.as_str(), width.as_str()), ("12.5%", "50%"));
    let (_, offset, width) = style_of(&root, ".timeline-docked");
    assert_eq!((offset.as_str(), width.as_str()), ("10%", "80%"));
    assert_eq!(style_of(&root, ".timeline-tick").0, "25%");
    assert_eq!(
        text_of(&root, ".timeline-tip"),
        "Crew-1: 16 Nov 2020, ongoing"
    );
    assert_eq!(style_of(&root, ".compare-bar-fill").2, "40%");
    assert_eq!(
        text_of(&root, "th[data-compare-id='5'] .compare-remove"),
        "Remove"
    );
}

#[wasm_bindgen_test]
async fn the_compare_toggle_keeps_at_most_four_for_the_tab() {
    let _ = window().session_storage().unwrap().unwrap().clear();
    let root = host();
    let _mounted = mount_to(root.clone(), move || {
        provide_context(context());
        provide_context(Tray::restore());
        (0..5)
            .map(|index| view! { <SpacecraftCard craft=seed_craft(index) /> })
            .collect_view()
    });
    tick().await;
    let toggles = root
        .query_selector_all("button[data-compare-toggle]")
        .unwrap();
    assert_eq!(toggles.length(), 5);
    let toggle = |index: u32| -> HtmlElement { toggles.get(index).unwrap().unchecked_into() };
    for index in 0..4 {
        toggle(index).click();
    }
    tick().await;
    let pressed = |index: u32| {
        toggle(index)
            .get_attribute("aria-pressed")
            .unwrap_or_default()
    };
    assert_eq!((0..4).map(pressed).collect::<Vec<_>>(), ["true"; 4]);
    assert!(toggle(4).has_attribute("disabled"), "a fifth is refused");
    toggle(1).click();
    tick().await;
    assert_eq!(pressed(1), "false");
    assert!(!toggle(4).has_attribute("disabled"), "room again");
    let stored = window()
        .session_storage()
        .unwrap()
        .unwrap()
        .get_item("spacecraft-explorer.compare")
        .unwrap()
        .unwrap_or_default();
    assert_eq!(
        spacecraft_explorer::url::compare_ids::parse_tray(&stored).len(),
        3,
        "kept for the tab: {stored}"
    );
}

#[wasm_bindgen_test]
async fn a_card_without_an_image_or_values_shows_the_placeholder_and_dashes() {
    let craft = Spacecraft {
        id: 7,
        ..Spacecraft::default()
    };
    let (root, _mounted) = mount_card(craft).await;

    let image = root.query_selector("img").unwrap().unwrap();
    assert_eq!(
        image.get_attribute("src").as_deref(),
        Some("/explorer/public/placeholder.svg")
    );
    assert_eq!(text_of(&root, "h2"), "Unnamed spacecraft #7");
    assert!(text_of(&root, ".stats").contains("—"));
}

#[wasm_bindgen_test]
async fn a_broken_thumbnail_falls_back_to_the_full_image_then_the_placeholder() {
    let craft = Spacecraft {
        id: 8,
        name: "Broken".into(),
        image: Some(Image {
            thumbnail_url: Some("http://127.0.0.1:9/missing-thumb.jpg".into()),
            image_url: Some("javascript:alert(1)".into()),
            ..Image::default()
        }),
        ..Spacecraft::default()
    };
    let (root, _mounted) = mount_card(craft).await;
    let image = root.query_selector("img").unwrap().unwrap();
    assert_eq!(
        image.get_attribute("src").as_deref(),
        Some("http://127.0.0.1:9/missing-thumb.jpg"),
        "the javascript: URL is never used"
    );
    image
        .dispatch_event(&web_sys::Event::new("error").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(
        image.get_attribute("src").as_deref(),
        Some("/explorer/public/placeholder.svg")
    );
}

#[wasm_bindgen_test]
async fn an_error_explains_itself_and_retries() {
    let root = host();
    let retries = RwSignal::new(0);
    let _mounted = mount_to(root.clone(), move || {
        let error = ApiError::from_response(400, None, r#"{"status": ["Select a valid choice."]}"#);
        view! { <ErrorNotice error on_retry=Callback::new(move |()| retries.update(|n| *n += 1)) /> }
    });
    tick().await;

    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("status: Select a valid choice."), "{text}");
    let button: HtmlElement = alert
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Retry"));
    button.click();
    tick().await;
    assert_eq!(retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn a_throttle_message_says_how_long_to_wait() {
    let root = host();
    let _mounted = mount_to(root.clone(), move || {
        let error = ApiError::from_response(429, Some("754"), "");
        view! { <ErrorNotice error on_retry=Callback::new(|()| {}) /> }
    });
    tick().await;
    let text = text_of(&root, "[role=alert]");
    assert!(text.contains("Rate limit reached"), "{text}");
    assert!(text.contains("12 min 34 s"), "{text}");
}

#[wasm_bindgen_test]
async fn a_field_message_appears_only_for_its_field() {
    let root = host();
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <FieldError name="status" errors=errors.into() />
            <FieldError name="ordering" errors=errors.into() />
        }
    });
    tick().await;
    assert!(root.query_selector(".field-error").unwrap().is_none());
    errors.set(vec![("status".into(), "Select a valid choice.".into())]);
    tick().await;
    assert!(root
        .query_selector("[data-field=ordering]")
        .unwrap()
        .is_none());
    assert_eq!(
        text_of(&root, "[data-field=status]"),
        "status: Select a valid choice."
    );
}

#[wasm_bindgen_test]
async fn a_throttle_with_a_short_wait_retries_by_itself() {
    let root = host();
    let retries = RwSignal::new(0);
    let _mounted = mount_to(root.clone(), move || {
        let error = ApiError::Throttled {
            retry_after_secs: Some(1),
        };
        let count = Callback::new(move |()| retries.update(|n| *n += 1));
        view! { <ErrorNotice error on_retry=Callback::new(|()| {}) auto_retry_in=Some(1) on_auto_retry=Some(count) /> }
    });
    tick().await;
    assert!(text_of(&root, "[data-testid=throttle-wait]").contains("1 s"));
    wait_for("the retry when the wait ran out", || {
        retries.get_untracked() == 1
    })
    .await;
    // A second run would come a tick of the countdown (250 ms) later, or a whole wait (1 s)
    // later if the countdown started over: watch a little longer than that.
    quiet_period(1_200).await;
    assert_eq!(retries.get_untracked(), 1, "and only once");
}

/// Mounts a view of a `use_latest` loader whose fetch answers `"<key>#<call>"` after the
/// key's number of milliseconds; returns the root, the key signal, the calls made, the keys
/// whose answer time has come (noted even when the loader has dropped the request) and a retry.
async fn mount_loader(
    first_key: u32,
    cached: fn(&u32) -> Cached<String>,
) -> (
    HtmlElement,
    RwSignal<u32>,
    Rc<RefCell<Vec<u32>>>,
    Rc<RefCell<Vec<u32>>>,
    Callback<()>,
    impl Sized,
) {
    let root = host();
    let key = RwSignal::new(first_key);
    let calls = Rc::new(RefCell::new(Vec::new()));
    let due = Rc::new(RefCell::new(Vec::new()));
    let retry_slot = RwSignal::new(None::<Callback<()>>);
    let log = calls.clone();
    let due_log = due.clone();
    let mounted = mount_to(root.clone(), move || {
        let loader = use_latest(
            move || Some(key.get()),
            cached,
            move |key: u32| {
                log.borrow_mut().push(key);
                let call = log.borrow().len();
                let due_log = due_log.clone();
                let answer = after_ms(key, move || due_log.borrow_mut().push(key));
                async move {
                    answer.await;
                    Ok::<String, ApiError>(format!("{key}#{call}"))
                }
            },
        );
        retry_slot.set(Some(Callback::new(move |()| loader.retry())));
        view! {
            <p>{move || match loader.state.get() {
                Load::Loading => "loading".to_string(),
                Load::Ready(value) => value,
                Load::Failed(error) => spacecraft_explorer::ui::text::error_title(&error).to_string(),
            }}</p>
        }
    });
    tick().await;
    let retry = retry_slot.get_untracked().expect("the loader is mounted");
    (root, key, calls, due, retry, mounted)
}

#[wasm_bindgen_test]
async fn a_newer_request_wins_and_a_late_answer_never_overwrites_it() {
    let (root, key, calls, due, _retry, _mounted) = mount_loader(300, |_| Cached::Miss).await;
    assert_eq!(text_of(&root, "p"), "loading");
    key.set(20);
    wait_for("the newer answer", || text_of(&root, "p") == "20#2").await;
    wait_for("the older answer's time", || due.borrow().contains(&300)).await;
    settle().await;
    assert_eq!(
        text_of(&root, "p"),
        "20#2",
        "the slow, older answer was dropped"
    );
    assert_eq!(*calls.borrow(), vec![300, 20]);
}

#[wasm_bindgen_test]
async fn the_same_key_never_asks_twice_but_retry_asks_again() {
    let (root, key, calls, _due, retry, _mounted) = mount_loader(10, |_| Cached::Miss).await;
    wait_for("the first answer", || text_of(&root, "p") == "10#1").await;
    key.set(10);
    settle().await;
    // A new call would be logged the moment the loader makes it, in the effect just run.
    assert_eq!(calls.borrow().len(), 1, "setting the same key is no news");
    retry.run(());
    wait_for("the retried answer", || text_of(&root, "p") == "10#2").await;
}

#[wasm_bindgen_test]
async fn a_stale_answer_shows_at_once_and_is_refreshed_in_the_background() {
    let (root, _key, calls, _due, _retry, _mounted) = mount_loader(30, |_| Cached::Stale {
        value: "old".to_string(),
        stored_at: 1,
        may_refresh: true,
    })
    .await;
    assert_eq!(
        text_of(&root, "p"),
        "old",
        "no loading state for a stale answer"
    );
    wait_for("the refreshed answer", || text_of(&root, "p") == "30#1").await;
    assert_eq!(calls.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn a_fresh_answer_costs_no_request() {
    let (root, _key, calls, _due, _retry, _mounted) = mount_loader(30, |_| Cached::Fresh {
        value: "cached".to_string(),
        stored_at: 1,
    })
    .await;
    // A request would be logged the moment the loader makes it, in the effect run at mount.
    settle().await;
    assert_eq!(text_of(&root, "p"), "cached");
    assert!(calls.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn the_quota_meter_shows_use_and_the_wait() {
    let root = host();
    let app = context();
    let quota = app.quota;
    let _mounted = mount_to(root.clone(), move || {
        provide_context(app);
        view! { <QuotaMeter /> }
    });
    tick().await;
    assert!(
        root.query_selector("[data-testid=quota]")
            .unwrap()
            .is_none(),
        "hidden until known"
    );
    let now = js_sys::Date::now() as u64;
    quota.set(Some(Quota {
        limit: 15,
        used: 4,
        window_secs: 3600,
        wait_secs: 0,
        observed_at: now,
    }));
    tick().await;
    assert_eq!(text_of(&root, ".quota-text"), "4 / 15 requests used");
    quota.set(Some(Quota {
        limit: 15,
        used: 15,
        window_secs: 3600,
        wait_secs: 754,
        observed_at: now,
    }));
    tick().await;
    assert!(
        text_of(&root, ".quota-text").contains("12 min 3"),
        "{}",
        text_of(&root, ".quota-text")
    );
}

/// A logbook of one flight still docked, with a crew of two (one without an agency).
const LOGBOOK: &str = r#"{"count": 1, "results": [{"id": 4241,
    "launch": {"name": "Soyuz 2.1a | Soyuz MS-26", "net": "2024-09-11T16:23:00Z"}, "mission_end": null,
    "launch_crew": [
        {"id": 1, "role": {"id": 1, "role": "Commander"}, "astronaut": {"id": 201, "name": "Алексей Овчинин",
         "agency": {"id": 63, "name": "Roscosmos", "abbrev": "RFSA"}, "image": null}},
        {"id": 2, "role": {"id": 4, "role": "Flight Engineer"}, "astronaut": {"id": 202, "name": "Don Pettit",
         "agency": null, "image": null}}],
    "onboard_crew": [], "landing_crew": [],
    "docking_events": [{"docking": "2024-09-11T19:32:00Z", "departure": null,
        "docking_location": {"id": 1, "name": "Rassvet nadir", "spacestation": {"id": 4, "name": "ISS"}},
        "space_station_target": {"id": 4, "name": "International Space Station"}}]}]}"#;

#[wasm_bindgen_test]
async fn a_failed_logbook_is_one_line_with_retry_and_retry_shows_crew_docked_now_and_downloads() {
    let page = spacecraft_explorer::api::decode(LOGBOOK).expect("the logbook parses");
    let book = Logbook::from_pages([page]);
    let calls = Rc::new(RefCell::new(0));
    let counted = calls.clone();
    let root = host();
    let _mounted = mount_to(root.clone(), move || {
        provide_context(context());
        let loader = use_latest(
            || Some(()),
            |_| Cached::Miss,
            move |()| {
                *counted.borrow_mut() += 1;
                let first = *counted.borrow() == 1;
                let book = book.clone();
                async move {
                    if first {
                        Err(ApiError::Server { status: 503 })
                    } else {
                        Ok(book)
                    }
                }
            },
        );
        let craft = Spacecraft {
            id: 424,
            name: "Soyuz MS-26".into(),
            ..Spacecraft::default()
        };
        view! { <LogbookSection loader craft /> }
    });
    let error = |root: &HtmlElement| {
        root.query_selector("[data-testid=logbook-error]")
            .ok()
            .flatten()
    };
    wait_for("the logbook's error line", || error(&root).is_some()).await;
    assert!(text_of(&root, "[data-testid=logbook-error]").starts_with("The API is having trouble."));
    let retry: HtmlElement = error(&root)
        .and_then(|line| line.query_selector("button").ok().flatten())
        .expect("a Retry button")
        .unchecked_into();
    retry.click();
    wait_for("the logbook after Retry", || {
        root.query_selector("[data-testid=crew-member]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    assert_eq!(*calls.borrow(), 2);
    assert_eq!(
        text_of(&root, "[data-crew='Crew'] .crew-name"),
        "Алексей Овчинин"
    );
    assert_eq!(text_of(&root, "[data-crew='Crew'] .crew-agency"), "RFSA");
    assert_eq!(text_of(&root, "[data-testid=docked-now]"), "docked now");
    // Crews and dockings download from here, once the logbook is in.
    assert_eq!(
        text_of(&root, "[data-testid=export-crew]"),
        "Download crews as CSV"
    );
    assert_eq!(
        text_of(&root, "[data-testid=export-dockings]"),
        "Download dockings as CSV"
    );
    assert_eq!(
        text_of(&root, "[data-testid=docking] th"),
        "International Space Station"
    );
    assert_eq!(
        root.query_selector_all("[data-testid=roster-line]")
            .expect("css")
            .length(),
        2
    );
    let photo = root
        .query_selector(".crew-photo")
        .expect("css")
        .expect("a photo");
    assert!(
        photo
            .get_attribute("src")
            .is_some_and(|src| src.ends_with("placeholder.svg")),
        "no image: the placeholder"
    );
}

/// Waits, a few milliseconds at a time, until `condition` holds; fails the test after 10 s
/// saying what it waited for. The tests wait for what they are about, not for a fixed time, so
/// a busy machine makes them slower, never wrong.
async fn wait_for(what: &str, condition: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + 10_000.0;
    while !condition() {
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {what}"
        );
        pause(10).await;
    }
}

/// Lets everything already under way finish: the browser's pending callbacks and promise jobs
/// (a macrotask runs after them), then Leptos's effects.
async fn settle() {
    pause(0).await;
    tick().await;
}

/// The one wait by the clock, for a check that something does NOT happen: an absence has no
/// moment to wait for, so the test watches for `ms` instead.
async fn quiet_period(ms: i32) {
    pause(ms).await;
}

/// A future that resolves after `ms`, having first run `on_time`: the timer starts at once and
/// runs out even if nobody awaits the future any more (as when the loader drops a request).
fn after_ms(ms: u32, on_time: impl FnOnce() + 'static) -> impl std::future::Future<Output = ()> {
    let mut on_time = Some(on_time);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let on_time = on_time.take();
        set_timeout(
            move || {
                if let Some(on_time) = on_time {
                    on_time();
                }
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            },
            std::time::Duration::from_millis(ms.into()),
        );
    });
    let answer = wasm_bindgen_futures::JsFuture::from(promise);
    async move {
        let _ = answer.await;
    }
}

/// Waits `ms` milliseconds in the browser (0: until the browser's queued work has run).
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
