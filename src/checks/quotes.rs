//! ## What it does
//! Checks, paragraph by paragraph (block by block), that quotation marks and brackets pair up:
//!
//! - `punctuation/unbalanced-quote`: a closing curly quote ” with no open quote (the quote
//!   was already closed: `“there is always a chance”to find a deal,”`), an opening “ never
//!   closed, an odd number of straight double quotes (the last one is flagged), and an
//!   opening single quote ‘ never followed by a closing ’.
//! - `punctuation/unbalanced-bracket`: a `)` or `]` with no opener, one that does not match
//!   the opener (`(...]`), and an opener never closed.
//!
//! Conventions that are not errors:
//! - A paragraph that opens a quote without closing it, followed by a paragraph that starts
//!   with an opening quote: the standard way to quote several paragraphs.
//! - ’ is almost always an apostrophe (Russia’s, don’t, the ’90s): it is never counted on its
//!   own; it only closes an open ‘ when it is not inside a word.
//! - `"` right after a number standing on its own is an inch or seconds mark (27", 5'10"),
//!   when the count is odd with it (a quotation ending in a digit, "wasip2", still counts).
//! - Interval notation "[0, 1)" and emoticons ":)" ":(" are not unbalanced brackets, and a
//!   bracket is not reported when Markdown inline code (which may hold its partner) stands
//!   between it and the paragraph edge.
//! - List markers: `a)`, `1)`, `iv)` after whitespace or at the start of a paragraph, and
//!   emoticons `:)` `;-)`.
//!
//! ## Why is this bad?
//! MT systems move, drop and duplicate quotation marks, so the reader cannot tell where the
//! quoted words end. A lone bracket is usually a dropped half of a parenthesis.
//!
//! ## Example
//! ```text
//! “I must say that there is always a chance”to find a deal,” Lavrov said.
//! ```
//! The second ” is flagged: the quote opened at “I was already closed.
//!
//! ## Fix safety
//! No fix: which mark is wrong (and what it should be) needs a human.

use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use std::ops::Range;

pub struct Quotes {
    quote: RuleMeta,
    bracket: RuleMeta,
}

impl Default for Quotes {
    fn default() -> Self {
        let quote = RuleMeta::builtin(
            "punctuation/unbalanced-quote",
            Category::Punctuation,
            Severity::Warning,
            FixSafety::None,
            "quotation marks that do not pair up within a paragraph",
        )
        .describe(
            "Flags a closing curly quote with no open quote, an opening curly quote never closed \
             in its paragraph (unless the next paragraph starts with an opening quote: the \
             multi-paragraph convention), the last of an odd number of straight double quotes, \
             and an opening single quote never closed. ’ on its own is taken as an apostrophe.",
        )
        .example(
            "“There is always a chance”to find a deal[”], Lavrov said.",
            None,
        )
        .example("[“]We will not give up, he said.", None)
        .example("He called it \"a mistake\" and [\"]a provocation.", None)
        .counter("“There is always a chance to find a deal,” Lavrov said.")
        .counter("“We will not give up.\n\n“We will keep fighting,” he said.")
        .counter("Russia’s troops, NATO’s allies and the ’90s.")
        .counter("He bought a 27\" screen and a ‘smart’ TV.")
        .counter("“He said ‘never’,” she recalled.");
        let bracket = RuleMeta::builtin(
            "punctuation/unbalanced-bracket",
            Category::Punctuation,
            Severity::Warning,
            FixSafety::None,
            "parentheses or square brackets that do not pair up within a paragraph",
        )
        .describe(
            "Flags a closing parenthesis or square bracket with no opener in its paragraph, one \
             that does not match its opener, and an opener never closed. List markers such as \
             \"a)\" and \"1)\" and emoticons are not counted.",
        )
        .example(
            "The Organization for Security and Cooperation in Europe [(]OSCE said.",
            None,
        )
        .example("The talks (in Geneva[]] ended.", None)
        .example(
            "Fighting has killed 14,000 people since the 1990s[)].",
            None,
        )
        .counter("The Organization for Security and Cooperation in Europe (OSCE) said.")
        .counter("Choose a) talks or b) sanctions.")
        .counter("1) Talks. 2) Sanctions.")
        .counter("Nice to see you :) and [sic] again.")
        .counter("The first range is [0, 0x800) and the second [0x800, 0x10000).")
        .counter("No changelog until this point :(");
        Quotes { quote, bracket }
    }
}

/// A roman numeral, 1-2 digits or a single letter: a list marker before `)`.
fn is_list_marker(s: &str) -> bool {
    const ROMAN: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    let n = s.chars().count();
    (n == 1 && s.chars().all(char::is_alphanumeric))
        || (n <= 2 && s.chars().all(|c| c.is_ascii_digit()))
        || ROMAN.contains(&s.to_lowercase().as_str())
}

