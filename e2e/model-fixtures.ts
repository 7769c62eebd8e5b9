import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { varint } from '../src/shared/protobufTestSupport';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MODELS = join(ROOT, 'public', 'models');

/** True when python3 with torch and onnx is installed (the training pipeline can run). */
export function canTrain(): boolean {
  return spawnSync('python3', ['-c', 'import torch, onnx, onnxruntime, PIL'], { stdio: 'ignore' }).status === 0;
}

/**
 * Trains the training pipeline's `arch` (resnet50 | densenet121; random-init backbone, frozen,
 * linear CAM head) for a moment on a few generated stills and exports it with its card into
 * `dir`; returns the card's path. Nothing of it is shipped or committed.
 */
export function trainModel(arch: 'resnet50' | 'densenet121', dir: string): string {
  mkdirSync(dir, { recursive: true });
  const data = join(dir, 'data');
  const made = spawnSync('python3', ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(join(ROOT, 'training', 'tests'))}); from synth import make_dataset; print(make_dataset(${JSON.stringify(data)}, per_class=2))`], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`generating stills failed: ${made.stderr}`);
  const id = `lab-${arch}`;
  const args = [join(ROOT, 'training', 'train.py'), '--data', join(data, 'labels.csv'), '--arch', arch, '--out', dir, '--name', `${id}.onnx`, '--card', `${id}.card.json`, '--id', id, '--model-version', '0.1.0', '--views', '0', '--folds', '0', '--cache', '', '--no-bench', '--threads', '2'];
  const run = spawnSync('python3', args, { encoding: 'utf8', cwd: ROOT });
  if (run.status !== 0) throw new Error(`training ${arch} failed: ${run.stderr.slice(-2000)}`);
  return join(dir, `${id}.card.json`);
}

/** The labelled stills trainModel generated (a `path,label` CSV). */
export function trainingLabels(dir: string): string {
  return join(dir, 'data', 'labels.csv');
}

// Protobuf plumbing to take one output out of an ONNX graph (re-encoding the lengths around it).
function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (;;) {
    const b = buf[pos++];
    v += (b & 0x7f) * mul;
    if (!(b & 0x80)) return [v, pos];
    mul *= 128;
  }
}

/** The message's fields as raw slices (key bytes + payload), with their number and payload. */
function rawFields(buf: Uint8Array): { no: number; raw: Uint8Array; payload: Uint8Array }[] {
  const out: { no: number; raw: Uint8Array; payload: Uint8Array }[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const wire = key % 8;
    let payload: Uint8Array = new Uint8Array(0);
    if (wire === 0) pos = readVarint(buf, pos)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      payload = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else throw new Error(`wire type ${wire}`);
    out.push({ no: Math.floor(key / 8), raw: buf.subarray(start, pos), payload });
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The ONNX model without the graph output named `name` (the node still computes it; nobody reads it). */
export function withoutOutput(onnx: Uint8Array, name: string): Uint8Array {
  const parts = rawFields(onnx).map((f) => {
    if (f.no !== 7) return f.raw;
    const graph = concat(
      rawFields(f.payload)
        .filter((g) => !(g.no === 12 && new TextDecoder().decode(rawFields(g.payload).find((v) => v.no === 1)?.payload) === name))
        .map((g) => g.raw),
    );
    return concat([new Uint8Array(varint(7 * 8 + 2)), new Uint8Array(varint(graph.length)), graph]);
  });
  return concat(parts);
}

/** The ONNX model with every occurrence of the name `from` renamed to `to` (same length). */
export function renamed(onnx: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error('names must have the same length');
  const out = new Uint8Array(onnx);
  const a = new TextEncoder().encode(from);
  const b = new TextEncoder().encode(to);
  for (let i = 0; i + a.length <= out.length; i++) {
    if (a.every((x, j) => out[i + j] === x)) out.set(b, i);
  }
  return out;
}

/** A defective model: the files to drop and what the app must say about it. */
export interface BadModel {
  what: string;
  files: string[];
  says: RegExp[];
}

/**
 * Writes one defective model per kind of defect into `dir`, each derived from the shipped model
 * and its card (a fresh id each, so none is refused only for being a duplicate).
 */
export function makeBadModels(dir: string): BadModel[] {
  mkdirSync(dir, { recursive: true });
  const card = JSON.parse(readFileSync(join(MODELS, 'default.card.json'), 'utf8')) as Record<string, unknown> & { input: Record<string, unknown>; file: string };
  const onnxPath = join(MODELS, card.file);
  const onnx = new Uint8Array(readFileSync(onnxPath));
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const out: BadModel[] = [];
  const add = (what: string, says: RegExp[], patchCard: ((c: typeof card) => void) | null, onnxBytes: Uint8Array | null = null, cardText?: string) => {
    const stem = what.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    const onnxFile = join(dir, `${stem}.onnx`);
    if (onnxBytes) writeFileSync(onnxFile, onnxBytes);
    else if (!existsSync(onnxFile)) copyFileSync(onnxPath, onnxFile);
    const c = structuredClone(card);
    c.id = `bad-${stem}`;
    c.file = `${stem}.onnx`;
    c.sha256 = sha(onnxBytes ?? onnx);
    delete c.bytes;
    patchCard?.(c);
    const cardFile = join(dir, `${stem}.card.json`);
    writeFileSync(cardFile, cardText ?? JSON.stringify(c, null, 1));
    out.push({ what, files: [cardFile, onnxFile], says });
  };
  add('card is not JSON', [/The card is not valid JSON/], null, null, '{"id": "half a card", "classes": [');
  add('mean and std missing', [/input\.mean is missing/, /input\.std is missing/], (c) => {
    delete c.input.mean;
    delete c.input.std;
  });
  add('unknown class', [/Unknown class “MID”/], (c) => (c.classes = ['ECU', 'CU', 'MID', 'LS', 'ELS']));
  add('sha256 does not match', [/SHA-256 is [0-9a-f]{16}…, but the card’s sha256 says 0{16}…/], (c) => (c.sha256 = '0'.repeat(64)));
  add('input named otherwise', [/The ONNX input is named “images” but the card’s input\.name says “pixels”/], null, renamed(onnx, 'pixels', 'images'));
  add('input size differs', [/has shape \[N, 3, 224, 224\], but the card says \[N, 3, 256, 256\]/], (c) => {
    c.input.height = 256;
    c.input.width = 256;
  });
  add('no cam output', [/no output named “cam”.*its outputs are “logits”/], null, withoutOutput(onnx, 'cam'));
  add('classes disagree with logits', [/“logits” has shape \[N, 5\], but the card lists 4 classes/], (c) => (c.classes = ['ECU', 'CU', 'MEDIUM', 'LS']));
  add('not an ONNX file', [/not a readable ONNX model/], null, new TextEncoder().encode('I am a text file named .onnx, not a network.\n'.repeat(20)));
  out.push({ what: 'ONNX without its card', files: [join(dir, 'unknown-class.onnx')], says: [/Only an ONNX file was given/] });
  out.push({ what: 'card without its ONNX', files: [join(dir, 'unknown-class.card.json')], says: [/Only a card was given/] });
  return out;
}
