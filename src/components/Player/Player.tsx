import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatTime } from '../../shared/format';
import { frameStepTime, sampleIndexAt, shuttle } from '../../shared/playback';
import { shotIndexOfSecond } from '../../shared/shotLane';
import { SCALE_COLORS, SCALE_NAMES } from '../../shared/taxonomy';
import { fps as rateFps } from '../../shared/timecode';
import type { SecondDetail } from '../../shared/types';
import { getDetail } from '../../store/db';
import { useFilmFiles } from '../../store/media';
import { select, useApp, type Film } from '../../store/store';
import { DEFAULT_HEATMAP_OPACITY, Heatmap } from '../Heatmap/Heatmap';
import { SubjectOverlay } from '../Inspector/SubjectOverlay';
import { RelinkFile } from './RelinkFile';
import { usePlayerKeys } from './usePlayerKeys';

/** Frame rate assumed for frame stepping until the film's own is known. */
const FALLBACK_FRAME_RATE_FPS = 25;
/** Widest the heatmap is drawn (pixels); the film's own width when smaller. */
const MAX_HEATMAP_WIDTH_PX = 1920;

/** The scale and shot of the second on screen, over the picture. */
function PictureLabel({ film, index }: { film: Film; index: number }) {
  const result = film.results.find((r) => r.index === index);
  if (!result) return null;
  const shot = film.shots ? shotIndexOfSecond(film.shots, result) : -1;
  return (
    <div className="player-label" data-testid="player-scale" data-code={result.label} data-index={index}>
      <span className="swatch" style={{ background: SCALE_COLORS[result.label] }} />
      <strong>{result.label}</strong> {SCALE_NAMES[result.label]}
      {shot >= 0 && <span className="player-shot" data-testid="player-shot">Shot {shot + 1}</span>}
    </div>
  );
}

/** The analysis overlays of the paused frame: CAM heatmap and face/body outlines, over the whole picture. */
function PausedOverlays({ film, index, heat, subjects, widthPx }: { film: Film; index: number; heat: boolean; subjects: boolean; widthPx: number }) {
  const [detail, setDetail] = useState<SecondDetail | null>(null);
  const result = film.results.find((r) => r.index === index);
  useEffect(() => {
    let live = true;
    setDetail(null);
    if (film.key) void getDetail(film.key, index).then((d) => live && setDetail(d ?? null), () => undefined);
    return () => {
      live = false;
    };
  }, [film.key, index]);
  if (!detail || !result) return null;
  const best = detail.modelProbs.indexOf(Math.max(...detail.modelProbs));
  return (
    <>
      {heat && result.label !== 'NA' && <Heatmap detail={detail} classIndex={best} opacity={DEFAULT_HEATMAP_OPACITY} widthPx={widthPx} />}
      {subjects && detail.vision && <SubjectOverlay vision={detail.vision} />}
      {(heat || subjects) && (
        <div className="player-caption" data-testid="player-caption">
          {result.label === 'NA' && heat ? 'No subject here: no heatmap · ' : ''}analysis of the frame at {formatTime(result.tSec, true)}
        </div>
      )}
    </>
  );
}

