import { useEffect, useRef, useState } from 'react';
import { analyzeFiles } from '../../pipeline/pipeline';
import { isProjectFile, openProject } from '../../pipeline/project';
import { addModelFiles, isModelFile } from '../../pipeline/userModels';
import { setSampleFps, useApp } from '../../store/store';
import { HiddenFileInput, VIDEO_ACCEPT } from '../FileInput/HiddenFileInput';

const RATES = [0.5, 1, 2, 4];

/** Drop target (the whole window) and a file picker; also the sampling-rate choice. */
export function DropZone() {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const fps = useApp((s) => s.sampleFps);

  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setOver(true);
    };
    const onDragLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      const projects = files.filter((f) => isProjectFile(f, files));
      const models = files.filter((f) => !projects.includes(f) && isModelFile(f.name));
      const films = files.filter((f) => !projects.includes(f) && !models.includes(f));
      for (const f of projects) void openProject(f);
      if (models.length) void addModelFiles(models);
      if (films.length) analyzeFiles(films);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return (
    <div className={`dropzone${over ? ' dropzone-over' : ''}`} data-testid="dropzone">
      <p>
        Drag video files here (MP4, MOV, WebM, MKV, MPEG-TS: .ts .m2ts .mts) or{' '}
        <button type="button" onClick={() => input.current?.click()}>
          choose files…
        </button>
      </p>
      <HiddenFileInput inputRef={input} accept={VIDEO_ACCEPT} multiple testId="file-input" onFiles={analyzeFiles} />
      <label className="rate">
        Sample{' '}
        <select value={fps} onChange={(e) => setSampleFps(Number(e.target.value))} data-testid="rate">
          {RATES.map((r) => (
            <option key={r} value={r}>
              {r} frame{r === 1 ? '' : 's'}/s
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
