//! placeholder until helper copies
pub fn sentences(p: &str) -> Vec<String> {
    if p.trim().is_empty() {
        vec![]
    } else {
        vec![p.trim().to_string()]
    }
}
