import { EncodedPacketSink, VideoSample, type EncodedPacket, type InputVideoTrack } from 'mediabunny';
import { annexBFramesOnly, avcFraming, avcFramesOnly, avcSliceKind, isAvcReference, type AvcFraming, type AvcSliceKind } from './referenceFrames';

/**
 * Every frame of a track from a key frame on, in presentation order, where the frames that no
 * other frame references are left undecoded unless they matter (issue 24): each comes out as its
 * time only. A non-reference frame is decoded when a wanted time falls in it (a sample), when
 * its compressed size stands out from the non-reference frames before it (new picture content:
 * a cut or flash the cut scan must see), when it is shown between a reference frame and the next
 * one that is an I-frame or whose size stands out from the recent ones of its kind, larger or
 * smaller (a cut into new content: the encoder codes it afresh, or the new shot is simpler), or
 * when the frame shown just before it was itself left out: no two neighbouring frames are both
 * undecoded, so a cut the scan still finds beside a left-out frame is off by one frame at most.
 * Reference frames are always decoded, so every decoded frame is exactly what a full decode gives.
 */

/** A frame of the scan: decoded (caller closes it), or left undecoded (its time only). */
export type ScanFrame = { sample: VideoSample } | { skippedSec: number; durationSec: number };

/** A non-reference frame bigger than this many times the recent ones' typical size is decoded. */
const SIZE_OUTLIER_RATIO = 2.5;
/** A reference frame this many times larger or smaller than the recent ones of its kind (P or B) settles the frames shown before it. */
const REFERENCE_CHANGE_RATIO = 2.5;
/** Settle windows remembered (the non-reference frames shown in them are read soon after). */
const SETTLE_WINDOWS = 16;
/** Weight of each new non-reference frame in the running typical size. */
const SIZE_EMA_WEIGHT = 0.1;
/** Packets the decoder may hold before reading waits for it. */
const DECODE_QUEUE_MAX = 6;

/** Recent packets remembered for who was shown just before a non-reference frame. */
const RECENT_PACKETS = 32;

/** Packets looked at for non-reference frames before a track is scanned with skipping. */
const PROBE_PACKETS = 96;

/**
 * The packet framing when a track can be scanned with skipping: H.264 whose framing is understood,
 * whose sequence parameter set codes whole frames (not fields: one packet is one frame) and whose
 * first packets hold non-reference frames. Anything else (intra-only or all-reference streams,
 * interlaced ones, other codecs) decodes every frame, as before.
 */
export async function skippingFraming(track: InputVideoTrack): Promise<AvcFraming | null> {
  if (track.codec !== 'avc' || typeof VideoDecoder === 'undefined') return null;
  const config = await track.getDecoderConfig().catch(() => null);
  const framing = config ? avcFraming(config.description) : null;
  if (!framing) return null;
  if (framing.kind === 'avcc' && avcFramesOnly(config?.description) !== true) return null;
  try {
    let n = 0;
    let framesOnly = framing.kind === 'avcc';
    for await (const packet of new EncodedPacketSink(track).packets()) {
      if (!framesOnly) {
        // Annex B carries its parameter sets in the stream: the first one decides.
        const found = annexBFramesOnly(packet.data);
        if (found === false) return null;
        if (found === true) framesOnly = true;
      }
      if (framesOnly && !isAvcReference(packet.data, framing)) return framing;
      if (++n >= PROBE_PACKETS) break;
    }
  } catch {
    // Unreadable packets: the plain decoder (and its damage handling) takes the file.
  }
  return null;
}

/** Counts of a scan's frames, for the bench. */
export interface SkipCounts {
  decoded: number;
  skipped: number;
  /** Non-reference frames decoded because a sample wanted them or their size stood out. */
  keptNonReference: number;
}

/**
 * The scan's frames from the key frame at or before `startSec` (frames before `startSec` are left
 * out). `wanted(t0, t1)` says whether a sample time lies in [t0, t1).
 */
