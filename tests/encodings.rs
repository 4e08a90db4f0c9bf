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

#[test]
fn a_byte_order_mark_changes_nothing() {
    let rules = Rules::embedded();
    for (name, text, _) in common::seeds() {
        let want = extract(&Page::from_text(&text), &rules, Options::default());
        let marked = format!("\u{FEFF}{text}");
        assert_eq!(extract(&Page::from_text(&marked), &rules, Options::default()).articles, want.articles, "{name} as text");
        assert_eq!(extract(&Page::from_bytes(marked.as_bytes()).unwrap(), &rules, Options::default()).articles, want.articles, "{name} as bytes");
    }
}

/// `unweave eval` decodes pages as `extract` does: the development set re-encoded (GB18030,
/// UTF-8 with a byte order mark) scores as it does in UTF-8.
#[test]
fn eval_scores_reencoded_pages_alike() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev");
    let eval = |pages: &std::path::Path| -> String {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_unweave")).arg("eval").arg("--gold").arg(fixtures.join("gold")).arg("--pages").arg(pages).output().expect("unweave runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8 output")
    };
    let want = eval(&fixtures.join("pages"));
    assert!(want.contains("TOTAL articles_exact="), "{want}");
    let tmp = std::env::temp_dir().join(format!("unweave-encodings-{}", std::process::id()));
    for (how, encode) in [("gb18030", (|t: &str| encoding_rs::GB18030.encode(t).0.into_owned()) as fn(&str) -> Vec<u8>), ("bom", |t: &str| format!("\u{FEFF}{t}").into_bytes())] {
        let dir = tmp.join(how);
        std::fs::create_dir_all(&dir).unwrap();
        for e in std::fs::read_dir(fixtures.join("pages")).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(dir.join(path.file_name().unwrap()), encode(&text)).unwrap();
        }
        assert_eq!(eval(&dir), want, "pages as {how}");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
