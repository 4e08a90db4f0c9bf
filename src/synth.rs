//! Synthetic damaged pages with known truth: gold articles re-cut at random places into
//! column blocks (mid-word cuts included) and interleaved in new orders, continuations
//! before their headlines included. A seeded generator: the same seed, the same page.

use crate::eval::{Gold, GoldArticle, GoldPara};

/// SplitMix64: small, fast, good enough for test data, and stable across platforms.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// The next 64 random bits (splitmix64).
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..hi` (`lo` when the range is empty).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo {
            lo
        } else {
            lo + (self.next_u64() % (hi - lo) as u64) as usize
        }
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.range(0, i + 1);
            v.swap(i, j);
        }
    }
}

/// A generated page and its truth.
#[derive(Debug, Clone)]
pub struct SynthPage {
    pub text: String,
    pub gold: Gold,
}

/// Articles fit to be re-cut: a headline and a body of some length, each document once
/// (several gold pages can hold the same article; a page must not hold it twice).
pub fn usable(articles: &[GoldArticle]) -> Vec<GoldArticle> {
    let mut seen = std::collections::HashSet::new();
    articles
        .iter()
        .filter(|a| a.headline.is_some() && a.fragments().iter().map(|f| f.chars().count()).sum::<usize>() >= 120)
        .filter(|a| seen.insert(a.fragments().concat().chars().filter(|c| !c.is_whitespace()).take(60).collect::<String>()))
        .cloned()
        .collect()
}

/// The articles the generator draws from: those of gold pages, then source articles
/// ([`articles_from_json`]), the ones fit to be re-cut ([`usable`]).
pub fn pool(golds: impl IntoIterator<Item = crate::eval::Gold>, sources: Vec<GoldArticle>) -> Vec<GoldArticle> {
    let articles: Vec<GoldArticle> = golds.into_iter().flat_map(page_articles).chain(sources).collect();
    usable(&articles)
}

/// The articles of a gold page, each given the page as its topic unless it has one: the
/// articles printed together on a real page make a page's theme for the generator.
fn page_articles(gold: crate::eval::Gold) -> Vec<GoldArticle> {
    let source = gold.source;
    gold.articles
        .into_iter()
        .map(|mut a| {
            a.topic.get_or_insert_with(|| source.clone());
            a
        })
        .collect()
}

/// The source articles of a development set (`articles.json`: headline, byline, authors,
/// dateline, paragraphs ...) as gold articles with one fragment per paragraph.
pub fn articles_from_json(text: &str) -> Result<Vec<GoldArticle>, String> {
    #[derive(serde::Deserialize)]
    struct Src {
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        kind: Option<String>,
        #[serde(default)]
        headline: Option<String>,
        #[serde(default)]
        dateline: Option<String>,
        #[serde(default)]
        byline: Option<String>,
        #[serde(default)]
        authors: Vec<String>,
        #[serde(default)]
        paragraphs: Vec<String>,
        #[serde(default)]
        topic: Option<String>,
    }
    let src: Vec<Src> = serde_json::from_str(text).map_err(|e| format!("articles JSON: {e}"))?;
    Ok(src
        .into_iter()
        .map(|s| GoldArticle {
            id: s.id,
            kind: s.kind,
            headline: s.headline,
            dateline: s.dateline,
            byline: s.byline,
            authors: s.authors,
            body: s.paragraphs.into_iter().filter(|p| !p.trim().is_empty()).map(GoldPara::One).collect(),
            topic: s.topic,
            ..Default::default()
        })
        .collect())
}

/// The articles of a page, as indices into `pool`: 2-4 of them, drawn so that a page mostly
/// holds articles of one topic (a newspaper page has a theme: a page of trade-union news, of
/// ecology, of commerce), where telling articles apart by the words they share is hard. The
/// first article is drawn from the whole pool; each further one, three times in four, from
/// the first one's topic while it has articles left, else from the whole pool.
fn draw_articles(pool: &[GoldArticle], rng: &mut Rng) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..pool.len()).collect();
    rng.shuffle(&mut idx);
    let k = rng.range(2, 5).min(pool.len());
    let Some((&first, rest)) = idx.split_first() else { return vec![] };
    let mut out = vec![first];
    let mut left: Vec<usize> = rest.to_vec();
    let same = |i: &usize| pool[first].topic.is_some() && pool[*i].topic == pool[first].topic;
    while out.len() < k && !left.is_empty() {
        let topical = rng.range(0, 4) > 0;
        let at = if topical { left.iter().position(same).unwrap_or(0) } else { 0 };
        out.push(left.remove(at));
    }
    out
}

/// The drawn articles of a page with their place among them, each headline once (the pool
/// may hold one article under two gold pages).
fn distinct<'a>(pool: &'a [GoldArticle], idx: &[usize]) -> Vec<(usize, &'a GoldArticle, String)> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (ai, &pi) in idx.iter().enumerate() {
        let headline = pool[pi].headline.clone().unwrap_or_default();
        if !seen.contains(&headline) {
            seen.push(headline.clone());
            out.push((ai, &pool[pi], headline));
        }
    }
    out
}

/// A byline that opens with the article's dateline (本报某地1月1日电（记者 某）), printed at the
/// head of the lead paragraph.
fn dateline_led(byline: &Option<String>, dateline: &Option<String>) -> bool {
    matches!((byline, dateline), (Some(b), Some(d)) if b.starts_with(d.as_str()) && b.len() > d.len())
}

/// What a page prints before the lead's first word: a dateline-led byline whole, else the
/// dateline alone and a space (本报讯 , 新华社 ), as pages print it when the byline stands
/// apart or there is none; nothing without a dateline. Neither is part of the gold body.
fn lead_opening(byline: &Option<String>, dateline: &Option<String>) -> String {
    match (byline, dateline) {
        (Some(b), _) if dateline_led(byline, dateline) => b.clone(),
        (_, Some(d)) if !d.trim().is_empty() => format!("{} ", d.trim()),
        _ => String::new(),
    }
}

/// How a text layer's extractor spaces the lines of a hard-wrapped page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Spacing {
    /// A blank line after every line.
    #[default]
    Double,
    /// A blank line after each text box only (a column's run of lines, a header), as
    /// pdfminer parts its boxes: the blank lines tell the boxes apart.
    Boxes,
    /// No blank lines at all (pdftotext, PyMuPDF): only widths and text tell boxes apart.
    Single,
}

/// How a generated page is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Hard-wrap text at this many characters per line, every line followed by a blank line,
    /// no heading marks, and a headline printed after its article's body half the time (a
    /// PDF text layer); `None`: an e-paper scrape, headlines marked `##`.
    pub wrap: Option<usize>,
    /// Keep each article's blocks together in reading order (a text layer read column by
    /// column) instead of shuffling all blocks of the page.
    pub in_order: bool,
    /// Set each article in a column of its own width (the `wrap` width give or take four
    /// characters), and read the last column of one article under the next article's
    /// headline half the time (a text layer that reads a headline, then the foot of the
    /// column beside it, then the headline's body).
    pub boxes: bool,
    /// The blank lines of a hard-wrapped page (an e-paper scrape has one after every line).
    pub spacing: Spacing,
}