/// Is the closer at `pos` (a `)`) a list marker or part of an emoticon?
fn closer_is_not_bracket(text: &str, block: &Range<usize>, pos: usize) -> bool {
    let before = &text[block.start..pos];
    let mut rev = before.chars().rev();
    match rev.next() {
        Some(':' | ';' | '=') => return true,
        Some('-') if matches!(rev.next(), Some(':' | ';')) => return true,
        _ => {}
    }
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let preceded_ok = before[..word_start]
        .chars()
        .next_back()
        .map_or(true, char::is_whitespace);
    let after = text[pos + 1..block.end].chars().next();
    !word.is_empty()
        && is_list_marker(word)
        && preceded_ok
        && after.map_or(true, char::is_whitespace)
}

/// The first few words after `pos`, for messages.
fn excerpt(text: &str, pos: usize, limit: usize) -> String {
    let rest = &text[pos..];
    let words: Vec<&str> = rest.split_whitespace().take(3).collect();
    let mut s = words.join(" ");
    if s.chars().count() > limit {
        s = s.chars().take(limit).collect();
    }
    s
}

impl Quotes {
    fn check_block(&self, doc: &Document, bi: usize, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        let block = doc.blocks[bi].span.clone();
        let next_starts_with = |q: char| {
            doc.blocks
                .get(bi + 1)
                .is_some_and(|b| text[b.span.clone()].trim_start().starts_with(q))
        };
        let mut dq: Vec<usize> = Vec::new();
        let mut last_pair: Option<(usize, usize)> = None;
        let mut straight: Vec<usize> = Vec::new();
        let mut single: Vec<usize> = Vec::new();
        let mut brackets: Vec<(char, usize)> = Vec::new();
        let mut prev: Option<char> = None;
        let s = &text[block.clone()];
        // Markdown inline-code placeholders of this block (first and last).
        let first_code = s.find('\u{FFFC}').map(|p| block.start + p);
        let last_code = s.rfind('\u{FFFC}').map(|p| block.start + p);
        let mut it = s.char_indices().peekable();
        while let Some((off, c)) = it.next() {
            let pos = block.start + off;
            let next = it.peek().map(|x| x.1);
            match c {
                '“' => dq.push(pos),
                '”' => match dq.pop() {
                    Some(open) => last_pair = Some((open, pos)),
                    None => {
                        let mut d;
                        if let Some((open, close)) = last_pair {
                            d = self.quote.diag(
                                pos..pos + c.len_utf8(),
                                format!(
                                    "closing quotation mark with no open quote: the quote opened at “{}…” was already closed",
                                    excerpt(text, open + '“'.len_utf8(), 30)
                                ),
                            );
                            d = d.related(open..open + '“'.len_utf8(), "quote opened here");
                            d = d.related(close..close + '”'.len_utf8(), "and closed here");
                        } else {
                            d = self.quote.diag(
                                pos..pos + c.len_utf8(),
                                "closing quotation mark with no opening quotation mark in this paragraph",
                            );
                        }
                        out.push(d);
                    }
                },
                '"' => straight.push(pos),
                '‘' if !next.is_some_and(|n| n.is_ascii_digit()) => single.push(pos),
                '’' => {
                    let inside_word = prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric);
                    if !inside_word && !single.is_empty() {
                        single.pop();
                    }
                }
                '(' if matches!(prev, Some(':' | ';'))
                    && next.map_or(true, char::is_whitespace) => {}
                '(' | '[' => brackets.push((c, pos)),
                ')' | ']' => {
                    let want = if c == ')' { '(' } else { '[' };
                    match brackets.last() {
                        Some(&(open, _)) if open == want => {
                            brackets.pop();
                        }
                        // Interval notation: "[0, 0x800)", "(0, 1]".
                        Some(&(_, opos)) if text[opos..pos].contains(',') => {
                            brackets.pop();
                        }
                        Some(&(open, opos)) => out.push(
                            self.bracket
                                .diag(
                                    pos..pos + 1,
                                    format!("“{c}” does not match the “{open}” it closes"),
                                )
                                .related(opos..opos + 1, "opened here"),
                        ),
                        None => {
                            // Markdown inline code before it may hold the opener.
                            let code_before = first_code.is_some_and(|c| c < pos);
                            let marker = c == ')' && closer_is_not_bracket(text, &block, pos);
                            if !(marker || code_before) {
                                out.push(self.bracket.diag(
                                    pos..pos + 1,
                                    format!("“{c}” has no opening “{want}” in this paragraph"),
                                ));
                            }
                        }
                    }
                }
                _ => {}
            }
            prev = Some(c);
        }
        if let Some(&open) = dq.last() {
            if !(dq.len() == 1 && next_starts_with('“')) {
                out.push(self.quote.diag(
                    open..open + '“'.len_utf8(),
                    "opening quotation mark never closed in this paragraph",
                ));
            }
        }
        if straight.len() % 2 == 1 {
            // An odd count may be due to inch marks ("a 27\" screen"): leave them out.
            straight.retain(|&p| !super::util::is_inch_mark(text, p));
        }
        if straight.len() % 2 == 1 && !next_starts_with('"') {
            let last = *straight.last().unwrap();
            out.push(self.quote.diag(
                last..last + 1,
                format!(
                    "odd number of straight quotation marks ({}) in this paragraph",
                    straight.len()
                ),
            ));
        }
        if let Some(&open) = single.last() {
            out.push(self.quote.diag(
                open..open + '‘'.len_utf8(),
                "opening single quotation mark never closed in this paragraph",
            ));
        }
        for &(open, opos) in &brackets {
            // Markdown inline code after it may hold the closer.
            if last_code.is_some_and(|c| c > opos) {
                continue;
            }
            let close = if open == '(' { ')' } else { ']' };
            out.push(self.bracket.diag(
                opos..opos + 1,
                format!("“{open}” never closed by “{close}” in this paragraph"),
            ));
        }
    }
}

