/**
 * Ctrl-C handling: the first SIGINT aborts the running command so it can
 * clean up (stop the Athena query, remove a partial file); a second one
 * exits at once.
 */

/** Exit code of a command ended by SIGINT (128 + 2), as shells report it. */
export const INTERRUPTED_EXIT_CODE = 130;

/** The reason an interrupted command's signal carries. */
export class Interrupted extends Error {
  constructor() {
    super("interrupted");
    this.name = "Interrupted";
  }
}

/** An abort signal tied to SIGINT, and the means to release the handler. */
export interface InterruptHandle {
  readonly signal: AbortSignal;
  dispose(): void;
}

/** Listens for SIGINT until disposed. */
export function onInterrupt(
  exit: (code: number) => void = (code) => process.exit(code),
): InterruptHandle {
  const controller = new AbortController();
  const handler = () => {
    if (controller.signal.aborted) exit(INTERRUPTED_EXIT_CODE);
    else controller.abort(new Interrupted());
  };
  process.on("SIGINT", handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", handler);
    },
  };
}
