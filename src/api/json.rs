//! A small JSON reader for the API's answers and our stored settings. serde's derives and
//! serde_json's generic deserializer cost ~50 KB of wasm (~13 KB after brotli) for our dozen
//! record types; a record here reads its fields by name through one non-generic reader.
//!
//! Text is checked as strictly as serde_json checked it (RFC 8259: no trailing commas,
//! comments or bare words; no control characters in strings, no lone surrogates in those
//! read; at most 127 levels deep; nothing after the value). Fields a record does not ask for
//! are skipped, and checked all the same. One difference: a repeated key is not refused.

use std::borrow::Cow;

/// A value that can be read from JSON.
pub trait FromJson: Sized {
    /// The value at the reader's position, or `None` when the text there is not one (the
    /// position is then anywhere inside it).
    fn read(json: &mut Json) -> Option<Self>;
}

/// Reads all of `text` as a `T`: `None` when it is not JSON, not a `T`, or more follows it.
pub fn parse<T: FromJson>(text: &str) -> Option<T> {
    let mut json = Json {
        text,
        at: 0,
        depth: 0,
    };
    let value = T::read(&mut json)?;
    json.peek().is_none().then_some(value)
}

/// `text` as a JSON string, quotes included (escaped as serde_json escapes).
pub fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for ch in text.chars() {
        match ch {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            '\u{8}' => quoted.push_str("\\b"),
            '\u{c}' => quoted.push_str("\\f"),
            '\0'..='\u{1f}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                quoted.push_str("\\u00");
                quoted.push(char::from(HEX[usize::from(ch as u8 >> 4)]));
                quoted.push(char::from(HEX[usize::from(ch as u8 & 0xf)]));
            }
            _ => quoted.push(ch),
        }
    }
    quoted.push('"');
    quoted
}

/// serde_json's nesting limit: deeper text is refused rather than read on a deep stack.
const MAX_DEPTH: u32 = 127;

/// A position in a JSON text.
pub struct Json<'a> {
    text: &'a str,
    /// At a character boundary whenever the text is sliced: the reader stops at ASCII bytes.
    at: usize,
    depth: u32,
}

impl<'a> Json<'a> {
    /// A value of any type that reads itself.
    pub fn value<T: FromJson>(&mut self) -> Option<T> {
        T::read(self)
    }

    /// A value where `null` means the type's default (empty text, zero, false).
    pub fn or_default<T: FromJson + Default>(&mut self) -> Option<T> {
        if self.null() {
            Some(T::default())
        } else {
            T::read(self)
        }
    }

    /// Reads the next value as a `T` if it is one, and skips it (checked) if it is not: the
    /// value, if it was a `T`, and its text as written. `None` only when it is not JSON.
    pub fn try_value<T: FromJson>(&mut self) -> Option<(Option<T>, &'a str)> {
        self.peek();
        let (start, depth) = (self.at, self.depth);
        let value = T::read(self);
        if value.is_none() {
            (self.at, self.depth) = (start, depth);
            self.skip()?;
        }
        Some((value, self.text.get(start..self.at)?))
    }

    /// An object: `field` reads (or skips) the value of each key, in order. A repeated key
    /// is read again (the last value stays, as with `JSON.parse`).
    pub fn object(&mut self, field: &mut dyn FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.list(b'{', b'}', &mut |json| {
            let key = json.str()?;
            json.eat(b':').then_some(())?;
            field(json, &key)
        })
    }

    /// An array: `item` reads (or skips) each value, in order.
    pub fn array(&mut self, item: &mut dyn FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.list(b'[', b']', item)
    }

    /// Passes over one value of any type, checking it as serde_json checks what it skips.
    pub fn skip(&mut self) -> Option<()> {
        match self.peek()? {
            b'{' => self.list(b'{', b'}', &mut |json| {
                json.skip_str()?;
                json.eat(b':').then_some(())?;
                json.skip()
            }),
            b'[' => self.array(&mut Self::skip),
            b'"' => self.skip_str(),
            b't' | b'f' => self.bool().map(drop),
            b'n' => self.null().then_some(()),
            _ => self.number().map(drop),
        }
    }

