// Progress of a corpus people can read: the corpus as a whole (films done of all, film-hours per
// hour, time left) and each film in flight. On a terminal, bars redrawn in place on stderr; in a
// log (not a TTY), plain lines: one when a film starts or ends, and one per film at most every
// `logEverySec` seconds.

/** @param {number} sec */
export function clock(sec) {
  if (!Number.isFinite(sec) || sec < 0) return '–';
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${String(m).padStart(2, '0')} min` : m ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s % 60} s`;
}

/** A text bar of `width` cells for a fraction. @param {number} fraction @param {number} width */
export function bar(fraction, width) {
  const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.floor(f * width);
  return `${'█'.repeat(full)}${full < width ? '░'.repeat(width - full) : ''}`;
}

/**
 * The corpus's figures: films finished of all, film-hours analysed per hour of wall time, and the
 * time left, estimated from the bytes still to analyse at the rate bytes went so far.
 * @param {{ films: number, finished: number, filmSec: number, bytesDone: number, bytesLeft: number, wallSec: number }} s
 */
export function corpusFigures(s) {
  const filmHoursPerHour = s.wallSec > 0 ? s.filmSec / s.wallSec : 0;
  const leftSec = s.bytesDone > 0 && s.wallSec > 0 ? s.bytesLeft / (s.bytesDone / s.wallSec) : NaN;
  return { filmHoursPerHour, leftSec };
}

export class CorpusProgress {
  /**
   * @param {{ films: number, bytes: number, stream?: NodeJS.WriteStream, tty?: boolean, logEverySec?: number, open?: boolean }} opts
   *   films, bytes: what this run has to analyse; open: a queue worker's, which cannot know the
   *   corpus (`corpus status` can): films finished and film-hours per hour only
   */
  constructor(opts) {
    this.open = opts.open ?? false;
    this.stream = opts.stream ?? process.stderr;
    this.tty = opts.tty ?? Boolean(this.stream.isTTY);
    this.logEverySec = opts.logEverySec ?? 30;
    this.films = opts.films;
    this.bytesLeft = opts.bytes;
    this.bytesDone = 0;
    this.finished = 0;
    this.filmSec = 0;
    this.t0 = performance.now();
    /** @type {Map<string, { name: string, done: number, total: number, framesPerSec: number, etaSec: number | null, loggedAt: number }>} */
    this.inFlight = new Map();
    this.drawn = 0;
  }

  /** Figures so far. */
  figures() {
    return corpusFigures({ films: this.films, finished: this.finished, filmSec: this.filmSec, bytesDone: this.bytesDone, bytesLeft: this.bytesLeft, wallSec: (performance.now() - this.t0) / 1000 });
  }

  /** The corpus line. */
  summary() {
    const { filmHoursPerHour, leftSec } = this.figures();
    if (this.open) return `worker: ${this.finished} film${this.finished === 1 ? '' : 's'} finished, ${filmHoursPerHour.toFixed(2)} film-hours per hour`;
    return `corpus: ${this.finished}/${this.films} films, ${filmHoursPerHour.toFixed(2)} film-hours per hour, ${Number.isFinite(leftSec) ? `~${clock(leftSec)} left` : 'time left not known yet'}`;
  }

  /** A film starts. @param {string} id @param {string} name */
  start(id, name) {
    this.inFlight.set(id, { name, done: 0, total: 0, framesPerSec: 0, etaSec: null, loggedAt: performance.now() });
    if (!this.tty) this.line(`${name}: started`);
    this.draw();
  }

  /** A film's progress. @param {string} id @param {{ done: number, total: number, framesPerSec: number, etaSec: number | null }} p */
  update(id, p) {
    const f = this.inFlight.get(id);
    if (!f) return;
    Object.assign(f, p);
    if (!this.tty && performance.now() - f.loggedAt >= this.logEverySec * 1000) {
      f.loggedAt = performance.now();
      this.line(`${f.name}: ${f.done}/${f.total} s${f.framesPerSec ? `, ${f.framesPerSec.toFixed(1)} frames/s` : ''}${f.etaSec != null ? `, ~${clock(f.etaSec)} left` : ''} · ${this.summary()}`);
    }
    this.draw();
  }

  /**
   * A film ended (or was skipped): its line, and the corpus's.
   * @param {string} id @param {string} text @param {{ bytes: number, filmSec: number }} counted
   */
  end(id, text, counted) {
    this.inFlight.delete(id);
    this.finished++;
    this.bytesDone += counted.bytes;
    this.bytesLeft = Math.max(0, this.bytesLeft - counted.bytes);
    this.filmSec += counted.filmSec;
    this.line(text);
    if (!this.tty) this.line(this.summary());
    this.draw();
  }

  /** A line above the bars. @param {string} text */
  line(text) {
    this.clear();
    this.stream.write(`${text}\n`);
    this.draw();
  }

  clear() {
    if (!this.tty || !this.drawn) return;
    this.stream.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  draw() {
    if (!this.tty) return;
    this.clear();
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 60));
    const rows = [this.open ? this.summary() : `${bar(this.films ? this.finished / this.films : 1, width)} ${this.summary()}`];
    for (const f of this.inFlight.values()) rows.push(`  ${bar(f.total ? f.done / f.total : 0, width)} ${f.name.slice(0, 40)} ${f.done}/${f.total || '?'} s${f.etaSec != null ? `, ~${clock(f.etaSec)} left` : ''}`);
    this.stream.write(`${rows.join('\n')}\n`);
    this.drawn = rows.length;
  }

  /** Leaves the bars on screen as they are. */
  done() {
    this.drawn = 0;
  }
}