impl Check for Quotes {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![self.quote.clone(), self.bracket.clone()]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for bi in 0..doc.blocks.len() {
            self.check_block(doc, bi, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::util::testing::{assert_examples, found, hit, run};

    const Q: &str = "punctuation/unbalanced-quote";
    const B: &str = "punctuation/unbalanced-bracket";

    #[test]
    fn examples_and_counter_examples() {
        assert_examples(&Quotes::default());
    }

    #[test]
    fn seed_quote_closed_twice() {
        let t = "“Like head of Ministry of Foreign Affairs, I must say that there is always a chance”to find a deal,” Lavrov told Putin.";
        let ds = run(&Quotes::default(), t);
        assert_eq!(ds.len(), 1);
        let d = &ds[0];
        assert_eq!(d.rule, Q);
        let second = t.rfind('”').unwrap();
        assert_eq!(d.span, second..second + 3);
        assert!(d.message.contains("“Like head of…”"), "{}", d.message);
        assert_eq!(d.related[0].span, 0..3);
        assert_eq!(
            d.related[1].span,
            t.find('”').unwrap()..t.find('”').unwrap() + 3
        );
    }

    #[test]
    fn seed_article_has_only_the_two_double_closes() {
        let text = include_str!("../../fixtures/seed-article.txt");
        let ds = run(&Quotes::default(), text);
        assert_eq!(ds.len(), 2, "{ds:?}");
        for d in ds {
            assert_eq!(&text[d.span.start - 7..d.span.end], "a deal,”");
        }
    }

    #[test]
    fn unclosed_quote_at_paragraph_end_without_continuation() {
        let c = Quotes::default();
        assert_eq!(
            found(&c, "“We will not give up.\n\nHe left."),
            [hit(Q, "“", None)]
        );
        // Continued in the next paragraph: fine, and the last paragraph closes it.
        assert!(found(&c, "“One.\n\n“Two.\n\n“Three,” he said.").is_empty());
        // Nested double quotes still balance.
        assert!(found(&c, "“He said “no” to me,” she said.").is_empty());
        // Two openers, no closer: one diagnostic at the last opener.
        assert_eq!(found(&c, "“Hello“ he said."), [hit(Q, "“", None)]);
    }

    #[test]
    fn straight_quotes_odd_count() {
        let c = Quotes::default();
        assert!(found(&c, "He said \"no\" twice.").is_empty());
        assert_eq!(found(&c, "He said \"no\" and \"never.").len(), 1);
        assert!(found(&c, "\"One.\n\n\"Two,\" he said.").is_empty());
        assert!(found(&c, "He is 5'10\" tall.").is_empty());
        assert!(found(&c, "Compile with \"wasip2\" or \"0\".").is_empty());
    }

    #[test]
    fn single_quotes_and_apostrophes() {
        let c = Quotes::default();
        assert!(found(&c, "The ‘smart’ plan and Russia’s ‘red lines’.").is_empty());
        assert!(found(&c, "Rock ‘n’ roll in the ‘90s.").is_empty());
        assert_eq!(
            found(&c, "The ‘smart plan and Russia’s army."),
            [hit(Q, "‘", None)]
        );
        assert!(found(&c, "The soldiers’ families and the ’90s.").is_empty());
    }

    #[test]
    fn brackets() {
        let c = Quotes::default();
        assert_eq!(found(&c, "The OSCE) met."), [hit(B, ")", None)]);
        assert_eq!(found(&c, "The (OSCE met."), [hit(B, "(", None)]);
        assert!(found(&c, "a) talks; b) sanctions; iv) more.").is_empty());
        assert!(found(&c, "Great :-) see you ;)").is_empty());
        assert!(found(&c, "Nested (as [here]) works.").is_empty());
        assert_eq!(
            found(&c, "Bad (order] here."),
            [hit(B, "(", None), hit(B, "]", None)]
        );
        // Brackets do not carry across paragraphs.
        assert_eq!(found(&c, "Open (here.\n\nClosed) there.").len(), 2);
    }
}
