//! The one CSV writer of the project (RFC 4180), with formula injection neutralised:
//! every CSV the node or HQ writes goes through [`push_record`].

/// Characters that make a spreadsheet read a cell as a formula or a command
/// (OWASP, "CSV Injection": `=`, `+`, `-`, `@`, tab, carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell is a plain decimal number (`-1.50`, `+3`): a spreadsheet reads it as
/// a number, never as a formula, so it keeps its sign and stays summable.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    !int.is_empty() && int.chars().all(|c| c.is_ascii_digit()) && frac.chars().all(|c| c.is_ascii_digit())
}

/// The cell as a spreadsheet may read it safely: a cell that would start a formula
/// (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3`) gets a leading single quote, which
/// spreadsheets show as text (OWASP's advice); plain numbers are left as they are.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Appends one CSV record, CRLF-terminated: each field neutralised, then quoted with
/// its quotes doubled when it holds a comma, a quote or a line break (RFC 4180 §2).
pub fn push_record(out: &mut String, fields: impl IntoIterator<Item = impl AsRef<str>>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = neutralise(field.as_ref());
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut out = String::new();
        push_record(&mut out, fields);
        out
    }

    #[test]
    fn fields_with_commas_quotes_or_line_breaks_are_quoted() {
        assert_eq!(
            record(&["plain", "a,b", "say \"hi\"", "two\nlines", "-1.50"]),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",-1.50\r\n"
        );
    }

    #[test]
    fn cells_that_would_start_a_formula_are_prefixed_with_a_quote() {
        assert_eq!(record(&["=HYPERLINK(\"http://x\",\"y\")"]), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
        assert_eq!(record(&["+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]), "'+1+2,'-2+3,'@SUM(A1),'\tx,\"'\rx\"\r\n");
    }

    #[test]
    fn numbers_keep_their_sign() {
        assert_eq!(record(&["-1.50", "+3", "0.00", "-", "-.5"]), "-1.50,+3,0.00,'-,'-.5\r\n");
    }
}
