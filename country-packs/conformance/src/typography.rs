//! French spacing in a Fluent catalogue, after the Imprimerie nationale's *Lexique des règles
//! typographiques*: a no-break space (U+00A0) before `:` and inside « », a narrow no-break space
//! (U+202F) before `;`, `?` and `!`. An ordinary space lets a browser or a PDF break the line
//! before the sign; no space at all is an English habit. Every crate that owns French
//! catalogues (the packs, the node, HQ) runs [`french_spacing_faults`] on them in a test.
//!
//! Only the text of messages, terms and their attributes is read: comments, identifiers and
//! variables are code. A sign followed by anything but a space, a placeable, closing punctuation
//! or the end is part of a token (a time `10:30`, `https://`, an article `2:20`), not
//! punctuation; the few places where a French sentence quotes code with a colon are [`CODE`].

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;
use std::fmt;

/// The no-break space, before `:` and inside « ».
pub const NBSP: char = '\u{A0}';
/// The narrow no-break space, before `;`, `?` and `!`.
pub const NARROW_NBSP: char = '\u{202F}';

/// Code a French sentence quotes as it is written (an HTTP header is a name, not French), so
/// its colon keeps no space.
pub const CODE: [&str; 1] = ["Authorization: Bearer"];

/// Stands for a placeable in a pattern's text: what it prints is not known here, so a sign
/// right after one has no space before it.
const PLACEABLE: char = '\u{FFFC}';

/// Characters of context on each side of a fault.
const CONTEXT: usize = 30;

/// A place in a French catalogue where the spacing rule is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpacingFault {
    /// The catalogue's file, as the caller named it.
    pub file: String,
    /// The message (`id`, `id.attribute`, `-term`) whose text is at fault.
    pub id: String,
    /// What is wrong, and what to write instead.
    pub fault: String,
    /// The text around the sign, placeables shown as `{…}`.
    pub text: String,
}

impl fmt::Display for SpacingFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}, in «{}»", self.file, self.id, self.fault, self.text)
    }
}

/// Every place in the French catalogue `source` (named `file` in the faults) where `:`, `;`, `?`,
/// `!` lack their no-break space or « » their inner no-break spaces; a part that does not
/// parse is a fault too.
pub fn french_spacing_faults(file: &str, source: &str) -> Vec<SpacingFault> {
    // A catalogue with errors still gives the entries that parse, and the rest as junk.
    let resource = match parser::parse(source) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    let mut faults = Vec::new();
    for entry in &resource.body {
        // Each pattern of the entry, named as a caller asks for it.
        let mut patterns: Vec<(String, &Pattern<&str>)> = Vec::new();
        match entry {
            Entry::Message(message) => {
                if let Some(value) = &message.value {
                    patterns.push((message.id.name.to_owned(), value));
                }
                for attribute in &message.attributes {
                    patterns.push((format!("{}.{}", message.id.name, attribute.id.name), &attribute.value));
                }
            }
            Entry::Term(term) => {
                patterns.push((format!("-{}", term.id.name), &term.value));
                for attribute in &term.attributes {
                    patterns.push((format!("-{}.{}", term.id.name, attribute.id.name), &attribute.value));
                }
            }
            Entry::Junk { content } => faults.push(SpacingFault {
                file: file.to_owned(),
                id: "(junk)".to_owned(),
                fault: "does not parse as Fluent".to_owned(),
                text: content.trim().to_owned(),
            }),
            Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) => {}
        }
        for (id, pattern) in patterns {
            for (fault, text) in pattern_faults(pattern) {
                faults.push(SpacingFault { file: file.to_owned(), id: id.clone(), fault, text });
            }
        }
    }
    faults
}

/// The faults of one pattern's text, and of the variants of its selectors, each checked
/// on its own.
fn pattern_faults(pattern: &Pattern<&str>) -> Vec<(String, String)> {
    let mut text = String::new();
    let mut faults = Vec::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => text.push_str(value),
            // `{"{"}`: a literal prints itself.
            PatternElement::Placeable { expression: Expression::Inline(InlineExpression::StringLiteral { value }) } => {
                text.push_str(value)
            }
            PatternElement::Placeable { expression: Expression::Select { variants, .. } } => {
                text.push(PLACEABLE);
                for variant in variants {
                    faults.extend(pattern_faults(&variant.value));
                }
            }
            PatternElement::Placeable { .. } => text.push(PLACEABLE),
        }
    }
    faults.extend(text_faults(&text));
    faults
}

/// The faults of a pattern's text (placeables as [`PLACEABLE`]), with their context.
fn text_faults(text: &str) -> Vec<(String, String)> {
    let code: Vec<(usize, usize)> =
        CODE.iter().flat_map(|c| text.match_indices(c).map(|(start, c)| (start, start + c.len()))).collect();
    let mut faults = Vec::new();
    for (at, sign) in text.char_indices() {
        let before = text[..at].chars().next_back();
        let after = text[at + sign.len_utf8()..].chars().next();
        let fault = match sign {
            ':' | ';' | '?' | '!' => {
                let punctuation =
                    after.is_none_or(|a| a.is_whitespace() || matches!(a, PLACEABLE | ')' | ']' | '»' | '.' | ','));
                let quoted_code = code.iter().any(|&(start, end)| (start..end).contains(&at));
                // `?!`: the space goes before the first sign only.
                let doubled = before.is_some_and(|b| matches!(b, ':' | ';' | '?' | '!'));
                if !punctuation || quoted_code || doubled {
                    continue;
                }
                space_fault(before, if sign == ':' { NBSP } else { NARROW_NBSP }, "before", sign)
            }
            '«' => space_fault(after, NBSP, "after", sign),
            '»' => space_fault(before, NBSP, "before", sign),
            _ => None,
        };
        if let Some(fault) = fault {
            faults.push((fault, context(text, at)));
        }
    }
    faults
}

