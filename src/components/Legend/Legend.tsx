import type { ReactNode } from 'react';
import { SCALE_CODES, SCALE_COLORS, SCALE_DEFINITIONS, SCALE_NAMES } from '../../shared/taxonomy';

/** One key of the legend: focusable, its one-line definition shown on hover and on focus. */
function LegendItem({ id, swatch, label, definition, code }: { id: string; swatch: ReactNode; label: ReactNode; definition: string; code?: string }) {
  return (
    <span className="legend-item" tabIndex={0} aria-describedby={id} data-code={code} data-testid="legend-item">
      {swatch}
      {label}
      <span role="tooltip" id={id} className="legend-tip" data-testid="legend-tip">
        {definition}
      </span>
    </span>
  );
}

/** The colour key of the eight codes (hover or focus a code for its definition) and of the shot lane's marks. */
export function Legend() {
  return (
    <div className="legend" data-testid="legend" role="group" aria-label="Shot scales">
      {SCALE_CODES.map((code) => (
        <LegendItem
          key={code}
          id={`legend-${code}`}
          code={code}
          swatch={<span className="swatch" style={{ background: SCALE_COLORS[code] }} />}
          label={
            <>
              <strong>{code}</strong> {SCALE_NAMES[code]}
            </>
          }
          definition={SCALE_DEFINITIONS[code]}
        />
      ))}
      <LegendItem id="legend-unsure" swatch={<span className="swatch swatch-faint" />} label="unsure" definition="Faint bands and blocks: the model was unsure" />
      <LegendItem id="legend-changes" swatch={<span className="swatch swatch-changes" />} label="changes scale" definition="A hatched shot changes scale as it runs (a zoom, dolly or camera move)" />
      <LegendItem id="legend-corrected" swatch={<span className="swatch swatch-corrected" />} label="corrected" definition="A dotted shot's scale was set by hand" />
    </div>
  );
}
