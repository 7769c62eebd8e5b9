import { useApp } from '../../store/store';

/** Shows which model and backend run, or why the model failed to load. */
export function ModelBadge() {
  const model = useApp((s) => s.model);
  const error = useApp((s) => s.modelError);
  if (error) {
    return (
      <div className="badge badge-error" role="alert" data-testid="model-error">
        {error.title}: {error.detail}
      </div>
    );
  }
  if (!model) return <div className="badge">Loading model…</div>;
  const { card, backend, threads, backendNote } = model;
  return (
    <div className="badge" data-testid="backend" data-backend={backend} title={backendNote}>
      {card.id} v{card.version} · <strong>{backend === 'webgpu' ? 'WebGPU' : `WASM ${threads} thread${threads === 1 ? '' : 's'}`}</strong>
    </div>
  );
}
