//! A picture from `drawing` (static markup), inserted as is; its lengths are applied once it is
//! in the page (the Content-Security-Policy allows no `style` attributes: see `markup`).

use crate::markup;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Drawn(markup: String) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(element) = node.get() {
            markup::geometry(&element);
        }
    });
    view! { <div class="drawn" node_ref=node inner_html=markup></div> }
}
