//! Any text: no panic, spans on char boundaries, sorted and non-overlapping.

use newsgraph_amounts::Amounts;
use proptest::prelude::*;
use std::sync::OnceLock;

fn tagger() -> &'static Amounts {
    static T: OnceLock<Amounts> = OnceLock::new();
    T.get_or_init(Amounts::new)
}

fn check(text: &str) {
    let v = tagger().tag(text);
    let mut last = 0;
    for a in &v {
        assert!(a.start >= last, "overlap in {text:?}: {v:?}");
        assert!(
            a.start <= a.number.0 && a.number.1 <= a.end,
            "{text:?}: {a:?}"
        );
        assert!(text.is_char_boundary(a.start) && text.is_char_boundary(a.end));
        if let Some((s, e)) = a.object {
            assert!(a.start <= s && s < e && e <= a.end, "{text:?}: {a:?}");
        }
        last = a.end;
    }
}

proptest! {
    #[test]
    fn any_unicode(text in "\\PC{0,80}") {
        check(&text);
    }

    #[test]
    fn number_soup(text in "([0-9]{1,4}|[,.:%$£€#'’“”(-]|US|bn|m|km|th| |\n|a|of|the|to|and|between|million|twenty|five|-|hundreds|per cent|March|years|dollars|people){0,24}") {
        check(&text);
    }
}
