import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFaces, toPoses } from './convert';

// Reads the files scripts/build/prepare-mediapipe.mjs writes back with a flatbuffer reader of its own
// (independent of the script's writer) and checks what the MediaPipe Tasks API needs from them.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MODELS = join(ROOT, 'public/vendor/mediapipe/models');
const FILES = ['face_detector.tflite', 'face_detector_full.tflite', 'pose_landmarker_lite.task', 'pose_landmarker_full.task'];

/** A minimal flatbuffer reader: tables by vtable, offset vectors, strings, scalars. */
class Fb {
  readonly dv: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  ident(): string {
    return new TextDecoder().decode(this.bytes.subarray(4, 8));
  }
  root(): number {
    return this.dv.getUint32(0, true);
  }
  /** Absolute position of field `i` of the table at `t`, or 0 when absent. */
  field(t: number, i: number): number {
    const vt = t - this.dv.getInt32(t, true);
    const size = this.dv.getUint16(vt, true);
    if (4 + 2 * i >= size) return 0;
    const o = this.dv.getUint16(vt + 4 + 2 * i, true);
    return o ? t + o : 0;
  }
  ref(t: number, i: number): number {
    const p = this.field(t, i);
    return p ? p + this.dv.getUint32(p, true) : 0;
  }
  vec(t: number, i: number): number[] {
    const v = this.ref(t, i);
    if (!v) return [];
    const n = this.dv.getUint32(v, true);
    return Array.from({ length: n }, (_, k) => v + 4 + 4 * k + this.dv.getUint32(v + 4 + 4 * k, true));
  }
  str(t: number, i: number): string | undefined {
    const s = this.ref(t, i);
    if (!s) return undefined;
    return new TextDecoder().decode(this.bytes.subarray(s + 4, s + 4 + this.dv.getUint32(s, true)));
  }
  floats(t: number, i: number): number[] {
    const v = this.ref(t, i);
    return Array.from({ length: v ? this.dv.getUint32(v, true) : 0 }, (_, k) => this.dv.getFloat32(v + 4 + 4 * k, true));
  }
  u8(t: number, i: number): number {
    const p = this.field(t, i);
    return p ? this.bytes[p] : 0;
  }
  u32(t: number, i: number): number {
    const p = this.field(t, i);
    return p ? this.dv.getUint32(p, true) : 0;
  }
  /** Data of the ubyte vector field `i` of table `t`, and the vector's data position. */
  ubytes(t: number, i: number): { at: number; data: Uint8Array } {
    const v = this.ref(t, i);
    const n = this.dv.getUint32(v, true);
    return { at: v + 4, data: this.bytes.subarray(v + 4, v + 4 + n) };
  }
}

interface Inspected {
  inputShape: number[];
  inputType: number;
  outputs: number;
  metadataNames: string[];
  buffers: number;
  metaAt: number;
  mean: number[];
  std: number[];
  colorSpace: number;
  contentType: number;
  outputMeta: number;
  metaIdent: string;
}

/** Parses a TFLite model (schema.fbs) and its TFLITE_METADATA (metadata_schema.fbs). */
function inspectTflite(bytes: Uint8Array): Inspected {
  const m = new Fb(bytes);
  expect(m.ident()).toBe('TFL3');
  const model = m.root();
  // Model: version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata
  expect(m.u32(model, 0)).toBe(3);
  const subgraph = m.vec(model, 2)[0];
  const tensors = m.vec(subgraph, 0);
  const inputIdx = m.ref(subgraph, 1);
  const input = tensors[m.dv.getInt32(inputIdx + 4, true)];
  const shapeAt = m.ref(input, 0);
  const inputShape = Array.from({ length: m.dv.getUint32(shapeAt, true) }, (_, k) => m.dv.getInt32(shapeAt + 4 + 4 * k, true));
  const outputs = m.dv.getUint32(m.ref(subgraph, 2), true);
  const buffers = m.vec(model, 4);
  const metadata = m.vec(model, 6);
  const metadataNames = metadata.map((e) => m.str(e, 0) ?? '');
  const entry = metadata[metadataNames.indexOf('TFLITE_METADATA')];
  expect(entry, 'TFLITE_METADATA entry').toBeDefined();
  const { at, data } = m.ubytes(buffers[m.u32(entry, 1)], 0);

  const md = new Fb(data);
  const root = md.root();
  // ModelMetadata.subgraph_metadata[0].input_tensor_metadata[0]
  const sg = md.vec(root, 3)[0];
  const tensor = md.vec(sg, 2)[0];
  const content = md.ref(tensor, 3);
  const unit = md.vec(tensor, 4)[0];
  expect(md.u8(unit, 0), 'ProcessUnitOptions type').toBe(1); // NormalizationOptions
  const norm = md.ref(unit, 1);
  return {
    inputShape,
    inputType: m.u8(input, 1),
    outputs,
    metadataNames,
    buffers: buffers.length,
    metaAt: at,
    mean: md.floats(norm, 0),
    std: md.floats(norm, 1),
    contentType: md.u8(content, 0),
    colorSpace: md.u8(md.ref(content, 1), 0),
    outputMeta: md.vec(sg, 3).length,
    metaIdent: md.ident(),
  };
}

interface ZipEntry {
  name: string;
  method: number;
  size: number;
  compressedSize: number;
  dataAt: number;
  data: Uint8Array;
}

