//! The bundled rules compile and every rule's examples hold.

use unweave::rules::{run_examples, Rules};

#[test]
fn bundled_rules_compile_and_examples_hold() {
    let rules = Rules::embedded();
    let n: usize = rules.rules.iter().map(|r| r.examples.len()).sum();
    assert!(n > 50, "the rules carry examples ({n})");
    let failures = run_examples(&rules);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_rule_has_a_doc_and_examples() {
    for r in &Rules::embedded().rules {
        assert!(!r.doc.trim().is_empty(), "{} has no doc", r.name);
        assert!(!r.examples.is_empty(), "{} has no examples", r.name);
    }
}

#[test]
fn bad_rules_are_located() {
    let files = vec![("x.yaml".to_string(), "rules:\n  - name: a\n    doc: d\n    kind: noise\n    pattern: '(unclosed'\n  - name: b\n    doc: d\n    kind: noise\n    patern: 'x'\n".to_string())];
    let e = Rules::from_sources(&files, false).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("x.yaml:"), "{text}");
    assert!(text.contains("did you mean `pattern`"), "{text}");
}

#[test]
fn han_in_a_pattern_is_the_han_unweave_reads() {
    // `\p{Han}` is read as the ideographs `is_han` takes, extension B included (𠮷), and a
    // bad pattern that uses it is located in the pattern as written
    let mut files: Vec<(String, String)> = unweave::rules::EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    files.push(("x.yaml".into(), "rules:\n  - name: two-han\n    doc: d\n    kind: noise\n    pattern: '^\\p{Han}{2}$'\n".into()));
    let rules = Rules::from_sources(&files, true).expect("loads");
    let rule = rules.get("two-han").expect("the rule");
    for (text, han) in [("𠮷田", true), ("丰田", true), ("ab", false), ("〇〇", false)] {
        assert_eq!(unweave::classify::apply_rule(rule, text, &rules).is_some(), han, "{text}");
        assert_eq!(text.chars().all(unweave::text::is_han), han, "{text}");
    }
    let bad = "rules:\n  - name: bad\n    doc: d\n    kind: noise\n    pattern: '\\p{Han}(x'\n";
    let e = Rules::from_sources(&[("x.yaml".into(), bad.into())], false).unwrap_err().to_string();
    assert!(e.contains("x.yaml:5") && e.contains("unclosed group"), "{e}");
}

#[test]
fn a_pair_of_marks_that_is_not_two_marks_is_refused() {
    for bad in ["'《'", "'《《'", "'《》》'"] {
        let yaml = format!("rules:\n  - name: pairs\n    doc: d\n    kind: paired_marks\n    keywords: [{bad}]\n");
        let e = Rules::from_sources(&[("x.yaml".into(), yaml)], false).unwrap_err().to_string();
        assert!(e.contains("x.yaml:2") && e.contains("a pair is two different marks"), "{bad}: {e}");
    }
    // the bundled pairs load: `bundled_rules_compile_and_examples_hold`
}

#[test]
fn an_enumerator_without_a_number_group_is_refused() {
    // an item number is read from the group `n`: a pattern without it would number nothing
    let yaml = |pattern: &str| format!("rules:\n  - name: items\n    doc: d\n    kind: enumerator\n    pattern: '{pattern}'\n");
    let e = Rules::from_sources(&[("x.yaml".into(), yaml("^[一二三]、"))], false).unwrap_err().to_string();
    assert!(e.contains("x.yaml:5") && e.contains("group `n`"), "{e}");
    // (over the bundled files, which define the weights a whole rule set needs)
    let mut files: Vec<(String, String)> = unweave::rules::EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    files.push(("x.yaml".into(), yaml("^(?P<n>[一二三])、")));
    let ok = Rules::from_sources(&files, true);
    assert!(ok.is_ok(), "{}", ok.err().map(|e| e.to_string()).unwrap_or_default());
}

