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
    let files = vec![(
        "x.yaml".to_string(),
        "rules:\n  - name: a\n    doc: d\n    kind: noise\n    pattern: '(unclosed'\n  - name: b\n    doc: d\n    kind: noise\n    patern: 'x'\n".to_string(),
    )];
    let e = Rules::from_sources(&files, false).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("x.yaml:"), "{text}");
    assert!(text.contains("did you mean `pattern`"), "{text}");
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
