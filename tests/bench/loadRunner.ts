// Closed-loop load: `workers` loops run a task back to back, until a number of tasks has started or
// a duration has passed. Records each successful task's latency; failures are counted, not thrown.
import { performance } from 'node:perf_hooks';

export type LoadLimit = { tasks: number } | { seconds: number };

export interface LoadOptions {
  workers: number;
  limit: LoadLimit;
  /** Whether a worker gives up after a failure (a broken refresh-token chain cannot go on). */
  stopWorkerOnError?: boolean;
  /** Stops starting tasks; the load then throws once the running ones have ended. */
  signal?: AbortSignal;
}

export interface LoadResult {
  latenciesMs: number[];
  errors: number;
  firstError?: string;
  elapsedSeconds: number;
}

export async function runLoad(options: LoadOptions, task: (worker: number) => Promise<void>): Promise<LoadResult> {
  const { limit, signal } = options;
  signal?.throwIfAborted();
  const latenciesMs: number[] = [];
  let started = 0;
  let errors = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  const deadline = 'seconds' in limit ? begin + limit.seconds * 1000 : Infinity;
  const more = () => !signal?.aborted && ('tasks' in limit ? started < limit.tasks : performance.now() < deadline);

  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      while (more()) {
        started += 1;
        const taskStart = performance.now();
        try {
          await task(worker);
          latenciesMs.push(performance.now() - taskStart);
        } catch (error) {
          errors += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
          if (options.stopWorkerOnError) return;
        }
      }
    }),
  );
  signal?.throwIfAborted();
  return { latenciesMs, errors, ...(firstError ? { firstError } : {}), elapsedSeconds: (performance.now() - begin) / 1000 };
}

export interface LatencySummary {
  count: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Nearest-rank percentiles of the successful tasks, and their rate over the whole run. */
export function summarize(result: LoadResult): LatencySummary {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const percentile = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return {
    count: sorted.length,
    errors: result.errors,
    perSecond: sorted.length / result.elapsedSeconds,
    p50: percentile(50),
    p99: percentile(99),
  };
}
