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
