import { useRef, useState } from 'react';
import { describeError } from '../../shared/errors';
import { formatBytes } from '../../shared/format';
import { decodeWorker } from '../../pipeline/workers';
import { setFilmFile } from '../../store/media';
import type { Film } from '../../store/store';
import { HiddenFileInput, VIDEO_ACCEPT } from '../FileInput/HiddenFileInput';

/** Why a chosen file is not the film's, in words; null when it is the same file (same content fingerprint). */
function mismatch(film: Film, chosen: { name: string; sizeBytes: number; fingerprint: string }): string | null {
  if (!film.info || chosen.fingerprint === film.info.fingerprint) return null;
  const size = chosen.sizeBytes !== film.info.sizeBytes ? ` (${formatBytes(chosen.sizeBytes)}, not ${formatBytes(film.info.sizeBytes)})` : '';
  return `“${chosen.name}” is not the file this analysis was made from: its content differs from “${film.info.name}”${size}. Choose “${film.info.name}”.`;
}

/** After a reload the film's file is not in memory: asks for it and links it back when its content fingerprint matches. */
export function RelinkFile({ film }: { film: Film }) {
  const input = useRef<HTMLInputElement>(null);
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const check = async (file: File) => {
    setChecking(true);
    setProblem(null);
    try {
      const info = await decodeWorker().probe(file);
      const why = mismatch(film, info);
      if (why) setProblem(why);
      else setFilmFile(film.id, file);
    } catch (err) {
      const e = describeError(err);
      setProblem(`“${file.name}” could not be read: ${e.title}. ${e.detail}`);
    } finally {
      setChecking(false);
    }
  };
  return (
    <div className="player-relink" data-testid="player-relink">
      <p>
        To watch “{film.name}” here, open its file again: the analysis was saved, the film itself never is. The file is checked by its content and stays on this computer.
      </p>
      <button type="button" onClick={() => input.current?.click()} disabled={checking} data-testid="relink-button">
        {checking ? 'Checking the file…' : 'Open the film’s file…'}
      </button>
      <HiddenFileInput inputRef={input} accept={VIDEO_ACCEPT} testId="relink-input" onFiles={([file]) => void check(file)} />
      {problem && (
        <div className="message message-error" role="alert" data-testid="relink-error">
          {problem}
        </div>
      )}
    </div>
  );
}
