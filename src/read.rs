//! Stage 1: read a page's bytes, decode them and split them into lines.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("looks like a binary file ({0} NUL bytes in the first 8 KiB), not a text page")]
    Binary(usize),
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
    pub fn from_text(text: &str) -> Page {
        Page { lines: split_lines(text), encoding: "UTF-8", replaced: 0 }
    }

    /// Decodes bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.
    pub fn from_bytes(bytes: &[u8]) -> Result<Page, ReadError> {
        let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            (String::from_utf8_lossy(rest).into_owned(), "UTF-8")
        } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
            (decode_utf16(rest, u16::from_le_bytes), "UTF-16LE")
        } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
            (decode_utf16(rest, u16::from_be_bytes), "UTF-16BE")
        } else {
            let head = &bytes[..bytes.len().min(8192)];
            let nuls = head.iter().filter(|&&b| b == 0).count();
            if nuls > 0 && nuls * 100 >= head.len().max(1) {
                return Err(ReadError::Binary(nuls));
            }
            (String::from_utf8_lossy(bytes).into_owned(), "UTF-8")
        };
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        Ok(Page { lines: split_lines(&text), encoding, replaced })
    }
}

fn decode_utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| read([c[0], c[1]]));
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect()
}

/// Splits on LF, CRLF and lone CR; NUL and other control characters become spaces.
fn split_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n')
        .map(|l| l.chars().map(|c| if c.is_control() && c != '\t' { ' ' } else { c }).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn refuses_binary() {
        assert!(Page::from_bytes(&[0u8, 1, 0, 2, 0, 0, 0, 3]).is_err());
    }
}
