import { MIN_SCHEDULE_INTERVAL_MINUTES, validateCron } from "../../lib/cron";

const SETTING = "environments.dev.crawler.schedule";
const SHAPE =
  "must be an AWS cron expression cron(minutes hours day-of-month month day-of-week year)";
const LIMIT =
  "Glue crawlers may run at most every 5 minutes, so space the minutes at least 5 apart, such as 0/5";

/** Messages of the problems found in a schedule. */
function messages(expression: string): string[] {
  return validateCron(expression, SETTING).map((problem) => problem.message);
}

describe("validateCron", () => {
  test.each([
    ["cron(0 2 * * ? *)", "daily at 02:00"],
    ["cron(15 10 ? * MON-FRI *)", "weekdays at 10:15"],
    ["cron(0/15 * * * ? *)", "every 15 minutes"],
    ["cron(0 8 1 * ? *)", "on the first of the month"],
    ["cron(0 12 L * ? *)", "on the last day of the month"],
    ["cron(0 9 ? * 2#1 *)", "on the first Monday of the month"],
    ["cron(0 18 ? * 6L 2027)", "on the last Friday of each month of 2027"],
    ["cron(*/5 * * * ? *)", "every 5 minutes"],
    ["cron(0/5 8-17 ? * MON-FRI *)", "every 5 minutes in office hours"],
    ["cron(0 10 15W JUL,DEC ? 2026-2030)", "near mid-July and mid-December"],
    ["cron(0,55 * * * ? *)", "at :00 and :55, five minutes apart"],
    ["cron(0,57 3 * * ? *)", "at 03:00 and 03:57, one hour only"],
    ["  cron(0 2 * * ? *)  ", "with spaces around it"],
  ])("accepts %s (%s)", (expression) => {
    expect(validateCron(expression, SETTING)).toEqual([]);
  });

  test.each([
    [
      "five-field Unix cron",
      "0 2 * * *",
      `${SHAPE} with six fields, got "0 2 * * *"; wrap it as cron(0 2 * * ? *)`,
    ],
    [
      "Unix cron with numbered weekdays",
      "0 9 * * 1-5",
      `${SHAPE} with six fields, got "0 9 * * 1-5"; wrap it as cron(0 9 ? * MON-FRI *)`,
    ],
    [
      "Unix cron with both day fields",
      "0 9 1 * 0",
      `${SHAPE} with six fields, got "0 9 1 * 0"; wrap it as cron(0 9 1 * ? *) or cron(0 9 ? * SUN *)`,
    ],
    [
      "five fields without the year",
      "cron(0 2 * * ?)",
      `${SHAPE} with six fields, got "cron(0 2 * * ?)"; write it as cron(0 2 * * ? *)`,
    ],
    [
      "seven fields with seconds",
      "cron(0 0 2 * * ? *)",
      `${SHAPE} with six fields, got "cron(0 0 2 * * ? *)"; AWS cron has no seconds field; if the first field is seconds, drop it: cron(0 2 * * ? *)`,
    ],
    [
      "four fields",
      "cron(0 2 * *)",
      `${SHAPE} with six fields, got "cron(0 2 * *)"; for example cron(0 2 * * ? *) runs daily at 02:00 UTC`,
    ],
    [
      "six fields without cron(...)",
      "0 2 * * ? *",
      `${SHAPE}, got "0 2 * * ? *"; wrap it as cron(0 2 * * ? *)`,
    ],
    [
      "an empty schedule",
      "",
      `${SHAPE}, got ""; for example cron(0 2 * * ? *) runs daily at 02:00 UTC`,
    ],
    [
      "a rate expression",
      "rate(1 day)",
      'must be a cron(...) expression because Glue crawlers do not accept rate(...), got "rate(1 day)"; write it as cron(0 0 * * ? *)',
    ],
    [
      "a rate expression with no cron equivalent",
      "rate(7 days)",
      'must be a cron(...) expression because Glue crawlers do not accept rate(...), got "rate(7 days)"; write a cron expression instead, for example cron(0 2 * * ? *) runs daily at 02:00 UTC',
    ],
    ["minute 61", "cron(61 2 * * ? *)", 'minutes field must be 0-59, got "61"'],
    ["hour 24", "cron(0 24 * * ? *)", 'hours field must be 0-23, got "24"'],
    [
      "day of month 32",
      "cron(0 2 32 * ? *)",
      'day-of-month field must be 1-31, got "32"',
    ],
    [
      "month 13",
      "cron(0 2 * 13 ? *)",
      'month field must be 1-12 or JAN-DEC, got "13"',
    ],
    [
      "an unknown month name",
      "cron(0 2 * JAN-XYZ ? *)",
      'month field must be 1-12 or JAN-DEC, got "JAN-XYZ"',
    ],
    [
      "day of week 8",
      "cron(0 2 ? * 8 *)",
      'day-of-week field must be 1-7 or SUN-SAT, got "8"',
    ],
    [
      "year 2200",
      "cron(0 2 * * ? 2200)",
      'year field must be 1970-2199, got "2200"',
    ],
    [
      "a range that runs backwards",
      "cron(50-10 * * * ? *)",
      'minutes field range must run from low to high, got "50-10"; split it in two, such as 50-59,0-10',
    ],
    [
      "a step of zero",
      "cron(*/0 2 * * ? *)",
      'minutes field step after "/" must be 1-59, got "*/0"',
    ],
    [
      "an empty list entry",
      "cron(0 2 1, * ? *)",
      'day-of-month field has an empty entry, got "1,"; remove the extra comma',
    ],
    [
      "both day fields set",
      "cron(0 2 1 * MON *)",
      'exactly one of day-of-month and day-of-week must be "?", got "1" and "MON"; use "?" in the one you do not need',
    ],
    [
      "neither day field set to ?",
      "cron(0 2 * * * *)",
      'exactly one of day-of-month and day-of-week must be "?", got "*" and "*"; use "?" in the one you do not need',
    ],
    [
      "both day fields set to ?",
      "cron(0 2 ? * ? *)",
      'exactly one of day-of-month and day-of-week must be "?", got "?" and "?"; put a value in the one you need, such as * in day-of-month',
    ],
    [
      "? in minutes",
      "cron(? 2 * * ? *)",
      'minutes field allows only the wildcards , - * /, got "?"; "?" belongs only in day-of-month or day-of-week',
    ],
    [
      "L in minutes",
      "cron(L 2 * * ? *)",
      'minutes field allows only the wildcards , - * /, got "L"; "L" belongs only in day-of-month or day-of-week',
    ],
    [
      "W in day-of-week",
      "cron(0 2 ? * 2W *)",
      'day-of-week field allows only the wildcards , - * / ? L #, got "2W"; "W" belongs only in day-of-month',
    ],
    [
      "# in day-of-month",
      "cron(0 2 2#1 * ? *)",
      'day-of-month field allows only the wildcards , - * / ? L W, got "2#1"; "#" belongs only in day-of-week',
    ],
    [
      "? in a list",
      "cron(0 2 ?,1 * ? *)",
      'day-of-month field must hold "?" alone, got "?,1"; remove the other entries',
    ],
    [
      "# in a list",
      "cron(0 9 ? * 2#1,3 *)",
      'day-of-week field must hold "2#1" alone, got "2#1,3"; remove the other entries',
    ],
    [
      "a sixth week",
      "cron(0 9 ? * 2#6 *)",
      'day-of-week field must write "#" as day#week, with a day 1-7 and a week 1-5, got "2#6"; for example 2#1 is the first Monday of the month',
    ],
    [
      "W after day 32",
      "cron(0 9 32W * ? *)",
      'day-of-month field must write "W" after a day 1-31, got "32W"; for example 15W is the weekday nearest the 15th',
    ],
    [
      "L after a day of the month",
      "cron(0 9 5L * ? *)",
      'day-of-month field must write "L" alone, got "5L"; "L" is the last day of the month',
    ],
    [
      "L after day of week 8",
      "cron(0 9 ? * 8L *)",
      'day-of-week field must write "L" alone or after a day 1-7, got "8L"; for example 6L is the last Friday of the month',
    ],
    [
      "every minute",
      "cron(* * * * ? *)",
      `minutes field starts a run every minute, got "*"; ${LIMIT}`,
    ],
    [
      "every minute as a full range",
      "cron(0-59 2 * * ? *)",
      `minutes field starts a run every minute, got "0-59"; ${LIMIT}`,
    ],
    [
      "every 2 minutes",
      "cron(*/2 * * * ? *)",
      `minutes field starts runs only 2 minutes apart, got "*/2"; ${LIMIT}`,
    ],
    [
      "every 4 minutes",
      "cron(0/4 9 * * ? *)",
      `minutes field starts runs only 4 minutes apart, got "0/4"; ${LIMIT}`,
    ],
    [
      "two minutes 3 apart",
      "cron(0,3 2 * * ? *)",
      `minutes field starts runs only 3 minutes apart, got "0,3"; ${LIMIT}`,
    ],
    [
      "minutes 3 apart across the hour",
      "cron(0,57 8-9 * * ? *)",
      `minutes field starts runs only 3 minutes apart (at :57 and :00 of the next hour), got "0,57"; ${LIMIT}`,
    ],
    [
      "minutes 3 apart across midnight",
      "cron(0,57 0,23 * * ? *)",
      `minutes field starts runs only 3 minutes apart (at :57 and :00 of the next hour), got "0,57"; ${LIMIT}`,
    ],
  ])("rejects %s: %s", (_case, expression, message) => {
    expect(validateCron(expression, SETTING)).toEqual([
      { path: SETTING, message },
    ]);
  });

  test("rejects several problems at once and reports them together", () => {
    expect(messages("cron(61 24 1 13 MON *)")).toEqual([
      'minutes field must be 0-59, got "61"',
      'hours field must be 0-23, got "24"',
      'month field must be 1-12 or JAN-DEC, got "13"',
      'exactly one of day-of-month and day-of-week must be "?", got "1" and "MON"; use "?" in the one you do not need',
    ]);
  });

  test("rejects a missing cron(...) wrapper together with a bad field", () => {
    expect(messages("* 2 * * ? *")).toEqual([
      `${SHAPE}, got "* 2 * * ? *"; wrap it as cron(* 2 * * ? *)`,
      `minutes field starts a run every minute, got "*"; ${LIMIT}`,
    ]);
  });

  test("locates every problem at the setting it was given", () => {
    const problems = validateCron(
      "cron(61 24 * * ? *)",
      "environments.prod.crawler.schedule",
    );

    expect(problems.map((problem) => problem.path)).toEqual([
      "environments.prod.crawler.schedule",
      "environments.prod.crawler.schedule",
    ]);
  });

  test("states the Glue limit of five minutes between runs", () => {
    expect(MIN_SCHEDULE_INTERVAL_MINUTES).toBe(5);
  });
});
