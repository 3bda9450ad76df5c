//! The mastered article as 16-bit WAV, in the same parts (and under the same names) as the
//! first pass split it into at `--max-part-size`.

use std::path::{Path, PathBuf};

use super::{EncodeError, Encoder};
use crate::audio::Part;

/// Writes the parts one after the other, each under a temporary name until complete.
pub struct WavEncoder {
    dir: PathBuf,
    sample_rate: u32,
    parts: Vec<Part>,
    current: usize,
    writer: Option<(hound::WavWriter<std::io::BufWriter<std::fs::File>>, PathBuf)>,
    position: usize,
}

impl WavEncoder {
    /// Starts writing `parts` (their `file` names, their lengths `end - start`) into `dir`.
    pub fn create(dir: &Path, sample_rate: u32, parts: &[Part]) -> Result<Self, EncodeError> {
        let mut w = WavEncoder {
            dir: dir.to_path_buf(),
            sample_rate,
            parts: parts.to_vec(),
            current: 0,
            writer: None,
            position: 0,
        };
        w.open()?;
        Ok(w)
    }

    fn final_path(&self, n: usize) -> PathBuf {
        self.dir.join(&self.parts[n].file)
    }

    fn open(&mut self) -> Result<(), EncodeError> {
        let path = self.final_path(self.current);
        let tmp = crate::export::fs::temp_path(&path);
        let writer = hound::WavWriter::create(&tmp, crate::audio::wav_spec(self.sample_rate))
            .map_err(|e| EncodeError::new(&path, e))?;
        self.writer = Some((writer, tmp));
        Ok(())
    }

    fn close(&mut self) -> Result<(), EncodeError> {
        let path = self.final_path(self.current);
        if let Some((writer, tmp)) = self.writer.take() {
            writer.finalize().map_err(|e| EncodeError::new(&path, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| EncodeError::new(&path, e))?;
        }
        Ok(())
    }
}

impl Encoder for WavEncoder {
    fn write(&mut self, samples: &[i16]) -> Result<(), EncodeError> {
        let mut rest = samples;
        while !rest.is_empty() {
            while self.position >= self.parts[self.current].end
                && self.current + 1 < self.parts.len()
            {
                self.close()?;
                self.current += 1;
                self.open()?;
            }
            // Up to the end of this part (the last part takes whatever is left).
            let room = if self.current + 1 < self.parts.len() {
                self.parts[self.current].end - self.position
            } else {
                rest.len()
            };
            let (now, later) = rest.split_at(room.min(rest.len()));
            let (writer, _) = self.writer.as_mut().expect("a part is open");
            let mut w = writer.get_i16_writer(now.len() as u32);
            for &s in now {
                w.write_sample(s);
            }
            if let Err(e) = w.flush() {
                return Err(EncodeError::new(&self.final_path(self.current), e));
            }
            self.position += now.len();
            rest = later;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Vec<String>, EncodeError> {
        self.close()?;
        Ok(self.parts.iter().map(|p| p.file.clone()).collect())
    }
}
