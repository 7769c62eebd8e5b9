/** Formats seconds as h:mm:ss or m:ss (with tenths when asked). */
export function formatTime(sec: number, tenths = false): string {
  if (!Number.isFinite(sec)) return '–';
  // Round to tenths first so 59.96 s carries into the minute (1:00.0, not 0:60.0).
  const s = Math.max(0, tenths ? Math.round(sec * 10) / 10 : sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const ss = tenths ? rest.toFixed(1).padStart(4, '0') : String(Math.floor(rest)).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Formats a byte count (KiB, MiB, GiB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** Formats a probability as a percentage. */
export function pct(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/** Formats a length in seconds the way film scholars quote ASL: one decimal and the unit ("4.2 s"). */
export function formatSeconds(sec: number): string {
  return Number.isFinite(sec) ? `${sec.toFixed(1)} s` : '–';
}
