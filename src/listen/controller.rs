//! The listening session as a state machine: which chunk is playing, whether it is paused, the
//! rate, and what each key or the end of a chunk asks of the output. It decides; it plays
//! nothing, so it is tested without audio (the `ncspot` way: a controller and a thin audio
//! thread).

/// Rate change of one `+` or `-`, in words per minute.
pub const RATE_STEP_WPM: u32 = 25;
/// Slowest rate `-` reaches (the same range as `--rate`).
pub const MIN_RATE_WPM: u32 = 80;
/// Fastest rate `+` reaches.
pub const MAX_RATE_WPM: u32 = 450;
/// `p` restarts the current chunk when more than this much of it has played (milliseconds),
/// and goes to the previous one otherwise, as music players do with their "previous" button.
pub const RESTART_AFTER_MS: u64 = 2_000;

/// What the listener asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Space: pause, or resume.
    PauseResume,
    /// `n` or →: the next chunk.
    Next,
    /// `p` or ←: the previous chunk, or the start of this one (see [`RESTART_AFTER_MS`]).
    Previous,
    /// `+`: faster.
    Faster,
    /// `-`: slower.
    Slower,
    /// `q`: stop, keeping the position.
    Quit,
    /// Ctrl-C (a key in raw mode, or SIGINT): stop, keeping the position.
    Interrupt,
}

impl Key {
    /// The key a typed character stands for (`' '`, `n`, `p`, `+`/`=`, `-`/`_`, `q`).
    pub fn from_char(c: char) -> Option<Key> {
        Some(match c {
            ' ' => Key::PauseResume,
            'n' | 'N' => Key::Next,
            'p' | 'P' => Key::Previous,
            '+' | '=' => Key::Faster,
            '-' | '_' => Key::Slower,
            'q' | 'Q' => Key::Quit,
            _ => return None,
        })
    }
}

/// What the output must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Stop whatever plays and play chunk `index` (0-based) from its start.
    Play(usize),
    /// Hold playback where it is.
    Pause,
    /// Go on from where it was held.
    Resume,
    /// Speak at this rate (words per minute) from now on.
    SetRate(u32),
    /// The last chunk has ended: the article was heard to the end.
    Finished,
    /// The listener quit (`q`): stop and keep the position.
    Quit,
    /// The listener interrupted (Ctrl-C): stop and keep the position.
    Interrupted,
}

/// The state of one listening session over `total` chunks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Controller {
    total: usize,
    position: usize,
    paused: bool,
    rate: u32,
    done: bool,
    finished: bool,
}

impl Controller {
    /// A session over `total` chunks (at least one) that starts at chunk `start` (0-based,
    /// clamped to the last) at `rate` words per minute.
    pub fn new(total: usize, start: usize, rate: u32) -> Self {
        let total = total.max(1);
        Controller {
            total,
            position: start.min(total - 1),
            paused: false,
            rate,
            done: false,
            finished: false,
        }
    }

    /// The commands that begin the session: play the start chunk.
    pub fn start(&self) -> Vec<Command> {
        vec![Command::Play(self.position)]
    }

    /// The chunk playing or held (0-based).
    pub fn position(&self) -> usize {
        self.position
    }

    /// Number of chunks.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether playback is held.
    pub fn paused(&self) -> bool {
        self.paused
    }

    /// The current rate in words per minute.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Whether the session is over (finished, quit or interrupted).
    pub fn done(&self) -> bool {
        self.done
    }

    /// The listener pressed `key` while `played_ms` of the current chunk had been heard.
    pub fn key(&mut self, key: Key, played_ms: u64) -> Vec<Command> {
        if self.done {
            return Vec::new();
        }
        match key {
            Key::PauseResume => {
                self.paused = !self.paused;
                vec![if self.paused {
                    Command::Pause
                } else {
                    Command::Resume
                }]
            }
            Key::Next if self.position + 1 < self.total => self.play(self.position + 1),
            Key::Next => self.finish(),
            Key::Previous if played_ms > RESTART_AFTER_MS => self.play(self.position),
            Key::Previous => self.play(self.position.saturating_sub(1)),
            Key::Faster | Key::Slower => {
                let rate = if key == Key::Faster {
                    (self.rate + RATE_STEP_WPM).min(MAX_RATE_WPM)
                } else {
                    self.rate.saturating_sub(RATE_STEP_WPM).max(MIN_RATE_WPM)
                };
                if rate == self.rate {
                    return Vec::new();
                }
                self.rate = rate;
                vec![Command::SetRate(rate)]
            }
            Key::Quit => {
                self.done = true;
                vec![Command::Quit]
            }
            Key::Interrupt => {
                self.done = true;
                vec![Command::Interrupted]
            }
        }
    }

    /// The output finished chunk `index` (its speech and the pause after it). An end that is
    /// not the current chunk's (a chunk left by a key before the event arrived) is ignored.
    pub fn ended(&mut self, index: usize) -> Vec<Command> {
        if self.done || index != self.position || self.paused {
            return Vec::new();
        }
        if self.position + 1 < self.total {
            self.play(self.position + 1)
        } else {
            self.finish()
        }
    }

    /// The chunk to save as the place to resume (0-based), or `None` once the article was
    /// heard to the end (the next session starts over).
    pub fn resume_point(&self) -> Option<usize> {
        (!self.finished).then_some(self.position)
    }

    fn play(&mut self, index: usize) -> Vec<Command> {
        self.position = index;
        // Moving plays: a listener who skips while paused wants to hear where they landed.
        self.paused = false;
        vec![Command::Play(index)]
    }

