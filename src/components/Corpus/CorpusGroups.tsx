import { useMemo } from 'react';
import { groupCorpusRows, groupFigures, groupingColumns, type CorpusGroup } from '../../shared/corpus';
import { SCALE_CODES, SCALE_COLORS, SCALE_NAMES } from '../../shared/taxonomy';
import { setGroupBy, useCorpus, type OpenCorpus } from '../../store/corpus';
import { CorpusGroupCharts } from './CorpusGroupCharts';
import { columnLabel, groupLabel, spreadText } from './corpusFormat';

function GroupRow({ group, label, sharesBy, testId }: { group: CorpusGroup; label: string; sharesBy: 'screen' | 'shots'; testId: string }) {
  const shares = sharesBy === 'screen' ? group.screenShares : group.shotShares;
  return (
    <tr data-testid={testId} data-value={label} data-n={group.n}>
      <th scope="row">{label}</th>
      <td className="num" data-col="n" title={group.nWithShots < group.n ? `${group.n - group.nWithShots} without shots, left out of the figures` : undefined}>
        {group.n}
        {group.nWithShots < group.n && <span className="muted"> ({group.nWithShots} with shots)</span>}
      </td>
      <td className="num" data-col="asl">
        {spreadText(group.asl, 's')}
      </td>
      <td className="num" data-col="median">
        {spreadText(group.median, 's')}
      </td>
      <td className="num" data-col="cv">
        {spreadText(group.cv, '')}
      </td>
      {SCALE_CODES.map((code) => (
        <td key={code} className={shares?.[code].mean === 0 ? 'num zero' : 'num'} data-col={code}>
          {spreadText(shares?.[code], '%')}
        </td>
      ))}
    </tr>
  );
}

/** The films grouped by a metadata column (or decade): per group, the films, and the mean ± SD of ASL, median, CV and each scale's share; one chart of them. */
export function CorpusGroups({ corpus }: { corpus: OpenCorpus }) {
  const groupBy = useCorpus((s) => s.groupBy);
  const sharesBy = useCorpus((s) => s.sharesBy);
  const options = useMemo(() => groupingColumns(corpus.columns), [corpus.columns]);
  const groups = useMemo(() => (groupBy ? groupCorpusRows(corpus.rows, groupBy) : []), [corpus.rows, groupBy]);
  const all = useMemo(() => groupFigures(corpus.rows, null), [corpus.rows]);
  const share = sharesBy === 'screen' ? 'screen time' : 'shots';
  return (
    <section className="corpus-groups" aria-labelledby="corpus-groups-title">
      <header className="corpus-groups-header">
        <h3 id="corpus-groups-title">Grouped</h3>
        <label className="corpus-control">
          Group by{' '}
          <select value={groupBy ?? ''} onChange={(e) => setGroupBy(e.target.value || null)} data-testid="corpus-group-by">
            <option value="">(no grouping)</option>
            {options.map((c) => (
              <option key={c} value={c}>
                {columnLabel(c)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="corpus-table-wrap">
        <table className="corpus-table corpus-group-table" data-testid="corpus-groups">
          <caption>
            {groupBy ? `By ${groupBy}: ` : 'The whole corpus: '}mean ± standard deviation over the films with shots; scales as their share of {share}.
          </caption>
          <thead>
            <tr>
              <th scope="col">{groupBy ? columnLabel(groupBy) : ''}</th>
              <th scope="col" className="num">
                Films
              </th>
              <th scope="col" className="num" title="Average shot length">
                ASL
              </th>
              <th scope="col" className="num" title="Median shot length">
                Median
              </th>
              <th scope="col" className="num" title="Coefficient of variation of the shot lengths">
                CV
              </th>
              {SCALE_CODES.map((code) => (
                <th key={code} scope="col" className="num" title={`${SCALE_NAMES[code]}: share of ${share}`}>
                  <span className="swatch" style={{ background: SCALE_COLORS[code] }} />
                  {code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <GroupRow key={g.value ?? ''} group={g} label={groupLabel(g, groupBy!)} sharesBy={sharesBy} testId="corpus-group" />
            ))}
          </tbody>
          <tfoot>
            <GroupRow group={all} label="All films" sharesBy={sharesBy} testId="corpus-group-all" />
          </tfoot>
        </table>
      </div>
      {groupBy && groups.length > 0 && <CorpusGroupCharts groups={groups} column={groupBy} sharesBy={sharesBy} />}
    </section>
  );
}
