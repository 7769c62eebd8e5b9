import { filmFile, hasShotFiles, type FilmFileKind } from '../../pipeline/filmFiles';
import type { ModelInfo } from '../../shared/types';
import type { Film } from '../../store/store';
import { download } from './download';

/** Button label and what the file is for, per kind, once the film has shots. */
const SHOT_BUTTONS: { kind: FilmFileKind; label: string; title: string }[] = [
  { kind: 'csv', label: 'Seconds CSV', title: 'Each sampled second: time, timecode, frame, shot, scale, probabilities' },
  { kind: 'shots.csv', label: 'Shots CSV', title: 'The shot list: frames, in/out timecode, length, scale, confidence' },
  { kind: 'json', label: 'JSON', title: 'Shots, statistics and seconds as JSON (the document npm run analyze writes)' },
  { kind: 'edl', label: 'EDL', title: 'CMX3600 EDL with a marker per shot (DaVinci Resolve, Premiere)' },
  { kind: 'fcpxml', label: 'FCPXML', title: 'Final Cut Pro XML: markers and a keyword range per shot' },
  { kind: 'otio', label: 'OTIO', title: 'OpenTimelineIO timeline with a marker per shot' },
  { kind: 'srt', label: 'SRT', title: 'Subtitles naming each shot’s scale, for any player' },
  { kind: 'chapters.txt', label: 'Chapters', title: 'ffmetadata chapters, one per shot (ffmpeg -i film -i chapters.txt -map_metadata 1 …)' },
];

/** Before shots: the per-second CSV and JSON. */
const SECOND_BUTTONS: typeof SHOT_BUTTONS = [
  { kind: 'csv', label: 'CSV', title: 'Each sampled second: time, scale, probabilities' },
  { kind: 'json', label: 'JSON', title: 'The seconds as JSON, with the film and model' },
];

/** A film's export buttons: every format once it has shots, else the per-second CSV and JSON; files named as npm run analyze names them. */
export function FilmExports({ film, model }: { film: Film; model: ModelInfo | null }) {
  const shots = hasShotFiles(film);
  const save = (kind: FilmFileKind) => {
    const file = filmFile(film, model, kind);
    if (file) download(file.fileName, file.mimeType, file.text);
  };
  return (
    <div className="exports" data-testid="exports" data-mode={shots ? 'shots' : 'seconds'} role="group" aria-label="Export">
      {(shots ? SHOT_BUTTONS : SECOND_BUTTONS).map(({ kind, label, title }) => (
        <button key={kind} type="button" title={title} data-kind={kind} onClick={() => save(kind)}>
          {label}
        </button>
      ))}
    </div>
  );
}
