/** Colours that tell compared films apart (kept clear of the scale colours' meaning: none is a scale's). */
export const FILM_COLORS = ['#f1f1f1', '#6fb7ff', '#ff7aa8', '#b6e35a', '#c39bff', '#ffb347'];

/** The colour of the i-th compared film. */
export function filmColor(i: number): string {
  return FILM_COLORS[i % FILM_COLORS.length];
}
