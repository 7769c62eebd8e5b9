// Shared plumbing of the geometry scripts (geometry-features, calibrate-geometry, pseudo-labels):
// labelled-set CSVs, handing image files to the page, and the features JSONL format.
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../cli/headless-app.mjs';

export { readLabels } from '../cli/labels.mjs';

/**
 * Hands image files to the page (a hidden multi-file input, a chunk at a time); they end up in
 * `window[name]` as File objects.
 * @param {import('@playwright/test').Page} page
 * @param {string[]} paths
 * @param {string} name
 */
export async function handFiles(page, paths, name, chunk = 64) {
  await page.evaluate((n) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.hidden = true;
    input.id = `${n}-input`;
    document.body.append(input);
    /** @type {any} */ (window)[n] = [];
  }, name);
  const input = page.locator(`#${name}-input`);
  for (let start = 0; start < paths.length; start += chunk) {
    await input.setInputFiles(paths.slice(start, start + chunk));
    await page.evaluate((n) => {
      const el = /** @type {HTMLInputElement} */ (document.getElementById(`${n}-input`));
      /** @type {any} */ (window)[n].push(...Array.from(el.files ?? []));
    }, name);
  }
  const count = await page.evaluate((n) => /** @type {any} */ (window)[n].length, name);
  if (count !== paths.length) throw new Error(`handed ${count} of ${paths.length} files to the page`);
}

/** @param {number} x */
const r4 = (x) => Math.round(x * 1e4) / 1e4;

/**
 * A frame's measurements, made compact for JSONL (landmark z dropped, 4 decimals).
 * @param {{ modelProbs: number[], naProb: number, vision?: { faces: any[], poses: any[] } | null }} f
 */
export function compactFeatures(f) {
  return {
    modelProbs: f.modelProbs.map(r4),
    naProb: r4(f.naProb),
    vision: f.vision
      ? {
          faces: f.vision.faces.map((x) => ({ box: { x: r4(x.box.x), y: r4(x.box.y), width: r4(x.box.width), height: r4(x.box.height) }, score: r4(x.score) })),
          poses: f.vision.poses.map((p) => ({ landmarks: p.landmarks.map((l) => ({ x: r4(l.x), y: r4(l.y), visibility: r4(l.visibility) })) })),
        }
      : null,
    ...(f.picture ? { picture: { top: r4(f.picture.top), bottom: r4(f.picture.bottom), left: r4(f.picture.left), right: r4(f.picture.right) } } : {}),
  };
}

/**
 * Reads features JSONL files (written by geometry-features.mjs).
 * @param {string[]} files
 * @returns {any[]}
 */
export function readFeatures(files) {
  return files.flatMap((f) => {
    if (!existsSync(f)) throw new UsageError(`features file not found: ${f}`);
    return readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  });
}
