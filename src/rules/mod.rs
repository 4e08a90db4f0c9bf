//! Rules are data: the YAML files under `rules/` are embedded in the binary as defaults and a
//! folder given with `--rules DIR` is layered over them (same name replaces, `disabled: true`
//! switches a rule off, a new name adds one). This module loads, validates and compiles them.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

pub mod keys;
pub mod reference;
pub mod schema;

/// The rule files bundled with the binary: (file name, contents).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("bylines.yaml", include_str!("../../rules/bylines.yaml")),
    ("datelines.yaml", include_str!("../../rules/datelines.yaml")),
    ("headings.yaml", include_str!("../../rules/headings.yaml")),
    ("noise.yaml", include_str!("../../rules/noise.yaml")),
    ("lexicon.yaml", include_str!("../../rules/lexicon.yaml")),
    ("weights.yaml", include_str!("../../rules/weights.yaml")),
];

/// What a rule does; each kind is one mechanism in the pipeline. [`Kind::doc`] says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Noise,
    BylinePrefix,
    BylineLine,
    Credit,
    NameLine,
    DatelineLine,
    DatelineSuffix,
    BylineSuffix,
    JumpTo,
    JumpFrom,
    Deck,
    DeckSplit,
    Kicker,
    PageHead,
    CellScrape,
    Intertitle,
    Standalone,
    LeadOpener,
    NotHeadline,
    Terminal,
    Closer,
    NoStart,
    NoStartWord,
    OpenerWord,
    CutHead,
    NoEnd,
    ListMark,
    Enumerator,
    NumberUnit,
    PairedMarks,
    AuthorRole,
    AuthorAffiliation,
    Surname,
    Markup,
}

impl Kind {
    /// Every kind, in the order the reference lists them.
    pub const ALL: &[Kind] = &[
        Kind::Noise,
        Kind::BylinePrefix,
        Kind::BylineLine,
        Kind::Credit,
        Kind::NameLine,
        Kind::DatelineLine,
        Kind::DatelineSuffix,
        Kind::BylineSuffix,
        Kind::JumpTo,
        Kind::JumpFrom,
        Kind::Deck,
        Kind::DeckSplit,
        Kind::Kicker,
        Kind::PageHead,
        Kind::CellScrape,
        Kind::Intertitle,
        Kind::Standalone,
        Kind::LeadOpener,
        Kind::NotHeadline,
        Kind::Terminal,
        Kind::Closer,
        Kind::NoStart,
        Kind::NoStartWord,
        Kind::OpenerWord,
        Kind::CutHead,
        Kind::NoEnd,
        Kind::ListMark,
        Kind::Enumerator,
        Kind::NumberUnit,
        Kind::PairedMarks,
        Kind::AuthorRole,
        Kind::AuthorAffiliation,
        Kind::Surname,
        Kind::Markup,
    ];

