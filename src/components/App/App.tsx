import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { initModels } from '../../pipeline/userModels';
import { stepSelection, useApp } from '../../store/store';
import { useCorpus } from '../../store/corpus';
import { Comparison } from '../Comparison/Comparison';
import { CorpusView } from '../Corpus/CorpusView';
import { DropZone } from '../DropZone/DropZone';
import { ExportAll } from '../Exports/ExportAll';
import { FilmCard } from '../FilmCard/FilmCard';
import { HowItWorks } from '../HowItWorks/HowItWorks';
import { Inspector } from '../Inspector/Inspector';
import { Legend } from '../Legend/Legend';
import { Projects } from '../Library/Projects';
import { handleReviewKey } from '../Review/reviewKeys';
import { ModelPanel } from '../Models/ModelPanel';
import { Player } from '../Player/Player';
import { ModelBadge } from './ModelBadge';

/** The page: model badge, drop zone, models, legend and Export all, how it works, an opened corpus, one card per dropped film, the comparison, player and inspector. */
export function App() {
  const filmIds = useApp(useShallow((s) => s.films.map((f) => f.id)));
  const corpusOpen = useCorpus((s) => s.corpus !== null);

  useEffect(() => {
    initModels().catch(() => undefined);
    const onKey = (e: KeyboardEvent) => {
      if (handleReviewKey(e)) return e.preventDefault();
      if (e.target instanceof HTMLInputElement && e.target.type !== 'range') return;
      if (e.key === 'ArrowLeft') stepSelection(-1);
      else if (e.key === 'ArrowRight') stepSelection(1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Shotscale <span className="tagline">shot scale, second by second, on your machine</span>
        </h1>
        <ModelBadge />
      </header>
      <DropZone />
      <Projects />
      <ModelPanel />
      <div className="page-tools">
        <Legend />
        <ExportAll />
      </div>
      <HowItWorks />
      <CorpusView />
      <main className="layout">
        <section className="films" aria-label="Films">
          {filmIds.length === 0 && <p className="empty">{corpusOpen ? 'Click a film in the corpus table to see its timeline here.' : 'Drop a film or clip to see its shot scales. Nothing leaves this computer.'}</p>}
          {filmIds.map((id) => (
            <FilmCard key={id} id={id} />
          ))}
          <Comparison />
        </section>
        <div className="side">
          <Player />
          <Inspector />
        </div>
      </main>
    </div>
  );
}
