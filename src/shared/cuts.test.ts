import { describe, expect, it } from 'vitest';
import { CutDetector, frameSignature, SIGNATURE_HEIGHT, SIGNATURE_LENGTH, SIGNATURE_WIDTH } from './cuts';
import { mulberry32 } from './random';
import type { Transition } from './shotTypes';

const W = SIGNATURE_WIDTH;
const H = SIGNATURE_HEIGHT;
type Rgb = [number, number, number];
type Scene = (x: number, y: number) => Rgb;

/** A textured scene: a base colour plus sinusoids at several scales and orientations, defined everywhere. */
function scene(seed: number): Scene {
  const rnd = mulberry32(seed);
  const base: Rgb = [40 + rnd() * 150, 40 + rnd() * 150, 40 + rnd() * 150];
  const waves = Array.from({ length: 8 }, () => ({
    fx: (rnd() * 2 - 1) * 0.5,
    fy: (rnd() * 2 - 1) * 0.5,
    phase: rnd() * 2 * Math.PI,
    amp: 15 + rnd() * 30,
    mix: [rnd() * 2 - 1, rnd() * 2 - 1, rnd() * 2 - 1],
  }));
  return (x, y) => {
    const c: Rgb = [...base];
    for (const w of waves) {
      const v = w.amp * Math.sin(w.fx * x + w.fy * y + w.phase);
      c[0] += v * w.mix[0];
      c[1] += v * w.mix[1];
      c[2] += v * w.mix[2];
    }
    return c;
  };
}

/** The scene seen through a W×H window at (dx, dy), with ±4 of per-pixel noise (compression). */
function render(sc: Scene, dx: number, dy = 0, noiseSeed = 0): Uint8ClampedArray {
  const rnd = mulberry32(noiseSeed);
  const out = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const c = sc(x + dx, y + dy);
      const i = (y * W + x) * 4;
      out[i] = c[0] + (rnd() - 0.5) * 8;
      out[i + 1] = c[1] + (rnd() - 0.5) * 8;
      out[i + 2] = c[2] + (rnd() - 0.5) * 8;
      out[i + 3] = 255;
    }
  }
  return out;
}

/** n frames of a shot whose camera drifts 7 px a second. */
function shot(sc: Scene, n: number, seed: number, framesPerSec = 24): Uint8ClampedArray[] {
  return Array.from({ length: n }, (_, i) => render(sc, (7 * i) / framesPerSec, 0, seed * 10000 + i));
}

/** (1 - alpha)·a + alpha·b, pixel by pixel. */
function blend(a: Uint8ClampedArray, b: Uint8ClampedArray, alpha: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (1 - alpha) * a[i] + alpha * b[i];
  return out;
}

/** The frame with gain applied to every colour (0: black) and offset added. */
function light(f: Uint8ClampedArray, gain: number, offset = 0): Uint8ClampedArray {
  const out = new Uint8ClampedArray(f.length);
  for (let i = 0; i < f.length; i++) out[i] = (i & 3) === 3 ? 255 : f[i] * gain + offset;
  return out;
}

function run(frames: Uint8ClampedArray[], options: { firstIndex?: number; framesPerSec?: number } = {}): Transition[] {
  const fps = options.framesPerSec ?? 24;
  const detector = new CutDetector({ framesPerSec: fps });
  const found: Transition[] = [];
  frames.forEach((f, i) => {
    const index = (options.firstIndex ?? 0) + i;
    found.push(...detector.push(index, index / fps, frameSignature(f, W, H)));
  });
  found.push(...detector.finish());
  return found;
}

/**
 * The detector as the skipping scan feeds it (workers/decode/cutScan.ts): the frames where `left`
 * is true are not decoded, and get the blend of their decoded neighbours' signatures, marked interpolated.
 */
function runLeavingOut(frames: Uint8ClampedArray[], left: (i: number) => boolean): Transition[] {
  const detector = new CutDetector({ framesPerSec: 24 });
  const sigs = frames.map((f) => frameSignature(f, W, H));
  const found: Transition[] = [];
  sigs.forEach((sig, i) => {
    const out = left(i) && i > 0 && i + 1 < sigs.length && !left(i - 1) && !left(i + 1);
    const pushed = out ? sig.map((_, k) => 0.5 * (sigs[i - 1][k] + sigs[i + 1][k])) : sig;
    found.push(...detector.push(i, i / 24, pushed, out));
  });
  found.push(...detector.finish());
  return found;
}

const sceneA = scene(1);
const sceneB = scene(2);
const sceneC = scene(3);