impl Style {
    /// An e-paper scrape: headlines marked, blocks of all articles shuffled.
    pub const SCRAPE: Style = Style { wrap: None, in_order: false, boxes: false, spacing: Spacing::Double };
    /// A PDF text layer: hard-wrapped at 16 characters, articles in reading order.
    pub const PDF: Style = Style { wrap: Some(16), in_order: true, boxes: false, spacing: Spacing::Double };
    /// A PDF text layer of boxes set in columns of different widths, a column's foot read
    /// under the next box's headline now and then.
    pub const PDF_BOXES: Style = Style { wrap: Some(16), in_order: true, boxes: true, spacing: Spacing::Double };

    /// This style with the given blank lines.
    pub const fn spaced(self, spacing: Spacing) -> Style {
        Style { spacing, ..self }
    }
}

struct Line {
    text: String,
}

/// Makes one page from 2-4 of `pool`'s articles, printed as an e-paper scrape.
pub fn page(pool: &[GoldArticle], seed: u64) -> SynthPage {
    page_with(pool, seed, Style::default())
}

/// Cuts a string into lines `width` full-width characters wide (the last may be shorter), as
/// a layout sets a column: half-width digits and letters take half a place, and punctuation
/// that may not open a line stays at the end of the line before.
pub(crate) fn wrap(s: &str, width: usize) -> Vec<String> {
    const NO_START: &[char] = &['，', '。', '、', '；', '：', '？', '！', '”', '’', '）', '》', ',', '.', ';', ':', '?', '!', ')'];
    // widths in half-width cells, as the tool measures a column's lines
    let cells = crate::text::char_width;
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut n = 0;
    for c in s.chars() {
        if n + cells(c) > 2 * width.max(1) && !NO_START.contains(&c) {
            lines.push(std::mem::take(&mut cur));
            n = 0;
        }
        cur.push(c);
        n += cells(c);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Makes one page from 2-4 of `pool`'s articles: each cut into 2-4 blocks at random places
/// (mid-word included), bylines printed above the body, opening it or closing it, and all
/// blocks of the page shuffled.
pub fn page_with(pool: &[GoldArticle], seed: u64, style: Style) -> SynthPage {
    let mut rng = Rng::new(seed);
    let idx = draw_articles(pool, &mut rng);
    let mut blocks: Vec<(usize, usize, Vec<Line>)> = Vec::new(); // (article, block no, lines)
    let mut golds = Vec::new();
    let mut headline_of = std::collections::BTreeMap::new();
    let mut collected: Vec<String> = Vec::new();
    for (ai, src, headline) in distinct(pool, &idx) {
        // where the byline is printed: a dateline-led byline opens the lead paragraph, other
        // bylines stand above the body or close it
        #[derive(PartialEq)]
        enum At {
            None,
            Inline,
            Top,
            Trail,
        }
        let byline = src.byline.clone().filter(|b| !b.trim().is_empty());
        let at = match &byline {
            None => At::None,
            Some(_) if dateline_led(&byline, &src.dateline) => At::Inline,
            _ if rng.range(0, 2) == 0 => At::Top,
            _ => At::Trail,
        };
        // paragraphs as whole strings, then cut points in the character stream
        let paras: Vec<Vec<char>> = src.body.iter().map(|p| p.text().chars().collect()).filter(|p: &Vec<char>| !p.is_empty()).collect();
        let total: usize = paras.iter().map(Vec::len).sum();
        let nblocks = rng.range(2, 5);
        let mut body: Vec<Vec<String>> = Vec::new();
        let mut block_lines: Vec<Vec<Line>> = vec![Vec::new()];
        match style.wrap.map(|w| if style.boxes { w + rng.range(0, 9) - 4 } else { w }) {
            Some(w) => {
                // a PDF layer: each paragraph set as a whole in a column of `w` characters;
                // the column breaks fall at line ends (the line there is full, the cut may
                // still split a word: 威信|县)
                let mut stream: Vec<String> = Vec::new();
                for (k, p) in paras.iter().enumerate() {
                    let piece: String = p.iter().collect();
                    let prefix = if k == 0 { lead_opening(&byline, &src.dateline) } else { String::new() };
                    let mut frags = Vec::new();
                    // the lead's opening (byline or dateline) is printed with it (over one line or more), not in the gold
                    let mut skip = prefix.chars().count();
                    for chunk in wrap(&format!("{prefix}{piece}"), w) {
                        let n = chunk.chars().count();
                        let gold: String = chunk.chars().skip(skip).collect();
                        skip = skip.saturating_sub(n);
                        if !gold.trim().is_empty() {
                            frags.push(gold);
                        }
                        stream.push(chunk);
                    }
                    body.push(frags);
                }
                let mut cuts: Vec<usize> = (1..nblocks).map(|_| rng.range(1, stream.len().max(2))).collect();
                cuts.sort_unstable();
                cuts.dedup();
                for (i, chunk) in stream.into_iter().enumerate() {
                    if cuts.contains(&i) {
                        block_lines.push(Vec::new());
                    }
                    block_lines.last_mut().expect("one block at least").push(Line { text: chunk });
                }
            }
            None => {
                // an e-paper scrape: paragraphs one a line, cut at random places (mid-word too)
                let mut cuts: Vec<usize> = (1..nblocks).map(|_| rng.range(8, total.saturating_sub(8).max(9))).collect();
                cuts.sort_unstable();
                cuts.dedup();
                let mut offset = 0;
                for p in &paras {
                    let mut frags = Vec::new();
                    let mut start = 0;
                    for &c in cuts.iter().filter(|&&c| c > offset && c < offset + p.len()) {
                        let piece: String = p[start..c - offset].iter().collect();
                        frags.push(piece.clone());
                        block_lines.last_mut().expect("one block at least").push(Line { text: piece });
                        block_lines.push(Vec::new());
                        start = c - offset;
                    }
                    let piece: String = p[start..].iter().collect();
                    frags.push(piece.clone());
                    block_lines.last_mut().expect("one block at least").push(Line { text: piece });
                    if cuts.contains(&(offset + p.len())) {
                        block_lines.push(Vec::new());
                    }
                    offset += p.len();
                    body.push(frags);
                }
            }
        }
        // trim white space the way a page line would be trimmed
        let body: Vec<GoldPara> = body.into_iter().map(|frags| GoldPara::Many(frags.into_iter().map(|f| f.trim().to_string()).filter(|f| !f.is_empty()).collect())).collect();
        // a PDF layer reads a headline above its body, after it (set beside or under the
        // columns), or with the other headlines of the page at its end
        let headline_at = if style.wrap.is_some() { rng.range(0, 4) } else { 0 };
        let headline_after = headline_at == 2;
        if headline_at == 3 {
            collected.push(headline.clone());
        }
        let nonempty: Vec<usize> = (0..block_lines.len()).filter(|&i| block_lines[i].iter().any(|l| !l.text.trim().is_empty())).collect();
        let (first, last) = (nonempty.first().copied(), nonempty.last().copied());
        for (bi, mut lines) in block_lines.into_iter().enumerate() {
            lines.retain(|l| !l.text.trim().is_empty());
            if lines.is_empty() {
                continue;
            }
            if Some(bi) == first {
                if style.wrap.is_none() {
                    lines[0].text = format!("{}{}", lead_opening(&byline, &src.dateline), lines[0].text);
                }
                if let (At::Top, Some(b)) = (&at, &byline) {
                    lines.insert(0, Line { text: b.clone() });
                }
                match style.wrap {
                    None => lines.insert(0, Line { text: format!("## {headline}") }),
                    Some(_) if headline_at < 2 => lines.insert(0, Line { text: headline.clone() }),
                    Some(_) => {}
                }
            }
            if Some(bi) == last {
                if let (At::Trail, Some(b)) = (&at, &byline) {
                    lines.push(Line { text: b.clone() });
                }
                // a PDF layer reads a headline set beside or under its columns after the body
                if style.wrap.is_some() && headline_after {
                    lines.push(Line { text: headline.clone() });
                }
            }
            blocks.push((ai, bi, lines));
        }
        headline_of.insert(ai, headline.clone());
        golds.push(gold_article(ai, src, headline, byline.clone(), body));
    }
    // interleave: a random order of all blocks
    if !style.in_order {
        rng.shuffle(&mut blocks);
    } else if rng.range(0, 3) == 0 {
        // a column read out of order: an article's last column after the next article's first
        let cand: Vec<usize> = (1..blocks.len()).filter(|&i| blocks[i].1 > 0 && blocks.get(i + 1).is_some_and(|n| n.0 != blocks[i].0)).collect();
        if !cand.is_empty() {
            let i = cand[rng.range(0, cand.len())];
            let moved = blocks.remove(i);
            let to = (i + 1).min(blocks.len());
            blocks.insert(to, moved);
        }
    }
    if style.boxes && rng.range(0, 2) == 0 {
        // the foot of one article's last column read under the next article's headline
        // (printed over that article's first block)
        let cand: Vec<usize> =
            (1..blocks.len()).filter(|&i| blocks[i].1 > 0 && blocks.get(i + 1).is_some_and(|n| n.0 != blocks[i].0 && n.1 == 0 && headline_of.get(&n.0) == Some(&n.2[0].text))).collect();
        if !cand.is_empty() {
            let i = cand[rng.range(0, cand.len())];
            let foot = blocks.remove(i);
            let next = &mut blocks[i].2;
            next.splice(1..1, foot.2);
        }
    }
    rng.shuffle(&mut collected);
    if !collected.is_empty() {
        blocks.push((usize::MAX, 0, collected.into_iter().map(|text| Line { text }).collect()));
    }
    let mut text = String::new();
    let spacing = if style.wrap.is_some() { style.spacing } else { Spacing::Double };
    for (_, _, lines) in &blocks {
        for l in lines {
            text.push_str(l.text.trim());
            text.push_str(if spacing == Spacing::Double { "\n\n" } else { "\n" });
        }
        if spacing == Spacing::Boxes {
            text.push('\n');
        }
    }
    SynthPage { text, gold: Gold { source: format!("synth-{seed}.txt"), articles: golds, noise: vec![] } }
}

/// The truth of the `ai`th article of a generated page: its source's authors that the printed
/// byline names (none without one); its dateline is printed in the byline or opening the lead.
fn gold_article(ai: usize, src: &GoldArticle, headline: String, byline: Option<String>, body: Vec<GoldPara>) -> GoldArticle {
    GoldArticle {
        id: Some(format!("synth-{ai}")),
        kind: Some("news".into()),
        headline: Some(headline),
        // the names the printed byline gives (a reprint's source line names none)
        authors: byline.as_deref().map_or(vec![], |b| {
            let b: String = b.chars().filter(|c| !c.is_whitespace()).collect();
            src.authors.iter().filter(|a| b.contains(a.as_str())).cloned().collect()
        }),
        // printed in the byline or opening the lead (see `lead_opening`)
        dateline: src.dateline.clone().filter(|d| !d.trim().is_empty()),
        byline,
        truncated: false,
        body,
        ..Default::default()
    }
}

/// Makes one page from 2-4 of `pool`'s articles, printed as an e-paper scrape read cell by
/// cell: each article is set in a box of 2-4 columns (14-18 characters a line), each column
/// cut into 2-3 bands at the same rows; the scraper reads the cells in order of their top
/// (band by band across every box that starts there) and prints each cell's pieces of
/// paragraph one a line. The page carries the e-paper's navigation links. One page in three
/// prints its headlines and bylines plain, without heading or bullet marks.
pub fn cells_page(pool: &[GoldArticle], seed: u64) -> SynthPage {
    // drawn apart from the layout, so that the marks do not change any page's cells
    let marked = Rng::new(seed ^ 0x6d61_726b).range(0, 3) > 0;
    cells_page_marked(pool, seed, marked)
}

/// [`cells_page`] with its headlines marked (`## `, `◆` before the byline) or plain.
pub fn cells_page_marked(pool: &[GoldArticle], seed: u64, marked: bool) -> SynthPage {
    cells_page_with(pool, seed, marked, false)
}

/// [`cells_page`] whose boxes set their header where e-paper layouts sometimes do: over the
/// box's last column (read after the first band of the other columns) for one box in three,
/// under the body (read after the whole box) for another one in three. The cells and marks are
/// those of the same seed's [`cells_page`]; only the headers move.
pub fn cells_page_displaced(pool: &[GoldArticle], seed: u64) -> SynthPage {
    let marked = Rng::new(seed ^ 0x6d61_726b).range(0, 3) > 0;
    cells_page_with(pool, seed, marked, true)
}

fn cells_page_with(pool: &[GoldArticle], seed: u64, marked: bool, displaced: bool) -> SynthPage {
    let mut rng = Rng::new(seed);
    let mut place = Rng::new(seed ^ 0x6865_6164);
    let idx = draw_articles(pool, &mut rng);
    // (top row, box, order within the box, lines)
    let mut cells: Vec<(usize, usize, usize, Vec<String>)> = Vec::new();
    let mut golds = Vec::new();
    let mut top = 0;
    for (ai, src, headline) in distinct(pool, &idx) {
        let width = rng.range(14, 19);
        let columns = rng.range(2, 5);
        // the text set in lines: (paragraph, line text)
        let mut lines: Vec<(usize, String)> = Vec::new();
        for (pn, p) in src.body.iter().enumerate() {
            for l in wrap(p.text().trim(), width) {
                lines.push((pn, l));
            }
        }
        if lines.is_empty() {
            continue;
        }
        let rows = lines.len().div_ceil(columns);
        let bands = rng.range(2, 4).min(rows);
        let mut breaks: Vec<usize> = (1..bands).map(|_| rng.range(1, rows)).collect();
        breaks.push(0);
        breaks.push(rows);
        breaks.sort_unstable();
        breaks.dedup();
        // boxes start at different heights: two may share a top, then read side by side
        if ai > 0 && rng.range(0, 3) > 0 {
            top += rng.range(1, rows.max(2));
        }
        let byline = src.byline.clone().filter(|b| !b.trim().is_empty());
        let mut body: Vec<Vec<String>> = Vec::new();
        let mut text_cells: Vec<(usize, usize, Vec<String>)> = Vec::new();
        for c in 0..columns {
            for b in breaks.windows(2) {
                let (from, to) = ((c * rows + b[0]).min(lines.len()), (c * rows + b[1]).min(lines.len()));
                if from >= to {
                    continue;
                }
                // the cell's pieces of paragraph, one a line; each is a gold fragment
                let mut pieces: Vec<String> = Vec::new();
                let mut last_para = None;
                for (pn, l) in &lines[from..to] {
                    if last_para == Some(*pn) {
                        pieces.last_mut().expect("a piece was started").push_str(l);
                    } else {
                        pieces.push(l.clone());
                        while body.len() <= *pn {
                            body.push(Vec::new());
                        }
                    }
                    last_para = Some(*pn);
                }
                // the gold: each piece goes to its paragraph
                let mut paras: Vec<usize> = lines[from..to].iter().map(|x| x.0).collect();
                paras.dedup();
                for (piece, pn) in pieces.iter().zip(paras) {
                    body[pn].push(piece.clone());
                }
                // the lead opens with the dateline (a dateline-led byline stands in the header)
                if from == 0 && !dateline_led(&byline, &src.dateline) {
                    pieces[0] = format!("{}{}", lead_opening(&None, &src.dateline), pieces[0]);
                }
                text_cells.push((b[0], c, pieces));
            }
        }
        let (hmark, bmark) = if marked { ("## ", "◆") } else { ("", "") };
        let header = std::iter::once(format!("{hmark}{headline}")).chain(byline.iter().map(|b| format!("{bmark}{b}"))).collect();
        // (within a box, cells are read in this order: the header, then column by column)
        match if displaced { place.range(0, 3) } else { 0 } {
            0 => cells.push((top, ai, 0, header)),
            1 => cells.push((top, ai, 2 * columns - 1, header)),
            _ => cells.push((top + rows, ai, 0, header)),
        }
        for (row, c, pieces) in text_cells {
            cells.push((top + row, ai, 2 * (1 + c), pieces));
        }
        golds.push(gold_article(ai, src, headline, byline, body.into_iter().filter(|f| !f.is_empty()).map(GoldPara::Many).collect()));
    }
    // the scraper's order: by top, then left to right
    cells.sort_by_key(|c| (c.0, c.1, c.2));
    let mut text = String::from("上一版　下一版\n\n返回目录\n\n");
    for (_, _, _, lines) in &cells {
        for l in lines {
            text.push_str(l.trim());
            text.push_str("\n\n");
        }
    }
    text.push_str("分享到：\n");
    SynthPage { text, gold: Gold { source: format!("synth-cells-{seed}.txt"), articles: golds, noise: vec![] } }
}

/// Makes one page from 2-4 of `pool`'s articles, printed as a PDF text layer whose extractor
/// sorts lines by their height: boxes set side by side come out read across, a line of the
/// left box, a line of the right box, and so on; where one box ends the other's lines follow
/// one another. The page's articles stand in groups of two or three boxes side by side (a box
/// alone now and then), each group's headlines printed first, then its lines across. The boxes
/// of half the pages are set 36-41 characters wide (as dev page 504's are), of the others
/// 14-19 (a newspaper's columns: such a page reads as hard-wrapped), every line on a page line
/// of its own with no blank line between (the text layer's lines), a dateline-led byline
/// opening the lead and any other byline standing as the box's first or last line.
pub fn across_page(pool: &[GoldArticle], seed: u64) -> SynthPage {
    let mut rng = Rng::new(seed);
    let idx = draw_articles(pool, &mut rng);
    let narrow = rng.range(0, 2) == 0;
    let mut golds = Vec::new();
    // (headline, the box's lines)
    let mut boxes: Vec<(String, Vec<String>)> = Vec::new();
    for (ai, src, headline) in distinct(pool, &idx) {
        let width = if narrow { rng.range(14, 20) } else { rng.range(36, 42) };
        let byline = src.byline.clone().filter(|b| !b.trim().is_empty());
        let inline = dateline_led(&byline, &src.dateline);
        let mut lines: Vec<String> = Vec::new();
        let mut body: Vec<GoldPara> = Vec::new();
        let top = byline.is_some() && !inline && rng.range(0, 2) == 0;
        if let (true, Some(b)) = (top, &byline) {
            lines.push(b.clone());
        }
        for (k, p) in src.body.iter().enumerate() {
            let text = p.text().trim().to_string();
            let prefix = if k == 0 { lead_opening(&byline, &src.dateline) } else { String::new() };
            // the lead's opening (byline or dateline) is printed with it, not in the gold
            let mut skip = prefix.chars().count();
            let mut frags = Vec::new();
            for line in wrap(&format!("{prefix}{text}"), width) {
                let n = line.chars().count();
                let gold: String = line.chars().skip(skip).collect::<String>().trim().to_string();
                skip = skip.saturating_sub(n);
                if !gold.is_empty() {
                    frags.push(gold);
                }
                lines.push(line);
            }
            if !frags.is_empty() {
                body.push(GoldPara::Many(frags));
            }
        }
        if let (false, false, Some(b)) = (top, inline, &byline) {
            lines.push(b.clone());
        }
        golds.push(gold_article(ai, src, headline.clone(), byline, body));
        boxes.push((headline, lines));
    }
    let mut text = String::new();
    let mut rest = &boxes[..];
    while !rest.is_empty() {
        let k = match rest.len() {
            1 => 1,
            2 => {
                if rng.range(0, 4) > 0 {
                    2
                } else {
                    1
                }
            }
            _ => [1, 2, 2, 2, 3, 3][rng.range(0, 6)],
        };
        let (group, after) = rest.split_at(k.min(rest.len()));
        rest = after;
        for (headline, _) in group {
            text.push_str(headline);
            text.push('\n');
        }
        let rows = group.iter().map(|g| g.1.len()).max().unwrap_or(0);
        for r in 0..rows {
            for (_, lines) in group {
                if let Some(l) = lines.get(r) {
                    text.push_str(l.trim());
                    text.push('\n');
                }
            }
        }
    }
    SynthPage { text, gold: Gold { source: format!("synth-across-{seed}.txt"), articles: golds, noise: vec![] } }
}

/// A benchmark corpus: the pages named by the gold files of `gold_dir` (read from
/// `pages_dir`), then `count` pages made from their articles. Returns (file name, text).
pub fn corpus(gold_dir: &std::path::Path, pages_dir: &std::path::Path, count: u64) -> Result<Vec<(String, String)>, String> {
    let mut golds: Vec<std::path::PathBuf> =
        std::fs::read_dir(gold_dir).map_err(|e| format!("{}: {e}", gold_dir.display()))?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect();
    golds.sort();
    let mut out = Vec::new();
    let mut gold_pages = Vec::new();
    for g in golds {
        let gold = crate::eval::load_gold(&g)?;
        let page = pages_dir.join(&gold.source);
        let text = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        out.push((gold.source.clone(), text));
        gold_pages.push(gold);
    }
    let pool = pool(gold_pages, vec![]);
    if pool.len() < 2 {
        return Err(format!("{}: fewer than two usable gold articles to make pages from", gold_dir.display()));
    }
    for seed in 0..count {
        out.push((format!("synthetic/{:03}/{seed:06}.txt", seed / 1000), page(&pool, seed).text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_mostly_holds_articles_of_one_topic() {
        let article = |topic: &str, n: usize| GoldArticle { headline: Some(format!("{topic}{n}")), topic: Some(topic.into()), ..Default::default() };
        let pool: Vec<GoldArticle> = (0..6).flat_map(|n| [article("甲", n), article("乙", n), article("丙", n)]).collect();
        let (mut one_topic, mut mixed) = (0, 0);
        for seed in 0..300 {
            let drawn = draw_articles(&pool, &mut Rng::new(seed));
            assert!((2..=4).contains(&drawn.len()), "{drawn:?}");
            let mut unique = drawn.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), drawn.len(), "an article drawn twice: {drawn:?}");
            if drawn.iter().all(|&i| pool[i].topic == pool[drawn[0]].topic) {
                one_topic += 1;
            } else {
                mixed += 1;
            }
        }
        // drawn from the whole pool, a page of 2-4 articles would be of one topic about one
        // time in five; three in four further articles from the first one's topic make most
        assert!(one_topic > 150 && mixed > 30, "one topic {one_topic}, mixed {mixed}");
    }

    #[test]
    fn a_gold_page_is_its_articles_topic() {
        let gold = crate::eval::Gold { source: "某页.txt".into(), articles: vec![GoldArticle::default(), GoldArticle { topic: Some("经济".into()), ..Default::default() }], noise: vec![] };
        let topics: Vec<Option<String>> = page_articles(gold).into_iter().map(|a| a.topic).collect();
        assert_eq!(topics, vec![Some("某页.txt".into()), Some("经济".into())]);
    }

    #[test]
    fn displaced_headers_move_only_the_headers() {
        // the same seed's cells page and displaced page hold the same lines, and some header
        // comes later than its box's first cell of text
        let body = "某县新建的图书室每天开放到晚上九点，吸引了不少居民前来看书学习。".repeat(8);
        let pool: Vec<GoldArticle> =
            (0..4).map(|n| GoldArticle { headline: Some(format!("标题{n}")), body: vec![GoldPara::One(body.clone()), GoldPara::One(body.clone())], ..Default::default() }).collect();
        let mut moved = 0;
        for seed in 0..20 {
            let (plain, displaced) = (cells_page(&pool, seed), cells_page_displaced(&pool, seed));
            let sorted = |t: &str| {
                let mut l: Vec<String> = t.lines().map(str::to_string).collect();
                l.sort();
                l
            };
            assert_eq!(sorted(&plain.text), sorted(&displaced.text), "seed {seed}");
            assert_eq!(serde_saphyr::to_string(&plain.gold).ok(), serde_saphyr::to_string(&displaced.gold).ok(), "seed {seed}");
            moved += usize::from(plain.text != displaced.text);
        }
        assert!(moved >= 10, "{moved} of 20 pages moved a header");
    }

    #[test]
    fn same_seed_same_page_and_fragments_are_on_the_page() {
        let a = GoldArticle {
            headline: Some("标题一".into()),
            body: vec![GoldPara::One("第一段文字很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。".into())],
            ..Default::default()
        };
        let mut b = a.clone();
        b.headline = Some("标题二".into());
        let pool = vec![a, b];
        let p1 = page(&pool, 7);
        let p2 = page(&pool, 7);
        assert_eq!(p1.text, p2.text);
        for g in &p1.gold.articles {
            for f in g.fragments() {
                assert!(p1.text.lines().any(|l| l.contains(f.as_str())), "fragment {f:?} not on the page");
            }
        }
    }
}
