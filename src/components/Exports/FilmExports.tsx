import { analysisExportInput, secondsExportFiles } from '../../shared/exports/analysis';
import type { ExportModel } from '../../shared/exports/film';
import { filmExportFiles, type ExportFile, type ExportFormat } from '../../shared/exports';
import { statsOf } from '../../shared/statsCache';
import type { Film } from '../../store/store';
import { download } from './download';

/** Button label and what the file is for, per format. */
const FORMATS: { format: ExportFormat; label: string; title: string }[] = [
  { format: 'seconds.csv', label: 'Seconds CSV', title: 'Each sampled second: time, timecode, frame, shot, scale, probabilities' },
  { format: 'shots.csv', label: 'Shots CSV', title: 'The shot list: frames, in/out timecode, length, scale, confidence' },
  { format: 'shots.json', label: 'JSON', title: 'The shot list and statistics as JSON (what npm run analyze writes)' },
  { format: 'edl', label: 'EDL', title: 'CMX3600 EDL with a marker per shot (DaVinci Resolve, Premiere)' },
  { format: 'fcpxml', label: 'FCPXML', title: 'Final Cut Pro XML: markers and a keyword range per shot' },
  { format: 'otio', label: 'OTIO', title: 'OpenTimelineIO timeline with a marker per shot' },
  { format: 'srt', label: 'SRT', title: 'Subtitles naming each shot’s scale, for any player' },
  { format: 'chapters.txt', label: 'Chapters', title: 'ffmetadata chapters, one per shot (ffmpeg -i film -i chapters.txt -map_metadata 1)' },
];

const save = (file: ExportFile) => download(file.fileName, file.mimeType, file.text);

/** A film's export buttons: every format once it has shots, else the per-second CSV and JSON. */
export function FilmExports({ film, model }: { film: Film; model?: ExportModel }) {
  const input = analysisExportInput(film, model);
  if (!input) {
    const files = () => secondsExportFiles(film, model);
    return (
      <div className="exports" data-testid="exports" data-mode="seconds">
        <button type="button" data-format="shotscale.csv" onClick={() => save(files()[0])}>
          CSV
        </button>
        <button type="button" data-format="shotscale.json" onClick={() => save(files()[1])}>
          JSON
        </button>
      </div>
    );
  }
  return (
    <div className="exports" data-testid="exports" data-mode="shots" role="group" aria-label="Export">
      {FORMATS.map(({ format, label, title }) => (
        <button key={format} type="button" title={title} data-format={format} onClick={() => save(filmExportFiles({ ...input, stats: statsOf(input.shots) }, [format])[0])}>
          {label}
        </button>
      ))}
    </div>
  );
}
