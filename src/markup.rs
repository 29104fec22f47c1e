//! Static markup written as text, for views that never change once drawn (the chart, the
//! flight timeline, the compare table): the browser parses one string instead of the app
//! building each node, and a string costs far less wasm than a typed view per element (every
//! visitor downloads that code). Everything from outside is escaped here, in one place.
//!
//! The Content-Security-Policy allows no `style` attributes, so lengths travel as
//! `data-left`/`data-offset`/`data-width` and are applied through the CSSOM after insertion
//! (`geometry`) as `left`, `margin-left` and `width`.

/// Text made safe for element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A piece of markup under construction. Tag and attribute names are our own literals;
/// attribute values and text are escaped.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// `<tag a="v" …>`; an attribute whose value is `None` is left out, `Some("")` is bare.
    pub fn open(&mut self, tag: &str, attributes: &[(&str, Option<&str>)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            if let Some(value) = value {
                self.0.push(' ');
                self.0.push_str(name);
                self.0.push_str("=\"");
                self.0.push_str(&escape(value));
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.0.push_str(&escape(text));
        self
    }

    pub fn close(&mut self, tag: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// An element holding only text.
    pub fn element(
        &mut self,
        tag: &str,
        attributes: &[(&str, Option<&str>)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attributes).text(text).close(tag)
    }

    pub fn finish(self) -> String {
        self.0
    }
}

/// Sizes and places the elements of inserted markup (see the module note).
#[cfg(target_arch = "wasm32")]
pub fn geometry(root: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let Ok(nodes) = root.query_selector_all("[data-left],[data-offset],[data-width]") else {
        return;
    };
    for index in 0..nodes.length() {
        let Some(element) = nodes
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let style = element.style();
        for (attribute, property) in [
            ("data-left", "left"),
            ("data-offset", "margin-left"),
            ("data-width", "width"),
        ] {
            if let Some(value) = element.get_attribute(attribute) {
                let _ = style.set_property(property, &value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_text_cannot_become_markup() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')">&amp;"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;amp;"
        );
        let mut markup = Markup::default();
        markup
            .open(
                "li",
                &[
                    ("data-id", Some("5\" onclick=\"x")),
                    ("hidden", None),
                    ("data-flag", Some("")),
                ],
            )
            .element("a", &[("href", Some("/spacecraft/5"))], "Dragon <C206>")
            .close("li");
        assert_eq!(
            markup.finish(),
            r#"<li data-id="5&quot; onclick=&quot;x" data-flag=""><a href="/spacecraft/5">Dragon &lt;C206&gt;</a></li>"#
        );
    }
}
