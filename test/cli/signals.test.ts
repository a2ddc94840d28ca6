import { Interrupted, onInterrupt } from "../../cli/signals";

describe("onInterrupt", () => {
  it("aborts on the first SIGINT and exits 130 on the second", () => {
    const exits: number[] = [];
    const handle = onInterrupt((code) => exits.push(code));
    try {
      process.emit("SIGINT", "SIGINT");
      expect(handle.signal.aborted).toBe(true);
      expect(handle.signal.reason).toBeInstanceOf(Interrupted);
      expect(exits).toEqual([]);

      process.emit("SIGINT", "SIGINT");
      expect(exits).toEqual([130]);
    } finally {
      handle.dispose();
    }
  });

  it("stops listening once disposed", () => {
    const before = process.listenerCount("SIGINT");
    const handle = onInterrupt(() => undefined);
    expect(process.listenerCount("SIGINT")).toBe(before + 1);
    handle.dispose();
    expect(process.listenerCount("SIGINT")).toBe(before);
  });
});
