import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CorpusGroup } from '../../shared/corpus';
import { pct } from '../../shared/format';
import { SCALE_CODES, SCALE_COLORS, SCALE_NAMES } from '../../shared/taxonomy';
import { groupLabel } from './corpusFormat';

/** Groups drawn at most (the largest): a chart stays legible; the table lists them all. */
export const MAX_CHART_GROUPS = 16;

const tooltipStyle = { background: '#0d0f13ee', border: '1px solid #3a3f4d', fontSize: 12 };
const short = (s: string) => (s.length > 14 ? `${s.slice(0, 13)}…` : s);

type Datum = Record<string, number | string>;

/** Ticks from 0 past `max` at a round step (at most about five): error bars below 0 are cut, not the axis moved. */
function axisTicks(max: number, steps: readonly number[]): number[] {
  const step = steps.find((s) => max / s <= 5) ?? steps[steps.length - 1];
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Math.round(i * step * 1000) / 1000);
}

/** The mean ± SD a bar stands for, from its row of the chart's data. */
function meanSd(item: unknown, format: (v: number) => string): string {
  const { dataKey, payload } = item as { dataKey: string; payload: Datum };
  const mean = payload[dataKey] as number;
  const sd = payload[`${dataKey}_sd`] as number;
  return Number(payload[`${dataKey}_n`]) > 1 ? `${format(mean)} ± ${format(sd)}` : format(mean);
}

/**
 * The groups side by side in two charts: each scale's mean share (bars in the scale's colour) with
 * its SD as error bars, and the mean ASL with its SD. Groups without shots are left out.
 */
export function CorpusGroupCharts({ groups, column, sharesBy }: { groups: CorpusGroup[]; column: string; sharesBy: 'screen' | 'shots' }) {
  const withShots = groups.filter((g) => g.nWithShots > 0);
  const largest = new Set([...withShots].sort((a, b) => b.n - a.n).slice(0, MAX_CHART_GROUPS));
  const shown = withShots.filter((g) => largest.has(g));
  const shares = shown.map((g): Datum => {
    const s = (sharesBy === 'screen' ? g.screenShares : g.shotShares)!;
    return { group: groupLabel(g, column), ...Object.fromEntries(SCALE_CODES.flatMap((c) => [[c, s[c].mean], [`${c}_sd`, s[c].sd ?? 0], [`${c}_n`, g.nWithShots]])) };
  });
  const asl = shown.map((g): Datum => ({ group: groupLabel(g, column), asl: g.asl!.mean, asl_sd: g.asl!.sd ?? 0, asl_n: g.nWithShots }));
  const shareTicks = axisTicks(Math.min(1, Math.max(0.1, ...shares.flatMap((d) => SCALE_CODES.map((c) => (d[c] as number) + (d[`${c}_sd`] as number))))), [0.1, 0.2, 0.25]);
  const aslTicks = axisTicks(Math.max(1, ...asl.map((d) => (d.asl as number) + (d.asl_sd as number))), [0.5, 1, 2, 5, 10, 15, 30, 60, 120]);
  const tilt = shown.length > 5;
  const xAxis = <XAxis dataKey="group" tick={{ fontSize: 11 }} interval={0} tickFormatter={short} angle={tilt ? -25 : 0} textAnchor={tilt ? 'end' : 'middle'} height={tilt ? 52 : 24} />;
  if (shown.length === 0) return null;
  return (
    <div className="corpus-charts">
      <figure className="stats-chart" data-testid="corpus-chart-shares">
        <figcaption>
          Mean share of {sharesBy === 'screen' ? 'screen time' : 'shots'} per {column}, ± SD
          {withShots.length > shown.length && ` (the ${shown.length} largest of ${withShots.length} groups)`}
        </figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={shares} margin={{ top: 6, right: 8, bottom: 0, left: 0 }} barGap={0} barCategoryGap="14%">
            <CartesianGrid vertical={false} stroke="#2c303b" />
            {xAxis}
            <YAxis domain={[0, shareTicks[shareTicks.length - 1]]} ticks={shareTicks} allowDataOverflow tickFormatter={(v: number) => pct(v)} tick={{ fontSize: 11 }} width={40} />
            <Tooltip formatter={(_v: unknown, _name: unknown, item: unknown) => meanSd(item, pct)} contentStyle={tooltipStyle} cursor={{ fill: 'rgba(255,255,255,0.06)' }} isAnimationActive={false} />
            {SCALE_CODES.map((code) => (
              <Bar key={code} dataKey={code} name={`${code} ${SCALE_NAMES[code]}`} fill={SCALE_COLORS[code]} isAnimationActive={false}>
                <ErrorBar dataKey={`${code}_sd`} width={2} stroke="#d8dbe2" strokeWidth={1} />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="stats-chart" data-testid="corpus-chart-asl">
        <figcaption>Mean ASL per {column}, ± SD</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={asl} margin={{ top: 6, right: 8, bottom: 0, left: 0 }} barCategoryGap="24%">
            <CartesianGrid vertical={false} stroke="#2c303b" />
            {xAxis}
            <YAxis domain={[0, aslTicks[aslTicks.length - 1]]} ticks={aslTicks} allowDataOverflow tickFormatter={(v: number) => `${v} s`} tick={{ fontSize: 11 }} width={44} />
            <Tooltip formatter={(_v: unknown, _name: unknown, item: unknown) => meanSd(item, (v) => `${v.toFixed(1)} s`)} contentStyle={tooltipStyle} cursor={{ fill: 'rgba(255,255,255,0.06)' }} isAnimationActive={false} />
            <Bar dataKey="asl" name="ASL" fill="#8fa3c8" isAnimationActive={false}>
              <ErrorBar dataKey="asl_sd" width={4} stroke="#d8dbe2" strokeWidth={1} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
