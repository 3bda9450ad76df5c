//! Reproducible noise for neural voices: the model's random nodes become inputs, filled from a
//! seed per chunk.
//!
//! A Piper voice (VITS) draws Gaussian noise twice per run: for the stochastic duration
//! predictor (`noise_w`) and for the prior (`noise_scale`). Exported to ONNX these are two
//! `RandomNormalLike` nodes, and ONNX Runtime gives each node one generator, seeded when the
//! session is created and advanced by every run. There is no run option or inference API to
//! reseed it (the C API's `SetSeed` is training-only; a seed attribute on the node fixes only
//! the first value of a sequence that still advances per run), so a chunk's audio would depend
//! on which session spoke it and what that session spoke before: `--jobs 1` and `--jobs 2`
//! would differ, and a re-export would not match the cache.
//!
//! So before the session is created, every `RandomNormalLike` of the graph is replaced by a
//! few plain nodes that take the noise from a new graph input (flat, 1-D, any length): the
//! first `n` values, `n` being the number of elements the node would have produced, padded
//! with zeros when the input is short, reshaped to the node's shape. A second new output
//! reports `n`, so the caller knows whether its input was long enough and reruns with exactly
//! `n` values when not. The values come from [`standard_normal`]: value `i` depends only on
//! the seed and `i`, so a longer input starts with the same values and the output does not
//! depend on how long the input was. The model file on disk is never changed.
//!
//! The rewrite works on the protobuf wire format directly (ONNX `ModelProto`), copying every
//! field it does not touch byte for byte, so nothing of the model is lost or reinterpreted.

/// One replaced random node: the graph input that now feeds it and the output that says how
/// many values it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct NoiseInput {
    /// Name of the new float input (1-D).
    pub input: String,
    /// Name of the new int64 output of shape `[1]`: values the node used.
    pub needed: String,
    /// The node's `mean` attribute (0 when absent), applied when filling the input.
    pub mean: f32,
    /// The node's `scale` attribute (1 when absent), the standard deviation.
    pub scale: f32,
}

/// A model whose random nodes read noise inputs.
#[derive(Debug, Clone)]
pub struct SeededModel {
    /// The rewritten `ModelProto`, to load from memory.
    pub bytes: Vec<u8>,
    /// One entry per replaced node, in graph order.
    pub inputs: Vec<NoiseInput>,
}

/// Why a model's noise cannot be seeded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoiseError {
    /// The bytes are not a well-formed ONNX model.
    #[error("not an ONNX model: {0}")]
    Malformed(String),
    /// The model draws randomness in a way this rewrite does not handle.
    #[error("{0}")]
    Unsupported(String),
}

const WIRE_VARINT: u8 = 0;
const WIRE_I64: u8 = 1;
pub(super) const WIRE_LEN: u8 = 2;
const WIRE_I32: u8 = 5;

// Field numbers of onnx.proto3 (ONNX IR version 3 and later).
pub(super) const MODEL_GRAPH: u32 = 7;
const MODEL_OPSET_IMPORT: u32 = 8;
const OPSET_DOMAIN: u32 = 1;
const OPSET_VERSION: u32 = 2;
pub(super) const GRAPH_NODE: u32 = 1;
const GRAPH_INITIALIZER: u32 = 5;
const GRAPH_INPUT: u32 = 11;
pub(super) const GRAPH_OUTPUT: u32 = 12;
const NODE_INPUT: u32 = 1;
const NODE_OUTPUT: u32 = 2;
const NODE_NAME: u32 = 3;
const NODE_OP_TYPE: u32 = 4;
const NODE_ATTRIBUTE: u32 = 5;
const NODE_DOMAIN: u32 = 7;
const ATTR_NAME: u32 = 1;
const ATTR_F: u32 = 2;
const ATTR_I: u32 = 3;
const ATTR_G: u32 = 6;
const ATTR_GRAPHS: u32 = 11;
const ATTR_TYPE: u32 = 20;
const ATTR_TYPE_INT: u64 = 2;
const TENSOR_DIMS: u32 = 1;
const TENSOR_DATA_TYPE: u32 = 2;
const TENSOR_INT64_DATA: u32 = 7;
const TENSOR_NAME: u32 = 8;
pub(super) const VALUE_INFO_NAME: u32 = 1;
pub(super) const VALUE_INFO_TYPE: u32 = 2;
pub(super) const TYPE_TENSOR: u32 = 1;
pub(super) const TENSOR_TYPE_ELEM: u32 = 1;
const TENSOR_TYPE_SHAPE: u32 = 2;
const SHAPE_DIM: u32 = 1;
const DIM_VALUE: u32 = 1;
const DIM_PARAM: u32 = 2;
/// `TensorProto.DataType.FLOAT`.
pub(super) const FLOAT: u64 = 1;
/// `TensorProto.DataType.INT64`.
const INT64: u64 = 7;