    /// What rules of this kind do, in one line (shown by `rules list`, the schema and docs/rules.md).
    pub fn doc(self) -> &'static str {
        match self {
            Kind::Noise => "A whole line that belongs to no article (goes to leftovers).",
            Kind::BylinePrefix => "A byline (and dateline) opening the lead paragraph; groups `dateline`, `people`, and `rest` where the pattern must see the lead's first character without taking it (the prefix ends where `rest` starts).",
            Kind::BylineLine => "A whole line that is a byline; group `people`.",
            Kind::Credit => "A whole line that is a photo credit; group `people`.",
            Kind::NameLine => "Personal names alone on a line, taken as a byline only right under a headline.",
            Kind::DatelineLine => "A whole line that is a dateline; group `dateline`.",
            Kind::DatelineSuffix => "A dateline closing the last paragraph; group `dateline`.",
            Kind::BylineSuffix => "Author names closing the last paragraph after its final sentence; groups `people` and `sep` (the space where the text is cut).",
            Kind::JumpTo => "A jump marker to a later page, alone or closing a line; group `marker`.",
            Kind::JumpFrom => "A jump marker from an earlier page, alone or opening a line; group `marker`.",
            Kind::Deck => "A whole line that is a deck (subheadline).",
            Kind::DeckSplit => "Where a line holding headline and deck is split.",
            Kind::Kicker => "A whole line that is a kicker when it stands above a headline.",
            Kind::PageHead => "A short line at the head of the page, next to its folio: the page's section name.",
            Kind::CellScrape => "A whole line that marks an e-paper page taken from its HTML, whose boxes are read cell by cell across their columns (its navigation links): such a page's articles are re-read as grids.",
            Kind::Intertitle => "A numbered section title inside an article (kept as a body paragraph).",
            Kind::Standalone => "The shape of a short line that stands alone in an article's text (a photo caption, an unnumbered intertitle), matched against the whole line: ending without punctuation right before a line that opens a sentence, with no word across, it is a paragraph of its own, not a text cut.",
            Kind::LeadOpener => "The opening of a lead paragraph (a time and a comma: 近日，), matched at a line's start: on a hard-wrapped page, a heading-like line over it after a finished sentence is a headline.",
            Kind::NotHeadline => "What a headline does not hold (the relative time words that date a lead: 日前, 昨日), matched anywhere in a line: a headline-shaped line holding it is text.",
            Kind::Terminal => "Sentence-final characters (keywords).",
            Kind::Closer => "Closing quotes and brackets that may follow sentence-final punctuation (keywords).",
            Kind::NoStart => "Characters that cannot open a sentence (keywords).",
            Kind::NoStartWord => "Characters that cannot open a sentence when they stand as a word of their own, as the dictionary's likeliest reading of the text's opening tells (的 in 的支持下, not in 的确; keywords).",
            Kind::OpenerWord => "Single characters that often open a sentence as a word of their own (在, 为, 从); a text opening on any other one-character word of the dictionary's likeliest reading (站…, 务…) is taken for the rest of a word cut in two (keywords).",
            Kind::CutHead => "The opening of a text that cannot start a sentence, as a pattern matched at its start (a closing quote before any opening one: the text starts inside a quotation).",
            Kind::NoEnd => "Words a heading line cannot end on: a line ending in one runs on to the next (keywords).",
            Kind::ListMark => "Marks between the items of a list (the enumeration comma): a list cut in an item, its last item short before the cut and its next item short after (王某、李|某某、), is evidence the two sides run on (keywords; examples mark the cut with `|`).",
            Kind::Enumerator => "A paragraph's leading item number (一、, （二）, 3.), matched at its start, group `n` the number (digits or Chinese numerals): a paragraph numbered n goes on from the text whose article so far last numbered an item n−1 the same way (each rule is one way of numbering, one sequence), and hardly from one whose last such item has another number.",
            Kind::NumberUnit => "Units and measure words a number goes on with (个, 万, 米): a text ending in a digit runs on into a text opening with a digit or one of these (福建等11|个省), and hardly into one opening on another Han character (keywords; examples mark the cut with `|`).",
            Kind::PairedMarks => "Marks that open and close a span (quotation marks, title marks, brackets), each keyword the opening mark and its closing one (“”): a text left inside a span runs on into the text that opens inside the same span, and a text opening inside one follows none that did not leave it open (examples mark the cut with `|`).",
            Kind::AuthorRole => "Role words removed from bylines before splitting names (keywords).",
            Kind::AuthorAffiliation => "A paper, site or rank printed onto a role word at the start of a byline's item (某某日报记者, 融媒体记者, 首席记者), matched anywhere in the byline: removed with the role before splitting names.",
            Kind::Surname => "Common family names: where two names run together in a byline (周某张某某), the one that starts the second name tells where to split (keywords).",
            Kind::Markup => "Leading marks that are markup, not text (keywords).",
        }
    }

    /// The kind as written in YAML (`byline_line`).
    pub fn name(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }

    fn uses_keywords(self) -> bool {
        matches!(
            self,
            Kind::Terminal
                | Kind::Closer
                | Kind::NoStart
                | Kind::NoStartWord
                | Kind::OpenerWord
                | Kind::NoEnd
                | Kind::ListMark
                | Kind::NumberUnit
                | Kind::PairedMarks
                | Kind::AuthorRole
                | Kind::Surname
                | Kind::Markup
        )
    }
}

/// One example of a rule: a text that must (or must not) match, with what it must yield.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Example {
    pub text: String,
    #[serde(default = "yes")]
    pub matches: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authors: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

