import { useCallback, useEffect, useState } from 'react';
import { deleteSavedAnalysis } from '../../pipeline/project';
import { showSaved } from '../../pipeline/restore';
import { formatBytes, formatTime } from '../../shared/format';
import * as db from '../../store/db';
import { useApp } from '../../store/store';

interface Row {
  analysis: db.SavedAnalysis;
  sizeBytes: number;
}

/** Saved analyses in this browser: film, model, rate, seconds, size on disk, show and delete; and the site's storage use and quota. */
export function Library() {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const shownKeys = useApp((s) => s.films.map((f) => f.key).join('\n'));
  const statuses = useApp((s) => s.films.map((f) => f.status).join());

  const refresh = useCallback(async () => {
    try {
      const analyses = await db.listAnalyses();
      setRows(await Promise.all(analyses.map(async (analysis) => ({ analysis, sizeBytes: await db.analysisSizeBytes(analysis.key).catch(() => 0) }))));
      setEstimate((await navigator.storage?.estimate?.().catch(() => null)) ?? null);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);
  useEffect(() => void refresh(), [refresh, shownKeys, statuses]);

  const remove = async (key: string) => {
    if (confirm !== key) return setConfirm(key);
    setConfirm(null);
    await deleteSavedAnalysis(key).catch((err) => setError((err as Error).message));
    await refresh();
  };

  return (
    <section className="library" data-testid="library" aria-label="Saved analyses">
      {error && <div className="message message-error">Saved analyses could not be read: {error}</div>}
      {rows === null ? (
        <p>Reading saved analyses…</p>
      ) : rows.length === 0 ? (
        <p>No analysis is saved in this browser.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Film</th>
              <th>Model</th>
              <th className="num">Rate</th>
              <th className="num">Length</th>
              <th className="num">Seconds</th>
              <th>State</th>
              <th className="num">On disk</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map(({ analysis: a, sizeBytes }) => (
              <tr key={a.key} data-testid="library-row" data-name={a.info.name}>
                <td className="name" title={`${a.info.name}\nfingerprint ${a.info.fingerprint}`}>
                  {a.info.name}
                </td>
                <td>{a.modelId}</td>
                <td className="num">{a.fps}/s</td>
                <td className="num">{formatTime(a.info.durationSec)}</td>
                <td className="num">{a.total}</td>
                <td>{a.detailsMissing ? (a.corpus ? `from corpus “${a.corpus}” (no frames)` : 'from a project (no frames)') : a.complete ? 'complete' : 'incomplete'}</td>
                <td className="num" data-testid="library-size">
                  {formatBytes(sizeBytes)}
                </td>
                <td>
                  {!shownKeys.split('\n').includes(a.key) && (
                    <button type="button" onClick={() => void showSaved(a)}>
                      Show
                    </button>
                  )}{' '}
                  <button type="button" data-testid="library-delete" onClick={() => void remove(a.key)} onBlur={() => setConfirm(null)}>
                    {confirm === a.key ? 'Really delete?' : 'Delete'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="quota" data-testid="storage-quota">
        {estimate?.usage !== undefined && estimate.quota
          ? `This site uses ${formatBytes(estimate.usage)} of the ${formatBytes(estimate.quota)} the browser allows it (${((100 * estimate.usage) / estimate.quota).toFixed(1)} %), app files included.`
          : 'This browser does not report its storage quota.'}
      </p>
    </section>
  );
}
