import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { pct } from '../../shared/format';
import type { FilmComparison } from '../../shared/stats';
import { filmColor } from './filmColors';

/** Each film's scale distribution as grouped bars on one axis (0 to `maxShare`, shared by both charts), by shots or by screen time. */
export function ComparisonChart({ comparison, by, maxShare }: { comparison: FilmComparison; by: 'shots' | 'screen'; maxShare: number }) {
  const data = comparison.scales.map((s) => ({ code: s.code, ...Object.fromEntries((by === 'shots' ? s.shotFractions : s.screenFractions).map((v, i) => [`f${i}`, v])) }));
  return (
    <figure className="stats-chart" data-testid={`comparison-chart-${by}`}>
      <figcaption>Scale distribution by {by === 'shots' ? 'shot count' : 'screen time'}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barGap={1} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke="#2c303b" />
          <XAxis dataKey="code" tick={{ fontSize: 11 }} interval={0} />
          <YAxis domain={[0, maxShare]} tickFormatter={(v: number) => pct(v)} tick={{ fontSize: 11 }} width={40} allowDataOverflow={false} />
          <Tooltip formatter={(v: unknown) => (typeof v === 'number' ? pct(v) : String(v))} contentStyle={{ background: '#0d0f13ee', border: '1px solid #3a3f4d', fontSize: 12 }} cursor={{ fill: 'rgba(255,255,255,0.06)' }} isAnimationActive={false} />
          {comparison.names.map((name, i) => (
            <Bar key={i} dataKey={`f${i}`} name={name} fill={filmColor(i)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
