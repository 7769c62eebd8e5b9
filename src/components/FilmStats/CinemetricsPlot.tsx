import { useMemo } from 'react';
import { Cell, ComposedChart, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSeconds, formatTime } from '../../shared/format';
import type { LengthSeries } from '../../shared/stats';
import { SCALE_COLORS, type ScaleCode } from '../../shared/taxonomy';

interface PlotPoint {
  t: number;
  length?: number;
  trend?: number;
  average?: number;
  shot?: number;
  scale?: ScaleCode;
}

function PointTooltip({ active, payload }: { active?: boolean; payload?: { payload: PlotPoint }[] }) {
  const p = payload?.find((e) => e.payload.shot !== undefined)?.payload;
  if (!active || !p || p.length === undefined) return null;
  return (
    <div className="tooltip">
      <div className="tooltip-time">
        Shot {p.shot} · {formatTime(p.t, true)}
      </div>
      <div>
        {p.scale && <span className="swatch" style={{ background: SCALE_COLORS[p.scale] }} />} {p.scale} · {formatSeconds(p.length)}
      </div>
    </div>
  );
}

/** Cinemetrics-style plot: each shot's length at its start time, with the polynomial trend and a moving average. */
export function CinemetricsPlot({ series, durationSec }: { series: LengthSeries; durationSec: number }) {
  const points = useMemo<PlotPoint[]>(() => series.points.map((p) => ({ t: p.startSec, length: p.lengthSec, average: p.movingAverageSec, shot: p.index + 1, scale: p.scale })), [series]);
  const trend = useMemo<PlotPoint[]>(() => series.trend.map((p) => ({ t: p.tSec, trend: Math.max(0, p.lengthSec) })), [series]);
  const slope = series.linear.slopeSecPerMin;
  return (
    <figure className="stats-chart cinemetrics" data-testid="cinemetrics">
      <figcaption title={`Each dot is a shot, at its start. Trend: least-squares polynomial of degree ${series.degree}; moving average over ${series.movingAverageShots} shots; the straight-line fit changes by ${slope.toFixed(2)} s per minute.`}>
        Shot length over time <span className="key key-trend" /> trend <span className="key key-average" /> moving average · {slope >= 0 ? '+' : '−'}
        {Math.abs(slope).toFixed(2)} s/min
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <XAxis type="number" dataKey="t" domain={[0, Math.max(durationSec, 1)]} tickFormatter={(t: number) => formatTime(t)} tick={{ fontSize: 11 }} allowDuplicatedCategory={false} />
          <YAxis type="number" tick={{ fontSize: 11 }} width={40} unit=" s" allowDecimals={false} />
          <Tooltip content={<PointTooltip />} isAnimationActive={false} cursor={false} />
          <Scatter data={points} dataKey="length" name="shot length" isAnimationActive={false}>
            {points.map((p) => (
              <Cell key={p.shot} fill={p.scale ? SCALE_COLORS[p.scale] : '#ccc'} />
            ))}
          </Scatter>
          <Line data={points} dataKey="average" name="moving average" type="monotone" stroke="#9aa0ad" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          <Line data={trend} dataKey="trend" name="trend" type="monotone" stroke="#fff" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
