import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { pct } from '../../shared/format';
import type { FilmStats } from '../../shared/stats';
import { SCALE_CODES, SCALE_COLORS, SCALE_NAMES } from '../../shared/taxonomy';

const label = (v: unknown) => (typeof v === 'number' && v > 0 ? pct(v) : '');

/** Scale distribution by shot count (solid) and by screen time (pale), side by side per scale. */
export function ScaleShareChart({ stats }: { stats: FilmStats }) {
  const data = SCALE_CODES.map((code) => ({ code, shots: stats.scaleShotFractions[code], screen: stats.scaleScreenFractions[code] }));
  return (
    <figure className="stats-chart scale-shares" data-testid="scale-shares">
      <figcaption title="Each scale's share of the shots (solid) and of the film's running time (pale)">
        Scale <span className="key key-solid" /> shots <span className="key key-pale" /> screen time
      </figcaption>
      <ResponsiveContainer width="100%" height={236}>
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 34, bottom: 0, left: 0 }} barGap={1} barCategoryGap={3}>
          <XAxis type="number" hide domain={[0, 1]} />
          <YAxis type="category" dataKey="code" width={38} tick={{ fontSize: 11 }} interval={0} tickFormatter={(c: string) => c} />
          <Bar dataKey="shots" name="share of shots" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.code} fill={SCALE_COLORS[d.code]}>
                <title>{`${SCALE_NAMES[d.code]}: ${pct(d.shots)} of shots`}</title>
              </Cell>
            ))}
            <LabelList dataKey="shots" position="right" formatter={label} style={{ fontSize: 10, fill: '#ccc' }} />
          </Bar>
          <Bar dataKey="screen" name="share of screen time" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.code} fill={SCALE_COLORS[d.code]} fillOpacity={0.4} />
            ))}
            <LabelList dataKey="screen" position="right" formatter={label} style={{ fontSize: 10, fill: '#999' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
