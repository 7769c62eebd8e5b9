import { describe, expect, it } from 'vitest';
import { checkOnnxAgainstCard, checkRunShapes, modelKey, parseModelCard, splitModelKey } from './modelCard';
import type { OnnxInterface } from './onnxGraph';
import type { ModelCard } from './types';

// The app's tsconfig type-checks tests without Node's types, so Node's modules are loaded untyped.
const load = (specifier: string) => import(/* @vite-ignore */ specifier);
const fs = (await load('node:fs')) as { readFileSync(path: string): Uint8Array; readFileSync(path: string, encoding: 'utf8'): string };
const { readFileSync } = fs;

const defaultText = readFileSync('public/models/default.card.json', 'utf8');
const base = JSON.parse(defaultText) as Record<string, unknown> & { input?: Record<string, unknown> };
const withCard = (patch: (c: typeof base) => void): string => {
  const c = structuredClone(base);
  patch(c);
  return JSON.stringify(c);
};
const good = parseModelCard(defaultText).card as ModelCard;
const iface = (over: Partial<OnnxInterface> = {}): OnnxInterface => ({
  irVersion: 8,
  opsets: { '': 17 },
  inputs: [{ name: 'pixels', elemType: 1, dims: ['N', 3, 224, 224] }],
  outputs: [
    { name: 'logits', elemType: 1, dims: ['N', 5] },
    { name: 'cam', elemType: 1, dims: ['N', 5, 7, 7] },
  ],
  ...over,
});

describe('parseModelCard', () => {
  it('accepts the shipped card', () => {
    const r = parseModelCard(defaultText);
    expect(r.problems).toEqual([]);
    expect(r.card?.id).toBe(base.id);
    expect(modelKey(r.card!)).toBe(`${base.id}@${base.version}`);
  });

  it('names each defect', () => {
    const cases: [string, RegExp][] = [
      ['not json {', /not valid JSON/],
      ['[1, 2]', /JSON object/],
      [withCard((c) => delete c.sha256), /`sha256` must be/],
      [withCard((c) => (c.sha256 = 'abc')), /64 hex digits/],
      [withCard((c) => (c.id = 'my model/1')), /`id` must be/],
      [withCard((c) => delete c.version), /`version`/],
      [withCard((c) => (c.file = 'model.pt')), /`file` must name the ONNX/],
      [withCard((c) => (c.classes = ['ECU', 'CU', 'MID', 'LS', 'ELS'])), /Unknown class “MID”/],
      [withCard((c) => (c.classes = ['ECU', 'CU', 'MEDIUM', 'MS', 'ELS'])), /lists MS twice/],
      [withCard((c) => (c.classes = ['ECU'])), /at least two/],
      [withCard((c) => delete c.input!.mean), /`input.mean` is missing/],
      [withCard((c) => delete c.input!.std), /`input.std` is missing/],
      [withCard((c) => (c.input!.std = [0.5, 0, 0.5])), /`input.std` must be positive/],
      [withCard((c) => (c.input!.mean = [0.5, 0.5])), /`input.mean` must be three numbers/],
      [withCard((c) => delete c.input!.name), /`input.name` is missing/],
      [withCard((c) => (c.input!.width = 0)), /`input.width`/],
      [withCard((c) => (c.input!.resize = 'stretch')), /letterboxes/],
      [withCard((c) => delete c.input), /`input` is missing/],
      [withCard((c) => (c.outputs = { logits: 'logits' })), /`outputs` must name/],
    ];
    for (const [text, re] of cases) {
      const r = parseModelCard(text);
      expect(r.card, text.slice(0, 60)).toBeNull();
      expect(r.problems.join(' '), text.slice(0, 60)).toMatch(re);
    }
  });

  it('reports every problem at once', () => {
    const r = parseModelCard(withCard((c) => {
      delete c.input!.mean;
      c.classes = ['ECU', 'XL'];
    }));
    expect(r.problems).toHaveLength(2);
  });

  it('splits a saved analysis’ model key at its last @', () => {
    expect(splitModelKey('lab@resnet@2.0')).toEqual({ id: 'lab@resnet', version: '2.0' });
  });
});

describe('checkOnnxAgainstCard', () => {
  it('accepts a model that follows its card, symbolic dimensions included', () => {
    expect(checkOnnxAgainstCard(good, iface())).toEqual([]);
    expect(checkOnnxAgainstCard(good, iface({ outputs: [{ name: 'logits', elemType: 1, dims: ['N', 5] }, { name: 'cam', elemType: 1, dims: ['N', 5, 'h', 'w'] }] }))).toEqual([]);
  });

  it('names a wrong input name, shape, type or batch', () => {
    expect(checkOnnxAgainstCard(good, iface({ inputs: [{ name: 'images', elemType: 1, dims: ['N', 3, 224, 224] }] })).join()).toMatch(/input is named “images” but the card’s `input.name` says “pixels”/);
    expect(checkOnnxAgainstCard(good, iface({ inputs: [{ name: 'pixels', elemType: 1, dims: ['N', 3, 256, 256] }] })).join()).toMatch(/shape \[N, 3, 256, 256\], but the card says \[N, 3, 224, 224\]/);
    expect(checkOnnxAgainstCard(good, iface({ inputs: [{ name: 'pixels', elemType: 10, dims: ['N', 3, 224, 224] }] })).join()).toMatch(/float16; it must be float32/);
    expect(checkOnnxAgainstCard(good, iface({ inputs: [{ name: 'pixels', elemType: 1, dims: [1, 3, 224, 224] }] })).join()).toMatch(/fixed batch of 1/);
    expect(checkOnnxAgainstCard(good, iface({ inputs: [] })).join()).toMatch(/takes 0 inputs/);
  });

  it('names a missing output and outputs whose class count disagrees with the card', () => {
    expect(checkOnnxAgainstCard(good, iface({ outputs: [{ name: 'logits', elemType: 1, dims: ['N', 5] }] })).join()).toMatch(/no output named “cam”.*outputs are “logits”/);
    const seven = checkOnnxAgainstCard(good, iface({ outputs: [{ name: 'logits', elemType: 1, dims: ['N', 7] }, { name: 'cam', elemType: 1, dims: ['N', 7, 7, 7] }] }));
    expect(seven).toHaveLength(2);
    expect(seven[0]).toMatch(/“logits” has shape \[N, 7\], but the card lists 5 classes/);
    expect(checkOnnxAgainstCard({ ...good, camShape: [7, 7] }, iface({ outputs: [{ name: 'logits', elemType: 1, dims: ['N', 5] }, { name: 'cam', elemType: 1, dims: ['N', 5, 14, 14] }] })).join()).toMatch(/camShape 7 × 7/);
  });
});

describe('checkRunShapes', () => {
  it('checks what one frame really gave', () => {
    expect(checkRunShapes(good, [1, 5], [1, 5, 7, 7])).toEqual([]);
    expect(checkRunShapes(good, [1, 4], [1, 5, 7, 7]).join()).toMatch(/came out \[1, 4\]/);
    expect(checkRunShapes(good, [1, 5], [1, 5, 49]).join()).toMatch(/“cam” came out \[1, 5, 49\]/);
  });
});
