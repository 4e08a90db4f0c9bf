//! Issue 6: a page yields the same articles whatever its encoding and line ends.

mod common;

use unweave::{extract, Options, Page, Rules};

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

#[test]
fn seeds_reencoded_yield_the_same_articles() {
    let rules = Rules::embedded();
    for (name, text, _) in common::seeds() {
        let want = extract(&Page::from_bytes(text.as_bytes()).unwrap(), &rules, Options::default());
        assert!(!want.articles.is_empty(), "{name}");
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable, "{name}: GB18030 covers all of Unicode");
        let variants: Vec<(&str, Vec<u8>)> = vec![("gb18030", gb.into_owned()), ("utf-16le", utf16le_bom(&text)), ("crlf", text.replace('\n', "\r\n").into_bytes())];
        for (how, bytes) in variants {
            let page = Page::from_bytes(&bytes).unwrap_or_else(|e| panic!("{name} as {how}: {e}"));
            assert_eq!(page.replaced, 0, "{name} as {how}");
            let got = extract(&page, &rules, Options::default());
            assert_eq!(got.articles, want.articles, "{name} as {how}");
            assert_eq!(got.leftovers, want.leftovers, "{name} as {how}");
        }
    }
}
