import type { Shot } from '../shotTypes';
import { SCALE_NAMES } from '../taxonomy';
import { fcpxmlTime } from '../timecode';
import { baseName, filmDropFrame, mediaUrl, readableShots, shotInOut, shotName, shotNote, timelineLength, type ExportFilm } from './film';

/**
 * FCPXML (1.10 or 1.11) for Final Cut Pro: the film as one asset; an event holding it as a browser
 * clip and a project whose timeline is that clip; on both, a one-frame marker at each shot's first
 * frame and a keyword range over each shot whose value is the scale's name (plus "Changes scale"),
 * so Final Cut's browser lists the shots by scale. Times are exact frame multiples of the film's
 * frame duration.
 */

/** Options of fcpxml(). */
export interface FcpxmlOptions {
  version?: '1.10' | '1.11';
  eventName?: string;
  projectName?: string;
}

/** Text escaped for an XML attribute or element. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

/** Keywords a shot's range carries: the scale's name, and "Changes scale" when flagged. */
export function shotKeywords(shot: Shot): string[] {
  return shot.changesScale ? [SCALE_NAMES[shot.scale], 'Changes scale'] : [SCALE_NAMES[shot.scale]];
}

/** The FCPXML document. */
export function fcpxml(film: ExportFilm, shots: readonly Shot[], options: FcpxmlOptions = {}): string {
  const rate = film.frameRate;
  const t = (frames: number) => fcpxmlTime(frames, rate);
  const tcFormat = filmDropFrame(film) ? 'DF' : 'NDF';
  const name = baseName(film.name);
  const duration = t(timelineLength(film));
  const annotations = readableShots(shots).flatMap((s) => {
    const span = shotInOut(film, s);
    return [
      `<marker${attrs({ start: t(span.in), duration: t(1), value: shotName(s), note: shotNote(s) })}/>`,
      `<keyword${attrs({ start: t(span.in), duration: t(span.out - span.in), value: shotKeywords(s).join(', ') })}/>`,
    ];
  });
  const clip = (indent: string, extra: Record<string, string>) =>
    [
      `${indent}<asset-clip${attrs({ ref: 'r2', ...extra, name, start: '0s', duration, tcFormat })}>`,
      ...annotations.map((a) => `${indent}  ${a}`),
      `${indent}</asset-clip>`,
    ].join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE fcpxml>',
    `<fcpxml version="${options.version ?? '1.10'}">`,
    '  <resources>',
    `    <format${attrs({ id: 'r1', frameDuration: t(1), width: film.width, height: film.height })}/>`,
    `    <asset${attrs({ id: 'r2', name, start: '0s', duration, hasVideo: 1, format: 'r1', videoSources: 1 })}>`,
    `      <media-rep${attrs({ kind: 'original-media', src: mediaUrl(film) })}/>`,
    '    </asset>',
    '  </resources>',
    '  <library>',
    `    <event${attrs({ name: options.eventName ?? 'Shotscale' })}>`,
    clip('      ', { format: 'r1' }),
    `      <project${attrs({ name: options.projectName ?? `${name} shots` })}>`,
    `        <sequence${attrs({ format: 'r1', duration, tcStart: '0s', tcFormat })}>`,
    '          <spine>',
    clip('            ', { offset: '0s' }),
    '          </spine>',
    '        </sequence>',
    '      </project>',
    '    </event>',
    '  </library>',
    '</fcpxml>',
    '',
  ].join('\n');
}
