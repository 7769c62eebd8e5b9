"""Pooling within shots, simulated on held-out film frames (issue 9).

Reads `npm run eval -- --json` output for frames whose `source` names their shot (in film order,
`fps` frames a second, as scripts/tools/heldout-film-frames.mjs writes them) and scores, for the non-NA frames:
each frame alone; each frame pooled as the app pools seconds (the label most of its shot's frames
within +-window s give, its own on a tie; src/shared/secondPooling.ts), at the frames' own rate and
at 1 sample/s (every phase); and each shot's label from the mean of its probabilities against the
plurality of its frames' labels (src/shared/shots.ts).

    python3 training/tools/pooling_sim.py --predictions out.json [--fps 4] [--window 2]
"""
import argparse
import json
from collections import Counter, defaultdict

SCALES = ['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS']


def accepted(label, pred):
    return pred in label.split('|')


def pooled(frames, i, window_sec, fps):
    own = frames[i]['pred']
    voters = [f['pred'] for j, f in enumerate(frames) if f['pred'] != 'NA' and abs(i - j) / fps <= window_sec + 1e-6]
    counts = Counter(voters)
    best = max(counts.values())
    if counts[own] == best:
        return own
    tied = [c for c, n in counts.items() if n == best]
    return max(tied, key=lambda c: sum(f['probs'][c] for j, f in enumerate(frames) if abs(i - j) / fps <= window_sec + 1e-6))


def score(shots, step, offset, fps, window_sec):
    alone = pool = total = 0
    for frames in shots.values():
        kept = frames[offset::step]
        for i, f in enumerate(kept):
            if f['pred'] == 'NA' or f['label'] == 'NA':
                continue
            total += 1
            alone += accepted(f['label'], f['pred'])
            pool += accepted(f['label'], pooled(kept, i, window_sec, fps / step))
    return alone, pool, total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--predictions', required=True, help='npm run eval --json output')
    ap.add_argument('--fps', type=float, default=4, help='frames a second in the held-out set')
    ap.add_argument('--window', type=float, default=2, help='pooling window, seconds either side')
    args = ap.parse_args()
    shots = defaultdict(list)
    for p in json.load(open(args.predictions))['predictions']:
        shots[p['source']].append(p)
    a, p, n = score(shots, 1, 0, args.fps, args.window)
    print(f'frames at {args.fps:g}/s (n={n}): alone {a / n:.1%}, pooled {p / n:.1%}')
    step = round(args.fps)
    runs = [score(shots, step, o, args.fps, args.window) for o in range(step)]
    a, p, n = (sum(r[k] for r in runs) for k in range(3))
    print(f'1 sample/s, all {step} phases (n={n}): alone {a / n:.1%}, pooled {p / n:.1%}')
    mean_ok = vote_ok = count = 0
    for frames in shots.values():
        subject = [f for f in frames if f['pred'] != 'NA']
        if not subject or subject[0]['label'] == 'NA':
            continue
        mean = {c: sum(f['probs'][c] for f in subject) for c in SCALES}
        by_mean = max(SCALES, key=lambda c: mean[c])
        votes = Counter(f['pred'] for f in subject)
        top = max(votes.values())
        by_vote = max((c for c in votes if votes[c] == top), key=lambda c: mean[c])
        count += 1
        mean_ok += accepted(subject[0]['label'], by_mean)
        vote_ok += accepted(subject[0]['label'], by_vote)
    print(f'shots with a subject (n={count}): label from the mean {mean_ok}/{count}, from the plurality {vote_ok}/{count}')


if __name__ == '__main__':
    main()