    /// `open item, item… close`, one level deeper inside.
    fn list(
        &mut self,
        open: u8,
        close: u8,
        item: &mut dyn FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        if !self.eat(open) || self.depth == MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        if !self.eat(close) {
            loop {
                item(self)?;
                if self.eat(close) {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// Takes a `null` if one comes next.
    pub fn null(&mut self) -> bool {
        self.word("null")
    }

    fn bool(&mut self) -> Option<bool> {
        if self.word("true") {
            Some(true)
        } else if self.word("false") {
            Some(false)
        } else {
            None
        }
    }

    /// A string; borrowed from the text when it has no escapes.
    fn str(&mut self) -> Option<Cow<'a, str>> {
        if !self.eat(b'"') {
            return None;
        }
        let bytes = self.text.as_bytes();
        let mut text = Cow::Borrowed("");
        loop {
            // A run of plain characters, up to the next byte that needs a look.
            let start = self.at;
            while let Some(&byte) = bytes.get(self.at) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.at += 1;
            }
            let run = self.text.get(start..self.at)?;
            if text.is_empty() {
                text = Cow::Borrowed(run);
            } else {
                text.to_mut().push_str(run);
            }
            self.at += 1;
            match *bytes.get(self.at - 1)? {
                b'"' => return Some(text),
                b'\\' => {
                    let escaped = *bytes.get(self.at)?;
                    self.at += 1;
                    text.to_mut().push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                // A control character must be escaped.
                _ => return None,
            }
        }
    }

    /// The character of a `\uXXXX` escape (its `\u` read), a surrogate pair taken whole; a
    /// lone surrogate is refused, as serde_json refuses it.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        let code = match first {
            0xd800..=0xdbff => {
                if !self.eat_byte(b'\\') || !self.eat_byte(b'u') {
                    return None;
                }
                let second = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&second) {
                    return None;
                }
                0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
            }
            _ => first,
        };
        char::from_u32(code)
    }

    /// Passes over a string without keeping it: escapes well formed, no control characters;
    /// a lone surrogate passes, as it passes serde_json's skipping.
    fn skip_str(&mut self) -> Option<()> {
        if !self.eat(b'"') {
            return None;
        }
        loop {
            match self.next_byte()? {
                b'"' => return Some(()),
                b'\\' => match self.next_byte()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => drop(self.hex4()?),
                    _ => return None,
                },
                0..=0x1f => return None,
                _ => {}
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        self.at += 4;
        digits
            .chars()
            .try_fold(0, |code, digit| Some(code << 4 | digit.to_digit(16)?))
    }

    /// A number as written: JSON's grammar, no more (no `+`, `.5`, `01`, `NaN`).
    fn number(&mut self) -> Option<Number> {
        self.peek();
        let mut number = Number {
            negative: self.eat_byte(b'-'),
            digits: 0,
            scale: 0,
            whole: true,
        };
        match self.next_byte()? {
            b'0' => {}
            digit @ b'1'..=b'9' => {
                number.push(digit, false);
                while let Some(digit) = self.digit() {
                    number.push(digit, false);
                }
            }
            _ => return None,
        }
        if self.eat_byte(b'.') {
            number.whole = false;
            number.push(self.digit()?, true);
            while let Some(digit) = self.digit() {
                number.push(digit, true);
            }
        }
        if self.eat_byte(b'e') || self.eat_byte(b'E') {
            number.whole = false;
            let negative = self.eat_byte(b'-');
            if !negative {
                self.eat_byte(b'+');
            }
            let mut exponent: i32 = i32::from(self.digit()? - b'0');
            while let Some(digit) = self.digit() {
                exponent = exponent
                    .saturating_mul(10)
                    .saturating_add(i32::from(digit - b'0'));
            }
            let exponent = if negative { -exponent } else { exponent };
            number.scale = number.scale.saturating_add(exponent);
        }
        Some(number)
    }

    /// The first byte of the next value (`{`, `[`, `"`, …), not taken.
    pub fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.text.as_bytes().get(self.at) {
            self.at += 1;
        }
        self.text.as_bytes().get(self.at).copied()
    }

