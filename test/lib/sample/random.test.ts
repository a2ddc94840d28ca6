import { Random } from "../../../lib/sample/random";

describe("Random", () => {
  test("the same seed gives the same sequence", () => {
    const a = new Random(42);
    const b = new Random(42);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(new Random(43).next()).not.toBe(first[0]);
  });

  test("int stays within its bounds and reaches both ends", () => {
    const random = new Random(1);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  test("weighted never picks an item of weight zero", () => {
    const random = new Random(5);
    const picks = Array.from({ length: 200 }, () =>
      random.weighted([
        ["a", 1],
        ["b", 0],
        ["c", 3],
      ] as const),
    );
    expect(picks).not.toContain("b");
    expect(picks).toContain("a");
    expect(picks).toContain("c");
  });
});
