//! Message and suggestion templates: `{N}` (text of pattern token N), `{N:TAG}` (token N
//! inflected to a Penn tag through the lexicon), `{N|from:to|...}` (token N mapped through a
//! table), and the capitalisation of a replacement after the text it replaces.

use crate::lexicon::Lexicon;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefOp {
    /// The matched text as it is.
    Text,
    /// The matched word inflected to this Penn tag (`{2:VBZ}`); no form → no suggestion.
    Inflect(String),
    /// The matched text looked up (case-insensitively) in a table; no entry → no suggestion.
    Map(Vec<(String, String)>),
    /// Every match of the regex in the matched text replaced (`$1`..`$9` are its groups);
    /// no match → no suggestion.
    Replace(Re, String),
}

/// A regex in a template (compared by its source).
#[derive(Clone, Debug)]
pub struct Re(pub regex::Regex);

impl PartialEq for Re {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl Eq for Re {}

/// Expands `$1`..`$9` (one digit: `$1st` is group 1 then "st") and `$$` in a replacement.
fn expand(caps: &regex::Captures, rep: &str) -> String {
    let mut out = String::new();
    let mut it = rep.chars().peekable();
    while let Some(c) = it.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match it.peek().copied() {
            Some('$') => {
                it.next();
                out.push('$');
            }
            Some(d) if d.is_ascii_digit() => {
                it.next();
                let i = d.to_digit(10).unwrap_or(0) as usize;
                out.push_str(caps.get(i).map_or("", |m| m.as_str()));
            }
            _ => out.push('$'),
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Lit(String),
    /// `idx` is 0-based into the pattern's elements.
    Ref {
        idx: usize,
        op: RefOp,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub parts: Vec<Part>,
}

impl Template {
    /// Renders with the texts matched by each pattern element. None when an inflection or a
    /// map has no result (the suggestion is dropped).
    pub fn render(&self, caps: &[&str], lexicon: Option<&dyn Lexicon>) -> Option<String> {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Ref { idx, op } => out.push_str(&apply(op, caps[*idx], lexicon)?),
            }
        }
        Some(tidy(&out))
    }

    /// Renders a message: a reference that cannot be inflected or mapped shows the matched text.
    pub fn render_lenient(&self, caps: &[&str], lexicon: Option<&dyn Lexicon>) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Ref { idx, op } => {
                    let t = caps[*idx];
                    out.push_str(&apply(op, t, lexicon).unwrap_or_else(|| t.to_string()));
                }
            }
        }
        tidy(&out)
    }
}

fn apply(op: &RefOp, text: &str, lexicon: Option<&dyn Lexicon>) -> Option<String> {
    match op {
        RefOp::Text => Some(text.to_string()),
        RefOp::Inflect(tag) => {
            if text.is_empty() {
                return Some(String::new());
            }
            let lex = lexicon?;
            let mut forms = lex.inflect(text, tag);
            if forms.is_empty() {
                let lower = text.to_lowercase();
                if lower != text {
                    forms = lex.inflect(&lower, tag);
                }
            }
            forms.into_iter().next()
        }
        RefOp::Map(pairs) => {
            // Exact (lower-case) key first, so `block’s` and `block's` can map differently;
            // then with apostrophes normalised.
            let lower = text.to_lowercase();
            let norm = super::compile::normalize(text, false);
            pairs
                .iter()
                .find(|(k, _)| *k == lower)
                .or_else(|| {
                    pairs
                        .iter()
                        .find(|(k, _)| super::compile::normalize(k, false) == norm)
                })
                .map(|(_, v)| v.clone())
        }
        RefOp::Replace(re, rep) => {
            if !re.0.is_match(text) {
                return None;
            }
            Some(
                re.0.replace_all(text, |c: &regex::Captures| expand(c, rep))
                    .into_owned(),
            )
        }
    }
}

/// Collapses runs of spaces (an optional token that matched nothing leaves two) and trims.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        if c == ' ' {
            if !prev_space {
                out.push(c);
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    out.trim().to_string()
}

