import { describe, expect, it } from 'vitest';
import { letterboxRect } from '../../src/shared/letterbox';
import { letterboxRect as nativeLetterboxRect } from './bench-native-peer.mjs';

describe('native peer', () => {
  it('letterboxes exactly as the app does', () => {
    const sizes = [[1920, 1080], [1280, 720], [640, 360], [320, 180], [1440, 1080], [2048, 858], [720, 576], [1080, 1920], [4096, 1716], [500, 499]];
    for (const [w, h] of sizes) {
      for (const [dw, dh] of [[224, 224], [256, 192], [299, 299]]) expect(nativeLetterboxRect(w, h, dw, dh)).toEqual(letterboxRect(w, h, dw, dh));
    }
  });
});