/// The default-domain opset the replacement nodes need: `Max` on int64 (12) and `Pad`, `Slice`
/// and `Reshape` taking their parameters as inputs (11, 10, 5).
const MIN_OPSET: u64 = 12;

/// Random operators of the default domain.
const RANDOM_OPS: [&str; 6] = [
    "RandomNormalLike",
    "RandomNormal",
    "RandomUniformLike",
    "RandomUniform",
    "Multinomial",
    "Bernoulli",
];

/// One field of a protobuf message.
pub(super) struct Field<'a> {
    pub(super) number: u32,
    pub(super) wire: u8,
    /// The varint, or the fixed-width value, for non-length-delimited fields.
    pub(super) int: u64,
    /// The payload of a length-delimited field.
    pub(super) bytes: &'a [u8],
    /// The whole field, tag included, to copy it unchanged.
    pub(super) raw: &'a [u8],
}

fn malformed(what: &str) -> NoiseError {
    NoiseError::Malformed(what.to_string())
}

fn read_varint(buf: &[u8], pos: &mut usize) -> Result<u64, NoiseError> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *buf.get(*pos).ok_or_else(|| malformed("truncated varint"))?;
        *pos += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(malformed("varint longer than 10 bytes"))
}

/// The fields of one message, in order.
pub(super) fn fields(buf: &[u8]) -> Result<Vec<Field<'_>>, NoiseError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < buf.len() {
        let start = pos;
        let tag = read_varint(buf, &mut pos)?;
        let number = u32::try_from(tag >> 3).map_err(|_| malformed("field number"))?;
        let wire = (tag & 7) as u8;
        let take = |pos: &mut usize, n: usize| -> Result<&[u8], NoiseError> {
            let end = pos
                .checked_add(n)
                .filter(|&e| e <= buf.len())
                .ok_or_else(|| malformed("field runs past the end"))?;
            let s = &buf[*pos..end];
            *pos = end;
            Ok(s)
        };
        let (int, bytes) = match wire {
            WIRE_VARINT => (read_varint(buf, &mut pos)?, &buf[0..0]),
            WIRE_I64 => {
                let b = take(&mut pos, 8)?;
                (
                    u64::from_le_bytes(b.try_into().expect("8 bytes")),
                    &buf[0..0],
                )
            }
            WIRE_LEN => {
                let n = usize::try_from(read_varint(buf, &mut pos)?)
                    .map_err(|_| malformed("length"))?;
                (0, take(&mut pos, n)?)
            }
            WIRE_I32 => {
                let b = take(&mut pos, 4)?;
                (
                    u64::from(u32::from_le_bytes(b.try_into().expect("4 bytes"))),
                    &buf[0..0],
                )
            }
            other => return Err(NoiseError::Malformed(format!("wire type {other}"))),
        };
        out.push(Field {
            number,
            wire,
            int,
            bytes,
            raw: &buf[start..pos],
        });
    }
    Ok(out)
}

fn text(bytes: &[u8]) -> Result<String, NoiseError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| malformed("a name is not UTF-8"))
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_tag(out: &mut Vec<u8>, number: u32, wire: u8) {
    put_varint(out, (u64::from(number) << 3) | u64::from(wire));
}

