//! The terminal side of listening: raw mode, keys in, the status lines out (crossterm).

use std::io::Write;
use std::sync::mpsc::Sender;

use crossterm::event::{self, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, terminal, QueueableCommand};

use super::controller::Key;
use super::Event;

/// The status area: redrawn in place, below whatever the terminal showed before.
pub struct Screen {
    drawn: usize,
}

impl Screen {
    /// Puts the terminal in raw mode (keys arrive one at a time, unechoed).
    pub fn start() -> std::io::Result<Self> {
        terminal::enable_raw_mode()?;
        Ok(Screen { drawn: 0 })
    }

    /// The terminal's width in columns (80 when it cannot be told, or says 0).
    pub fn width() -> usize {
        match terminal::size() {
            Ok((w, _)) if w > 0 => usize::from(w),
            _ => 80,
        }
    }

    /// Replaces the lines drawn last with `lines`.
    pub fn draw(&mut self, lines: &[String]) {
        let mut out = std::io::stdout().lock();
        let _ = out.queue(cursor::MoveToColumn(0));
        if self.drawn > 0 {
            let _ = out.queue(cursor::MoveUp(self.drawn as u16));
        }
        let _ = out.queue(terminal::Clear(terminal::ClearType::FromCursorDown));
        for line in lines {
            // Raw mode: a line feed does not return the carriage.
            let _ = write!(out, "{line}\r\n");
        }
        let _ = out.flush();
        self.drawn = lines.len();
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// Leaves raw mode (also from the interrupt handler, where no [`Screen`] is at hand).
pub fn restore() {
    let _ = terminal::disable_raw_mode();
}

/// The key a terminal key event stands for: the characters of [`Key::from_char`], the
/// arrows, and Ctrl-C (which raw mode delivers as a key rather than a signal).
pub fn key_of(e: &KeyEvent) -> Option<Key> {
    if e.kind == KeyEventKind::Release {
        return None;
    }
    match e.code {
        KeyCode::Char('c') if e.modifiers.contains(KeyModifiers::CONTROL) => Some(Key::Interrupt),
        KeyCode::Char(c) => Key::from_char(c),
        KeyCode::Right => Some(Key::Next),
        KeyCode::Left => Some(Key::Previous),
        KeyCode::Esc => Some(Key::Quit),
        _ => None,
    }
}

/// Reads keys on a thread of its own and sends them as [`Event::Key`] until the session is
/// gone.
pub fn spawn_keys(events: Sender<Event>) {
    let _ = std::thread::Builder::new()
        .name("aloud-keys".into())
        .spawn(move || loop {
            match event::read() {
                Ok(event::Event::Key(k)) => {
                    if let Some(key) = key_of(&k) {
                        if events.send(Event::Key(key)).is_err() {
                            return;
                        }
                    }
                }
                Ok(_) => {}
                Err(_) => return,
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_keys_map_to_controls() {
        let k = |code, modifiers| key_of(&KeyEvent::new(code, modifiers));
        assert_eq!(
            k(KeyCode::Char(' '), KeyModifiers::NONE),
            Some(Key::PauseResume)
        );
        assert_eq!(k(KeyCode::Right, KeyModifiers::NONE), Some(Key::Next));
        assert_eq!(k(KeyCode::Left, KeyModifiers::NONE), Some(Key::Previous));
        assert_eq!(
            k(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Key::Interrupt)
        );
        assert_eq!(k(KeyCode::Char('c'), KeyModifiers::NONE), None);
        assert_eq!(k(KeyCode::Char('q'), KeyModifiers::NONE), Some(Key::Quit));
    }
}