/// Gives `replacement` the case of `original`: ALL CAPS (two or more letters, none lower case)
/// upper-cases it; a capitalised original capitalises its first letter; otherwise it is unchanged.
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2
        && letters.iter().all(|c| !c.is_lowercase())
        && letters.iter().any(|c| c.is_uppercase())
    {
        return replacement.to_uppercase();
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut cs = replacement.chars();
        if let Some(first) = cs.next() {
            return first.to_uppercase().chain(cs).collect();
        }
    }
    replacement.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::compile::parse_template;

    struct FakeLex;
    impl Lexicon for FakeLex {
        fn is_known(&self, w: &str) -> bool {
            matches!(w, "help" | "helps" | "embrace" | "embracing")
        }
        fn readings(&self, w: &str) -> Vec<(String, String)> {
            match w {
                "help" => vec![("help".into(), "VB".into())],
                "embrace" => vec![("embrace".into(), "VB".into())],
                _ => vec![],
            }
        }
        fn forms(&self, lemma: &str, tag: &str) -> Vec<String> {
            match (lemma, tag) {
                ("help", "VBZ") => vec!["helps".into()],
                ("embrace", "VBG") => vec!["embracing".into()],
                _ => vec![],
            }
        }
    }

    #[test]
    fn renders_refs_and_collapses_spaces() {
        let t = parse_template("its {2} {3}", 3).unwrap();
        assert_eq!(
            t.render(&["son", "ally", ""], None).as_deref(),
            Some("its ally")
        );
    }

    #[test]
    fn inflection_uses_the_lexicon_or_drops() {
        let t = parse_template("{1:VBZ} avoid", 1).unwrap();
        assert_eq!(
            t.render(&["help"], Some(&FakeLex)).as_deref(),
            Some("helps avoid")
        );
        assert_eq!(
            t.render(&["Help"], Some(&FakeLex)).as_deref(),
            Some("helps avoid")
        );
        assert_eq!(t.render(&["help"], None), None);
        assert_eq!(t.render(&["zzz"], Some(&FakeLex)), None);
        assert_eq!(t.render_lenient(&["zzz"], Some(&FakeLex)), "zzz avoid");
    }

    #[test]
    fn maps_are_case_insensitive_and_drop_unknown() {
        let t = parse_template("{1|launch:pull|launched:pulled} back", 1).unwrap();
        assert_eq!(
            t.render(&["Launched"], None).as_deref(),
            Some("pulled back")
        );
        assert_eq!(t.render(&["launches"], None), None);
    }

    #[test]
    fn regex_replacements() {
        let t = parse_template("{1/,/./}", 1).unwrap();
        assert_eq!(t.render(&["2,7"], None).as_deref(), Some("2.7"));
        assert_eq!(t.render(&["27"], None), None);
        assert_eq!(t.render_lenient(&["27"], None), "27");
        let t = parse_template(
            r"{1/^0?([1-9]|[12]\d|3[01])\.0?3\.(\d\d\d\d)$/$1 March $2/}",
            1,
        )
        .unwrap();
        assert_eq!(
            t.render(&["05.03.2022"], None).as_deref(),
            Some("5 March 2022")
        );
        assert_eq!(t.render(&["05.04.2022"], None), None);
        let t = parse_template("{1/^(\\d*[02-9])?1er$/$11st/}", 1).unwrap();
        assert_eq!(t.render(&["21er"], None).as_deref(), Some("21st"));
        let t = parse_template("{1/^(\\d+)h$/$1$$/}", 1).unwrap();
        assert_eq!(t.render(&["10h"], None).as_deref(), Some("10$"));
        assert!(parse_template("{1/(/x/}", 1).is_err());
        assert!(parse_template("{1/a/b}", 1).is_err());
    }

    #[test]
    fn case_follows_the_original() {
        assert_eq!(
            match_case("son territory", "its territory"),
            "its territory"
        );
        assert_eq!(
            match_case("Politics support", "political support"),
            "Political support"
        );
        assert_eq!(match_case("KIEV", "Kyiv"), "KYIV");
        assert_eq!(match_case("I", "me"), "Me");
        assert_eq!(match_case("the Ukraine", "Ukraine"), "Ukraine");
    }
}
