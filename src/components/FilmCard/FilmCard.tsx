import { timingFieldsOf } from '../../shared/frameTiming';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cancelFilm, deleteSaved } from '../../pipeline/pipeline';
import { formatBytes, formatTime } from '../../shared/format';
import type { Shot } from '../../shared/shotTypes';
import { timelineSpanSec } from '../../shared/timelineBins';
import { revealFilm, useCorpus } from '../../store/corpus';
import { selectedShotIndex, selectShot } from '../../store/review';
import { removeFilm, select, useApp, type Film } from '../../store/store';
import { CompareToggle } from '../Comparison/CompareToggle';
import { Distribution } from '../Distribution/Distribution';
import { FilmExports } from '../Exports/FilmExports';
import { FilmStats } from '../FilmStats/FilmStats';
import { ProgressBar } from '../ProgressBar/ProgressBar';
import { ReviewPanel } from '../Review/ReviewPanel';
import { ShotLane } from '../ShotLane/ShotLane';
import { TimeAxis } from '../TimeAxis/TimeAxis';
import { useSharedAxisSec } from '../TimeAxis/useSharedAxis';
import { Timeline } from '../Timeline/Timeline';

function FilmInfo({ film }: { film: Film }) {
  const { info } = film;
  if (!info) return null;
  return (
    <div className="film-info">
      {formatTime(info.durationSec)} · {info.width}×{info.height} · {info.codec} in {info.container} · {formatBytes(info.sizeBytes)}
      {film.model && (
        <>
          {' '}
          · model{' '}
          <span className="film-model" data-testid="film-model" data-model={film.model.id}>
            {film.model.id} v{film.model.version}
          </span>
        </>
      )}
    </div>
  );
}

/** One film: status, progress, errors, its seconds and shot lanes, distribution, statistics, exports. */
export function FilmCard({ id }: { id: string }) {
  const film = useApp((s) => s.films.find((f) => f.id === id));
  const selection = useApp((s) => (s.selection?.filmId === id ? s.selection : null));
  const selectedIndex = selection ? selection.index : null;
  const model = useApp((s) => s.model);
  const onSelect = useCallback((index: number) => select(id, index), [id]);
  const onSelectShot = useCallback((shot: Shot) => selectShot(id, shot), [id]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const sharedAxisSec = useSharedAxisSec(id);
  const errorBox = useRef<HTMLDivElement>(null);
  const card = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const reveal = useCorpus((s) => s.reveal === id);
  useEffect(() => {
    // A film opened from the corpus table comes into view, and keyboard focus with it.
    if (!reveal) return;
    card.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
    revealFilm(null);
  }, [reveal]);
  const problem = film?.error?.title ?? film?.warning?.title;
  useEffect(() => {
    // An error shows where the user is looking: its card scrolls it into view (role=alert announces it).
    if (problem) errorBox.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [problem]);
  if (!film) return null;
  const running = film.status === 'running' || film.status === 'probing' || film.status === 'queued';
  const hasResults = film.results.length > 0;
  const shots = film.shots && film.shots.length > 0 ? film.shots : undefined;
  const selectedShot = selectedShotIndex(film, selection);
  const axisSec = timelineSpanSec(film.results, film.progress.total, film.fps);
  const durationSec = film.info?.durationSec ?? axisSec;
  return (
    <article ref={card} className={`film film-${film.status}`} data-testid="film" data-status={film.status} data-name={film.name}>
      <header className="film-header">
        <h2 ref={heading} tabIndex={-1} title={film.name}>
          {film.name}
        </h2>
        {shots && <CompareToggle id={id} />}
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
        <div ref={errorBox} className={`message ${film.status === 'cancelled' ? 'message-info' : 'message-error'}`} role="alert" data-testid="film-error">
          <strong>{film.error.title}.</strong> {film.error.detail}
        </div>
      )}
      {film.warning && (
        <div ref={film.error ? undefined : errorBox} className="message message-warning" role="alert" data-testid="film-warning">
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
          <div className="film-main">
            <div className="lanes" style={sharedAxisSec ? { width: `${(100 * axisSec) / sharedAxisSec}%` } : undefined} data-testid="lanes">
              <Timeline results={film.results} total={film.progress.total} fps={film.fps} selectedIndex={selectedIndex} onSelect={onSelect} filmKey={film.key} />
              {shots && (
                <ShotLane
                  shots={shots}
                  axisEndSec={axisSec}
                  timing={timingFieldsOf(film)}
                  selectedShot={selectedShot >= 0 ? selectedShot : null}
                  onSelectShot={onSelectShot}
                  reviewed={film.corrections?.reviewed}
                />
              )}
              <TimeAxis durationSec={durationSec} axisSec={axisSec} maxTicks={sharedAxisSec ? Math.max(2, Math.round((8 * axisSec) / sharedAxisSec)) : undefined} />
            </div>
            {shots && selection && <ReviewPanel film={film} />}
            {shots && <FilmStats shots={shots} />}
          </div>
          <div className="film-side">
            <Distribution results={film.results} />
            {hasResults && <FilmExports film={film} model={model} />}
          </div>
        </div>
      )}
    </article>
  );
}
