import {
  PlatformError,
  QueryFileError,
  SettingsError,
  UsageError,
  describeProblems,
  ruleBroken,
  showValue,
  systemReason,
} from "../../lib/errors";

describe("showValue", () => {
  test.each([
    ["a string, quoted", "eu-west-1", '"eu-west-1"'],
    ["a number", 0, "0"],
    ["a big integer", 10n ** 20n, "100000000000000000000"],
    ["an object, as JSON", { type: "s3" }, '{"type":"s3"}'],
    ["null", null, "null"],
    ["nothing", undefined, "nothing"],
  ])("shows %s", (_title, value, shown) => {
    expect(showValue(value)).toBe(shown);
  });
});

describe("ruleBroken", () => {
  test("states the rule, then the value received", () => {
    expect(
      ruleBroken(
        "environments.prod.storage.resultsExpiryDays",
        "must be at least 1",
        0,
      ),
    ).toEqual({
      path: "environments.prod.storage.resultsExpiryDays",
      message: "must be at least 1, got 0",
    });
  });
});

describe("describeProblems", () => {
  test("renders a header, one line per problem and the fix", () => {
    expect(
      describeProblems(
        "config/environments.yaml",
        [
          { path: "project", message: "is required" },
          { path: "environments", message: "is required" },
        ],
        "Fix the settings above and run again.",
      ),
    ).toBe(
      [
        "config/environments.yaml has 2 problems:",
        "  - project: is required",
        "  - environments: is required",
        "Fix the settings above and run again.",
      ].join("\n"),
    );
  });

  test("says 1 problem for one", () => {
    expect(describeProblems("x", [{ path: "a", message: "b" }], "Fix.")).toBe(
      "x has 1 problem:\n  - a: b\nFix.",
    );
  });
});

describe("error classes", () => {
  test("are platform errors named after their class, carrying their problems", () => {
    const problems = [{ path: "queries/a.sql:1", message: "is empty" }];
    const error = new QueryFileError("queries", problems);

    expect(error).toBeInstanceOf(PlatformError);
    expect(error.name).toBe("QueryFileError");
    expect(error.problems).toBe(problems);
    expect(error.message).toBe(
      "queries has 1 problem:\n  - queries/a.sql:1: is empty\nFix the query files above and run again.",
    );
    expect(new SettingsError("f", problems).file).toBe("f");
    expect(new UsageError("bad option").name).toBe("UsageError");
  });
});

describe("systemReason", () => {
  const failure = (code: string, message: string) =>
    Object.assign(new Error(message), { code });

  test.each([
    [
      failure(
        "EISDIR",
        "EISDIR: illegal operation on a directory, rename 'a' -> 'b'",
      ),
      "illegal operation on a directory (EISDIR)",
    ],
    [
      failure("ENOSPC", "ENOSPC: no space left on device, write"),
      "no space left on device (ENOSPC)",
    ],
    [
      failure("EACCES", "EACCES: permission denied, mkdir '/x'"),
      "permission denied (EACCES)",
    ],
  ])("drops the call and paths from %p", (error, reason) => {
    expect(systemReason(error)).toBe(reason);
  });
});
