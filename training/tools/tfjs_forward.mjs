// Run the ORIGINAL tfjs layers MobileNet with @tensorflow/tfjs (pure JS CPU backend) in Node.
// usage: node training/tools/tfjs_forward.mjs <tfjs model dir> <input.f32 NHWC> <N> <out prefix>
// writes <out prefix>.probs.f32 (model output, softmax [N,1000]) and <out prefix>.logits.f32
// (conv_preds pre-softmax [N,1000]) as little-endian float32.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

const [dir, inputPath, nStr, outPrefix] = process.argv.slice(2);
if (!outPrefix) {
  console.error('usage: tfjs_forward.mjs <model dir> <input.f32> <N> <out prefix>');
  process.exit(2);
}
const N = Number(nStr);
const mj = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
const weightSpecs = [];
const buffers = [];
for (const group of mj.weightsManifest) {
  weightSpecs.push(...group.weights);
  for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
}
const all = Buffer.concat(buffers);
const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
const handler = { load: async () => ({ modelTopology: mj.modelTopology, weightSpecs, weightData }) };

await tf.setBackend('cpu');
const model = await tf.loadLayersModel(handler);
const raw = fs.readFileSync(inputPath);
const x = tf.tensor4d(new Float32Array(raw.buffer, raw.byteOffset, N * 224 * 224 * 3), [N, 224, 224, 3]);
const probs = model.predict(x);
const logitsModel = tf.model({ inputs: model.inputs, outputs: model.getLayer('conv_preds').output });
const logits = logitsModel.predict(x).reshape([N, -1]);
fs.writeFileSync(`${outPrefix}.probs.f32`, Buffer.from((await probs.data()).buffer));
fs.writeFileSync(`${outPrefix}.logits.f32`, Buffer.from((await logits.data()).buffer));
console.log(JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version.tfjs, probsShape: probs.shape, logitsShape: logits.shape }));
