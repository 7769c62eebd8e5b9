// Copies the runtime files the app must serve from its own origin (onnxruntime-web and MediaPipe
// wasm) out of node_modules into public/vendor. No network: everything comes from installed packages.
import { copyFileSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const copies = [
  ['node_modules/onnxruntime-web/dist', 'public/vendor/ort', [
    'ort-wasm-simd-threaded.mjs',
    'ort-wasm-simd-threaded.wasm',
    'ort-wasm-simd-threaded.asyncify.mjs',
    'ort-wasm-simd-threaded.asyncify.wasm',
  ]],
  ['node_modules/@mediapipe/tasks-vision/wasm', 'public/vendor/mediapipe', [
    'vision_wasm_internal.js',
    'vision_wasm_internal.wasm',
    'vision_wasm_module_internal.js',
    'vision_wasm_module_internal.wasm',
  ]],
];

let copied = 0;
for (const [from, to, names] of copies) {
  mkdirSync(join(root, to), { recursive: true });
  for (const name of names) {
    const src = join(root, from, name);
    const dst = join(root, to, name);
    if (!existsSync(src)) throw new Error(`vendor-assets: ${src} is missing; run npm ci`);
    if (existsSync(dst) && statSync(dst).size === statSync(src).size && statSync(dst).mtimeMs >= statSync(src).mtimeMs) continue;
    copyFileSync(src, dst);
    copied++;
  }
}
console.log(`vendor-assets: ${copied} file(s) copied to public/vendor`);

// MediaPipe Tasks model files (face detector, pose landmarker) built from the npm model packages.
const { prepareMediapipe } = await import('./prepare-mediapipe.mjs');
console.log(`vendor-assets: ${prepareMediapipe()} MediaPipe model file(s) written to public/vendor/mediapipe/models`);
