//! Stage 3b, on e-paper pages scraped cell by cell: a short line without sentence-final
//! punctuation may be a headline, or the last piece of a cell whose paragraph runs on in
//! another cell (入冬以来,本市多个区县遭遇大 | 雪,…). Shape cannot tell them apart; the
//! page can. A trial reading (joins chosen, boxes re-read as grids) takes every such line as
//! text. A line stays text when its chosen continuation there is text, and either the cut
//! itself backs it (a word or a string of the page across it, a head that cannot start a
//! sentence) or the line runs on to a block away from it, stands over text or another box's
//! header rather than a byline, and, read as a headline in the first reading, named no
//! article (few of its rare bigrams are its article's). A line that names its article well
//! stays a headline. A headline-shaped line right under a byline line is text from the first
//! reading on: a box's header cell holds its headline and then its byline, and the next cell
//! is its text.
//! A line whose continuation is itself such a line shows only once that one is text, so the
//! trial is repeated round by round (weight `cut_piece_rounds`) with the lines read so far.
//!
//! Pages of columns (PDF text layers) meet the same doubt where an extractor put a column's
//! last line in a text box of its own (某某的当天，某文联党 | 组书记…). There a headline-shaped
//! line is tried as text only when it holds a clause (a mark inside a sentence with text after
//! it, which three headlines in sixty do), and stays text when its chosen continuation is
//! text and the cut backs it (weight `cut_end_evidence`).

use crate::blocks::Block;
use crate::classify::{self, Classified, Role, SHAPED_HEADLINE};
use crate::headers;
use crate::joins::{Continuity, CutWeights};
use crate::rules::Rules;
use crate::solve::{read_joins, Succ};

/// A reading of a page: its classified blocks, their continuity graph and the chosen joins.
pub type Reading = (Vec<Classified>, Continuity, Succ);

/// Reads a page scraped cell by cell: a first reading (joins chosen, boxes re-read as grids),
/// then, if some headline-shaped lines are cells' cut ends, the reading with them as text.
pub fn read_cells(blocks: Vec<Block>, rules: &Rules) -> Reading {
    let plain = classify::classify(blocks.clone(), rules);
    let under_byline = under_bylines(&plain);
    let first_roles = if under_byline.is_empty() { plain } else { classify::classify_with(blocks.clone(), rules, &under_byline) };
    let mut reading = read_as_grids(first_roles, rules);
    // a cut end whose continuation was itself read as a headline shows once that one is text:
    // lines are read as text round by round
    let mut text_lines = under_byline;
    let rounds = rules.weight("cut_piece_rounds").max(1.0) as usize;
    for _ in 0..rounds {
        let (more, trial) = cut_pieces(&blocks, &reading, &text_lines, rules);
        if more.is_empty() {
            break;
        }
        text_lines.extend(more);
        reading = match trial {
            Some(trial) => trial,
            None => read_as_grids(classify::classify_with(blocks.clone(), rules, &text_lines), rules),
        };
    }
    reading
}

/// Reads a page of columns (a PDF text layer): a first reading, then, if some headline-shaped
/// lines are column ends cut mid-word (a text box of one line: 某某的当天，某文联党 | 组书记…),
/// the reading with them as text.
pub fn read_streams(blocks: Vec<Block>, rules: &Rules) -> Reading {
    let first = classify::classify(blocks.clone(), rules);
    let (c, succ) = read_joins(&first, rules, crate::joins::Order::Streams);
    let candidates: Vec<usize> = first
        .iter()
        .filter(|b| b.block.pieces.len() == 1 && !b.wraps_prev && b.role == Role::Headline && b.why == SHAPED_HEADLINE && reads_as_clause(&b.text))
        // (only a line some text of the page would go on from across a word is worth a second
        // reading)
        .filter(|b| c.fragments.iter().any(|f| !f.lead && crate::dict::spans_word(&b.text, &f.text)))
        .map(|b| b.block.first_line())
        .collect();
    if candidates.is_empty() {
        return (first, c, succ);
    }
    let read = |lines: &[usize]| {
        let trial = classify::classify_with(blocks.clone(), rules, lines);
        let (tc, ts) = read_joins(&trial, rules, crate::joins::Order::Streams);
        (trial, tc, ts)
    };
    let (trial, tc, ts) = read(&candidates);
    let w = CutWeights::new(rules);
    let cut_needed = rules.weight("cut_end_evidence");
    let line_of = |f: usize| trial[tc.fragments[f].block].block.first_line();
    let lines: Vec<usize> =
        tried_cut_ends(&trial, &tc, &candidates).filter(|&u| ts[u].is_some_and(|(v, _)| !candidates.contains(&line_of(v)) && tc.cut_evidence(u, v, &w) >= cut_needed)).map(line_of).collect();
    if lines.is_empty() {
        (first, c, succ)
    } else if lines.len() == candidates.len() {
        (trial, tc, ts)
    } else {
        read(&lines)
    }
}

