// The bench's native reference points: ffmpeg decoding a clip at the app's sampling and letterboxing
// each sample to the model input, streamed into onnxruntime-node running the same ONNX (the native
// peer); and ffmpeg decoding every frame with nothing else to do (the floor no decoder here beats).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';

/** Frames per inference call of the native peer (the app's batch size). */
const NATIVE_BATCH = 8;

/**
 * Where a srcWidth × srcHeight frame lands inside the model input, as src/shared/letterbox.ts
 * computes it (kept in step by hand: this script runs in plain Node without the TypeScript sources).
 * @param {number} srcWidth @param {number} srcHeight @param {number} dstWidth @param {number} dstHeight
 */
export function letterboxRect(srcWidth, srcHeight, dstWidth, dstHeight) {
  const scale = Math.min(dstWidth / srcWidth, dstHeight / srcHeight);
  const width = Math.max(1, Math.round(srcWidth * scale));
  const height = Math.max(1, Math.round(srcHeight * scale));
  return { x: Math.floor((dstWidth - width) / 2), y: Math.floor((dstHeight - height) / 2), width, height };
}

/**
 * Seconds ffmpeg takes to decode every frame of the clip's first video stream and drop it (all
 * cores, no scaling, no output), and how many frames that was.
 * @param {string} path
 * @returns {{ decodeFloorSec: number, frames: number }}
 */
export function decodeFloor(path) {
  const t0 = performance.now();
  const out = execFileSync('ffmpeg', ['-hide_banner', '-nostats', '-threads', '0', '-i', path, '-map', '0:v:0', '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const decodeFloorSec = (performance.now() - t0) / 1000;
  void out;
  const frames = Number(
    execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', path], { encoding: 'utf8' }).trim(),
  );
  return { decodeFloorSec, frames };
}

/**
 * (rgb / 255 - mean) / std into a float32 NCHW batch, as workers/infer/preprocess.ts does.
 * @param {Buffer} rgb count × h × w × 3 bytes
 * @param {number} count @param {number} h @param {number} w
 * @param {number[]} mean @param {number[]} std
 */
function rgbToNchw(rgb, count, h, w, mean, std) {
  const plane = h * w;
  const out = new Float32Array(count * 3 * plane);
  for (let n = 0; n < count; n++) {
    for (let c = 0; c < 3; c++) {
      const scale = 1 / (255 * std[c]);
      const shift = mean[c] / std[c];
      const dst = (n * 3 + c) * plane;
      const src = n * plane * 3 + c;
      for (let i = 0; i < plane; i++) out[dst + i] = rgb[src + i * 3] * scale - shift;
    }
  }
  return out;
}

/**
 * The card at `cardPath` and an onnxruntime-node session on its ONNX (beside it), on all cores.
 * @param {string} cardPath
 */
async function openNativeModel(cardPath) {
  const ort = await import('onnxruntime-node');
  const card = JSON.parse(readFileSync(cardPath, 'utf8'));
  const session = await ort.InferenceSession.create(join(dirname(cardPath), card.file), {
    intraOpNumThreads: cpus().length,
    graphOptimizationLevel: 'all',
  });
  /** @type {string} */
  const inputName = card.input.name ?? card.inputName ?? 'pixels';
  return { ort, card, session, inputName };
}

/**
 * onnxruntime-node alone on the card's ONNX, all cores, `batches` timed batches of `batchSize`
 * random frames (after one untimed warm-up): frames per second and CPU time (ms) per frame, to set
 * beside the app's model-only figures.
 * @param {string} cardPath
 * @param {number} batches
 * @param {number} batchSize
 * @returns {Promise<{ framesPerSec: number, cpuMsPerFrame: number }>}
 */
export async function nativeModelOnly(cardPath, batches, batchSize) {
  const { ort, card, session, inputName } = await openNativeModel(cardPath);
  const { width: w, height: h } = card.input;
  const data = new Float32Array(batchSize * 3 * w * h).map(() => Math.random() * 2 - 1);
  const input = new ort.Tensor('float32', data, [batchSize, 3, h, w]);
  await session.run({ [inputName]: input });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < batches; i++) await session.run({ [inputName]: input });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await session.release();
  const frames = batches * batchSize;
  return { framesPerSec: frames / (wallMs / 1000), cpuMsPerFrame: (cpu.user + cpu.system) / 1000 / frames };
}

/**
 * The native peer on one clip: ffmpeg decodes it, keeps `sampleFps` frames per second, letterboxes
 * them to the card's input and pipes raw RGB to onnxruntime-node (the same ONNX, batches of 8, all
 * cores), the two running at once. Timed from spawning ffmpeg to the last batch's outputs.
 * @param {string} path
 * @param {{ width: number, height: number }} video
 * @param {string} cardPath the model card (its ONNX file sits beside it)
 * @param {number} sampleFps
 * @returns {Promise<{ nativeFps: number, nativeSec: number, samples: number, inferSec: number }>}
 */
export async function nativePeer(path, video, cardPath, sampleFps) {
  const { ort, card, session, inputName } = await openNativeModel(cardPath);
  const { width: w, height: h, mean, std } = card.input;
  // Warm-up outside the timing, as the app's session is warmed up when it loads.
  await session.run({ [inputName]: new ort.Tensor('float32', new Float32Array(3 * w * h), [1, 3, h, w]) });

  const box = letterboxRect(video.width, video.height, w, h);
  const filter = [
    `fps=${sampleFps}`,
    `scale=${box.width}:${box.height}:flags=bicubic`,
    `pad=${w}:${h}:${box.x}:${box.y}:black`,
    'format=rgb24',
  ].join(',');
  const frameBytes = w * h * 3;
  const t0 = performance.now();
  const ff = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-threads', '0', '-i', path, '-map', '0:v:0', '-vf', filter, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let pending = Buffer.alloc(0);
  let samples = 0;
  let inferMs = 0;
  /** @param {Buffer} bytes @param {number} count */
  const infer = async (bytes, count) => {
    const t = performance.now();
    const data = rgbToNchw(bytes, count, h, w, mean, std);
    await session.run({ [inputName]: new ort.Tensor('float32', data, [count, 3, h, w]) });
    inferMs += performance.now() - t;
    samples += count;
  };
  for await (const chunk of ff.stdout) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= frameBytes * NATIVE_BATCH) {
      const batch = pending.subarray(0, frameBytes * NATIVE_BATCH);
      pending = pending.subarray(frameBytes * NATIVE_BATCH);
      await infer(batch, NATIVE_BATCH);
    }
  }
  const rest = Math.floor(pending.length / frameBytes);
  if (rest > 0) await infer(pending.subarray(0, rest * frameBytes), rest);
  const code = await new Promise((resolve) => (ff.exitCode !== null ? resolve(ff.exitCode) : ff.on('close', resolve)));
  if (code !== 0) throw new Error(`ffmpeg failed on ${path} (exit ${code})`);
  const nativeSec = (performance.now() - t0) / 1000;
  await session.release();
  return { nativeFps: samples / nativeSec, nativeSec, samples, inferSec: inferMs / 1000 };
}
