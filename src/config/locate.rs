//! Where a value sits in a config file's text, for errors found after parsing (an unknown rule
//! selector, a bad glob, a missing directory): serde has forgotten the spans by then, so the
//! value is looked up as a TOML string (basic or literal).

/// Byte offset of the first TOML string whose content is exactly `value`.
pub fn quoted(text: &str, value: &str) -> Option<usize> {
    let basic = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
    let literal = format!("'{value}'");
    [basic, literal]
        .iter()
        .filter_map(|needle| text.find(needle.as_str()))
        .min()
}

/// Byte offset of the value of the top-level or table key `key` (`deny = 3` → the `3`).
pub fn key_value(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            let after = rest.trim_start();
            if let Some(value) = after.strip_prefix('=') {
                let lead = line.len() - trimmed.len() + key.len() + (rest.len() - after.len()) + 1;
                let pad = value.len() - value.trim_start().len();
                return Some(offset + lead + pad);
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_basic_and_literal_strings() {
        let t = "[rules]\ndisable = ['a/b', \"c/d\"]\n";
        assert_eq!(quoted(t, "a/b"), Some(t.find("'a/b'").unwrap()));
        assert_eq!(quoted(t, "c/d"), Some(t.find("\"c/d\"").unwrap()));
        assert_eq!(quoted(t, "e"), None);
    }

    #[test]
    fn finds_a_key_value() {
        let t = "# x\n  deny =   3\n";
        assert_eq!(key_value(t, "deny"), Some(t.find('3').unwrap()));
        assert_eq!(key_value(t, "den"), None);
    }
}
