import { SCALE_CODES, SCALE_COLORS, SCALE_DEFINITIONS, SCALE_NAMES } from '../../shared/taxonomy';

/** The colour key of the eight codes (hover a code for its definition) and of the shot lane's marks. */
export function Legend() {
  return (
    <div className="legend" data-testid="legend" aria-label="Shot scales">
      {SCALE_CODES.map((code) => (
        <span key={code} className="legend-item" title={`${SCALE_NAMES[code]}: ${SCALE_DEFINITIONS[code]}`} data-code={code}>
          <span className="swatch" style={{ background: SCALE_COLORS[code] }} />
          <strong>{code}</strong> {SCALE_NAMES[code]}
        </span>
      ))}
      <span className="legend-item legend-mark" title="Faint bands and blocks: the model was unsure">
        <span className="swatch swatch-faint" /> unsure
      </span>
      <span className="legend-item legend-mark" title="A hatched shot changes scale as it runs (a zoom, dolly or camera move)">
        <span className="swatch swatch-changes" /> changes scale
      </span>
      <span className="legend-item legend-mark" title="A dotted shot's scale was set by hand">
        <span className="swatch swatch-corrected" /> corrected
      </span>
    </div>
  );
}
