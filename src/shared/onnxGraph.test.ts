import { describe, expect, it } from 'vitest';
import { OnnxFormatError, readOnnxInterface } from './onnxGraph';
import { varint } from './protobufTestSupport';

// The app's tsconfig type-checks tests without Node's types, so Node's modules are loaded untyped.
const load = (specifier: string) => import(/* @vite-ignore */ specifier);
const fs = (await load('node:fs')) as { readFileSync(path: string): Uint8Array; readFileSync(path: string, encoding: 'utf8'): string };
const { readFileSync } = fs;

/** Protobuf encoding for the tests: a field is [number, value]; strings/bytes/messages are length-delimited. */
type Msg = [number, number | string | Uint8Array | Msg][];
function encode(msg: Msg): Uint8Array {
  const out: number[] = [];
  for (const [no, v] of msg) {
    if (typeof v === 'number') out.push(...varint(no * 8), ...varint(v));
    else {
      const body = typeof v === 'string' ? new TextEncoder().encode(v) : v instanceof Uint8Array ? v : encode(v);
      out.push(...varint(no * 8 + 2), ...varint(body.length), ...body);
    }
  }
  return new Uint8Array(out);
}
const dim = (d: number | string): Msg => [[typeof d === 'number' ? 1 : 2, d]];
const valueInfo = (name: string, dims: (number | string)[], elem = 1): Msg => [
  [1, name],
  [2, [[1, [[1, elem], [2, dims.map((d) => [1, dim(d)] as [number, Msg])]]]]],
];

describe('readOnnxInterface', () => {
  it('reads the shipped model’s input and outputs with their declared shapes', () => {
    const onnx = readOnnxInterface(readFileSync('public/models/shotscale-mnv1.onnx'));
    expect(onnx.irVersion).toBeGreaterThanOrEqual(7);
    expect(onnx.opsets['']).toBe(17);
    expect(onnx.inputs).toEqual([{ name: 'pixels', elemType: 1, dims: ['N', 3, 224, 224] }]);
    expect(onnx.outputs.map((o) => o.name)).toEqual(['logits', 'cam']);
    expect(onnx.outputs[0].dims).toEqual(['N', 5]);
    expect(onnx.outputs[1].dims?.length).toBe(4);
  });

  it('leaves out weights listed as inputs (IR 3) and keeps symbolic and unset dimensions', () => {
    const bytes = encode([
      [1, 3],
      [
        7,
        [
          [5, [[8, 'w'], [9, new Uint8Array(1000)]]],
          [11, valueInfo('images', ['batch', 3, 256, 256])],
          [11, valueInfo('w', [8, 3, 1, 1])],
          [12, [[1, 'scores'], [2, [[1, [[1, 1], [2, [[1, []]]]]]]]]],
        ],
      ],
      [8, [[1, ''], [2, 11]]],
    ]);
    const onnx = readOnnxInterface(bytes);
    expect(onnx.inputs).toEqual([{ name: 'images', elemType: 1, dims: ['batch', 3, 256, 256] }]);
    expect(onnx.outputs).toEqual([{ name: 'scores', elemType: 1, dims: [null] }]);
    expect(onnx.opsets).toEqual({ '': 11 });
  });

  it('refuses what is not an ONNX model: text, an empty file, a file cut short', () => {
    expect(() => readOnnxInterface(new TextEncoder().encode('{"id": "not a model"}'))).toThrow(OnnxFormatError);
    expect(() => readOnnxInterface(new Uint8Array(0))).toThrow(/no ONNX graph/);
    const whole = readFileSync('public/models/shotscale-mnv1.onnx');
    expect(() => readOnnxInterface(whole.subarray(0, whole.length >> 1))).toThrow(/cut short/);
  });
});
