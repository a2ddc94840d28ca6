/**
 * Waiting between polls of long-running AWS work, interruptible by an
 * abort signal.
 */

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Poll delays that start at `initial` and double up to `max`. */
export function* backoff(initial: number, max: number): Generator<number> {
  let delay = initial;
  for (;;) {
    yield delay;
    delay = Math.min(delay * 2, max);
  }
}
