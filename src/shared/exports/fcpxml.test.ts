import { describe, expect, it } from 'vitest';
import { fcpxmlTimeToFrames } from '../timecode';
import { fcpxml, shotKeywords, xmlEscape } from './fcpxml';
import { shotFrames } from './film';
import { TEST_FILM_NAME, TEST_FRAME_COUNT, TEST_RATES, testFilm } from './testSupport';

// The app's tsconfig type-checks tests without Node's types, so Node's modules are loaded untyped.
const load = (specifier: string) => import(/* @vite-ignore */ specifier);
const { spawnSync } = (await load('node:child_process')) as {
  spawnSync: (cmd: string, args: string[], opts: { input: string; encoding: 'utf8' }) => { status: number | null; stderr: string; error?: Error };
};
const { existsSync } = (await load('node:fs')) as { existsSync: (path: string) => boolean };

const dtdPath = (version: string) => decodeURIComponent(new URL(`../../../../shared/data/fcpxml-dtd/FCPXMLv${version.replace('.', '_')}.dtd`, import.meta.url).pathname);
const haveDtds = existsSync(dtdPath('1.10')) && existsSync(dtdPath('1.11'));

/** xmllint with the DTD check, or a failure that says how to install it (never a silent skip where the DTDs are here). */
function xmllint(args: string[], input: string): { status: number | null; stderr: string } {
  const r = spawnSync('xmllint', args, { input, encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is not installed (${r.error.message}): it is Debian's libxml2-utils, apt-get install libxml2-utils (.ci/run installs it)`);
  return r;
}

/** A parsed XML element. */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
}

const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);

/** A small XML reader for this test: elements and attributes, no text content or CDATA. */
function parseXml(text: string): El {
  const body = text.replace(/<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/, '');
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack = [root];
  const tag = /<(\/?)([\w-]+)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    if (body.slice(last, m.index).trim() !== '') throw new Error(`Unexpected text before <${m[2]}>`);
    last = tag.lastIndex;
    if (m[1]) {
      const open = stack.pop()!;
      if (open.name !== m[2]) throw new Error(`</${m[2]}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]] = unescape(a[2]);
    const el: El = { name: m[2], attrs, children: [] };
    stack[stack.length - 1].children.push(el);
    if (!m[4]) stack.push(el);
  }
  if (stack.length !== 1 || body.slice(last).trim() !== '') throw new Error('Unbalanced XML');
  return root.children[0];
}

function all(el: El, name: string): El[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
}

describe.each(TEST_RATES)('FCPXML at $label fps', ({ rate, dropFrame }) => {
  const { film, shots } = testFilm(rate, dropFrame);
  const text = fcpxml(film, shots);
  const doc = parseXml(text);
  const frames = (time: string) => fcpxmlTimeToFrames(time, rate);

  it('declares the format, asset and timeline at the film rate', () => {
    expect(doc.name).toBe('fcpxml');
    expect(doc.attrs.version).toBe('1.10');
    const [format] = all(doc, 'format');
    expect(format.attrs).toMatchObject({ id: 'r1', width: '1920', height: '800' });
    expect(format.attrs.frameDuration).toBe(`${rate.den === 1 ? 1 : rate.den}/${rate.num}s`);
    const [asset] = all(doc, 'asset');
    expect(frames(asset.attrs.duration)).toBe(TEST_FRAME_COUNT);
    expect(all(asset, 'media-rep')[0].attrs.src).toBe(`./${encodeURIComponent(TEST_FILM_NAME)}`);
    const [sequence] = all(doc, 'sequence');
    expect(frames(sequence.attrs.duration)).toBe(TEST_FRAME_COUNT);
    expect(sequence.attrs.tcFormat).toBe(dropFrame ? 'DF' : 'NDF');
    const clips = all(doc, 'asset-clip');
    expect(clips).toHaveLength(2);
    for (const clip of clips) {
      expect(clip.attrs.ref).toBe(asset.attrs.id);
      expect(clip.attrs.name).toBe('Le "film" d\'été, <1> & |2|');
      expect(frames(clip.attrs.duration)).toBe(TEST_FRAME_COUNT);
    }
  });

  it('puts a one-frame marker at each shot start and a keyword range over each shot, on both clips', () => {
    for (const clip of all(doc, 'asset-clip')) {
      const markers = all(clip, 'marker');
      const keywords = all(clip, 'keyword');
      expect(markers).toHaveLength(shots.length);
      expect(keywords).toHaveLength(shots.length);
      markers.forEach((m, i) => {
        expect(frames(m.attrs.start)).toBe(shots[i].startFrame);
        expect(frames(m.attrs.duration)).toBe(1);
        expect(m.attrs.value).toBe(`Shot ${i + 1} ${shots[i].scale}`);
      });
      let next = 0;
      keywords.forEach((k, i) => {
        expect(frames(k.attrs.start)).toBe(next);
        next += frames(k.attrs.duration);
        expect(frames(k.attrs.duration)).toBe(shotFrames(shots[i]));
        expect(k.attrs.value.split(', ')).toEqual(shotKeywords(shots[i]));
      });
      expect(next).toBe(TEST_FRAME_COUNT);
    }
    expect(all(doc, 'keyword')[3].attrs.value).toBe('Medium close-up');
    expect(all(doc, 'keyword')[4].attrs.value).toBe('Medium long shot, Changes scale');
    expect(all(doc, 'marker')[3].attrs.note).toBe('Medium close-up 100%, corrected');
  });

  it.skipIf(!haveDtds).each(['1.10', '1.11'] as const)("is valid against Apple's FCPXML %s DTD", (version) => {
    const r = xmllint(['--noout', '--dtdvalid', dtdPath(version), '-'], fcpxml(film, shots, { version }));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('FCPXML checks', () => {
  it.skipIf(!haveDtds)('the DTD check fails on an invalid document', () => {
    const { film, shots } = testFilm({ num: 25, den: 1 }, false);
    const broken = fcpxml(film, shots).replace('<marker ', '<marker bogus="1" ');
    const r = xmllint(['--noout', '--dtdvalid', dtdPath('1.10'), '-'], broken);
    expect(r.status).not.toBe(0);
  });

  it('escapes XML special characters', () => {
    expect(xmlEscape(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});