#[test]
fn a_rules_folder_adds_a_byline_form() {
    let page = "## 新闻标题\n\n【记者 张三】\n\n正文第一段写了很多内容。\n";
    let plain = unweave::extract_text(page, &Rules::embedded());
    assert!(plain.articles[0].authors.is_empty());
    let dir = std::env::temp_dir().join(format!("unweave-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("local.yaml"),
        "rules:\n  - name: byline-lenticular\n    doc: Reporters in lenticular brackets on their own line.\n    kind: byline_line\n    pattern: '^【(?P<people>记者[^】]+)】$'\n    examples:\n      - text: 【记者 张三】\n        authors: [张三]\n",
    )
    .unwrap();
    let rules = Rules::load(Some(&dir)).unwrap();
    let x = unweave::extract_text(page, &rules);
    assert_eq!(x.articles[0].authors, vec!["张三".to_string()]);
    assert!(run_examples(&rules).is_empty());
}

#[test]
fn docs_rules_md_is_the_generated_reference() {
    let want = unweave::rules::reference::markdown(&Rules::embedded());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let have = std::fs::read_to_string(path).unwrap_or_default();
    if have != want && std::env::var_os("UNWEAVE_UPDATE_DOCS").is_some() {
        std::fs::write(path, &want).unwrap();
        return;
    }
    assert!(have == want, "docs/rules.md is stale: run `cargo run -- rules doc > docs/rules.md` (or UNWEAVE_UPDATE_DOCS=1 cargo test --test rules)");
}

fn schema_validator() -> (boon::Schemas, boon::SchemaIndex) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("rules.schema.json", unweave::rules::schema::json()).expect("schema resource");
    let index = compiler.compile("rules.schema.json", &mut schemas).expect("the schema compiles");
    (schemas, index)
}

fn as_json(yaml: &str) -> serde_json::Value {
    serde_saphyr::from_str(yaml).expect("YAML reads as JSON data")
}

#[test]
fn the_schema_validates_every_bundled_rule_file() {
    let (schemas, index) = schema_validator();
    for (name, text) in unweave::rules::EMBEDDED {
        if let Err(e) = schemas.validate(&as_json(text), index) {
            panic!("{name}: {e:#}");
        }
    }
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let (schemas, index) = schema_validator();
    for bad in [
        "rules:\n  - name: a\n    doc: d\n    kind: noise\n    patern: x\n",
        "rules:\n  - name: a\n    doc: d\n    kind: nosie\n    pattern: x\n",
        "rules:\n  - name: a\n    kind: noise\n    pattern: x\n",
        "weights:\n  adjacnt: {value: 1}\n",
        "rules:\n  - name: a\n    doc: d\n    kind: noise\n    pattern: x\n    examples: [{text: t, author: [x]}]\n",
    ] {
        assert!(schemas.validate(&as_json(bad), index).is_err(), "schema accepts {bad:?}");
        assert!(Rules::from_sources(&[("x.yaml".into(), bad.into())], true).is_err(), "loader accepts {bad:?}");
    }
    let off = "rules:\n  - name: page-section-name\n    disabled: true\n";
    assert!(schemas.validate(&as_json(off), index).is_ok());
}

#[test]
fn hostile_yaml_is_refused_with_a_plain_error() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    bomb.push_str("rules: *a9\n");
    let deep = format!("rules: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    for (what, text, expect) in [("alias bomb", bomb, "alias"), ("deep nesting", deep, "nesting")] {
        let mut files: Vec<(String, String)> = unweave::rules::EMBEDDED.iter().map(|(n, t)| (format!("<embedded>/{n}"), t.to_string())).collect();
        files.push(("hostile.yaml".into(), text));
        let e = Rules::from_sources(&files, true).expect_err(what).to_string();
        assert!(e.lines().all(|l| l.starts_with("hostile.yaml:")), "{what}: {e}");
        assert!(e.lines().any(|l| l.contains(expect) && l.contains("refused")), "{what}: {e}");
    }
}

/// Punctuation in the other width: full-width ASCII forms become ASCII and ASCII becomes
/// full-width (，→, and ,→，; （→( and (→（ ...).
fn swap_width(s: &str) -> String {
    const PAIRS: &[(char, char)] = &[(',', '，'), ('(', '（'), (')', '）'), (':', '：'), (';', '；'), ('?', '？'), ('!', '！')];
    s.chars()
        .map(|c| {
            PAIRS
                .iter()
                .find_map(|&(a, b)| {
                    if c == a {
                        Some(b)
                    } else if c == b {
                        Some(a)
                    } else {
                        None
                    }
                })
                .unwrap_or(c)
        })
        .collect()
}

#[test]
fn every_rule_treats_full_and_half_width_punctuation_alike() {
    let rules = Rules::embedded();
    let mut failures = Vec::new();
    for r in &rules.rules {
        if r.regex.is_none() {
            continue;
        }
        for e in &r.examples {
            let swapped = swap_width(&e.text);
            // Markdown syntax (![alt](src)) is ASCII by definition, not text punctuation
            if swapped == e.text || e.text.contains("](") {
                continue;
            }
            let a = unweave::classify::apply_rule(r, &e.text, &rules).is_some();
            let b = unweave::classify::apply_rule(r, &swapped, &rules).is_some();
            if a != b {
                failures.push(format!("{}: {:?} {} but {:?} {}", r.name, e.text, if a { "matches" } else { "does not match" }, swapped, if b { "matches" } else { "does not" }));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
