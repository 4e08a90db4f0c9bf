//! Stage 1: read a page's bytes, decode them and split them into lines.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("looks like a binary file ({0} control bytes in the first 8 KiB), not a text page")]
    Binary(usize),
    #[error("unknown encoding `{0}` (use a label such as utf-8, gb18030, gbk, big5, utf-16le)")]
    UnknownEncoding(String),
}

/// A decoded page: its lines as printed (line `i` of the file is `lines[i - 1]`).
#[derive(Debug, Clone)]
pub struct Page {
    pub lines: Vec<String>,
    pub encoding: &'static str,
    /// Invalid byte sequences replaced by U+FFFD while decoding.
    pub replaced: usize,
}

impl Page {
    /// A page given as text; a leading byte order mark is no part of its first line.
    pub fn from_text(text: &str) -> Page {
        Page { lines: split_lines(text.strip_prefix('\u{FEFF}').unwrap_or(text)), encoding: "UTF-8", replaced: 0 }
    }

    /// Decodes bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or a legacy encoding
    /// (GB18030/GBK, Big5, ...) detected from the bytes when they are not valid UTF-8.
    pub fn from_bytes(bytes: &[u8]) -> Result<Page, ReadError> {
        Self::decode(bytes, None)
    }

    /// Decodes bytes in a named encoding (a WHATWG label: `gb18030`, `big5`, `utf-16le` ...),
    /// or detects it when `forced` is `None`.
    pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Page, ReadError> {
        let (text, encoding) = decode_text(bytes, forced)?;
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        Ok(Page { lines: split_lines(&text), encoding, replaced })
    }
}

/// The text of a page's bytes as [`Page::decode`] reads it, before it is split into lines
/// (and radical code points folded), and the encoding it was read in: a byte order mark is
/// no part of it.
pub fn decode_text(bytes: &[u8], forced: Option<&str>) -> Result<(String, &'static str), ReadError> {
    if let Some(label) = forced {
        let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| ReadError::UnknownEncoding(label.to_string()))?;
        let (text, _, _) = enc.decode(bytes);
        return Ok((text.into_owned(), enc.name()));
    }
    Ok(if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (String::from_utf8_lossy(rest).into_owned(), "UTF-8")
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (decode_utf16(rest, u16::from_le_bytes), "UTF-16LE")
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (decode_utf16(rest, u16::from_be_bytes), "UTF-16BE")
    } else {
        let head = &bytes[..bytes.len().min(8192)];
        let nuls = head.iter().filter(|&&b| b == 0).count();
        // text, in any encoding read here, has almost no C0 controls but tab, line ends,
        // form feed and escape; binary data has them everywhere
        let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)).count();
        if (nuls > 0 && nuls * 100 >= head.len().max(1)) || controls * 20 > head.len().max(64) {
            return Err(ReadError::Binary(controls));
        }
        match std::str::from_utf8(bytes) {
            Ok(t) => (t.to_string(), "UTF-8"),
            Err(_) => {
                // not UTF-8: let a detector trained on the web's legacy encodings decide
                let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                det.feed(bytes, true);
                let mut enc = det.guess(None, chardetng::Utf8Detection::Allow);
                if enc == encoding_rs::GBK {
                    // GB18030 is the superset (and the same decoder in WHATWG terms)
                    enc = encoding_rs::GB18030;
                }
                if enc == encoding_rs::UTF_8 {
                    (String::from_utf8_lossy(bytes).into_owned(), "UTF-8")
                } else {
                    let (t, _, _) = enc.decode(bytes);
                    (t.into_owned(), enc.name())
                }
            }
        }
    })
}

fn decode_utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| read([c[0], c[1]]));
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect()
}

/// Splits on LF, CRLF and lone CR; NUL and other control characters become spaces.
fn split_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n')
        .map(|l| {
            let l: String = l.chars().map(|c| if c.is_control() && c != '\t' { ' ' } else { c }).collect();
            if l.chars().any(is_radical) {
                fold_radicals(&l)
            } else {
                l
            }
        })
        .collect()
}

/// CJK radical code points (Kangxi radicals and the radicals supplement, ⺠ U+2EA0).
fn is_radical(c: char) -> bool {
    ('\u{2E80}'..='\u{2FDF}').contains(&c)
}

fn radicals() -> &'static HashMap<char, String> {
    static MAP: OnceLock<HashMap<char, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let m: BTreeMap<String, String> = serde_json::from_str(include_str!("../data/cjk_radicals.json")).unwrap_or_default();
        m.into_iter().filter_map(|(k, v)| Some((k.chars().next()?, v))).collect()
    })
}

/// Folds CJK radical code points to their unified ideographs (⺠ → 民), as PDF text layers
/// print them and as the reference scorer folds them. Page lines are folded when read, so
/// the output holds the ideographs and provenance still points at the page's lines.
pub fn fold_radicals(s: &str) -> String {
    let m = radicals();
    let mut t: String = s.to_string();
    for _ in 0..2 {
        if !t.chars().any(|c| m.contains_key(&c)) {
            break;
        }
        t = t.chars().map(|c| m.get(&c).cloned().unwrap_or_else(|| c.to_string())).collect();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radical_code_points_are_folded_to_ideographs() {
        let p = Page::from_text("为\u{2EA0}服务\n\u{2F08}口");
        assert_eq!(p.lines, vec!["为民服务", "人口"]);
    }

    #[test]
    fn decodes_utf16_and_crlf_alike() {
        let text = "标题\r\n正文。\r\n";
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let a = Page::from_bytes(&le).unwrap();
        let b = Page::from_bytes(text.as_bytes()).unwrap();
        assert_eq!(a.lines, b.lines);
        assert_eq!(a.lines, vec!["标题", "正文。", ""]);
        assert_eq!(a.encoding, "UTF-16LE");
    }

    #[test]
    fn detects_gb18030_and_big5() {
        let text = "县图书馆今年新增流动借阅点十二处，借阅点设在乡镇文化站和村委会。\n读者凭一张借书证就能通借通还。\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let p = Page::from_bytes(&gb).unwrap();
        assert_eq!(p.encoding, "gb18030");
        assert_eq!(p.replaced, 0);
        assert_eq!(p.lines.join("\n"), text);
        let trad = "縣圖書館今年新增流動借閱點十二處，借閱點設在鄉鎮文化站和村委會。\n讀者憑一張借書證就能通借通還。\n";
        let (big5, _, _) = encoding_rs::BIG5.encode(trad);
        let p = Page::from_bytes(&big5).unwrap();
        assert_eq!(p.encoding, "Big5");
        assert_eq!(p.lines.join("\n"), trad);
        let forced = Page::decode(&gb, Some("gbk")).unwrap();
        assert_eq!(forced.lines.join("\n"), text);
        assert!(Page::decode(&gb, Some("klingon")).is_err());
    }

    #[test]
    fn a_byte_order_mark_is_no_part_of_the_first_line() {
        let text = "上一版　下一版\n\n某县图书馆新馆开放。";
        let marked = format!("\u{FEFF}{text}");
        assert_eq!(Page::from_text(&marked).lines, Page::from_text(text).lines);
        assert_eq!(Page::from_bytes(marked.as_bytes()).unwrap().lines, Page::from_text(text).lines);
    }

    #[test]
    fn refuses_binary() {
        assert!(Page::from_bytes(&[0u8, 1, 0, 2, 0, 0, 0, 3]).is_err());
    }
}
