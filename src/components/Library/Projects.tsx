import { useRef, useState } from 'react';
import { buildProject, openProject, useProjectMessage } from '../../pipeline/project';
import { download } from '../Exports/download';
import { Library } from './Library';
import { HiddenFileInput } from '../FileInput/HiddenFileInput';

/** Save project / Open project… / Library: the page's analyses as one `.shotscale.json`, and what this browser keeps. */
export function Projects() {
  const input = useRef<HTMLInputElement>(null);
  const message = useProjectMessage((s) => s.message);
  const [libraryOpen, setLibraryOpen] = useState(false);
  const save = async () => {
    const project = await buildProject();
    if (project) download(project.fileName, 'application/json', project.text);
  };
  return (
    <>
      <div className="projects" role="group" aria-label="Projects">
        <button type="button" onClick={() => void save()} data-testid="project-save" title="Save every analysis on this page, with your corrections, as one .shotscale.json file">
          Save project
        </button>
        <button type="button" onClick={() => input.current?.click()} data-testid="project-open" title="Open a .shotscale.json project (or drop it on the page)">
          Open project…
        </button>
        <HiddenFileInput inputRef={input} accept=".json,application/json" testId="project-input" onFiles={([file]) => void openProject(file)} />
        <button type="button" onClick={() => setLibraryOpen((o) => !o)} aria-expanded={libraryOpen} data-testid="library-toggle">
          {libraryOpen ? 'Hide library' : 'Library'}
        </button>
      </div>
      {message && (
        <div className={`message ${message.kind === 'error' ? 'message-error' : 'message-info'}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="project-message" data-kind={message.kind}>
          <strong>{message.title}.</strong> {message.detail}
        </div>
      )}
      {libraryOpen && <Library />}
    </>
  );
}
