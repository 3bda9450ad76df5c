//! The neural voice's phoneme durations, made an output of its model.
//!
//! A Piper voice (VITS) predicts how long each phoneme id lasts, rounds the prediction up to
//! whole frames (`w_ceil = ceil(w)`, one `Ceil` node in the exported graph) and stretches the
//! phonemes by it before the decoder turns each frame into `hop` samples (256 for Piper's
//! 22,050 Hz voices). Piper's export outputs only the audio, but the `Ceil` node's output is
//! exactly the durations, so [`expose_durations`] adds it to the graph's outputs: with it,
//! every phoneme's time in the audio is known to the sample, and so is every word's
//! ([`super::timing::from_phonemes`]). A model whose main graph has no single `Ceil` node is
//! left unchanged and its words are timed by phoneme counts instead.
//!
//! Like [`super::noise`], this works on the protobuf wire format and copies every field it does
//! not touch byte for byte; the model file on disk is never changed.

use super::noise::{
    fields, put_bytes, put_int, view_node, NoiseError, FLOAT, GRAPH_NODE, GRAPH_OUTPUT,
    MODEL_GRAPH, TENSOR_TYPE_ELEM, TYPE_TENSOR, VALUE_INFO_NAME, VALUE_INFO_TYPE, WIRE_LEN,
};

/// A model with its phoneme durations as an output, when it has them.
#[derive(Debug, Clone)]
pub struct TimedModel {
    /// The `ModelProto` to load (unchanged when `output` is `None`).
    pub bytes: Vec<u8>,
    /// Name of the float output of shape `[1, 1, ids]`: frames per phoneme id.
    pub output: Option<String>,
}

/// Adds the output of the main graph's one default-domain `Ceil` node to the graph's
/// outputs (see the module docs). A model without exactly one such node comes back
/// unchanged with no output; only malformed bytes are an error.
pub fn expose_durations(model: Vec<u8>) -> Result<TimedModel, NoiseError> {
    let top = fields(&model)?;
    let mut found: Option<(usize, String)> = None;
    for (i, f) in top.iter().enumerate() {
        if (f.number, f.wire) != (MODEL_GRAPH, WIRE_LEN) {
            continue;
        }
        let mut ceil = Vec::new();
        for g in fields(f.bytes)? {
            if (g.number, g.wire) == (GRAPH_NODE, WIRE_LEN) {
                let node = view_node(g.bytes)?;
                if node.default_domain() && node.op_type == "Ceil" {
                    ceil.extend(node.outputs.first().cloned());
                }
            }
        }
        if let [only] = ceil.as_slice() {
            found = Some((i, only.clone()));
        }
    }
    let Some((graph_index, output)) = found else {
        return Ok(TimedModel {
            bytes: model,
            output: None,
        });
    };
    let mut out = Vec::with_capacity(model.len() + 64);
    for (i, f) in top.iter().enumerate() {
        if i != graph_index {
            out.extend_from_slice(f.raw);
            continue;
        }
        let mut graph = f.bytes.to_vec();
        put_bytes(&mut graph, GRAPH_OUTPUT, &float_output(&output));
        put_bytes(&mut out, MODEL_GRAPH, &graph);
    }
    Ok(TimedModel {
        bytes: out,
        output: Some(output),
    })
}

/// A `ValueInfoProto` of a float tensor of any shape (the runtime infers it).
fn float_output(name: &str) -> Vec<u8> {
    let mut tensor = Vec::new();
    put_int(&mut tensor, TENSOR_TYPE_ELEM, FLOAT);
    let mut ty = Vec::new();
    put_bytes(&mut ty, TYPE_TENSOR, &tensor);
    let mut v = Vec::new();
    put_bytes(&mut v, VALUE_INFO_NAME, name.as_bytes());
    put_bytes(&mut v, VALUE_INFO_TYPE, &ty);
    v
}