fn yes() -> bool {
    true
}

/// A rule as written in YAML.
#[derive(Debug, Clone, Deserialize)]
pub struct RuleSpec {
    pub name: Spanned<String>,
    #[serde(default)]
    pub doc: String,
    pub kind: Option<Kind>,
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WeightSpec {
    pub value: f64,
    #[serde(default)]
    pub doc: String,
}

/// One rule file.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct RuleFile {
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    #[serde(default)]
    pub weights: BTreeMap<String, WeightSpec>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub doc: String,
    pub kind: Kind,
    pub source: String,
    pub pattern: Option<String>,
    pub regex: Option<Regex>,
    pub keywords: Vec<String>,
    pub examples: Vec<Example>,
}

/// A problem in a rule file, located in the YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(r) = &self.rule {
            write!(f, "rule `{r}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Errors of a rule set; never empty.
#[derive(Debug, Clone, thiserror::Error)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// The compiled rule set the pipeline runs with.
#[derive(Debug, Clone)]
pub struct Rules {
    pub rules: Vec<Rule>,
    pub weights: BTreeMap<String, (f64, String)>,
    by_kind: HashMap<Kind, Vec<usize>>,
    keyword_sets: HashMap<Kind, Vec<String>>,
    pub(crate) roles: Option<AhoCorasick>,
}

/// The weights the join scorer reads (see `rules/weights.yaml`).
pub const WEIGHTS: &[&str] = &[
    "adjacent",
    "adjacent_open",
    "adjacent_column_line",
    "adjacent_wide_gap",
    "cut_word",
    "cut_page_ngram",
    "topic",
    "topic_baseline",
    "topic_cap",
    "topic_miss",
    "topic_min_chars",
    "topic_miss_in_order",
    "head_continues",
    "head_after_sentence_end",
    "head_after_sentence_end_paragraph_lines",
    "open_to_new_paragraph",
    "open_to_indented_paragraph",
    "closed_to_continuation",
    "closed_to_word_cut",
    "head_broken_word",
    "closed_jump",
    "column_foot",
    "stream_open",
    "stream_open_growth",
    "stream_turn",
    "stream_reads_on",
    "stream_width_differs",
    "stream_end_cut",
    "orphan_headline_opens",
    "parallel",
    "parallel_words",
    "cut_repeats",
    "measure_differs",
    "item_next",
    "item_out_of_order",
    "parallel_paragraph_lines",
    "parallel_across",
    "cut_number",
    "number_left_hanging",
    "cut_list",
    "quote_closed",
    "quote_unopened",
    "cut_reads_on",
    "cut_reads_on_cap",
    "orphan_headline_share",
    "cut_end_evidence",
    "cut_piece_evidence",
    "cut_piece_names",
    "cut_piece_rounds",
    "cut_piece_headline_names",
    "grid_band",
    "grid_band_tolerance",
    "grid_heading_end",
    "grid_far_share",
    "grid_margin",
    "grid_merge_margin",
    "grid_move_gain",
    "grid_move_topic",
    "grid_move_topic_chars",
    "open_tail",
    "open_tail_paragraph_lines",
    "far_penalty",
    "backward",
    "header_content",
    "header_above",
    "header_above_apart_share",
    "header_below",
    "header_mid_start",
    "header_weak",
    "header_min",
    "header_min_headless",
    "adopt_min_topic",
    "adopt_margin",
    "header_tail_share",
    "header_content_full",
    "header_strong",
];

const MAX_RULE_FILE_BYTES: usize = 1 << 20;

impl Rules {
    /// The rules bundled with the binary.
    pub fn embedded() -> Rules {
        Self::load(None).expect("the embedded rules compile (checked by the test suite)")
    }

    /// The embedded rules with the folder `dir` layered over them.
    pub fn load(dir: Option<&Path>) -> Result<Rules, RuleErrors> {
        let mut files: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (format!("<embedded>/{n}"), t.to_string())).collect();
        if let Some(dir) = dir {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(|e| one_error(&dir.display().to_string(), format!("cannot read the rules folder: {e}")))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).map_err(|e| one_error(&p.display().to_string(), format!("cannot read: {e}")))?;
                files.push((p.display().to_string(), text));
            }
        }
        Self::from_sources(&files, dir.is_some())
    }

    /// Compiles rule files given as (name, text); later files override earlier ones by rule name.
    /// With `layered`, the first files are the defaults and a name may be repeated across layers.
    pub fn from_sources(files: &[(String, String)], layered: bool) -> Result<Rules, RuleErrors> {
        let mut errors = Vec::new();
        // names first defined by a layered folder come before the defaults, so that an added
        // rule is tried before the built-in rules of its kind
        let mut order: Vec<String> = Vec::new();
        let mut added: Vec<String> = Vec::new();
        let mut chosen: HashMap<String, (RuleSpec, String)> = HashMap::new();
        let texts: HashMap<&str, &str> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let mut weights = BTreeMap::new();
        let mut seen_in_layer: HashMap<(bool, String), (String, u64)> = HashMap::new();
        for (fname, text) in files {
            let is_default = fname.starts_with("<embedded>/");
            let (file, places, mut problems) = parse_file(fname, text);
            errors.append(&mut problems);
            let Some(file) = file else { continue };
            for (k, w) in file.weights {
                if !WEIGHTS.contains(&k.as_str()) {
                    let (line, column) = places.get(&k).copied().unwrap_or((0, 0));
                    let hint = nearest(&k, WEIGHTS).map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
                    errors.push(RuleError { file: fname.clone(), line, column, rule: None, message: format!("unknown weight `{k}`{hint}") });
                    continue;
                }
                weights.insert(k, (w.value, w.doc));
            }
            for spec in file.rules {
                let name = spec.name.value.clone();
                let key = (is_default || !layered, name.clone());
                if let Some((other, line)) = seen_in_layer.get(&key) {
                    errors.push(RuleError {
                        file: fname.clone(),
                        line: spec.name.referenced.line(),
                        column: spec.name.referenced.column(),
                        rule: Some(name.clone()),
                        message: format!("duplicate rule name; already defined at {other}:{line}"),
                    });
                    continue;
                }
                seen_in_layer.insert(key, (fname.clone(), spec.name.referenced.line()));
                if !chosen.contains_key(&name) {
                    if is_default || !layered {
                        order.push(name.clone());
                    } else {
                        added.push(name.clone());
                    }
                }
                chosen.insert(name, (spec, fname.clone()));
            }
        }
        let specs: Vec<(RuleSpec, String)> = added.into_iter().chain(order).map(|name| chosen.remove(&name).expect("every ordered name was chosen")).filter(|(spec, _)| !spec.disabled).collect();
        // (compiling the patterns is most of the start-up, the Unicode classes above all: the
        // rules are compiled side by side, and kept in file order)
        use rayon::prelude::*;
        let compiled: Vec<Result<Rule, RuleError>> = specs.into_par_iter().map(|(spec, fname)| compile(spec, &fname, texts.get(fname.as_str()).copied().unwrap_or(""))).collect();
        let mut rules = Vec::new();
        for c in compiled {
            match c {
                Ok(r) => rules.push(r),
                Err(e) => errors.push(e),
            }
        }
        for w in WEIGHTS {
            if !weights.contains_key(*w) {
                errors.push(RuleError { file: "<rules>".into(), line: 0, column: 0, rule: None, message: format!("weight `{w}` is not defined by any rule file") });
            }
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
            return Err(RuleErrors(errors));
        }
        let mut by_kind: HashMap<Kind, Vec<usize>> = HashMap::new();
        let mut keyword_sets: HashMap<Kind, Vec<String>> = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            by_kind.entry(r.kind).or_default().push(i);
            if r.kind.uses_keywords() {
                keyword_sets.entry(r.kind).or_default().extend(r.keywords.iter().cloned());
            }
        }
        let roles = keyword_sets
            .get(&Kind::AuthorRole)
            .map(|words| aho_corasick::AhoCorasickBuilder::new().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(words).expect("role words are plain strings"));
        Ok(Rules { rules, weights, by_kind, keyword_sets, roles })
    }

    /// Rules of one kind, in file order.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &Rule> {
        self.by_kind.get(&kind).into_iter().flatten().map(move |&i| &self.rules[i])
    }

    /// Does a rule of `kind` match anywhere in `text`?
    pub fn matches(&self, kind: Kind, text: &str) -> bool {
        self.of(kind).any(|r| r.regex.as_ref().is_some_and(|re| re.is_match(text)))
    }

    /// Is the rule named `name` one of `kind`?
    pub fn is(&self, kind: Kind, name: &str) -> bool {
        self.of(kind).any(|r| r.name.as_str() == name)
    }

    /// The keywords of every rule of a keyword kind.
    pub fn keywords(&self, kind: Kind) -> &[String] {
        self.keyword_sets.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A join weight by name. Every name the scorer asks for is in [`WEIGHTS`], and loading
    /// fails when one is missing, so this never falls back silently.
    pub fn weight(&self, name: &str) -> f64 {
        self.weights.get(name).map(|w| w.0).unwrap_or_else(|| panic!("weight `{name}` is not in WEIGHTS"))
    }

    pub fn get(&self, name: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.name == name)
    }
}

