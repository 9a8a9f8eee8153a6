//! Placeholders, markup and other untranslatable tokens in a translated segment compared with
//! its source.
//!
//! ## What it does
//! [`extract`] finds the tokens a translation must carry over unchanged — format
//! placeholders, template variables, HTML tags and entities, Markdown code and links, URLs,
//! e-mail addresses — and [`compare`] reports the ones the translation lost, the ones it made
//! up, positional printf specifiers it reordered (the program would substitute the arguments
//! into the wrong places) and HTML tags it left badly nested or unclosed.
//!
//! ## What counts as a placeholder
//! Each [`Placeholder`] has a normalized key ([`Placeholder::text`]); two placeholders match
//! when their keys are equal.
//! - printf ([`PhKind::Printf`]): `%s %d %i %u %f %.2f %5.1f %-10s %x %X %o %c %e %g %p %ld
//!   %lld %zu %@ %1$s %2$d`; `%%` is a literal percent. Python `%(name)s`
//!   ([`PhKind::PythonNamed`]); Ruby `%{name}` and `%<name>s` ([`PhKind::PercentBrace`]).
//!   The key is the specifier as written.
//! - Braces ([`PhKind::Brace`]): `{0}`, `{name}`, `{0:N2}`, `{name!r}`, and ICU arguments
//!   `{count, plural, one {# file} other {# files}}` whose key is the argument alone
//!   (`{count}`): the branch texts are translatable, placeholders inside them are found too.
//!   Double braces `{{var}}`, `{{ user.name | upper }}` ([`PhKind::DoubleBrace`], key without
//!   spaces: `{{user.name|upper}}`). Jinja statements and comments (`{% … %}`, `{# … #}`) are
//!   skipped.
//! - `${var}` always, `$1`…`$9` only where the source has them ([`PhKind::Dollar`]); `$var`
//!   with the `sh-format`, `perl-format` or `php-format` flag.
//! - Qt `%1`…`%99` and `%L1` ([`PhKind::Qt`]), only where the source has them.
//! - HTML/XML tags ([`PhKind::HtmlTag`]), key = tag name and closing flag (`<b>`, `</b>`,
//!   `<x/>`; void elements such as `<br>`, `<br/>`, `<br />` are all `<br>`); attributes are
//!   ignored, but a URL inside one (`href`) is a [`PhKind::Url`] of its own. `<name>` counts
//!   as a tag only when it is unmistakably markup: a closing tag, an attribute assignment
//!   (`<a href="…">`, not `<corrupt index>`), self-closing, a namespace (`<w:t>`), a common
//!   formatting element (`b i u em strong br hr p span div sub sup tt li ul ol h1–h6
//!   blockquote pre wbr nobr strike img a`) or an opener whose closing tag is in the same text.
//!   Command-line usage placeholders (`<file>`, `<expression>`, `<mark>`) are translatable
//!   text. Comments and `<!DOCTYPE>` are skipped. Entities `&amp;`, `&nbsp;`, `&#160;`
//!   ([`PhKind::HtmlEntity`]), key as written.
//! - Markdown inline code `` `x` `` and fenced code blocks ([`PhKind::MarkdownCode`]; the
//!   content is the key, so it must be identical); placeholders inside inline code are found
//!   too. GNU-style quotes `` `like this' `` are not code. Links and images `[text](url)`,
//!   `![alt](src)` ([`PhKind::MarkdownLink`], key `[](url)`: the text is translatable).
//! - URLs `http://…`, `https://…`, `ftp://…`, `www.…` ([`PhKind::Url`]) and e-mail addresses
//!   ([`PhKind::Email`]), which must be identical.
//!
//! ## Natural text is not a placeholder
//! Without a format flag (the usual case for MT output) printf is guessed conservatively:
//! - a `%` right after a digit is a percent sign: `50% of users`, `at 5%, the rate`,
//!   `58%认为`, `50%s` (with the `c-format` flag the last one is a placeholder);
//! - the space flag and the `'` flag are not accepted (`% increase`, `50 % of`: `% o` would
//!   be a valid C octal conversion), nor the rarely used `%a`, `%A` and `%n`;
//! - `%-` and a letter glued to a word is text (`%-encoding`);
//! - a percent sign inside a URL is URL encoding.
//!
//! ## PO flags
//! `flags` are gettext flags. None: every family is guessed. A positive `*-format` flag limits
//! the format families to the ones it names (`c-format`, `objc-format`, `php-format`,
//! `perl-format`, `javascript-format`, `java-printf-format`, `gcc-internal-format`: strict
//! printf; `python-format`: printf and `%(name)s`; `python-brace-format`, `java-format`,
//! `csharp-format`, `icu-format`: braces (with `python-brace-format`, `{{` and `}}` are escaped
//! braces); `qt-format`, `kde-format`, `qt-plural-format`: `%1`; `ruby-format`: `%{name}` and
//! printf; `sh-format`: `$var`). `no-c-format` and its kin turn a family off. Markup (tags,
//! entities, Markdown, URLs, e-mail, `{{var}}`, `${var}`) is checked whatever the flags.
//!
//! ## How [`compare`] matches
//! Multiset matching by key: a key the source has twice must be in the target twice. Inside
//! ICU plural/select branches the number of occurrences depends on the language's plural
//! forms, so there only presence counts. Braces, indexed printf (`%1$s`) and everything else
//! may move freely; only positional printf specifiers must keep their order. When either side
//! numbers its printf arguments, the other side's positional ones are numbered for matching:
//! `%s of %d` → `%2$d von %1$s` is right, `%2$s von %1$d` is reported as missing and added.
//!
//! Not reported:
//! - Qt `%1` and `$1` in the target when the source has none (`%50` is Turkish for 50%);
//!   `$1`…`$9` unless the source has two different ones or a format flag is given (`$5` is
//!   money);
//! - printf in a strftime format (`%a %b %e %H:%M:%S %Y`), which is localized freely;
//! - inline code whose content the other side keeps verbatim in other quotes
//!   (`` `pkgname` `` → `»pkgname«`);
//! - an entity the other side writes as the character (`&nbsp;` → U+00A0), except `&amp;`,
//!   `&lt;` and `&gt;`;
//! - unbalanced target tags when the source's own tags are not well formed.
//!
//! On 350,468 human msgid/msgstr pairs of the GNU/Debian `.mo` catalogues (de, fr, es, ru,
//! ja, zh_CN) without flags, `compare` reports 191, nearly all real discrepancies (`% s`,
//! `%d` for `%s`, dropped `%E`, translated `` `code` ``).

use std::collections::HashMap;
use std::ops::Range;

/// A placeholder or other untranslatable token found by [`extract`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placeholder {
    /// The normalized key: two placeholders match when their keys are equal (`%s`, `%1$s`,
    /// `{count}`, `%(name)s`, `{{user}}`, `<b>`, `</b>`, `` `code` ``, `[](https://x.org)`).
    pub text: String,
    /// Byte range of the token in the text.
    pub span: Range<usize>,
    /// What kind of token it is.
    pub kind: PhKind,
}

/// The kind of a [`Placeholder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhKind {
    /// C/POSIX printf: `%s`, `%.2f`, `%1$s`, `%@`.
    Printf,
    /// Python named: `%(name)s`.
    PythonNamed,
    /// Ruby named: `%{name}`, `%<name>s`.
    PercentBrace,
    /// Braces: `{0}`, `{name}`, `{0:N2}`, ICU `{count, plural, …}` (key `{count}`).
    Brace,
    /// Mustache/Jinja/Angular: `{{var}}`.
    DoubleBrace,
    /// Shell/JavaScript templates and regex groups: `${var}`, `$1`, `$var`.
    Dollar,
    /// Qt/KDE: `%1`, `%L1`.
    Qt,
    /// An HTML/XML tag: `<b>`, `</b>`, `<br/>`, `<a href="…">`.
    HtmlTag,
    /// An HTML entity: `&amp;`, `&nbsp;`, `&#160;`.
    HtmlEntity,
    /// Markdown inline code or a fenced code block.
    MarkdownCode,
    /// A Markdown link or image: `[text](url)`, `![alt](src)`.
    MarkdownLink,
    /// A URL: `https://…`, `www.…`.
    Url,
    /// An e-mail address.
    Email,
}

/// The outcome of [`compare`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhMismatch {
    /// Source placeholders with no counterpart in the target (spans into the source).
    pub missing: Vec<Placeholder>,
    /// Target placeholders with no counterpart in the source (spans into the target).
    pub added: Vec<Placeholder>,
    /// Positional printf specifiers (`%s`, `%d` without an index) in a different order:
    /// pairs of (source specifier, target specifier at the same position). The program fills
    /// them in order, so the arguments would land in the wrong places.
    pub order: Vec<(Placeholder, Placeholder)>,
    /// Target HTML tags that are unclosed, stray or badly nested where the source's tags are
    /// well formed (spans into the target).
    pub unbalanced: Vec<Placeholder>,
}

