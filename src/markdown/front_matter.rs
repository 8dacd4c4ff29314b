//! The few fields the loader reads from a file's YAML front matter.

/// The `title:`, `author:` and `lang:` of simple YAML front matter (`key: value` lines; quotes
/// around the value are removed; `author` may also be a `- name` list).
pub fn front_matter_fields(yaml: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let mut list_key: Option<String> = None;
    for line in yaml.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let (Some(key), Some(item)) = (&list_key, trimmed.strip_prefix("- ")) {
            fields.push((key.clone(), unquote(item)));
            continue;
        }
        if let Some((key, value)) = trimmed.split_once(':') {
            let key = key.trim().to_string();
            let value = value.trim();
            if value.is_empty() {
                list_key = Some(key);
            } else {
                list_key = None;
                fields.push((key, unquote(value)));
            }
        }
    }
    fields
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    let stripped = v
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')));
    stripped.unwrap_or(v).to_string()
}

/// A file's YAML front matter, split off: only at the very start of the file, between a `---`
/// line and a `---` or `...` line, its first line a `key:`. A `---` block anywhere else is
/// Markdown (a rule, a paragraph, a heading underline), never metadata.
pub struct FrontMatter {
    /// The YAML between the delimiters.
    pub yaml: String,
    /// The file with the front matter's bytes blanked (its newlines kept), so that offsets
    /// and lines in it stay those of the file.
    pub body: String,
}

/// Split the front matter off `text`; None when the file does not start with one.
pub fn split_front_matter(text: &str) -> Option<FrontMatter> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut end = first.len();
    let yaml_start = end;
    let mut yaml_end = None;
    for line in lines {
        let content = line.trim_end();
        if content == "---" || content == "..." {
            yaml_end = Some(end);
            end += line.len();
            break;
        }
        end += line.len();
    }
    let yaml = &text[yaml_start..yaml_end?];
    let first_field = yaml.lines().find(|l| !l.trim().is_empty())?;
    if !starts_with_key(first_field) {
        return None;
    }
    let blanked: String = text[..end]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    Some(FrontMatter {
        yaml: yaml.to_string(),
        body: blanked + &text[end..],
    })
}

/// Whether a line starts like a YAML mapping entry: `key:`.
fn starts_with_key(line: &str) -> bool {
    let Some((key, _)) = line.split_once(':') else {
        return false;
    };
    let key = key.trim_start_matches('#').trim();
    !key.is_empty()
        && !line.starts_with(' ')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}
