//! Stage 7: assemble articles from the chosen chains of fragments: header fields from the
//! furniture, paragraphs from the fragments (a cut fragment and its continuation form one
//! paragraph), provenance and join confidence, and leftovers for everything else.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::blocks::Layout;
use crate::classify::{Classified, Furniture, Role};
use crate::headers::{is_heading, HeadLine, Placement};
use crate::joins::{Continuity, CutWeights, Signal};
use crate::rules::{Kind, Rules};
use crate::solve;

/// Where a piece of a paragraph came from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Source {
    /// 1-based page lines of the piece.
    pub lines: Vec<usize>,
    /// How sure the join that brought this piece after the previous one is (absent for the
    /// first piece of an article).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join: Option<f64>,
}

/// A chosen join, for `--explain`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct JoinNote {
    pub from_line: usize,
    pub to_line: usize,
    pub score: f64,
    pub confidence: f64,
    pub signals: Vec<Signal>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Article {
    pub kicker: Option<String>,
    pub headline: Option<String>,
    pub subheadline: Option<String>,
    pub byline: Option<String>,
    pub authors: Vec<String>,
    pub dateline: Option<String>,
    pub continued_from: Option<String>,
    pub continues_to: Option<String>,
    pub truncated: bool,
    pub paragraphs: Vec<String>,
    /// For each paragraph, its pieces' page lines and join confidences.
    pub provenance: Vec<Vec<Source>>,
    /// Page lines of the header furniture.
    pub header_lines: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub joins: Vec<JoinNote>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Leftover {
    pub lines: Vec<usize>,
    pub text: String,
    pub why: String,
}

/// The result for one page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Extraction {
    pub layout: Layout,
    pub encoding: String,
    pub articles: Vec<Article>,
    pub leftovers: Vec<Leftover>,
    /// With `--explain`: every fragment and its best candidate joins.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<FragmentNote>,
    /// With `--explain`: where each header line went, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HeaderNote>,
}

/// A header line (headline, kicker, deck) and the article it was given to, for `--explain`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HeaderNote {
    pub lines: Vec<usize>,
    pub text: String,
    pub note: String,
}

/// Notes on the placement of every header line, for `--explain`.
pub fn header_notes(blocks: &[Classified], placement: &Placement) -> Vec<HeaderNote> {
    placement.notes.iter().map(|(&b, note)| HeaderNote { lines: lines_of(&blocks[b]), text: blocks[b].text.clone(), note: note.clone() }).collect()
}

/// A fragment and its strongest candidate successors, for `--explain`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FragmentNote {
    pub lines: Vec<usize>,
    pub open: bool,
    pub lead: bool,
    pub start: String,
    pub end: String,
    pub chosen: Option<usize>,
    pub candidates: Vec<CandidateNote>,
    /// Why a headline-shaped line was read as text, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_as_text: Option<String>,
    /// Why the chosen join was made by topic alone (a chain with no header adopted), if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adopted: Option<String>,
    /// Why the chosen join goes back to the text printed right before this one, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turned: Option<String>,
    /// Why the chosen join puts a closing piece read apart after this text, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inserted: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CandidateNote {
    pub to_line: usize,
    pub score: f64,
    pub signals: Vec<Signal>,
}

/// Notes on every fragment's candidate joins (the five best), for `--explain`.
pub fn fragment_notes(
    blocks: &[Classified],
    c: &Continuity,
    succ: &[Option<(usize, f64)>],
    adopted: &[crate::headers::Adoption],
    turned: &[crate::solve::Turn],
    inserted: &[(usize, usize)],
) -> Vec<FragmentNote> {
    use petgraph::visit::EdgeRef;
    c.fragments
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut cands: Vec<CandidateNote> = c
                .graph
                .edges(c.nodes[i])
                .map(|e| {
                    let v = c.graph[e.target()];
                    CandidateNote { to_line: blocks[c.fragments[v].block].block.first_line(), score: e.weight().score, signals: e.weight().signals.clone() }
                })
                .collect();
            cands.sort_by(|a, b| b.score.total_cmp(&a.score));
            cands.truncate(5);
            let chars: Vec<char> = f.text.chars().collect();
            FragmentNote {
                lines: lines_of(&blocks[f.block]),
                open: f.open,
                lead: f.lead,
                start: chars.iter().take(8).collect(),
                end: chars[chars.len().saturating_sub(8)..].iter().collect(),
                chosen: succ[i].map(|(v, _)| blocks[c.fragments[v].block].block.first_line()),
                candidates: cands,
                read_as_text: (blocks[f.block].why == crate::classify::READ_AS_TEXT).then(|| crate::classify::READ_AS_TEXT.to_string()),
                adopted: adopted.iter().find(|a| a.from == i).map(|a| {
                    format!(
                        "the text at line {} heads no article and opens a sentence: it goes on from here, the end of the article it shares most rare words with (topic {:.3}, next best article {:.3})",
                        blocks[c.fragments[a.to].block].block.first_line(),
                        a.topic,
                        a.next_best
                    )
                }),
                turned: turned.iter().find(|t| t.from == i).map(|t| {
                    let line = |f: usize| blocks[c.fragments[f].block].block.first_line();
                    format!(
                        "this cut text goes on into line {}, printed right before it (score {:.2}); the join into that line from line {} (score {:.2}) went against the topic, with no more across its cut than this one",
                        line(t.to),
                        t.score,
                        line(t.was),
                        t.was_score
                    )
                }),
                inserted: inserted.iter().find(|&&(u, _)| u == i).map(|&(_, v)| {
                    format!(
                        "the closing piece at line {}, which opens mid-sentence and which nothing went on into, goes on from here: of the finished texts, this one's join into it scores best (score {:.2}); the text after this one goes on after it",
                        blocks[c.fragments[v].block].block.first_line(),
                        succ[i].map_or(0.0, |(_, s)| s)
                    )
                }),
            }
        })
        .collect()
}

