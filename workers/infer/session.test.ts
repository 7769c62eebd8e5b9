import { describe, expect, it } from 'vitest';
import { LIGHT_MODEL_BYTES, wasmThreadsFor } from './session';

describe('WASM threads for the CNN', () => {
  it('gives a light model one thread on two cores or fewer, a heavy one every core', () => {
    const mobilenet = 7_268_083;
    const resnet50 = 98_000_000;
    expect(mobilenet).toBeLessThanOrEqual(LIGHT_MODEL_BYTES);
    expect(wasmThreadsFor(2, mobilenet)).toBe(1);
    expect(wasmThreadsFor(1, mobilenet)).toBe(1);
    expect(wasmThreadsFor(2, resnet50)).toBe(2);
    expect(wasmThreadsFor(1, resnet50)).toBe(1);
  });

  it('keeps every core up to four on bigger machines, whatever the model', () => {
    expect(wasmThreadsFor(4, 7e6)).toBe(4);
    expect(wasmThreadsFor(16, 7e6)).toBe(4);
    expect(wasmThreadsFor(8, 98e6)).toBe(4);
    expect(wasmThreadsFor(0, 7e6)).toBe(1);
  });
});
