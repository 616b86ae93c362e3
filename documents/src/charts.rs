//! Charts drawn on the server as inline SVG: no script and no chart library, so a page
//! stays one HTML document that works everywhere. Each chart names itself in `<title>`
//! (read as the image's name) and its page puts the same numbers in a table right under it,
//! which is what a screen reader reads. Sizes are computed in `Decimal`, as amounts are.
//!
//! Here rather than in the node because both the node's figures page and HQ's group
//! report draw them, and HQ cannot depend on the node (the node depends on HQ).

use maud::{html, Markup};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// One bar: its label, the value that sizes it and the value as the page writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// Under a column, or left of a row.
    pub label: String,
    /// What the bar's length is proportional to (negative values draw nothing).
    pub value: Decimal,
    /// The value as shown at the bar's end.
    pub text: String,
}

const BAR_FILL: &str = "#0b5394";
const TEXT_FILL: &str = "#1b1f24";

/// `value` out of `max` as a length of at most `span` units.
fn scaled(value: Decimal, max: Decimal, span: i64) -> i64 {
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return 0;
    }
    (value * Decimal::from(span) / max).round().to_i64().unwrap_or(0).clamp(0, span)
}

fn largest(bars: &[Bar]) -> Decimal {
    bars.iter().map(|b| b.value).max().unwrap_or(Decimal::ZERO)
}

/// Vertical columns, one per bar, labels along the bottom (months of a year); `id` names
/// the `<svg>` and, suffixed `-title`, its `<title>`.
pub fn columns(id: &str, title: &str, bars: &[Bar]) -> Markup {
    const WIDTH: i64 = 640;
    const HEIGHT: i64 = 260;
    const TOP: i64 = 24;
    const BOTTOM: i64 = 36;
    const SIDE: i64 = 8;
    let n = i64::try_from(bars.len()).unwrap_or(1).max(1);
    let slot = (WIDTH - 2 * SIDE) / n;
    let bar_width = slot * 3 / 5;
    let span = HEIGHT - TOP - BOTTOM;
    let max = largest(bars);
    let title_id = format!("{id}-title");
    html! {
        svg id=(id) viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } width=(WIDTH) height=(HEIGHT) role="img" aria-labelledby=(title_id) {
            title id=(title_id) { (title) }
            line x1=(SIDE) y1=(HEIGHT - BOTTOM) x2=(WIDTH - SIDE) y2=(HEIGHT - BOTTOM) stroke=(TEXT_FILL) stroke-width="1" {}
            @for (i, b) in bars.iter().enumerate() {
                @let i = i64::try_from(i).unwrap_or(0);
                @let h = scaled(b.value, max, span);
                @let centre = SIDE + i * slot + slot / 2;
                rect x=(centre - bar_width / 2) y=(HEIGHT - BOTTOM - h) width=(bar_width) height=(h) fill=(BAR_FILL) {}
                text x=(centre) y=(HEIGHT - BOTTOM - h - 6) text-anchor="middle" font-size="12" fill=(TEXT_FILL) { (b.text) }
                text x=(centre) y=(HEIGHT - BOTTOM + 18) text-anchor="middle" font-size="11" fill=(TEXT_FILL) { (b.label) }
            }
        }
    }
}

/// Horizontal bars, one per row, labels on the left (categories with long names); `id` as
/// for [`columns`].
pub fn rows(id: &str, title: &str, bars: &[Bar]) -> Markup {
    const WIDTH: i64 = 640;
    const ROW: i64 = 36;
    const LABELS: i64 = 180;
    const SPAN: i64 = 250;
    let height = ROW * i64::try_from(bars.len()).unwrap_or(0) + 8;
    let max = largest(bars);
    let title_id = format!("{id}-title");
    html! {
        svg id=(id) viewBox={ "0 0 " (WIDTH) " " (height) } width=(WIDTH) height=(height) role="img" aria-labelledby=(title_id) {
            title id=(title_id) { (title) }
            @for (i, b) in bars.iter().enumerate() {
                @let y = 4 + ROW * i64::try_from(i).unwrap_or(0);
                @let w = scaled(b.value, max, SPAN);
                text x=(LABELS - 8) y=(y + ROW / 2 + 4) text-anchor="end" font-size="13" fill=(TEXT_FILL) { (b.label) }
                rect x=(LABELS) y=(y + 6) width=(w) height=(ROW - 12) fill=(BAR_FILL) {}
                text x=(LABELS + w + 6) y=(y + ROW / 2 + 4) font-size="13" fill=(TEXT_FILL) { (b.text) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn bar(label: &str, value: Decimal) -> Bar {
        Bar { label: label.into(), value, text: value.to_string() }
    }

    #[test]
    fn the_largest_bar_fills_the_span_and_the_others_are_in_proportion() {
        assert_eq!(scaled(dec!(537), dec!(537), 200), 200);
        assert_eq!(scaled(dec!(268.5), dec!(537), 200), 100);
        assert_eq!(scaled(dec!(1), dec!(3), 200), 67);
        assert_eq!(scaled(dec!(-5), dec!(3), 200), 0, "a negative value draws nothing");
        assert_eq!(scaled(dec!(0), dec!(0), 200), 0, "nothing to draw when every value is zero");
    }

    #[test]
    fn a_chart_is_an_image_named_by_its_title_with_one_bar_per_value() {
        let svg = columns("signups", "Sign-ups per month", &[bar("2026-01", dec!(10)), bar("2026-02", dec!(5))])
            .into_string();
        assert!(svg.starts_with("<svg id=\"signups\""), "{svg}");
        assert!(svg.contains("role=\"img\" aria-labelledby=\"signups-title\""), "{svg}");
        assert!(svg.contains("<title id=\"signups-title\">Sign-ups per month</title>"), "{svg}");
        assert_eq!(svg.matches("<rect ").count(), 2);
        // Full height for 10 (200 units), half for 5; each rect closed, as inline SVG needs.
        assert!(svg.contains("height=\"200\" fill") && svg.contains("height=\"100\" fill"), "{svg}");
        assert_eq!(svg.matches("</rect>").count(), 2);
        let svg = rows("sectors", "Payroll mass by sector", &[bar("Artistic", dec!(46)), bar("Other", dec!(23))])
            .into_string();
        assert!(svg.contains("width=\"250\" height") && svg.contains("width=\"125\" height"), "{svg}");
        assert!(svg.contains(">Artistic</text>"), "{svg}");
    }
}
