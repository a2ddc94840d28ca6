/**
 * Progress on stderr during long waits: one line redrawn in place with a
 * spinner on a terminal, plain lines on state changes otherwise (so logs
 * of CI jobs stay readable).
 */

/** Where progress goes: stderr, or a stand-in in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A progress line for one wait. */
export class Progress {
  private frame = 0;
  private lastKey: string | undefined;
  private drawn = false;

  constructor(private readonly stream: ProgressStream) {}

  /**
   * Shows `text`. Off a terminal the line is printed only when `key` (for
   * example the state) differs from the last one.
   */
  update(key: string, text: string): void {
    if (this.stream.isTTY) {
      const spinner = SPINNER[this.frame++ % SPINNER.length];
      this.stream.write(`\r\x1b[2K${spinner} ${text}`);
      this.drawn = true;
    } else if (key !== this.lastKey) {
      this.stream.write(`${text}\n`);
    }
    this.lastKey = key;
  }

  /** Clears the redrawn line and prints `text`, if any, as a plain line. */
  done(text?: string): void {
    if (this.drawn) this.stream.write("\r\x1b[2K");
    this.drawn = false;
    if (text !== undefined) this.stream.write(`${text}\n`);
  }
}

/** Formats a duration for people: `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return `${minutes} min ${seconds} s`;
}
