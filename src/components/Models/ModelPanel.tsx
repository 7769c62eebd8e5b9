import { useEffect, useRef, useState } from 'react';
import { defaultCardUrl } from '../../pipeline/model';
import { addModelFiles, removeModel, selectModel } from '../../pipeline/userModels';
import { formatBytes } from '../../shared/format';
import type { ModelCard } from '../../shared/types';
import { DEFAULT_MODEL, useModels } from '../../store/models';
import { useApp } from '../../store/store';
import { HiddenFileInput } from '../FileInput/HiddenFileInput';

/** A short description of a card's network, from its `architecture` (up to the first “;” or “+”). */
function archOf(card: Pick<ModelCard, 'architecture' | 'classes'>): string {
  const arch = card.architecture?.split(/[;+]/)[0].trim();
  return `${arch ? `${arch} · ` : ''}${card.classes.length} classes`;
}

function ModelActivityBar() {
  const activity = useModels((s) => s.activity);
  if (!activity) return null;
  const { label, stage, doneBytes, totalBytes } = activity;
  const measurable = stage === 'reading' && totalBytes > 0;
  return (
    <div className="model-activity" data-testid="model-activity" data-stage={stage} role="status">
      {measurable ? <progress max={totalBytes} value={doneBytes} /> : <progress />}
      <span>{label}…</span>
    </div>
  );
}

/** A problem sentence with its `field` names set as code. */
function Problem({ text }: { text: string }) {
  return (
    <li>
      {text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}
    </li>
  );
}

function ModelProblemList() {
  const problems = useModels((s) => s.problems);
  if (!problems) return null;
  return (
    <div className="message message-error model-problems" role="alert" data-testid="model-problems">
      <strong>{problems.title}.</strong>
      <ul>
        {problems.problems.map((p) => (
          <Problem key={p} text={p} />
        ))}
      </ul>
    </div>
  );
}

/** The models new analyses can use: the built-in one and those the user added; add, pick, remove. */
export function ModelPanel() {
  const stored = useModels((s) => s.stored);
  const choice = useModels((s) => s.choice);
  const activity = useModels((s) => s.activity);
  const busy = useApp((s) => s.films.some((f) => f.status === 'queued' || f.status === 'probing' || f.status === 'running'));
  const input = useRef<HTMLInputElement>(null);
  const [builtIn, setBuiltIn] = useState<ModelCard | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);

  useEffect(() => {
    fetch(defaultCardUrl())
      .then((r) => r.json() as Promise<ModelCard>)
      .then(setBuiltIn)
      .catch(() => undefined);
  }, []);

  const locked = busy || activity !== null;
  return (
    <section className="models" data-testid="model-panel" aria-label="Models">
      <fieldset className="model-list" disabled={locked}>
        <legend>Model for new analyses</legend>
        <label className="model-option" data-testid="model-option" data-key={DEFAULT_MODEL} data-selected={choice === DEFAULT_MODEL}>
          <input type="radio" name="model" checked={choice === DEFAULT_MODEL} onChange={() => selectModel(DEFAULT_MODEL)} />
          <span>
            <strong>{builtIn ? `${builtIn.id} v${builtIn.version}` : 'Built-in model'}</strong>
            <span className="model-meta">built in{builtIn ? ` · ${archOf(builtIn)}` : ''}</span>
          </span>
        </label>
        {stored.map((m) => (
          <span key={m.key} className="model-option" data-testid="model-option" data-key={m.key} data-selected={choice === m.key}>
            <label>
              <input type="radio" name="model" checked={choice === m.key} onChange={() => selectModel(m.key)} />
              <span>
                <strong>
                  {m.card.id} v{m.card.version}
                </strong>
                <span className="model-meta">
                  yours · {archOf(m.card)} · {formatBytes(m.sizeBytes)}
                </span>
              </span>
            </label>
            <button
              type="button"
              className="remove-model"
              data-testid="remove-model"
              title="Remove this model from this browser (analyses made with it stay saved)"
              onClick={() => (confirm === m.key ? void removeModel(m.key) : setConfirm(m.key))}
              onBlur={() => setConfirm(null)}
            >
              {confirm === m.key ? 'Really remove?' : 'Remove'}
            </button>
          </span>
        ))}
      </fieldset>
      <div className="model-add">
        <button type="button" data-testid="add-model" disabled={locked} onClick={() => input.current?.click()}>
          Add your model…
        </button>
        <span className="hint">
          {busy ? 'Models can be added or switched once the films being analysed are done.' : 'An .onnx file and its model card (.json): pick both, or drop them on the page.'}
        </span>
        <HiddenFileInput inputRef={input} accept=".onnx,.json" multiple testId="model-input" onFiles={(files) => void addModelFiles(files)} />
      </div>
      <ModelActivityBar />
      <ModelProblemList />
    </section>
  );
}