fn one_error(file: &str, message: String) -> RuleErrors {
    RuleErrors(vec![RuleError { file: file.to_string(), line: 0, column: 0, rule: None, message }])
}

/// A parsed rule file (if it parsed), where each weight stands in it (line, column), and
/// the problems found.
type Parsed = (Option<RuleFile>, HashMap<String, (u64, u64)>, Vec<RuleError>);

/// Parses one rule file. Every unknown key is reported (located, with the nearest known key);
/// the rest of the file is still read so that other problems in it are reported too.
fn parse_file(fname: &str, text: &str) -> Parsed {
    let err = |line: u64, column: u64, message: String| RuleError { file: fname.into(), line, column, rule: None, message };
    if text.len() > MAX_RULE_FILE_BYTES {
        return (None, HashMap::new(), vec![err(0, 0, format!("rule file is larger than {MAX_RULE_FILE_BYTES} bytes"))]);
    }
    let structure = keys::check(text);
    if let Some((line, column, message)) = structure.fatal {
        return (None, HashMap::new(), vec![err(line, column, plain_yaml_error(&message))]);
    }
    let mut errors: Vec<RuleError> = structure
        .unknown
        .iter()
        .map(|u| {
            let hint = match nearest(&u.key, u.known) {
                Some(best) => format!("; did you mean `{best}`?"),
                None => String::new(),
            };
            let mut e = err(u.line, u.column, format!("unknown key `{}` in {}{hint} (known keys: {})", u.key, u.context, u.known.join(", ")));
            e.rule = u.rule.clone();
            e
        })
        .collect();
    let opts = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_depth: keys::MAX_DEPTH, max_nodes: 200_000, max_aliases: 1000, max_total_scalar_bytes: 4 << 20, },
    };
    // a file with a typo is still read, so that its other problems are reported as well
    match serde_saphyr::from_str_with_options::<RuleFile>(text, opts) {
        Ok(file) => (Some(file), structure.weights, errors),
        Err(e) => {
            let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
            errors.push(err(line, column, plain_yaml_error(&e.to_string())));
            (None, structure.weights, errors)
        }
    }
}

