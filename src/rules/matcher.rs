//! Matching compiled patterns against the tokens of one sentence.
//!
//! Elements are matched left to right with backtracking; an element with a range
//! (`optional`, `repeat`) first tries the longest run and gives tokens back when the
//! rest of the pattern fails (greedy).

use super::compile::{Class, Cond, Elem, Pattern};
use crate::document::TokenAnalysis;
use crate::text::{Token, TokenKind};
use std::ops::Range;

/// One sentence as the matcher sees it: its tokens, their normalised texts and POS analysis.
pub struct View<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Lower case, ’ → '.
    pub lower: Vec<String>,
    /// Case kept, ’ → '.
    pub norm: Vec<String>,
    /// Parallel to `tokens` when the grammar engine ran.
    pub analysis: Option<&'a [TokenAnalysis]>,
    /// The first and last token that is not punctuation (for `sentence_start`/`sentence_end`).
    first_content: Option<usize>,
    last_content: Option<usize>,
}

impl<'a> View<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token], analysis: Option<&'a [TokenAnalysis]>) -> Self {
        let norm: Vec<String> = tokens
            .iter()
            .map(|t| t.text(text).replace('’', "'"))
            .collect();
        let lower = norm.iter().map(|s| s.to_lowercase()).collect();
        let content = |t: &&Token| t.kind != TokenKind::Punct;
        View {
            text,
            tokens,
            lower,
            norm,
            analysis,
            first_content: tokens.iter().position(|t| content(&t)),
            last_content: tokens.iter().rposition(|t| content(&t)),
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Text covered by tokens `r` (with the spaces between them); empty for an empty range.
    pub fn slice(&self, r: &Range<usize>) -> &'a str {
        if r.is_empty() {
            ""
        } else {
            &self.text[self.tokens[r.start].span.start..self.tokens[r.end - 1].span.end]
        }
    }
}

fn is_opening(s: &str) -> bool {
    matches!(
        s,
        "\"" | "“" | "‘" | "'" | "«" | "‹" | "„" | "‚" | "(" | "[" | "{"
    )
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "»" | "›" | ")" | "]" | "}")
}

fn class_matches(c: Class, v: &View, i: usize) -> bool {
    let t = &v.tokens[i];
    let s = v.tok(i);
    match c {
        Class::Any => true,
        Class::Word => t.kind == TokenKind::Word,
        Class::LowercaseWord => {
            t.kind == TokenKind::Word
                && s.chars().any(char::is_lowercase)
                && !s.chars().any(char::is_uppercase)
        }
        Class::Capitalized => {
            t.kind == TokenKind::Word && s.chars().next().is_some_and(char::is_uppercase)
        }
        Class::Uppercase => {
            t.kind == TokenKind::Word
                && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !s.chars().any(char::is_lowercase)
        }
        Class::Number => t.kind == TokenKind::Number,
        Class::Punct => t.kind == TokenKind::Punct,
        Class::Opening => t.kind == TokenKind::Punct && is_opening(s),
        Class::Closing => t.kind == TokenKind::Punct && is_closing(s),
        Class::List(words) => t.kind == TokenKind::Word && words.contains(&v.lower[i].as_str()),
    }
}

impl Cond {
    /// Does token `i` of the view satisfy this condition?
    pub fn matches(&self, v: &View, i: usize) -> bool {
        let tok = &v.tokens[i];
        if let Some(sb) = self.space_before {
            if tok.space_before != sb {
                return false;
            }
        }
        if let Some(ws) = &self.words {
            let t = if self.case_sensitive {
                &v.norm[i]
            } else {
                &v.lower[i]
            };
            if !ws.iter().any(|w| w == t) {
                return false;
            }
        }
        if let Some(c) = self.class {
            if !class_matches(c, v, i) {
                return false;
            }
        }
        if let Some(re) = &self.regex {
            if !re.is_match(v.tok(i)) {
                return false;
            }
        }
        if let Some(pos) = &self.pos {
            let Some(a) = v.analysis else { return false };
            let ok = a[i].tags.iter().any(|(lemma, tag)| {
                pos.tag.as_ref().map_or(true, |re| re.is_match(tag))
                    && pos.lemmas.as_ref().map_or(true, |ls| {
                        let l = super::compile::normalize(lemma, false);
                        ls.contains(&l)
                    })
            });
            if !ok {
                return false;
            }
        }
        if let Some(re) = &self.chunk {
            let Some(a) = v.analysis else { return false };
            if !a[i].chunks.iter().any(|c| re.is_match(c)) {
                return false;
            }
        }
        !self.neg.iter().any(|n| n.matches(v, i))
    }
}

