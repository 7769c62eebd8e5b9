import { memo, useMemo } from 'react';
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { pct } from '../../shared/format';
import { SCALE_COLORS } from '../../shared/taxonomy';
import { distribution } from '../../shared/timelineBins';
import type { SecondResult } from '../../shared/types';

/** Share of seconds per shot scale. */
export const Distribution = memo(function Distribution({ results }: { results: readonly SecondResult[] }) {
  const data = useMemo(() => distribution(results), [results]);
  return (
    <div className="distribution" data-testid="distribution">
      <ResponsiveContainer width="100%" height={170}>
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 40, bottom: 0, left: 0 }}>
          <XAxis type="number" hide domain={[0, 1]} />
          <YAxis type="category" dataKey="code" width={38} tick={{ fontSize: 11 }} interval={0} />
          <Bar dataKey="share" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.code} fill={SCALE_COLORS[d.code]} />
            ))}
            <LabelList dataKey="share" position="right" formatter={(v: unknown) => (typeof v === 'number' && v > 0 ? pct(v) : '')} style={{ fontSize: 11, fill: '#ccc' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});
