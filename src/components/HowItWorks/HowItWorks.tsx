import { SCALE_CODES, SCALE_NAMES } from '../../shared/taxonomy';

/** What the page shows and how to read it, said once in plain words (folded away until asked for). */
export function HowItWorks() {
  return (
    <details className="how-it-works" data-testid="how-it-works">
      <summary>How this works</summary>
      <div className="how-body">
        <p>
          Shotscale looks at your film one frame per second (or at the rate you choose) and says how much of a person each frame shows, from{' '}
          <strong>ECU</strong> {SCALE_NAMES.ECU} to <strong>ELS</strong> {SCALE_NAMES.ELS}; <strong>NA</strong> ({SCALE_NAMES.NA}) marks black, fades, titles and empty frames. Hover or
          tab to a code in the key above for its definition ({SCALE_CODES.length} in all).
        </p>
        <p>
          A neural network trained on film stills gives the first answer. On its own it sees medium close-up, medium shot and medium long shot as one kind of frame; face and body
          detection then tells them apart by where the bottom of the frame cuts the figure (chest, waist, knees).
        </p>
        <p>
          <strong>Reading a film’s card.</strong> The top lane has a band per second, coloured by scale; a faint band means the answer is unsure. The lane under it has a block per
          shot: every cut, dissolve, wipe and fade is found frame by frame, and a shot’s scale pools its seconds. Hover for the frame and the details; click to watch the film from
          there and inspect that frame. Below: shot count, average shot length and the scale shares, and the exports for your editing software.
        </p>
        <p>
          <strong>The player and the inspector.</strong> The player plays your own file; the timeline follows it. Paused, it can show the heatmap (bright = where the network looked
          most) and the faces and bodies found. The inspector shows the analysed frame of the selected second, the heatmap for any scale, and how sure each answer is.
        </p>
        <p>
          <strong>Keys.</strong> Space play/pause · J, K, L back, stop, forward (press again for faster) · , and . one frame back/forward · ← → one second.
        </p>
        <p>
          <strong>Privacy.</strong> The film is read where it is, on this computer; nothing is uploaded. Results are kept in this browser so a reload shows them; the film itself is
          not kept, so the player asks for the file again after a reload.
        </p>
      </div>
    </details>
  );
}