    /// Takes `byte` if it comes next after white space.
    fn eat(&mut self, byte: u8) -> bool {
        self.peek();
        self.eat_byte(byte)
    }

    /// Takes `byte` if it comes next, white space not allowed.
    fn eat_byte(&mut self, byte: u8) -> bool {
        let found = self.text.as_bytes().get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn next_byte(&mut self) -> Option<u8> {
        let byte = *self.text.as_bytes().get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn digit(&mut self) -> Option<u8> {
        let byte = *self
            .text
            .as_bytes()
            .get(self.at)
            .filter(|b| b.is_ascii_digit())?;
        self.at += 1;
        Some(byte)
    }

    /// Takes `word` (`null`, `true`, `false`) if it comes next after white space.
    fn word(&mut self, word: &str) -> bool {
        self.peek();
        let found = self
            .text
            .as_bytes()
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()));
        if found {
            self.at += word.len();
        }
        found
    }
}

/// A number's digits (the first 19 significant ones: as many as a `u64` holds) and the power
/// of ten they are scaled by.
struct Number {
    negative: bool,
    digits: u64,
    scale: i32,
    /// Written without a fraction or exponent.
    whole: bool,
}

impl Number {
    fn push(&mut self, digit: u8, fraction: bool) {
        match self
            .digits
            .checked_mul(10)
            .and_then(|digits| digits.checked_add(u64::from(digit - b'0')))
        {
            Some(digits) => {
                self.digits = digits;
                self.scale -= i32::from(fraction);
            }
            // Past what a u64 holds only the magnitude matters (to a float).
            None => self.scale += i32::from(!fraction),
        }
    }

    /// The number as a `u64` if it is one: whole, in range, no sign (`-0` neither).
    fn unsigned(&self) -> Option<u64> {
        (self.whole && self.scale == 0 && !self.negative).then_some(self.digits)
    }
}

impl FromJson for String {
    fn read(json: &mut Json) -> Option<Self> {
        json.str().map(Cow::into_owned)
    }
}

impl FromJson for bool {
    fn read(json: &mut Json) -> Option<Self> {
        json.bool()
    }
}

impl FromJson for u64 {
    fn read(json: &mut Json) -> Option<Self> {
        json.number()?.unsigned()
    }
}

impl FromJson for u32 {
    fn read(json: &mut Json) -> Option<Self> {
        u32::try_from(json.number()?.unsigned()?).ok()
    }
}

/// Any number, whole or not, within the range of an `f64` (as serde_json reads it: the
/// digits scaled by a power of ten, not always the nearest float; lengths and masses are
/// shown rounded anyway). Done by hand: the standard float parser costs 10 KB of wasm.
impl FromJson for f64 {
    fn read(json: &mut Json) -> Option<Self> {
        let number = json.number()?;
        let power = (0..number.scale.unsigned_abs().min(400)).fold(1.0, |power, _| power * 10.0);
        let magnitude = if number.digits == 0 {
            0.0
        } else if number.scale < 0 {
            number.digits as f64 / power
        } else {
            number.digits as f64 * power
        };
        let value = if number.negative {
            -magnitude
        } else {
            magnitude
        };
        value.is_finite().then_some(value)
    }
}

