//! A CSV writer after RFC 4180: fields separated by commas, records ended by CRLF, and a field
//! quoted (its quotes doubled) only when it holds a comma, a quote, a CR or an LF. Text is kept
//! as it is, in any script: the file is UTF-8.

/// A whole file: the header, then one record per row.
pub fn document(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::new();
    record(&mut out, header.iter().copied());
    for row in rows {
        record(&mut out, row.iter().map(String::as_str));
    }
    out
}

/// Appends one record and its CRLF.
pub fn record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (index, value) in fields.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        field(out, value);
    }
    out.push_str("\r\n");
}

/// Appends one field, quoted when it must be.
pub fn field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn row(fields: &[&str]) -> String {
        let mut out = String::new();
        record(&mut out, fields.iter().copied());
        out
    }

    #[test]
    fn plain_fields_are_written_as_they_are() {
        assert_eq!(row(&["95", "Apollo CSM-118", ""]), "95,Apollo CSM-118,\r\n");
        assert_eq!(
            row(&[" spaced ", "a;b", "tab\there"]),
            " spaced ,a;b,tab\there\r\n"
        );
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(row(&["a,b"]), "\"a,b\"\r\n");
        assert_eq!(row(&["say \"hi\""]), "\"say \"\"hi\"\"\"\r\n");
        assert_eq!(
            row(&["one\ntwo", "cr\rlf\r\n"]),
            "\"one\ntwo\",\"cr\rlf\r\n\"\r\n"
        );
        assert_eq!(row(&["\""]), "\"\"\"\"\r\n");
    }

    #[test]
    fn any_script_is_kept() {
        assert_eq!(
            row(&["神舟十二号", "Прогресс МС-21", "Lemaître"]),
            "神舟十二号,Прогресс МС-21,Lemaître\r\n"
        );
    }

    #[test]
    fn empty_records_and_lone_empty_fields() {
        assert_eq!(row(&[]), "\r\n");
        assert_eq!(row(&["", ""]), ",\r\n");
    }

    #[test]
    fn a_document_is_the_header_then_each_row() {
        let text = document(
            &["id", "name"],
            [
                vec!["1".to_string(), "a,b".to_string()],
                vec!["2".to_string(), String::new()],
            ],
        );
        assert_eq!(text, "id,name\r\n1,\"a,b\"\r\n2,\r\n");
    }

    /// Whatever goes in comes back out of a strict reader, field for field.
    #[test]
    fn what_is_written_reads_back() {
        let samples = [
            "",
            "x",
            ",",
            "\"",
            "\"\"",
            "a\r\nb",
            "\n",
            " , ",
            "é\"ü,\n神",
        ];
        let mut text = String::new();
        for first in samples {
            for second in samples {
                record(&mut text, [first, second]);
            }
        }
        let expected: Vec<Vec<String>> = samples
            .iter()
            .flat_map(|first| {
                samples
                    .iter()
                    .map(move |second| vec![first.to_string(), second.to_string()])
            })
            .collect();
        assert_eq!(read(&text), expected);
    }

    /// A strict RFC 4180 reader (CRLF records; quotes only around whole fields); the export's
    /// tests read their files with it too.
    pub(crate) fn read(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut value = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if value.is_empty() => loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            value.push('"');
                        }
                        Some('"') => break,
                        Some(other) => value.push(other),
                        None => panic!("unterminated quote"),
                    }
                },
                ',' => row.push(std::mem::take(&mut value)),
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "a record ends with CRLF");
                    row.push(std::mem::take(&mut value));
                    rows.push(std::mem::take(&mut row));
                }
                '"' | '\n' => panic!("a bare {c:?} must have been quoted"),
                other => value.push(other),
            }
        }
        assert!(
            value.is_empty() && row.is_empty(),
            "the last record ends with CRLF"
        );
        rows
    }
}
