import { memo, useMemo, useState } from 'react';
import { formatSeconds, pct } from '../../shared/format';
import { laneBlocks, shotInOut } from '../../shared/shotLane';
import type { FilmTimingFields } from '../../shared/frameTiming';
import type { Shot } from '../../shared/shotTypes';
import { SCALE_COLORS, SCALE_NAMES } from '../../shared/taxonomy';

interface Props {
  shots: readonly Shot[];
  /** Seconds the seconds lane's axis spans, so both lanes share one time axis. */
  axisEndSec: number;
  /** The film's editing rate (and a variable-rate film's frame times), for timecodes. */
  timing?: FilmTimingFields;
  /** Index of the shot holding the selected second. */
  selectedShot: number | null;
  onSelectShot: (shot: Shot) => void;
  /** Shots the user accepted, by start frame. */
  reviewed?: Readonly<Record<number, unknown>>;
}

function ShotTooltip({ shot, timing, left }: { shot: Shot; timing?: FilmTimingFields; left: number }) {
  const [inTc, outTc] = shotInOut(shot, timing);
  return (
    <div className="tooltip shot-tooltip" data-testid="shot-tooltip" style={{ left: `${Math.min(85, Math.max(0, left * 100 - 6))}%` }}>
      <div className="tooltip-time">
        Shot {shot.index + 1} · {inTc}–{outTc}
      </div>
      {shot.unreadable ? (
        <div>Unreadable: no frame of these {formatSeconds(shot.endSec - shot.startSec)} could be decoded (damaged data, or the file ends early). No answer is given for them.</div>
      ) : (
        <>
          <div>
            <span className="swatch" style={{ background: SCALE_COLORS[shot.scale] }} /> {shot.scale} {SCALE_NAMES[shot.scale]} {pct(shot.confidence)}
          </div>
          <div>
            {formatSeconds(shot.endSec - shot.startSec)} · {shot.sampleIndices.length} sample{shot.sampleIndices.length === 1 ? '' : 's'}
            {shot.changesScale ? ' · changes scale' : ''}
            {shot.corrected ? ' · corrected' : ''}
          </div>
        </>
      )}
    </div>
  );
}

/** The shot lane under the seconds lane: a block per shot (colour = scale, opacity = confidence); hover for details, click to inspect. */
export const ShotLane = memo(function ShotLane({ shots, axisEndSec, timing, selectedShot, onSelectShot, reviewed }: Props) {
  const blocks = useMemo(() => laneBlocks(shots, axisEndSec), [shots, axisEndSec]);
  const [hovered, setHovered] = useState<number | null>(null);
  const hover = hovered === null ? undefined : blocks[hovered];
  return (
    <div className="shot-lane" data-testid="shot-lane" data-shots={shots.length} onMouseLeave={() => setHovered(null)}>
      {blocks.map(({ shot, left, width }, i) => (
        <div
          key={shot.startFrame}
          className={`shot-block${shot.unreadable ? ' shot-unreadable' : ''}${shot.changesScale ? ' shot-changes' : ''}${shot.corrected ? ' shot-corrected' : ''}${reviewed?.[shot.startFrame] !== undefined ? ' shot-reviewed' : ''}${i === selectedShot ? ' shot-selected' : ''}`}
          style={{ left: `${left * 100}%`, width: `${width * 100}%` }}
          data-testid="shot-block"
          data-scale={shot.unreadable ? 'unreadable' : shot.scale}
          data-start-frame={shot.startFrame}
          data-end-frame={shot.endFrame}
          data-changes-scale={shot.changesScale || undefined}
          data-corrected={shot.corrected || undefined}
          data-reviewed={reviewed?.[shot.startFrame] !== undefined || undefined}
          onMouseEnter={() => setHovered(i)}
          onClick={() => onSelectShot(shot)}
        >
          {shot.unreadable ? (
            <span className="shot-fill" />
          ) : (
            <span className="shot-fill" style={{ background: SCALE_COLORS[shot.scale], opacity: 0.3 + 0.7 * shot.confidence }} />
          )}
          <span className="shot-label">{shot.unreadable ? 'unreadable' : shot.scale}</span>
        </div>
      ))}
      {hover && <ShotTooltip shot={hover.shot} timing={timing} left={hover.left + hover.width / 2} />}
    </div>
  );
});
