import { memo, useMemo } from 'react';
import { Bar, BarChart, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTime, pct } from '../../shared/format';
import { HoverThumb } from '../HoverThumb/HoverThumb';
import { topK, SCALE_COLORS } from '../../shared/taxonomy';
import { TIMELINE_MAX_BARS, timelineBins, type TimelineBin } from '../../shared/timelineBins';
import type { SecondResult } from '../../shared/types';

interface Props {
  results: readonly SecondResult[];
  total: number;
  fps: number;
  selectedIndex: number | null;
  onSelect: (index: number) => void;
  /** The film's analysis key: the hover tooltip shows the saved frame of the second under the pointer. */
  filmKey?: string;
}

function BinTooltip({ active, payload, filmKey }: { active?: boolean; payload?: { payload: TimelineBin }[]; filmKey?: string }) {
  const bin = payload?.[0]?.payload;
  if (!active || !bin || !bin.label) return null;
  return (
    <div className="tooltip" data-testid="timeline-tooltip">
      {filmKey && <HoverThumb filmKey={filmKey} index={bin.index} label={`Frame at ${formatTime(bin.tSec, true)}`} />}
      <div className="tooltip-time">{formatTime(bin.tSec, true)}</div>
      {topK(bin.probs, 3).map(({ code, p }) => (
        <div key={code}>
          <span className="swatch" style={{ background: SCALE_COLORS[code] }} /> {code} {pct(p)}
        </div>
      ))}
    </div>
  );
}

/** One lane: a coloured band per second (opacity = confidence); hover for the frame and top-3, click to select. */
export const Timeline = memo(function Timeline({ results, total, fps, selectedIndex, onSelect, filmKey }: Props) {
  const bins = useMemo(() => timelineBins(results, total, fps, TIMELINE_MAX_BARS), [results, total, fps]);
  const data = useMemo(() => bins.map((b) => ({ ...b, value: b.label ? 1 : 0 })), [bins]);
  const per = bins.length > 1 ? bins[1].index - bins[0].index : 1;
  const selectedSlot = selectedIndex === null ? null : Math.floor(selectedIndex / per);
  return (
    <div
      className="timeline"
      data-testid="timeline"
      data-seconds={results.length}
      tabIndex={0}
      role="group"
      aria-label="Seconds timeline: Enter selects a second, ← and → move it"
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || results.length === 0) return;
        e.preventDefault();
        onSelect(selectedIndex ?? results[0].index);
      }}
    >
      <ResponsiveContainer width="100%" height={48}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }} barCategoryGap={0} barGap={0}>
          <XAxis dataKey="slot" hide />
          <YAxis hide domain={[0, 1]} />
          <Tooltip content={<BinTooltip filmKey={filmKey} />} cursor={{ fill: 'rgba(255,255,255,0.15)' }} isAnimationActive={false} />
          <Bar dataKey="value" isAnimationActive={false} onClick={(_, i) => onSelect(bins[i].index)} style={{ cursor: 'pointer' }}>
            {data.map((b) => (
              <Cell key={b.slot} data-testid="timeline-cell" data-label={b.label ?? ''} fill={b.label ? SCALE_COLORS[b.label] : 'transparent'} fillOpacity={0.3 + 0.7 * b.confidence} />
            ))}
          </Bar>
          {selectedSlot !== null && <ReferenceLine x={selectedSlot} stroke="#fff" strokeWidth={2} />}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});