/// The open fragments of a trial reading that are lines tried as text (`tried`, page lines).
fn tried_cut_ends<'a>(trial: &'a [Classified], tc: &'a Continuity, tried: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    tc.fragments.iter().enumerate().filter(move |(_, f)| f.open && tried.contains(&trial[f.block].block.first_line())).map(|(u, _)| u)
}

/// A line that holds a clause and goes on past it (某某的当天，某文联党): a mark inside a
/// sentence (，、；) with text after it.
fn reads_as_clause(text: &str) -> bool {
    let text = text.trim_end();
    text.char_indices().any(|(i, c)| matches!(c, '，' | '、' | '；') && i + c.len_utf8() < text.len())
}

/// The page lines of headline-shaped lines right under a byline line: a box's header cell
/// is its headline, then its byline, and the cell after it is the box's first cell of text.
fn under_bylines(first: &[Classified]) -> Vec<usize> {
    let mut prev: Option<&Classified> = None;
    let mut out = Vec::new();
    for b in first.iter().filter(|b| b.role != Role::Noise) {
        if prev.is_some_and(|p| p.role == Role::Byline) && b.role == Role::Headline && b.why == SHAPED_HEADLINE && b.block.pieces.len() == 1 && b.block.mark.is_none() {
            out.push(b.block.first_line());
        }
        prev = Some(b);
    }
    out
}

/// A reading of classified blocks: joins chosen, then the boxes re-read as grids of cells.
fn read_as_grids(classified: Vec<Classified>, rules: &Rules) -> Reading {
    let (mut c, mut succ) = read_joins(&classified, rules, crate::joins::Order::Page);
    crate::grid::regrid(&mut c, &mut succ, rules);
    (classified, c, succ)
}

/// The page lines of headline-shaped lines that read better as text, given the page's first
/// reading; with the trial reading when it read exactly those lines as text (it is then the
/// page's reading).
pub fn cut_pieces(blocks: &[Block], (first, c, succ): &Reading, forced: &[usize], rules: &Rules) -> (Vec<usize>, Option<Reading>) {
    let candidates: Vec<usize> = first
        .iter()
        .filter(|b| b.block.pieces.len() == 1 && !b.wraps_prev)
        .filter(|b| (b.role == Role::Headline && b.why == SHAPED_HEADLINE) || b.weak_headline)
        .map(|b| b.block.first_line())
        .collect();
    if candidates.is_empty() {
        return (candidates, None);
    }
    // how well each line names an article when read as a headline: one that names it well
    // stays a headline, and the trial reads the others as text
    let placement = headers::place(first, c, succ, rules);
    let naming: std::collections::BTreeMap<usize, f64> = placement.content.iter().map(|(&b, &s)| (first[b].block.first_line(), s)).collect();
    let named = |line: usize| naming.get(&line).copied().unwrap_or(0.0);
    let names_well = rules.weight("cut_piece_headline_names");
    let possible: Vec<usize> = candidates.iter().copied().filter(|&l| named(l) < names_well).collect();
    if possible.is_empty() {
        return (possible, None);
    }
    let (trial, tc, ts) = read_as_grids(classify::classify_with(blocks.to_vec(), rules, &[forced, &possible].concat()), rules);
    let w = CutWeights::new(rules);
    let (cut_needed, names_little) = (rules.weight("cut_piece_evidence"), rules.weight("cut_piece_names"));
    let line_of = |f: usize| trial[tc.fragments[f].block].block.first_line();
    let lines: Vec<usize> = tried_cut_ends(&trial, &tc, &possible)
        .filter(|&u| {
            let f = &tc.fragments[u];
            // the continuation must be text in the first reading too: a headline-shaped line
            // running on into another is two headlines sharing a string of the page by chance
            let Some((v, _)) = ts[u].filter(|(v, _)| !candidates.contains(&line_of(*v))) else { return false };
            // a headline stands over its article's text or its byline, and names it; a line
            // over text or another box's header that names nothing is a cell's cut end
            let over_text_or_header = trial.get(f.block + 1).is_some_and(|b| b.role.is_text() || matches!(b.role, Role::Noise | Role::Headline | Role::Kicker | Role::Deck));
            let away = tc.fragments[v].block != f.block + 1;
            tc.cut_evidence(u, v, &w) >= cut_needed || (over_text_or_header && away && named(line_of(u)) < names_little)
        })
        .map(line_of)
        .collect();
    let whole = lines.len() == possible.len();
    (lines, whole.then_some((trial, tc, ts)))
}

