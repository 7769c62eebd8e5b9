// Builds the model files the vision worker loads with @mediapipe/tasks-vision, from the networks
// that the npm packages @mediapipe/face_detection and @mediapipe/pose carry. No network.
//
// The Tasks API needs TFLite model metadata (input normalisation) that those .tflite files lack, so
// each file gets a ModelMetadata flatbuffer ("M001") in a new Buffer, named TFLITE_METADATA in
// Model.metadata. The original bytes are kept untouched: a new root (uoffset + "TFL3" + a new Model
// table + new buffers/metadata vectors + the new Buffer, written with Google's `flatbuffers` Builder)
// is PREPENDED, its length a multiple of 16 so every old offset and alignment still holds (flatbuffer
// offsets are relative and point forward).
// A PoseLandmarker .task is an uncompressed zip of pose_detector.tflite + pose_landmarks_detector.tflite.
//
// Output: public/vendor/mediapipe/models/ (git-ignored). Idempotent: files are rewritten only when
// their bytes change.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 as zlibCrc32 } from 'node:zlib';
import * as flatbuffers from 'flatbuffers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// ---------------------------------------------------------------------------------------------
// Flatbuffers are written with Google's `flatbuffers` Builder (children before parents, back to
// front). What to write is described as a tree of nodes, the schema's fields in order:
//   { table: [field, ...] }    field = null | { u8 } | { u32 } | { ref: node }  (index = field id)
//   { vec: [node, ...] }       vector of offsets to tables/strings
//   { f32: [number, ...] }     vector of float32
//   { bytes: Uint8Array, align }  vector of ubyte whose data starts `align`-aligned
//   { str: string }
//   { ext: position }          a table/vector/string at `position` of the file the buffer is prepended to

/**
 * Writes `node` with `b`; returns its offset in Builder terms (bytes from the end of the buffer).
 * An `ext` node lies `position` bytes past that end, so its offset is negative: a uoffset to it
 * still points forward once the original file follows the finished buffer.
 */
function put(b, node) {
  if ('ext' in node) return -node.ext;
  if ('str' in node) return b.createString(node.str);
  if ('f32' in node) {
    b.startVector(4, node.f32.length, 4);
    for (let i = node.f32.length - 1; i >= 0; i--) b.addFloat32(node.f32[i]);
    return b.endVector();
  }
  if ('bytes' in node) {
    b.startVector(1, node.bytes.length, Math.max(4, node.align ?? 4));
    for (let i = node.bytes.length - 1; i >= 0; i--) b.addInt8(node.bytes[i]);
    return b.endVector();
  }
  if ('vec' in node) {
    const items = node.vec.map((child) => put(b, child));
    b.startVector(4, items.length, 4);
    for (let i = items.length - 1; i >= 0; i--) b.addOffset(items[i]);
    return b.endVector();
  }
  if ('table' in node) {
    const fields = node.table;
    const refs = fields.map((f) => (f != null && 'ref' in f ? put(b, f.ref) : 0));
    b.startObject(fields.length);
    fields.forEach((f, id) => {
      if (f == null) return;
      if ('u8' in f) b.addFieldInt8(id, f.u8, 0);
      else if ('u32' in f) b.addFieldInt32(id, f.u32, 0);
      else if ('ref' in f) b.addFieldOffset(id, refs[id], 0);
      else throw new Error(`bad field ${JSON.stringify(f)}`);
    });
    return b.endObject();
  }
  throw new Error(`bad node ${Object.keys(node)}`);
}

/** A whole buffer: root uoffset, 4-char file identifier, the root table; its length a multiple of `align`. */
function finished(node, ident, align = 4) {
  const b = new flatbuffers.Builder(1024);
  b.prep(align, 0);
  b.finish(put(b, node), ident);
  return b.asUint8Array().slice();
}

// ---------------------------------------------------------------------------------------------
// TFLite metadata (tensorflow_lite_support/metadata/metadata_schema.fbs), only what we need.

const ColorSpace_RGB = 1;
const ContentProperties_ImageProperties = 2;
const ProcessUnitOptions_NormalizationOptions = 1;

/**
 * ModelMetadata with one subgraph whose first input is an RGB image normalised as (x - mean) / std.
 * Output tensors get named entries (no content), one per model output.
 */
