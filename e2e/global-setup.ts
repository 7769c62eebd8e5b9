import makeAll from './fixtures';

/** Generates every media fixture with ffmpeg before the tests run. */
export default function globalSetup(): void {
  makeAll();
}