/// Logistic confidence of a join from its score.
pub fn confidence(score: f64) -> f64 {
    let c = 1.0 / (1.0 + (-score / 2.0).exp());
    (c * 1000.0).round() / 1000.0
}

fn lines_of(b: &Classified) -> Vec<usize> {
    b.block.pieces.iter().map(|p| p.line).collect()
}

#[derive(Default)]
struct Fields {
    kicker: Option<String>,
    headline: Option<String>,
    subheadline: Option<String>,
    byline: Option<String>,
    /// The byline names people (a source note alone does not).
    byline_names: bool,
    authors: Vec<String>,
    dateline: Option<String>,
    continued_from: Option<String>,
    continues_to: Option<String>,
    /// Furniture of a kind the article already has (a second byline, dateline or jump
    /// marker): kept as leftovers, so that no text is lost.
    surplus: Vec<Leftover>,
}

impl Fields {
    /// Takes one piece of furniture; `line` is the whole printed line when the furniture is
    /// all of it (a dateline line keeps its brackets there).
    fn furniture(&mut self, f: &Furniture, lines: &[usize], line: Option<&str>) {
        let mut surplus = |text: &str, what: &str| {
            let printed = (!f.printed.is_empty()).then_some(f.printed.as_str());
            let text = line.or(printed).unwrap_or(text).to_string();
            self.surplus.push(Leftover { lines: lines.to_vec(), text, why: format!("a second {what} of one article") });
        };
        let mut byline_kept = true;
        if let Some(b) = &f.byline {
            if self.byline.is_none() {
                self.byline = Some(b.clone());
                self.byline_names = !f.authors.is_empty();
            } else if !self.byline_names || f.authors.is_empty() {
                // a source note (转自《某某日报》) and a name line are one byline together
                let have = self.byline.take().unwrap_or_default();
                self.byline = Some(format!("{have} {b}"));
                self.byline_names |= !f.authors.is_empty();
            } else {
                surplus(b, "byline");
                byline_kept = false;
            }
            for a in &f.authors {
                if !self.authors.contains(a) {
                    self.authors.push(a.clone());
                }
            }
        }
        // a dateline printed inside a byline goes wherever the byline went
        if let (Some(d), true) = (&f.dateline, byline_kept) {
            if self.dateline.is_none() {
                self.dateline = Some(d.clone());
            } else if f.byline.is_none() {
                surplus(d, "dateline");
            }
        }
        if let Some(m) = &f.marker {
            let from = f.rule.as_deref().is_some_and(|r| r.contains("from"));
            let slot = if from { &mut self.continued_from } else { &mut self.continues_to };
            if slot.is_none() {
                *slot = Some(m.clone());
            } else {
                surplus(m, "jump marker");
            }
        }
    }

    fn block(&mut self, b: &Classified, rules: &Rules) {
        self.block_as(b, b.role, b.text.trim(), rules)
    }

    fn block_as(&mut self, b: &Classified, role: Role, text: &str, rules: &Rules) {
        let text = text.to_string();
        let append = |slot: &mut Option<String>, t: String| match slot {
            Some(s) => {
                s.push(' ');
                s.push_str(&t);
            }
            None => *slot = Some(t),
        };
        match role {
            Role::Kicker => append(&mut self.kicker, text),
            Role::Headline => {
                if self.headline.is_some() {
                    append(&mut self.subheadline, text);
                    return;
                }
                let split = rules.of(Kind::DeckSplit).find_map(|r| r.regex.as_ref()?.find(&text));
                match split {
                    Some(m) if m.start() > 0 => {
                        self.headline = Some(text[..m.start()].trim().to_string());
                        append(&mut self.subheadline, text[m.start()..].trim().to_string());
                    }
                    _ => self.headline = Some(text),
                }
            }
            Role::Deck => append(&mut self.subheadline, text),
            _ => {
                let lines = lines_of(b);
                let whole = b.block.text();
                let line = (b.furniture.len() == 1).then_some(whole.as_str());
                for f in &b.furniture {
                    self.furniture(f, &lines, line);
                }
            }
        }
    }
}

