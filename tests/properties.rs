//! Property tests (issue 11): generated Markdown documents that mix what breaks offset maps and
//! fixers — BOM, CRLF and lone CR, NFD, emoji with ZWJ, CJK, RTL text with bidi controls,
//! zero-width characters, tabs, tables, nested lists and block quotes, HTML blocks, autolinks,
//! bare URLs, reference links, footnotes, setext headings, indented and fenced code (backticks
//! and tildes, fences of unequal length), YAML and TOML front matter, inline code with several
//! backticks — with prose that draws safe fixes.
//!
//! In process (the library, grammar on), for every document:
//! - every span is in range and on character boundaries, and its line/column agree with an
//!   independent count;
//! - no span cuts into code, front matter, HTML or a URL (a finding without a fix may cover a
//!   whole block that contains one, as a repeated paragraph does); no fix edits one;
//! - a fix pass changes the bytes of its edits and nothing else; fixing twice equals fixing once.
//!
//! Through the binary, on a directory of generated documents: `--diff` applied with `patch -p0`
//! gives the same files as `--fix`, and a second `--fix` changes nothing.
//!
//! Fixed seed, so that CI runs the same cases every time (`MTLINT_PROPTEST_CASES` for more).

use mtlint::config::{Config, GrammarMode};
use mtlint::source::offsets::LineIndex;
use mtlint::source::SourceKind;
use mtlint::{fix, Linter};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as PtConfig, RngAlgorithm, TestRng, TestRunner};
use std::ops::Range;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// A generated document and the byte ranges no finding may cut into and no fix may touch.
#[derive(Clone, Debug)]
struct Doc {
    text: String,
    protected: Vec<Range<usize>>,
}

/// Text under construction, with protected ranges.
#[derive(Default)]
struct Builder {
    text: String,
    protected: Vec<Range<usize>>,
}

impl Builder {
    fn prose(&mut self, s: &str) {
        self.text.push_str(s);
    }
    fn atom(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.protected.push(start..self.text.len());
    }
}

/// Sentences of MT-like prose: repeated words, stray spaces, calques, numbers and every script
/// and invisible character the offset map must survive.
const SENTENCES: &[&str] = &[
    "The army protected son territory .",
    "It is is a test of the the system.",
    "We  met in Kiev on 5.3.2022 , they said.",
    "The cafe\u{301} was open , and the re\u{301}sume\u{301} was sent.",
    "A family 👩\u{200d}👩\u{200d}👧 and a flag 🇺🇦 arrived  today.",
    "北京 is the capital ,the officials said.",
    "The word שלום \u{202b}עולם\u{202c} is Hebrew .",
    "zero\u{200b}width joins\tand a tab.",
    "He said \"hello\" and 'bye' .",
    "In 2020,the numbers rose by 5 % and then by 10 %.",
    "Prices rose 3,5 percent in the the second quarter.",
    "Ukraine launched back its forces.",
    "This is a normal sentence with nothing wrong.",
    "Über 20 Menschen were there.",
    "The ministers ministers met on Monday.",
];

/// Inline atoms: code with one to three backticks, autolinks, bare URLs.
const INLINE_ATOMS: &[&str] = &[
    "`the the  x`",
    "``a ` b  c``",
    "```x `` y```",
    "<https://example.org/a__b>",
    "https://example.com/the,,the?x=1",
    "<mailto:someone@example.org>",
];

/// Inline prose with markup (links, emphasis, footnote references): not protected.
const INLINE_PROSE: &[&str] = &[
    "[the the link][r1]",
    "*emphasis  here*",
    "**strong** text",
    "a footnote[^n1]",
    "[inline](https://example.net/x_y)",
];

fn sentence() -> impl Strategy<Value = usize> {
    0..SENTENCES.len()
}

/// A paragraph: sentences with inline pieces between them.
fn paragraph() -> impl Strategy<Value = Vec<(usize, u8, usize)>> {
    prop::collection::vec((sentence(), 0u8..4, 0usize..8), 1..4)
}

fn write_paragraph(b: &mut Builder, parts: &[(usize, u8, usize)]) {
    for (i, (s, kind, which)) in parts.iter().enumerate() {
        if i > 0 {
            b.prose(" ");
        }
        b.prose(SENTENCES[*s]);
        match kind {
            1 => {
                b.prose(" See ");
                b.atom(INLINE_ATOMS[which % INLINE_ATOMS.len()]);
                b.prose(" here.");
            }
            2 => {
                b.prose(" Also ");
                b.prose(INLINE_PROSE[which % INLINE_PROSE.len()]);
                b.prose(".");
            }
            _ => {}
        }
    }
}