impl PhMismatch {
    /// True when nothing is reported.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty()
            && self.added.is_empty()
            && self.order.is_empty()
            && self.unbalanced.is_empty()
    }
}

/// Finds the placeholders of `text`, guessing the format families (no PO flags). In text
/// order.
pub fn extract(text: &str) -> Vec<Placeholder> {
    extract_with_flags(text, &[])
}

/// Finds the placeholders of `text` under the given PO flags (see the module documentation).
pub fn extract_with_flags(text: &str, flags: &[&str]) -> Vec<Placeholder> {
    Extractor::run(text, Mode::from_flags(flags)).0
}

/// Compares the placeholders of `source` with those of its translation `target`. `flags` are
/// the PO flags of the entry (`c-format`, `python-format`, `no-c-format`, …); empty = guess.
pub fn compare(source: &str, target: &str, flags: &[&str]) -> PhMismatch {
    let mode = Mode::from_flags(flags);
    let (mut src, src_bodies) = Extractor::run(source, mode);
    let (mut tgt, tgt_bodies) = Extractor::run(target, mode);

    // Qt %1 and $1 are placeholders only where the source uses them (else "%50" in Turkish or
    // "$5" is text). $N needs a format flag or two different numbers in the source: a single
    // "$5" is money.
    if !src.iter().any(|p| p.kind == PhKind::Qt) {
        tgt.retain(|p| p.kind != PhKind::Qt);
    }
    // A strftime date format ("%a %b %e %H:%M:%S %Y") is localized freely.
    if strftime_like(source) {
        src.retain(|p| p.kind != PhKind::Printf);
        tgt.retain(|p| p.kind != PhKind::Printf);
    }
    let src_dollar_numbers: Vec<&str> = src
        .iter()
        .filter(|p| is_dollar_number(p))
        .map(|p| p.text.as_str())
        .collect();
    let distinct = {
        let mut d = src_dollar_numbers.clone();
        d.sort_unstable();
        d.dedup();
        d.len()
    };
    let dollar_numbers_are_placeholders = (mode.explicit && distinct >= 1) || distinct >= 2;
    if !dollar_numbers_are_placeholders {
        src.retain(|p| !is_dollar_number(p));
        tgt.retain(|p| !is_dollar_number(p));
    }

    let nested = |p: &Placeholder, bodies: &[Range<usize>]| {
        bodies
            .iter()
            .any(|b| b.start <= p.span.start && p.span.end <= b.end)
    };
    let (src_top, src_in): (Vec<&Placeholder>, Vec<&Placeholder>) =
        src.iter().partition(|p| !nested(p, &src_bodies));
    let (tgt_top, tgt_in): (Vec<&Placeholder>, Vec<&Placeholder>) =
        tgt.iter().partition(|p| !nested(p, &tgt_bodies));

    let mut out = PhMismatch::default();

    // Top level: multiset by key; the first occurrences match, later ones are extra. When
    // either side numbers its printf arguments (%2$s), the positional ones of the other side
    // are numbered too: "%s of %d" and "%2$d von %1$s" are the same.
    let indexed = |list: &[&Placeholder]| list.iter().any(|p| is_indexed_printf(p));
    let canonical = indexed(&src_top) || indexed(&tgt_top);
    let has_key = |list: &[&Placeholder], key: &str| list.iter().any(|p| p.text == key);
    let src_keyed = keyed(&src_top, canonical);
    let tgt_keyed = keyed(&tgt_top, canonical);
    for p in multiset_extras(&src_keyed, &tgt_keyed) {
        if !has_key(&tgt_in, &p.text) {
            out.missing.push(p.clone());
        }
    }
    for p in multiset_extras(&tgt_keyed, &src_keyed) {
        if !has_key(&src_in, &p.text) {
            out.added.push(p.clone());
        }
    }
    // Inside plural/select branches: presence only (each key reported once).
    for (i, p) in src_in.iter().enumerate() {
        let first = !has_key(&src_in[..i], &p.text);
        if first && !has_key(&tgt_in, &p.text) && !has_key(&tgt_top, &p.text) {
            out.missing.push((*p).clone());
        }
    }
    for (i, p) in tgt_in.iter().enumerate() {
        let first = !has_key(&tgt_in[..i], &p.text);
        if first && !has_key(&src_in, &p.text) && !has_key(&src_top, &p.text) {
            out.added.push((*p).clone());
        }
    }
    // Entities: a target that writes the character itself loses nothing (except for the
    // markup-significant &amp; &lt; &gt;), and a target that escapes a source character adds
    // nothing.
    out.missing.retain(|p| {
        p.kind != PhKind::HtmlEntity
            || matches!(p.text.as_str(), "&amp;" | "&lt;" | "&gt;")
            || !entity_char(&p.text).is_some_and(|c| target.contains(c))
    });
    out.added.retain(|p| {
        p.kind != PhKind::HtmlEntity || !entity_char(&p.text).is_some_and(|c| source.contains(c))
    });
    // Inline code whose content the other side keeps verbatim, only quoted differently
    // (`pkgname` → »pkgname«), is not lost.
    out.missing
        .retain(|p| !code_content(p).is_some_and(|c| target.contains(c)));
    out.added
        .retain(|p| !code_content(p).is_some_and(|c| source.contains(c)));
    out.missing.sort_by_key(|p| p.span.start);
    out.added.sort_by_key(|p| p.span.start);

    // Order of positional printf specifiers.
    let positional = |list: &[&Placeholder]| -> Vec<Placeholder> {
        list.iter()
            .filter(|p| p.kind == PhKind::Printf && !p.text.contains('$'))
            .map(|p| (*p).clone())
            .collect()
    };
    let sp = positional(&src_top);
    let tp = positional(&tgt_top);
    fn sorted_keys(v: &[Placeholder]) -> Vec<&str> {
        let mut k: Vec<&str> = v.iter().map(|p| p.text.as_str()).collect();
        k.sort_unstable();
        k
    }
    let free_order = strftime_like(source) || strftime_like(target);
    if !canonical && !free_order && sp.len() == tp.len() && sorted_keys(&sp) == sorted_keys(&tp) {
        out.order = sp
            .into_iter()
            .zip(tp)
            .filter(|(s, t)| s.text != t.text)
            .collect();
    }

    // HTML nesting.
    let tags = |list: &[Placeholder]| -> Vec<Placeholder> {
        list.iter()
            .filter(|p| p.kind == PhKind::HtmlTag)
            .cloned()
            .collect()
    };
    if tag_problems(&tags(&src)).is_empty() {
        out.unbalanced = tag_problems(&tags(&tgt));
    }
    out
}

/// The content of an inline code span (not of a fenced block).
fn code_content(p: &Placeholder) -> Option<&str> {
    if p.kind != PhKind::MarkdownCode || p.text.contains('\n') {
        return None;
    }
    let inner = p.text.trim_matches('`').trim();
    (!inner.is_empty()).then_some(inner)
}

fn is_dollar_number(p: &Placeholder) -> bool {
    p.kind == PhKind::Dollar && p.text[1..].bytes().all(|b| b.is_ascii_digit())
}

/// HTML elements that are markup even without attributes or a closing tag in the same text.
const FORMATTING_TAGS: &[&str] = &[
    "a",
    "b",
    "i",
    "u",
    "em",
    "strong",
    "br",
    "hr",
    "p",
    "span",
    "div",
    "sub",
    "sup",
    "tt",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "wbr",
    "nobr",
    "strike",
    "img",
];

/// HTML void elements: never closed.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

fn is_indexed_printf(p: &Placeholder) -> bool {
    p.kind == PhKind::Printf && p.text.contains('$')
}

/// The matching key of each placeholder: its text, except that with `canonical` the n-th
/// positional printf specifier `%s` becomes `%n$s`.
fn keyed<'p>(list: &[&'p Placeholder], canonical: bool) -> Vec<(&'p Placeholder, String)> {
    let mut ordinal = 0;
    list.iter()
        .map(|&p| {
            if canonical && p.kind == PhKind::Printf && !is_indexed_printf(p) {
                ordinal += 1;
                (p, format!("%{ordinal}${}", &p.text[1..]))
            } else {
                (p, p.text.clone())
            }
        })
        .collect()
}

/// The items of `a` left over after matching each against an item of `b` with the same key.
fn multiset_extras<'p>(
    a: &[(&'p Placeholder, String)],
    b: &[(&Placeholder, String)],
) -> Vec<&'p Placeholder> {
    let mut available: HashMap<&str, usize> = HashMap::new();
    for (_, key) in b {
        *available.entry(key.as_str()).or_default() += 1;
    }
    let mut extras = Vec::new();
    for (p, key) in a {
        match available.get_mut(key.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => extras.push(*p),
        }
    }
    extras
}