/// Byline lines standing between two articles: the page's order gives them to the article
/// above (a trailing byline), but when that article has a byline of its own and the article
/// starting right under the line has none, the line is that one's top byline. A byline under
/// a headline that went elsewhere follows it when that article has none, or when the one it
/// has trails its text but opens with a dateline (the top byline of the article the headline
/// stood over, which takes it in exchange). Returns
/// byline block → the fragment starting the article it moves to.
fn floating_bylines(blocks: &[Classified], c: &Continuity, chains: &[Vec<(usize, Option<f64>)>], placement: &Placement) -> BTreeMap<usize, usize> {
    let n = c.fragments.len();
    let mut chain_of = vec![usize::MAX; n];
    let mut bylines = vec![0usize; chains.len()];
    // bylines that name people (a source note such as 转自《某某日报》 names none)
    let is_byline = |b: usize| blocks[b].role == Role::Byline && blocks[b].furniture.iter().any(|f| !f.authors.is_empty());
    for (k, chain) in chains.iter().enumerate() {
        for &(i, _) in chain {
            chain_of[i] = k;
            let f = &c.fragments[i];
            let b = &blocks[f.block];
            bylines[k] += b.front.iter().chain(b.back.iter()).filter(|x| !x.authors.is_empty()).count();
            bylines[k] += f.closing.iter().filter(|&&cl| is_byline(cl)).count();
            bylines[k] += f.header.iter().flat_map(|h| h.blocks.iter()).filter(|&&x| is_byline(x)).count();
        }
    }
    let mut moved = BTreeMap::new();
    // a byline under a headline in a header group goes where that headline went, when that
    // article has none (a headline and its byline printed after their body); so does a source
    // line naming no one (某某台消息（新闻联播）：)
    let placed_at: BTreeMap<usize, usize> = placement.heads.iter().flat_map(|(&start, hs)| hs.iter().flat_map(move |h| h.blocks.iter().map(move |&b| (b, start)))).collect();
    // the headers over fragments, and the header groups with no text under them (collected at
    // the page's end)
    let groups = c.fragments.iter().enumerate().filter_map(|(i, f)| f.header.as_ref().map(|h| (Some(i), h))).chain(c.orphan_headers.iter().map(|h| (None, h)));
    for (under, h) in groups {
        // headlines stacked over as many bylines (the last one may open the text itself):
        // collected headers, each byline goes with the headline of its rank
        let heads: Vec<usize> = h.blocks.iter().copied().filter(|&b| blocks[b].role == Role::Headline).collect();
        let lines: Vec<usize> = h.blocks.iter().copied().filter(|&b| blocks[b].role == Role::Byline).collect();
        let own = under.is_some_and(|i| blocks[c.fragments[i].block].front.iter().any(|x| !x.authors.is_empty()));
        let stacked =
            heads.len() >= 2 && lines.len() + usize::from(own) == heads.len() && h.blocks.iter().all(|&b| is_heading(&blocks[b]) || blocks[b].role == Role::Byline) && heads.last() < lines.first();
        let mut owner: Option<usize> = None;
        for &b in &h.blocks {
            if stacked && blocks[b].role == Role::Byline {
                owner = lines.iter().position(|&x| x == b).and_then(|k| placed_at.get(&heads[k]).copied());
            }
            if is_heading(&blocks[b]) {
                owner = placed_at.get(&b).copied();
            } else if let Some((to, swap)) = owner.filter(|&to| Some(to) != under && blocks[b].role == Role::Byline).and_then(|to| {
                if bylines[chain_of[to]] == 0 {
                    return Some((to, None));
                }
                // that article's byline trails its text but opens with a dateline (某地1月2日讯…):
                // it is the top byline of another article, the one this headline stood over
                let under = under?;
                let trailing = chains[chain_of[to]]
                    .iter()
                    .flat_map(|&(f, _)| c.fragments[f].closing.iter().copied())
                    .filter(|&cl| is_byline(cl) && !moved.contains_key(&cl) && blocks[cl].furniture.iter().any(|x| x.dateline.is_some()))
                    .collect::<Vec<_>>();
                (bylines[chain_of[to]] == 1 && trailing.len() == 1 && chain_of[under] != chain_of[to]).then(|| (to, Some((trailing[0], chains[chain_of[under]][0].0))))
            }) {
                if let Some((t, home)) = swap {
                    moved.insert(t, home);
                    moved.insert(b, to);
                    continue;
                }
                moved.insert(b, to);
                // (a source line naming no one was not counted)
                if is_byline(b) {
                    bylines[chain_of[to]] += 1;
                    if let Some(i) = under {
                        bylines[chain_of[i]] -= 1;
                    }
                }
            }
        }
    }
    // a byline or photo credit read as closing a text, right under a header line that went to
    // another article (a headline over its photo item, set apart from the text by its
    // caption), is that article's when it has none
    for (u, f) in c.fragments.iter().enumerate() {
        for &cl in &f.closing {
            let Some(&to) = cl.checked_sub(1).and_then(|above| placed_at.get(&above)) else { continue };
            if matches!(blocks[cl].role, Role::Byline | Role::Credit) && chain_of[to] != chain_of[u] && bylines[chain_of[to]] == 0 && !moved.contains_key(&cl) {
                moved.insert(cl, to);
                if is_byline(cl) {
                    bylines[chain_of[to]] += 1;
                    bylines[chain_of[u]] = bylines[chain_of[u]].saturating_sub(1);
                }
            }
        }
    }
    // a byline in a run of several headlines, under the one whose article signs itself
    // elsewhere (a reader's signature closing its text): the headlines of two boxes printed
    // together, the byline the other's, when that article has none
    let signs = |k: usize| {
        chains[k].iter().any(|&(f, _)| {
            let fr = &c.fragments[f];
            let b = &blocks[fr.block];
            b.front.iter().chain(b.back.iter()).any(|x| x.byline.is_some()) || fr.closing.iter().any(|&cl| blocks[cl].role == Role::Byline)
        })
    };
    for (under, h) in c.fragments.iter().enumerate().filter_map(|(i, f)| f.header.as_ref().map(|h| (i, h))) {
        let heads: Vec<usize> = h.blocks.iter().copied().filter(|&b| blocks[b].role == Role::Headline).collect();
        let lines: Vec<usize> = h.blocks.iter().copied().filter(|&b| blocks[b].role == Role::Byline && !moved.contains_key(&b)).collect();
        let [b] = lines[..] else { continue };
        if heads.len() < 2 || heads.last().is_some_and(|&x| x > b) || !signs(chain_of[under]) {
            continue;
        }
        let nearest = placed_at.get(&heads[heads.len() - 1]).copied();
        if nearest != Some(chains[chain_of[under]][0].0) {
            continue;
        }
        let other = heads[..heads.len() - 1].iter().rev().filter_map(|x| placed_at.get(x).copied()).find(|&to| chain_of[to] != chain_of[under] && bylines[chain_of[to]] == 0 && !signs(chain_of[to]));
        if let Some(to) = other {
            moved.insert(b, to);
            if is_byline(b) {
                bylines[chain_of[to]] += 1;
                bylines[chain_of[under]] -= 1;
            }
        }
    }
    // an article with two bylines, one closing a fragment of it: the byline goes to the first
    // article opening after that fragment on the page that has none (text may stand between:
    // the foot of the column, read across the next headline, other articles' continuations,
    // and signed articles)
    for (k, chain) in chains.iter().enumerate() {
        if bylines[k] < 2 {
            continue;
        }
        let closing = |u: usize| c.fragments[u].closing.iter().rev().copied().find(|&cl| is_byline(cl) && blocks[cl].furniture.iter().any(|f| f.byline.is_some()));
        let Some((u, cl)) = chain.iter().rev().find_map(|&(u, _)| closing(u).map(|cl| (u, cl))) else { continue };
        let Some(v) = (u + 1..n).find(|&x| chain_of[x] != k && chains[chain_of[x]][0].0 == x && bylines[chain_of[x]] == 0) else { continue };
        moved.insert(cl, v);
        bylines[k] -= 1;
        bylines[chain_of[v]] += 1;
    }
    moved
}

