//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use unweave::eval::{self, Counts, Gold, Pred};
use unweave::Rules;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// (page name, page text, gold) of every bundled seed.
pub fn seeds() -> Vec<(String, String, Gold)> {
    pages(&fixtures().join("gold"), &fixtures().join("seeds"))
}

/// (page name, page text, gold) of every page of the bundled development set.
pub fn dev() -> Vec<(String, String, Gold)> {
    pages(&fixtures().join("dev/gold"), &fixtures().join("dev/pages"))
}

fn pages(gold_dir: &Path, page_dir: &Path) -> Vec<(String, String, Gold)> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(gold_dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for g in files {
        let gold = eval::load_gold(&g).unwrap();
        let text = std::fs::read_to_string(page_dir.join(&gold.source)).unwrap();
        out.push((g.file_stem().unwrap().to_string_lossy().to_string(), text, gold));
    }
    out
}

/// Extracts a page and scores it against its gold.
pub fn score(text: &str, gold: &Gold, rules: &Rules) -> (Counts, Vec<eval::Detail>) {
    let x = unweave::extract_text(text, rules);
    let preds: Vec<Pred> = x.articles.iter().map(Pred::from_article).collect();
    eval::score_page(gold, text, &preds)
}

/// The development set's totals read with the embedded rules and with `weight` set to `off`.
pub fn dev_with_and_without(weight: &str, off: f64) -> (Counts, Counts) {
    let on = Rules::embedded();
    let mut off_rules = on.clone();
    off_rules.weights.insert(weight.into(), (off, String::new()));
    let (mut with, mut without) = (Counts::new(), Counts::new());
    for (_, text, gold) in dev() {
        eval::add_counts(&mut with, &score(&text, &gold, &on).0);
        eval::add_counts(&mut without, &score(&text, &gold, &off_rules).0);
    }
    (with, without)
}

/// Scores pages against their gold, prints a line per page when `per_page` and a summary
/// line under `label`, and returns the totals.
pub fn score_all(label: &str, pages: impl IntoIterator<Item = (String, String, Gold)>, per_page: bool) -> Counts {
    let rules = Rules::embedded();
    let mut total = eval::Counts::new();
    for (name, text, gold) in pages {
        let (c, _) = score(&text, &gold, &rules);
        if per_page {
            println!("{}", eval::page_line(&name, &c));
        }
        eval::add_counts(&mut total, &c);
    }
    println!("{label}: {}", eval::summary_line(&total));
    total
}
