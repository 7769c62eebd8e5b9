import { describe, expect, it } from 'vitest';
import { addStageMs, emptyStageMs, slowestStage, STAGES } from './stageTimes';

describe('stage times', () => {
  it('start at zero for every stage', () => {
    const ms = emptyStageMs();
    expect(Object.keys(ms)).toEqual([...STAGES]);
    expect(Object.values(ms).every((v) => v === 0)).toBe(true);
  });

  it('add parts and ignore bad values', () => {
    const ms = emptyStageMs();
    addStageMs(ms, { cnn: 10, vision: 5 });
    addStageMs(ms, { cnn: 2.5, storage: Number.NaN, fusion: -3, decode: Infinity });
    expect(ms.cnn).toBe(12.5);
    expect(ms.vision).toBe(5);
    expect(ms.storage).toBe(0);
    expect(ms.fusion).toBe(0);
    expect(ms.decode).toBe(0);
  });

  it('name the slowest stage, counting the decode worker as one and ignoring waits', () => {
    const ms = addStageMs(emptyStageMs(), { decode: 600, cuts: 300, render: 200, cnn: 1000, decodeWait: 5000 });
    expect(slowestStage(ms, 60)).toEqual({ stage: 'decoder', ms: 1100, framesPerSec: 60 / 1.1 });
    addStageMs(ms, { vision: 2000 });
    expect(slowestStage(ms, 60).stage).toBe('vision');
    expect(slowestStage(ms, 60).framesPerSec).toBeCloseTo(30);
  });

  it('report infinite throughput when nothing was timed', () => {
    expect(slowestStage(emptyStageMs(), 10).framesPerSec).toBe(Infinity);
  });
});
