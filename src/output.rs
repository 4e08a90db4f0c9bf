//! Stage 7: write an extraction as JSON (the scorer's format plus provenance), Markdown,
//! YAML or plain text.

use std::fmt::Write;

use crate::assemble::Extraction;

pub fn json(x: &Extraction) -> String {
    serde_json::to_string_pretty(x).expect("an extraction serialises") + "\n"
}

pub fn yaml(x: &Extraction) -> String {
    serde_saphyr::to_string(x).expect("an extraction serialises")
}

pub fn markdown(x: &Extraction) -> String {
    let mut s = String::new();
    for (i, a) in x.articles.iter().enumerate() {
        if i > 0 {
            s.push_str("\n---\n\n");
        }
        if let Some(k) = &a.kicker {
            let _ = writeln!(s, "*{k}*\n");
        }
        let _ = writeln!(s, "# {}\n", a.headline.as_deref().unwrap_or("(no headline)"));
        if let Some(d) = &a.subheadline {
            let _ = writeln!(s, "## {d}\n");
        }
        let mut meta = Vec::new();
        if let Some(b) = &a.byline {
            meta.push(format!("byline: {b}"));
        }
        if !a.authors.is_empty() {
            meta.push(format!("authors: {}", a.authors.join(", ")));
        }
        if let Some(d) = &a.dateline {
            meta.push(format!("dateline: {d}"));
        }
        if let Some(j) = &a.continued_from {
            meta.push(format!("continued from: {j}"));
        }
        if let Some(j) = &a.continues_to {
            meta.push(format!("continues to: {j}"));
        }
        if a.truncated {
            meta.push("truncated".into());
        }
        for m in &meta {
            let _ = writeln!(s, "> {m}");
        }
        if !meta.is_empty() {
            s.push('\n');
        }
        for (p, src) in a.paragraphs.iter().zip(&a.provenance) {
            let lines: Vec<String> = src
                .iter()
                .map(|x| {
                    let l = match (x.lines.first(), x.lines.last()) {
                        (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
                        (Some(a), _) => a.to_string(),
                        _ => String::new(),
                    };
                    match x.join {
                        Some(c) => format!("{l}@{c:.2}"),
                        None => l,
                    }
                })
                .collect();
            let _ = writeln!(s, "{p} <!-- {} -->\n", lines.join(" "));
        }
    }
    if !x.leftovers.is_empty() {
        s.push_str("\n---\n\n# Leftovers\n\n");
        for l in &x.leftovers {
            let _ = writeln!(s, "- {} <!-- {:?}: {} -->", l.text, l.lines, l.why);
        }
    }
    s
}

pub fn text(x: &Extraction) -> String {
    let mut s = String::new();
    for a in &x.articles {
        for f in [&a.kicker, &a.headline, &a.subheadline, &a.byline].into_iter().flatten() {
            let _ = writeln!(s, "{f}");
        }
        for p in &a.paragraphs {
            let _ = writeln!(s, "{p}");
        }
        s.push('\n');
    }
    s
}