/// serde's first message line in plain words, without the location it repeats.
fn plain_yaml_error(msg: &str) -> String {
    let mut first = msg.lines().next().unwrap_or(msg).trim();
    first = first.strip_prefix("error: ").unwrap_or(first);
    if let Some(rest) = first.strip_prefix("line ") {
        if let Some((_, after)) = rest.split_once(": ") {
            first = after;
        }
    }
    if first.contains("budget breached") {
        return format!("the file expands to too many nodes, aliases or nesting levels (an alias bomb?); refused ({first})");
    }
    if let Some(rest) = first.strip_prefix("unknown variant `") {
        if let Some((word, known)) = rest.split_once("`, expected one of ") {
            let known: Vec<&str> = known.split(", ").map(|k| k.trim_matches('`')).collect();
            let hint = nearest(word, &known).map(|n| format!("did you mean `{n}`? ")).unwrap_or_default();
            return format!("unknown kind `{word}`; {hint}(known kinds: {})", known.join(", "));
        }
    }
    if first == "invalid boolean" {
        return "expected `true` or `false`".into();
    }
    if first.contains("recursion limit") {
        return format!("nesting too deep; refused ({first})");
    }
    first.to_string()
}

/// The known word closest to `word` by edit distance, if it is close enough to be a typo.
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known.iter().map(|k| (edit_distance(word, k), *k)).filter(|(d, k)| *d <= (k.len().max(word.len()) / 2).max(1)).min().map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// What `\p{Han}` means in a rule: the ideographs unweave reads as Han ([`crate::text::is_han`]:
/// the unified ideographs and extension A, the compatibility ideographs, extensions B and on,
/// the radicals). Spelled out as ranges it compiles to a fraction of the Unicode property
/// class's automaton (the start-up and memory of a run are mostly the rules' patterns).
const HAN_CLASS: &str = r"[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{2FA1F}\x{2E80}-\x{2FDF}]";