/// What is wrong with `found` where `wanted` belongs, `side` of `sign`; none if it is right.
fn space_fault(found: Option<char>, wanted: char, side: &str, sign: char) -> Option<String> {
    let found = match found {
        Some(c) if c == wanted => return None,
        Some(' ') => "an ordinary space",
        Some(NBSP) => "a no-break space U+00A0",
        Some(NARROW_NBSP) => "a narrow no-break space U+202F",
        Some('\n' | '\r') => "a line break",
        Some(c) if c.is_whitespace() => "another space",
        _ => "no space",
    };
    let wanted = if wanted == NBSP { "a no-break space U+00A0" } else { "a narrow no-break space U+202F" };
    Some(format!("{found} {side} `{sign}`: write {wanted}"))
}

/// Up to [`CONTEXT`] characters on each side of the byte `at`, placeables as `{…}`.
fn context(text: &str, at: usize) -> String {
    let start = text[..at].char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
    let end = text[at..].char_indices().nth(CONTEXT + 1).map_or(text.len(), |(i, _)| at + i);
    text[start..end].replace(PLACEABLE, "{…}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faults(source: &str) -> Vec<String> {
        french_spacing_faults("test.ftl", source).iter().map(|f| format!("{}: {}", f.id, f.fault)).collect()
    }

    #[test]
    fn the_right_spaces_pass() {
        let source = "a = Total\u{A0}: { $x }\nb = Vraiment\u{202F}? Oui\u{202F}! Non\u{202F}; peut-être\n\
                      c = «\u{A0}{ $value }\u{A0}» ne convient pas\u{A0}: { $field }\n";
        assert_eq!(faults(source), Vec::<String>::new());
    }

    #[test]
    fn an_ordinary_space_or_none_before_a_sign_is_a_fault_naming_the_message() {
        let source =
            "a = Total : { $x }\nb = Total: { $x }\nc = { $field }: requis\nd = Vraiment ?\ne = Non\u{A0}; oui\n";
        assert_eq!(
            faults(source),
            [
                "a: an ordinary space before `:`: write a no-break space U+00A0",
                "b: no space before `:`: write a no-break space U+00A0",
                "c: no space before `:`: write a no-break space U+00A0",
                "d: an ordinary space before `?`: write a narrow no-break space U+202F",
                "e: a no-break space U+00A0 before `;`: write a narrow no-break space U+202F",
            ]
        );
    }

    #[test]
    fn guillemets_need_a_no_break_space_inside_on_both_sides() {
        assert_eq!(
            faults("a = « { $name } » et «nom»\n"),
            [
                "a: an ordinary space after `«`: write a no-break space U+00A0",
                "a: an ordinary space before `»`: write a no-break space U+00A0",
                "a: no space after `«`: write a no-break space U+00A0",
                "a: no space before `»`: write a no-break space U+00A0",
            ]
        );
    }

    #[test]
    fn times_urls_quoted_headers_and_literals_are_not_punctuation() {
        let source = "a = à 10:30, le 2026-03-02T09:30:00+01:00, art. 2:20\n\
                      b = Pour en savoir plus\u{A0}: https://www.service-public.fr/?q=1\n\
                      c = envoyez Authorization: Bearer <jeton>\n\
                      d = PUT /members/{\"{\"}id{\"}\"}/payroll\n";
        assert_eq!(faults(source), Vec::<String>::new());
    }

    #[test]
    fn attributes_and_each_variant_of_a_selector_are_checked() {
        let source = "a = { $n ->\n    [one] un : { $n }\n   *[other] plusieurs\u{A0}: { $n }\n}\n    .label = Nom :\n";
        assert_eq!(
            faults(source),
            [
                "a: an ordinary space before `:`: write a no-break space U+00A0",
                "a.label: an ordinary space before `:`: write a no-break space U+00A0",
            ]
        );
    }

    #[test]
    fn comments_are_not_checked_and_junk_is_a_fault() {
        assert_eq!(faults("# Les valeurs : des dates\na = ok\n"), Vec::<String>::new());
        assert_eq!(faults("a = { $x\n"), ["(junk): does not parse as Fluent"]);
    }

    #[test]
    fn a_fault_shows_its_file_message_and_text() {
        let fault = &french_spacing_faults("fr/pages.ftl", "a = le membre { $m } est { $s } : seul\n")[0];
        assert_eq!(fault.to_string(), "fr/pages.ftl: a: an ordinary space before `:`: write a no-break space U+00A0, in «le membre {…} est {…} : seul»");
    }
}
