//! What the terminal shows while listening: the title, `[12/48]`, elapsed and remaining
//! time, the current chunk wrapped to the terminal's width, and the keys. Pure: the lines
//! are built here and drawn by the session loop.

use crate::narration::Chunk;

/// Estimated length of each chunk at `rate` words per minute, in milliseconds: its spoken
/// words at that rate plus the pause after it (planned at `plan_rate`, scaled like every
/// pause). Estimates, as `script` gives them: the engines' own pace differs by a few percent.
pub fn estimates_ms(chunks: &[Chunk], plan_rate: u32, rate: u32) -> Vec<u64> {
    let rate = u64::from(rate.max(1));
    chunks
        .iter()
        .map(|c| {
            let words = c.spoken.split_whitespace().count() as u64;
            words * 60_000 / rate + u64::from(c.pause_after_ms) * u64::from(plan_rate) / rate
        })
        .collect()
}

/// Elapsed and remaining time (milliseconds) at chunk `position` (0-based) with `played_ms`
/// of it heard, from the chunks' estimated lengths.
pub fn times(estimates: &[u64], position: usize, played_ms: u64) -> (u64, u64) {
    let position = position.min(estimates.len());
    let before: u64 = estimates[..position].iter().sum();
    let total: u64 = estimates.iter().sum();
    let current = estimates.get(position).copied().unwrap_or(0);
    let elapsed = before + played_ms.min(current);
    (elapsed, total.saturating_sub(elapsed))
}

/// `m:ss`, or `h:mm:ss` from an hour on.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// Everything the status shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status<'a> {
    /// The article's title (or its source when it has none).
    pub title: &'a str,
    /// The current chunk, 0-based.
    pub position: usize,
    /// Number of chunks.
    pub total: usize,
    /// Elapsed time, milliseconds.
    pub elapsed_ms: u64,
    /// Remaining time, milliseconds.
    pub remaining_ms: u64,
    /// Whether playback is held.
    pub paused: bool,
    /// Words per minute.
    pub rate: u32,
    /// The engine and voice speaking, e.g. `piper en_US-joe-medium`.
    pub engine: &'a str,
    /// The current chunk as written.
    pub text: &'a str,
}

/// The keys, as the last line shows them.
pub const KEYS_HELP: &str = "space pause · n/→ next · p/← previous · +/- rate · q quit";

/// The status as lines no wider than `width` columns (at least 20): the title (cut with
/// `…`), `[12/48]  1:23 / -4:05  175 wpm  piper en_US-joe-medium` (with `paused`), the chunk
/// wrapped by `textwrap`, and the keys.
pub fn lines(s: &Status, width: usize) -> Vec<String> {
    let width = width.max(20);
    let mut out = vec![textwrap::wrap(s.title, textwrap::Options::new(width))
        .first()
        .map(|l| {
            if l.len() < s.title.trim().len() {
                let mut t: String = l.chars().take(width - 1).collect();
                t.push('…');
                t
            } else {
                l.to_string()
            }
        })
        .unwrap_or_default()];
    let line = format!(
        "[{}/{}]  {} / -{}  {} wpm{}",
        s.position + 1,
        s.total,
        clock(s.elapsed_ms),
        clock(s.remaining_ms),
        s.rate,
        if s.paused { "  paused" } else { "" }
    );
    // The engine goes after, as far as the width allows.
    let with_engine = format!("{line}  {}", s.engine);
    out.push(if with_engine.chars().count() <= width {
        with_engine
    } else {
        line
    });
    out.extend(
        textwrap::wrap(s.text, textwrap::Options::new(width))
            .into_iter()
            .map(|l| l.into_owned()),
    );
    out.extend(
        textwrap::wrap(KEYS_HELP, textwrap::Options::new(width))
            .into_iter()
            .map(|l| l.into_owned()),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narration::Break;

    fn chunk(spoken: &str, pause: u32) -> Chunk {
        Chunk {
            index: 1,
            paragraph: 1,
            text: spoken.into(),
            spoken: spoken.into(),
            break_after: Break::Sentence,
            pause_after_ms: pause,
        }
    }

    #[test]
    fn estimates_scale_words_and_pauses_with_the_rate() {
        let c = [chunk("one two three four five", 350)];
        // 5 words at 150 wpm = 2 s; the pause planned at 150 stays 350 ms.
        assert_eq!(estimates_ms(&c, 150, 150), vec![2_350]);
        // At 300 wpm both halve.
        assert_eq!(estimates_ms(&c, 150, 300), vec![1_175]);
    }

    #[test]
    fn times_count_the_chunks_before_and_what_was_heard() {
        let e = [1_000, 2_000, 3_000];
        assert_eq!(times(&e, 0, 0), (0, 6_000));
        assert_eq!(times(&e, 1, 500), (1_500, 4_500));
        assert_eq!(
            times(&e, 2, 99_999),
            (6_000, 0),
            "capped at the chunk's length"
        );
    }

    #[test]
    fn clock_shows_minutes_and_hours() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(83_900), "1:23");
        assert_eq!(clock(3_723_000), "1:02:03");
    }

    #[test]
    fn lines_show_position_times_and_the_wrapped_chunk() {
        let s = Status {
            title: "The Harbour at Dawn",
            position: 11,
            total: 48,
            elapsed_ms: 83_000,
            remaining_ms: 245_000,
            paused: false,
            rate: 175,
            engine: "espeak en-us",
            text: "The boats came in one by one, their lamps still lit against the grey.",
        };
        let l = lines(&s, 30);
        assert_eq!(l[0], "The Harbour at Dawn");
        assert_eq!(
            l[1], "[12/48]  1:23 / -4:05  175 wpm",
            "no room for the engine"
        );
        assert_eq!(
            &l[2..5],
            [
                "The boats came in one by one,",
                "their lamps still lit against",
                "the grey."
            ]
        );
        assert!(l.iter().all(|line| line.chars().count() <= 30), "{l:?}");
        let paused = lines(&Status { paused: true, ..s }, 80);
        assert_eq!(
            paused[1],
            "[12/48]  1:23 / -4:05  175 wpm  paused  espeak en-us"
        );
    }

    #[test]
    fn a_long_title_is_cut_to_the_width() {
        let s = Status {
            title: "A very long title that will never fit on one narrow line",
            position: 0,
            total: 1,
            elapsed_ms: 0,
            remaining_ms: 0,
            paused: false,
            rate: 175,
            engine: "espeak en-us",
            text: "x",
        };
        let first = &lines(&s, 20)[0];
        assert!(
            first.ends_with('…') && first.chars().count() <= 20,
            "{first}"
        );
    }
}
