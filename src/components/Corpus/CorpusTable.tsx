import { memo, useCallback, useMemo, useState, type ReactNode } from 'react';
import { showCorpusFilm } from '../../pipeline/project';
import { corpusValue, sortCorpusRows, type CorpusColumn, type CorpusRow } from '../../shared/corpus';
import { SCALE_CODES, SCALE_COLORS, SCALE_NAMES } from '../../shared/taxonomy';
import { setCorpusPage, sortCorpusBy, useCorpus, type OpenCorpus } from '../../store/corpus';
import { columnLabel, figureText } from './corpusFormat';

/** Films per page of the table: hundreds of films stay responsive, one page of rows drawn at a time. */
export const CORPUS_PAGE_ROWS = 50;

interface Column {
  id: CorpusColumn;
  label: ReactNode;
  title?: string;
  numeric: boolean;
}

function columnsOf(corpus: OpenCorpus, sharesBy: 'screen' | 'shots'): Column[] {
  const share = sharesBy === 'screen' ? 'screen time' : 'shots';
  return [
    { id: 'name', label: 'Film', title: 'File name: click one to open its timeline', numeric: false },
    ...corpus.columns.map((c): Column => ({ id: `meta:${c}`, label: columnLabel(c), numeric: false })),
    { id: 'durationSec', label: 'Duration', numeric: true },
    { id: 'shotCount', label: 'Shots', numeric: true },
    { id: 'aslSec', label: 'ASL', title: 'Average shot length: duration over the number of shots', numeric: true },
    { id: 'medianSec', label: 'Median', title: 'Median shot length', numeric: true },
    { id: 'cv', label: 'CV', title: 'Coefficient of variation of the shot lengths (SD / ASL)', numeric: true },
    ...SCALE_CODES.map(
      (code): Column => ({
        id: `${sharesBy}:${code}`,
        label: (
          <>
            <span className="swatch" style={{ background: SCALE_COLORS[code] }} />
            {code}
          </>
        ),
        title: `${SCALE_NAMES[code]}: share of ${share}`,
        numeric: true,
      }),
    ),
  ];
}

const Row = memo(function Row({ row, rowIndex, columns, onOpen }: { row: CorpusRow; rowIndex: number; columns: Column[]; onOpen: (row: CorpusRow) => void }) {
  return (
    <tr data-testid="corpus-row" data-key={row.key} aria-rowindex={rowIndex}>
      <th scope="row" className="corpus-film">
        <button type="button" className="link" onClick={() => onOpen(row)} title={`Open the timeline of ${row.name}`} data-testid="corpus-film">
          {row.name}
        </button>
      </th>
      {columns.slice(1).map((c) => {
        const v = corpusValue(row, c.id);
        return (
          <td key={c.id} className={v === 0 && c.id.includes(':') ? 'num zero' : c.numeric ? 'num' : undefined} data-col={c.id} data-value={v ?? ''}>
            {figureText(c.id, v)}
          </td>
        );
      })}
    </tr>
  );
});

/** Every film of the corpus, a page at a time: metadata, duration, shots, ASL, median, CV and each scale's share; a heading sorts (again: the other way), a name opens the film's card. */
export function CorpusTable({ corpus }: { corpus: OpenCorpus }) {
  const sort = useCorpus((s) => s.sort);
  const pageStart = useCorpus((s) => s.pageStart);
  const sharesBy = useCorpus((s) => s.sharesBy);
  const [problem, setProblem] = useState<string | null>(null);
  const columns = useMemo(() => columnsOf(corpus, sharesBy), [corpus, sharesBy]);
  const sorted = useMemo(() => (sort ? sortCorpusRows(corpus.rows, sort.column, sort.direction) : corpus.rows), [corpus.rows, sort]);
  const start = Math.min(pageStart, Math.max(0, sorted.length - 1) - (Math.max(0, sorted.length - 1) % CORPUS_PAGE_ROWS));
  const page = sorted.slice(start, start + CORPUS_PAGE_ROWS);
  const open = useCallback((row: CorpusRow) => {
    setProblem(null);
    showCorpusFilm(row.key)
      .then((shown) => shown || setProblem(`“${row.name}” has no analysed seconds to show.`))
      .catch((err: Error) => setProblem(`“${row.name}” could not be opened: ${err.message}`));
  }, []);
  return (
    <>
      <div className="corpus-table-wrap">
        <table className="corpus-table" data-testid="corpus-table" aria-rowcount={sorted.length + 1}>
          <caption>
            The films, {sharesBy === 'screen' ? 'each scale as its share of screen time' : 'each scale as its share of the shots'}. Click a heading to sort by it, again to reverse; click a film to open its timeline.
          </caption>
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((c) => {
                const direction = sort?.column === c.id ? sort.direction : undefined;
                return (
                  <th key={c.id} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={direction} data-col={c.id}>
                    <button type="button" className="sort" title={c.title} onClick={() => sortCorpusBy(c.id)} data-testid="corpus-sort">
                      {c.label}
                      <span className="sort-mark" aria-hidden="true">
                        {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {page.map((row, i) => (
              <Row key={row.key} row={row} rowIndex={start + i + 2} columns={columns} onOpen={open} />
            ))}
          </tbody>
        </table>
      </div>
      {problem && (
        <div className="message message-error" role="alert" data-testid="corpus-problem">
          {problem}
        </div>
      )}
      <nav className="corpus-pager" aria-label="Pages of films">
        <button type="button" disabled={start === 0} onClick={() => setCorpusPage(start - CORPUS_PAGE_ROWS)} data-testid="corpus-previous">
          Previous
        </button>
        <span data-testid="corpus-count" aria-live="polite">
          Films {sorted.length ? start + 1 : 0}–{start + page.length} of {sorted.length}
        </span>
        <button type="button" disabled={start + CORPUS_PAGE_ROWS >= sorted.length} onClick={() => setCorpusPage(start + CORPUS_PAGE_ROWS)} data-testid="corpus-next">
          Next
        </button>
      </nav>
    </>
  );
}
