import { allFilmFiles } from '../../pipeline/filmFiles';
import { zipFiles } from '../../shared/zip';
import { useApp } from '../../store/store';
import { download } from './download';

/** "Export all": one ZIP holding every analysed film's files, named as npm run analyze names them. */
export function ExportAll() {
  const count = useApp((s) => s.films.filter((f) => f.results.length > 0).length);
  const onClick = () => {
    const { films, model } = useApp.getState();
    const files = allFilmFiles(films, model);
    download('shotscale-export.zip', 'application/zip', zipFiles(files.map((f) => ({ name: f.fileName, text: f.text }))));
  };
  return (
    <button type="button" className="export-all" data-testid="export-all" disabled={count === 0} onClick={onClick} title="Every film's exports in one ZIP file">
      Export all{count > 0 ? ` (${count} film${count === 1 ? '' : 's'})` : ''}
    </button>
  );
}
