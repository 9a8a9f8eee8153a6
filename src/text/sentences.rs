//! Rule-based sentence segmentation inside one block.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "pres", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "e.g",
    "i.e", "no", "nos", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "est", "u.s", "u.k", "u.n", "a.m",
    "p.m", "cf", "al", "op", "pp", "ed", "eds",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '›')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Returns the sentence ranges (absolute offsets, trimmed of surrounding whitespace) of `text[block]`.
pub fn split(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[block.clone()];
    let base = block.start;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        let newline_break = c == '\n';
        if is_terminator(c) || newline_break {
            let mut j = i + 1;
            if !newline_break {
                while j < chars.len() && is_terminator(chars[j].1) {
                    j += 1;
                }
                while j < chars.len() && is_closer(chars[j].1) {
                    j += 1;
                }
            }
            let end = if j < chars.len() { chars[j].0 } else { s.len() };
            let followed_by_space = j >= chars.len() || chars[j].1.is_whitespace();
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next = chars.get(k).map(|x| x.1);
            let boundary = if newline_break {
                // A line break ends a sentence only after sentence punctuation; inside
                // hard-wrapped text it is just a space.
                let before = s[start..off].trim_end();
                before.is_empty()
                    || before.ends_with(|c: char| is_terminator(c) || is_closer(c) || c == ':')
            } else {
                followed_by_space
                    && match next {
                        None => true,
                        Some(n) => {
                            !(n.is_lowercase() || c == '.' && is_abbreviation(&s[start..off]))
                        }
                    }
            };
            if boundary {
                push_trimmed(&mut out, s, base, start, end);
                start = end;
                i = j.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(&mut out, s, base, start, s.len());
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    // A single capital letter: an initial ("J. K. Rowling").
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(out: &mut Vec<Range<usize>>, s: &str, base: usize, start: usize, end: usize) {
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(base + start + lead..base + end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        split(s, 0..s.len()).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn basic() {
        assert_eq!(
            sents("One here. Two there! “Three?” Four."),
            ["One here.", "Two there!", "“Three?”", "Four."]
        );
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            sents("Mr. Smith met J. K. Rowling. Then left."),
            ["Mr. Smith met J. K. Rowling.", "Then left."]
        );
    }

    #[test]
    fn lowercase_next_is_not_a_break() {
        assert_eq!(
            sents("It cost 2.5 million. the end"),
            ["It cost 2.5 million. the end"]
        );
    }

    #[test]
    fn lines_after_punctuation_split() {
        assert_eq!(
            sents("First line.\nsecond line\nwraps here."),
            ["First line.", "second line\nwraps here."]
        );
    }
}