export async function* framesSkippingNonReference(
  track: InputVideoTrack,
  framing: AvcFraming,
  startSec: number,
  wanted: (fromSec: number, toSec: number) => boolean,
  counts: SkipCounts,
): AsyncGenerator<ScanFrame, void, unknown> {
  const stated = await track.getDecoderConfig();
  if (!stated) throw new Error('The track has no decoder configuration.');
  // As mediabunny's own decoder does for the plain scan (so decoded frames draw the same): a
  // colour space stated only in part is completed with Chromium's defaults, which it otherwise
  // drops on some paths, changing the colours drawn.
  const c = stated.colorSpace;
  const complete = !!c && !!c.primaries && !!c.transfer && !!c.matrix && c.fullRange !== undefined && c.fullRange !== null;
  const config: VideoDecoderConfig = complete
    ? stated
    : { ...stated, colorSpace: { primaries: c?.primaries ?? 'bt709', matrix: c?.matrix ?? 'bt709', transfer: c?.transfer ?? 'bt709', fullRange: c?.fullRange ?? false } };
  const packets = new EncodedPacketSink(track);
  const first = (await packets.getKeyPacket(startSec, { verifyKeyPackets: true })) ?? (await packets.getFirstKeyPacket({ verifyKeyPackets: true }));
  if (!first) return;

  // Decoded frames arrive in presentation order with microsecond timestamps; their packets' own
  // times and durations are looked up by those.
  const byMicros = new Map<number, { sec: number; durationSec: number }>();
  const decoded: { sample: VideoSample; sec: number }[] = [];
  const skipped: { sec: number; durationSec: number }[] = [];
  /** Times of packets sent to the decoder and not yet out of it. */
  const inDecoder: number[] = [];
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const decoder = new VideoDecoder({
    output: (frame) => {
      const micros = frame.timestamp;
      const meta = byMicros.get(micros);
      byMicros.delete(micros);
      const sec = meta?.sec ?? micros / 1e6;
      // Frames come out in presentation order: any still awaited from before this one was dropped.
      for (let i = inDecoder.length - 1; i >= 0; i--) if (inDecoder[i] <= sec + 1e-9) inDecoder.splice(i, 1);
      decoded.push({ sample: new VideoSample(frame, { timestamp: sec, duration: meta?.durationSec ?? (frame.duration ?? 0) / 1e6, rotation: track.rotation }), sec });
      notify();
    },
    error: (err) => {
      failure = err;
      notify();
    },
  });
  decoder.addEventListener('dequeue', notify);
  decoder.configure(config);

  let typicalSize = 0;
  /** Typical compressed size of the recent reference frames of each kind. */
  const typicalReferenceSize = new Map<AvcSliceKind | null, number>();
  /** Presentation times between which non-reference frames are decoded: from the reference frame before one that stood out to it. */
  const settle: { afterSec: number; beforeSec: number }[] = [];
  /** Presentation time of the latest reference frame read: frames before it in time have all been read (mini-GOPs are sent whole). */
  let latestReferenceSec = Number.NEGATIVE_INFINITY;
  let ended = false;
  const iterator = packets.packets(first);
  /** The latest packets read: presentation time, whether it is a reference and whether it was sent to the decoder. */
  const recent: { sec: number; reference: boolean; sent: boolean }[] = [];
  /** True when the packet shown just before `sec` has been read and was decoded (unknown counts as not). */
  const previousDecoded = (sec: number): boolean => {
    let best: { sec: number; sent: boolean } | null = null;
    for (const r of recent) if (r.sec < sec - 1e-9 && (!best || r.sec > best.sec)) best = r;
    return best !== null && best.sent;
  };

  /** Reads one packet: sent to the decoder, or noted as skipped. */
  const readOne = async (): Promise<void> => {
    const step = await iterator.next();
    if (step.done) {
      ended = true;
      await decoder.flush().catch((err) => (failure ??= err));
      // Whatever the decoder did not hand out by now, it dropped.
      inDecoder.length = 0;
      return;
    }
    const packet: EncodedPacket = step.value;
    const reference = isAvcReference(packet.data, framing);
    const size = packet.data.byteLength;
    if (reference) {
      // An I-frame, or a reference frame far larger or smaller than the recent ones of its kind,
      // carries new picture content (a cut into it, most often): the non-reference frames shown
      // between the reference frame before it and it, read next, are decoded, so the scan sees
      // where the change happens.
      const kind = avcSliceKind(packet.data, framing);
      const typical = typicalReferenceSize.get(kind) ?? 0;
      if (kind === 'I' || (typical > 0 && (size > REFERENCE_CHANGE_RATIO * typical || size * REFERENCE_CHANGE_RATIO < typical))) {
        let before = Number.NEGATIVE_INFINITY;
        for (const r of recent) if (r.reference && r.sec < packet.timestamp - 1e-9 && r.sec > before) before = r.sec;
        settle.push({ afterSec: before, beforeSec: packet.timestamp });
        if (settle.length > SETTLE_WINDOWS) settle.shift();
      }
      typicalReferenceSize.set(kind, typical === 0 ? size : typical + SIZE_EMA_WEIGHT * (size - typical));
    }
    const settles = !reference && settle.some((w) => packet.timestamp > w.afterSec && packet.timestamp < w.beforeSec);
    let send = reference || settles || wanted(packet.timestamp, packet.timestamp + Math.max(packet.duration, 1e-6));
    if (!reference) {
      if (typicalSize > 0 && size > SIZE_OUTLIER_RATIO * typicalSize) send = true;
      // The first packet of the scan has no known neighbour: nothing is left out before a frame is decoded.
      if (!previousDecoded(packet.timestamp)) send = true;
      typicalSize = typicalSize === 0 ? size : typicalSize + SIZE_EMA_WEIGHT * (size - typicalSize);
      if (send) counts.keptNonReference++;
    }
    if (reference) latestReferenceSec = Math.max(latestReferenceSec, packet.timestamp);
    recent.push({ sec: packet.timestamp, reference, sent: send });
    if (recent.length > RECENT_PACKETS) recent.shift();
    if (send) {
      byMicros.set(Math.round(packet.timestamp * 1e6), { sec: packet.timestamp, durationSec: packet.duration });
      inDecoder.push(packet.timestamp);
      decoder.decode(packet.toEncodedVideoChunk());
      counts.decoded++;
    } else {
      skipped.push({ sec: packet.timestamp, durationSec: packet.duration });
      counts.skipped++;
    }
  };

  /** The earliest frame that can be handed out now, or null when more must be read or decoded first. */
  const nextReady = (): ScanFrame | 'wait' | null => {
    decoded.sort((a, b) => a.sec - b.sec);
    skipped.sort((a, b) => a.sec - b.sec);
    const d = decoded[0]?.sec ?? Number.POSITIVE_INFINITY;
    const s = skipped[0]?.sec ?? Number.POSITIVE_INFINITY;
    const t = Math.min(d, s);
    if (!Number.isFinite(t)) return ended && inDecoder.length === 0 ? null : 'wait';
    // Nothing earlier may still come: from the decoder, or from packets not yet read.
    if (inDecoder.some((x) => x < t - 1e-9)) return 'wait';
    if (!ended && t >= latestReferenceSec) return 'wait';
    if (d <= s) return { sample: decoded.shift()!.sample };
    const k = skipped.shift()!;
    return { skippedSec: k.sec, durationSec: k.durationSec };
  };

  try {
    for (;;) {
      if (failure) throw failure;
      const ready = nextReady();
      if (ready === null) return;
      if (ready !== 'wait') {
        const sec = 'sample' in ready ? ready.sample.timestamp : ready.skippedSec;
        if (sec < startSec - 1e-6) {
          if ('sample' in ready) ready.sample.close();
          continue;
        }
        yield ready;
        continue;
      }
      if (!ended && decoder.decodeQueueSize < DECODE_QUEUE_MAX) {
        await readOne();
        continue;
      }
      if (ended && inDecoder.length === 0) continue;
      // Wait for the decoder to hand a frame out (or fail).
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (failure || decoder.decodeQueueSize < DECODE_QUEUE_MAX) notify();
      });
    }
  } finally {
    for (const d of decoded) d.sample.close();
    if (decoder.state !== 'closed') decoder.close();
    await iterator.return(undefined).catch(() => undefined);
  }
}
