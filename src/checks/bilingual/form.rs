//! Form of a translation against its source: end punctuation, brackets, leading and trailing
//! whitespace, length.

/// The class of a text's final punctuation, CJK full-width forms folded to ASCII; closing
/// quotes and brackets after it are skipped (`。”` ends in a stop).
pub fn end_class(text: &str) -> Option<char> {
    let t = text.trim_end();
    // Three full stops are an ellipsis (“Save As...” = “Save As…”).
    if t.trim_end_matches(['”', '’', '"', '\'', ')', '）'])
        .ends_with("...")
    {
        return Some('…');
    }
    let c = t.chars().rev().find(|c| {
        !matches!(
            c,
            '”' | '’' | '"' | '\'' | '」' | '』' | '»' | ')' | '）' | ']' | '】'
        )
    })?;
    Some(match c {
        '.' | '。' | '．' => '.',
        '!' | '！' => '!',
        '?' | '？' => '?',
        ':' | '：' => ':',
        ';' | '；' => ';',
        '…' => '…',
        ',' | '，' | '、' => ',',
        _ => return None,
    })
}

/// Counts of opening and closing round and square brackets, full-width folded:
/// `[( count, ) count, [ count, ] count]`.
pub fn brackets(text: &str) -> [usize; 4] {
    let mut n = [0; 4];
    for c in text.chars() {
        match c {
            '(' | '（' => n[0] += 1,
            ')' | '）' => n[1] += 1,
            '[' | '【' | '［' => n[2] += 1,
            ']' | '】' | '］' => n[3] += 1,
            _ => {}
        }
    }
    n
}

/// Quotation marks of a text, folded by kind: `(opening, closing, straight)` counts, with
/// “ „ « 「 『 ‘ as opening (“ closes in a text with „), ” » 」 』 ’ (not inside a word: an apostrophe) as closing and `"`
/// as straight.
pub fn quotes(text: &str) -> (usize, usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    // German and Czech quote „like this“: there “ closes.
    let low_high = chars.contains(&'„');
    let (mut open, mut close, mut straight) = (0, 0, 0);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' if low_high => close += 1,
            '“' | '„' | '«' | '「' | '『' | '‘' => open += 1,
            '”' | '»' | '」' | '』' => close += 1,
            '’' => {
                let word = |k: Option<&char>| k.is_some_and(|c| c.is_alphanumeric());
                if !(word(i.checked_sub(1).and_then(|k| chars.get(k))) && word(chars.get(i + 1))) {
                    close += 1;
                }
            }
            '"' => straight += 1,
            _ => {}
        }
    }
    (open, close, straight)
}

/// The case of a text's first letter: Some(true) upper, Some(false) lower, None for a first
/// letter without case (CJK, Arabic) or no letter.
pub fn first_case(text: &str) -> Option<bool> {
    let c = text.chars().find(|c| c.is_alphabetic())?;
    if c.is_uppercase() {
        Some(true)
    } else if c.is_lowercase() {
        Some(false)
    } else {
        None
    }
}

/// Leading and trailing whitespace of a text (as written; PO `\n` decoded).
pub fn edges(text: &str) -> (&str, &str) {
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    (lead, trail)
}

/// Length of a text in characters, not counting whitespace or the object replacement
/// characters that stand for inline codes and URLs.
pub fn visible_len(text: &str) -> usize {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{FFFC}')
        .count()
}

/// Whether a text is mostly CJK (Han, kana, Hangul): a CJK source is about a third as long as
/// its English translation.
pub fn is_cjk(text: &str) -> bool {
    let (mut cjk, mut all) = (0, 0);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        all += 1;
        if matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
        {
            cjk += 1;
        }
    }
    all > 0 && cjk * 2 > all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_classes_fold_full_width_and_skip_closing_quotes() {
        assert_eq!(end_class("他说：“好。”"), Some('.'));
        assert_eq!(end_class("Done."), Some('.'));
        assert_eq!(end_class("Loading..."), Some('…'));
        assert_eq!(end_class("正在加载……"), Some('…'));
        assert_eq!(end_class("真的吗？"), Some('?'));
        assert_eq!(end_class("Name"), None);
        assert_eq!(end_class("Name: "), Some(':'));
    }

    #[test]
    fn quotes_and_case() {
        assert_eq!(quotes("他说：“好。”"), (1, 1, 0));
        assert_eq!(quotes("It’s the “plan”"), (1, 1, 0));
        assert_eq!(quotes("「東京」"), (1, 1, 0));
        assert_eq!(quotes("Er sagte: „Wir gewinnen.“"), (1, 1, 0));
        assert_eq!(quotes("say \"hi\""), (0, 0, 2));
        assert_eq!(first_case("  ¿Dónde?"), Some(true));
        assert_eq!(first_case("%s files"), Some(false));
        assert_eq!(first_case("网络"), None);
    }

    #[test]
    fn brackets_fold_full_width() {
        assert_eq!(brackets("（2月10日）[a]"), [1, 1, 1, 1]);
    }

    #[test]
    fn edges_and_lengths() {
        assert_eq!(edges("  a b \n"), ("  ", " \n"));
        assert_eq!(visible_len("a \u{FFFC} bc"), 3);
        assert!(is_cjk("网络连接失败"));
        assert!(!is_cjk("Network error"));
    }
}
