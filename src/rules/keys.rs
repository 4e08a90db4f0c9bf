//! A structural pass over a rule file's YAML events: every key is checked against the keys its
//! place allows, so that all typos in a file are reported at once with their line and column
//! (serde stops at the first). The pass also locates weight names for later checks.

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser};

/// Keys of a rule file's top level.
pub const FILE_KEYS: &[&str] = &["rules", "weights"];
/// Keys of one rule.
pub const RULE_KEYS: &[&str] = &["name", "doc", "kind", "pattern", "keywords", "disabled", "examples"];
/// Keys of one example.
pub const EXAMPLE_KEYS: &[&str] = &["text", "matches", "authors", "dateline", "byline", "marker"];
/// Keys of one weight.
pub const WEIGHT_KEYS: &[&str] = &["value", "doc"];
/// Nesting deeper than this is refused before serde sees the file.
pub const MAX_DEPTH: usize = 64;

/// A key found where it is not allowed: (key, line, column, the keys allowed there, context).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    pub line: u64,
    pub column: u64,
    pub known: &'static [&'static str],
    pub context: &'static str,
    /// The rule the key is in, when it is in one that has a name.
    pub rule: Option<String>,
}

/// What the structural pass found.
#[derive(Debug, Default)]
pub struct Structure {
    pub unknown: Vec<UnknownKey>,
    /// Where each weight name is written: name → (line, column).
    pub weights: HashMap<String, (u64, u64)>,
    /// A syntax or nesting problem that stopped the pass: (line, column, message).
    pub fatal: Option<(u64, u64, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    File,
    Rules,
    Rule,
    Examples,
    Example,
    Weights,
    Weight,
    Other,
}

struct Frame {
    place: Place,
    is_map: bool,
    /// In a mapping: the key whose value comes next, or None when a key comes next.
    key: Option<String>,
    /// In a rule: its name, and the unknown keys found inside it (indices into `unknown`).
    name: Option<String>,
    pending: Vec<usize>,
}

impl Place {
    fn keys(self) -> Option<(&'static [&'static str], &'static str)> {
        match self {
            Place::File => Some((FILE_KEYS, "the file")),
            Place::Rule => Some((RULE_KEYS, "a rule")),
            Place::Example => Some((EXAMPLE_KEYS, "an example")),
            Place::Weight => Some((WEIGHT_KEYS, "a weight")),
            _ => None,
        }
    }
}

/// The place of a new node, given the frame it is nested in.
fn child(parent: Option<&Frame>, is_map: bool) -> Place {
    let Some(p) = parent else { return if is_map { Place::File } else { Place::Other } };
    match (p.place, p.key.as_deref(), is_map) {
        (Place::File, Some("rules"), false) => Place::Rules,
        (Place::File, Some("weights"), true) => Place::Weights,
        (Place::Rules, _, true) => Place::Rule,
        (Place::Rule, Some("examples"), false) => Place::Examples,
        (Place::Examples, _, true) => Place::Example,
        (Place::Weights, Some(_), true) => Place::Weight,
        _ => Place::Other,
    }
}

/// Walks the YAML events of `text` once.
pub fn check(text: &str) -> Structure {
    let mut out = Structure::default();
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(x) => x,
            Err(e) => {
                let m = e.marker();
                out.fatal = Some((m.line() as u64, m.col() as u64 + 1, e.info().to_string()));
                return out;
            }
        };
        let (line, column) = (span.start.line() as u64, span.start.col() as u64 + 1);
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                if stack.len() >= MAX_DEPTH {
                    out.fatal = Some((line, column, format!("nesting deeper than {MAX_DEPTH} levels")));
                    return out;
                }
                let place = child(stack.last(), is_map);
                stack.push(Frame { place, is_map, key: None, name: None, pending: Vec::new() });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(frame) = stack.pop() {
                    for i in frame.pending {
                        out.unknown[i].rule = frame.name.clone();
                    }
                }
                value_done(&mut stack);
            }
            Event::Scalar(value, ..) => {
                let Some(top) = stack.last() else { continue };
                let (place, is_key) = (top.place, top.is_map && top.key.is_none());
                if is_key {
                    if place == Place::Weights {
                        out.weights.insert(value.to_string(), (line, column));
                    } else if let Some((known, context)) = place.keys() {
                        if !known.contains(&value.as_ref()) {
                            out.unknown.push(UnknownKey { key: value.to_string(), line, column, known, context, rule: None });
                            let i = out.unknown.len() - 1;
                            if let Some(rule) = stack.iter_mut().rev().find(|f| f.place == Place::Rule) {
                                rule.pending.push(i);
                            }
                        }
                    }
                    if let Some(top) = stack.last_mut() {
                        top.key = Some(value.to_string());
                    }
                } else {
                    if let Some(top) = stack.last_mut() {
                        if top.place == Place::Rule && top.key.as_deref() == Some("name") {
                            top.name = Some(value.to_string());
                        }
                    }
                    value_done(&mut stack);
                }
            }
            Event::Alias(_) => value_done(&mut stack),
            _ => {}
        }
    }
    out
}

/// A value of the innermost mapping is complete: a key comes next.
fn value_done(stack: &mut [Frame]) {
    if let Some(top) = stack.last_mut() {
        if top.is_map {
            top.key = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unknown_key_is_found_with_its_place() {
        let s = check("rules:\n  - name: a\n    patern: x\n    examples:\n      - text: t\n        author: [b]\n  - name: b\n    dco: d\nweight:\n  x: {value: 1}\n");
        let got: Vec<(&str, u64, u64, &str, Option<&str>)> = s.unknown.iter().map(|u| (u.key.as_str(), u.line, u.column, u.context, u.rule.as_deref())).collect();
        assert_eq!(got, vec![("patern", 3, 5, "a rule", Some("a")), ("author", 6, 9, "an example", Some("a")), ("dco", 8, 5, "a rule", Some("b")), ("weight", 9, 1, "the file", None)]);
    }

    #[test]
    fn weight_names_are_located_and_their_keys_checked() {
        let s = check("weights:\n  adjacent:\n    value: 1\n    dc: x\n");
        assert_eq!(s.weights.get("adjacent"), Some(&(2, 3)));
        assert_eq!(s.unknown.len(), 1);
        assert_eq!(s.unknown[0].key, "dc");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("rules: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let s = check(&text);
        assert!(s.fatal.as_ref().is_some_and(|f| f.2.contains("nesting") || f.2.contains("recursion")), "{:?}", s.fatal);
        let shallow = format!("rules: {}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(check(&shallow).fatal.is_some_and(|f| f.2.contains("nesting")));
    }
}
