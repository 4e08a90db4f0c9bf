//! Stage 3: classify blocks with the rules: noise, headline, kicker, deck, byline, credit,
//! dateline, jump markers, intertitles and body text; pull bylines, datelines and jump
//! markers off the edges of body blocks.

use regex::Captures;
use serde::Serialize;

use crate::blocks::Block;
use crate::rules::{Kind, Rule, Rules};
use crate::text::{brackets_balanced, ends_sentence, is_han, starts_mid_sentence};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Noise,
    Headline,
    Kicker,
    Deck,
    Byline,
    Credit,
    Dateline,
    JumpTo,
    JumpFrom,
    Intertitle,
    Body,
}

impl Role {
    pub fn is_text(self) -> bool {
        matches!(self, Role::Body | Role::Intertitle)
    }
}

/// What a rule pulled out of a block: a byline and its parts, a dateline, a jump marker.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Furniture {
    pub byline: Option<String>,
    pub authors: Vec<String>,
    pub dateline: Option<String>,
    pub marker: Option<String>,
    /// The rule that found it.
    pub rule: Option<String>,
    /// The text it took off a text block, as printed (brackets and all), so that it can go
    /// to the leftovers whole.
    #[serde(skip)]
    pub printed: String,
}

/// A classified block.
#[derive(Debug, Clone)]
pub struct Classified {
    pub block: Block,
    pub role: Role,
    /// The rule (or heuristic) that decided the role.
    pub why: String,
    /// Furniture the whole block is (furniture roles only).
    pub furniture: Vec<Furniture>,
    /// Furniture pulled off the front of a text block (a byline prefix, a jump marker).
    pub front: Vec<Furniture>,
    /// Furniture pulled off the end of a text block (a bracketed dateline, a jump marker).
    pub back: Vec<Furniture>,
    /// Body text with the furniture removed; for furniture roles, the printed text.
    pub text: String,
    /// A headline-shaped line with no article text under it: it may be a headline printed
    /// after its body (kept as noise unless an article's content claims it).
    pub weak_headline: bool,
    /// A heading line that was wrapped from the line above it (same printed headline,
    /// unless the headers stage finds they belong to different articles).
    pub wraps_prev: bool,
}

/// Applies a whole-line rule of a kind; returns the rule and its captures.
pub(crate) fn whole<'r, 't>(rules: &'r Rules, kind: Kind, text: &'t str) -> Option<(&'r Rule, Captures<'t>)> {
    rules.of(kind).find_map(|r| {
        let re = r.regex.as_ref()?;
        let c = re.captures(text)?;
        let m = c.get(0)?;
        (m.start() == 0 && m.end() == text.len()).then_some((r, c))
    })
}

/// Applies a rule of a kind anywhere it matches.
fn find<'r, 't>(rules: &'r Rules, kind: Kind, text: &'t str) -> Option<(&'r Rule, Captures<'t>)> {
    rules.of(kind).find_map(|r| Some((r, r.regex.as_ref()?.captures(text)?)))
}

/// Names in a byline's `people` text: role words removed, split at spaces and list marks;
/// single characters printed spaced out (刘 艺) are put back together.
pub fn authors(people: &str, rules: &Rules) -> Vec<String> {
    let mut s = people.to_string();
    // (a paper or rank printed onto a role word goes with it: 某某日报记者 names no one)
    for r in rules.of(Kind::AuthorAffiliation) {
        if let Some(re) = &r.regex {
            s = re.replace_all(&s, " ").into_owned();
        }
    }
    if let Some(ac) = &rules.roles {
        s = ac.replace_all(&s, &vec![" "; rules.keywords(Kind::AuthorRole).len()]);
    }
    let mut parts: Vec<String> = Vec::new();
    // credit marks: 摄 closing a name (刘晨摄) or standing alone, 文 and 图 standing alone;
    // inside a name they are part of it (周文斌)
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，' | '/' | '／' | '(' | ')' | '（' | '）' | ':' | '：' | ';' | '；' | '|' | '丨'))
        .map(|t| t.strip_suffix('摄').unwrap_or(t))
        .filter(|t| !t.is_empty() && !matches!(*t, "文" | "图"))
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if t.chars().count() == 1 && i + 1 < tokens.len() && tokens[i + 1].chars().count() <= 2 {
            parts.push(format!("{}{}", t, tokens[i + 1]));
            i += 2;
            continue;
        }
        // names run together without a mark (雷某某吴某某): six or nine characters are read as
        // names of three, the commonest length; other lengths are ambiguous and dropped below
        let n = t.chars().count();
        let cs: Vec<char> = t.chars().collect();
        // five characters are names of two and three: the split is where a family name starts
        // the second, when only one of the two places has one
        let surname = |c: char| is_surname(c, rules);
        let five = (n == 5 && cs.iter().all(|&c| is_han(c))).then(|| [2, 3].into_iter().filter(|&k| surname(cs[k])).collect::<Vec<_>>()).filter(|at| at.len() == 1).map(|at| at[0]);
        if (n == 6 || n == 9) && t.chars().all(is_han) {
            parts.extend(cs.chunks(3).map(|c| c.iter().collect::<String>()));
        } else if let Some(k) = five {
            parts.push(cs[..k].iter().collect());
            parts.push(cs[k..].iter().collect());
        } else {
            parts.push(t.to_string());
        }
        i += 1;
    }
    // (a name of a minority people is its parts joined with a middle dot: 阿依努尔·买买提)
    for p in parts.iter_mut() {
        *p = p.trim_matches(['·', '•', '・']).to_string();
    }
    parts.retain(|p| {
        let n = p.chars().count();
        let dotted = p.contains(['·', '•', '・']);
        (if dotted { (3..=17).contains(&n) } else { (2..=4).contains(&n) }) && p.chars().all(|c| is_han(c) || matches!(c, '·' | '•' | '・'))
    });
    parts
}

/// Two characters alone in brackets, the first no common family name ((综文) after 本报讯): a
/// desk's or pen signature, not a person's name. A name in brackets is the whole of what the
/// brackets hold; with a role (记者 某某) it is a name whatever its family name.
fn desk_signature(caps: &Captures, rules: &Rules) -> bool {
    let (Some(whole), Some(people)) = (caps.get(0), caps.name("people")) else {
        return false;
    };
    let name = people.as_str().trim();
    let before = whole.as_str()[..people.start() - whole.start()].trim_end();
    let after = whole.as_str()[people.end() - whole.start()..].trim_start();
    name.chars().count() == 2 && name.chars().all(is_han) && name.chars().next().is_some_and(|c| !is_surname(c, rules)) && before.ends_with(['(', '（']) && after.starts_with([')', '）'])
}

/// Where a prefix rule's furniture ends: at its group `rest` when it has one (what the
/// pattern had to see after the furniture, the lead's first character, without taking it),
/// else at the end of its match.
fn prefix_end(caps: &Captures) -> usize {
    match caps.name("rest") {
        Some(rest) => rest.start(),
        None => caps.get(0).map_or(0, |m| m.end()),
    }
}

/// Does the text open with a byline or dateline prefix (a lead)?
fn opens_with_prefix(text: &str, rules: &Rules) -> bool {
    find(rules, Kind::BylinePrefix, text).is_some_and(|(_, caps)| caps.get(0).is_some_and(|m| m.start() == 0))
}

fn furniture_from(rule: &Rule, caps: &Captures, rules: &Rules) -> Furniture {
    let text = caps.get(0).map(|m| m.as_str()[..prefix_end(caps) - m.start()].trim()).unwrap_or("");
    let people = caps.name("people").map(|m| m.as_str()).unwrap_or("");
    let mut f = Furniture { rule: Some(rule.name.clone()), ..Default::default() };
    match rule.kind {
        Kind::BylinePrefix | Kind::BylineLine | Kind::Credit | Kind::NameLine => {
            f.byline = Some(text.trim_end_matches([':', '：']).trim().to_string());
            f.authors = authors(people, rules);
            if desk_signature(caps, rules) {
                f.authors.clear();
            }
            f.dateline = caps.name("dateline").map(|m| m.as_str().trim().to_string());
            if rule.kind == Kind::BylinePrefix && people.is_empty() {
                f.byline = None;
            }
        }
        Kind::BylineSuffix => {
            f.byline = Some(people.trim().to_string());
            f.authors = authors(people, rules);
            if desk_signature(caps, rules) {
                f.authors.clear();
            }
        }
        Kind::DatelineLine | Kind::DatelineSuffix => {
            f.dateline = caps.name("dateline").map(|m| m.as_str().trim().to_string()).or(Some(text.to_string()));
        }
        Kind::JumpTo | Kind::JumpFrom => {
            f.marker = caps.name("marker").map(|m| m.as_str().trim().to_string()).or(Some(text.to_string()));
        }
        _ => {}
    }
    f
}

/// What a rule of `kind` yields for one line of text, for rule examples and `--explain`.
pub fn apply_rule(rule: &Rule, text: &str, rules: &Rules) -> Option<Furniture> {
    let re = rule.regex.as_ref()?;
    let caps = re.captures(text)?;
    let m = caps.get(0)?;
    let anchored_whole = matches!(rule.kind, Kind::Noise | Kind::BylineLine | Kind::Credit | Kind::NameLine | Kind::DatelineLine | Kind::Deck | Kind::Kicker | Kind::Intertitle);
    if anchored_whole && !(m.start() == 0 && m.end() == text.len()) {
        return None;
    }
    Some(furniture_from(rule, &caps, rules))
}

