import { useCallback, useState } from 'react';
import { cancelFilm, deleteSaved } from '../../pipeline/pipeline';
import { resultsToCsv, resultsToJson } from '../../shared/export';
import { formatBytes, formatTime } from '../../shared/format';
import { isCoarseModel } from '../../shared/taxonomy';
import { removeFilm, select, useApp, type Film } from '../../store/store';
import { Distribution } from '../Distribution/Distribution';
import { ProgressBar } from '../ProgressBar/ProgressBar';
import { Timeline } from '../Timeline/Timeline';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

function FilmInfo({ film }: { film: Film }) {
  const { info } = film;
  if (!info) return null;
  return (
    <div className="film-info">
      {formatTime(info.durationSec)} · {info.width}×{info.height} · {info.codec} in {info.container} · {formatBytes(info.sizeBytes)}
    </div>
  );
}

/** One film: status, progress, errors, its timeline lane and distribution, exports. */
export function FilmCard({ id }: { id: string }) {
  const film = useApp((s) => s.films.find((f) => f.id === id));
  const selectedIndex = useApp((s) => (s.selection?.filmId === id ? s.selection.index : null));
  const model = useApp((s) => s.model);
  const onSelect = useCallback((index: number) => select(id, index), [id]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  if (!film) return null;
  const running = film.status === 'running' || film.status === 'probing' || film.status === 'queued';
  const hasResults = film.results.length > 0;
  const modelRef = model ? { id: model.card.id, version: model.card.version, backend: model.backend } : undefined;
  return (
    <article className={`film film-${film.status}`} data-testid="film" data-status={film.status} data-name={film.name}>
      <header className="film-header">
        <h2 title={film.name}>{film.name}</h2>
        <span className="status" data-testid="film-status">
          {film.status === 'queued' ? 'waiting' : film.status === 'probing' ? 'opening…' : film.status}
        </span>
        {!running && film.key && (
          <button
            type="button"
            className="delete-saved"
            data-testid="delete-saved"
            title="Delete this film's saved results from this browser"
            onClick={() => (confirmDelete ? void deleteSaved(id) : setConfirmDelete(true))}
            onBlur={() => setConfirmDelete(false)}
          >
            {confirmDelete ? 'Really delete?' : 'Delete saved'}
          </button>
        )}
        {!running && (
          <button type="button" className="close" aria-label={`Close ${film.name}`} onClick={() => removeFilm(id)}>
            ×
          </button>
        )}
      </header>
      <FilmInfo film={film} />
      {film.error && (
        <div className={`message ${film.status === 'cancelled' ? 'message-info' : 'message-error'}`} role="alert" data-testid="film-error">
          <strong>{film.error.title}.</strong> {film.error.detail}
        </div>
      )}
      {film.warning && (
        <div className="message message-warning" role="alert" data-testid="film-warning">
          <strong>{film.warning.title}.</strong> {film.warning.detail}
        </div>
      )}
      {film.notice && (
        <div className="message message-info" data-testid="film-notice">
          {film.notice}
        </div>
      )}
      {running && <ProgressBar progress={film.progress} onCancel={() => cancelFilm(id)} />}
      {(hasResults || film.status === 'running') && (
        <div className="film-body">
          <Timeline results={film.results} total={film.progress.total} fps={film.fps} selectedIndex={selectedIndex} onSelect={onSelect} />
          <div className="film-side">
            <Distribution results={film.results} />
            {model && isCoarseModel(model.card.classes) && <p className="hint">The CNN sees one medium class; MCU, MS and MLS come from where the frame cuts the body (face and pose detection).</p>}
            {hasResults && (
              <div className="exports">
                <button type="button" onClick={() => download(`${baseName(film.name)}.shotscale.csv`, 'text/csv', resultsToCsv(film.results))}>
                  CSV
                </button>
                <button type="button" onClick={() => download(`${baseName(film.name)}.shotscale.json`, 'application/json', resultsToJson(film.info, modelRef, film.fps, film.results))}>
                  JSON
                </button>
              </div>
            )}
          </div>
        </div>
      )}
    </article>
  );
}