fn han_class(pattern: &str) -> std::borrow::Cow<'_, str> {
    if pattern.contains(r"\p{Han}") {
        pattern.replace(r"\p{Han}", HAN_CLASS).into()
    } else {
        pattern.into()
    }
}

fn compile(spec: RuleSpec, fname: &str, text: &str) -> Result<Rule, RuleError> {
    let name = spec.name.value.clone();
    let at = |loc: &serde_saphyr::Location, message: String| RuleError { file: fname.to_string(), line: loc.line(), column: loc.column(), rule: Some(name.clone()), message };
    let Some(kind) = spec.kind else {
        return Err(at(&spec.name.referenced, "missing `kind`".into()));
    };
    if spec.doc.trim().is_empty() {
        return Err(at(&spec.name.referenced, "missing `doc`: say in one line what the rule is for".into()));
    }
    let (pattern, regex) = match (&spec.pattern, kind.uses_keywords()) {
        (Some(p), false) => match Regex::new(&han_class(&p.value)).map_err(|_| Regex::new(&p.value).err()) {
            // (an item number is read from its group: a pattern without one numbers nothing)
            Ok(r) if kind == Kind::Enumerator && !r.capture_names().flatten().any(|g| g == "n") => {
                return Err(at(&p.referenced, "an `enumerator` pattern needs a group `n` holding the number: (?P<n>...)".into()));
            }
            Ok(r) => (Some(p.value.clone()), Some(r)),
            // (the error is the written pattern's, so that it points into what was written)
            Err(Some(e)) => return Err(regex_error(&p.value, &e, p.referenced.line(), p.referenced.column(), text, at(&p.referenced, String::new()))),
            Err(None) => return Err(at(&p.referenced, "bad regex once `\\p{Han}` is read as unweave's Han characters".into())),
        },
        (None, false) => return Err(at(&spec.name.referenced, format!("kind `{}` needs a `pattern`", kind.name()))),
        (Some(p), true) => return Err(at(&p.referenced, "this kind takes `keywords`, not a `pattern`".into())),
        (None, true) => {
            if spec.keywords.is_empty() {
                return Err(at(&spec.name.referenced, "this kind needs a non-empty `keywords` list".into()));
            }
            if kind == Kind::PairedMarks {
                if let Some(k) = spec.keywords.iter().find(|k| k.chars().count() != 2 || k.chars().next() == k.chars().nth(1)) {
                    return Err(at(&spec.name.referenced, format!("keyword {k:?}: a pair is two different marks, the opening one and the closing one (“”)")));
                }
            }
            (None, None)
        }
    };
    Ok(Rule { name, doc: spec.doc, kind, source: fname.to_string(), pattern, regex, keywords: spec.keywords, examples: spec.examples })
}