/// Does the block look like a headline: short, not ending a sentence, balanced?
fn headline_shape(block: &Block, text: &str, rules: &Rules) -> bool {
    let n = text.chars().count();
    // each page line of it: a headline line has at most one clause mark (安全生产，何必等到
    // 检查), and is short then; enumeration commas (、) are common in headlines
    // (two boxes' headlines printed on one line, joined at a space, make a longer line, none of
    // its parts longer than a headline line, no clause mark in it)
    let joined = |line: &str| {
        let t = line.trim();
        t.chars().count() <= 2 * HEADLINE_LINE_MAX_CHARS && t.contains(char::is_whitespace) && !t.contains(CLAUSE_MARKS) && t.split_whitespace().all(|p| p.chars().count() <= HEADLINE_LINE_MAX_CHARS)
    };
    let line_shape = |line: &str| {
        let len = line.trim().chars().count();
        let clauses = line.chars().filter(|c| CLAUSE_MARKS.contains(c)).count();
        let enumerations = line.chars().filter(|&c| c == '、').count();
        (len <= HEADLINE_LINE_MAX_CHARS || joined(line)) && clauses <= 1 && (clauses == 0 || len <= HEADLINE_LINE_MAX_CHARS_WITH_CLAUSE) && clauses + enumerations < 3
    };
    ((2..=64).contains(&n) || (block.pieces.len() == 1 && joined(text)))
        && !ends_sentence(text, rules)
        && !starts_mid_sentence(text, rules)
        && !text.ends_with(['，', ',', '、', '：', ':', '；'])
        && brackets_balanced(text)
        && !text.contains('。')
        // (a line ending on a word no heading ends on, 的 or 在, is text cut mid-sentence)
        && !crate::text::ends_open(text, rules)
        && block.pieces.iter().all(|p| line_shape(&p.text))
        && find(rules, Kind::NotHeadline, text).is_none()
}

/// Marks that part a sentence's clauses: a headline line holds one at most.
const CLAUSE_MARKS: [char; 4] = ['，', ',', '；', ';'];

/// The longest page line read as a line of a headline, and the longest one with a clause
/// comma in it.
const HEADLINE_LINE_MAX_CHARS: usize = 48;
const HEADLINE_LINE_MAX_CHARS_WITH_CLAUSE: usize = 28;

/// Classifies every block of a page.
pub fn classify(blocks: Vec<Block>, rules: &Rules) -> Vec<Classified> {
    classify_with(blocks, rules, &[])
}

/// Why a short line is a headline by its shape alone (see [`crate::pieces`], which may read it
/// as text after all).
pub const SHAPED_HEADLINE: &str = "short line without sentence-final punctuation";

/// Why a headline-shaped line is text: see [`crate::pieces`].
pub const READ_AS_TEXT: &str = "headline-shaped, but the page reads it as a cell's cut end running on";

/// [`classify`], reading the blocks that start at the page lines `text_lines` as text even
/// where they are headline-shaped (see [`crate::pieces`]).
pub fn classify_with(blocks: Vec<Block>, rules: &Rules, text_lines: &[usize]) -> Vec<Classified> {
    let markdown = blocks.iter().any(|b| b.level > 0);
    let mut out: Vec<Classified> = blocks
        .into_iter()
        .map(|b| {
            let plain = b.pieces.first().is_some_and(|p| text_lines.contains(&p.line));
            let mut c = first_pass(b, rules, !markdown && !plain);
            if plain && c.role == Role::Body && c.why == "text" {
                c.why = READ_AS_TEXT.into();
            }
            c
        })
        .collect();
    context_pass(&mut out, rules, markdown);
    for c in out.iter_mut().filter(|c| c.role.is_text()) {
        strip_edges(c, rules);
    }
    split_heading_lines(out, rules)
}

/// Heading blocks of several page lines are split into one block a line: in hard-wrapped
/// text, headlines of different articles printed together unwrap into one block, and only
/// content can tell them apart. Lines keep a mark that they wrap the line above.
fn split_heading_lines(v: Vec<Classified>, rules: &Rules) -> Vec<Classified> {
    let mut out = Vec::with_capacity(v.len());
    for c in v {
        let heading = matches!(c.role, Role::Headline | Role::Kicker | Role::Deck) || c.weak_headline;
        if !heading || c.block.pieces.len() < 2 {
            out.push(c);
            continue;
        }
        for (k, p) in c.block.pieces.iter().enumerate() {
            let mut line = c.clone();
            line.block.pieces = vec![p.clone()];
            if k > 0 {
                line.block.gap_before = 0;
                line.block.level = 0;
                line.block.mark = None;
            }
            line.text = p.text.trim().to_string();
            // a line that is a byline, credit or dateline on its own is that furniture, and the
            // line after it wraps no heading (某台记者 某小华 | 贵县…: 华贵 across the break is
            // a word by chance)
            let furniture = [(Kind::BylineLine, Role::Byline), (Kind::Credit, Role::Credit), (Kind::DatelineLine, Role::Dateline)]
                .into_iter()
                .find_map(|(kind, role)| whole(rules, kind, &line.text).map(|(r, caps)| (role, r.name.clone(), furniture_from(r, &caps, rules))));
            let after_furniture = out.last().is_some_and(|o| matches!(o.role, Role::Byline | Role::Credit | Role::Dateline));
            if let Some((role, name, f)) = furniture {
                line.role = role;
                line.why = name;
                line.furniture = vec![f];
                line.weak_headline = false;
                line.wraps_prev = false;
                out.push(line);
                continue;
            }
            // a heading wrapped at its column's end splits a word or a phrase there (its first
            // line may end on 关于…); two headings printed one under the other do not
            // (增加|山区 is no word)
            line.wraps_prev = k > 0 && !after_furniture && {
                let before = c.block.pieces[k - 1].text.trim();
                let text = p.text.trim();
                crate::dict::spans_word(before, text) || crate::text::ends_open(before, rules) || crate::text::starts_mid_sentence(text, rules)
            };
            // personal names on the line under a headline are its byline (names of two or three
            // characters: two or more of them, or one that is no word of the dictionary)
            if k > 0 && !line.wraps_prev && c.role != Role::Deck {
                if let Some((r, caps)) = whole(rules, Kind::NameLine, &line.text) {
                    let f = furniture_from(r, &caps, rules);
                    let names = f.authors.len() >= 2 || f.authors.iter().all(|a| crate::dict::freq(a).is_none());
                    if names && !f.authors.is_empty() && f.authors.iter().all(|a| (2..=3).contains(&a.chars().count())) {
                        line.role = Role::Byline;
                        line.why = format!("{} (names under a headline)", r.name);
                        line.furniture = vec![f];
                        line.weak_headline = false;
                    }
                }
            }
            out.push(line);
        }
    }
    out
}

/// `shapes`: a headline-shaped line is a headline (not on a page whose headings are marked up).
fn first_pass(block: Block, rules: &Rules, shapes: bool) -> Classified {
    let text = block.text();
    let mk = |role: Role, why: &str, furniture: Vec<Furniture>| Classified {
        text: text.clone(),
        block: block.clone(),
        role,
        why: why.to_string(),
        furniture,
        front: vec![],
        back: vec![],
        weak_headline: false,
        wraps_prev: false,
    };
    for (kind, role) in [
        (Kind::Noise, Role::Noise),
        (Kind::JumpTo, Role::JumpTo),
        (Kind::JumpFrom, Role::JumpFrom),
        (Kind::DatelineLine, Role::Dateline),
        (Kind::Credit, Role::Credit),
        (Kind::BylineLine, Role::Byline),
        (Kind::Deck, Role::Deck),
    ] {
        if let Some((r, caps)) = whole(rules, kind, &text) {
            return mk(role, &r.name, vec![furniture_from(r, &caps, rules)]);
        }
    }
    // a byline prefix with no text after it: the lead paragraph starts on the next line, or
    // the byline stands apart (本报某地1月2日电（记者某某）)
    let prefix = find(rules, Kind::BylinePrefix, &text);
    if let Some((r, caps)) = &prefix {
        let m = caps.get(0).expect("group 0");
        if m.start() == 0 && m.end() == text.len() && caps.name("people").is_some_and(|p| !p.as_str().trim().is_empty()) {
            return mk(Role::Byline, &r.name, vec![furniture_from(r, caps, rules)]);
        }
    }
    if block.level > 0 && block.level <= 2 {
        return mk(Role::Headline, "markdown heading", vec![]);
    }
    if block.level >= 3 {
        return mk(Role::Intertitle, "markdown subheading", vec![]);
    }
    if let Some((r, _)) = whole(rules, Kind::Intertitle, &text) {
        return mk(Role::Intertitle, &r.name, vec![]);
    }
    // (a line that opens with a byline or dateline prefix is a lead, however short)
    if shapes && !block.runs_on && headline_shape(&block, &text, rules) && prefix.is_none() {
        return mk(Role::Headline, SHAPED_HEADLINE, vec![]);
    }
    mk(Role::Body, "text", vec![])
}

/// Does a common family name (rules of kind `surname`) start with this character?
pub(crate) fn is_surname(c: char, rules: &Rules) -> bool {
    rules.keywords(Kind::Surname).iter().any(|k| k.chars().eq(std::iter::once(c)))
}

/// The text opens on a common family name (rules of kind `surname`).
fn opens_on_surname(text: &str, rules: &Rules) -> bool {
    text.chars().next().is_some_and(|c| is_surname(c, rules))
}

