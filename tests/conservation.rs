//! No text lost, none doubled: every page's characters (markup aside) are in the output once.
//! Checked on the bundled pages, on generator pages and on random pages (proptest).

mod common;

use proptest::prelude::*;
use unweave::check::conservation;
use unweave::{extract, synth, Options, Page, Rules};

fn holds(text: &str, rules: &Rules) -> Result<(), String> {
    let page = Page::from_text(text);
    let x = extract(&page, rules, Options::default());
    conservation(&page, &x, rules).map_err(|e| e.to_string())
}

#[test]
fn bundled_pages_keep_their_text() {
    let rules = Rules::embedded();
    for (name, text, _) in common::seeds().into_iter().chain(common::dev()) {
        if let Err(e) = holds(&text, &rules) {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn a_thousand_generator_pages_keep_their_text() {
    let rules = Rules::embedded();
    let json = std::fs::read_to_string(common::fixtures().join("dev/articles.json")).unwrap();
    let pool = synth::pool(common::seeds().into_iter().map(|(_, _, g)| g), synth::articles_from_json(&json).unwrap());
    let mut failures = Vec::new();
    for seed in 0..1000 {
        // a third each printed as e-paper scrapes, hard-wrapped PDF text layers and e-paper
        // pages read cell by cell (whose plain headlines the pieces stage may read as text)
        let p = match seed % 3 {
            0 => synth::page_with(&pool, 10_000 + seed, synth::Style::SCRAPE),
            1 => synth::page_with(&pool, 10_000 + seed, synth::Style::PDF),
            _ => synth::cells_page(&pool, 10_000 + seed),
        };
        if let Err(e) = holds(&p.text, &rules) {
            failures.push(format!("seed {seed}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{} of 1000 pages lose or double text:\n{}", failures.len(), failures.join("\n"));
}

/// Lines a scraped page is made of: headings, bylines, datelines, jump markers, bullets,
/// credits, body text cut anywhere, short unpunctuated lines, e-paper navigation links,
/// noise, and random characters.
fn line() -> impl Strategy<Value = String> {
    let body = "[\\u{4e00}-\\u{4e60}，。、：；“”（）0-9a-zA-Z ]{1,60}";
    prop_oneof![
        4 => body.prop_map(|s| s),
        1 => body.prop_map(|s| format!("## {s}")),
        1 => "[\\u{4e00}-\\u{4e60}]{2,3}".prop_map(|n| format!("本报讯(记者 {n})")),
        1 => "[\\u{4e00}-\\u{4e60}]{2,3}".prop_map(|n| format!("本报记者 {n}")),
        1 => "[0-9]{1,2}".prop_map(|n| format!("（新华社北京6月{n}日电）")),
        1 => "[0-9]{1}".prop_map(|n| format!("下转第{n}版")),
        1 => "[0-9]{1}".prop_map(|n| format!("上接第{n}版")),
        1 => body.prop_map(|s| format!("◆{s}")),
        1 => body.prop_map(|s| format!("- {s}")),
        1 => "[\\u{4e00}-\\u{4e60}]{2,3}".prop_map(|n| format!("图/{n}")),
        2 => "[\\u{4e00}-\\u{4e60}]{4,18}".prop_map(|s| s),
        1 => prop_oneof![Just("上一版　下一版".to_string()), Just("返回目录".to_string())],
        1 => Just(String::new()),
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_pages_keep_their_text(lines in prop::collection::vec(line(), 0..40)) {
        let rules = Rules::embedded();
        let text = lines.join("\n");
        prop_assert!(holds(&text, &rules).is_ok(), "{:?}\n{}", text, holds(&text, &rules).unwrap_err());
    }
}

/// A page of one enormous line (8 MB here; the README gives the 50 MB figures) is handled in
/// time linear in its size and keeps its text. Every other line-based tool chokes on these.
#[test]
fn one_enormous_line_keeps_its_text() {
    let mut rng = synth::Rng::new(3);
    let mut text = String::with_capacity(8 << 20);
    while text.len() < 8 << 20 {
        let c = match rng.range(0, 40) {
            0 => '，',
            1 => '。',
            _ => char::from_u32(0x4e00 + rng.range(0, 400) as u32).unwrap_or('一'),
        };
        text.push(c);
    }
    let rules = Rules::embedded();
    let page = Page::from_text(&text);
    let x = extract(&page, &rules, Options::default());
    assert_eq!(x.articles.len() + x.leftovers.len(), 1, "one line is one piece");
    assert!(conservation(&page, &x, &rules).is_ok());
}
