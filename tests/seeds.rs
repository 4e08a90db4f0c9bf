//! The seed pages end to end: extraction scored against the gold, the Markdown output
//! pinned by reviewed snapshots, and agreement with the reference scorer.

mod common;

use unweave::eval::{self, ratio};
use unweave::Rules;

/// Pages whose every article must come out exact (issue 2; 003, the hard-wrapped page, issue 3);
/// since session 30, 004 too.
const EXACT_PAGES: &[&str] = &["000_2455bd0bcb381558", "001_ff108aae7b1c264d", "002_eb73311154eed3cc", "003_66c209dab0f48980", "004_0ed2445f5550d6ea"];

#[test]
fn seed_pages_score() {
    let rules = Rules::embedded();
    let mut total = eval::Counts::new();
    let mut failures = Vec::new();
    for (name, text, gold) in common::seeds() {
        let (c, details) = common::score(&text, &gold, &rules);
        println!("{}", eval::page_line(&name, &c));
        eval::add_counts(&mut total, &c);
        if EXACT_PAGES.contains(&name.as_str()) {
            for d in details.iter().filter(|d| !d.exact) {
                failures.push(format!("{name} {}: {d:?}", d.id));
            }
            for m in ["hard_pairs", "headline", "authors", "dateline"] {
                if ratio(c[m]) < 1.0 {
                    failures.push(format!("{name}: {m} = {:?}", c[m]));
                }
            }
        }
    }
    println!("{}", eval::summary_line(&total));
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn seed_markdown_snapshots() {
    let rules = Rules::embedded();
    for (name, text, _) in common::seeds() {
        if !EXACT_PAGES.contains(&name.as_str()) {
            continue; // a snapshot of wrong output would be a defect, not a test
        }
        let x = unweave::extract_text(&text, &rules);
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name.clone(), unweave::output::markdown(&x));
        });
    }
}

/// The eval command's figures agree with `shared/eval/score.py` on the seeds (skipped, with a
/// message, where the scorer or python3 with PyYAML is not there).
#[test]
fn agrees_with_reference_scorer() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let scorer = root.join("../shared/eval/score.py");
    let ok = std::process::Command::new("python3").args(["-c", "import yaml"]).status().is_ok_and(|s| s.success());
    if !scorer.exists() || !ok {
        eprintln!("skipped: no ../shared/eval/score.py or python3 with PyYAML");
        return;
    }
    let rules = Rules::embedded();
    let out = tempdir();
    let mut total = eval::Counts::new();
    for (name, text, gold) in common::seeds() {
        let x = unweave::extract_text(&text, &rules);
        std::fs::write(out.join(format!("{name}.json")), unweave::output::json(&x)).unwrap();
        eval::add_counts(&mut total, &common::score(&text, &gold, &rules).0);
    }
    let fixtures = common::fixtures();
    let o = std::process::Command::new("python3")
        .arg(&scorer)
        .args(["--gold", fixtures.join("gold").to_str().unwrap(), "--pages", fixtures.join("seeds").to_str().unwrap(), "--pred", out.to_str().unwrap()])
        .current_dir(scorer.parent().unwrap())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let theirs = stdout.lines().last().unwrap_or("").trim().to_string();
    assert_eq!(theirs, eval::summary_line(&total), "score.py printed:\n{stdout}");
}

fn tempdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("unweave-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}