fn next_non_noise(v: &[Classified], i: usize) -> Option<usize> {
    (i + 1..v.len()).find(|&j| v[j].role != Role::Noise)
}

fn prev_non_noise(v: &[Classified], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| v[j].role != Role::Noise)
}

/// A column's name: a line of a kicker's or a page section's shape (读者来信, 某某中国年).
pub(crate) fn column_name_like(text: &str, rules: &Rules) -> bool {
    whole(rules, Kind::Kicker, text).is_some() || whole(rules, Kind::PageHead, text).is_some()
}

/// The rule that reads a page's folio (第3版), which tells that the page's first lines are its
/// head.
const FOLIO_RULE: &str = "page-folio";

fn context_pass(v: &mut [Classified], rules: &Rules, markdown: bool) {
    // the page head: a section name printed next to the folio, before any article text
    // (a text layer may print the folio anywhere on the page: pdfminer reads it with the
    // column it stands over)
    let head: Vec<usize> = (0..v.len()).take_while(|&i| !v[i].role.is_text()).take(4).collect();
    let head_noise = head.iter().any(|&i| v[i].role == Role::Noise);
    let folio = || v.iter().any(|b| b.role == Role::Noise && b.why == FOLIO_RULE);
    if !head_noise && head.len() >= 2 && v[head[0]].role == Role::Headline && v[head[1]].role != Role::Byline && folio() {
        // (the folio elsewhere: the page's first line alone, over another heading)
        if let Some((r, _)) = whole(rules, Kind::PageHead, &v[head[0]].text) {
            v[head[0]].role = Role::Noise;
            v[head[0]].why = r.name.clone();
        }
    } else if head_noise {
        for &i in &head {
            // (a name with a byline under it heads an article: 某某录 / ◆某某)
            let over_byline = next_non_noise(v, i).is_some_and(|n| v[n].role == Role::Byline);
            if v[i].role != Role::Noise && !over_byline {
                if let Some((r, _)) = whole(rules, Kind::PageHead, &v[i].text) {
                    v[i].role = Role::Noise;
                    v[i].why = r.name.clone();
                    // a page names one section: a second short name in its head (社会 | 第6版
                    // | 某某实话) is the kicker of the article under it
                    break;
                }
            }
        }
    }
    // a short line that asks or exclaims (你准备好了吗？, 春天来了！) over a byline or a lead
    // that opens with one, at the head of the page or after a finished paragraph, is a headline:
    // a paragraph of one exclamation has no byline under it
    if !markdown {
        for i in 0..v.len() {
            let c = &v[i];
            let text = c.text.trim();
            let n = text.chars().count();
            let asks = text.ends_with(['？', '?', '！', '!']) && !text.contains(['。', '；', ';']);
            if c.role != Role::Body || c.why != "text" || c.block.pieces.len() != 1 || !(4..=HEADLINE_LINE_MAX_CHARS_WITH_CLAUSE).contains(&n) || !asks || !brackets_balanced(text) {
                continue;
            }
            let after_end = prev_non_noise(v, i).is_none_or(|p| !v[p].role.is_text() || ends_sentence(&v[p].text, rules));
            let over_byline = next_non_noise(v, i).is_some_and(|n| v[n].role == Role::Byline || (v[n].role == Role::Body && opens_with_prefix(&v[n].text, rules)));
            if after_end && over_byline {
                v[i].role = Role::Headline;
                v[i].why = "a question or exclamation over a byline".into();
            }
        }
    }
    // names under the last sentence of a text block, two or more of them: a trailing byline
    // (one name alone is one too when no text follows it: the last line of the page or of a
    // run of text before a header; or when it is no word and opens on a family name). On a
    // page whose headlines are marked up a short line is text by its shape; the names are
    // read there too.
    for i in 1..v.len() {
        let several = v[i].text.trim().contains([' ', '\u{3000}', '、']);
        let last_text = || next_non_noise(v, i).is_none_or(|n| matches!(v[n].role, Role::Headline | Role::Kicker | Role::Deck));
        let shaped = v[i].role == Role::Headline || (markdown && v[i].role == Role::Body && v[i].why == "text");
        // (with text after it, only a name: two or three characters opening on a common family
        // name and no dictionary word, which a cell cut that short seldom is)
        let text = v[i].text.trim();
        let lone_name = || (2..=3).contains(&text.chars().count()) && opens_on_surname(text, rules) && crate::dict::freq(text).is_none();
        // (one name alone over a header opens on a family name too: a column's name over its
        // headline, 某言录, is its kicker)
        let lone_last = || last_text() && (next_non_noise(v, i).is_none() || opens_on_surname(text, rules));
        if !shaped || v[i].block.level > 0 || !(several || lone_last() || lone_name()) {
            continue;
        }
        let after_text = prev_non_noise(v, i).is_some_and(|p| v[p].role == Role::Body && ends_sentence(&v[p].text, rules));
        if after_text {
            if let Some((r, caps)) = whole(rules, Kind::NameLine, &v[i].text) {
                let f = furniture_from(r, &caps, rules);
                // personal names of two or three characters (寒潮来袭 气温骤降 is a headline)
                let names = if several { f.authors.len() >= 2 } else { f.authors.len() == 1 };
                if names && f.authors.iter().all(|a| a.chars().count() <= 3) {
                    v[i].role = Role::Byline;
                    v[i].why = format!("{} (names under the last sentence)", r.name);
                    v[i].furniture = vec![f];
                }
            }
        }
    }
    // a photo credit set with the byline's mark right under a headline is the byline of a
    // photo story (◆某社 某某 摄): the headline heads the text after it. So is one set with
    // the headline, on the line right under it with no blank line between, on a page that
    // sets its blocks apart with blank lines (a PDF text layer prints no mark)
    for i in 0..v.len() {
        let under = prev_non_noise(v, i).filter(|&p| v[p].role == Role::Headline);
        let apart = under.is_some_and(|p| v[p].block.gap_before > 0) || next_non_noise(v, i).is_some_and(|n| v[n].block.gap_before > 0);
        let set_with = under == i.checked_sub(1) && v[i].block.gap_before == 0 && apart;
        if v[i].role == Role::Credit && (v[i].block.mark.is_some() || set_with) && under.is_some() {
            v[i].role = Role::Byline;
            v[i].why = format!("{} (marked as a byline, under a headline)", v[i].why);
        }
    }
    // a bare name line right under a headline is its byline; a bulleted short name anywhere
    for i in 0..v.len() {
        if v[i].role != Role::Body && v[i].role != Role::Headline {
            continue;
        }
        let prev = prev_non_noise(v, i);
        let under_headline = prev.is_some_and(|p| v[p].role == Role::Headline);
        // names alone over a lead, at the head of the page or after a finished paragraph, are
        // its byline (its headline printed elsewhere) when they start with common family
        // names: a short headline or kicker (某言录) seldom does. Of two or three names of two
        // or three characters one is enough (宋某某 仝某: rarer family names are many)
        let named = || {
            let names: Vec<&str> = v[i].text.split([' ', '、', '\u{3000}']).filter(|t| !t.is_empty()).collect();
            let surnamed = names.iter().filter(|t| opens_on_surname(t, rules)).count();
            if names.len() > 1 {
                surnamed >= 1 && names.iter().all(|t| t.chars().count() <= 3)
            } else {
                surnamed == names.len()
            }
        };
        let over_lead = v[i].role == Role::Headline
            && prev.is_none_or(|p| v[p].role == Role::Body && ends_sentence(&v[p].text, rules))
            && next_non_noise(v, i).is_some_and(|n| v[n].role == Role::Body && !starts_mid_sentence(&v[n].text, rules))
            && named();
        // (not under a headline, though: a lone unmarked short line between two headlines is
        // the lower one's kicker, a column's name such as 某言录, and a line under a column's
        // name, a kicker's or a section's shape (见闻随笔 | 某谈录), is the headline it stands over)
        let lone = v[i].block.mark.is_none() && !v[i].text.trim().contains([' ', '、', '\u{3000}']);
        // (unless the page sets its blocks apart with blank lines and the line is set with the
        // headline over it, apart from the one under it: the byline of the headline it is under)
        let next = next_non_noise(v, i);
        let set_with_above = under_headline && prev == i.checked_sub(1) && v[i].block.gap_before == 0 && next.is_some_and(|n| v[n].block.gap_before > 0);
        let not_a_name = lone && !set_with_above && (next.is_some_and(|n| v[n].role == Role::Headline) || prev.is_some_and(|p| column_name_like(&v[p].text, rules)));
        // (a bulleted short line in the text is an intertitle unless it opens on a family name)
        if (under_headline && !not_a_name) || over_lead || (v[i].block.mark.is_some() && named()) {
            if let Some((r, caps)) = whole(rules, Kind::NameLine, &v[i].text) {
                let f = furniture_from(r, &caps, rules);
                v[i].role = Role::Byline;
                v[i].why = r.name.clone();
                v[i].furniture = vec![f];
            }
        }
    }
    // on a page whose headlines are marked up, an unmarked line right under a marked headline,
    // shaped like a headline in phrases parted by a space (a deck of two lines, scraped onto
    // one) and over more of the article, is its deck (第一张《某证》 送到某村“某屋”); a
    // text piece cut short under a headline has no such space
    if markdown {
        for i in 0..v.len() {
            let c = &v[i];
            if c.role != Role::Body || c.why != "text" || c.block.level > 0 || c.block.mark.is_some() || c.block.pieces.len() != 1 {
                continue;
            }
            let under_marked = prev_non_noise(v, i).is_some_and(|p| v[p].role == Role::Headline && (1..=2).contains(&v[p].block.level));
            let over_text = next_non_noise(v, i).is_some_and(|n| matches!(v[n].role, Role::Body | Role::Byline | Role::Dateline));
            // a lead cut short that opens with its dateline (新华社 某某) is spaced too
            let dated = opens_with_prefix(&c.text, rules);
            if under_marked && over_text && !dated && crate::blocks::spaced_phrases(&c.text) && headline_shape(&c.block, &c.text, rules) {
                v[i].role = Role::Deck;
                v[i].why = "unmarked headline-shaped line under a marked headline".into();
            }
        }
    }
    // markdown subheadings: a kicker above a headline, a headline above a byline, else an intertitle
    for i in 0..v.len() {
        if v[i].block.level < 3 {
            continue;
        }
        if let Some(j) = next_non_noise(v, i) {
            if v[j].role == Role::Body && v[j].block.level == 0 {
                if let Some((r, caps)) = whole(rules, Kind::NameLine, &v[j].text) {
                    let f = furniture_from(r, &caps, rules);
                    v[j].role = Role::Byline;
                    v[j].why = r.name.clone();
                    v[j].furniture = vec![f];
                }
            }
        }
        match next_non_noise(v, i).map(|j| (v[j].role, v[j].block.level)) {
            Some((Role::Headline, l)) if l > 0 && l < v[i].block.level => {
                v[i].role = Role::Kicker;
                v[i].why = "subheading above a headline".into();
            }
            Some((Role::Byline, _)) => {
                v[i].role = Role::Headline;
                v[i].why = "subheading above a byline".into();
            }
            _ => {}
        }
    }
    // a headline-shaped line that opens on a number's unit (间阅览室……) where the last text
    // before it, a header or two up, ends on the number (设有12): the foot of that text's
    // column, read under the next box's header. No headline opens so.
    if !markdown {
        for i in 1..v.len() {
            if v[i].role != Role::Headline || v[i].why != SHAPED_HEADLINE {
                continue;
            }
            let above = (i.saturating_sub(NUMBER_FOOT_REACH)..i).rev().find(|&p| v[p].role.is_text());
            let header_between = |p: usize| (p + 1..i).all(|k| matches!(v[k].role, Role::Noise | Role::Headline | Role::Kicker | Role::Deck | Role::Byline));
            if above.is_some_and(|p| header_between(p) && crate::text::cut_number(&v[p].text, &v[i].text, rules) == Some(true)) {
                v[i].role = Role::Body;
                v[i].why = "headline-shaped, but opens on the unit of a number the text above ends on".into();
            }
        }
    }
    // plain headline candidates need article text (or its furniture) after them
    if !markdown {
        for i in (0..v.len()).rev() {
            if v[i].role != Role::Headline {
                continue;
            }
            let ok = match next_non_noise(v, i) {
                None => false,
                Some(j) => match v[j].role {
                    Role::Body
                        if (clause_cut_into(&v[i].text, &v[j].text) || indent_cut_into(v, i, j) || first_line_over_its_paragraph(v, i, j, rules))
                            && v[i].text.chars().count() <= column_width(v, i) =>
                    {
                        v[i].role = Role::Body;
                        v[i].why = "headline-shaped, but cut mid-word into the text under it".into();
                        continue;
                    }
                    Role::Body => !starts_mid_sentence(&v[j].text, rules),
                    Role::Headline | Role::Byline | Role::Deck | Role::Dateline | Role::JumpFrom | Role::Kicker => true,
                    _ => false,
                },
            };
            // a paragraph's first line at a column's foot, short by the indent, the text going on
            // at the next column's head mid-sentence after a folio or another furniture line
            // (……有限公司 | 本版编辑 某某部 | 的数据显示……): text, not a stray label
            let foot =
                || v[i].block.pieces.len() == 1 && short_by_an_indent(v, i) && next_non_noise(v, i).is_some_and(|j| j > i + 1 && v[j].role == Role::Body && starts_mid_sentence(&v[j].text, rules));
            if !ok && foot() {
                v[i].role = Role::Body;
                v[i].why = "headline-shaped, but a paragraph's first line that the text after the furniture goes on from".into();
                continue;
            }
            if !ok {
                // not followed by an article: a box line or stray label
                v[i].role = Role::Noise;
                v[i].why = "short line not followed by article text".into();
                v[i].weak_headline = true;
            }
        }
    }
    // a run of headlines: a kicker-shaped first one is the kicker
    for i in 0..v.len() {
        if v[i].role == Role::Headline {
            if let Some(j) = next_non_noise(v, i) {
                if v[j].role == Role::Headline && whole(rules, Kind::Kicker, &v[i].text).is_some() {
                    v[i].role = Role::Kicker;
                    v[i].why = "kicker-shaped line above a headline".into();
                }
            }
        }
    }
}