/// Each character's time in a run's audio, in samples from `offset`: `(start, end)` per
/// character of `run`, from the model's frames per phoneme id (`durations`, one per id of
/// `ids_per_char`'s layout: `bos` ids, then each character's ids and its pad's, then the end
/// ids) and the run's length in samples. `None` when the durations do not fit the layout or
/// the audio is not a whole number of samples per frame.
pub fn char_times(
    ids_per_char: &[usize],
    bos: usize,
    durations: &[f32],
    audio_len: usize,
    offset: usize,
) -> Option<Vec<(usize, usize)>> {
    let frames: Vec<usize> = durations
        .iter()
        .map(|&d| d.max(0.0).round() as usize)
        .collect();
    let total: usize = frames.iter().sum();
    if total == 0 || !audio_len.is_multiple_of(total) {
        return None;
    }
    let hop = audio_len / total;
    let mut id = bos;
    let mut at = offset + frames.get(..bos)?.iter().sum::<usize>() * hop;
    let mut times = Vec::with_capacity(ids_per_char.len());
    for &n in ids_per_char {
        let length: usize = frames.get(id..id + n)?.iter().sum::<usize>() * hop;
        times.push((at, at + length));
        at += length;
        id += n;
    }
    // What is left is the end ids: at least one, as the layout says.
    (id < frames.len()).then_some(times)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(op: &str, inputs: &[&str], output: &str) -> Vec<u8> {
        let mut n = Vec::new();
        for i in inputs {
            put_bytes(&mut n, 1, i.as_bytes());
        }
        put_bytes(&mut n, 2, output.as_bytes());
        put_bytes(&mut n, 4, op.as_bytes());
        n
    }

    /// A model whose graph is `Ceil(x) -> w`, then the nodes of `more`, output `z`.
    fn model(more: &[Vec<u8>]) -> Vec<u8> {
        let mut graph = Vec::new();
        put_bytes(&mut graph, GRAPH_NODE, &node("Ceil", &["x"], "w"));
        for n in more {
            put_bytes(&mut graph, GRAPH_NODE, n);
        }
        put_bytes(&mut graph, GRAPH_OUTPUT, &float_output("z"));
        let mut m = Vec::new();
        put_int(&mut m, 1, 8); // ir_version
        put_bytes(&mut m, MODEL_GRAPH, &graph);
        m
    }

    fn outputs(model: &[u8]) -> Vec<String> {
        let top = fields(model).unwrap();
        let graph = top.iter().find(|f| f.number == MODEL_GRAPH).unwrap();
        fields(graph.bytes)
            .unwrap()
            .iter()
            .filter(|f| f.number == GRAPH_OUTPUT)
            .map(|f| {
                let name = fields(f.bytes).unwrap();
                String::from_utf8(name[0].bytes.to_vec()).unwrap()
            })
            .collect()
    }

    #[test]
    fn the_one_ceil_node_becomes_an_output() {
        let timed = expose_durations(model(&[node("Add", &["w", "x"], "z")])).unwrap();
        assert_eq!(timed.output.as_deref(), Some("w"));
        assert_eq!(outputs(&timed.bytes), ["z", "w"]);
        // Everything else is as it was: the model's first field is copied.
        assert_eq!(&timed.bytes[..2], &model(&[])[..2]);
    }

    #[test]
    fn no_ceil_or_several_leaves_the_model_as_it_is() {
        let two = model(&[node("Ceil", &["x"], "v")]);
        let timed = expose_durations(two.clone()).unwrap();
        assert_eq!((timed.output, timed.bytes), (None, two));
        assert!(expose_durations(b"\xff\xff".to_vec()).is_err());
    }

    #[test]
    fn characters_get_the_frames_of_their_ids_and_pads() {
        // Layout: ^ | a _ | b _ | $ ; hop 10 samples; a = 3 frames + pad 1, b = 2 + 0.
        let durations = [2.0, 3.0, 1.0, 2.0, 0.0, 1.0];
        let times = char_times(&[2, 2], 1, &durations, 90, 1000).unwrap();
        assert_eq!(times, [(1020, 1060), (1060, 1080)]);
        // Audio that is not frames × hop, or durations that do not fit: no times.
        assert_eq!(char_times(&[2, 2], 1, &durations, 91, 0), None);
        assert_eq!(char_times(&[2, 2, 2], 1, &durations, 90, 0), None);
    }
}
