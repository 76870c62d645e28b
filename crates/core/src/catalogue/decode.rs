//! A file's bytes to text: UTF-8, UTF-16 with a BOM or Windows-1252, and what was wrong.

use crate::problem::Problem;

/// Decode bytes as UTF-8 (BOM or not), UTF-16 with a BOM, or Windows-1252 (French Excel's
/// default) when the file as a whole is not UTF-8. See [`decode_reporting`] for the rule.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let d = decode_reporting(bytes, "");
    (d.text, d.encoding)
}

/// A file's text and what decoding it found.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Bytes that are not UTF-8 in a UTF-8 file, by line (each replaced by U+FFFD), or why the
    /// file is refused.
    pub problems: Vec<Problem>,
    /// Not text (NUL bytes, UTF-16 without BOM): nothing is read from it.
    pub refused: bool,
}

/// Bad bytes reported one by one, then counted: the report stays readable and bounded.
const MAX_BYTE_REPORTS: usize = 50;

/// Decode a file's bytes, saying what was wrong.
///
/// - UTF-16 LE or BE with its BOM is decoded (a lone surrogate becomes U+FFFD, reported).
/// - NUL bytes (a binary file, or UTF-16 without BOM) are refused with a sentence saying so.
/// - UTF-8 (BOM or not) is the rule. A file with some invalid bytes is still read as UTF-8
///   when it holds more valid multi-byte UTF-8 characters (accents) than invalid sequences:
///   each invalid sequence is reported on its line. Otherwise (a Windows-1252 file has accents
///   but no valid multi-byte sequence) it is read as Windows-1252.
pub fn decode_reporting(bytes: &[u8], file: &str) -> Decoded {
    let problem = |line: usize, message: String| Problem::error(file, line, message);
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes, "UTF-16 LE", file);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes, "UTF-16 BE", file);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = line_of(bytes, at);
        let nuls = bytes.iter().filter(|&&b| b == 0).count();
        let utf16 = nuls.saturating_mul(3) >= bytes.len();
        let message = if utf16 {
            format!("le fichier semble encodé en UTF-16 sans marque d'ordre des octets (BOM) ({nuls} octets nuls) : l'enregistrer en « CSV UTF-8 » (Fichier > Enregistrer sous) puis le réimporter ; rien n'est chargé")
        } else {
            format!("le fichier contient {nuls} octet(s) nul(s), le premier ligne {line} : ce n'est pas un fichier texte CSV ou JSON (classeur, image, fichier abîmé ?) ; rien n'est chargé")
        };
        return Decoded {
            text: String::new(),
            encoding: "refusé",
            problems: vec![problem(line, message)],
            refused: true,
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            problems: Vec::new(),
            refused: false,
        };
    }
    // Mostly UTF-8 with a few bad bytes, or Windows-1252?
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte = valid_multibyte.saturating_add(non_ascii(s));
                rest = &[];
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                let good = std::str::from_utf8(good).map_or(0, non_ascii);
                valid_multibyte = valid_multibyte.saturating_add(good);
                invalid = invalid.saturating_add(1);
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = bad.get(skip..).unwrap_or(&[]);
            }
        }
    }
    if valid_multibyte <= invalid {
        return Decoded {
            text: decode_windows_1252(bytes),
            encoding: "Windows-1252",
            problems: Vec::new(),
            refused: false,
        };
    }
    let mut text = String::with_capacity(bytes.len());
    let mut problems = Vec::new();
    let mut rest = bytes;
    let mut offset = 0usize;
    let mut reported = 0usize;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                text.push_str(s);
                rest = &[];
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(good).unwrap_or_default());
                text.push('\u{fffd}');
                let at = offset.saturating_add(good.len());
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                if reported < MAX_BYTE_REPORTS {
                    let shown: Vec<String> = bad
                        .iter()
                        .take(skip.min(4))
                        .map(|b| format!("0x{b:02X}"))
                        .collect();
                    problems.push(problem(line_of(bytes, at), format!(
                        "octet(s) {} invalide(s) en UTF-8, remplacé(s) par « \u{fffd} » : corriger ce caractère, ou réenregistrer le fichier en « CSV UTF-8 »",
                        shown.join(" ")
                    )));
                }
                reported = reported.saturating_add(1);
                offset = at.saturating_add(skip);
                rest = bad.get(skip..).unwrap_or(&[]);
            }
        }
    }
    if reported > MAX_BYTE_REPORTS {
        problems.push(problem(
            1,
            format!(
                "et {} autre(s) octet(s) invalide(s) en UTF-8, non détaillé(s)",
                reported.saturating_sub(MAX_BYTE_REPORTS)
            ),
        ));
    }
    Decoded {
        text,
        encoding: "UTF-8 (octets invalides remplacés)",
        problems,
        refused: false,
    }
}

/// The 1-based line of a byte offset (lines end with LF, CRLF or CR alone).
pub(super) fn line_of(bytes: &[u8], at: usize) -> usize {
    let before = bytes.get(..at).unwrap_or(bytes);
    let mut ends = 0usize;
    let mut prev_cr = false;
    for &b in before {
        if b == b'\n' && !prev_cr || b == b'\r' {
            ends = ends.saturating_add(1);
        }
        prev_cr = b == b'\r';
    }
    ends.saturating_add(1)
}

fn decode_utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    encoding: &'static str,
    file: &str,
) -> Decoded {
    let problem = |message: String| Problem::error(file, 1, message);
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => unit([*a, *b]),
        // An odd last byte is not a character: a lone surrogate stands for it.
        _ => 0xDC00,
    });
    let mut text = String::with_capacity(bytes.len());
    let mut bad = 0usize;
    for c in char::decode_utf16(units) {
        text.push(c.unwrap_or_else(|_| {
            bad = bad.saturating_add(1);
            '\u{fffd}'
        }));
    }
    let mut problems = Vec::new();
    if bad > 0 {
        problems.push(problem(format!(
            "{bad} caractère(s) UTF-16 invalide(s), remplacé(s) par « \u{fffd} »"
        )));
    }
    if text.contains('\0') {
        problems.push(problem("le fichier contient des caractères nuls : ce n'est pas un fichier texte CSV ou JSON ; rien n'est chargé".into()));
        return Decoded {
            text: String::new(),
            encoding,
            problems,
            refused: true,
        };
    }
    Decoded {
        text,
        encoding,
        problems,
        refused: false,
    }
}

/// Windows-1252: Latin-1 but for 0x80–0x9F, which hold €, œ, Œ, typographic quotes and
/// dashes. Written out because encoding_rs links every encoding's tables (160 KB in the browser
/// bundle) for this one use; a test checks all 256 bytes against encoding_rs.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH
                .get(usize::from(b).saturating_sub(0x80))
                .copied()
                .unwrap_or('\u{fffd}'),
            _ => b as char,
        })
        .collect()
}

/// `;` or `,`: whichever appears more in the header line, outside quotes.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut semi, mut comma, mut quoted) = (0u32, 0u32, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semi = semi.saturating_add(1),
            ',' if !quoted => comma = comma.saturating_add(1),
            _ => {}
        }
    }
    if semi > comma {
        b';'
    } else {
        b','
    }
}
