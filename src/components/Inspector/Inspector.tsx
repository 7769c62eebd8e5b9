import { timingFieldsOf } from '../../shared/frameTiming';
import { useEffect, useMemo, useState } from 'react';
import { formatTime, pct } from '../../shared/format';
import { modelClassLabel } from '../../shared/plainWords';
import { POOL_WINDOW_SEC } from '../../shared/secondPooling';
import { SCALE_CODES, SCALE_COLORS, SCALE_NAMES } from '../../shared/taxonomy';
import type { SecondDetail } from '../../shared/types';
import { getDetail } from '../../store/db';
import { stepSelection, useApp } from '../../store/store';
import { DEFAULT_HEATMAP_OPACITY, Heatmap } from '../Heatmap/Heatmap';
import { ShotSummary } from './ShotSummary';
import { SubjectOverlay } from './SubjectOverlay';

/** The selected second: frame, CAM heatmap (opacity, class), probabilities; ←/→ to step. */
export function Inspector() {
  const selection = useApp((s) => s.selection);
  const film = useApp((s) => (s.selection ? s.films.find((f) => f.id === s.selection!.filmId) : undefined));
  const model = useApp((s) => s.model);
  const [detail, setDetail] = useState<SecondDetail | null>(null);
  const [opacity, setOpacity] = useState(DEFAULT_HEATMAP_OPACITY);
  const [camClass, setCamClass] = useState<number | 'auto'>('auto');
  const [showSubjects, setShowSubjects] = useState(true);
  const result = useMemo(() => film?.results.find((r) => r.index === selection?.index), [film, selection]);

  useEffect(() => {
    let live = true;
    setDetail(null);
    if (film?.key && selection) {
      getDetail(film.key, selection.index)
        .then((d) => live && setDetail(d ?? null))
        .catch(() => live && setDetail(null));
    }
    return () => {
      live = false;
    };
  }, [film?.key, selection?.index]);

  const thumbUrl = useMemo(() => (detail ? URL.createObjectURL(detail.thumb) : null), [detail]);
  useEffect(() => () => void (thumbUrl && URL.revokeObjectURL(thumbUrl)), [thumbUrl]);

  if (!selection || !film || !result) {
    return (
      <aside className="inspector inspector-empty" data-testid="inspector">
        Click a second on a timeline to inspect its frame and what the model looked at.
      </aside>
    );
  }
  const classes = model?.card.classes ?? [];
  const bestModelClass = detail ? detail.modelProbs.indexOf(Math.max(...detail.modelProbs)) : 0;
  const shownClass = camClass === 'auto' ? bestModelClass : camClass;
  return (
    <aside className="inspector" data-testid="inspector" data-index={selection.index}>
      <header className="inspector-header">
        <button type="button" onClick={() => stepSelection(-1)} aria-label="Previous second">
          ←
        </button>
        <div>
          <strong data-testid="inspector-time">{formatTime(result.tSec, true)}</strong> · {film.name}
        </div>
        <button type="button" onClick={() => stepSelection(1)} aria-label="Next second">
          →
        </button>
      </header>
      <div className="inspector-label" style={{ borderColor: SCALE_COLORS[result.label] }} data-testid="inspector-label">
        {result.label} <span>{SCALE_NAMES[result.label]}</span> {pct(result.probs[SCALE_CODES.indexOf(result.label)])}
      </div>
      {film.shots && <ShotSummary shots={film.shots} second={result} timing={timingFieldsOf(film)} />}
      {result.why && (
        <p className="why" data-testid="why">
          {result.why}
        </p>
      )}
      {result.pooled && (
        <p className="why" data-testid="pooled">
          This frame alone: {result.pooled.frameLabel}. In its shot, {result.pooled.votes} of the {result.pooled.of} samples within {POOL_WINDOW_SEC} s say {result.label} → {result.label}.
        </p>
      )}
      <div className="frame">
        {thumbUrl && <img src={thumbUrl} alt={`Frame at ${formatTime(result.tSec, true)}`} data-testid="frame" />}
        {detail && result.label !== 'NA' && <Heatmap detail={detail} classIndex={shownClass} opacity={opacity} />}
        {detail?.vision && showSubjects && <SubjectOverlay vision={detail.vision} />}
      </div>
      {result.label === 'NA' && <p className="hint">No subject in this frame, so no heatmap.</p>}
      <div className="cam-controls">
        <label>
          Heatmap opacity <input type="range" min={0} max={1} step={0.05} value={opacity} onChange={(e) => setOpacity(Number(e.target.value))} data-testid="opacity" />
        </label>{' '}
        {detail?.vision && (
          <label>
            <input type="checkbox" checked={showSubjects} onChange={(e) => setShowSubjects(e.target.checked)} data-testid="show-subjects" /> Show faces and bodies
          </label>
        )}
        <div className="cam-classes" role="group" aria-label="Heatmap for">
          <span>Heatmap for</span>
          {classes.map((c, i) => (
            <button type="button" key={c} className="cam-class" aria-pressed={i === shownClass} onClick={() => setCamClass(i)} data-testid={`cam-class-${c}`}>
              {modelClassLabel(c)}
            </button>
          ))}
          <button type="button" onClick={() => setCamClass('auto')} disabled={camClass === 'auto'}>
            best match
          </button>
        </div>
      </div>
      <table className="probs" data-testid="probs">
        <tbody>
          {SCALE_CODES.map((code, i) => (
            <tr key={code} className={code === result.label ? 'best' : ''}>
              <th>{code}</th>
              <td>
                <div className="prob-bar" style={{ width: pct(result.probs[i]), background: SCALE_COLORS[code] }} />
              </td>
              <td className="num">{pct(result.probs[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