#[derive(Clone, Debug)]
enum Block {
    Paragraph(Vec<(usize, u8, usize)>),
    Atx(u8, usize),
    Setext(usize, bool),
    /// Fence character, opening length, an inner shorter fence line, closing length extra.
    Fenced(bool, usize, bool, usize),
    /// A heading, then indented code (after a heading no list can claim the indentation).
    Indented(usize),
    Html(usize),
    Table(usize, usize),
    List(Vec<(usize, u8, usize)>, usize),
    Quote(usize, usize),
    LinkDefinition,
    Footnote(usize),
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        4 => paragraph().prop_map(Block::Paragraph),
        1 => (1u8..4, sentence()).prop_map(|(l, s)| Block::Atx(l, s)),
        1 => (sentence(), any::<bool>()).prop_map(|(s, e)| Block::Setext(s, e)),
        1 => (any::<bool>(), 3usize..6, any::<bool>(), 0usize..3)
            .prop_map(|(t, n, inner, extra)| Block::Fenced(t, n, inner, extra)),
        1 => sentence().prop_map(Block::Indented),
        1 => sentence().prop_map(Block::Html),
        1 => (sentence(), sentence()).prop_map(|(a, b)| Block::Table(a, b)),
        1 => (paragraph(), sentence()).prop_map(|(p, s)| Block::List(p, s)),
        1 => (sentence(), sentence()).prop_map(|(a, b)| Block::Quote(a, b)),
        1 => Just(Block::LinkDefinition),
        1 => sentence().prop_map(Block::Footnote),
    ]
}

fn write_block(b: &mut Builder, block: &Block) {
    match block {
        Block::Paragraph(p) => write_paragraph(b, p),
        Block::Atx(level, s) => {
            b.prose(&"#".repeat(*level as usize));
            b.prose(" ");
            b.prose(SENTENCES[*s].trim_end_matches(['.', ' ']));
        }
        Block::Setext(s, equals) => {
            b.prose(SENTENCES[*s].trim_end_matches(['.', ' ']));
            b.prose(if *equals { "\n=====" } else { "\n-----" });
        }
        Block::Fenced(tilde, n, inner, extra) => {
            let c = if *tilde { "~" } else { "`" };
            let mut code = format!("{}text\nthe the  code ,here\n", c.repeat(*n));
            if *inner {
                // A shorter fence inside does not close the block.
                code.push_str(&c.repeat(n - 1));
                code.push_str("\nstill  code\n");
            }
            code.push_str(&c.repeat(n + extra));
            b.atom(&code);
        }
        Block::Indented(s) => {
            b.prose("## Code ");
            b.prose(SENTENCES[*s].trim_end_matches(['.', ' ']));
            b.prose("\n\n");
            b.atom("    let x = the the  y ;\n    z  ,w");
        }
        Block::Html(s) => {
            b.atom(&format!("<div class=\"x\">\n{}\n</div>", SENTENCES[*s]));
        }
        Block::Table(a, c) => {
            b.prose("| Column  A | B |\n|---|---|\n| ");
            b.prose(SENTENCES[*a]);
            b.prose(" | ");
            b.atom("`x  y`");
            b.prose(" |\n| ");
            b.prose(SENTENCES[*c]);
            b.prose(" | z |");
        }
        Block::List(p, s) => {
            b.prose("- ");
            write_paragraph(b, p);
            b.prose("\n  - ");
            b.prose(SENTENCES[*s]);
            b.prose("\n    1. Nested  item .\n- Last item");
        }
        Block::Quote(a, c) => {
            b.prose("> ");
            b.prose(SENTENCES[*a]);
            b.prose("\n> > ");
            b.prose(SENTENCES[*c]);
        }
        Block::LinkDefinition => b.atom("[r1]: https://example.org/the__the \"Title\""),
        Block::Footnote(s) => {
            b.prose("[^n1]: ");
            b.prose(SENTENCES[*s]);
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Eol {
    Lf,
    CrLf,
    Cr,
    Mixed,
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        any::<bool>(),
        0u8..3,
        prop::collection::vec(block(), 1..7),
        prop_oneof![
            Just(Eol::Lf),
            Just(Eol::CrLf),
            Just(Eol::Cr),
            Just(Eol::Mixed)
        ],
        any::<u64>(),
        any::<bool>(),
    )
        .prop_map(|(bom, front, blocks, eol, mix, final_newline)| {
            let mut b = Builder::default();
            if bom {
                b.atom("\u{feff}");
            }
            match front {
                1 => b.atom("---\ntitle: the the  test\ntags: [a, b]\n---"),
                2 => b.atom("+++\ntitle = \"the the  test\"\n+++"),
                _ => {}
            }
            for (i, block) in blocks.iter().enumerate() {
                if i > 0 || front > 0 {
                    b.prose("\n\n");
                }
                write_block(&mut b, block);
            }
            if final_newline {
                b.prose("\n");
            }
            with_line_ends(b, eol, mix)
        })
}

/// Rewrites the `\n` line ends, moving the protected ranges along.
fn with_line_ends(b: Builder, eol: Eol, mut mix: u64) -> Doc {
    let mut text = String::with_capacity(b.text.len() * 2);
    // New offset of every old offset (one more for the end).
    let mut map = Vec::with_capacity(b.text.len() + 1);
    for c in b.text.chars() {
        for k in 0..c.len_utf8() {
            map.push(text.len() + k);
        }
        if c == '\n' {
            let end = match eol {
                Eol::Lf => "\n",
                Eol::CrLf => "\r\n",
                Eol::Cr => "\r",
                Eol::Mixed => {
                    mix = mix.rotate_left(7) ^ 0x9e37_79b9_7f4a_7c15;
                    // A lone CR then LF would be one CRLF line end, not two.
                    if text.ends_with('\r') {
                        ["\r\n", "\r"][(mix % 2) as usize]
                    } else {
                        ["\n", "\r\n", "\r"][(mix % 3) as usize]
                    }
                }
            };
            text.push_str(end);
        } else {
            text.push(c);
        }
    }
    map.push(text.len());
    let protected = b
        .protected
        .iter()
        .map(|r| map[r.start]..map[r.end])
        .collect();
    Doc { text, protected }
}

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| {
        let mut c = Config::default();
        c.grammar.mode = Some(GrammarMode::Require);
        mtlint::registry::linter(c).expect("linter")
    })
}