/// How many blocks above a headline-shaped line the text whose number it may complete can
/// stand (that text, then a header of a line or two between).
const NUMBER_FOOT_REACH: usize = 4;

/// Is a headline-shaped line with a clause in it (某某，某某) text cut mid-word into the
/// text under it: does the likeliest reading of the characters around the break put a word
/// across it (我们这些年住在这|里过得很好)? A headline of two clauses ends on a whole word.
fn clause_cut_into(line: &str, next: &str) -> bool {
    line.contains(['，', ',']) && crate::dict::spans_word(line, next)
}

/// The widest page line of the text blocks near block `i` (three either side), in
/// characters: a line of a column of text is no wider, a headline set over the column is.
fn column_width(v: &[Classified], i: usize) -> usize {
    widest_near(v, i, |t| t.chars().count())
}

/// The widest page line of the text blocks near block `i` (three either side), by `width`.
fn widest_near(v: &[Classified], i: usize, width: impl Fn(&str) -> usize) -> usize {
    let near = i.saturating_sub(3)..(i + 4).min(v.len());
    near.filter(|&k| k != i && v[k].role == Role::Body).map(|k| widest_line(&v[k], &width)).max().unwrap_or(0)
}

/// The widest page line of a block, by `width`.
fn widest_line(c: &Classified, width: impl Fn(&str) -> usize) -> usize {
    c.block.pieces.iter().map(|p| width(p.text.trim())).max().unwrap_or(0)
}

/// A paragraph's first line that a text layer set apart from the rest of its paragraph (an
/// indented line starts at another x: pdfminer boxes it alone), short of the column by its
/// indent and cut inside a word that the text under it finishes (……为书 | 写主题……).
fn indent_cut_into(v: &[Classified], i: usize, j: usize) -> bool {
    v[i].block.pieces.len() == 1 && short_by_an_indent(v, i) && crate::dict::spans_word(&v[i].text, &v[j].text)
}

/// A paragraph's first line boxed alone (pdfminer), short of the column by its indent, under
/// a finished paragraph and over the rest of its own: a block that opens on a full line of the
/// column (less than an indent short of its widest line: a number or a quotation mark narrows
/// a full line), or the paragraph's last line, no dateline or byline before it. The column is
/// measured on the paragraphs either side of the line: another box near may be set wider. A
/// lead under a headline opens short by its indent, or on its dateline; a headline read
/// between two lines of a column follows one cut off. (The page's folio may stand between,
/// read at the column's foot.) Under a header, the lead's first line boxed alone reads on
/// into the rest of the lead as no deck does.
fn first_line_over_its_paragraph(v: &[Classified], i: usize, j: usize, rules: &Rules) -> bool {
    let Some(first) = v[j].block.pieces.first() else { return false };
    // the column is that of the paragraphs either side, when they have lines enough to show it
    // (the text near may be another box's, set wider); the line is shorter than the widest
    // line near, in case numbers narrow the paragraphs' lines
    let above = prev_non_noise(v, i);
    let widest = |k: Option<usize>| k.filter(|&k| v[k].block.pieces.len() >= 2).map(|k| widest_line(&v[k], crate::text::width));
    let own = widest(above.filter(|&p| v[p].role == Role::Body)).max(widest(Some(j)));
    let near = widest_near(v, i, crate::text::width);
    let column = own.unwrap_or(near);
    let full = crate::text::width(first.text.trim()) + 4 > column;
    let last_line = v[j].block.pieces.len() == 1 && crate::text::ends_sentence(&first.text, rules);
    let shape = v[i].block.pieces.len() == 1 && ((v[j].block.pieces.len() >= 2 && full) || last_line) && v[j].front.is_empty() && short_by(v, i, column);
    if !shape {
        return false;
    }
    let narrow = crate::text::width(v[i].text.trim()) + 2 <= column.max(near);
    let Some(reads_on) = crate::hmm::reads_on_text(&v[i].text, &first.text) else { return false };
    let above_finished = above.is_some_and(|p| v[p].role == Role::Body && crate::text::ends_sentence(&v[p].text, rules));
    let under_header = above.is_some_and(|p| matches!(v[p].role, Role::Headline | Role::Kicker | Role::Deck | Role::Byline));
    // (a line with a clause mark in it is seldom a headline: less evidence will do)
    let needed = if !narrow {
        FIRST_LINE_READS_ON_FULL
    } else if v[i].text.contains(['，', '、', '；', ',', ';']) {
        FIRST_LINE_READS_ON_CLAUSE
    } else {
        FIRST_LINE_READS_ON
    };
    (above_finished || (under_header && reads_on > FIRST_LINE_READS_ON_UNDER_HEADER)) && reads_on > needed
}

