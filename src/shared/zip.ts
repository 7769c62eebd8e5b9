import { strToU8, zipSync, type Zippable } from 'fflate';

/** A file to put in the archive. */
export interface ZipEntry {
  name: string;
  text: string;
}

/** The years a ZIP's DOS date can say. */
const FIRST_YEAR = 1980;
const LAST_YEAR = 2099;

/**
 * The archive's bytes (fflate's ZIP writer, deflated; names in UTF-8): entries keep their order and
 * need names of their own (the callers name films apart); `date` stamps every file (local time, 2 s steps).
 */
export function zipFiles(entries: readonly ZipEntry[], date = new Date()): Uint8Array<ArrayBuffer> {
  if (entries.length > 0xffff) throw new RangeError(`A plain ZIP holds at most 65535 files, got ${entries.length}`);
  const year = Math.min(LAST_YEAR, Math.max(FIRST_YEAR, date.getFullYear()));
  const mtime = year === date.getFullYear() ? date : new Date(year, 0, 1);
  const files: Zippable = {};
  for (const { name, text } of entries) {
    if (Object.hasOwn(files, name)) throw new RangeError(`Two files named “${name}” in one ZIP`);
    files[name] = strToU8(text);
  }
  return zipSync(files, { level: 6, mtime });
}