fn check(text: &str) -> Vec<mtlint::Diagnostic> {
    let mut ds = linter().check_text(text, SourceKind::Markdown);
    fix::protect_markup(text, SourceKind::Markdown, &mut ds);
    ds
}

/// Line and column (1-based, columns in characters, the BOM not counted) by a direct count:
/// a line ends at LF, CRLF or a lone CR.
fn direct_line_col(text: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = text[..offset].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\r' if chars.peek().is_some_and(|(_, n)| *n == '\n') => {}
            '\r' | '\n' => {
                line += 1;
                col = 1;
            }
            '\u{feff}' if i == 0 => {}
            _ => col += 1,
        }
    }
    (line, col)
}

fn cuts(span: &Range<usize>, p: &Range<usize>) -> bool {
    let overlap = span.start < p.end && p.start < span.end;
    let contains = span.start <= p.start && p.end <= span.end;
    overlap && !contains
}

fn overlaps(span: &Range<usize>, p: &Range<usize>) -> bool {
    span.start < p.end && p.start < span.end
}

/// Does an edit change protected bytes (or insert inside a protected range)?
fn touches_edit(edit: &Range<usize>, p: &Range<usize>) -> bool {
    overlaps(edit, p) || (edit.is_empty() && p.start < edit.start && edit.start < p.end)
}

fn check_doc(doc: &Doc) -> Result<(), TestCaseError> {
    let text = &doc.text;
    let ds = check(text);
    let lines = LineIndex::new(text);
    for d in &ds {
        let s = &d.span;
        prop_assert!(
            s.start <= s.end && s.end <= text.len(),
            "{}: {s:?} out of range",
            d.rule
        );
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{}: {s:?} not on char boundaries",
            d.rule
        );
        for off in [s.start, s.end] {
            let lc = lines.line_col(text, off);
            prop_assert_eq!(
                (lc.line, lc.column),
                direct_line_col(text, off),
                "{}: line/column of offset {}",
                &d.rule,
                off
            );
        }
        for p in &doc.protected {
            let whole_block_note = d.suggestions.is_empty() && !cuts(s, p);
            prop_assert!(
                !overlaps(s, p) || whole_block_note,
                "{} at {s:?} ({:?}) touches protected {p:?} ({:?})",
                d.rule,
                &text[s.clone()],
                &text[p.clone()]
            );
        }
    }
    // One pass: the edits change their own bytes and nothing else, and touch nothing protected.
    let edits = fix::edits(text, &ds);
    let mut pos = 0;
    let mut expected = String::new();
    for e in &edits {
        prop_assert!(e.range.start >= pos, "edits overlap or are unsorted");
        for p in &doc.protected {
            prop_assert!(
                !touches_edit(&e.range, p),
                "fix of {} at {:?} touches protected {:?}",
                e.rule,
                e.range,
                &text[p.clone()]
            );
        }
        expected.push_str(&text[pos..e.range.start]);
        expected.push_str(&e.replacement);
        pos = e.range.end;
    }
    expected.push_str(&text[pos..]);
    prop_assert_eq!(&fix::apply_edits(text, &edits), &expected);
    // Fixing is idempotent.
    let once = fix::fix_until_stable(text, Some(ds), check);
    prop_assert!(once.converged, "fixes did not settle");
    let twice = fix::fix_until_stable(&once.text, None, check);
    prop_assert_eq!(&twice.text, &once.text, "a second --fix changed the text");
    prop_assert_eq!(twice.fixed, 0);
    Ok(())
}