/// strftime directives that printf does not have: in such a text the order of `%` fields
/// is free ("%I:%M %p" → "%p%I時%M分").
fn strftime_like(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len()).any(|k| {
        b[k - 1] == b'%'
            && (k < 2 || b[k - 2] != b'%')
            && matches!(
                b[k],
                b'H' | b'M' | b'Y' | b'I' | b'j' | b'y' | b'Z' | b'T' | b'R' | b'B'
            )
    })
}

/// Tags that are unclosed, stray closing tags, and tags closed across another open tag
/// (`<b><i>x</b></i>`: the `<i>` left open inside `<b>`, the crossing `</b>`, the stray
/// `</i>`).
fn tag_problems(tags: &[Placeholder]) -> Vec<Placeholder> {
    let mut stack: Vec<&Placeholder> = Vec::new();
    let mut bad: Vec<Placeholder> = Vec::new();
    for t in tags {
        let key = t.text.as_str();
        if key.ends_with("/>") || (!key.starts_with("</") && is_void_key(key)) {
            continue;
        }
        if let Some(name) = key.strip_prefix("</") {
            let opener = format!("<{name}");
            match stack.iter().rposition(|o| o.text == opener) {
                Some(k) if k + 1 == stack.len() => {
                    stack.pop();
                }
                Some(k) => {
                    bad.extend(stack.drain(k + 1..).cloned());
                    stack.pop();
                    bad.push(t.clone());
                }
                None => bad.push(t.clone()),
            }
        } else {
            stack.push(t);
        }
    }
    bad.extend(stack.into_iter().cloned());
    bad.sort_by_key(|p| p.span.start);
    bad
}

fn is_void_key(key: &str) -> bool {
    let name = key.trim_start_matches('<').trim_end_matches('>');
    VOID.contains(&name)
}

