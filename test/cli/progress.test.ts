import { formatDuration, Progress } from "../../cli/progress";

function stream(isTTY: boolean): {
  text: string;
  isTTY: boolean;
  write(t: string): void;
} {
  return {
    text: "",
    isTTY,
    write(t: string) {
      this.text += t;
    },
  };
}

describe("Progress", () => {
  it("prints a plain line per state off a terminal", () => {
    const out = stream(false);
    const progress = new Progress(out);
    progress.update("QUEUED", "QUEUED 0.5 s");
    progress.update("RUNNING", "RUNNING 1.0 s");
    progress.update("RUNNING", "RUNNING 2.0 s");
    progress.done("done");
    expect(out.text).toBe("QUEUED 0.5 s\nRUNNING 1.0 s\ndone\n");
  });

  it("redraws one line with a spinner on a terminal and clears it when done", () => {
    const out = stream(true);
    const progress = new Progress(out);
    progress.update("RUNNING", "RUNNING 1.0 s");
    progress.update("RUNNING", "RUNNING 2.0 s");
    progress.done();
    expect(out.text).toBe(
      "\r\x1b[2K⠋ RUNNING 1.0 s\r\x1b[2K⠙ RUNNING 2.0 s\r\x1b[2K",
    );
  });
});

describe("formatDuration", () => {
  it("uses milliseconds, seconds or minutes by size", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_345)).toBe("12.3 s");
    expect(formatDuration(245_000)).toBe("4 min 05 s");
  });
});
