//! The output folder of one article: audio, manifest, subtitles and script, written
//! atomically.

pub mod cues;
pub mod fs;
pub mod manifest;
pub mod script;
pub mod subtitles;

/// Formats milliseconds as a short duration for people: `3m12s`, `45s`, `1h02m`.
pub fn human_duration(ms: u64) -> String {
    let s = (ms + 500) / 1000;
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn human_durations() {
        assert_eq!(super::human_duration(0), "0s");
        assert_eq!(super::human_duration(44_600), "45s");
        assert_eq!(super::human_duration(192_000), "3m12s");
        assert_eq!(super::human_duration(3_720_000), "1h02m");
    }
}
