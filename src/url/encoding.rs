//! `application/x-www-form-urlencoded`, the encoding of both our own query string and the
//! API's. Written out here (a few lines) rather than pulling in a crate, and because the router's
//! own query map decodes values twice (see toolchain notes), so we read the raw string ourselves.

/// Encodes one key or value: everything but `A-Z a-z 0-9 * - . _` is percent-encoded as UTF-8,
/// and a space becomes `+` (what `URLSearchParams` and HTML forms produce).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 0xF)] as char);
            }
        }
    }
    out
}

/// Decodes one key or value. Lenient like browsers: a `%` not followed by two hex digits is kept
/// as is, and bytes that are not UTF-8 become U+FFFD instead of failing.
pub fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(hex),
                bytes.get(i + 2).and_then(hex),
            ) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: &u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Splits a query string (with or without the leading `?`) into decoded pairs, in order.
pub fn parse_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => (decode(key), decode(value)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_url_search_params() {
        assert_eq!(encode("a b%25&c+#"), "a+b%2525%26c%2B%23");
        assert_eq!(encode("神舟"), "%E7%A5%9E%E8%88%9F");
        assert_eq!(encode("-flights_count"), "-flights_count");
    }

    #[test]
    fn decodes_what_it_encodes() {
        for text in ["a b%25&c+#", "神舟 十二号", "", "=?/\\\"'<>", "100%"] {
            assert_eq!(decode(&encode(text)), text);
        }
    }

    #[test]
    fn decoding_is_lenient() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "\u{FFFD}");
        assert_eq!(decode("a+b%20c"), "a b c");
    }

    #[test]
    fn splits_pairs_in_order() {
        assert_eq!(
            parse_pairs("?b=2&a&&c=x%3Dy=z"),
            vec![
                ("b".into(), "2".into()),
                ("a".into(), "".into()),
                ("c".into(), "x=y=z".into())
            ]
        );
    }
}
