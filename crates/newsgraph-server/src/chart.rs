//! A timeline as an SVG bar chart, drawn on the server: no chart library,
//! nothing for the browser to run. Each period is a group of two bars
//! (mentions, quotes) with a `<title>` that says its figures, so that it
//! reads without a mouse as well.

use crate::highlight::escape;
use newsgraph_store::TimelinePoint;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 40.0;
const TOP: f64 = 12.0;

/// The chart of `points` in time order (oldest first).
pub fn timeline_svg(points: &[TimelinePoint], label: &str) -> String {
    let max = points.iter().map(|p| p.mentions.max(p.quotes)).max().unwrap_or(0).max(1) as f64;
    let plot_w = WIDTH - LEFT - 8.0;
    let plot_h = HEIGHT - BOTTOM - TOP;
    let slot = plot_w / points.len().max(1) as f64;
    let bar = (slot * 0.4).clamp(1.0, 24.0);
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"chart-title\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"chart-title\">{}</title>",
        escape(label)
    );
    // axis and the top value
    s.push_str(&format!("<line class=\"axis\" x1=\"{LEFT}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>", TOP + plot_h, WIDTH - 8.0, TOP + plot_h));
    s.push_str(&format!("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", LEFT - 6.0, TOP + 10.0, max as i64));
    s.push_str(&format!("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>", LEFT - 6.0, TOP + plot_h));
    // a label every few periods, so that they do not overlap
    let every = (points.len() as f64 / 8.0).ceil().max(1.0) as usize;
    for (i, p) in points.iter().enumerate() {
        let x = LEFT + i as f64 * slot + (slot - 2.0 * bar) / 2.0;
        let hm = p.mentions as f64 / max * plot_h;
        let hq = p.quotes as f64 / max * plot_h;
        s.push_str(&format!(
            "<g class=\"point\" data-period=\"{}\"><title>{}: mentions {}, quotes {}</title>\
             <rect class=\"bar mentions\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{hm:.1}\"/>\
             <rect class=\"bar quotes\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{hq:.1}\"/></g>",
            escape(&p.period),
            escape(&p.period),
            p.mentions,
            p.quotes,
            TOP + plot_h - hm,
            x + bar,
            TOP + plot_h - hq,
        ));
        if i % every == 0 {
            s.push_str(&format!("<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x + bar, HEIGHT - BOTTOM + 16.0, escape(&p.period)));
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_per_period_with_its_figures() {
        let pts = vec![TimelinePoint { period: "2025-01".into(), mentions: 4, quotes: 1 }, TimelinePoint { period: "2025-02".into(), mentions: 2, quotes: 0 }];
        let svg = timeline_svg(&pts, "Mentions of <x>");
        assert_eq!(svg.matches("<g class=\"point\"").count(), 2);
        assert!(svg.contains("<title>2025-01: mentions 4, quotes 1</title>"));
        assert!(svg.contains("Mentions of &lt;x&gt;"));
        // the largest bar fills the plot's height
        assert!(svg.contains(&format!("height=\"{:.1}\"", HEIGHT - BOTTOM - TOP)));
    }
}
