import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { parseCsv } from '../scripts/cli/csv.mjs';
import type { HeadlessApi } from '../src/pipeline/headless';
import type { VisionResult } from '../src/shared/types';
import { precachedPaths } from './helpers';
import { expect, test } from './test';

// The vision worker: MediaPipe FaceDetector + PoseLandmarker with the models that
// scripts/build/prepare-mediapipe.mjs builds, all served from the app's origin (the `test` fixture fails
// on any request that leaves it).

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STILLS = join(ROOT, '../shared/data/dev-stills');
/** Stills per class: the first N of labels.csv (sorted by path) for a stable sample. */
const PER_CLASS = 12;

async function openHeadless(page: Page): Promise<void> {
  await page.goto('./');
  await page.waitForFunction(() => 'shotscale' in window, undefined, { timeout: 60_000 });
}

/** Runs detectVision in the page on an image given as bytes. */
function detect(page: Page, name: string, bytes: Buffer, type: string): Promise<VisionResult> {
  return page.evaluate(
    async ({ name, b64, type }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const file = new File([data], name, { type });
      return (window as unknown as { shotscale: HeadlessApi }).shotscale.detectVision(file);
    },
    { name, b64: bytes.toString('base64'), type },
  );
}

/** detectVision on a black 640×360 PNG made in the page, twice (the worker keeps working after a frame). */
function detectBlack(page: Page): Promise<VisionResult[]> {
  return page.evaluate(async () => {
    const canvas = new OffscreenCanvas(640, 360);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 640, 360);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const api = (window as unknown as { shotscale: HeadlessApi }).shotscale;
    const file = new File([blob], 'black.png', { type: 'image/png' });
    return [await api.detectVision(file), await api.detectVision(file)];
  });
}

function expectEmpty(results: VisionResult[]): void {
  for (const r of results) {
    expect(r.faces).toEqual([]);
    expect(r.poses).toEqual([]);
    expect(r.faceMs).toBeGreaterThan(0);
    expect(r.poseMs).toBeGreaterThan(0);
  }
}

test('the vision worker loads face and pose models and finds nothing in a black frame', async ({ page, requests }) => {
  await openHeadless(page);
  expectEmpty(await detectBlack(page));
  // The prepared models and the wasm were fetched, from the app itself (the fixture checks the origin).
  const paths = requests.map((u) => new URL(u).pathname);
  for (const file of ['models/face_detector.tflite', 'models/pose_landmarker_lite.task', 'vision_wasm_module_internal.wasm']) {
    expect(paths, file).toContain(`/vendor/mediapipe/${file}`);
  }
});

test('offline: after one visit the vision worker loads from the precache', async ({ page, context }) => {
  await openHeadless(page);
  const cached = await precachedPaths(page);
  for (const file of ['face_detector.tflite', 'face_detector_full.tflite', 'pose_landmarker_lite.task', 'pose_landmarker_full.task']) {
    expect(cached).toContain(`/vendor/mediapipe/models/${file}`);
  }
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => 'shotscale' in window, undefined, { timeout: 60_000 });
  expectEmpty(await detectBlack(page));
});

test('faces in close-ups and whole figures in long shots (dev-stills)', async ({ page }) => {
  test.skip(!existsSync(join(STILLS, 'labels.csv')), 'needs ../shared/data/dev-stills');
  const rows = parseCsv(readFileSync(join(STILLS, 'labels.csv'), 'utf8')).slice(1);
  const pick = (label: string) =>
    rows
      .filter((r) => r[1] === label)
      .map((r) => r[0])
      .sort()
      .slice(0, PER_CLASS);
  await openHeadless(page);

  const run = async (paths: string[]) => {
    const out: { path: string; res: VisionResult }[] = [];
    for (const p of paths) out.push({ path: p, res: await detect(page, p, readFileSync(join(STILLS, p)), 'image/jpeg') });
    return out;
  };
  const cu = await run(pick('CU'));
  const ls = await run(pick('LS'));

  const withFace = cu.filter((r) => r.res.faces.length > 0).length;
  const withPose = ls.filter((r) => r.res.poses.length > 0).length;
  const ms = [...cu, ...ls].slice(1); // the first call includes the warm-up
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `vision: faces in ${withFace}/${cu.length} CU, poses in ${withPose}/${ls.length} LS; ` +
      `face ${mean(ms.map((r) => r.res.faceMs)).toFixed(1)} ms, pose ${mean(ms.map((r) => r.res.poseMs)).toFixed(1)} ms per frame`,
  );
  expect(withFace, 'CU stills with a face').toBeGreaterThan(cu.length / 2);
  expect(withPose, 'LS stills with a pose').toBeGreaterThan(ls.length / 2);

  for (const { res } of [...cu, ...ls]) {
    for (const f of res.faces) {
      expect(f.score).toBeGreaterThanOrEqual(0.5);
      expect(f.box.width).toBeGreaterThan(0);
      expect(f.box.width).toBeLessThanOrEqual(1.5);
      expect(f.keypoints).toHaveLength(6);
    }
    expect(res.poses.length).toBeLessThanOrEqual(4);
    for (const p of res.poses) {
      expect(p.landmarks).toHaveLength(33);
      for (const l of p.landmarks) expect(Number.isFinite(l.x) && Number.isFinite(l.y) && Number.isFinite(l.z)).toBe(true);
    }
  }
  // A pose's landmarks are normalised: most of a long shot's figure lies inside the frame.
  const inside = ls.flatMap((r) => r.res.poses.flatMap((p) => p.landmarks)).filter((l) => l.x >= 0 && l.x <= 1 && l.y >= 0 && l.y <= 1);
  expect(inside.length).toBeGreaterThan(0);
});