/** Lists a zip through its central directory, checking each local header against it. */
function readZip(bytes: Uint8Array): ZipEntry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length - 22;
  expect(dv.getUint32(eocd, true)).toBe(0x06054b50);
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(dv.getUint32(p, true)).toBe(0x02014b50);
    const method = dv.getUint16(p + 10, true);
    const compressedSize = dv.getUint32(p + 20, true);
    const size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    expect(dv.getUint32(local, true)).toBe(0x04034b50);
    expect(dv.getUint16(local + 8, true)).toBe(method);
    const dataAt = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    out.push({ name, method, size, compressedSize, dataAt, data: bytes.subarray(dataAt, dataAt + compressedSize) });
  }
  return out;
}

const read = (name: string) => new Uint8Array(readFileSync(join(MODELS, name)));

describe('prepared MediaPipe models', () => {
  beforeAll(() => {
    // The build (npm run vendor) writes them; bring them up to date here too (a no-op when they are).
    execFileSync(process.execPath, [join(ROOT, 'scripts/build/prepare-mediapipe.mjs')]);
    for (const f of FILES) expect(existsSync(join(MODELS, f)), f).toBe(true);
  });

  it('face detectors carry RGB input metadata normalising to [-1, 1]', () => {
    for (const [file, size] of [
      ['face_detector.tflite', 128],
      ['face_detector_full.tflite', 192],
    ] as const) {
      const t = inspectTflite(read(file));
      expect(t.inputShape).toEqual([1, size, size, 3]);
      expect(t.inputType).toBe(0); // FLOAT32: why the Tasks API needs NormalizationOptions
      expect(t.metaIdent).toBe('M001');
      expect(t.metadataNames).toContain('TFLITE_METADATA');
      expect(t.contentType).toBe(2); // ImageProperties
      expect(t.colorSpace).toBe(1); // RGB
      expect(t.mean).toEqual([127.5]);
      expect(t.std).toEqual([127.5]);
      expect(t.outputMeta).toBe(t.outputs);
      expect(t.metaAt % 16, 'metadata buffer alignment').toBe(0);
    }
  });

  it('pose .task files are stored zips of a detector ([-1, 1]) and a landmark model ([0, 1])', () => {
    for (const file of ['pose_landmarker_lite.task', 'pose_landmarker_full.task']) {
      const bytes = read(file);
      const entries = readZip(bytes);
      expect(entries.map((e) => e.name)).toEqual(['pose_detector.tflite', 'pose_landmarks_detector.tflite']);
      for (const e of entries) {
        expect(e.method, `${e.name} compression`).toBe(0);
        expect(e.compressedSize).toBe(e.size);
        expect(e.dataAt % 16, `${e.name} data alignment`).toBe(0);
      }
      const detector = inspectTflite(entries[0].data);
      expect(detector.inputShape).toEqual([1, 224, 224, 3]);
      expect([detector.mean, detector.std]).toEqual([[127.5], [127.5]]);
      expect(detector.metadataNames).toEqual(['min_runtime_version', 'TFLITE_METADATA']); // the original entry kept
      const landmarks = inspectTflite(entries[1].data);
      expect(landmarks.inputShape).toEqual([1, 256, 256, 3]);
      expect([landmarks.mean, landmarks.std]).toEqual([[0], [255]]);
      expect(landmarks.outputs).toBe(5);
      expect(landmarks.outputMeta).toBe(5);
    }
  });

  it('keeps the original networks byte for byte after the prepended header', () => {
    const original = new Uint8Array(readFileSync(join(ROOT, 'node_modules/@mediapipe/face_detection/face_detection_short_range.tflite')));
    const prepared = read('face_detector.tflite');
    const shift = prepared.length - original.length;
    expect(shift % 16).toBe(0);
    expect(Buffer.from(prepared.subarray(shift)).equals(Buffer.from(original))).toBe(true);
  });

  it('is reproducible: a second run writes nothing', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts/build/prepare-mediapipe.mjs')], { encoding: 'utf8' });
    expect(out).toMatch(/: 0 model file\(s\) written/);
  });
});

describe('vision result conversion', () => {
  it('normalises face boxes by the frame size and sorts by score', () => {
    const faces = toFaces(
      [
        { categories: [{ score: 0.6 }], boundingBox: { originX: 10, originY: 20, width: 100, height: 50 }, keypoints: [{ x: 0.1, y: 0.2 }] },
        { categories: [{ score: 0.9 }], boundingBox: { originX: 0, originY: 0, width: 200, height: 100 }, keypoints: [] },
        { categories: [{ score: 0.99 }], keypoints: [] },
      ],
      200,
      100,
    );
    expect(faces).toEqual([
      { box: { x: 0, y: 0, width: 1, height: 1 }, score: 0.9, keypoints: [] },
      { box: { x: 0.05, y: 0.2, width: 0.5, height: 0.5 }, score: 0.6, keypoints: [{ x: 0.1, y: 0.2 }] },
    ]);
  });

  it('keeps landmarks outside the frame and defaults a missing visibility to 0', () => {
    expect(toPoses([[{ x: 0.5, y: 1.4, z: -0.1, visibility: 0.3 }, { x: -0.2, y: 0.5, z: 0 }]])).toEqual([
      { landmarks: [{ x: 0.5, y: 1.4, z: -0.1, visibility: 0.3 }, { x: -0.2, y: 0.5, z: 0, visibility: 0 }] },
    ]);
  });
});
