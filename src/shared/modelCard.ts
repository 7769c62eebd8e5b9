// The model contract (docs/design.md, "Model contract"): what a card must say, and whether an ONNX
// file and its run-time outputs agree with it. Every check returns sentences naming what is wrong.
import { ONNX_FLOAT, ONNX_TYPE_NAMES, type OnnxDim, type OnnxInterface } from './onnxGraph';
import { COARSE_GROUPS, isScaleCode, type ScaleCode } from './taxonomy';
import type { ModelCard } from './types';

/** A card read from JSON: the card when it can be used, and every problem found. */
export interface CardCheck {
  card: ModelCard | null;
  problems: string[];
}

/** The ONNX input name a card declares (`input.name`, else the older top-level `inputName`). */
export function cardInputName(card: Pick<ModelCard, 'input' | 'inputName'>): string {
  return card.input.name ?? card.inputName ?? 'pixels';
}

/** The key a model is stored and selected under: `id@version`. */
export function modelKey(card: Pick<ModelCard, 'id' | 'version'>): string {
  return `${card.id}@${card.version}`;
}

/** Splits a `id@version` key (as saved analyses record it) into id and version. */
export function splitModelKey(key: string): { id: string; version: string } {
  const at = key.lastIndexOf('@');
  return at < 0 ? { id: key, version: '' } : { id: key.slice(0, at), version: key.slice(at + 1) };
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isTriple(x: unknown): x is [number, number, number] {
  return Array.isArray(x) && x.length === 3 && x.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** The codes a model class stands for, or null when taxonomy.ts does not know it. */
function classMembers(name: string): ScaleCode[] | null {
  const t = name.toUpperCase();
  if (isScaleCode(t)) return [t];
  return COARSE_GROUPS[t] ? [...COARSE_GROUPS[t].members] : null;
}

function checkClasses(classes: unknown, problems: string[]): void {
  if (!Array.isArray(classes) || classes.length < 2 || !classes.every((c) => typeof c === 'string')) {
    problems.push('`classes` must list the model’s output classes in order, at least two codes (e.g. ["ECU", "CU", "MEDIUM", "LS", "ELS"]).');
    return;
  }
  const known = `ECU, CU, MCU, MS, MLS, LS, ELS, NA or a group (${Object.keys(COARSE_GROUPS).join(', ')})`;
  const unknown = classes.filter((c) => classMembers(c) === null);
  if (unknown.length) problems.push(`Unknown class${unknown.length > 1 ? 'es' : ''} ${unknown.map((c) => `“${c}”`).join(', ')} in \`classes\`: each must be ${known}.`);
  const seen = new Map<ScaleCode, string>();
  for (const c of classes) {
    for (const code of classMembers(c) ?? []) {
      const before = seen.get(code);
      if (before !== undefined) problems.push(`\`classes\` lists ${code} twice (in “${before}” and “${c}”).`);
      seen.set(code, c);
    }
  }
}

function checkInput(input: unknown, top: Record<string, unknown>, problems: string[]): void {
  if (!isObject(input)) {
    problems.push('`input` is missing: it gives the input name, height, width, mean and std.');
    return;
  }
  const name = input.name ?? top.inputName;
  if (typeof name !== 'string' || name === '') problems.push('`input.name` is missing: the name of the ONNX input (the contract uses “pixels”).');
  for (const side of ['height', 'width'] as const) {
    const v = input[side];
    if (!(Number.isInteger(v) && (v as number) >= 16 && (v as number) <= 4096)) problems.push(`\`input.${side}\` must be a whole number of pixels between 16 and 4096 (got ${JSON.stringify(v)}).`);
  }
  for (const key of ['mean', 'std'] as const) {
    const v = input[key];
    if (v === undefined) problems.push(`\`input.${key}\` is missing: three numbers, one per RGB channel, applied to pixel values divided by 255.`);
    else if (!isTriple(v)) problems.push(`\`input.${key}\` must be three numbers (R, G, B), got ${JSON.stringify(v)}.`);
    else if (key === 'std' && v.some((s) => s <= 0)) problems.push(`\`input.std\` must be positive (got ${JSON.stringify(v)}).`);
  }
  if (input.resize !== undefined && input.resize !== 'letterbox') problems.push(`\`input.resize\` “${String(input.resize)}” is not supported: Shotscale letterboxes every frame (aspect ratio kept, black bars).`);
  if (input.pad !== undefined && !(isTriple(input.pad) && input.pad.every((v) => v === 0))) problems.push(`\`input.pad\` must be [0, 0, 0] (black bars), got ${JSON.stringify(input.pad)}.`);
  if (input.layout !== undefined && input.layout !== 'NCHW') problems.push(`\`input.layout\` must be NCHW, got “${String(input.layout)}”.`);
  if (input.color !== undefined && input.color !== 'RGB') problems.push(`\`input.color\` must be RGB, got “${String(input.color)}”.`);
}

/** Reads and checks a model card's JSON text against the contract. */
export function parseModelCard(text: string): CardCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { card: null, problems: [`The card is not valid JSON (${(err as Error).message}).`] };
  }
  if (!isObject(raw)) return { card: null, problems: ['The card must be a JSON object.'] };
  const problems: string[] = [];
  if (typeof raw.id !== 'string' || !ID_PATTERN.test(raw.id)) problems.push(`\`id\` must be 1–80 letters, digits, “.”, “_” or “-”, starting with a letter or digit (got ${JSON.stringify(raw.id)}).`);
  if (typeof raw.version !== 'string' || raw.version.trim() === '' || raw.version.length > 40) problems.push(`\`version\` must be a short text such as "1.0.0" (got ${JSON.stringify(raw.version)}).`);
  if (typeof raw.file !== 'string' || !/\.onnx$/i.test(raw.file)) problems.push(`\`file\` must name the ONNX file (a name ending in .onnx), got ${JSON.stringify(raw.file)}.`);
  if (typeof raw.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(raw.sha256)) problems.push(`\`sha256\` must be the ONNX file’s SHA-256 as 64 hex digits (got ${JSON.stringify(raw.sha256)}).`);
  if (raw.bytes !== undefined && !(Number.isInteger(raw.bytes) && (raw.bytes as number) > 0)) problems.push(`\`bytes\` must be the ONNX file’s size in bytes (got ${JSON.stringify(raw.bytes)}).`);
  checkClasses(raw.classes, problems);
  checkInput(raw.input, raw, problems);
  const outputs = raw.outputs;
  if (!isObject(outputs) || typeof outputs.logits !== 'string' || typeof outputs.cam !== 'string' || !outputs.logits || !outputs.cam) {
    problems.push('`outputs` must name the two ONNX outputs: {"logits": "logits", "cam": "cam"}.');
  }
  if (raw.camShape !== undefined && !(Array.isArray(raw.camShape) && raw.camShape.length === 2 && raw.camShape.every((v) => Number.isInteger(v) && v > 0))) {
    problems.push(`\`camShape\` must be [height, width] of the CAM (got ${JSON.stringify(raw.camShape)}).`);
  }
  if (problems.length) return { card: null, problems };
  const card = raw as unknown as ModelCard;
  return { card: { ...card, sha256: card.sha256.toLowerCase() }, problems };
}

