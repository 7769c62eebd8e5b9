import { answerableSeconds, filmShots, isShotSample, unreadableWarning } from '../shared/filmShots';
import { splitModelKey } from '../shared/modelCard';
import * as db from '../store/db';
import { loadCorrections } from '../store/review';
import { addFilm, useApp } from '../store/store';

/** Shows one saved analysis (with its corrections) unless it is on the page already; false when it has no seconds. */
export async function showSaved(a: db.SavedAnalysis, note?: string): Promise<boolean> {
  if (useApp.getState().films.some((f) => f.key === a.key)) return true;
  const all = await db.getSeconds(a.key).catch(() => []);
  const results = all.filter((r) => !isShotSample(r));
  if (results.length === 0) return false;
  const complete = a.complete && results.length >= answerableSeconds(a.info.durationSec, a.fps, a.cuts);
  const shots = a.cuts ? filmShots(a.cuts, results, all.filter(isShotSample)) : { results };
  const id = `saved:${a.key}`;
  addFilm({
    ...shots,
    id,
    name: a.info.name,
    key: a.key,
    info: a.info,
    fps: a.fps,
    model: splitModelKey(a.modelId),
    status: complete ? 'done' : 'incomplete',
    progress: { done: results.length, total: a.total, fps: 0, etaSec: null },
    ...(a.cuts?.unreadable ? { warning: unreadableWarning(a.cuts, a.info.durationSec) } : {}),
    notice:
      note ??
      (a.detailsMissing
        ? `Opened from a project. Drop “${a.info.name}” to bring back its frames and heatmaps.`
        : complete
          ? undefined
          : `Saved analysis: ${results.length} of ${a.total} seconds. Drop the file again to resume.`),
  });
  await loadCorrections(id);
  return true;
}

/** Shows analyses saved in IndexedDB by earlier visits (complete or not) when the page opens; a corpus's films open from its table instead. */
export async function restoreSaved(): Promise<void> {
  let saved: db.SavedAnalysis[];
  try {
    saved = db.inDropOrder(await db.listAnalyses());
  } catch {
    return;
  }
  for (const a of saved) if (!a.corpus) await showSaved(a);
}