describe('frameSignature', () => {
  it('has a fixed length and reads RGB as RGBA', () => {
    const rgba = render(sceneA, 0);
    const rgb = new Uint8Array(W * H * 3);
    for (let p = 0; p < W * H; p++) rgb.set(rgba.subarray(4 * p, 4 * p + 3), 3 * p);
    const a = frameSignature(rgba, W, H);
    expect(a).toHaveLength(SIGNATURE_LENGTH);
    expect(Array.from(frameSignature(rgb, W, H, 3))).toEqual(Array.from(a));
  });

  it('gives a black frame zero mean and spread, and rejects frames too small or short', () => {
    const sig = frameSignature(new Uint8ClampedArray(W * H * 4), W, H);
    expect(sig[SIGNATURE_LENGTH - 2]).toBe(0);
    expect(sig[SIGNATURE_LENGTH - 1]).toBe(0);
    expect(() => frameSignature(new Uint8ClampedArray(8 * 4 * 4), 8, 4)).toThrow(RangeError);
    expect(() => frameSignature(new Uint8ClampedArray(10), W, H)).toThrow(RangeError);
  });

  it('costs well under a millisecond per frame', () => {
    const frames = shot(sceneA, 50, 1);
    const perFrameMs: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      for (const f of frames) frameSignature(f, W, H);
      perFrameMs.push((performance.now() - t0) / frames.length);
    }
    perFrameMs.sort((a, b) => a - b);
    expect(perFrameMs[3]).toBeLessThan(0.5);
  });
});

