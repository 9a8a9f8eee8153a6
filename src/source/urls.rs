//! URLs and e-mail addresses inside prose. They are not prose: the checked text gets a
//! placeholder in their place (see [`super::offsets::TextBuilder::copy`]), so that no rule
//! flags them and no fix rewrites them.
//!
//! What counts (as GitHub's autolink extension has it): a scheme (`http://`, `https://`,
//! `ftp://`, `file://`, `mailto:`) or `www.` up to the next whitespace or `<`, without
//! trailing punctuation (`.,:;!?'"*_~`) and without a closing parenthesis it does not open;
//! and `name@domain.tld` addresses.

use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

fn url_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:\b(?:https?|ftp|file)://|\bmailto:|\bwww\.)[^\s<>]+|\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)+",
        )
        .expect("URL regex")
    })
}

/// Byte ranges of the URLs and e-mail addresses in `s`, in order.
pub fn find(s: &str) -> Vec<Range<usize>> {
    // Every match has one of these (mailto: has an @).
    if !(s.contains("://") || s.contains('@') || s.contains("ww.") || s.contains("WW.")) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for m in url_re().find_iter(s) {
        let end = m.start() + trimmed_len(m.as_str());
        if end > m.start() && !is_bare_prefix(&s[m.start()..end]) {
            out.push(m.start()..end);
        }
    }
    out
}

/// A scheme or `www.` with nothing after it is prose ("see www." is not a URL).
fn is_bare_prefix(u: &str) -> bool {
    let l = u.to_ascii_lowercase();
    l.ends_with("://") || l == "mailto:" || l == "www."
}

/// Length of a URL candidate without trailing punctuation and unbalanced closing brackets.
fn trimmed_len(u: &str) -> usize {
    let mut end = u.len();
    loop {
        let Some(c) = u[..end].chars().next_back() else {
            return 0;
        };
        let close = match c {
            ')' => Some('('),
            ']' => Some('['),
            '}' => Some('{'),
            _ => None,
        };
        if let Some(open) = close {
            let s = &u[..end];
            if s.matches(c).count() > s.matches(open).count() {
                end -= 1;
                continue;
            }
            return end;
        }
        if matches!(
            c,
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '"' | '*' | '_' | '~' | '’' | '”' | '»'
        ) {
            end -= c.len_utf8();
            continue;
        }
        return end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(s: &str) -> Vec<&str> {
        find(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn urls_without_trailing_punctuation() {
        assert_eq!(
            urls("See https://example.org/a_b, www.x.org/k. Or (ftp://h/x)."),
            ["https://example.org/a_b", "www.x.org/k", "ftp://h/x"]
        );
        assert_eq!(
            urls("Read https://en.wikipedia.org/wiki/Foo_(bar)."),
            ["https://en.wikipedia.org/wiki/Foo_(bar)"]
        );
        assert_eq!(urls("“https://x.org/café”"), ["https://x.org/café"]);
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            urls("Mail a.b@example.org or mailto:c@d.eu."),
            ["a.b@example.org", "mailto:c@d.eu"]
        );
    }

    #[test]
    fn prose_is_not_a_url() {
        assert!(urls("Note: the time is 10:30 at www. and @handle.").is_empty());
        assert!(urls("We met at 5 pm: it was late.").is_empty());
    }
}