fn runner(cases: u32) -> TestRunner {
    let config = PtConfig {
        cases,
        failure_persistence: None,
        ..PtConfig::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]))
}

fn cases(default: u32) -> u32 {
    std::env::var("MTLINT_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[test]
fn spans_fixes_and_protected_text() {
    let mut r = runner(cases(300));
    if let Err(e) = r.run(&doc(), |d| check_doc(&d)) {
        panic!("{e}");
    }
}

/// The generator makes what it promises (so that the property above is not vacuous).
#[test]
fn generated_documents_cover_the_cases() {
    let mut r = runner(1);
    let strategy = doc();
    let (mut crlf, mut cr, mut bom, mut fenced, mut fixes) = (0, 0, 0, 0, 0);
    for _ in 0..200 {
        let d = strategy.new_tree(&mut r).unwrap().current();
        crlf += d.text.contains("\r\n") as usize;
        cr += d.text.replace("\r\n", "").contains('\r') as usize;
        bom += d.text.starts_with('\u{feff}') as usize;
        fenced += (d.text.contains("~~~") || d.text.contains("```")) as usize;
        fixes += (!fix::edits(&d.text, &check(&d.text)).is_empty()) as usize;
    }
    for (what, n) in [
        ("CRLF", crlf),
        ("lone CR", cr),
        ("BOM", bom),
        ("fenced code", fenced),
        ("safe fixes", fixes),
    ] {
        assert!(n >= 20, "only {n} of 200 documents have {what}");
    }
}

/// Through the binary: `--diff` + `patch -p0` equals `--fix`; a second `--fix` changes nothing.
#[test]
fn diff_patch_equals_fix_and_fix_is_idempotent() {
    let mut r = runner(1);
    let strategy = doc();
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let n = cases(60);
    for dir in [&a, &b] {
        std::fs::create_dir_all(dir.join("docs")).unwrap();
    }
    for i in 0..n {
        let d = strategy.new_tree(&mut r).unwrap().current();
        for dir in [&a, &b] {
            std::fs::write(dir.join(format!("docs/case{i:03}.md")), &d.text).unwrap();
        }
    }
    let bin = env!("CARGO_BIN_EXE_mtlint");
    let run = |dir: &Path, args: &[&str]| {
        Command::new(bin)
            .current_dir(dir)
            .args(["check", "--no-config", "--no-cache", "--grammar", "require"])
            .args(args)
            .arg("docs")
            .output()
            .unwrap()
    };
    let diff = run(&a, &["--diff"]);
    assert_eq!(
        diff.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&diff.stderr)
    );
    let mut patch = Command::new("patch")
        .current_dir(&a)
        .args(["-p0", "--quiet", "--batch"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("patch(1)");
    use std::io::Write;
    patch.stdin.take().unwrap().write_all(&diff.stdout).unwrap();
    assert!(patch.wait().unwrap().success(), "patch -p0 failed");
    let fixed = run(&b, &["--fix"]);
    assert_ne!(
        fixed.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    let read = |dir: &Path, i: u32| std::fs::read(dir.join(format!("docs/case{i:03}.md"))).unwrap();
    for i in 0..n {
        assert!(
            read(&a, i) == read(&b, i),
            "case{i:03}.md: --diff + patch differs from --fix"
        );
    }
    let before: Vec<Vec<u8>> = (0..n).map(|i| read(&b, i)).collect();
    let again = run(&b, &["--fix"]);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("fixed 0 problems in 0 files"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    for (i, old) in before.iter().enumerate() {
        assert!(
            read(&b, i as u32) == *old,
            "case{i:03}.md changed on a second --fix"
        );
    }
}