/** Plays the film's own file with its analysis: scale and shot over the picture, J/K/L, frame step, overlays when paused. */
function FilmPlayer({ film, file, index }: { film: Film; file: File; index: number }) {
  const video = useRef<HTMLVideoElement>(null);
  const url = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const [paused, setPaused] = useState(true);
  /** Shuttle speed: 0 stopped, > 0 forward, < 0 backward (J). */
  const [speed, setSpeed] = useState(0);
  const [timeSec, setTimeSec] = useState(0);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [heat, setHeat] = useState(false);
  const [subjects, setSubjects] = useState(false);
  const durationSec = film.info?.durationSec ?? 0;
  const lastIndex = film.results.length ? film.results[film.results.length - 1].index : -1;
  const frameRateFps = film.frameRate ? rateFps(film.frameRate) : FALLBACK_FRAME_RATE_FPS;
  const indexRef = useRef(index);
  indexRef.current = index;

  /** Follows the picture: the second on screen becomes the selected second (so the timeline cursor moves). */
  const follow = useCallback(() => {
    const v = video.current;
    if (!v) return;
    setTimeSec(v.currentTime);
    const at = sampleIndexAt(v.currentTime, film.fps, lastIndex);
    if (at !== indexRef.current && film.results.some((r) => r.index === at)) select(film.id, at);
  }, [film.fps, film.id, film.results, lastIndex]);

  // A click on the timeline, a shot or ←/→ moves the selection: the player goes to that second's analysed frame.
  useEffect(() => {
    const v = video.current;
    if (!v || v.readyState < 1) return;
    if (sampleIndexAt(v.currentTime, film.fps, lastIndex) === index) return;
    const result = film.results.find((r) => r.index === index);
    if (result) v.currentTime = result.tSec;
  }, [index, film.fps, film.results, lastIndex]);

  // While playing (or shuttling backward), the timeline follows every displayed frame.
  useEffect(() => {
    if (paused && speed >= 0) return;
    let raf = 0;
    let prev = performance.now();
    const tick = (now: number) => {
      const v = video.current;
      if (v && speed < 0 && !v.seeking) {
        v.currentTime = Math.max(0, v.currentTime + (speed * (now - prev)) / 1000);
        if (v.currentTime <= 0) setSpeed(0);
      }
      prev = now;
      follow();
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [paused, speed, follow]);

  const play = useCallback((rate: number) => {
    const v = video.current;
    if (!v) return;
    setSpeed(rate);
    if (rate > 0) {
      v.playbackRate = rate;
      void v.play().catch(() => undefined);
    } else {
      v.pause();
    }
  }, []);

  const stop = useCallback(() => {
    video.current?.pause();
    setSpeed(0);
  }, []);

  const togglePlay = useCallback(() => (paused && speed === 0 ? play(1) : stop()), [paused, speed, play, stop]);

  const frameStep = useCallback(
    (delta: 1 | -1) => {
      const v = video.current;
      if (!v) return;
      stop();
      v.currentTime = frameStepTime(v.currentTime, delta, film.frameTimes ?? frameRateFps, durationSec || v.duration);
    },
    [stop, frameRateFps, film.frameTimes, durationSec],
  );

  usePlayerKeys(!failed, { togglePlay, stop, frameStep, shuttle: (key) => play(shuttle(speed, key)) });

  const stopped = paused && speed === 0;
  const shuttleText = speed === 0 ? '' : `${speed < 0 ? '◀ ' : ''}${Math.abs(speed)}×${speed > 0 ? ' ▶' : ''}`;
  return (
    <div className="player-body">
      <div className="player-picture" style={size ? { aspectRatio: `${size.w} / ${size.h}` } : undefined}>
        <video
          ref={video}
          src={url}
          preload="auto"
          playsInline
          data-testid="player-video"
          onLoadedMetadata={(e) => {
            const v = e.currentTarget;
            setSize({ w: v.videoWidth, h: v.videoHeight });
            const result = film.results.find((r) => r.index === indexRef.current);
            if (result) v.currentTime = result.tSec;
          }}
          onPlay={() => setPaused(false)}
          onPause={() => setPaused(true)}
          onEnded={() => setSpeed(0)}
          onSeeked={follow}
          onError={() => setFailed(true)}
          onClick={togglePlay}
        />
        {!failed && <PictureLabel film={film} index={index} />}
        {stopped && size && (heat || subjects) && <PausedOverlays film={film} index={index} heat={heat} subjects={subjects} widthPx={Math.min(MAX_HEATMAP_WIDTH_PX, size.w)} />}
        {shuttleText && <div className="player-shuttle" data-testid="player-shuttle">{shuttleText}</div>}
      </div>
      {failed ? (
        <div className="message message-error" role="alert" data-testid="player-error">
          <strong>This browser cannot play “{film.name}”.</strong> Its analysis is unaffected; the inspector shows each analysed frame.
        </div>
      ) : (
        <>
          <div className="player-controls">
            <button type="button" onClick={() => frameStep(-1)} aria-label="One frame back (,)" title="One frame back (,)" data-testid="frame-back">
              ◀|
            </button>
            <button type="button" onClick={togglePlay} aria-label={stopped ? 'Play (Space)' : 'Pause (Space)'} title={stopped ? 'Play (Space)' : 'Pause (Space)'} data-testid="play">
              {stopped ? '▶' : '❚❚'}
            </button>
            <button type="button" onClick={() => frameStep(1)} aria-label="One frame forward (.)" title="One frame forward (.)" data-testid="frame-forward">
              |▶
            </button>
            <input
              type="range"
              className="player-position"
              min={0}
              max={durationSec || 0}
              step={1 / frameRateFps}
              value={Math.min(timeSec, durationSec || timeSec)}
              aria-label="Position in the film"
              aria-valuetext={formatTime(timeSec, true)}
              data-testid="player-position"
              onChange={(e) => {
                const v = video.current;
                if (v) v.currentTime = Number(e.target.value);
              }}
            />
            <span className="player-time" data-testid="player-time">
              {formatTime(timeSec, true)} / {formatTime(durationSec, true)}
            </span>
          </div>
          <div className="player-toggles">
            <label title={stopped ? undefined : 'Pause to see it'}>
              <input type="checkbox" checked={heat} onChange={(e) => setHeat(e.target.checked)} data-testid="player-heatmap" /> Heatmap when paused
            </label>
            <label>
              <input type="checkbox" checked={subjects} onChange={(e) => setSubjects(e.target.checked)} data-testid="player-subjects" /> Faces and bodies when paused
            </label>
          </div>
        </>
      )}
    </div>
  );
}

/** The player for the selected film: its own file played locally (asked for again after a reload), beside the timeline. */
export function Player() {
  const selection = useApp((s) => s.selection);
  const film = useApp((s) => (s.selection ? s.films.find((f) => f.id === s.selection!.filmId) : undefined));
  const file = useFilmFiles((s) => (film ? s.files[film.id] : undefined));
  if (!film || !selection) {
    return (
      <section className="player player-empty" aria-label="Player" data-testid="player">
        Click a second or a shot on a timeline to watch the film there.
      </section>
    );
  }
  return (
    <section className="player" aria-label="Player" data-testid="player" data-film={film.name}>
      {file ? <FilmPlayer key={film.id} film={film} file={file} index={selection.index} /> : <RelinkFile film={film} />}
    </section>
  );
}