impl Elem {
    /// Context checks for the element placed on tokens `r` (non-empty).
    fn context_ok(&self, v: &View, r: &Range<usize>) -> bool {
        if !self.not_after.is_empty()
            && r.start > 0
            && self.not_after.contains(&v.lower[r.start - 1])
        {
            return false;
        }
        if !self.not_before.is_empty()
            && r.end < v.len()
            && self.not_before.contains(&v.lower[r.end])
        {
            return false;
        }
        if self.sentence_start && v.first_content.is_some_and(|f| f < r.start) {
            return false;
        }
        if self.sentence_end && v.last_content.is_some_and(|l| l >= r.end) {
            return false;
        }
        true
    }
}

/// Which (element, token) states are known to fail during one [`Pattern::match_at`]: whether
/// the rest of a pattern matches from a token depends on nothing else, so each state is tried
/// once. Without it, several `repeat` elements in a row backtrack exponentially.
struct Memo {
    /// `generation` marks a failed state; anything else is unknown.
    failed: Vec<u32>,
    generation: u32,
    stride: usize,
}

impl Memo {
    const fn new() -> Self {
        Memo {
            failed: Vec::new(),
            generation: 0,
            stride: 0,
        }
    }

    fn start(&mut self, states: usize, stride: usize) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.failed.iter_mut().for_each(|g| *g = 0);
            self.generation = 1;
        }
        if self.failed.len() < states {
            self.failed.resize(states, 0);
        }
        self.stride = stride;
    }

    fn known_to_fail(&self, ei: usize, pos: usize) -> bool {
        self.failed[ei * self.stride + pos] == self.generation
    }

    fn fails(&mut self, ei: usize, pos: usize) {
        self.failed[ei * self.stride + pos] = self.generation;
    }
}

#[cfg(test)]
thread_local! {
    /// Calls of `Pattern::go` on this thread (tests measure the matcher's work with it).
    pub(crate) static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = const { std::cell::RefCell::new(Memo::new()) };
}

impl Pattern {
    /// Matches the pattern starting at token `start`; returns the token range of each element.
    pub fn match_at(&self, v: &View, start: usize) -> Option<Vec<Range<usize>>> {
        let mut caps = vec![0..0; self.elems.len()];
        let stride = v.len() + 1;
        let states = self.elems.len() * stride;
        let mut run = |memo: &mut Memo| {
            memo.start(states, stride);
            self.go(v, 0, start, &mut caps, memo)
        };
        // The thread's memo, or a fresh one should a match ever run inside another.
        let found = MEMO.with(|m| match m.try_borrow_mut() {
            Ok(mut memo) => run(&mut memo),
            Err(_) => run(&mut Memo::new()),
        });
        found.then_some(caps)
    }

    fn go(
        &self,
        v: &View,
        ei: usize,
        pos: usize,
        caps: &mut [Range<usize>],
        memo: &mut Memo,
    ) -> bool {
        #[cfg(test)]
        STEPS.with(|n| n.set(n.get() + 1));
        let Some(e) = self.elems.get(ei) else {
            return true;
        };
        if memo.known_to_fail(ei, pos) {
            return false;
        }
        if !e.phrases.is_empty() {
            for ph in &e.phrases {
                let r = pos..pos + ph.len();
                if r.end <= v.len()
                    && ph.iter().zip(r.clone()).all(|(c, i)| c.matches(v, i))
                    && e.context_ok(v, &r)
                {
                    caps[ei] = r.clone();
                    if self.go(v, ei + 1, r.end, caps, memo) {
                        return true;
                    }
                }
            }
            memo.fails(ei, pos);
            return false;
        }
        let mut k = 0;
        while k < e.max && pos + k < v.len() && e.cond.matches(v, pos + k) {
            k += 1;
        }
        if k >= e.min {
            for n in (e.min..=k).rev() {
                let r = pos..pos + n;
                if n > 0 && !e.context_ok(v, &r) {
                    continue;
                }
                caps[ei] = r;
                if self.go(v, ei + 1, pos + n, caps, memo) {
                    return true;
                }
            }
        }
        memo.fails(ei, pos);
        false
    }

    /// Does the pattern match anywhere with a token range that overlaps `within`?
    /// (`within = 0..len` asks whether it matches anywhere.)
    pub fn matches_overlapping(&self, v: &View, within: &Range<usize>) -> bool {
        (0..v.len()).any(|s| {
            self.match_at(v, s).is_some_and(|caps| {
                let r = covered(&caps).unwrap_or(s..s);
                r.start < within.end && within.start < r.end
            })
        })
    }
}

/// The token range from the first to the last non-empty capture.
pub fn covered(caps: &[Range<usize>]) -> Option<Range<usize>> {
    let first = caps.iter().find(|c| !c.is_empty())?;
    let last = caps.iter().rev().find(|c| !c.is_empty())?;
    Some(first.start..last.end)
}