function shapeText(dims: readonly OnnxDim[]): string {
  return `[${dims.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** True when a declared dimension is a number other than `want`. */
function fixedOther(d: OnnxDim | undefined, want: number): boolean {
  return typeof d === 'number' && d !== want;
}

/** Where the ONNX file's declared inputs and outputs disagree with its card. */
export function checkOnnxAgainstCard(card: ModelCard, onnx: OnnxInterface): string[] {
  const problems: string[] = [];
  const k = card.classes.length;
  const inputName = cardInputName(card);
  const { height, width } = card.input;
  if (onnx.inputs.length !== 1) {
    problems.push(`The ONNX model takes ${onnx.inputs.length} inputs (${onnx.inputs.map((v) => `“${v.name}”`).join(', ') || 'none'}); Shotscale feeds exactly one, “${inputName}”.`);
  }
  const input = onnx.inputs.find((v) => v.name === inputName);
  if (!input && onnx.inputs.length === 1) problems.push(`The ONNX input is named “${onnx.inputs[0].name}” but the card’s \`input.name\` says “${inputName}”.`);
  if (input) {
    if (input.elemType !== ONNX_FLOAT) problems.push(`The ONNX input “${inputName}” is ${ONNX_TYPE_NAMES[input.elemType] ?? `type ${input.elemType}`}; it must be float32.`);
    const d = input.dims;
    if (d && (d.length !== 4 || fixedOther(d[1], 3) || fixedOther(d[2], height) || fixedOther(d[3], width))) {
      problems.push(`The ONNX input “${inputName}” has shape ${shapeText(d)}, but the card says [N, 3, ${height}, ${width}] (input.height × input.width = ${height} × ${width}).`);
    } else if (d && typeof d[0] === 'number' && d[0] === 1) {
      problems.push(`The ONNX input “${inputName}” has a fixed batch of 1; Shotscale sends batches of frames, so export it with a dynamic first dimension (dynamic_axes {"${inputName}": {0: "N"}}).`);
    }
  }
  const names = onnx.outputs.map((v) => `“${v.name}”`).join(', ') || 'none';
  const logits = onnx.outputs.find((v) => v.name === card.outputs.logits);
  const cam = onnx.outputs.find((v) => v.name === card.outputs.cam);
  if (!logits) problems.push(`The ONNX model has no output named “${card.outputs.logits}” (the card’s outputs.logits); its outputs are ${names}.`);
  if (!cam) problems.push(`The ONNX model has no output named “${card.outputs.cam}” (the card’s outputs.cam); its outputs are ${names}.`);
  if (logits?.dims && (logits.dims.length !== 2 || fixedOther(logits.dims[1], k))) {
    problems.push(`The ONNX output “${logits.name}” has shape ${shapeText(logits.dims)}, but the card lists ${k} classes: it must be [N, ${k}].`);
  }
  if (cam?.dims) {
    const [h, w] = card.camShape ?? [null, null];
    if (cam.dims.length !== 4 || fixedOther(cam.dims[1], k) || (h !== null && fixedOther(cam.dims[2], h)) || (w !== null && fixedOther(cam.dims[3], w))) {
      problems.push(`The ONNX output “${cam.name}” has shape ${shapeText(cam.dims)}, but the card lists ${k} classes${h !== null ? ` and camShape ${h} × ${w}` : ''}: it must be [N, ${k}, ${h ?? 'h'}, ${w ?? 'w'}].`);
    }
  }
  for (const v of [logits, cam]) if (v && v.elemType !== 0 && v.elemType !== ONNX_FLOAT) problems.push(`The ONNX output “${v.name}” is ${ONNX_TYPE_NAMES[v.elemType] ?? `type ${v.elemType}`}; it must be float32.`);
  return problems;
}

/** Where the shapes a real run of one frame gave disagree with the card. */
export function checkRunShapes(card: ModelCard, logitsDims: readonly number[], camDims: readonly number[]): string[] {
  const k = card.classes.length;
  const problems: string[] = [];
  if (logitsDims.length !== 2 || logitsDims[0] !== 1 || logitsDims[1] !== k) {
    problems.push(`Run on one frame, the output “${card.outputs.logits}” came out ${shapeText(logitsDims)}; with ${k} classes it must be [1, ${k}].`);
  }
  const [h, w] = card.camShape ?? [null, null];
  if (camDims.length !== 4 || camDims[0] !== 1 || camDims[1] !== k || !(camDims[2] >= 1 && camDims[3] >= 1) || (h !== null && (camDims[2] !== h || camDims[3] !== w))) {
    problems.push(`Run on one frame, the output “${card.outputs.cam}” came out ${shapeText(camDims)}; it must be [1, ${k}, ${h ?? 'h'}, ${w ?? 'w'}].`);
  }
  return problems;
}