/// Headline-shaped lines that stand right over an article's first fragment but went to no
/// article, while that article took its headline from elsewhere (a page that prints its
/// headlines apart): such a line is the text's first line, a photo caption or a lead, not a
/// leftover. Returns the fragment starting the article → the line's block.
fn captions(blocks: &[Classified], c: &Continuity, chains: &[Vec<(usize, Option<f64>)>], placement: &Placement) -> BTreeMap<usize, usize> {
    chains
        .iter()
        .filter_map(|ch| {
            let start = ch.first()?.0;
            let headed = placement.heads.get(&start)?.iter().any(|h| h.role == Role::Headline);
            let &last = c.fragments[start].header.as_ref()?.blocks.last()?;
            let b = &blocks[last];
            // (a line whose words tie it to another article is that article's, read apart)
            let named_elsewhere = placement.named.get(&last).is_some_and(|&a| a != start);
            (headed && b.role == Role::Headline && b.block.pieces.len() == 1 && placement.unplaced.contains(&last) && !named_elsewhere).then_some((start, last))
        })
        .collect()
}

/// Builds the articles of a page from its blocks, fragments and chosen joins.
pub fn assemble(blocks: &[Classified], c: &Continuity, succ: &[Option<(usize, f64)>], placement: &Placement, rules: &Rules, explain: bool) -> (Vec<Article>, Vec<Leftover>) {
    let mut articles = Vec::new();
    let mut surplus = Vec::new();
    let chains = solve::chains(succ);
    let moved = floating_bylines(blocks, c, &chains, placement);
    let captions = captions(blocks, c, &chains, placement);
    let cut = CutWeights::new(rules);
    for chain in chains {
        let start = chain[0].0;
        let mut fields = Fields::default();
        let mut header_lines = Vec::new();
        // header lines by placement (content and position), other furniture by position
        let mut head: Vec<HeadLine> = placement.heads.get(&start).cloned().unwrap_or_default();
        // (the header's other lines: a byline under it; a box scraped cell by cell may print
        // its header over a later column, so text under a header may stand inside the chain)
        for h in chain.iter().filter_map(|&(i, _)| c.fragments[i].header.as_ref()) {
            head.extend(h.blocks.iter().filter(|&&b| !is_heading(&blocks[b]) && !moved.contains_key(&b)).map(|&b| HeadLine {
                blocks: vec![b],
                role: blocks[b].role,
                text: blocks[b].text.trim().to_string(),
            }));
        }
        for (&b, _) in moved.iter().filter(|(_, &to)| to == start) {
            head.push(HeadLine { blocks: vec![b], role: blocks[b].role, text: blocks[b].text.trim().to_string() });
        }
        head.sort_by_key(|h| h.blocks[0]);
        for h in head {
            fields.block_as(&blocks[h.blocks[0]], h.role, &h.text, rules);
            for &b in &h.blocks {
                header_lines.extend(lines_of(&blocks[b]));
            }
        }
        let mut paragraphs: Vec<String> = Vec::new();
        let mut provenance: Vec<Vec<Source>> = Vec::new();
        if let Some(&b) = captions.get(&start) {
            paragraphs.push(blocks[b].text.trim().to_string());
            provenance.push(vec![Source { lines: lines_of(&blocks[b]), join: None }]);
        }
        let mut joins = Vec::new();
        let mut prev_open = false;
        let mut last = start;
        for (i, score) in chain {
            let f = &c.fragments[i];
            let b = &blocks[f.block];
            let lines = lines_of(b);
            for furn in b.front.iter().chain(b.back.iter()) {
                fields.furniture(furn, &lines, None);
            }
            for &cl in f.closing.iter().filter(|cl| !moved.contains_key(cl)) {
                fields.block(&blocks[cl], rules);
                header_lines.extend(lines_of(&blocks[cl]));
            }
            let src = Source { lines: lines_of(b), join: score.map(confidence) };
            // (a caption or an intertitle printed without punctuation ends its paragraph, and so
            // does a text that announces a list with a colon before the list's first item:
            // 公告如下：| 一、……)
            let listed = c.fragments[last].text.trim_end().ends_with(['：', ':']) && crate::text::item_number(&f.text, rules).is_some();
            // (no paragraph opens on a closing quotation mark: ……作用。 | ”某某说 goes on)
            let closes_quote = f.text.starts_with(['”', '’']);
            let runs_on = (prev_open || closes_quote) && !listed && !(blocks[c.fragments[last].block].block.pieces.len() == 1 && c.stands_alone(last, i, &cut, rules));
            if runs_on && !paragraphs.is_empty() {
                paragraphs.last_mut().expect("not empty").push_str(&f.text);
                provenance.last_mut().expect("not empty").push(src);
            } else {
                paragraphs.push(f.text.clone());
                provenance.push(vec![src]);
            }
            if let (true, Some(s)) = (explain, score) {
                let mut e = if c.regridded.contains(&(last, i)) {
                    // set by the grid stage: the texts' own evidence, read as a grid
                    vec![Signal { name: "grid_reading", value: s }]
                } else {
                    c.graph.find_edge(c.nodes[last], c.nodes[i]).map(|e| c.graph[e].signals.clone()).unwrap_or_default()
                };
                // (why an open text's paragraph ended here: it reads as a caption or intertitle)
                if prev_open && !runs_on {
                    e.push(Signal { name: "paragraph_ends_standalone_line", value: 0.0 });
                }
                joins.push(JoinNote { from_line: *lines_of(&blocks[c.fragments[last].block]).last().unwrap_or(&0), to_line: b.block.first_line(), score: s, confidence: confidence(s), signals: e });
            }
            prev_open = f.open;
            last = i;
        }
        surplus.append(&mut fields.surplus);
        let end = &c.fragments[last];
        // (a text with nothing of an article's top, no headline, byline or dateline, is the
        // rest of an article printed elsewhere: the page lacks its start)
        let topless = fields.headline.is_none() && fields.kicker.is_none() && fields.byline.is_none() && fields.dateline.is_none();
        let truncated = end.open || fields.continues_to.is_some() || fields.continued_from.is_some() || c.fragments[start].mid_start || topless;
        articles.push(Article {
            kicker: fields.kicker,
            headline: fields.headline,
            subheadline: fields.subheadline,
            byline: fields.byline,
            authors: fields.authors,
            dateline: fields.dateline,
            continued_from: fields.continued_from,
            continues_to: fields.continues_to,
            truncated,
            paragraphs,
            provenance,
            header_lines,
            joins,
        });
    }
    // articles in the order of their first line on the page
    articles.sort_by_key(|a| a.header_lines.first().copied().into_iter().chain(a.provenance.iter().flatten().flat_map(|s| s.lines.first().copied())).min());
    let mut leftovers = Vec::new();
    let placed: std::collections::BTreeSet<usize> = placement.heads.values().flatten().flat_map(|h| h.blocks.iter().copied()).collect();
    let caption_lines: std::collections::BTreeSet<usize> = captions.values().copied().collect();
    for (i, b) in blocks.iter().enumerate() {
        if placed.contains(&i) || moved.contains_key(&i) || caption_lines.contains(&i) {
            continue;
        }
        if b.role == Role::Noise {
            leftovers.push(Leftover { lines: lines_of(b), text: b.block.text(), why: b.why.clone() });
        } else if c.stray.contains(&i) || placement.unplaced.contains(&i) || c.orphan_headers.iter().any(|h| h.blocks.contains(&i) && !is_heading(b)) {
            leftovers.push(Leftover { lines: lines_of(b), text: b.block.text(), why: format!("{:?} with no article", b.role).to_lowercase() });
        }
    }
    leftovers.append(&mut surplus);
    leftovers.sort_by_key(|l| l.lines.first().copied());
    (articles, leftovers)
}