describe('CutDetector', () => {
  it('finds a hard cut at its first frame, in the caller’s frame numbers', () => {
    const found = run([...shot(sceneA, 60, 1), ...shot(sceneB, 60, 2)], { firstIndex: 1000 });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'cut', startFrame: 1060, endFrame: 1060, shotStartFrame: 1060 });
  });

  it('finds every cut of a sequence of short shots', () => {
    const found = run([...shot(sceneA, 30, 1), ...shot(sceneB, 12, 2), ...shot(sceneC, 40, 3), ...shot(sceneA, 30, 4)]);
    expect(found.map((t) => [t.kind, t.shotStartFrame])).toEqual([['cut', 30], ['cut', 42], ['cut', 82]]);
  });

  it('reports a dissolve with the span it blends over and the new shot in its middle', () => {
    const a = shot(sceneA, 76, 1);
    const b = shot(sceneB, 76, 2);
    const frames = [...a.slice(0, 60), ...Array.from({ length: 16 }, (_, i) => blend(a[60 + i], b[i], (i + 1) / 17)), ...b.slice(16)];
    const found = run(frames);
    expect(found).toHaveLength(1);
    const [t] = found;
    expect(t.kind).toBe('dissolve');
    expect(t.startFrame).toBeGreaterThanOrEqual(58);
    expect(t.startFrame).toBeLessThanOrEqual(64);
    expect(t.endFrame).toBeGreaterThanOrEqual(71);
    expect(t.endFrame).toBeLessThanOrEqual(77);
    expect(t.shotStartFrame).toBeGreaterThanOrEqual(65);
    expect(t.shotStartFrame).toBeLessThanOrEqual(71);
  });

  it('finds a dissolve followed within a few frames by a flash, and not the flash', () => {
    // Grey, gently moving, grainy shots (old film), and a flash to white 6 frames after the blend
    // ends: the windows that end on the flash measure the flash, and must not outrank the
    // dissolve's own (found on a 1920s film, 7 Dec).
    const grey = (seed: number, n: number, dx0: number) => {
      const rnd = mulberry32(seed);
      const base = 60 + rnd() * 100;
      const waves = Array.from({ length: 6 }, () => ({ a: 20 + rnd() * 60, fx: rnd() * 0.3, fy: rnd() * 0.3, p: rnd() * 6 }));
      return Array.from({ length: n }, (_, t) => {
        const noise = mulberry32(seed * 7 + t);
        const out = new Uint8ClampedArray(W * H * 4);
        for (let y = 0; y < H; y++) {
          for (let x = 0; x < W; x++) {
            let v = base;
            for (const w of waves) v += w.a * Math.sin(w.fx * (x + dx0 + t * 0.5) + w.fy * y + w.p);
            v += (noise() - 0.5) * 8;
            const k = (y * W + x) * 4;
            out[k] = out[k + 1] = out[k + 2] = v;
            out[k + 3] = 255;
          }
        }
        return out;
      });
    };
    const a = grey(1, 72, 0);
    const b = grey(2, 90, 40);
    const frames = [...a.slice(0, 60), ...Array.from({ length: 12 }, (_, i) => blend(a[60 + i], b[i], (i + 1) / 13)), ...b.slice(12)];
    frames[78] = light(frames[78], 2, 200);
    const found = run(frames);
    expect(found.map((t) => t.kind)).toEqual(['dissolve']);
    expect(found[0].startFrame).toBeGreaterThanOrEqual(57);
    expect(found[0].endFrame).toBeLessThanOrEqual(74);
  });

  it('reports a wipe as a wipe', () => {
    const a = shot(sceneA, 72, 1);
    const b = shot(sceneB, 72, 2);
    const wipe = Array.from({ length: 12 }, (_, i) => {
      const edge = ((i + 1) / 13) * W;
      const f = new Uint8ClampedArray(a[60 + i]);
      for (let y = 0; y < H; y++) for (let x = 0; x < edge; x++) for (let c = 0; c < 4; c++) f[(y * W + x) * 4 + c] = b[i][(y * W + x) * 4 + c];
      return f;
    });
    const found = run([...a.slice(0, 60), ...wipe, ...b.slice(12)]);
    expect(found.map((t) => t.kind)).toEqual(['wipe']);
    expect(found[0].startFrame).toBeGreaterThanOrEqual(58);
    expect(found[0].endFrame).toBeLessThanOrEqual(74);
  });

  it('reports a fade out and in through black as one fade, the shot starting after the black', () => {
    const a = shot(sceneA, 72, 1);
    const b = shot(sceneB, 72, 2);
    const frames = [
      ...a.slice(0, 60),
      ...Array.from({ length: 12 }, (_, i) => light(a[60 + i], (11 - i) / 12)),
      ...Array.from({ length: 6 }, () => light(a[0], 0)),
      ...Array.from({ length: 12 }, (_, i) => light(b[i], (i + 1) / 13)),
      ...b.slice(12),
    ];
    const found = run(frames);
    expect(found).toHaveLength(1);
    expect(found[0].kind).toBe('fade');
    expect(Math.abs(found[0].startFrame - 60)).toBeLessThanOrEqual(1);
    expect(Math.abs(found[0].endFrame - 89)).toBeLessThanOrEqual(1);
    expect(Math.abs(found[0].shotStartFrame - 78)).toBeLessThanOrEqual(1);
  });

  it('reports a fade out to long black and a hard cut back as a fade-out and a cut', () => {
    const a = shot(sceneA, 72, 1);
    const frames = [
      ...a.slice(0, 60),
      ...Array.from({ length: 12 }, (_, i) => light(a[60 + i], (11 - i) / 12)),
      ...Array.from({ length: 48 }, () => light(a[0], 0)),
      ...shot(sceneB, 40, 2),
    ];
    const found = run(frames);
    expect(found.map((t) => t.kind)).toEqual(['fade-out', 'cut']);
    expect(found[0].shotStartFrame).toBeLessThanOrEqual(72);
    expect(found[0].shotStartFrame).toBeGreaterThan(found[0].startFrame);
    expect(found[1].shotStartFrame).toBe(120);
  });

  it('ignores a single-frame flash and a three-frame decaying flash', () => {
    const frames = shot(sceneA, 120, 1);
    frames[40] = light(frames[40], 1.2, 110);
    frames[80] = light(frames[80], 1.2, 140);
    frames[81] = light(frames[81], 1.1, 80);
    frames[82] = light(frames[82], 1.05, 35);
    expect(run(frames)).toEqual([]);
  });

  it('ignores a fast camera move, sharp or motion-blurred', () => {
    const at = (i: number) => (i < 40 ? 0 : i < 50 ? i - 40 : 10);
    const sharp = Array.from({ length: 100 }, (_, i) => render(sceneA, 9 * at(i), 3 * at(i), i));
    const blurred = Array.from({ length: 100 }, (_, i) => {
      if (at(i) === at(i - 1)) return render(sceneA, 9 * at(i), 3 * at(i), i);
      const taps = Array.from({ length: 6 }, (_, k) => render(sceneA, 9 * (at(i) - k / 6), 3 * (at(i) - k / 6), i));
      return taps.reduce((acc, f, k) => blend(acc, f, 1 / (k + 1)));
    });
    expect(run(sharp)).toEqual([]);
    expect(run(blurred)).toEqual([]);
  });

  it('ignores a dark shape passing in front of the lens', () => {
    const frames = shot(sceneA, 100, 1).map((f, i) => {
      if (i < 40 || i > 50) return f;
      const cx = -30 + ((i - 40) / 10) * (W + 60);
      const out = new Uint8ClampedArray(f);
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const r = Math.hypot((x - cx) / 26, (y - H / 2) / 30);
          const cover = Math.min(1, Math.max(0, (1.2 - r) / 0.4));
          for (let c = 0; c < 3; c++) out[(y * W + x) * 4 + c] = (1 - cover) * f[(y * W + x) * 4 + c] + cover * 12;
        }
      }
      return out;
    });
    expect(run(frames)).toEqual([]);
  });

  it('with frames left undecoded, places a cut on a decoded frame exactly, and one across a left-out frame after it, one frame uncertain', () => {
    const third = (i: number) => i % 3 === 1;
    const exact = runLeavingOut([...shot(sceneA, 60, 1), ...shot(sceneB, 60, 2)], third);
    expect(exact).toEqual([expect.objectContaining({ kind: 'cut', shotStartFrame: 60 })]);
    expect(exact[0].uncertaintyFrames).toBeUndefined();
    // Frame 64, the new shot's first, is left out: the cut is found at 65, and may lie one frame before.
    const across = runLeavingOut([...shot(sceneA, 64, 1), ...shot(sceneB, 60, 2)], third);
    expect(across).toEqual([expect.objectContaining({ kind: 'cut', shotStartFrame: 65, uncertaintyFrames: 1 })]);
    // Frame 63, the old shot's last, is left out: the same.
    const before = runLeavingOut([...shot(sceneA, 64, 1), ...shot(sceneB, 60, 2)], (i) => i % 3 === 0);
    expect(before).toEqual([expect.objectContaining({ kind: 'cut', shotStartFrame: 64, uncertaintyFrames: 1 })]);
  });

  it('with frames left undecoded, finds a dissolve within a frame of where it is with every frame, and says so', () => {
    const a = shot(sceneA, 76, 1);
    const b = shot(sceneB, 76, 2);
    const frames = [...a.slice(0, 60), ...Array.from({ length: 16 }, (_, i) => blend(a[60 + i], b[i], (i + 1) / 17)), ...b.slice(16)];
    const [full] = run(frames);
    expect(full.uncertaintyFrames).toBeUndefined();
    const left = runLeavingOut(frames, (i) => i % 3 === 1);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ kind: 'dissolve', uncertaintyFrames: 1 });
    for (const key of ['startFrame', 'endFrame', 'shotStartFrame'] as const) expect(Math.abs(left[0][key] - full[key])).toBeLessThanOrEqual(1);
  });

  it('with frames left undecoded, still ignores a flash and a fast camera move', () => {
    const flash = shot(sceneA, 120, 1);
    flash[40] = light(flash[40], 1.2, 110);
    const at = (i: number) => (i < 40 ? 0 : i < 50 ? i - 40 : 10);
    const move = Array.from({ length: 100 }, (_, i) => render(sceneA, 9 * at(i), 3 * at(i), i));
    for (const left of [(i: number) => i % 2 === 1, (i: number) => i % 3 === 1]) {
      expect(runLeavingOut(flash, left)).toEqual([]);
      expect(runLeavingOut(move, left)).toEqual([]);
    }
  });

  it('keeps a fixed ring and a short pending list over 100,000 frames', () => {
    const sigs = Array.from({ length: 200 }, (_, i) => frameSignature(render(sceneA, 0.25 * i, 0, i), W, H));
    const detector = new CutDetector();
    const capacity = detector.capacityFrames;
    expect(capacity).toBeLessThanOrEqual(512);
    let found = 0;
    let maxPending = 0;
    for (let i = 0; i < 100_000; i++) {
      const k = i % 398;
      found += detector.push(i, i / 24, sigs[k < 200 ? k : 397 - k]).length;
      maxPending = Math.max(maxPending, detector.pendingCount);
    }
    found += detector.finish().length;
    expect(found).toBe(0);
    expect(maxPending).toBeLessThanOrEqual(16);
    expect(detector.capacityFrames).toBe(capacity);
  });

  it('scales its windows with the frame rate', () => {
    const a = shot(sceneA, 160, 1, 60);
    const b = shot(sceneB, 160, 2, 60);
    const frames = [...a.slice(0, 120), ...Array.from({ length: 40 }, (_, i) => blend(a[120 + i], b[i], (i + 1) / 41)), ...b.slice(40)];
    const found = run(frames, { framesPerSec: 60 });
    expect(found.map((t) => t.kind)).toEqual(['dissolve']);
    expect(found[0].startFrame).toBeLessThan(130);
    expect(found[0].endFrame).toBeGreaterThan(150);
  });

  it('rejects a signature of the wrong length', () => {
    expect(() => new CutDetector().push(0, 0, new Float32Array(3))).toThrow(RangeError);
  });
});