/// A bad regex, in plain words, located at the character of the pattern where it goes wrong
/// when the pattern is written on one line without escapes (the usual case).
fn regex_error(pattern: &str, e: &regex::Error, line: u64, column: u64, text: &str, mut err: RuleError) -> RuleError {
    let (what, offset) = match regex_syntax::ast::parse::Parser::new().parse(pattern) {
        Err(a) => (a.kind().to_string(), Some(a.span().start.offset)),
        Ok(_) => match regex_syntax::Parser::new().parse(pattern) {
            Err(regex_syntax::Error::Translate(t)) => (t.kind().to_string(), Some(t.span().start.offset)),
            _ => (e.to_string().lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string(), None),
        },
    };
    let what = what.trim_start_matches("error: ").to_string();
    let Some(offset) = offset else {
        err.message = format!("bad regex: {what}");
        return err;
    };
    let head = &pattern[..offset.min(pattern.len())];
    let ch = pattern[offset.min(pattern.len())..].chars().next().map(|c| format!(" `{c}`")).unwrap_or_default();
    err.message = format!("bad regex: {what}, at character {}{ch} of the pattern", head.chars().count() + 1);
    // point into the YAML when the scalar holds the pattern literally
    if let Some(src) = text.lines().nth(line.saturating_sub(1) as usize) {
        let rest: String = src.chars().skip(column.saturating_sub(1) as usize).collect();
        let quote = usize::from(rest.starts_with('\'') || rest.starts_with('"'));
        if rest.chars().skip(quote).collect::<String>().starts_with(head) {
            err.column = column + (quote + head.chars().count()) as u64;
        }
    }
    err
}

/// Runs every rule's examples; returns one message per failure, naming the rule.
pub fn run_examples(rules: &Rules) -> Vec<String> {
    use crate::text::{ends_sentence, starts_mid_sentence};
    let mut failures = Vec::new();
    for r in &rules.rules {
        for e in &r.examples {
            let (matched, got) = match r.kind {
                Kind::Terminal => (ends_sentence(&e.text, rules), None),
                Kind::NoStart | Kind::NoStartWord | Kind::CutHead => (starts_mid_sentence(&e.text, rules), None),
                Kind::NoEnd => (crate::text::ends_open(&e.text, rules), None),
                Kind::OpenerWord => (r.keywords.iter().any(|w| e.text.starts_with(w.as_str())), None),
                Kind::ListMark => {
                    let (tail, head) = e.text.split_once('|').unwrap_or((&e.text, ""));
                    (crate::text::cut_list(tail, head, rules), None)
                }
                Kind::Enumerator => (crate::text::item_number(&e.text, rules).is_some_and(|(i, _)| rules.of(Kind::Enumerator).nth(i).is_some_and(|x| x.name == r.name)), None),
                Kind::NumberUnit => {
                    let (tail, head) = e.text.split_once('|').unwrap_or((&e.text, ""));
                    (crate::text::cut_number(tail, head, rules) == Some(true), None)
                }
                Kind::PairedMarks => {
                    let (tail, head) = e.text.split_once('|').unwrap_or((&e.text, ""));
                    (crate::text::MarkPairs::new(rules).continues(tail, head) == Some(true), None)
                }
                Kind::AuthorAffiliation => {
                    let matched = r.regex.as_ref().is_some_and(|re| re.is_match(&e.text));
                    (matched, Some(crate::classify::Furniture { authors: crate::classify::authors(&e.text, rules), ..Default::default() }))
                }
                k if k.uses_keywords() => (r.keywords.iter().any(|w| e.text.contains(w.as_str())), None),
                _ => {
                    let f = crate::classify::apply_rule(r, &e.text, rules);
                    (f.is_some(), f)
                }
            };
            let mut fail = |what: String| failures.push(format!("{} ({}): {:?}: {what}", r.name, r.source, e.text));
            if matched != e.matches {
                fail(if e.matches { "should match but does not".into() } else { "should not match but does".into() });
                continue;
            }
            let Some(f) = got else { continue };
            if let Some(a) = &e.authors {
                if &f.authors != a {
                    fail(format!("authors {:?}, expected {:?}", f.authors, a));
                }
            }
            if let Some(d) = &e.dateline {
                if f.dateline.as_ref() != Some(d) {
                    fail(format!("dateline {:?}, expected {d:?}", f.dateline));
                }
            }
            if let Some(b) = &e.byline {
                if f.byline.as_ref() != Some(b) {
                    fail(format!("byline {:?}, expected {b:?}", f.byline));
                }
            }
            if let Some(m) = &e.marker {
                if f.marker.as_ref() != Some(m) {
                    fail(format!("marker {:?}, expected {m:?}", f.marker));
                }
            }
        }
    }
    failures
}
