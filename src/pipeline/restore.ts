import { filmShots, isShotSample } from '../shared/filmShots';
import * as db from '../store/db';
import { addFilm, useApp } from '../store/store';

/** Shows analyses saved in IndexedDB by earlier visits (complete or not) when the page opens. */
export async function restoreSaved(): Promise<void> {
  let saved: db.SavedAnalysis[];
  try {
    saved = db.inDropOrder(await db.listAnalyses());
  } catch {
    return;
  }
  for (const a of saved) {
    if (useApp.getState().films.some((f) => f.key === a.key)) continue;
    const all = await db.getSeconds(a.key).catch(() => []);
    const results = all.filter((r) => !isShotSample(r));
    if (results.length === 0) continue;
    const complete = a.complete && results.length >= a.total;
    const shots = a.cuts ? filmShots(a.cuts, results, all.filter(isShotSample)) : {};
    addFilm({
      ...shots,
      id: `saved:${a.key}`,
      name: a.info.name,
      key: a.key,
      info: a.info,
      fps: a.fps,
      status: complete ? 'done' : 'incomplete',
      results,
      progress: { done: results.length, total: a.total, fps: 0, etaSec: null },
      notice: complete ? undefined : `Saved analysis: ${results.length} of ${a.total} seconds. Drop the file again to resume.`,
    });
  }
}
