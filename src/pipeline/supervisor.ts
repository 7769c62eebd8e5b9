import * as Comlink from 'comlink';
import { analysisError } from '../shared/errors';

/** How often a worker with calls in flight is asked whether it still answers. */
const PING_EVERY_MS = 5_000;
/** A worker that has not answered a ping for this long is taken for dead. */
const PING_TIMEOUT_MS = 20_000;

/** What every supervised worker exposes besides its own methods. */
export interface Pingable {
  ping(): true;
}

interface Live<T> {
  worker: Worker;
  remote: Comlink.Remote<T>;
  /** Rejects when the worker dies; every call in flight races it. */
  dead: Promise<never>;
  kill: (reason: string) => void;
  inFlight: number;
  watchdog?: ReturnType<typeof setInterval>;
}

/**
 * Runs a comlink worker and notices when it dies: an uncaught error, a message it cannot read, or
 * no answer to a ping while calls are in flight (a crashed or killed worker never answers). Every
 * call then fails with a WorkerCrashedError, the worker is ended, and the next call starts a fresh
 * one, so one film's failure does not stop the others and the app recovers without a reload.
 */
export class WorkerSupervisor<T extends Pingable> {
  private live: Live<T> | undefined;
  private readonly api: Comlink.Remote<T>;

  constructor(
    private readonly label: string,
    private readonly create: () => Worker,
    /** Called after a crash, so callers can drop state held in the dead worker (a loaded model). */
    private readonly onCrash: () => void = () => undefined,
  ) {
    this.api = new Proxy({} as Comlink.Remote<T>, {
      get: (_target, prop) => {
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        return (...args: unknown[]) => this.call(prop, args);
      },
    });
  }

  /** The worker's API; calls reject with WorkerCrashedError if it dies meanwhile. */
  remote(): Comlink.Remote<T> {
    return this.api;
  }

  /** Whether a call to the worker is waiting for its answer. */
  busy(): boolean {
    return (this.live?.inFlight ?? 0) > 0;
  }

  /** Ends the current worker (if any); the next call starts a fresh one. */
  replace(): void {
    if (!this.live) return;
    const live = this.live;
    this.live = undefined;
    clearInterval(live.watchdog);
    live.remote[Comlink.releaseProxy]();
    live.worker.terminate();
  }

  /** Ends the worker as crashed: calls in flight reject with `reason`. */
  crash(reason: string): void {
    this.live?.kill(reason);
  }

  private start(): Live<T> {
    const worker = this.create();
    let kill!: (reason: string) => void;
    const dead = new Promise<never>((_, reject) => {
      kill = (reason) => reject(analysisError('WorkerCrashedError', `The ${this.label} stopped working (${reason}).`));
    });
    dead.catch(() => undefined);
    const live: Live<T> = { worker, remote: Comlink.wrap<T>(worker), dead, kill: () => undefined, inFlight: 0 };
    live.kill = (reason) => {
      if (this.live === live) {
        this.replace();
        this.onCrash();
      }
      kill(reason);
    };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      live.kill(e.message || 'uncaught error');
    });
    worker.addEventListener('messageerror', () => live.kill('a message could not be read'));
    return live;
  }

  private watch(live: Live<T>): void {
    if (live.watchdog) return;
    let lastAnswer = Date.now();
    let asking = false;
    live.watchdog = setInterval(() => {
      if (live.inFlight === 0) {
        clearInterval(live.watchdog);
        live.watchdog = undefined;
        return;
      }
      if (Date.now() - lastAnswer > PING_TIMEOUT_MS) {
        live.kill(`no answer for ${Math.round((Date.now() - lastAnswer) / 1000)} s`);
        return;
      }
      if (asking) return;
      asking = true;
      void (live.remote.ping() as Promise<true>).then(
        () => {
          lastAnswer = Date.now();
          asking = false;
        },
        () => undefined,
      );
    }, PING_EVERY_MS);
  }

  private async call(method: string, args: unknown[]): Promise<unknown> {
    this.live ??= this.start();
    const live = this.live;
    live.inFlight++;
    this.watch(live);
    try {
      const fn = (live.remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
      return await Promise.race([fn(...args), live.dead]);
    } finally {
      live.inFlight--;
    }
  }
}