export function buildModelMetadata({ name, description, inputName, mean, std, outputNames }) {
  const inputTensor = {
    table: [
      { ref: { str: inputName } }, // name
      { ref: { str: `RGB image, normalised as (x - ${mean}) / ${std}` } }, // description
      null, // dimension_names
      // content: ContentProperties union (type, value), range
      { ref: { table: [{ u8: ContentProperties_ImageProperties }, { ref: { table: [{ u8: ColorSpace_RGB }] } }] } },
      // process_units: [ProcessUnit{ options: NormalizationOptions{ mean, std } }]
      { ref: { vec: [{ table: [{ u8: ProcessUnitOptions_NormalizationOptions }, { ref: { table: [{ ref: { f32: [mean] } }, { ref: { f32: [std] } }] } }] }] } },
    ],
  };
  const outputs = outputNames.map((n) => ({ table: [{ ref: { str: n } }] }));
  const subgraph = {
    table: [
      null, // name
      null, // description
      { ref: { vec: [inputTensor] } }, // input_tensor_metadata
      { ref: { vec: outputs } }, // output_tensor_metadata
    ],
  };
  const model = {
    table: [
      { ref: { str: name } }, // name
      { ref: { str: description } }, // description
      { ref: { str: '1' } }, // version
      { ref: { vec: [subgraph] } }, // subgraph_metadata
      { ref: { str: 'Google (MediaPipe); metadata added by Shotscale scripts/build/prepare-mediapipe.mjs' } }, // author
      { ref: { str: 'Apache-2.0' } }, // license
      null, // associated_files
      { ref: { str: '1.0.0' } }, // min_parser_version
    ],
  };
  return finished(model, 'M001');
}

// ---------------------------------------------------------------------------------------------
// Reading the TFLite file we prepend to.

/** Field positions of a flatbuffer table: entry i is the absolute position of field i, or 0. */
export function tableFields(bytes, table) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vt = table - dv.getInt32(table, true);
  const vtSize = dv.getUint16(vt, true);
  const out = [];
  for (let i = 0; 4 + 2 * i < vtSize; i++) {
    const o = dv.getUint16(vt + 4 + 2 * i, true);
    out.push(o ? table + o : 0);
  }
  return out;
}

/** Follows a uoffset stored at `pos`. */
export function deref(bytes, pos) {
  return pos + new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(pos, true);
}

/** Positions of the elements (tables or strings) of an offset vector at `vec`. */
export function offsetVector(bytes, vec) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = dv.getUint32(vec, true);
  return Array.from({ length: n }, (_, i) => deref(bytes, vec + 4 + 4 * i));
}

export function readString(bytes, pos) {
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(pos, true);
  return new TextDecoder().decode(bytes.subarray(pos + 4, pos + 4 + n));
}

// TFLite schema: Model fields.
const M = { version: 0, operator_codes: 1, subgraphs: 2, description: 3, buffers: 4, metadata_buffer: 5, metadata: 6, signature_defs: 7 };
const MODEL_FIELDS = 8;