pub(super) fn put_bytes(out: &mut Vec<u8>, number: u32, bytes: &[u8]) {
    put_tag(out, number, WIRE_LEN);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

pub(super) fn put_int(out: &mut Vec<u8>, number: u32, v: u64) {
    put_tag(out, number, WIRE_VARINT);
    put_varint(out, v);
}

/// A `NodeProto` of the default domain; `axis` adds an INT attribute of that name.
fn node(op: &str, name: &str, inputs: &[&str], output: &str, axis: Option<i64>) -> Vec<u8> {
    let mut n = Vec::new();
    for i in inputs {
        put_bytes(&mut n, NODE_INPUT, i.as_bytes());
    }
    put_bytes(&mut n, NODE_OUTPUT, output.as_bytes());
    put_bytes(&mut n, NODE_NAME, name.as_bytes());
    put_bytes(&mut n, NODE_OP_TYPE, op.as_bytes());
    if let Some(axis) = axis {
        let mut a = Vec::new();
        put_bytes(&mut a, ATTR_NAME, b"axis");
        put_int(&mut a, ATTR_I, axis as u64);
        put_int(&mut a, ATTR_TYPE, ATTR_TYPE_INT);
        put_bytes(&mut n, NODE_ATTRIBUTE, &a);
    }
    n
}

/// A 1-D int64 `TensorProto` initializer.
fn int64_tensor(name: &str, values: &[i64]) -> Vec<u8> {
    let mut t = Vec::new();
    put_int(&mut t, TENSOR_DIMS, values.len() as u64);
    put_int(&mut t, TENSOR_DATA_TYPE, INT64);
    let mut packed = Vec::new();
    for &v in values {
        put_varint(&mut packed, v as u64);
    }
    put_bytes(&mut t, TENSOR_INT64_DATA, &packed);
    put_bytes(&mut t, TENSOR_NAME, name.as_bytes());
    t
}

/// A `ValueInfoProto` of a 1-D tensor: `dim` is a fixed size or a symbolic one.
fn value_info(name: &str, elem_type: u64, dim: Result<u64, &str>) -> Vec<u8> {
    let mut d = Vec::new();
    match dim {
        Ok(v) => put_int(&mut d, DIM_VALUE, v),
        Err(param) => put_bytes(&mut d, DIM_PARAM, param.as_bytes()),
    }
    let mut shape = Vec::new();
    put_bytes(&mut shape, SHAPE_DIM, &d);
    let mut tensor = Vec::new();
    put_int(&mut tensor, TENSOR_TYPE_ELEM, elem_type);
    put_bytes(&mut tensor, TENSOR_TYPE_SHAPE, &shape);
    let mut ty = Vec::new();
    put_bytes(&mut ty, TYPE_TENSOR, &tensor);
    let mut v = Vec::new();
    put_bytes(&mut v, VALUE_INFO_NAME, name.as_bytes());
    put_bytes(&mut v, VALUE_INFO_TYPE, &ty);
    v
}

/// What the rewrite needs to know of one node.
pub(super) struct NodeView {
    pub(super) op_type: String,
    domain: String,
    inputs: Vec<String>,
    pub(super) outputs: Vec<String>,
    /// Attributes as (name, float value, int value).
    attributes: Vec<(String, Option<f32>, Option<i64>)>,
    /// Subgraphs held by attributes (`If`, `Loop`, `Scan` bodies).
    subgraphs: Vec<Vec<u8>>,
}

pub(super) fn view_node(bytes: &[u8]) -> Result<NodeView, NoiseError> {
    let mut n = NodeView {
        op_type: String::new(),
        domain: String::new(),
        inputs: Vec::new(),
        outputs: Vec::new(),
        attributes: Vec::new(),
        subgraphs: Vec::new(),
    };
    for f in fields(bytes)? {
        match (f.number, f.wire) {
            (NODE_INPUT, WIRE_LEN) => n.inputs.push(text(f.bytes)?),
            (NODE_OUTPUT, WIRE_LEN) => n.outputs.push(text(f.bytes)?),
            (NODE_OP_TYPE, WIRE_LEN) => n.op_type = text(f.bytes)?,
            (NODE_DOMAIN, WIRE_LEN) => n.domain = text(f.bytes)?,
            (NODE_ATTRIBUTE, WIRE_LEN) => {
                let (mut name, mut fv, mut iv) = (String::new(), None, None);
                for a in fields(f.bytes)? {
                    match (a.number, a.wire) {
                        (ATTR_NAME, WIRE_LEN) => name = text(a.bytes)?,
                        (ATTR_F, WIRE_I32) => fv = Some(f32::from_bits(a.int as u32)),
                        (ATTR_I, WIRE_VARINT) => iv = Some(a.int as i64),
                        (ATTR_G | ATTR_GRAPHS, WIRE_LEN) => n.subgraphs.push(a.bytes.to_vec()),
                        _ => {}
                    }
                }
                n.attributes.push((name, fv, iv));
            }
            _ => {}
        }
    }
    Ok(n)
}

impl NodeView {
    pub(super) fn default_domain(&self) -> bool {
        self.domain.is_empty() || self.domain == "ai.onnx"
    }

    fn float(&self, name: &str) -> Option<f32> {
        self.attributes
            .iter()
            .find(|(n, ..)| n == name)
            .and_then(|a| a.1)
    }

    fn int(&self, name: &str) -> Option<i64> {
        self.attributes
            .iter()
            .find(|(n, ..)| n == name)
            .and_then(|a| a.2)
    }
}

/// Whether a (sub)graph holds a random node anywhere, however deeply nested.
fn holds_random_node(graph: &[u8]) -> Result<Option<String>, NoiseError> {
    for f in fields(graph)? {
        if (f.number, f.wire) != (GRAPH_NODE, WIRE_LEN) {
            continue;
        }
        let n = view_node(f.bytes)?;
        if n.default_domain() && RANDOM_OPS.contains(&n.op_type.as_str()) {
            return Ok(Some(n.op_type));
        }
        for g in &n.subgraphs {
            if let Some(op) = holds_random_node(g)? {
                return Ok(Some(op));
            }
        }
    }
    Ok(None)
}

/// Rewrites `model` (the bytes of an `.onnx` file) so that each `RandomNormalLike` node of its
/// main graph reads its values from a new input; see the module docs. A model without random
/// nodes comes back unchanged with no inputs.
///
/// Errors: malformed bytes; a random operator other than `RandomNormalLike`, one inside a
/// subgraph, or one of a non-float type ([`NoiseError::Unsupported`]); a default-domain opset
/// below 12.
pub fn seed_random_nodes(model: &[u8]) -> Result<SeededModel, NoiseError> {
    let top = fields(model)?;
    let opset = top
        .iter()
        .filter(|f| (f.number, f.wire) == (MODEL_OPSET_IMPORT, WIRE_LEN))
        .map(|f| -> Result<Option<u64>, NoiseError> {
            let (mut domain, mut version) = (String::new(), 0);
            for g in fields(f.bytes)? {
                match (g.number, g.wire) {
                    (OPSET_DOMAIN, WIRE_LEN) => domain = text(g.bytes)?,
                    (OPSET_VERSION, WIRE_VARINT) => version = g.int,
                    _ => {}
                }
            }
            Ok((domain.is_empty() || domain == "ai.onnx").then_some(version))
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .max();
    let mut out = Vec::with_capacity(model.len() + 4096);
    let mut inputs = Vec::new();
    let mut graphs = 0;
    for f in &top {
        if (f.number, f.wire) != (MODEL_GRAPH, WIRE_LEN) {
            out.extend_from_slice(f.raw);
            continue;
        }
        graphs += 1;
        let (graph, replaced) = rewrite_graph(f.bytes)?;
        if !replaced.is_empty() && opset.unwrap_or(0) < MIN_OPSET {
            return Err(NoiseError::Unsupported(format!(
                "the model's opset {} is older than {MIN_OPSET}",
                opset.unwrap_or(0)
            )));
        }
        put_bytes(&mut out, MODEL_GRAPH, &graph);
        inputs = replaced;
    }
    if graphs != 1 {
        return Err(malformed("a model holds exactly one graph"));
    }
    Ok(SeededModel { bytes: out, inputs })
}

/// The graph with its random nodes replaced, and what replaced them.
fn rewrite_graph(graph: &[u8]) -> Result<(Vec<u8>, Vec<NoiseInput>), NoiseError> {
    let mut out = Vec::with_capacity(graph.len() + 4096);
    let mut inputs: Vec<NoiseInput> = Vec::new();
    let mut extra: Vec<(u32, Vec<u8>)> = Vec::new();
    for f in fields(graph)? {
        if (f.number, f.wire) != (GRAPH_NODE, WIRE_LEN) {
            out.extend_from_slice(f.raw);
            continue;
        }
        let n = view_node(f.bytes)?;
        for g in &n.subgraphs {
            if let Some(op) = holds_random_node(g)? {
                return Err(NoiseError::Unsupported(format!(
                    "a {op} node inside a subgraph of a {} node",
                    n.op_type
                )));
            }
        }
        if !n.default_domain() || !RANDOM_OPS.contains(&n.op_type.as_str()) {
            out.extend_from_slice(f.raw);
            continue;
        }
        if n.op_type != "RandomNormalLike" {
            return Err(NoiseError::Unsupported(format!(
                "a {} node (only RandomNormalLike can be seeded)",
                n.op_type
            )));
        }
        if n.int("dtype").is_some_and(|t| t != FLOAT as i64) {
            return Err(NoiseError::Unsupported(
                "a RandomNormalLike node of a type other than float".into(),
            ));
        }
        let (Some(like), Some(result)) = (n.inputs.first(), n.outputs.first()) else {
            return Err(malformed("RandomNormalLike without input or output"));
        };
        let p = format!("aloud_noise{}", inputs.len());
        let name = |s: &str| format!("{p}_{s}");
        let (zero, one_shape) = (name("zero"), name("one_shape"));
        let like = like.as_str();
        // Each step: operator, its output (also its name) and inputs, and Concat's axis.
        let steps: [(&str, &str, [&str; 3], Option<i64>); 9] = [
            ("Size", "count", [like, "", ""], None),
            ("Reshape", "needed", ["@count", &one_shape, ""], None),
            ("Shape", "have", [&p, "", ""], None),
            ("Sub", "short_by", ["@needed", "@have", ""], None),
            ("Max", "pad_end", ["@short_by", &zero, ""], None),
            ("Concat", "pads", [&zero, "@pad_end", ""], Some(0)),
            ("Pad", "padded", [&p, "@pads", ""], None),
            ("Slice", "flat", ["@padded", &zero, "@needed"], None),
            ("Shape", "shape", [like, "", ""], None),
        ];
        for (op, out_name, ins, axis) in &steps {
            // "@step" is the output of an earlier step; other names are used as they are.
            let ins: Vec<String> = ins
                .iter()
                .filter(|i| !i.is_empty())
                .map(|i| i.strip_prefix('@').map_or_else(|| i.to_string(), name))
                .collect();
            let ins: Vec<&str> = ins.iter().map(String::as_str).collect();
            let o = name(out_name);
            put_bytes(&mut out, GRAPH_NODE, &node(op, &o, &ins, &o, *axis));
        }
        put_bytes(
            &mut out,
            GRAPH_NODE,
            &node(
                "Reshape",
                &name("reshape"),
                &[&name("flat"), &name("shape")],
                result,
                None,
            ),
        );
        extra.push((GRAPH_INITIALIZER, int64_tensor(&zero, &[0])));
        extra.push((GRAPH_INITIALIZER, int64_tensor(&one_shape, &[1])));
        extra.push((GRAPH_INPUT, value_info(&p, FLOAT, Err(&name("len")))));
        extra.push((GRAPH_OUTPUT, value_info(&name("needed"), INT64, Ok(1))));
        inputs.push(NoiseInput {
            needed: name("needed"),
            input: p,
            mean: n.float("mean").unwrap_or(0.0),
            scale: n.float("scale").unwrap_or(1.0),
        });
    }
    for (number, bytes) in extra {
        put_bytes(&mut out, number, &bytes);
    }
    Ok((out, inputs))
}

/// SplitMix64's output function: a bijective mix of 64 bits (Steele, Lea and Flood,
/// "Fast splittable pseudorandom number generators", 2014).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A uniform number in (0, 1] from the `counter`-th value of the stream `seed`.
fn uniform(seed: u64, counter: u64) -> f64 {
    let bits = mix(seed.wrapping_add(counter.wrapping_mul(0x9e37_79b9_7f4a_7c15)));
    ((bits >> 11) + 1) as f64 / (1u64 << 53) as f64
}

/// Fills `out` with values `0..out.len()` of the standard normal sequence of `seed`, scaled by
/// `scale` and shifted by `mean`. Value `i` depends only on `seed` and `i` (Box–Muller on the
/// counter-based uniforms `2⌊i/2⌋` and `2⌊i/2⌋ + 1`), so a longer buffer begins with a
/// shorter one.
pub fn standard_normal(seed: u64, mean: f32, scale: f32, out: &mut [f32]) {
    for (pair, values) in out.chunks_mut(2).enumerate() {
        let u1 = uniform(seed, 2 * pair as u64);
        let u2 = uniform(seed, 2 * pair as u64 + 1);
        let r = (-2.0 * u1.ln()).sqrt();
        let (sin, cos) = (std::f64::consts::TAU * u2).sin_cos();
        values[0] = (r * cos) as f32 * scale + mean;
        if let Some(v) = values.get_mut(1) {
            *v = (r * sin) as f32 * scale + mean;
        }
    }
}

/// The seed of noise input `k` for a chunk whose model input is `ids`: a hash of the ids, so
/// the same phonemes always get the same noise, whatever session speaks them and in whatever
/// order.
pub fn chunk_seed(ids: &[i64], k: usize) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64; // FNV-1a 64 offset basis
    for id in ids {
        for b in id.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    mix(h ^ mix(k as u64 + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model with one graph: `RandomNormalLike(x) -> y`, then `Add(y, x) -> z`, opset 15.
    fn tiny_model(op: &str, dtype: Option<i64>, opset: u64) -> Vec<u8> {
        let mut rnd = node(op, "rnd", &["x"], "y", None);
        if let Some(t) = dtype {
            let mut a = Vec::new();
            put_bytes(&mut a, ATTR_NAME, b"dtype");
            put_int(&mut a, ATTR_I, t as u64);
            put_int(&mut a, ATTR_TYPE, ATTR_TYPE_INT);
            put_bytes(&mut rnd, NODE_ATTRIBUTE, &a);
        }
        let mut scale = Vec::new();
        put_bytes(&mut scale, ATTR_NAME, b"scale");
        put_tag(&mut scale, ATTR_F, WIRE_I32);
        scale.extend_from_slice(&0.5f32.to_bits().to_le_bytes());
        put_bytes(&mut rnd, NODE_ATTRIBUTE, &scale);
        let mut graph = Vec::new();
        put_bytes(&mut graph, GRAPH_NODE, &rnd);
        put_bytes(
            &mut graph,
            GRAPH_NODE,
            &node("Add", "add", &["y", "x"], "z", None),
        );
        put_bytes(&mut graph, 2, b"tiny");
        put_bytes(&mut graph, GRAPH_INPUT, &value_info("x", FLOAT, Err("n")));
        put_bytes(&mut graph, GRAPH_OUTPUT, &value_info("z", FLOAT, Err("n")));
        let mut model = Vec::new();
        put_int(&mut model, 1, 8); // ir_version
        put_bytes(&mut model, 2, b"test");
        put_bytes(&mut model, MODEL_GRAPH, &graph);
        let mut opset_id = Vec::new();
        put_bytes(&mut opset_id, OPSET_DOMAIN, b"");
        put_int(&mut opset_id, OPSET_VERSION, opset);
        put_bytes(&mut model, MODEL_OPSET_IMPORT, &opset_id);
        model
    }

    fn graph_of(model: &[u8]) -> Vec<u8> {
        fields(model)
            .unwrap()
            .into_iter()
            .find(|f| f.number == MODEL_GRAPH)
            .unwrap()
            .bytes
            .to_vec()
    }

    fn ops_of(graph: &[u8]) -> Vec<(String, Vec<String>, Vec<String>)> {
        fields(graph)
            .unwrap()
            .into_iter()
            .filter(|f| f.number == GRAPH_NODE)
            .map(|f| {
                let n = view_node(f.bytes).unwrap();
                (n.op_type, n.inputs, n.outputs)
            })
            .collect()
    }

    #[test]
    fn random_node_becomes_a_noise_input_with_its_attributes() {
        let seeded = seed_random_nodes(&tiny_model("RandomNormalLike", Some(1), 15)).unwrap();
        assert_eq!(
            seeded.inputs,
            vec![NoiseInput {
                input: "aloud_noise0".into(),
                needed: "aloud_noise0_needed".into(),
                mean: 0.0,
                scale: 0.5,
            }]
        );
        let graph = graph_of(&seeded.bytes);
        let ops = ops_of(&graph);
        assert!(ops.iter().all(|(op, ..)| op != "RandomNormalLike"));
        // The old output is produced by the last replacement node, before its first use.
        let y = ops
            .iter()
            .position(|(_, _, o)| o == &["y".to_string()])
            .unwrap();
        let add = ops.iter().position(|(op, ..)| op == "Add").unwrap();
        assert!(y < add);
        assert_eq!(ops[y].0, "Reshape");
        let names: Vec<(u32, String)> = fields(&graph)
            .unwrap()
            .into_iter()
            .filter(|f| matches!(f.number, GRAPH_INPUT | GRAPH_OUTPUT))
            .map(|f| {
                let name = fields(f.bytes).unwrap()[0].bytes.to_vec();
                (f.number, String::from_utf8(name).unwrap())
            })
            .collect();
        assert_eq!(
            names,
            vec![
                (GRAPH_INPUT, "x".to_string()),
                (GRAPH_OUTPUT, "z".to_string()),
                (GRAPH_INPUT, "aloud_noise0".to_string()),
                (GRAPH_OUTPUT, "aloud_noise0_needed".to_string()),
            ]
        );
    }

    #[test]
    fn fields_the_rewrite_does_not_touch_are_copied_byte_for_byte() {
        let model = tiny_model("Add", None, 15);
        let seeded = seed_random_nodes(&model).unwrap();
        assert_eq!(seeded.bytes, model);
        assert!(seeded.inputs.is_empty());
    }

    #[test]
    fn what_cannot_be_seeded_is_refused() {
        let cases: &[(Vec<u8>, &str)] = &[
            (
                tiny_model("RandomUniformLike", None, 15),
                "RandomUniformLike",
            ),
            (
                tiny_model("RandomNormalLike", Some(11), 15),
                "other than float",
            ),
            (tiny_model("RandomNormalLike", None, 11), "opset 11"),
        ];
        for (model, expected) in cases {
            let e = seed_random_nodes(model).unwrap_err();
            assert!(e.to_string().contains(expected), "{e}");
        }
        for bad in [&b"\x3a\xff"[..], b"\x08", b"\x0f"] {
            assert!(matches!(
                seed_random_nodes(bad),
                Err(NoiseError::Malformed(_))
            ));
        }
    }

    #[test]
    fn a_random_node_in_a_subgraph_is_refused() {
        let inner = graph_of(&tiny_model("RandomNormalLike", None, 15));
        let mut attr = Vec::new();
        put_bytes(&mut attr, ATTR_NAME, b"then_branch");
        put_bytes(&mut attr, ATTR_G, &inner);
        let mut if_node = node("If", "if", &["c"], "r", None);
        put_bytes(&mut if_node, NODE_ATTRIBUTE, &attr);
        let mut graph = Vec::new();
        put_bytes(&mut graph, GRAPH_NODE, &if_node);
        let mut model = Vec::new();
        put_bytes(&mut model, MODEL_GRAPH, &graph);
        let e = seed_random_nodes(&model).unwrap_err();
        assert!(e.to_string().contains("subgraph of a If node"), "{e}");
    }

    #[test]
    fn noise_is_a_fixed_prefix_sequence_per_seed() {
        let mut short = vec![0f32; 7];
        let mut long = vec![0f32; 1000];
        standard_normal(42, 0.0, 1.0, &mut short);
        standard_normal(42, 0.0, 1.0, &mut long);
        assert_eq!(short[..], long[..7]);
        let mut other = vec![0f32; 7];
        standard_normal(43, 0.0, 1.0, &mut other);
        assert_ne!(short, other);
        // Standard normal: mean near 0, variance near 1 over many values.
        let mut many = vec![0f32; 200_000];
        standard_normal(7, 0.0, 1.0, &mut many);
        let n = many.len() as f64;
        let mean = many.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
        let var = many
            .iter()
            .map(|&x| (f64::from(x) - mean).powi(2))
            .sum::<f64>()
            / n;
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.02, "variance {var}");
        let mut shifted = vec![0f32; 7];
        standard_normal(42, 1.0, 2.0, &mut shifted);
        for (s, x) in shifted.iter().zip(&short) {
            assert!((s - (x * 2.0 + 1.0)).abs() < 1e-6);
        }
    }

    #[test]
    fn seeds_differ_by_ids_and_by_input() {
        let a = chunk_seed(&[1, 2, 3], 0);
        assert_eq!(a, chunk_seed(&[1, 2, 3], 0));
        assert_ne!(a, chunk_seed(&[1, 2, 3], 1));
        assert_ne!(a, chunk_seed(&[1, 2, 4], 0));
        assert_ne!(a, chunk_seed(&[1, 2], 0));
    }
}