    fn finish(&mut self) -> Vec<Command> {
        self.done = true;
        self.finished = true;
        vec![Command::Finished]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(total: usize, start: usize) -> Controller {
        Controller::new(total, start, 175)
    }

    #[test]
    fn starts_by_playing_the_start_chunk_clamped_to_the_last() {
        assert_eq!(at(5, 2).start(), vec![Command::Play(2)]);
        assert_eq!(at(5, 99).start(), vec![Command::Play(4)]);
        assert_eq!(at(0, 0).start(), vec![Command::Play(0)]);
    }

    #[test]
    fn each_end_plays_the_next_chunk_and_the_last_end_finishes() {
        let mut c = at(3, 0);
        assert_eq!(c.ended(0), vec![Command::Play(1)]);
        assert_eq!(c.ended(1), vec![Command::Play(2)]);
        assert_eq!(c.ended(2), vec![Command::Finished]);
        assert!(c.done());
        assert_eq!(
            c.resume_point(),
            None,
            "heard to the end: start over next time"
        );
    }

    #[test]
    fn an_end_of_a_chunk_already_left_is_ignored() {
        let mut c = at(5, 0);
        assert_eq!(c.key(Key::Next, 0), vec![Command::Play(1)]);
        assert_eq!(c.ended(0), vec![], "chunk 0's end arrived after the skip");
        assert_eq!(c.position(), 1);
    }

    #[test]
    fn space_pauses_and_resumes_and_a_paused_chunk_does_not_advance() {
        let mut c = at(5, 1);
        assert_eq!(c.key(Key::PauseResume, 500), vec![Command::Pause]);
        assert!(c.paused());
        assert_eq!(c.ended(1), vec![]);
        assert_eq!(c.key(Key::PauseResume, 500), vec![Command::Resume]);
        assert!(!c.paused());
        assert_eq!(c.ended(1), vec![Command::Play(2)]);
    }

    #[test]
    fn next_moves_on_and_plays_even_when_paused_and_ends_at_the_last() {
        let mut c = at(3, 0);
        c.key(Key::PauseResume, 0);
        assert_eq!(c.key(Key::Next, 0), vec![Command::Play(1)]);
        assert!(!c.paused());
        assert_eq!(c.key(Key::Next, 0), vec![Command::Play(2)]);
        assert_eq!(c.key(Key::Next, 0), vec![Command::Finished]);
        assert_eq!(c.key(Key::Next, 0), vec![], "nothing after the end");
    }

    #[test]
    fn previous_restarts_a_chunk_heard_for_more_than_two_seconds() {
        let table = [
            // (start, played ms, expected chunk)
            (3, 0, 2),
            (3, 2_000, 2),
            (3, 2_001, 3),
            (3, 10_000, 3),
            (0, 0, 0),
            (0, 5_000, 0),
        ];
        for (start, played, want) in table {
            let mut c = at(5, start);
            assert_eq!(
                c.key(Key::Previous, played),
                vec![Command::Play(want)],
                "from {start} after {played} ms"
            );
            assert_eq!(c.position(), want);
        }
    }

    #[test]
    fn rate_keys_step_by_25_within_80_to_450() {
        let mut c = Controller::new(5, 0, 175);
        assert_eq!(c.key(Key::Faster, 0), vec![Command::SetRate(200)]);
        assert_eq!(c.key(Key::Slower, 0), vec![Command::SetRate(175)]);
        let mut slow = Controller::new(5, 0, 90);
        assert_eq!(slow.key(Key::Slower, 0), vec![Command::SetRate(80)]);
        assert_eq!(slow.key(Key::Slower, 0), vec![], "already the slowest");
        let mut fast = Controller::new(5, 0, 440);
        assert_eq!(fast.key(Key::Faster, 0), vec![Command::SetRate(450)]);
        assert_eq!(fast.key(Key::Faster, 0), vec![]);
        assert_eq!(fast.rate(), 450);
    }

    #[test]
    fn quit_and_interrupt_end_the_session_keeping_the_position() {
        let mut c = at(9, 4);
        assert_eq!(c.key(Key::Quit, 0), vec![Command::Quit]);
        assert!(c.done());
        assert_eq!(c.resume_point(), Some(4));
        assert_eq!(c.ended(4), vec![], "nothing plays after quitting");
        let mut c = at(9, 6);
        assert_eq!(c.key(Key::Interrupt, 0), vec![Command::Interrupted]);
        assert_eq!(c.resume_point(), Some(6));
    }

    #[test]
    fn a_scripted_session_lands_where_the_keys_say() {
        // n n p(restart) p(back) space space n q
        let mut c = at(10, 0);
        c.key(Key::Next, 0);
        c.key(Key::Next, 0);
        assert_eq!(c.key(Key::Previous, 3_000), vec![Command::Play(2)]);
        assert_eq!(c.key(Key::Previous, 100), vec![Command::Play(1)]);
        c.key(Key::PauseResume, 0);
        c.key(Key::PauseResume, 0);
        c.ended(1);
        c.key(Key::Quit, 0);
        assert_eq!(c.resume_point(), Some(2));
    }

    #[test]
    fn characters_map_to_keys() {
        assert_eq!(Key::from_char(' '), Some(Key::PauseResume));
        assert_eq!(Key::from_char('n'), Some(Key::Next));
        assert_eq!(Key::from_char('p'), Some(Key::Previous));
        assert_eq!(Key::from_char('+'), Some(Key::Faster));
        assert_eq!(Key::from_char('='), Some(Key::Faster));
        assert_eq!(Key::from_char('-'), Some(Key::Slower));
        assert_eq!(Key::from_char('q'), Some(Key::Quit));
        assert_eq!(Key::from_char('x'), None);
    }
}