#[cfg(test)]
mod tests {
    use crate::rules::Rules;

    #[test]
    fn a_column_end_holding_a_clause_is_text() {
        // a PDF text layer put a column's last line in a box of its own, between blank lines:
        // shaped like a headline, but it holds a clause (，) and is cut inside a word (馆|长)
        // that a text read before it goes on from
        let page = "社会\n\
            \n\
            第3版\n\
            \n\
            某市冬季读书节开幕 三千册新书送进社区\n\
            \n\
            某报讯（记者 赵甲） 1月9日上\n\
            午，某市图书馆在中心广场举办冬\n\
            季读书节开幕式，向社区居民赠送\n\
            了3000多册新书。\n\
            \n\
            长钱乙等走访了城东、城西两个\n\
            社区的读书会，并向读者赠送新书\n\
            和借书证。市图书馆还编印了由市\n\
            图书馆馆长钱乙撰写的导读手册，\n\
            现场赠送给读者500余册。\n\
            \n\
            开幕式的当天，市图书馆馆\n\
            \n\
            某县新建三座污水处理厂\n\
            某报讯（通讯员 孙丙） 记者从某\n\
            县住建局获悉，今年该县新建的三\n\
            座污水处理厂已全部投入运行，日\n\
            处理能力达到两万吨。\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let fest = got.articles.iter().find(|a| a.headline.as_deref() == Some("某市冬季读书节开幕 三千册新书送进社区")).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert!(fest.paragraphs.iter().any(|p| p.starts_with("开幕式的当天，市图书馆馆长钱乙等走访了")), "{:#?}", fest.paragraphs);
        assert!(got.leftovers.iter().all(|l| !l.text.contains("开幕式")), "{:#?}", got.leftovers);
    }

    #[test]
    fn a_short_cell_under_a_byline_is_text() {
        // an e-paper box scraped cell by cell, its headline and byline plain: the box's first
        // cell is one short line that finishes no sentence, right under the byline, and runs
        // on in the cell printed after the next box's header
        let page = "上一版　下一版\n\n返回目录\n\n\
            某县流动借阅点覆盖全部乡镇\n\n本报讯(记者 赵甲)\n\n\
            近日,某县图书馆新增流动借阅点十\n\n\
            某市寒潮来袭气温骤降\n\n本报讯(记者 钱乙)\n\n\
            市气象台昨日发布寒潮蓝色预警，预计未来三天全市气温将下降八到十度，北部山区有小到中雪。\n\n\
            二处，借阅点设在乡镇文化站和村委会，读者凭一张借书证就能在各点之间通借通还。\n\n\
            分享到：\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let books = got.articles.iter().find(|a| a.headline.as_deref() == Some("某县流动借阅点覆盖全部乡镇")).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert!(books.paragraphs.first().is_some_and(|p| p.starts_with("近日,某县图书馆新增流动借阅点十二处")), "{:#?}", got.articles);
    }

    #[test]
    fn a_short_cell_over_another_box_s_header_is_text() {
        // the box's second cell is one short line, cut, printed right over the next box's
        // headline; it names no article and runs on in a cell printed after that box's lead
        let page = "上一版　下一版\n\n返回目录\n\n\
            某县流动借阅点覆盖全部乡镇\n\n本报讯(记者 赵甲)\n\n\
            近日,某县流动借阅点已覆盖全部乡镇，借阅点设在乡镇文化站和村委会，读者凭一张借书证就能在各点之间通借通还。\n\n\
            馆里还为偏远村组的读者和行动不便的老人送\n\n\
            某市寒潮来袭气温骤降\n\n本报讯(记者 钱乙)\n\n\
            寒潮来袭，某市气象台昨日发布寒潮蓝色预警，预计未来三天全市气温\n\n\
            书上门，流动借阅点每月送书一次，一年来借出图书三千余册，全部乡镇的读者都能就近借书。\n\n\
            骤降八到十度，寒潮过后北部山区气温骤降更多。\n\n\
            分享到：\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let books = got.articles.iter().find(|a| a.headline.as_deref() == Some("某县流动借阅点覆盖全部乡镇")).unwrap_or_else(|| panic!("{:#?}", got.articles));
        let run_on = "馆里还为偏远村组的读者和行动不便的老人送书上门，流动借阅点每月送书一次，一年来借出图书三千余册，全部乡镇的读者都能就近借书。";
        assert!(books.paragraphs.iter().any(|p| p == run_on), "{:#?}", got.articles);
        assert!(got.leftovers.iter().all(|l| !l.text.starts_with("馆里")), "{:#?}", got.leftovers);
    }
}