/// `null` is `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn read(json: &mut Json) -> Option<Self> {
        if json.null() {
            Some(None)
        } else {
            T::read(json).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(json: &mut Json) -> Option<Self> {
        let mut items = Vec::new();
        json.array(&mut |json| {
            items.push(json.value()?);
            Some(())
        })?;
        Some(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_read_as_serde_json_reads_them() {
        assert_eq!(parse::<u64>(" 42 "), Some(42));
        assert_eq!(parse::<u64>("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse::<u32>("4294967296"), None);
        for not_a_u64 in [
            "18446744073709551616",
            "-1",
            "-0",
            "1.0",
            "1e2",
            "01",
            "+1",
            "",
            "1 2",
        ] {
            assert_eq!(parse::<u64>(not_a_u64), None, "{not_a_u64}");
        }
        assert_eq!(parse::<f64>("8.044"), Some(8.044));
        assert_eq!(parse::<f64>("-2.5e3"), Some(-2500.0));
        assert_eq!(parse::<f64>("6000"), Some(6000.0));
        assert_eq!(parse::<f64>("1E-2"), Some(0.01));
        assert_eq!(parse::<f64>("0e400"), Some(0.0));
        assert_eq!(parse::<f64>("1e-400"), Some(0.0));
        for not_a_number in ["1e999", ".5", "1.", "1e", "NaN", "-", "0x10"] {
            assert_eq!(parse::<f64>(not_a_number), None, "{not_a_number}");
        }
        assert_eq!(parse::<bool>("true"), Some(true));
        assert_eq!(parse::<bool>("truth"), None);
        assert_eq!(parse::<Option<bool>>("null"), Some(None));
        assert_eq!(parse::<Vec<u32>>("[1, 2,3]"), Some(vec![1, 2, 3]));
        for broken in ["[1,]", "[1 2]", "[", "[1]]"] {
            assert_eq!(parse::<Vec<u32>>(broken), None, "{broken}");
        }
    }

    #[test]
    fn strings_unescape_and_refuse_what_json_refuses() {
        let read = parse::<String>;
        assert_eq!(read(r#""plain""#).as_deref(), Some("plain"));
        assert_eq!(
            read(r#""a\"b\\c\/d\n\t\u00e9\ud83d\ude80 ü""#).as_deref(),
            Some("a\"b\\c/d\n\té🚀 ü")
        );
        for broken in [
            r#""\ud800""#,
            r#""\udc00x""#,
            r#""\ud800\u0041""#,
            r#""\x""#,
            r#""\u12""#,
            "\"a\nb\"",
            r#""open"#,
            "'single'",
        ] {
            assert_eq!(read(broken), None, "{broken}");
        }
    }

    #[test]
    fn quoted_text_reads_back_the_same() {
        for text in [
            "",
            "plain",
            "quote \" slash \\ / tab \t nl \n \u{1} \u{7f} é 🚀",
        ] {
            assert_eq!(parse::<String>(&quote(text)).as_deref(), Some(text));
        }
        assert_eq!(quote("a\"\u{1}"), r#""a\"\u0001""#);
    }

    #[test]
    fn skipped_values_are_checked_and_nesting_is_limited() {
        let skip = |text: &str| parse::<Skipped>(text).is_some();
        assert!(skip(
            r#"{"a": [1, -2.5e-3, "x", {"b": null}], "c": true, "d": {}}"#
        ));
        assert!(skip(
            r#"{"lone \udc00": "\ud800 passes where it is not read"}"#
        ));
        for broken in [
            r#"{"a" 1}"#,
            r#"{"a": 1,}"#,
            r#"{a: 1}"#,
            "[1, nul]",
            r#"{"a": 1"#,
        ] {
            assert!(!skip(broken), "{broken}");
        }
        assert!(skip(&format!("{}{}", "[".repeat(127), "]".repeat(127))));
        assert!(!skip(&format!("{}{}", "[".repeat(128), "]".repeat(128))));
    }

    #[test]
    fn a_value_of_the_wrong_type_is_skipped_and_its_text_kept() {
        let mut read = Vec::new();
        let mut json = Json {
            text: r#"[1, "two", {"three": [3]}, 4]"#,
            at: 0,
            depth: 0,
        };
        json.array(&mut |json| {
            read.push(json.try_value::<u64>()?);
            Some(())
        });
        assert_eq!(
            read,
            vec![
                (Some(1), "1"),
                (None, r#""two""#),
                (None, r#"{"three": [3]}"#),
                (Some(4), "4")
            ]
        );
    }

    /// Any value, skipped.
    struct Skipped;

    impl FromJson for Skipped {
        fn read(json: &mut Json) -> Option<Self> {
            json.skip().map(|()| Skipped)
        }
    }
}
