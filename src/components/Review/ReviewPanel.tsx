import { timingFieldsOf } from '../../shared/frameTiming';
import { useEffect, useState } from 'react';
import { applyToRest, revertAdaptation } from '../../pipeline/adapt';
import { MIN_ADAPT_ITEMS } from '../../shared/adapt';
import { emptyCorrections, labelledShots, reviewCounts } from '../../shared/corrections';
import { pct } from '../../shared/format';
import { shotInOut } from '../../shared/shotLane';
import { SCALE_CODES, SCALE_NAMES, type ScaleCode } from '../../shared/taxonomy';
import {
  acceptSelected,
  canUndoRedo,
  mergeSelected,
  redo,
  selectedShotIndex,
  setSelectedScale,
  splitFrameOfSelection,
  splitSelected,
  stepLowConfidence,
  stepShot,
  undo,
  useReviewNote,
} from '../../store/review';
import { useApp, type Film } from '../../store/store';

const KEY_OF: Record<ScaleCode, string> = { ECU: '1', CU: '2', MCU: '3', MS: '4', MLS: '5', LS: '6', ELS: '7', NA: '0' };

/** Review of the selected shot of a film: scale menu, split, merge, accept, undo/redo, low-confidence stepping, progress. */
export function ReviewPanel({ film }: { film: Film }) {
  const selection = useApp((s) => s.selection);
  const note = useReviewNote((s) => s.note);
  const initialFrame = splitFrameOfSelection();
  const [splitFrame, setSplitFrame] = useState<string>(initialFrame === undefined ? '' : String(initialFrame));
  useEffect(() => setSplitFrame(initialFrame === undefined ? '' : String(initialFrame)), [initialFrame]);
  const shots = film.shots;
  if (!shots || shots.length === 0 || !film.info) return null;
  const k = selectedShotIndex(film, selection);
  const c = film.corrections ?? emptyCorrections(film.info.fingerprint);
  const counts = reviewCounts(shots, c);
  const history = canUndoRedo(film.id);
  const shot = k >= 0 ? shots[k] : undefined;
  const progress = (
    <span className="review-counts" data-testid="review-counts" data-corrected={counts.corrected} data-reviewed={counts.reviewed}>
      {counts.corrected} corrected · {counts.reviewed} of {shots.length} reviewed · {counts.low} low-confidence left
    </span>
  );
  if (!shot) {
    return (
      <div className="review" data-testid="review">
        {progress} <span className="hint">Select a shot to review it (click it, or ↑/↓ once a second is selected).</span>
      </div>
    );
  }
  const [inTc, outTc] = shotInOut(shot, timingFieldsOf(film));
  return (
    <div className="review" data-testid="review" data-shot={shot.index + 1} role="group" aria-label="Review the selected shot">
      <div className="review-row">
        <button type="button" onClick={() => stepShot(-1)} aria-label="Previous shot (↑)" title="Previous shot (↑)">
          ↑
        </button>
        <strong>
          Shot {shot.index + 1}/{shots.length}
        </strong>
        <span className="review-tc">
          {inTc}–{outTc}
        </span>
        <button type="button" onClick={() => stepShot(1)} aria-label="Next shot (↓)" title="Next shot (↓)">
          ↓
        </button>
        <label>
          Scale{' '}
          <select
            value={shot.scale}
            data-testid="review-scale"
            onChange={(e) => {
              setSelectedScale(e.target.value as ScaleCode);
              e.target.blur();
            }}
          >
            {SCALE_CODES.map((code) => (
              <option key={code} value={code}>
                {code} {SCALE_NAMES[code]} ({KEY_OF[code]})
              </option>
            ))}
          </select>
        </label>
        <span className="review-state" data-testid="review-state">
          {shot.corrected ? 'corrected' : c.reviewed[shot.startFrame] ? 'accepted' : c.adapted?.[shot.startFrame] ? `adapted from your corrections (model ${pct(shot.confidence)})` : `model ${pct(shot.confidence)}`}
        </span>
        <button type="button" onClick={acceptSelected} data-testid="review-accept" title="Accept this shot's scale and go to the next shot (Enter)">
          Accept ⏎
        </button>
        <button type="button" onClick={() => stepLowConfidence(1)} data-testid="review-next-low" title="Next low-confidence shot (N; Shift+N previous)">
          Next unsure (N)
        </button>
      </div>
      <div className="review-row">
        <label>
          Split at frame{' '}
          <input type="number" className="review-frame" min={shot.startFrame + 1} max={shot.endFrame} value={splitFrame} onChange={(e) => setSplitFrame(e.target.value)} data-testid="review-split-frame" />
        </label>
        <button type="button" onClick={() => splitSelected(splitFrame === '' ? undefined : Number(splitFrame))} data-testid="review-split" title="Split the shot at this frame (S splits at the selected second)">
          Split (S)
        </button>
        <button type="button" onClick={mergeSelected} disabled={k === shots.length - 1} data-testid="review-merge" title="Merge with the next shot (M)">
          Merge with next (M)
        </button>
        <button type="button" onClick={undo} disabled={!history.undo} data-testid="review-undo" title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!history.redo} data-testid="review-redo" title="Redo (Ctrl+Y or Ctrl+Shift+Z)">
          Redo
        </button>
        {progress}
      </div>
      <div className="review-row">
        <button
          type="button"
          onClick={() => void applyToRest(film.id)}
          disabled={labelledShots(shots, c).length < MIN_ADAPT_ITEMS}
          data-testid="review-adapt"
          title={`Learn from the shots you corrected or accepted (at least ${MIN_ADAPT_ITEMS}) and re-label the other shots of this film`}
        >
          Apply to the rest of this film
        </button>
        {c.adapted && (
          <>
            <span className="review-counts" data-testid="review-adapted" data-changed={Object.keys(c.adapted).length}>
              {Object.keys(c.adapted).length} shots re-labelled from {c.adaptedFrom} of yours
            </span>
            <button type="button" onClick={() => revertAdaptation(film.id)} data-testid="review-revert">
              Revert
            </button>
          </>
        )}
      </div>
      {note && (
        <div className="message message-info" data-testid="review-note">
          {note}
        </div>
      )}
      <p className="hint review-keys">Keys: 1–7 ECU…ELS, 0 NA · S split · M merge · Enter accept · ↑/↓ shots · N / Shift+N unsure shots · Ctrl+Z / Ctrl+Y undo, redo</p>
    </div>
  );
}