/// Nats by which a paragraph's first line boxed alone and the text under it must read likelier
/// as one text than as two ([`crate::hmm::reads_on`]): a headline over its lead reads as two
/// (社区图书馆延时开放受到欢迎 | 社区图书馆每天…: 0.0), a line cut between two words of a clause as
/// one (此次某医疗队集结了 | 知名专家…: 0.3).
const FIRST_LINE_READS_ON: f64 = 0.2;

/// The same for a line as wide as the column, as a paragraph's first line set without an
/// indent is, cut inside a name (……服务队队长李 | 立平为……: 2.9; headlines as wide over their
/// leads read 1.2 at most on the generated PDF pages).
const FIRST_LINE_READS_ON_FULL: f64 = 2.0;

/// The same for a line with a clause mark in it (某区团委、某区住 | 建局也……: -0.4).
const FIRST_LINE_READS_ON_CLAUSE: f64 = -0.5;

/// The same for a line right under a header, where a deck may stand: the lead's first line
/// reads on strongly (由某电视台与某国际 | 集团联合主办……; the development pages' leads read 2.2).
const FIRST_LINE_READS_ON_UNDER_HEADER: f64 = 1.5;

/// Is block `i`'s line as wide as the column of the text around it, or short of it by an indent
/// (in half-width cells: digits and Latin letters are set narrow)?
fn short_by_an_indent(v: &[Classified], i: usize) -> bool {
    short_by(v, i, widest_near(v, i, crate::text::width))
}

/// Is block `i`'s line as wide as `column` (half-width cells), or short of it by an indent?
fn short_by(v: &[Classified], i: usize, column: usize) -> bool {
    let w = crate::text::width(v[i].text.trim());
    w <= column + 1 && w + 2 * FOOT_INDENT_SLACK >= column
}

/// Characters a paragraph's first line at a column's foot may fall short of the column (twice
/// as many half-width cells): an indent of two, and one for punctuation squeezed.
const FOOT_INDENT_SLACK: usize = 3;