/// The character an entity stands for (a few common ones and numeric references).
fn entity_char(entity: &str) -> Option<char> {
    let name = entity.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "middot" => '·',
        "times" => '×',
        "deg" => '°',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Flags

#[derive(Clone, Copy, Debug)]
struct Mode {
    /// A positive *-format flag was given.
    explicit: bool,
    printf: bool,
    /// Trust printf fully: space and `'` flags, `%` after a digit, `%a`, `%n`.
    strict: bool,
    python_named: bool,
    percent_brace: bool,
    brace: bool,
    /// `{{` and `}}` are escaped braces (python-brace-format), not Mustache.
    brace_escapes: bool,
    qt: bool,
    dollar_var: bool,
}

impl Mode {
    fn from_flags(flags: &[&str]) -> Mode {
        let has = |f: &str| flags.iter().any(|x| x.trim() == f);
        let positive: Vec<&str> = flags
            .iter()
            .map(|f| f.trim())
            .filter(|f| f.ends_with("-format") && !f.starts_with("no-"))
            .collect();
        let mut m = if positive.is_empty() {
            Mode {
                explicit: false,
                printf: true,
                strict: false,
                python_named: true,
                percent_brace: true,
                brace: true,
                brace_escapes: false,
                qt: true,
                dollar_var: false,
            }
        } else {
            let any = |names: &[&str]| positive.iter().any(|p| names.contains(p));
            let strict_printf = any(&[
                "c-format",
                "objc-format",
                "php-format",
                "perl-format",
                "javascript-format",
                "java-printf-format",
                "gcc-internal-format",
                "gfc-internal-format",
                "awk-format",
                "lua-format",
                "python-format",
                "ruby-format",
                "elisp-format",
                "librep-format",
                "scheme-format",
            ]);
            Mode {
                explicit: true,
                printf: strict_printf,
                strict: strict_printf,
                python_named: any(&["python-format"]),
                percent_brace: any(&["ruby-format"]),
                brace: any(&[
                    "python-brace-format",
                    "java-format",
                    "csharp-format",
                    "icu-format",
                    "javascript-format",
                ]),
                brace_escapes: any(&["python-brace-format"]),
                qt: any(&[
                    "qt-format",
                    "kde-format",
                    "qt-plural-format",
                    "kde-kuit-format",
                ]),
                dollar_var: any(&[
                    "sh-format",
                    "perl-format",
                    "php-format",
                    "perl-brace-format",
                ]),
            }
        };
        if has("no-c-format") {
            m.printf = has("python-format");
        }
        if has("no-python-format") {
            m.python_named = false;
            if !has("c-format") {
                m.printf = m.printf && m.explicit;
            }
        }
        if has("no-python-brace-format") || has("no-csharp-format") || has("no-java-format") {
            m.brace = false;
        }
        if has("no-qt-format") || has("no-kde-format") {
            m.qt = false;
        }
        m
    }
}

// ---------------------------------------------------------------------------------------------
// Extraction

struct Extractor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    mode: Mode,
    /// The text in lower case (only searched, never indexed).
    lower: String,
    taken: Vec<bool>,
    out: Vec<Placeholder>,
    /// Byte ranges of ICU plural/select branch bodies.
    bodies: Vec<Range<usize>>,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Extractor<'a> {
    fn run(text: &'a str, mode: Mode) -> (Vec<Placeholder>, Vec<Range<usize>>) {
        let mut e = Extractor {
            text,
            bytes: text.as_bytes(),
            mode,
            lower: text.to_lowercase(),
            taken: vec![false; text.len() + 1],
            out: Vec::new(),
            bodies: Vec::new(),
        };
        e.code();
        e.html_comments();
        e.markdown_links();
        e.urls();
        e.emails();
        e.template_tags();
        e.braces(0, text.len());
        e.percent();
        e.dollars();
        e.html_tags();
        e.entities();
        e.out
            .sort_by_key(|p| (p.span.start, std::cmp::Reverse(p.span.end)));
        (e.out, e.bodies)
    }

    /// The first `pat` in `text[from..to]`, looking at most `limit` bytes ahead (bounds the
    /// work on pathological input such as thousands of unclosed `{%`).
    fn find_within(&self, from: usize, to: usize, pat: &str, limit: usize) -> Option<usize> {
        let mut end = to.min(from.saturating_add(limit)).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        if from > end {
            return None;
        }
        self.text[from..end].find(pat).map(|k| from + k)
    }

    fn at(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    fn free(&self, r: Range<usize>) -> bool {
        !self.taken[r].iter().any(|&t| t)
    }

    fn take(&mut self, r: Range<usize>) {
        for t in &mut self.taken[r] {
            *t = true;
        }
    }

    fn push(&mut self, key: String, span: Range<usize>, kind: PhKind) {
        self.out.push(Placeholder {
            text: key,
            span,
            kind,
        });
    }

    /// The char just before byte `i` (or NUL).
    fn char_before(&self, i: usize) -> char {
        self.text[..i].chars().next_back().unwrap_or('\0')
    }

    fn char_at(&self, i: usize) -> char {
        self.text
            .get(i..)
            .and_then(|s| s.chars().next())
            .unwrap_or('\0')
    }

    /// Fenced code blocks and inline code spans.
    fn code(&mut self) {
        let mut i = 0;
        while i < self.bytes.len() {
            if self.at(i) != b'`' {
                i += 1;
                continue;
            }
            let mut n = 0;
            while self.at(i + n) == b'`' {
                n += 1;
            }
            let line_start = self.text[..i]
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim().is_empty());
            if n >= 3 && line_start {
                // A fence: up to a line that starts with as many backticks, or the end.
                let fence = "`".repeat(n);
                let body_start = i + n;
                let mut end = self.text.len();
                let mut k = self.text[body_start..]
                    .find('\n')
                    .map_or(end, |x| body_start + x);
                while k < self.text.len() {
                    let line_start = k + 1;
                    let line_end = self.text[line_start..]
                        .find('\n')
                        .map_or(self.text.len(), |x| line_start + x);
                    if self.text[line_start..line_end]
                        .trim_start()
                        .starts_with(&fence)
                    {
                        end = line_end;
                        break;
                    }
                    k = line_end;
                }
                let key = self.text[i..end].trim_end().to_string();
                self.push(key, i..end, PhKind::MarkdownCode);
                self.take(i..end);
                i = end;
                continue;
            }
            let before = self.char_before(i);
            if before.is_alphanumeric() {
                i += n;
                continue;
            }
            // The closing run of exactly n backticks, in the same paragraph.
            let mut k = i + n;
            let mut found = None;
            while k < self.bytes.len().min(i + 2000) {
                if self.bytes[k..].starts_with(b"\n\n") {
                    break;
                }
                if self.at(k) == b'`' {
                    let mut m = 0;
                    while self.at(k + m) == b'`' {
                        m += 1;
                    }
                    if m == n && !self.char_at(k + m).is_alphanumeric() {
                        found = Some(k);
                        break;
                    }
                    k += m;
                } else {
                    k += 1;
                }
            }
            // GNU-style quoting `like this' pairs a backtick with an apostrophe: an apostrophe
            // that ends a word inside the would-be span means the span is not code.
            let gnu_quote = |content: &str| {
                content.char_indices().any(|(q, c)| {
                    c == '\''
                        && content[q + 1..]
                            .chars()
                            .next()
                            .is_some_and(|d| !d.is_alphanumeric())
                })
            };
            match found {
                Some(k)
                    if k > i + n
                        && !self.text[i + n..k].trim().is_empty()
                        && !(n == 1 && gnu_quote(&self.text[i + n..k])) =>
                {
                    let end = k + n;
                    let content = &self.text[i + n..k];
                    let ticks = "`".repeat(n);
                    self.push(
                        format!("{ticks}{content}{ticks}"),
                        i..end,
                        PhKind::MarkdownCode,
                    );
                    // Only the backticks are taken: a placeholder inside (`%s`) is still
                    // one, and survives a translation that quotes it differently (»%s«).
                    self.take(i..i + n);
                    self.take(k..end);
                    i = end;
                }
                _ => i += n,
            }
        }
    }

    /// `<!-- … -->` and `<!DOCTYPE …>` are skipped.
    fn html_comments(&mut self) {
        let mut from = 0;
        while let Some(k) = self.text[from..].find("<!") {
            let i = from + k;
            let end = if self.text[i..].starts_with("<!--") {
                self.find_within(i, self.text.len(), "-->", 10_000)
                    .map(|e| e + 3)
            } else {
                self.find_within(i, self.text.len(), ">", 500)
                    .map(|e| e + 1)
            };
            match end {
                Some(end) if self.free(i..end) => {
                    self.take(i..end);
                    from = end;
                }
                _ => from = i + 2,
            }
        }
    }

    /// `[text](url)` and `![alt](src)`: the key keeps the destination, not the text.
    fn markdown_links(&mut self) {
        let mut i = 0;
        while i < self.bytes.len() {
            if self.at(i) != b'[' || self.taken[i] {
                i += 1;
                continue;
            }
            // The matching ']' on the same line.
            let mut depth = 0;
            let mut close = None;
            for (k, &b) in self.bytes.iter().enumerate().skip(i).take(1000) {
                match b {
                    b'\n' => break,
                    b'[' => depth += 1,
                    b']' => {
                        depth -= 1;
                        if depth == 0 {
                            close = Some(k);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let Some(close) = close else {
                i += 1;
                continue;
            };
            if self.at(close + 1) != b'(' {
                i += 1;
                continue;
            }
            let dest_start = close + 2;
            let mut depth = 1;
            let mut k = dest_start;
            while k < self.bytes.len().min(dest_start + 2000) {
                match self.at(k) {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b'\n' => break,
                    _ => {}
                }
                k += 1;
            }
            if self.at(k) != b')' {
                i += 1;
                continue;
            }
            let dest = self.text[dest_start..k].trim();
            // The destination without a title: `(url "title")`.
            let url = dest.split([' ', '\t']).next().unwrap_or("");
            if url.is_empty() || url.contains(char::is_whitespace) {
                i += 1;
                continue;
            }
            let image = i > 0 && self.at(i - 1) == b'!';
            let start = if image { i - 1 } else { i };
            let key = format!("{}[]({url})", if image { "!" } else { "" });
            self.push(key, start..k + 1, PhKind::MarkdownLink);
            self.take(close + 1..k + 1);
            i = close + 1;
        }
    }

    /// http(s)://, ftp:// and www. URLs.
    fn urls(&mut self) {
        let mut i = 0;
        while i < self.bytes.len() {
            let rest = &self.text[i..];
            if !matches!(self.at(i), b'h' | b'H' | b'f' | b'F' | b'w' | b'W') {
                i += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let lower_start: String = rest
                .chars()
                .take(8)
                .collect::<String>()
                .to_ascii_lowercase();
            let scheme = ["https://", "http://", "ftp://"]
                .iter()
                .any(|s| lower_start.starts_with(s));
            let www = lower_start.starts_with("www.") && !self.char_before(i).is_alphanumeric();
            if !(scheme || www) || self.taken[i] {
                i += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let mut end = i;
            for (k, c) in rest.char_indices() {
                let stop = c.is_whitespace()
                    || matches!(c, '<' | '>' | '"' | '\'' | '`' | '{' | '}' | '|' | '\\')
                    || (c as u32) >= 0x2E80 // CJK and full-width punctuation
                    || (!c.is_ascii() && !c.is_alphanumeric());
                if stop {
                    break;
                }
                end = i + k + c.len_utf8();
            }
            // Trailing punctuation is not part of the URL; a ')' only when unbalanced.
            loop {
                let url = &self.text[i..end];
                let last = url.chars().next_back().unwrap_or('\0');
                let unbalanced = |open: char, close: char| {
                    url.matches(close).count() > url.matches(open).count()
                };
                let trim = matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_')
                    || (last == ')' && unbalanced('(', ')'))
                    || (last == ']' && unbalanced('[', ']'));
                if trim && end > i {
                    end -= last.len_utf8();
                } else {
                    break;
                }
            }
            let url = &self.text[i..end];
            let host_ok = if www {
                url.matches('.').count() >= 2
            } else {
                url.split("://").nth(1).is_some_and(|h| !h.is_empty())
            };
            if host_ok && self.free(i..end) {
                self.push(url.to_string(), i..end, PhKind::Url);
                self.take(i..end);
                i = end;
            } else {
                i += 1;
            }
        }
    }

    /// user@example.org
    fn emails(&mut self) {
        let is_local =
            |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
        let is_domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
        let mut from = 0;
        while let Some(k) = self.text[from..].find('@') {
            let at = from + k;
            from = at + 1;
            if self.taken[at] {
                continue;
            }
            // RFC 5321 limits: a local part of 64 bytes, a domain of 255.
            let mut s = at;
            while s > 0 && at - s < 64 && is_local(self.at(s - 1)) {
                s -= 1;
            }
            while s < at && matches!(self.at(s), b'.' | b'-') {
                s += 1;
            }
            let mut e = at + 1;
            while e < self.bytes.len() && e - at <= 255 && is_domain(self.at(e)) {
                e += 1;
            }
            while e > at + 1 && matches!(self.at(e - 1), b'.' | b'-') {
                e -= 1;
            }
            if s == at || e == at + 1 {
                continue;
            }
            let domain = &self.text[at + 1..e];
            let tld = domain.rsplit('.').next().unwrap_or("");
            if !domain.contains('.')
                || tld.len() < 2
                || !tld.bytes().all(|b| b.is_ascii_alphabetic())
            {
                continue;
            }
            if self.free(s..e) {
                self.push(self.text[s..e].to_string(), s..e, PhKind::Email);
                self.take(s..e);
                from = e;
            }
        }
    }

    /// Jinja `{% … %}` and `{# … #}`: skipped.
    fn template_tags(&mut self) {
        for (open, close) in [("{%", "%}"), ("{#", "#}")] {
            let mut from = 0;
            while let Some(k) = self.text[from..].find(open) {
                let i = from + k;
                match self.find_within(i + 2, self.text.len(), close, 500) {
                    Some(e) if !self.text[i + 2..e].contains('\n') => {
                        let end = e + 2;
                        if self.free(i..end) {
                            self.take(i..end);
                        }
                        from = end;
                    }
                    _ => from = i + 2,
                }
            }
        }
    }

    /// Brace placeholders in `from..to`: `{0}`, `{name}`, ICU arguments, `{{var}}`.
    fn braces(&mut self, from: usize, to: usize) {
        let mut i = from;
        while i < to {
            if self.at(i) != b'{' || self.taken[i] {
                i += 1;
                continue;
            }
            // Escaped or Mustache double braces.
            if self.at(i + 1) == b'{' {
                if self.mode.brace_escapes {
                    i += 2;
                    continue;
                }
                if let Some(end) = self.double_brace(i, to) {
                    i = end;
                    continue;
                }
                i += 1;
                continue;
            }
            if let Some(end) = self.brace_at(i, to) {
                i = end;
            } else {
                i += 1;
            }
        }
    }

    fn double_brace(&mut self, i: usize, to: usize) -> Option<usize> {
        let triple = self.at(i + 2) == b'{';
        let open = if triple { 3 } else { 2 };
        let close = if triple { "}}}" } else { "}}" };
        let inner_start = i + open;
        let k = self.find_within(inner_start, to, close, 200)?;
        let inner = &self.text[inner_start..k];
        if inner.trim().is_empty() || inner.contains(['{', '}', '\n']) || inner.len() > 100 {
            return None;
        }
        let end = k + close.len();
        let squeezed: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
        let key = format!("{}{squeezed}{}", &self.text[i..inner_start], close);
        self.push(key, i..end, PhKind::DoubleBrace);
        self.take(i..end);
        Some(end)
    }

    /// One `{…}` at `i`. Returns the end when it is a placeholder.
    fn brace_at(&mut self, i: usize, to: usize) -> Option<usize> {
        // `${var}` and `%{name}` belong to later passes.
        if !self.mode.brace || (i > 0 && matches!(self.at(i - 1), b'$' | b'%')) {
            return None;
        }
        let mut k = i + 1;
        let skip_ws = |s: &Self, mut k: usize| {
            while matches!(s.at(k), b' ' | b'\t') {
                k += 1;
            }
            k
        };
        k = skip_ws(self, k);
        // The argument: a number or an identifier, with attribute/index access.
        let arg_start = k;
        while k < to {
            let c = self.char_at(k);
            if c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']') {
                k += c.len_utf8();
            } else {
                break;
            }
        }
        let arg = &self.text[arg_start..k];
        if arg.is_empty() || arg.starts_with('.') {
            return None;
        }
        k = skip_ws(self, k);
        match self.at(k) {
            b'}' => {
                let end = k + 1;
                self.push(format!("{{{arg}}}"), i..end, PhKind::Brace);
                self.take(i..end);
                Some(end)
            }
            b':' | b'!' => {
                // {0:N2}, {name!r}, {value:>10}, {time:HH:mm}
                let close = self.find_within(k, to, "}", 64)?;
                let spec = &self.text[k..close];
                if spec.contains(['{', '\n']) || spec.len() > 40 {
                    return None;
                }
                let end = close + 1;
                self.push(
                    format!("{{{arg}{}}}", spec.trim_end()),
                    i..end,
                    PhKind::Brace,
                );
                self.take(i..end);
                Some(end)
            }
            b',' => self.icu(i, k + 1, arg, to),
            _ => None,
        }
    }

    /// An ICU argument after `{arg,`: `{count, plural, one {…} other {…}}`, `{n, number}`.
    fn icu(&mut self, i: usize, mut k: usize, arg: &str, to: usize) -> Option<usize> {
        let arg = arg.to_string();
        while self.at(k) == b' ' {
            k += 1;
        }
        let type_start = k;
        while is_ident_byte(self.at(k)) {
            k += 1;
        }
        let kind = &self.text[type_start..k];
        let complex = matches!(kind, "plural" | "select" | "selectordinal" | "choice");
        let simple = matches!(
            kind,
            "number" | "date" | "time" | "spellout" | "ordinal" | "duration" | "list"
        );
        if !(complex || simple) {
            return None;
        }
        while self.at(k) == b' ' {
            k += 1;
        }
        if simple {
            // {n, number} or {n, number, style}: up to the matching brace.
            let close = match_brace(self.bytes, i, to)?;
            let end = close + 1;
            self.push(format!("{{{arg}}}"), i..end, PhKind::Brace);
            self.take(i..end);
            return Some(end);
        }
        if self.at(k) != b',' {
            return None;
        }
        k += 1;
        // Branches: selector {body} …
        let mut bodies = Vec::new();
        let mut skeleton: Vec<Range<usize>> = Vec::new();
        skeleton.push(i..k);
        loop {
            let ws = k;
            while self.at(k).is_ascii_whitespace() {
                k += 1;
            }
            if self.at(k) == b'}' {
                skeleton.push(ws..k + 1);
                k += 1;
                break;
            }
            let sel_start = ws;
            while k < to && (is_ident_byte(self.at(k)) || matches!(self.at(k), b'=' | b':' | b'-'))
            {
                k += 1;
            }
            if k == sel_start {
                return None;
            }
            while self.at(k).is_ascii_whitespace() {
                k += 1;
            }
            if self.at(k) != b'{' {
                return None;
            }
            let close = match_brace(self.bytes, k, to)?;
            skeleton.push(sel_start..k + 1);
            skeleton.push(close..close + 1);
            bodies.push(k + 1..close);
            k = close + 1;
        }
        if bodies.is_empty() {
            return None;
        }
        let end = k;
        self.push(format!("{{{arg}}}"), i..end, PhKind::Brace);
        for r in skeleton {
            self.take(r);
        }
        for b in &bodies {
            self.braces(b.start, b.end);
        }
        self.bodies.extend(bodies);
        Some(end)
    }

    /// `%` placeholders: printf, Python named, Ruby named, Qt.
    fn percent(&mut self) {
        let mut i = 0;
        while i < self.bytes.len() {
            if self.at(i) != b'%' || self.taken[i] {
                i += 1;
                continue;
            }
            if self.at(i + 1) == b'%' {
                i += 2;
                continue;
            }
            let after_digit = self.char_before(i).is_numeric();
            if after_digit && !self.mode.strict {
                i += 1;
                continue;
            }
            if let Some((end, kind)) = self.percent_at(i) {
                if self.free(i..end) {
                    self.push(self.text[i..end].to_string(), i..end, kind);
                    self.take(i..end);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
    }

    fn percent_at(&self, i: usize) -> Option<(usize, PhKind)> {
        let m = self.mode;
        let mut k = i + 1;
        // %(name)s
        if self.at(k) == b'(' {
            if !m.python_named {
                return None;
            }
            let close = self.find_within(k, self.text.len(), ")", 64)?;
            let name = &self.text[k + 1..close];
            if name.is_empty() || !name.bytes().all(is_ident_byte) {
                return None;
            }
            let end = self.printf_tail(close + 1, true)?;
            return Some((end, PhKind::PythonNamed));
        }
        // %{name}, %<name>s
        if matches!(self.at(k), b'{' | b'<') && m.percent_brace {
            let closer = if self.at(k) == b'{' { "}" } else { ">" };
            let close = self.find_within(k, self.text.len(), closer, 64)?;
            let name = &self.text[k + 1..close];
            if name.is_empty() || !name.bytes().all(is_ident_byte) {
                return None;
            }
            let end = if closer == "}" {
                close + 1
            } else {
                self.printf_tail(close + 1, true)?
            };
            return Some((end, PhKind::PercentBrace));
        }
        // Qt: %1, %L1 (with the qt flag these win over printf widths).
        let start = k;
        let qt = || -> Option<usize> {
            let mut q = start;
            if self.at(q) == b'L' {
                q += 1;
            }
            let d0 = q;
            while self.at(q).is_ascii_digit() && q - d0 < 2 {
                q += 1;
            }
            if q == d0 || self.at(d0) == b'0' || self.at(q).is_ascii_digit() || self.at(q) == b'$' {
                return None;
            }
            Some(q)
        };
        if m.qt && m.explicit && !m.printf {
            return qt().map(|e| (e, PhKind::Qt));
        }
        if m.printf {
            // %1$s
            let mut p = k;
            while self.at(p).is_ascii_digit() {
                p += 1;
            }
            if p > k && self.at(p) == b'$' {
                k = p + 1;
            }
            if let Some(end) = self.printf_tail(k, false) {
                return Some((end, PhKind::Printf));
            }
        }
        if m.qt {
            return qt().map(|e| (e, PhKind::Qt));
        }
        None
    }

    /// Flags, width, precision, length and conversion of a printf specifier from `k`.
    fn printf_tail(&self, mut k: usize, python: bool) -> Option<usize> {
        let strict = self.mode.strict;
        while matches!(self.at(k), b'-' | b'+' | b'#' | b'0')
            || (strict && matches!(self.at(k), b' ' | b'\''))
        {
            k += 1;
        }
        if self.at(k) == b'*' {
            k += 1;
        } else {
            while self.at(k).is_ascii_digit() {
                k += 1;
            }
        }
        if self.at(k) == b'.' {
            k += 1;
            if self.at(k) == b'*' {
                k += 1;
            } else {
                while self.at(k).is_ascii_digit() {
                    k += 1;
                }
            }
        }
        if !python {
            for len in ["hh", "ll", "I64", "I32", "h", "l", "L", "q", "j", "z", "t"] {
                if self.text[k..].starts_with(len) {
                    let conv = self.at(k + len.len());
                    if matches!(
                        conv,
                        b'd' | b'i'
                            | b'o'
                            | b'u'
                            | b'x'
                            | b'X'
                            | b'n'
                            | b'c'
                            | b's'
                            | b'f'
                            | b'e'
                            | b'g'
                    ) {
                        k += len.len();
                    }
                    break;
                }
            }
        }
        let conv = self.at(k);
        let ok = match conv {
            b'd' | b'i' | b'o' | b'u' | b'x' | b'X' | b'e' | b'E' | b'f' | b'F' | b'g' | b'G'
            | b'c' | b's' => true,
            b'r' | b'a' if python => true,
            b'p' | b'@' | b'S' | b'C' => !python,
            b'a' | b'A' | b'n' => strict && !python,
            _ => false,
        };
        // Guessing, "%-" and a letter glued to a word is text ("%-encoding").
        let word = self.at(k - 1) == b'-' && self.at(k + 1).is_ascii_alphabetic();
        (ok && (strict || python || !word)).then_some(k + 1)
    }

    /// `${var}`, `$1`…`$9`, and `$var` with a shell/Perl/PHP flag.
    fn dollars(&mut self) {
        let mut i = 0;
        while i < self.bytes.len() {
            if self.at(i) != b'$' || self.taken[i] {
                i += 1;
                continue;
            }
            let before = self.char_before(i);
            let mut end = None;
            if self.at(i + 1) == b'{' {
                if let Some(close) = self.find_within(i + 2, self.text.len(), "}", 100) {
                    let name = &self.text[i + 2..close];
                    let valid =
                        !name.trim().is_empty() && name.len() <= 60 && !name.contains(['{', '\n']);
                    if valid {
                        end = Some(close + 1);
                    }
                }
            } else if matches!(self.at(i + 1), b'1'..=b'9') && !before.is_alphanumeric() && {
                // Not money: "$10", "$5.99", "$1,000".
                let next = self.at(i + 2);
                let decimal = matches!(next, b'.' | b',') && self.at(i + 3).is_ascii_digit();
                !next.is_ascii_digit() && !decimal
            } {
                end = Some(i + 2);
            } else if self.mode.dollar_var
                && (self.at(i + 1).is_ascii_alphabetic() || self.at(i + 1) == b'_')
            {
                let mut k = i + 1;
                while is_ident_byte(self.at(k)) {
                    k += 1;
                }
                end = Some(k);
            }
            match end {
                Some(end) if self.free(i..end) => {
                    let key: String = self.text[i..end]
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    self.push(key, i..end, PhKind::Dollar);
                    self.take(i..end);
                    i = end;
                }
                _ => i += 1,
            }
        }
    }

    /// `<b>`, `</b>`, `<br/>`, `<a href="…">`.
    fn html_tags(&mut self) {
        let mut i = 0;
        while i < self.bytes.len() {
            if self.at(i) != b'<' || self.taken[i] {
                i += 1;
                continue;
            }
            let mut k = i + 1;
            let closing = self.at(k) == b'/';
            if closing {
                k += 1;
            }
            let name_start = k;
            if !self.at(k).is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            while self.at(k).is_ascii_alphanumeric()
                || self.at(k) == b'-'
                || (self.at(k) == b':' && self.at(k + 1).is_ascii_alphabetic())
            {
                k += 1;
            }
            let name = self.text[name_start..k].to_ascii_lowercase();
            let attrs_start = k;
            if !matches!(self.at(k), b' ' | b'\t' | b'\n' | b'/' | b'>') {
                i += 1;
                continue;
            }
            // Attributes up to '>', quotes respected.
            let mut quote = 0u8;
            let mut end = None;
            while k < self.bytes.len() && k - i < 2000 {
                let b = self.at(k);
                if quote != 0 {
                    if b == quote {
                        quote = 0;
                    }
                } else if b == b'"' || b == b'\'' {
                    quote = b;
                } else if b == b'>' {
                    end = Some(k + 1);
                    break;
                } else if b == b'<' {
                    break;
                }
                k += 1;
            }
            let Some(end) = end else {
                i += 1;
                continue;
            };
            let self_closing = !closing && self.text[..end - 1].trim_end().ends_with('/');
            if closing && self.text[name_start..end - 1].trim_end().len() != name.len() {
                // "</b foo>" is not a closing tag.
                i += 1;
                continue;
            }
            // `<name>` is a tag when it is unmistakably markup; usage placeholders such as
            // `<file>` or `<expression>` in command-line help are translatable text.
            let has_attrs = !closing && has_assignment(&self.text[attrs_start..end - 1]);
            let markup = closing
                || has_attrs
                || self_closing
                || name.contains(':')
                || FORMATTING_TAGS.contains(&name.as_str())
                || self.lower.contains(&format!("</{name}"));
            if !markup {
                i += 1;
                continue;
            }
            let key = if VOID.contains(&name.as_str()) {
                format!("<{name}>")
            } else if closing {
                format!("</{name}>")
            } else if self_closing {
                format!("<{name}/>")
            } else {
                format!("<{name}>")
            };
            self.push(key, i..end, PhKind::HtmlTag);
            i = end;
        }
    }

    /// `&amp;`, `&nbsp;`, `&#160;`, `&#x3C;`.
    fn entities(&mut self) {
        let mut from = 0;
        while let Some(k) = self.text[from..].find('&') {
            let i = from + k;
            from = i + 1;
            if self.taken[i] {
                continue;
            }
            let mut e = i + 1;
            if self.at(e) == b'#' {
                e += 1;
                let hex = matches!(self.at(e), b'x' | b'X');
                if hex {
                    e += 1;
                }
                let d0 = e;
                while (hex && self.at(e).is_ascii_hexdigit()) || self.at(e).is_ascii_digit() {
                    e += 1;
                }
                if e == d0 {
                    continue;
                }
            } else {
                if !self.at(e).is_ascii_alphabetic() {
                    continue;
                }
                while self.at(e).is_ascii_alphanumeric() && e - i <= 32 {
                    e += 1;
                }
            }
            if self.at(e) != b';' {
                continue;
            }
            let end = e + 1;
            self.push(self.text[i..end].to_string(), i..end, PhKind::HtmlEntity);
            self.take(i..end);
            from = end;
        }
    }
}

/// Whether tag attributes contain an assignment `name=value` (`<corrupt index>` has none).
fn has_assignment(attrs: &str) -> bool {
    attrs.match_indices('=').any(|(k, _)| {
        let name_end = attrs[..k].trim_end();
        let value = attrs[k + 1..].trim_start();
        name_end.ends_with(|c: char| c.is_ascii_alphanumeric())
            && value.starts_with(|c: char| c == '"' || c == '\'' || c.is_ascii_alphanumeric())
    })
}

/// The index of the `}` matching the `{` at `open`, before `to`.
fn match_brace(bytes: &[u8], open: usize, to: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &b) in bytes.iter().enumerate().take(to).skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        extract(text).into_iter().map(|p| p.text).collect()
    }

    fn keys_with(text: &str, flags: &[&str]) -> Vec<String> {
        extract_with_flags(text, flags)
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    fn texts(list: &[Placeholder]) -> Vec<&str> {
        list.iter().map(|p| p.text.as_str()).collect()
    }

    fn clean(s: &str, t: &str) {
        let m = compare(s, t, &[]);
        assert!(m.is_empty(), "expected clean:\n  {s}\n  {t}\n  {m:?}");
    }

    // --- printf ---

    #[test]
    fn printf_specifiers() {
        assert_eq!(
            keys("%s %d %i %u %f %.2f %5.1f %-10s %x %X %o %c %e %g %p %ld %lld %zu %@"),
            vec![
                "%s", "%d", "%i", "%u", "%f", "%.2f", "%5.1f", "%-10s", "%x", "%X", "%o", "%c",
                "%e", "%g", "%p", "%ld", "%lld", "%zu", "%@"
            ]
        );
        assert_eq!(keys("%1$s and %2$d"), vec!["%1$s", "%2$d"]);
        assert_eq!(keys("%lid %lih %limin"), vec!["%li", "%li", "%li"]);
        assert!(keys("Invalid %-encoding in URI").is_empty());
        assert_eq!(extract("%s")[0].kind, PhKind::Printf);
        let p = &extract("Hello %s!")[0];
        assert_eq!(p.span, 6..8);
    }

    #[test]
    fn double_percent_is_literal() {
        assert!(keys("100%% sure").is_empty());
        assert_eq!(keys("%%s is %s"), vec!["%s"]);
    }

    #[test]
    fn natural_percent_signs_are_not_placeholders() {
        for t in [
            "50% of users",
            "at 5%, the rate",
            "100 % sure",
            "a 5 % increase",
            "% increase",
            "50%s",
            "营收增长58%认为",
            "增长５８％",
            "Rates rose 3%.",
            "10%-20% off",
            "Save 20%!",
        ] {
            assert!(keys(t).is_empty(), "{t}: {:?}", keys(t));
        }
    }

    #[test]
    fn c_format_flag_trusts_the_percent() {
        assert_eq!(keys_with("50%s", &["c-format"]), vec!["%s"]);
        assert_eq!(keys_with("% d items", &["c-format"]), vec!["% d"]);
        assert_eq!(keys_with("%'d", &["c-format"]), vec!["%'d"]);
        assert!(keys_with("% d items", &[]).is_empty());
    }

    #[test]
    fn no_c_format_turns_printf_off() {
        assert!(keys_with("%s of %d", &["no-c-format"]).is_empty());
        assert_eq!(
            keys_with("<b>%s</b>", &["no-c-format"]),
            vec!["<b>", "</b>"]
        );
    }

    #[test]
    fn python_named() {
        assert_eq!(
            keys("%(name)s has %(count)d files"),
            vec!["%(name)s", "%(count)d"]
        );
        assert_eq!(extract("%(name)s")[0].kind, PhKind::PythonNamed);
        assert_eq!(keys("%(name)r"), vec!["%(name)r"]);
        assert!(keys_with("%(name)s", &["c-format"]).is_empty());
    }

    #[test]
    fn ruby_named() {
        assert_eq!(
            keys("Hello %{name}, %<count>d"),
            vec!["%{name}", "%<count>d"]
        );
    }

    #[test]
    fn percent_inside_urls_is_encoding() {
        assert_eq!(
            keys("see https://x.org/a%20b%s"),
            vec!["https://x.org/a%20b%s"]
        );
    }

    // --- braces ---

    #[test]
    fn simple_braces() {
        assert_eq!(keys("{0} of {1}, {name}!"), vec!["{0}", "{1}", "{name}"]);
        assert_eq!(
            keys("{0:N2} {name!r} {value:>10} {time:HH:mm}"),
            vec!["{0:N2}", "{name!r}", "{value:>10}", "{time:HH:mm}"]
        );
        assert_eq!(keys("{ name }"), vec!["{name}"]);
        assert_eq!(
            keys("{user.name} {items[0]}"),
            vec!["{user.name}", "{items[0]}"]
        );
    }

    #[test]
    fn natural_braces_are_not_placeholders() {
        for t in [
            "{like this}",
            "{a, b}",
            "{}",
            "{ }",
            "set {1, 2, 3}",
            "{\"a\": 1}",
        ] {
            assert!(keys(t).is_empty(), "{t}: {:?}", keys(t));
        }
    }

    #[test]
    fn icu_plural_key_is_the_argument() {
        let t = "{count, plural, one {# file} other {# files}}";
        let ph = extract(t);
        assert_eq!(texts(&ph), vec!["{count}"]);
        assert_eq!(ph[0].span, 0..t.len());
        assert_eq!(
            keys("{n, number, integer} and {d, date}"),
            vec!["{n}", "{d}"]
        );
    }

    #[test]
    fn icu_nested_placeholders() {
        let t = "{count, plural, =0 {No files for {name}} one {<b>#</b> file} other {# files}}";
        assert_eq!(keys(t), vec!["{count}", "{name}", "<b>", "</b>"]);
        let t = "{gender, select, male {He} female {She} other {They}} liked {name}";
        assert_eq!(keys(t), vec!["{gender}", "{name}"]);
    }

    #[test]
    fn icu_branch_counts_may_differ() {
        // Russian needs more plural branches: {name} appears more often, still fine.
        clean(
            "{count, plural, one {{name} has # file} other {{name} has # files}}",
            "{count, plural, one {{name}: # файл} few {{name}: # файла} many {{name}: # файлов} other {{name}: # файла}}",
        );
        // Chinese has only "other".
        clean(
            "{count, plural, one {# file} other {# files}}",
            "{count, plural, other {# 个文件}}",
        );
        let m = compare(
            "{count, plural, one {{name} # file} other {{name} # files}}",
            "{count, plural, other {# 个文件}}",
            &[],
        );
        assert_eq!(texts(&m.missing), vec!["{name}"]);
    }

    #[test]
    fn double_braces() {
        assert_eq!(keys("Hello {{user}}!"), vec!["{{user}}"]);
        assert_eq!(keys("{{ user.name | upper }}"), vec!["{{user.name|upper}}"]);
        assert_eq!(extract("{{x}}")[0].kind, PhKind::DoubleBrace);
        assert_eq!(keys("{{{raw}}}"), vec!["{{{raw}}}"]);
        clean("Hello {{ user }}", "Hallo {{user}}");
    }

    #[test]
    fn python_brace_format_escapes() {
        assert_eq!(
            keys_with("{{literal}} {0}", &["python-brace-format"]),
            vec!["{0}"]
        );
    }

    #[test]
    fn jinja_tags_are_skipped() {
        assert_eq!(
            keys("{% if x %}{{ y }}{% endif %}{# note #}"),
            vec!["{{y}}"]
        );
    }

    #[test]
    fn dollar_placeholders() {
        assert_eq!(keys("Hello ${name}"), vec!["${name}"]);
        assert_eq!(keys("$1 of $2"), vec!["$1", "$2"]);
        assert!(keys("$5.99 and US$3 and $100").is_empty());
        assert_eq!(keys_with("Hello $USER", &["sh-format"]), vec!["$USER"]);
        assert!(keys("Hello $USER").is_empty());
    }

    #[test]
    fn dollar_numbers_only_when_the_source_has_several() {
        let m = compare("$1 of $2", "$2 von", &[]);
        assert_eq!(texts(&m.missing), vec!["$1"]);
        // A single "$5" is money, not a placeholder.
        clean("It costs $5 now", "Es kostet 5 $");
        clean("Pay now", "Jetzt $5 zahlen");
    }

    #[test]
    fn qt_placeholders() {
        assert_eq!(keys("%1 of %2"), vec!["%1", "%2"]);
        assert_eq!(keys("%L1"), vec!["%L1"]);
        assert_eq!(extract("%1")[0].kind, PhKind::Qt);
        let m = compare("Copy %1 to %2", "Copier %1 vers", &[]);
        assert_eq!(texts(&m.missing), vec!["%2"]);
        // Turkish writes the percent sign first: not Qt when the source has none.
        clean("a 50% discount", "%50 indirim");
    }

    #[test]
    fn qt_flag() {
        assert_eq!(keys_with("%1s", &["qt-format"]), vec!["%1"]);
        assert_eq!(keys_with("%1s", &[]), vec!["%1s"]);
    }

    // --- markup ---

    #[test]
    fn html_tags() {
        assert_eq!(
            keys("<b>bold</b> <br/> <br> <br /> <a href=\"https://x.org\">link</a> <x:y/>"),
            vec![
                "<b>",
                "</b>",
                "<br>",
                "<br>",
                "<br>",
                "<a>",
                "https://x.org",
                "</a>",
                "<x:y/>"
            ]
        );
        assert_eq!(keys("<B>x</B>"), vec!["<b>", "</b>"]);
        assert!(keys("a < b and c > d").is_empty());
        assert!(keys("<!-- note --> <!DOCTYPE html>").is_empty());
        assert!(keys("《书名》 1<2").is_empty());
    }

    #[test]
    fn href_url_is_checked() {
        let m = compare(
            "<a href=\"https://example.org/en\">Docs</a>",
            "<a href=\"https://example.org/de\">Doku</a>",
            &[],
        );
        assert_eq!(texts(&m.missing), vec!["https://example.org/en"]);
        assert_eq!(texts(&m.added), vec!["https://example.org/de"]);
        clean(
            "<a href=\"https://example.org\" title=\"Docs\">Docs</a>",
            "<a title=\"Doku\" href=\"https://example.org\">Doku</a>",
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            keys("Tom &amp; Jerry&nbsp;&#160;&#x3C;"),
            vec!["&amp;", "&nbsp;", "&#160;", "&#x3C;"]
        );
        assert!(keys("AT&T; R&D & more").len() <= 1);
        assert!(keys("R&D and Q&A").is_empty());
        let m = compare("Tom &amp; Jerry", "Tom & Jerry", &[]);
        assert_eq!(texts(&m.missing), vec!["&amp;"]);
        clean("10&nbsp;km", "10\u{a0}km");
        clean("Tom & Jerry", "Tom &amp; Jerry");
    }

    #[test]
    fn markdown_code() {
        assert_eq!(keys("Run `cargo test` now"), vec!["`cargo test`"]);
        assert_eq!(keys("``a ` b``"), vec!["``a ` b``"]);
        let m = compare("Run `cargo test`", "Führen Sie `Cargo-Test` aus", &[]);
        assert_eq!(texts(&m.missing), vec!["`cargo test`"]);
        assert_eq!(texts(&m.added), vec!["`Cargo-Test`"]);
        // Placeholders inside code are found too.
        assert_eq!(keys("`printf(\"%s\")`"), vec!["`printf(\"%s\")`", "%s"]);
        clean("file `%s` changed", "Datei »%s« geändert");
        // GNU quoting is not code.
        assert!(keys("`-1' must be last in `%s' field")
            .iter()
            .all(|k| !k.starts_with('`')));
        assert!(keys("versions [`%s'|`%s']")
            .iter()
            .all(|k| !k.starts_with('`')));
        // Backticks used as apostrophes are not code.
        assert!(keys("don`t and it`s").is_empty());
    }

    #[test]
    fn fenced_code() {
        let t = "Intro\n```rust\nlet x = \"%s\";\n```\nAfter {name}";
        let ph = extract(t);
        assert_eq!(ph[0].kind, PhKind::MarkdownCode);
        assert_eq!(ph[0].text, "```rust\nlet x = \"%s\";\n```");
        assert_eq!(ph[1].text, "{name}");
    }

    #[test]
    fn markdown_links() {
        assert_eq!(
            keys("See [the docs](https://x.org/docs) and ![logo](img/logo.png)"),
            vec!["[](https://x.org/docs)", "![](img/logo.png)"]
        );
        clean(
            "See [the docs](https://x.org/docs \"Docs\").",
            "Siehe [die Doku](https://x.org/docs \"Doku\").",
        );
        let m = compare("[docs](a.md)", "[Doku](b.md)", &[]);
        assert_eq!(
            (texts(&m.missing), texts(&m.added)),
            (vec!["[](a.md)"], vec!["[](b.md)"])
        );
    }

    #[test]
    fn urls() {
        assert_eq!(
            keys("Visit https://example.org/path?q=1&x=2."),
            vec!["https://example.org/path?q=1&x=2"]
        );
        assert_eq!(keys("(see www.example.org)"), vec!["www.example.org"]);
        assert_eq!(
            keys("访问https://example.org获取"),
            vec!["https://example.org"]
        );
        assert_eq!(
            keys("https://en.wikipedia.org/wiki/Rust_(programming_language)"),
            vec!["https://en.wikipedia.org/wiki/Rust_(programming_language)"]
        );
        assert_eq!(
            keys("https://x.org/{id}/edit"),
            vec!["https://x.org/", "{id}"]
        );
        assert!(keys("wwwhat is www.").is_empty());
    }

    #[test]
    fn emails() {
        assert_eq!(
            keys("Write to jane.doe+qa@example.co.uk."),
            vec!["jane.doe+qa@example.co.uk"]
        );
        assert!(keys("@user and a@b and x@y.1").is_empty());
        let m = compare(
            "Contact support@example.org",
            "Kontakt: support@beispiel.de",
            &[],
        );
        assert_eq!(
            (texts(&m.missing), texts(&m.added)),
            (vec!["support@example.org"], vec!["support@beispiel.de"])
        );
    }

    // --- compare ---

    #[test]
    fn brief_cases() {
        clean("50% of users", "50 % der Nutzer");
        clean("50% of users", "50%的用户");
        let m = compare("Delete %s?", "Löschen?", &[]);
        assert_eq!(texts(&m.missing), vec!["%s"]);
        let m = compare("{count} files", "{cuenta} archivos", &[]);
        assert_eq!(
            (texts(&m.missing), texts(&m.added)),
            (vec!["{count}"], vec!["{cuenta}"])
        );
        let m = compare("%s of %d", "%d of %s", &[]);
        assert!(m.missing.is_empty() && m.added.is_empty());
        let pairs: Vec<_> = m
            .order
            .iter()
            .map(|(s, t)| (s.text.as_str(), t.text.as_str()))
            .collect();
        assert_eq!(pairs, vec![("%s", "%d"), ("%d", "%s")]);
        let m = compare("<b>bold</b>", "<b>bold", &[]);
        assert_eq!(texts(&m.unbalanced), vec!["<b>"]);
        assert_eq!(texts(&m.missing), vec!["</b>"]);
    }

    #[test]
    fn indexed_printf_and_braces_may_move() {
        clean("%1$s of %2$d", "%2$d von %1$s");
        clean("{0} of {1}", "{1} 的 {0}");
        clean("%(a)s %(b)s", "%(b)s %(a)s");
        clean("%s of %s", "%s von %s");
    }

    #[test]
    fn multiset_counts() {
        let m = compare("%s and %s", "%s und", &[]);
        assert_eq!(texts(&m.missing), vec!["%s"]);
        assert_eq!(m.missing[0].span, 7..9);
        let m = compare("{name}", "{name} {name}", &[]);
        assert_eq!(texts(&m.added), vec!["{name}"]);
        assert_eq!(m.added[0].span, 7..13);
    }

    #[test]
    fn order_needs_the_same_multiset() {
        let m = compare("%s of %d", "%d", &[]);
        assert!(m.order.is_empty());
        assert_eq!(texts(&m.missing), vec!["%s"]);
    }

    #[test]
    fn mt_damage_to_placeholders() {
        // Spaces inserted, full-width percent, translated names.
        let m = compare("Hello %s", "你好 % s", &[]);
        assert_eq!(texts(&m.missing), vec!["%s"]);
        let m = compare("Hello %s", "你好％s", &[]);
        assert_eq!(texts(&m.missing), vec!["%s"]);
        let m = compare("Hello {name}", "Hallo {Name}", &[]);
        assert_eq!(
            (texts(&m.missing), texts(&m.added)),
            (vec!["{name}"], vec!["{Name}"])
        );
        let m = compare("Hello {0}", "Hallo { 0 }", &[]);
        assert!(m.is_empty(), "{m:?}");
    }

    #[test]
    fn unbalanced_tags() {
        let m = compare("<b><i>x</i></b>", "<b><i>x</b></i>", &[]);
        assert_eq!(texts(&m.unbalanced), vec!["<i>", "</b>", "</i>"]);
        let m = compare("<b>x</b>", "x</b>", &[]);
        assert_eq!(texts(&m.unbalanced), vec!["</b>"]);
        clean("a<br>b", "a<br/>b");
        clean("<p>a</p><p>b</p>", "<p>b</p><p>a</p>");
        // The source itself is unbalanced: nothing to hold the target to.
        let m = compare("<b>bold", "<b>fett", &[]);
        assert!(m.is_empty());
    }

    #[test]
    fn urls_must_be_identical() {
        clean("See https://example.org.", "参见https://example.org。");
        let m = compare("See https://example.org", "Siehe https://beispiel.de", &[]);
        assert_eq!(
            (texts(&m.missing), texts(&m.added)),
            (vec!["https://example.org"], vec!["https://beispiel.de"])
        );
    }

    #[test]
    fn chinese_and_japanese_sources() {
        clean(
            "营收增长58%，用户{count}人",
            "Revenue grew 58%, {count} users",
        );
        clean("%s的文件已删除", "%s's file was deleted");
        clean(
            "{name}さんが%d件のファイルを共有しました",
            "{name} shared %d files",
        );
        let m = compare("{name}さんが共有しました", "Shared", &[]);
        assert_eq!(texts(&m.missing), vec!["{name}"]);
    }

    #[test]
    fn flags_limit_families() {
        // A C string: braces are literal text.
        clean("{not a placeholder} %s", "{kein Platzhalter} %s");
        let m = compare("{x} %s", "{y} %s", &["c-format"]);
        assert!(m.is_empty(), "{m:?}");
        let m = compare("{x} %s", "{y} %s", &["python-brace-format"]);
        assert_eq!(texts(&m.missing), vec!["{x}"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let pieces = [
            "%", "s", "d", "{", "}", "<", ">", "/", "b", "`", "```", "[", "]", "(", ")", "!", "$",
            "1", "&", ";", "#", "amp", "@", ".", "x.org", "https://", "www.", " ", "\n", "你",
            "％", "é", ",", "plural", "one", "'", "\"", "=", "*", ":",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..(seed % 23) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            for flags in [
                &[][..],
                &["c-format"][..],
                &["python-brace-format"][..],
                &["qt-format"][..],
            ] {
                for p in extract_with_flags(&text, flags) {
                    assert!(
                        text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end)
                    );
                    assert!(p.span.start < p.span.end, "{text:?} {p:?}");
                }
                let _ = compare(&text, &text, flags);
                let m = compare(&text, &text, flags);
                assert!(
                    m.missing.is_empty() && m.added.is_empty() && m.order.is_empty(),
                    "{text:?} {m:?}"
                );
            }
        }
    }

    #[test]
    fn long_inputs_stay_linear() {
        // Unclosed openers: every search looks a bounded distance ahead.
        for unit in [
            "[", "`a", "{%", "{a:", "{{", "%(", "%{", "${", "<!--", "a@", "<a ",
        ] {
            let text = unit.repeat(20_000 / unit.len());
            assert!(compare(&text, &text, &[]).is_empty(), "{unit}");
        }
    }
}
