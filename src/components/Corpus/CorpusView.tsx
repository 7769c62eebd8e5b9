import { closeCorpus, setSharesBy, useCorpus } from '../../store/corpus';
import { CorpusGroups } from './CorpusGroups';
import { CorpusTable } from './CorpusTable';

/** A corpus project opened on the page: its films as a sortable table and their figures grouped by a metadata column; a film's name opens its card. */
export function CorpusView() {
  const corpus = useCorpus((s) => s.corpus);
  const sharesBy = useCorpus((s) => s.sharesBy);
  if (!corpus) return null;
  return (
    <section className="corpus" data-testid="corpus" data-films={corpus.rows.length} aria-labelledby="corpus-title">
      <header className="corpus-header">
        <h2 id="corpus-title">
          Corpus <span data-testid="corpus-name">{corpus.name}</span>
        </h2>
        <span className="hint">
          {corpus.rows.length} film{corpus.rows.length === 1 ? '' : 's'} · {corpus.fileName}
        </span>
        <label className="corpus-control">
          Scale shares by{' '}
          <select value={sharesBy} onChange={(e) => setSharesBy(e.target.value as 'screen' | 'shots')} data-testid="corpus-shares-by">
            <option value="screen">screen time</option>
            <option value="shots">shots</option>
          </select>
        </label>
        <button type="button" className="close" aria-label="Close the corpus view" title="Close the corpus view (its films stay saved in this browser)" onClick={closeCorpus} data-testid="corpus-close">
          ×
        </button>
      </header>
      <CorpusTable corpus={corpus} />
      <CorpusGroups corpus={corpus} />
    </section>
  );
}
