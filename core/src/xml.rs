//! A small XML writer: elements, attributes and escaped text, indented, nothing more.
//!
//! The documents Partage writes (e-invoices, hiring declarations, quarterly returns,
//! credit transfer files) are fixed trees written top to bottom, so a writer that
//! escapes every text and attribute value is all they need; no XML crate.

/// Text escaped for XML 1.0 content and attribute values.
///
/// `&`, `<`, `>`, `"` and `'` become entities; characters XML 1.0 forbids (controls
/// other than tab, line feed and carriage return) are dropped, since no entity can
/// carry them.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a document element by element.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
}

impl XmlWriter {
    /// A document starting with the XML declaration.
    pub fn new() -> XmlWriter {
        XmlWriter { out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), open: Vec::new() }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    fn start_tag(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            self.out.push_str(&escape(value));
            self.out.push('"');
        }
        self.out.push('>');
    }

    /// Opens an element that will contain elements.
    pub fn open(&mut self, name: &'static str, attributes: &[(&str, &str)]) {
        self.start_tag(name, attributes);
        self.out.push('\n');
        self.open.push(name);
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            self.indent();
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push_str(">\n");
        }
    }

    /// An element with text and no children.
    pub fn leaf(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.start_tag(name, attributes);
        self.out.push_str(&escape(text));
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// The document, closing what is still open.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(escape("Tom & Jerry <b>\"x\" 'y'"), "Tom &amp; Jerry &lt;b&gt;&quot;x&quot; &apos;y&apos;");
    }

    #[test]
    fn forbidden_control_characters_are_dropped_and_line_breaks_kept() {
        assert_eq!(escape("a\u{0}b\u{1b}c\nd\te"), "abc\nd\te");
    }

    #[test]
    fn elements_nest_and_escape_their_attributes() {
        let mut w = XmlWriter::new();
        w.open("a", &[("x", "1&2")]);
        w.leaf("b", &[], "<t>");
        let xml = w.finish();
        assert!(xml.ends_with("<a x=\"1&amp;2\">\n  <b>&lt;t&gt;</b>\n</a>\n"), "{xml}");
    }
}
