import { Input, ALL_FORMATS, FilePathSource, EncodedPacketSink } from 'mediabunny';
for (const f of process.argv.slice(2)) {
  const input = new Input({ source: new FilePathSource(f), formats: ALL_FORMATS });
  const track = await input.getPrimaryVideoTrack();
  const cfg = await track.getDecoderConfig();
  const d = cfg.description ? new Uint8Array(cfg.description.buffer ?? cfg.description, cfg.description.byteOffset ?? 0, cfg.description.byteLength) : null;
  const ls = d ? (d[4] & 3) + 1 : 0;
  let n = 0, nonref = 0, bytesAll = 0, bytesNon = 0;
  for await (const p of new EncodedPacketSink(track).packets()) {
    n++; bytesAll += p.data.length;
    let ref = false, slices = 0;
    const data = p.data;
    if (d) { for (let at = 0; at + ls < data.length;) { let len = 0; for (let k = 0; k < ls; k++) len = len * 256 + data[at + k]; const h = data[at + ls]; const t = h & 31; if (t === 1 || t === 5) { slices++; if (t === 5 || (h & 0x60)) ref = true; } at += ls + len; } }
    else ref = true;
    if (slices === 0) ref = true;
    if (!ref) { nonref++; bytesNon += data.length; }
  }
  console.log(f.split('/').pop(), track.codec, n, 'nonref', nonref, (100 * nonref / n).toFixed(1) + '%', 'bytes', (100 * bytesNon / bytesAll).toFixed(1) + '%');
}