/** Returns `tflite` with `metadata` attached as its TFLITE_METADATA buffer. */
export function addTfliteMetadata(tflite, metadata) {
  if (new TextDecoder().decode(tflite.subarray(4, 8)) !== 'TFL3') throw new Error('not a TFLite flatbuffer (no TFL3 identifier)');
  const dv = new DataView(tflite.buffer, tflite.byteOffset, tflite.byteLength);
  const model = deref(tflite, 0);
  const f = tableFields(tflite, model);
  if (f.slice(MODEL_FIELDS).some((p) => p)) throw new Error('Model table has fields this script does not know');
  const ext = (field) => (f[field] ? { ref: { ext: deref(tflite, f[field]) } } : null);

  const oldBuffers = f[M.buffers] ? offsetVector(tflite, deref(tflite, f[M.buffers])) : [];
  for (const b of oldBuffers) {
    const bf = tableFields(tflite, b);
    // Buffer.offset / Buffer.size address data outside the flatbuffer by absolute file position,
    // which prepending would break.
    if ((bf[1] && dv.getBigUint64(bf[1], true) !== 0n) || (bf[2] && dv.getBigUint64(bf[2], true) !== 0n)) {
      throw new Error('TFLite buffers stored outside the flatbuffer are not supported');
    }
  }
  const oldMetadata = f[M.metadata] ? offsetVector(tflite, deref(tflite, f[M.metadata])) : [];
  for (const m of oldMetadata) {
    const mf = tableFields(tflite, m);
    if (mf[0] && readString(tflite, deref(tflite, mf[0])) === 'TFLITE_METADATA') throw new Error('model already has TFLITE_METADATA');
  }

  const newModel = {
    table: [
      { u32: f[M.version] ? dv.getUint32(f[M.version], true) : 0 },
      ext(M.operator_codes),
      ext(M.subgraphs),
      ext(M.description),
      {
        ref: {
          vec: [
            ...oldBuffers.map((p) => ({ ext: p })),
            { table: [{ ref: { bytes: metadata, align: 16 } }] }, // Buffer{ data }
          ],
        },
      },
      ext(M.metadata_buffer),
      {
        ref: {
          vec: [
            ...oldMetadata.map((p) => ({ ext: p })),
            { table: [{ ref: { str: 'TFLITE_METADATA' } }, { u32: oldBuffers.length }] }, // Metadata{ name, buffer }
          ],
        },
      },
      ext(M.signature_defs),
    ],
  };
  // Aligned to 16, so every old offset and alignment holds in the original bytes that follow.
  const head = finished(newModel, 'TFL3', 16);
  const out = new Uint8Array(head.length + tflite.length);
  out.set(head, 0);
  out.set(tflite, head.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stored (uncompressed) zip.

const crc32 =
  typeof zlibCrc32 === 'function'
    ? (b) => zlibCrc32(b) >>> 0
    : (() => {
        const table = new Uint32Array(256).map((_, n) => {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          return c >>> 0;
        });
        return (b) => {
          let c = 0xffffffff;
          for (let i = 0; i < b.length; i++) c = table[(c ^ b[i]) & 0xff] ^ (c >>> 8);
          return (c ^ 0xffffffff) >>> 0;
        };
      })();

/**
 * A zip of `entries` ({ name, data }) with method 0 (stored), a fixed timestamp (1980-01-01) for
 * reproducible bytes, and each entry's data padded (extra field) to start on a 64-byte boundary so
 * the TFLite flatbuffers inside stay aligned when read in place.
 */
export function storedZip(entries, align = 64) {
  const parts = [];
  const central = [];
  let offset = 0;
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const { name, data } of entries) {
    const nameBytes = new TextEncoder().encode(name);
    const crc = crc32(data);
    const base = offset + 30 + nameBytes.length;
    let extraLen = (align - (base % align)) % align;
    if (extraLen > 0 && extraLen < 4) extraLen += align; // an extra field needs its 4-byte header
    const local = new DataView(new ArrayBuffer(30 + nameBytes.length + extraLen));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 10, true); // version needed: 1.0
    local.setUint16(6, 0, true); // flags
    local.setUint16(8, 0, true); // method: stored
    local.setUint16(10, DOS_TIME, true);
    local.setUint16(12, DOS_DATE, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    local.setUint16(28, extraLen, true);
    new Uint8Array(local.buffer).set(nameBytes, 30);
    if (extraLen) {
      local.setUint16(30 + nameBytes.length, 0xd935, true); // alignment padding block (as zipalign)
      local.setUint16(32 + nameBytes.length, extraLen - 4, true);
    }
    const cd = new DataView(new ArrayBuffer(46 + nameBytes.length));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true); // version made by
    cd.setUint16(6, 10, true);
    cd.setUint16(8, 0, true);
    cd.setUint16(10, 0, true);
    cd.setUint16(12, DOS_TIME, true);
    cd.setUint16(14, DOS_DATE, true);
    cd.setUint32(16, crc, true);
    cd.setUint32(20, data.length, true);
    cd.setUint32(24, data.length, true);
    cd.setUint16(28, nameBytes.length, true);
    cd.setUint16(30, 0, true); // extra
    cd.setUint16(32, 0, true); // comment
    cd.setUint16(34, 0, true); // disk
    cd.setUint16(36, 0, true); // internal attrs
    cd.setUint32(38, 0, true); // external attrs
    cd.setUint32(42, offset, true);
    new Uint8Array(cd.buffer).set(nameBytes, 46);
    parts.push(new Uint8Array(local.buffer), data);
    central.push(new Uint8Array(cd.buffer));
    offset += local.byteLength + data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Mean/std per network, measured by the team (issue #4). */
const SIGNED = { mean: 127.5, std: 127.5 }; // input in [-1, 1]
const UNIT = { mean: 0, std: 255 }; // input in [0, 1]

/** Names of the first subgraph's input and output tensors (TFLite SubGraph: tensors, inputs, outputs; Tensor.name is field 3). */
export function ioTensorNames(tflite) {
  const dv = new DataView(tflite.buffer, tflite.byteOffset, tflite.byteLength);
  const model = tableFields(tflite, deref(tflite, 0));
  const sg = tableFields(tflite, offsetVector(tflite, deref(tflite, model[M.subgraphs]))[0]);
  const tensors = offsetVector(tflite, deref(tflite, sg[0]));
  const indices = (field) => {
    const v = deref(tflite, sg[field]);
    return Array.from({ length: dv.getUint32(v, true) }, (_, i) => dv.getInt32(v + 4 + 4 * i, true));
  };
  const name = (i) => {
    const tf = tableFields(tflite, tensors[i]);
    return tf[3] ? readString(tflite, deref(tflite, tf[3])) : `tensor_${i}`;
  };
  return { inputs: indices(1).map(name), outputs: indices(2).map(name) };
}

/** The network with its TFLITE_METADATA (one entry per input/output tensor of the model). */
function withMetadata(tflite, { name, description, mean, std }) {
  const io = ioTensorNames(tflite);
  if (io.inputs.length !== 1) throw new Error(`prepare-mediapipe: ${name} has ${io.inputs.length} inputs, expected 1`);
  return addTfliteMetadata(tflite, buildModelMetadata({ name, description, inputName: io.inputs[0], mean, std, outputNames: io.outputs }));
}

/** Slices the pose detector out of @mediapipe/pose's Emscripten file package. */
function poseDetectorBytes(poseDir) {
  const loader = readFileSync(join(poseDir, 'pose_solution_packed_assets_loader.js'), 'utf8');
  const m = /loadPackage\((\{"files".*?\})\);/s.exec(loader);
  if (!m) throw new Error('prepare-mediapipe: cannot find the file list in pose_solution_packed_assets_loader.js');
  const { files } = JSON.parse(m[1]);
  const entry = files.find((e) => e.filename.endsWith('/pose_detection.tflite'));
  if (!entry) throw new Error('prepare-mediapipe: pose_detection.tflite is not in the packed assets');
  const data = new Uint8Array(readFileSync(join(poseDir, 'pose_solution_packed_assets.data')));
  return data.slice(entry.start, entry.end);
}

/** The files to write: name → bytes. */
export function buildModels(nodeModules = join(root, 'node_modules')) {
  const faceDir = join(nodeModules, '@mediapipe/face_detection');
  const poseDir = join(nodeModules, '@mediapipe/pose');
  for (const d of [faceDir, poseDir]) if (!existsSync(d)) throw new Error(`prepare-mediapipe: ${d} is missing; run npm ci`);
  const read = (dir, file) => new Uint8Array(readFileSync(join(dir, file)));

  const face = (file, name) => withMetadata(read(faceDir, file), { name, description: 'BlazeFace face detector (from @mediapipe/face_detection)', ...SIGNED });
  const detector = withMetadata(poseDetectorBytes(poseDir), { name: 'pose_detector', description: 'BlazePose detector (from @mediapipe/pose)', ...SIGNED });
  const task = (file, name) =>
    storedZip([
      { name: 'pose_detector.tflite', data: detector },
      { name: 'pose_landmarks_detector.tflite', data: withMetadata(read(poseDir, file), { name, description: 'BlazePose GHUM 3D landmarks (from @mediapipe/pose)', ...UNIT }) },
    ]);
  return {
    'face_detector.tflite': face('face_detection_short_range.tflite', 'face_detector_short_range'),
    'face_detector_full.tflite': face('face_detection_full_range.tflite', 'face_detector_full_range'),
    'pose_landmarker_lite.task': task('pose_landmark_lite.tflite', 'pose_landmarks_detector_lite'),
    'pose_landmarker_full.task': task('pose_landmark_full.tflite', 'pose_landmarks_detector_full'),
  };
}

/** Writes the models into `outDir` (rewriting only changed files); returns how many were written. */
export function prepareMediapipe(outDir = join(root, 'public/vendor/mediapipe/models')) {
  mkdirSync(outDir, { recursive: true });
  let written = 0;
  for (const [name, bytes] of Object.entries(buildModels())) {
    const dst = join(outDir, name);
    if (existsSync(dst)) {
      const old = readFileSync(dst);
      if (old.length === bytes.length && old.equals(bytes)) continue;
    }
    writeFileSync(dst, bytes);
    written++;
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  const n = prepareMediapipe(process.argv[2]);
  console.log(`prepare-mediapipe: ${n} model file(s) written to public/vendor/mediapipe/models (${Math.round(performance.now() - t0)} ms)`);
}