/// Pulls byline/dateline prefixes, jump markers and dateline suffixes off a body block.
fn strip_edges(c: &mut Classified, rules: &Rules) {
    if let Some((r, caps)) = find(rules, Kind::JumpFrom, &c.text) {
        let m = caps.get(0).expect("group 0");
        if m.start() == 0 && m.end() < c.text.len() {
            let mut f = furniture_from(r, &caps, rules);
            f.printed = c.text[..m.end()].trim().to_string();
            c.text = c.text[m.end()..].trim_start().to_string();
            c.front.push(f);
        }
    }
    if let Some((r, caps)) = find(rules, Kind::BylinePrefix, &c.text) {
        let m = caps.get(0).expect("group 0");
        let end = prefix_end(&caps);
        if m.start() == 0 && end < c.text.len() {
            let mut f = furniture_from(r, &caps, rules);
            f.printed = c.text[..end].trim().to_string();
            c.text = c.text[end..].trim_start().to_string();
            c.front.push(f);
        }
    }
    if let Some((r, caps)) = find(rules, Kind::BylineSuffix, &c.text) {
        let m = caps.get(0).expect("group 0");
        let cut = caps.name("sep").map_or(m.start(), |s| s.start());
        if m.end() == c.text.len() && cut > 0 {
            let mut f = furniture_from(r, &caps, rules);
            f.printed = c.text[cut..].trim().to_string();
            c.text = c.text[..cut].trim_end().to_string();
            c.back.push(f);
        }
    }
    for kind in [Kind::JumpTo, Kind::DatelineSuffix] {
        if let Some((r, caps)) = find(rules, kind, &c.text) {
            let m = caps.get(0).expect("group 0");
            if m.end() == c.text.len() && m.start() > 0 {
                let mut f = furniture_from(r, &caps, rules);
                f.printed = c.text[m.start()..].trim().to_string();
                c.text = c.text[..m.start()].trim_end().to_string();
                c.back.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Page;

    /// A finished sentence of text, for the tests' pages.
    const SENTENCE: &str = "这一天，图书馆共接待读者三百多人次，秩序井然。";

    fn roles(text: &str) -> Vec<(Role, String)> {
        let rules = Rules::embedded();
        let page = Page::from_text(text);
        let layout = crate::blocks::detect_layout(&page, &rules);
        classify(crate::blocks::blocks(&page, &rules, layout), &rules).into_iter().map(|c| (c.role, c.text)).collect()
    }

    #[test]
    fn the_folio_rule_the_page_head_relies_on_is_among_the_rules() {
        assert!(Rules::embedded().of(Kind::Noise).any(|r| r.name == FOLIO_RULE), "rename FOLIO_RULE with the rule");
    }

    #[test]
    fn the_section_name_atop_a_page_whose_folio_stands_elsewhere_is_the_page_head() {
        // a text layer that reads the folio with a column further down: the page's first line
        // is still its section's name, and the short line under it the kicker of the first
        // article, not a name under a headline
        let column = ["某市今年新建了三座社区图书馆，", "每座图书馆都配有阅览室和电子", "阅读设备，藏书总量达到两万多", "册，开放时间从早上八点到晚上", "八点，方便附近居民借阅图书。"];
        let page = ["民生", "", "百姓说事", "", "社区图书馆方便了居民", "赵某某", ""].into_iter().chain(column).chain(["", "第3版", ""]).chain(column).collect::<Vec<_>>().join("\n");
        let got = roles(&page);
        assert_eq!(got[0], (Role::Noise, "民生".to_string()), "{got:#?}");
        assert_eq!(got[1], (Role::Kicker, "百姓说事".to_string()), "{got:#?}");
        assert_eq!(got[3], (Role::Byline, "赵某某".to_string()), "{got:#?}");
    }

    #[test]
    fn a_page_head_names_one_section_and_a_second_short_name_is_a_kicker() {
        // the section's name over the folio, then the first article's column name over its
        // headline: the page has one section, and the second name is that article's kicker
        let got = roles("社会\n\n第6版\n\n百姓说事\n\n某县新建十座农家书屋\n\n本报讯（记者 赵甲）某县今年新建农家书屋十座，每座藏书两千册以上，村民借书不出村。\n");
        assert_eq!(got[0], (Role::Noise, "社会".to_string()), "{got:#?}");
        assert_eq!(got[2], (Role::Kicker, "百姓说事".to_string()), "{got:#?}");
    }

    #[test]
    fn a_short_name_between_headlines_or_under_a_column_name_is_no_byline() {
        // a headline printed after its body, then the next article's column name and headline:
        // the column name is no byline of the headline above it, nor is the headline under it
        // a byline of the column name
        let page = "本报讯 某区图书馆从本月起每天开放到晚上九点，方便上班族下班后来借书，夜间阅览室每晚都坐满了读者。\n\n\
            某区图书馆延长开放时间\n\n见闻随笔\n\n街谈录\n\n\
            前几天我走进某市一家商场，只见营业大厅空空荡荡，几个柜台都不见营业员，顾客只好自己去找。\n\n某市驻军 钱丙\n";
        let got = roles(page);
        for name in ["见闻随笔", "街谈录"] {
            assert!(got.iter().any(|(r, t)| t == name && *r != Role::Byline), "{got:#?}");
        }
        // (a name right under a headline over its lead is its byline)
        let got = roles("某区图书馆延长开放时间\n\n钱丙丁\n\n本报讯 某区图书馆从本月起每天开放到晚上九点，方便上班族下班后来借书。\n");
        assert_eq!(got[1], (Role::Byline, "钱丙丁".to_string()), "{got:#?}");
    }
    /// A column of finished text seven lines long, 17 characters wide.
    const COLUMN: [&str; 7] = [
        "某市今年新建了三座社区图书馆，每座",
        "图书馆都配有阅览室和电子阅读设备，",
        "藏书总量达到两万多册，开放时间从早",
        "上八点到晚上八点，方便附近居民就近",
        "借阅图书。图书馆还定期举办读书会和",
        "讲座，邀请作家和专家为居民讲课，吸",
        "引了许多居民和学生参加。",
    ];

    /// The role of the line `line` on the page of `parts` (a headline, then lines and blank
    /// lines), each part a line.
    fn role_of(parts: &[&[&str]], line: &str) -> Role {
        let page: Vec<&str> = std::iter::once("某市社区图书馆建成开放").chain(parts.iter().flat_map(|p| p.iter().copied())).collect();
        let got = roles(&page.join("\n"));
        got.iter().find(|(_, t)| t == line).unwrap_or_else(|| panic!("{line} in {got:#?}")).0
    }

    #[test]
    fn a_paragraphs_first_line_at_a_columns_foot_over_the_folio_is_text() {
        // the column's last line opens a paragraph (short by its indent); the extractor reads
        // the page's folio next, then the next column, which goes on mid-sentence
        let next = ["的数据显示，今年以来全市图书馆共接", "待读者三十多万人次，同比增长两成，", "借阅图书五十多万册，创历年新高。各", "图书馆还推出了延时服务和预约借书，", "受到居民欢迎。"];
        let line = "来自某某市文化和旅游局官方网站";
        assert_eq!(role_of(&[&COLUMN, &[line, "", "本版编辑 某某部", ""], &next], line), Role::Body);
    }

    #[test]
    fn a_paragraphs_first_line_boxed_alone_and_cut_inside_a_word_is_text() {
        // pdfminer boxes an indented first line apart from the rest of its paragraph: short
        // by the indent, unpunctuated, it looks like a headline, but the text under it
        // finishes its last word (为书 | 写)
        let rest =
            ["写主题，在全市开展了读书分享、图书", "和名家讲座等活动，吸引了许多市民和", "学生参加。今年以来全市图书馆共接待", "读者三十多万人次，同比增长两成，借", "阅图书五十多万册，创历年新高。"];
        let line = "第二届读书节以“书香某城”为书";
        assert_eq!(role_of(&[&[""], &COLUMN, &["", line, ""], &rest], line), Role::Body);
    }

    #[test]
    fn a_paragraphs_first_line_boxed_alone_over_the_rest_of_its_clause_is_text() {
        // pdfminer boxes an indented first line apart from the rest of its paragraph, cut
        // between two words of one clause (集结了 | 知名……): the box under it opens on a full
        // line and reads on from it. A headline over its lead reads as two texts.
        let rest = ["知名专家、护士和医学院的学生二十多", "人，为当地群众提供了义诊、咨询和药", "品等服务，受到了干部群众的欢迎。"];
        let line = "此次赴某地服务的医疗队集结了";
        assert_eq!(role_of(&[&[""], &COLUMN, &["", line, ""], &rest], line), Role::Body);
        // (the box under it opening on a line a number narrows is as full)
        let rest = ["知名专家、护士和医学院的学生20多", "人，为当地群众提供了义诊、咨询和药", "品等服务，受到了干部群众的欢迎。"];
        assert_eq!(role_of(&[&[""], &COLUMN, &["", line, ""], &rest], line), Role::Body);
        // (or over the paragraph's last line)
        assert_eq!(role_of(&[&[""], &COLUMN, &["", line, ""], &["知名专家和医学院学生二十多人。"]], line), Role::Body);
        // (a line with a clause mark in it takes less: cut inside a name the dictionary lacks)
        let line = "某某市某某新区团委、某某区住";
        let rest = ["建局也联合举办了全区中学生写作技能", "竞赛，二十名选手参加作文、演讲等项", "目的角逐，最终评出了各项一二等奖。"];
        assert_eq!(role_of(&[&[""], &COLUMN, &["", line, ""], &rest], line), Role::Body);
        // (right under a header, the lead's first line reads on as strongly as no deck does)
        let line = "由某某省某某电视台与某某国际";
        let rest = ["集团联合主办的“某某杯全省中学生编", "程大赛”日前已在某市闭幕，九件作品", "分获一、二、三等奖。"];
        assert_eq!(role_of(&[&[""], &COLUMN, &["", "某某杯编程大赛颁奖", "", line, ""], &rest], line), Role::Body);
        let lead = ["社区图书馆每天开放到晚上九点，增设", "了自习区域，读者都称赞“夜间书房”方", "便又安静，上班族下班后都来这里。"];
        let headline = "社区图书馆延时开放受到读者欢迎";
        assert_eq!(role_of(&[&[""], &COLUMN, &["", headline, ""], &lead], headline), Role::Headline);
    }

    #[test]
    fn a_first_line_boxed_alone_is_measured_in_cells_not_characters() {
        // the column's lines hold numbers (2023年增长11.5%，达12.5%， counts twenty characters
        // but is set as wide as thirteen Han characters): the line boxed alone, short of the
        // column by its indent in width, is text that its next box finishes (全 | 国)
        let column = [
            "某市今年新建三座社区图书",
            "馆，每座图书馆都配有阅览",
            "室，藏书比前年增长1.1%，",
            "2023年增长11.5%，达12.5%，",
            "开放时间从早上八点到晚上",
            "八点，方便附近居民借阅。",
            "图书馆还定期举办读书会，",
            "吸引了许多居民和学生。",
        ];
        let rest = ["国读书工作会议交流会上，", "某市图书馆介绍了今年的做", "法，吸引了许多同行学习。", "今年以来全市图书馆共接待", "读者三十多万人次。"];
        let line = "在当天举行的2019年全";
        assert_eq!(role_of(&[&[""], &column, &["", line, ""], &rest], line), Role::Body);
    }

    #[test]
    fn a_first_line_is_measured_against_its_own_column_not_a_wider_box_near() {
        // a narrow column: a finished paragraph, the page's folio, then the next paragraph's
        // first line (short by its indent) at the next column's head, the text going on from
        // it; another box's wider column stands a few blocks on, and measured against it the
        // line would be too short for a first line
        let above = ["某市今年新建了三座社区图书", "馆，每座图书馆都配有阅览室", "和电子阅读设备，藏书总量达", "到两万多册。"];
        let line = "第3届读书节获奖者王小兰";
        let rest = ["在颁奖之后激动地向台下挥手。", "“这次读书节让我认识了很多", "同样爱读书的朋友。”"];
        let wide = ["某区今年新建了五座社区图书馆，每座图书馆", "都配有阅览室和电子阅读设备，藏书总量达到", "三万多册，方便附近居民借阅。"];
        assert_eq!(role_of(&[&[""], &above, &["", "本版编辑 某某部", "", line], &rest, &["", "某区社区图书馆开放", ""], &wide], line), Role::Body);
    }

    #[test]
    fn a_paragraphs_first_line_set_without_an_indent_is_text_when_it_reads_on() {
        // two columns of a hard-wrapped page (numbers narrow a line), then a paragraph whose
        // first line is as wide as the column (its indent lost), unpunctuated, cut inside a
        // name that its last line finishes (李 | 立平)
        let column = [
            "某市今年新建了三座社区图书馆，每座",
            "图书馆都配有阅览室和电子阅读设备，",
            "藏书总量达到20000多册，开放时间从早",
            "上八点到晚上八点，方便附近居民就近",
            "借阅图书。图书馆还定期举办读书会和",
            "讲座，邀请作家和专家为居民讲课，吸",
            "引了许多居民和学生参加。",
        ];
        let line = "某市图书馆“书香使者”志愿服务队队长李";
        assert_eq!(role_of(&[&[""], &column, &column, &[line, "立平为获奖读者颁奖。"]], line), Role::Body);
        // a headline as wide over a lead that does not read on from it stays a headline
        let headline = "某市图书馆“书香使者”志愿服务队今日成立";
        assert_eq!(role_of(&[&[""], &column, &column, &[headline, "昨天上午，市民排队借阅图书。"]], headline), Role::Headline);
    }

    #[test]
    fn names_run_together_are_read_three_by_three() {
        let rules = Rules::embedded();
        assert_eq!(authors("本报记者赵甲乙钱丙丁本报通讯员孙戊己", &rules), ["赵甲乙", "钱丙丁", "孙戊己"]);
        assert_eq!(authors("记者 赵甲 钱乙", &rules), ["赵甲", "钱乙"]);
        // a minority name keeps its parts and its middle dot; a dot alone is no name
        assert_eq!(authors("记者 阿依努尔·买买提 赵甲", &rules), ["阿依努尔·买买提", "赵甲"]);
        assert_eq!(authors("记者 · 赵甲", &rules), ["赵甲"]);
    }

    /// A line longer than any headline line may be two headlines joined at a space (each part
    /// a headline's length, no clause mark); a part longer than a headline line, or a clause
    /// comma, makes it text.
    #[test]
    fn two_headlines_joined_at_a_space_are_headline_shaped() {
        let shape = |t: &str| {
            let block = crate::blocks::Block { pieces: vec![crate::blocks::Piece { line: 1, text: t.to_string() }], level: 0, mark: None, gap_before: 0, runs_on: false };
            headline_shape(&block, t, &Rules::embedded())
        };
        let (a, b) = ("县图书馆新增十二处流动借阅点 读者凭一张借书证在各点通借通还", "市气象台发布寒潮蓝色预警 未来三天全市气温将下降八到十度");
        assert!(a.chars().count() + b.chars().count() > HEADLINE_LINE_MAX_CHARS);
        assert!(shape(&format!("{a} {b}")));
        let long = "县图书馆今年新增流动借阅点十二处借阅点设在乡镇文化站和村委会读者凭一张借书证就能在各点之间通借通还";
        assert!(long.chars().count() > HEADLINE_LINE_MAX_CHARS);
        assert!(!shape(&format!("{long} {b}")));
        assert!(!shape(&format!("{a}，{b}")));
    }

    #[test]
    fn a_byline_line_unwrapped_into_a_heading_block_is_a_byline() {
        // a heading block of two page lines (a reporters' line and a headline, printed after
        // their article's text and unwrapped together): split line by line, the first is
        // the byline, and the headline does not wrap it (李小华|贵… makes 华贵, a word)
        let lines = ["某市电视台记者 张 明 通讯员 李小华", "贵县老年大学秋季开学"];
        let block = crate::blocks::Block {
            pieces: lines.iter().enumerate().map(|(i, t)| crate::blocks::Piece { line: 2 * i + 1, text: t.to_string() }).collect(),
            level: 0,
            mark: None,
            gap_before: 0,
            runs_on: false,
        };
        let got = classify(vec![block], &Rules::embedded());
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].role, Role::Byline, "{got:#?}");
        assert_eq!(got[0].furniture[0].authors, ["张明", "李小华"]);
        assert!(!got[1].wraps_prev, "{got:#?}");
    }

    #[test]
    fn a_short_name_at_the_page_head_over_a_byline_is_a_headline() {
        // an e-paper page: navigation, then a column's short name over its own byline heads
        // the article under it; without the byline it is the page's section name
        let got = roles(&format!("上一版　下一版\n\n返回目录\n\n## 闻见录\n\n◆本报记者 赵甲乙\n\n{SENTENCE}"));
        assert_eq!(got[2], (Role::Headline, "闻见录".to_string()), "{got:?}");
        let got = roles(&format!("上一版　下一版\n\n返回目录\n\n## 闻见录\n\n## 图书馆开放\n\n{SENTENCE}"));
        assert_eq!(got[2].0, Role::Noise, "{got:?}");
    }

    #[test]
    fn bylines_of_other_papers_are_bylines_and_desk_credits_are_noise() {
        // forms other papers print: 文/ and 图/ credits, a paper's name on the role word, a
        // labelled author, reporters set off by spaces after the dateline; under the last
        // paragraph, an end mark and the desk's credit belong to no article
        let page = format!(
            "## 图书馆开放\n\n文/赵甲乙 图/钱丙\n\n{SENTENCE}\n\n（完）\n\n（责任编辑：孙丁）\n\n## 借阅点开进乡镇\n\n某某日报记者 李戊己\n\n{SENTENCE}\n\n作者：周庚\n\n## 书香满城\n\n本报讯 记者 吴辛 通讯员 郑壬 {SENTENCE}"
        );
        let rules = Rules::embedded();
        let page = Page::from_text(&page);
        let layout = crate::blocks::detect_layout(&page, &rules);
        let got = classify(crate::blocks::blocks(&page, &rules, layout), &rules);
        let seen: Vec<(Role, Vec<String>)> = got.iter().map(|c| (c.role, c.furniture.iter().chain(&c.front).flat_map(|f| f.authors.clone()).collect())).collect();
        let want = [
            (Role::Headline, vec![]),
            (Role::Byline, vec!["赵甲乙", "钱丙"]),
            (Role::Body, vec![]),
            (Role::Noise, vec![]),
            (Role::Noise, vec![]),
            (Role::Headline, vec![]),
            (Role::Byline, vec!["李戊己"]),
            (Role::Body, vec![]),
            (Role::Byline, vec!["周庚"]),
            (Role::Headline, vec![]),
            (Role::Body, vec!["吴辛", "郑壬"]),
        ];
        let want: Vec<(Role, Vec<String>)> = want.into_iter().map(|(r, a)| (r, a.into_iter().map(String::from).collect())).collect();
        assert_eq!(seen, want, "{got:#?}");
        assert_eq!(got[10].text, SENTENCE);
    }

    #[test]
    fn a_bulleted_short_line_in_the_text_is_an_intertitle_unless_it_is_a_name() {
        let got = roles(&format!("## 图书馆开放\n\n{SENTENCE}\n\n■ 书香满城\n\n{SENTENCE}"));
        assert_eq!(got[2], (Role::Body, "书香满城".to_string()), "{got:?}");
        let got = roles(&format!("## 图书馆开放\n\n{SENTENCE}\n\n■ 赵甲乙\n\n{SENTENCE}"));
        assert_eq!(got[2].0, Role::Byline, "{got:?}");
    }

    #[test]
    fn a_question_over_a_byline_is_a_headline() {
        let lead = "本报讯（记者 赵甲乙）这一天，图书馆共接待读者三百多人次，秩序井然。";
        let got = roles(&format!("读书，你准备好了吗？\n\n{lead}\n\n{SENTENCE}\n\n借阅点开进乡镇！\n\n记者 钱丙丁\n\n{SENTENCE}"));
        assert_eq!(got[0], (Role::Headline, "读书，你准备好了吗？".to_string()), "{got:?}");
        assert_eq!(got[3].0, Role::Headline, "{got:?}");
        // an exclamation in the text, with no byline under it, is text
        let got = roles(&format!("{lead}\n\n借阅点开进乡镇了！\n\n{SENTENCE}"));
        assert_eq!(got[1].0, Role::Body, "{got:?}");
    }

    #[test]
    fn a_lone_name_after_the_last_sentence_is_a_byline() {
        let got = roles("这一天，图书馆共接待读者三百多人次，秩序井然。\n赵甲乙\n![](image)");
        assert_eq!(got[1].0, Role::Byline, "{got:?}");
        // a short line with text under it is a headline
        let got = roles("这一天，图书馆共接待读者三百多人次，秩序井然。\n每周速览\n这一天，图书馆共接待读者三百多人次，秩序井然。");
        assert_ne!(got[1].0, Role::Byline, "{got:?}");
        // on an e-paper page (headlines marked up, so a short line is text by its shape): a
        // name alone after the last sentence, before the next marked headline or at the foot
        for page in [format!("## 图书馆开放\n\n{SENTENCE}\n\n赵甲乙\n\n## 借阅点开进乡镇\n\n{SENTENCE}"), format!("## 图书馆开放\n\n{SENTENCE}\n\n赵甲乙")] {
            let got = roles(&page);
            assert_eq!(got[2].0, Role::Byline, "{got:?}");
        }
        // with text after it, a cell cut short to a word (王府井) is text, a name still the byline
        let got = roles(&format!("## 图书馆开放\n\n{SENTENCE}\n\n王府井\n\n{SENTENCE}"));
        assert_eq!(got[2].0, Role::Body, "{got:?}");
        let got = roles(&format!("## 图书馆开放\n\n{SENTENCE}\n\n赵甲乙\n\n{SENTENCE}"));
        assert_eq!(got[2].0, Role::Byline, "{got:?}");
        // over the next headline, a short line that opens on no family name is that article's
        // column name (某言录), not a name closing this one
        let got = roles(&format!("## 图书馆开放\n\n{SENTENCE}\n\n众言录\n\n## 借阅点开进乡镇\n\n{SENTENCE}"));
        assert_ne!(got[2].0, Role::Byline, "{got:?}");
    }

    #[test]
    fn an_unmarked_deck_under_a_marked_headline_is_a_deck() {
        // an e-paper page marks its headlines up, not their decks: a deck scraped onto one line
        // keeps the space between its two lines
        let lead = "本报讯 记者赵甲 昨日，某县图书馆新增流动借阅点十二处，读者凭一张借书证就能通借通还。";
        let got = roles(&format!("## 借阅点开进乡镇\n\n第一张《借书证》 送到某村“书屋”\n\n{lead}"));
        assert_eq!(got[1], (Role::Deck, "第一张《借书证》 送到某村“书屋”".into()), "{got:?}");
        // a text piece cut short under the headline (no space between phrases) stays text
        let got = roles(&format!("## 借阅点开进乡镇\n\n某县图书馆新增的流动借阅点已有十二处和\n\n{lead}"));
        assert_eq!(got[1].0, Role::Body, "{got:?}");
        // nor is a lead cut short that opens with its dateline (新华社 某县图书馆……)
        let got = roles(&format!("## 借阅点开进乡镇\n\n新华社 某县图书馆新增的\n\n{lead}"));
        assert_eq!(got[1].0, Role::Body, "{got:?}");
    }

    #[test]
    fn a_line_dated_like_a_lead_is_no_headline() {
        // a box's first cell cut short under its headline, shaped like a second headline but
        // dated as only a lead sentence is (近日)
        let rest = "，各乡镇文化站也将陆续增设借阅点。县图书馆表示，读者凭一张借书证即可在各点通借通还。";
        let got = roles(&format!("某县图书馆流动借阅点开放\n\n由某县文化局和某县图书馆共同设立的首批流动借阅点近日开放\n\n{rest}"));
        assert_eq!(got[0].0, Role::Headline, "{got:?}");
        assert_eq!(got[1].0, Role::Body, "{got:?}");
    }

    #[test]
    fn a_photo_caption_marking_where_a_person_stands_is_no_headline() {
        // a photo story's caption between its paragraphs, shaped like a headline but marking
        // where its man stands in the picture (中): text of the story
        let (before, after) = ("某村村民赵甲在自家院里办起了养蜂课堂，免费教村民养蜂。", "如今，这个课堂已培训村民三百多人次，带动四十多户养蜂。");
        assert_eq!(role_between(before, "赵甲(中)在给村民讲解养蜂技术", after), Role::Body);
        // without the mark the same line is a headline's shape
        assert_eq!(role_between(before, "赵甲在给村民讲解养蜂技术", after), Role::Headline);
    }

    /// The role of `line` printed between two paragraphs.
    fn role_between(before: &str, line: &str, after: &str) -> Role {
        let got = roles(&format!("{before}\n\n{line}\n\n{after}"));
        assert_eq!(got.len(), 3, "{got:?}");
        got[1].0
    }

    #[test]
    fn a_line_ending_on_a_word_no_heading_ends_on_is_no_headline() {
        // a column's first line cut off as a box of its own, ending on 的 (rules of kind
        // `no_end`), between two paragraphs: text cut mid-sentence, however short
        let (before, after) = ("社区网格员们走进老楼住户家中，帮他们检查燃气、更换灯泡，还送去了防滑垫。", "某区居民赵甲家的门铃响了，来的是社区里的三名网格员。");
        assert_eq!(role_between(before, "除夕前,住在某某小区一楼的", after), Role::Body);
        // the same line ending on a noun is a headline's shape
        assert_eq!(role_between(before, "除夕前,某某小区一楼的老人", after), Role::Headline);
    }

    #[test]
    fn a_lone_name_under_a_finished_paragraph_is_its_byline_though_text_follows() {
        // a page scraped cell by cell: the author's name closes one article and a cell of
        // another follows
        let (before, after) = ("社区网格员们走进老楼住户家中，帮他们检查燃气、更换灯泡，还送去了防滑垫。", "的工人们说，这样的活动每年都要办。");
        assert_eq!(role_between(before, "赵甲乙", after), Role::Byline);
        // a cut piece that is a word (王府井) or opens on no family name is no name
        assert_ne!(role_between(before, "王府井", after), Role::Byline);
        assert_ne!(role_between(before, "某镇乙", after), Role::Byline);
    }

    #[test]
    fn a_photo_credit_marked_as_a_byline_under_a_headline_is_the_byline() {
        // a photo story's header: its headline, then the photographer set with the byline mark
        let text = "近日，某县某村村民在村口老槐树下搭起了凉棚，每到傍晚，乘凉下棋的村民有好几十人。";
        let got = roles(&format!("某村老槐树下凉棚热闹\n\n◆某社 赵甲 摄\n\n{text}"));
        assert_eq!(got[0].0, Role::Headline, "{got:?}");
        assert_eq!(got[1].0, Role::Byline, "{got:?}");
        // unmarked, the credit is a photo's credit
        let got = roles(&format!("某村老槐树下凉棚热闹\n\n某社 赵甲 摄\n\n{text}"));
        assert_eq!(got[1].0, Role::Credit, "{got:?}");
    }

    #[test]
    fn names_over_a_lead_are_its_byline_but_a_short_label_is_not() {
        let lead = "近日，某县图书馆新增流动借阅点十二处，读者凭一张借书证就能通借通还。";
        // at the head of the page, and after a finished paragraph
        // (two names, one with a family name rarer than the common ones: 仝)
        for page in [format!("赵甲乙 钱丙\n{lead}"), format!("{lead}\n周甲乙\n{lead}"), format!("赵甲乙 仝丙\n{lead}")] {
            let got = roles(&page);
            let names = got.iter().find(|r| r.1.starts_with(['赵', '周'])).expect("the name line");
            assert_eq!(names.0, Role::Byline, "{got:?}");
        }
        // a label whose first character starts no common family name stays a heading
        let got = roles(&format!("书香录\n{lead}"));
        assert_eq!(got[0].0, Role::Headline, "{got:?}");
    }

    #[test]
    fn a_short_line_completing_the_number_a_text_above_ends_on_is_no_headline() {
        // a column's foot read under the next box's headline: the text above ends on a number
        // (设有12), the short line opens on its unit (间)
        let page = "某县新建的图书馆已经投入使用，面积达三千平方米，设有12\n某市召开社区工作会议\n间阅览室、自习室和少儿\n近日，某市召开社区工作会议，部署下一阶段的工作。";
        let got = roles(page);
        assert_eq!(got[1].0, Role::Headline, "{got:?}");
        assert_eq!(got[2].0, Role::Body, "{got:?}");
        // the same line under a text that ends on no number is a headline as before
        let got = roles(&page.replace("设有12", "设有书库"));
        assert_ne!(got[2].0, Role::Body, "{got:?}");
    }

    #[test]
    fn cut_text_is_no_headline_but_a_short_clause_may_be() {
        let body = "这是一段正文，共有两个逗号。";
        // two clause commas, or a long line with one, or a lead opening with a dateline
        for line in ["从年初到年底，可供应各类瓜果，以", "新华社 某某公司的每位职工手中，都有一本写满安全规程的小册子", "某某社某地1月2日电 （记者 赵甲）记者2日从某某公园管理处了解"]
        {
            let got = roles(&format!("{line}\n{body}"));
            assert_eq!(got[0].0, Role::Body, "{got:?}");
        }
        let got = roles(&format!("安全生产，何必等到检查\n{body}"));
        assert_eq!(got[0].0, Role::Headline, "{got:?}");
    }

    /// A hard-wrapped column whose first line has one clause comma and ends where a word is cut
    /// (在这|里) is text, when no wider than the column's lines; a headline of that form set
    /// wider than the column over a text that happens to open on a word's end stays one.
    #[test]
    fn a_column_line_cut_mid_word_under_it_is_no_headline() {
        let column = "甲乙镇的农民们说，我们这些年住在这\n\n里过得很好，年年都有新的变化。邻居\n\n们也常常来往，大家一起种田养鱼。\n";
        let got = roles(column);
        assert!(got.iter().all(|(r, _)| *r == Role::Body), "{got:?}");
        let headed = "丙丁县：新建文化广场三十个，惠及上千人\n\n员们说，广场的活动越\n\n来越多，管理也更加规\n\n范。大家都爱来跳舞。\n";
        let got = roles(headed);
        assert_eq!(got[0].0, Role::Headline, "{got:?}");
    }

    /// A hard-wrapped page: a column-wide headline and the author's name under it unwrap
    /// into one heading block; the name line is the byline, not a second headline, and a
    /// name holding 文 keeps it.
    #[test]
    fn a_name_under_a_wrapped_headline_is_its_byline() {
        let col = |s: &str| crate::text::pdf_column(s, 16);
        let a = "县图书馆今年新增流动借阅点十二处，借阅点设在乡镇文化站和村委会，读者凭一张借书证就能在各点之间通借通还。馆长说，流动借阅点的图书每季度轮换一次，新书优先送到偏远的山区村和";
        let b = "市气象台昨日发布寒潮蓝色预警，预计未来三天全市气温将下降八到十度，北部山区有小到中雪。气象专家提醒，寒潮期间出行要注意防寒保暖，农户要做好大棚蔬菜的防冻工作。";
        let page = format!("{}\n\n寒潮来袭全市气温三天内骤降八度\n\n周文斌\n\n{}\n", col(a), col(b));
        let x = crate::extract_text(&page, &Rules::embedded());
        let weather = x.articles.iter().find(|a| a.paragraphs[0].starts_with("市气象台")).expect("article");
        assert_eq!(weather.headline.as_deref(), Some("寒潮来袭全市气温三天内骤降八度"));
        assert_eq!(weather.kicker, None);
        assert_eq!(weather.authors, vec!["周文斌".to_string()]);
    }

    /// A page that sets its blocks apart with blank lines (a PDF text layer): a headline with
    /// a name set right under it, then, apart, the next box's headline. The name is the byline
    /// of the headline it is set with, not the kicker of the one below it.
    #[test]
    fn a_name_set_with_the_headline_over_it_is_its_byline_not_the_next_ones_kicker() {
        let page = "某县举办农民丰收节\n李青\n\n某市新建五座社区公园\n\n\
            本报讯 某市今年新建的五座社区公园近日全部向市民开放，公园内\n种植了各类花卉树木，设有健身步道和儿童游乐场，每天吸引大量\n市民前来休闲锻炼。\n\n\
            某县日前举办农民丰收节，来自各乡镇的农户带来了新鲜蔬菜和特\n色农产品，丰收节现场交易十分火爆，不少市民慕名而来选购。\n";
        let x = crate::extract_text(page, &Rules::embedded());
        let fair = x.articles.iter().find(|a| a.paragraphs[0].starts_with("某县日前")).unwrap_or_else(|| panic!("{:#?}", x.articles));
        assert_eq!(fair.headline.as_deref(), Some("某县举办农民丰收节"), "{:#?}", x.articles);
        assert_eq!(fair.authors, vec!["李青".to_string()]);
        let parks = x.articles.iter().find(|a| a.paragraphs[0].starts_with("某市今年")).unwrap_or_else(|| panic!("{:#?}", x.articles));
        assert_eq!(parks.headline.as_deref(), Some("某市新建五座社区公园"));
        assert_eq!(parks.kicker, None);
    }

    /// A photo story in a PDF text layer: the credit is set right under the headline, with
    /// no mark; the page sets its blocks apart with blank lines. The credit is the story's
    /// byline; set apart from the headline by a blank line, it stays a credit.
    #[test]
    fn a_credit_set_with_the_headline_over_it_is_the_photo_storys_byline() {
        let page = "某村新建农家书屋\n视觉江南 林夏 摄\n\n\
            某村今年新建了一座农家书屋，藏书两千多册，每逢周末，前来借书\n的村民络绎不绝，不少孩子也跟着家长来读书。\n";
        let x = crate::extract_text(page, &Rules::embedded());
        assert_eq!(x.articles.len(), 1, "{:#?}", x.articles);
        assert_eq!(x.articles[0].headline.as_deref(), Some("某村新建农家书屋"));
        assert_eq!(x.articles[0].authors, vec!["林夏".to_string()], "{:#?}", x.articles);
        let apart = page.replace("书屋\n视觉", "书屋\n\n视觉");
        let x = crate::extract_text(&apart, &Rules::embedded());
        assert!(x.articles.iter().all(|a| a.authors.is_empty()), "{:#?}", x.articles);
    }

    #[test]
    fn a_byline_prefix_alone_on_its_line_is_a_byline() {
        let got = roles("冬夜书香见闻\n本报某地1月2日电（记者赵甲 通讯员钱乙）\n这一天，图书馆共接待读者三百多人次，秩序井然。");
        assert_eq!(got[1].0, Role::Byline, "{got:?}");
        // a reporter's colon is no byline
        let got = roles("冬夜书香见闻\n馆员老周告诉记者：\n“读者多了，我们也更有劲头。”");
        assert_ne!(got[1].0, Role::Byline, "{got:?}");
    }
}