#[cfg(test)]
mod tests {
    use crate::Rules;

    #[test]
    fn a_list_announced_with_a_colon_starts_a_paragraph_at_its_first_item() {
        let page = "## 关于某路段施工的公告\n\n为做好某路段改造工作，现将有关事项公告如下：\n\n一、施工期间某路段禁止机动车通行。\n\n二、请市民注意出行安全。\n";
        let got = crate::extract_text(page, &Rules::embedded());
        assert_eq!(got.articles.len(), 1, "{:#?}", got.articles);
        assert_eq!(got.articles[0].paragraphs, ["为做好某路段改造工作，现将有关事项公告如下：", "一、施工期间某路段禁止机动车通行。", "二、请市民注意出行安全。"]);
    }

    #[test]
    fn a_byline_under_two_headlines_goes_to_the_article_that_signs_nowhere_else() {
        // two boxes' headlines printed together over one byline and the second box's text,
        // which a reader's signature closes: the byline is the first box's, whose text stands
        // apart with no byline of its own
        let page = "某县物业公司不该随意涨价\n某市菜农盼望早日建成批发市场\n钱丙\n\n\
            我是某市某乡菜农，我家几代人都在这里种菜。近几年来，蔬菜产量一年比一年高。\n\
            我们盼望市里早日建成蔬菜批发市场，让种出来的菜卖得出去。\n\
            某省某市某乡一位村民\n\n\n\
            最近，某县一些物业公司未经业主同意就上调物业费，业主们意见很大。\n\
            各地物业主管部门应当加强监管，不能放任物业公司随意涨价。\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let by_headline = |h: &str| got.articles.iter().find(|a| a.headline.as_deref() == Some(h)).unwrap_or_else(|| panic!("no article {h}: {:#?}", got.articles));
        assert_eq!(by_headline("某县物业公司不该随意涨价").authors, ["钱丙"], "{:#?}", got.articles);
        assert_eq!(by_headline("某市菜农盼望早日建成批发市场").byline.as_deref(), Some("某省某市某乡一位村民"), "{:#?}", got.articles);
    }

    #[test]
    fn a_byline_read_at_a_column_foot_passes_over_signed_articles_to_one_with_none() {
        // a hard-wrapped page: a signed article's column ends on a number cut from its unit,
        // and another box's byline is printed there; the next article is signed, the one after
        // it is not: the byline goes to that one
        let page = [
            "某县图书馆延长开放时间",
            "",
            "本报记者 张某",
            "",
            "入冬以来，某县图书馆每天开放到晚上九",
            "点，还在二楼增设了自习区和少儿阅读区，",
            "受到附近居民和学生的欢迎。读者可以在网",
            "上预约座位。这个月办理的读者证比去年12",
            "",
            "本报记者 李某",
            "月多了三成，其中不少是带着孩子一起来的",
            "年轻家长。",
            "",
            "寒潮过后气温回升",
            "",
            "本报记者 王某",
            "",
            "市气象台昨日发布消息，受暖湿气流影",
            "响，未来三天全市气温将逐步回升，最高",
            "气温可达十五度，北部山区积雪将逐渐融",
            "化，出行的市民要注意交通安全。",
            "",
            "某村举办农民运动会",
            "",
            "某村日前举办第三届农民运动会，来自全",
            "村的两百多名村民参加了拔河、跳绳和踢",
            "毽子等比赛，现场欢声笑语不断，村民们",
            "纷纷表示很有意思。",
        ]
        .join("\n");
        let got = crate::extract_text(&page, &Rules::embedded());
        let by_headline = |h: &str| got.articles.iter().find(|a| a.headline.as_deref() == Some(h)).unwrap_or_else(|| panic!("no article {h}: {:#?}", got.articles));
        assert_eq!(by_headline("某县图书馆延长开放时间").authors, ["张某"], "{:#?}", got.articles);
        assert_eq!(by_headline("寒潮过后气温回升").authors, ["王某"], "{:#?}", got.articles);
        assert_eq!(by_headline("某村举办农民运动会").authors, ["李某"], "{:#?}", got.articles);
    }

    #[test]
    fn stacked_headlines_take_the_stacked_bylines_in_order() {
        // two headlines collected over a byline line and a lead that opens with its own
        // byline: the byline line goes with the first headline, the lead's with the second
        let page = "某市：节日瓜果货源充足价格平稳\n某区区长走访商场超市查看节日供应\n新华社某地12月30日电（记者赵甲、钱乙）\n\
            新华社某地2月2日电 （记者孙丙）“货源足不足？”2月1日上午，某区区长走进一家大型超市，了解货架上的货源。\n\
            区长要求，各商场超市要备足货源，稳定价格，方便群众购物。\n\n\n\
            记者从某市商务部门了解到，节日期间某市瓜果货源充足，价格总体平稳。\n\
            据介绍，某市各大批发市场瓜果日均上市量超过五千吨。\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let by_headline = |h: &str| got.articles.iter().find(|a| a.headline.as_deref() == Some(h)).unwrap_or_else(|| panic!("no article {h}: {:#?}", got.articles));
        assert_eq!(by_headline("某市：节日瓜果货源充足价格平稳").authors, ["赵甲", "钱乙"]);
        assert_eq!(by_headline("某区区长走访商场超市查看节日供应").authors, ["孙丙"]);
    }

    #[test]
    fn a_dateline_byline_trailing_one_article_swaps_with_the_byline_of_the_headline_that_went_to_it() {
        // an article's headline and byline stand over another article's headline and lead, and
        // that other article's byline (with its dateline) trails the first one's text
        let page = "某县歌舞团日前来到某市山区，为当地群众献上一场歌舞慰问演出。\n\
            歌舞团负责人说，本次歌舞演出要让群众在家门口看上好节目。\n\
            某市新闻网某市1月18日讯（记者 赵甲 通讯员 钱乙）\n\n\
            歌舞团赴某市山区慰问演出\n本报某市12月29日电（记者孙丙）\n\n\
            某县书画家下乡送春联\n\n\
            1月18日上午，某县书画协会组织了二十位书画家到某村举办送春联活动。\n\
            书画家们现场挥毫，为村民写下一千多幅春联。\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let by_headline = |h: &str| got.articles.iter().find(|a| a.headline.as_deref() == Some(h)).unwrap_or_else(|| panic!("no article {h}: {:#?}", got.articles));
        assert_eq!(by_headline("歌舞团赴某市山区慰问演出").authors, ["孙丙"]);
        assert_eq!(by_headline("某县书画家下乡送春联").authors, ["赵甲", "钱乙"]);
        assert_eq!(by_headline("某县书画家下乡送春联").dateline.as_deref(), Some("某市新闻网某市1月18日讯"));
    }

    #[test]
    fn on_a_page_of_collected_headlines_a_headline_shaped_line_over_text_is_its_caption() {
        // the page prints its headlines at the end; the short line over the second article's
        // text names it less than its collected headline does (the second shares a word with
        // the text, which standing over it no longer outweighs on such a page): it is a photo
        // caption
        for caption in ["一位老人骑车赶集", "一位老人走在水泥路上"] {
            let page = format!(
                "入冬以来，某市各社区图书室延长开放时间，每天开放到晚上九点，吸引了不少居民。\n\
                管理员说，晚上来看书的年轻人明显多了起来。\n\n{caption}\n\n\
                某村今年新修了一条通往镇上的水泥路，全长三公里，村民出行方便多了。\n\
                修路的钱由村集体和村民共同筹集，村民们还义务出工。\n\n\
                社区图书室延时开放受欢迎\n\n\
                某村新修水泥路三公里通到镇上\n"
            );
            let got = crate::extract_text(&page, &Rules::embedded());
            let road = got.articles.iter().find(|a| a.headline.as_deref() == Some("某村新修水泥路三公里通到镇上")).unwrap_or_else(|| panic!("{:#?}", got.articles));
            assert_eq!(road.paragraphs[0], caption);
            assert_eq!(road.provenance[0][0].lines, [4]);
            assert!(got.articles.iter().any(|a| a.headline.as_deref() == Some("社区图书室延时开放受欢迎")));
            assert!(got.leftovers.is_empty(), "{:#?}", got.leftovers);
            assert!(crate::check::conservation(&crate::Page::from_text(&page), &got, &Rules::embedded()).is_ok());
        }
    }

    #[test]
    fn a_caption_printed_without_punctuation_is_a_paragraph_of_its_own() {
        // an e-paper page that prints a paragraph a line: the photo caption ends without
        // punctuation, but the line after it opens a sentence and no word runs across; the
        // line cut before a comma runs on
        let page = "## 某县社区图书室延时开放受欢迎\n\n本报讯（记者 赵甲）\n\n\
            入冬以来，某县各社区图书室每天开放到晚上九点，还增设了自习区和儿童阅读角，吸引了不少居民前来看书学习。\n\n\
            居民在社区图书室里挑选新到的图书\n\n\
            晚上来看书的年轻人明显多了起来，管理员说，不少人下班后直接来到图书室，一坐就是两三个小时\n\n\
            ，自习区常常一座难求。图书室还为老人准备了大字版图书和老花镜，方便他们阅读。\n\n\
            据了解，全县已有三十多个社区图书室延长了开放时间，明年还将新建十个社区图书室。\n";
        let got = crate::extract_text(page, &Rules::embedded());
        assert_eq!(got.articles.len(), 1, "{:#?}", got.articles);
        assert_eq!(
            got.articles[0].paragraphs,
            [
                "入冬以来，某县各社区图书室每天开放到晚上九点，还增设了自习区和儿童阅读角，吸引了不少居民前来看书学习。",
                "居民在社区图书室里挑选新到的图书",
                "晚上来看书的年轻人明显多了起来，管理员说，不少人下班后直接来到图书室，一坐就是两三个小时，自习区常常一座难求。图书室还为老人准备了大字版图书和老花镜，方便他们阅读。",
                "据了解，全县已有三十多个社区图书室延长了开放时间，明年还将新建十个社区图书室。",
            ]
        );
        assert_eq!(got.articles[0].provenance[1][0].lines, [7]);
        // --explain says why the paragraph ended there
        let explained = crate::extract(&crate::Page::from_text(page), &Rules::embedded(), crate::Options { explain: true });
        let why = |from: usize| explained.articles[0].joins.iter().find(|j| j.from_line == from).map(|j| j.signals.iter().any(|s| s.name == "paragraph_ends_standalone_line"));
        assert_eq!(why(7), Some(true), "{:#?}", explained.articles[0].joins);
        assert_eq!(why(9), Some(false), "{:#?}", explained.articles[0].joins);
    }

    #[test]
    fn the_byline_under_a_header_inside_a_chain_goes_to_its_article() {
        // a box scraped cell by cell with its header over its last column: the grid stage
        // reads the text under the header after the box's first cell, so the headed fragment
        // stands inside the chain; its byline is the article's, not a leftover
        let page = "某县流动借阅点已覆盖全部乡镇，借阅点设在乡镇文化站和村委会，\n\n\
            ## 某县流动借阅点覆盖全部乡镇\n\n◆本报记者 赵甲\n\n\
            读者凭一张借书证就能在各点之间通借通还，一年来借出图书三千余册。\n";
        let rules = Rules::embedded();
        let p = crate::Page::from_text(page);
        let blocks = crate::blocks::blocks(&p, &rules, crate::blocks::detect_layout(&p, &rules));
        let classified = crate::classify::classify(blocks, &rules);
        let (c, mut succ) = crate::solve::read_joins(&classified, &rules, crate::joins::Order::Page);
        assert_eq!(c.fragments.len(), 2);
        assert!(c.fragments[1].header.is_some());
        succ[0] = Some((1, 1.0));
        let placement = crate::headers::place(&classified, &c, &succ, &rules);
        let (articles, leftovers) = super::assemble(&classified, &c, &succ, &placement, &rules, false);
        assert_eq!(articles.len(), 1, "{articles:#?}");
        assert_eq!(articles[0].authors, ["赵甲"], "{articles:#?} {leftovers:#?}");
        assert!(leftovers.is_empty(), "{leftovers:#?}");
    }

    #[test]
    fn a_byline_collected_under_its_headline_at_the_page_end_follows_it() {
        let page = "入冬以来，社区图书馆每天开放到晚上九点，还增设了自习区，延时开放受到读者欢迎。\n\
            馆员老周说，读者多了，图书馆也更热闹了。\n\n\
            社区图书馆延时开放受欢迎\n本报某地1月2日电（记者赵甲 通讯员钱乙）\n";
        let got = crate::extract_text(page, &Rules::embedded());
        assert_eq!(got.articles.len(), 1, "{:#?}", got.articles);
        assert_eq!(got.articles[0].authors, ["赵甲", "钱乙"]);
        assert!(got.leftovers.is_empty(), "{:#?}", got.leftovers);
        assert!(crate::check::conservation(&crate::Page::from_text(page), &got, &Rules::embedded()).is_ok());
    }
}
