/**
 * Validation of AWS cron expressions, the only schedule format a Glue crawler
 * accepts. Pure logic, so the settings loader, the CLI and the tests can use
 * it without synthesizing anything.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/monitor-data-warehouse-schedule.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
 */
import { Problem, ruleBroken, showValue } from "./errors";

/** Shortest time, in minutes, that Glue allows between two scheduled runs. */
export const MIN_SCHEDULE_INTERVAL_MINUTES = 5;

const SHAPE =
  "must be an AWS cron expression cron(minutes hours day-of-month month day-of-week year)";
const EXAMPLE = "for example cron(0 2 * * ? *) runs daily at 02:00 UTC";

const MONTHS = [
  "JAN",
  "FEB",
  "MAR",
  "APR",
  "MAY",
  "JUN",
  "JUL",
  "AUG",
  "SEP",
  "OCT",
  "NOV",
  "DEC",
];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Where each wildcard may be used, for the hint in a message. */
const WILDCARD_HOMES: Readonly<Record<string, string>> = {
  "?": "day-of-month or day-of-week",
  L: "day-of-month or day-of-week",
  W: "day-of-month",
  "#": "day-of-week",
};

/** How `L`, `W` and `#` are written, for when they are written wrongly. */
const SPECIAL_FORMS = [
  {
    wildcard: "#",
    field: "day-of-week",
    rule: 'must write "#" as day#week, with a day 1-7 and a week 1-5',
    fix: "for example 2#1 is the first Monday of the month",
  },
  {
    wildcard: "W",
    field: "day-of-month",
    rule: 'must write "W" after a day 1-31',
    fix: "for example 15W is the weekday nearest the 15th",
  },
  {
    wildcard: "L",
    field: "day-of-month",
    rule: 'must write "L" alone',
    fix: '"L" is the last day of the month',
  },
  {
    wildcard: "L",
    field: "day-of-week",
    rule: 'must write "L" alone or after a day 1-7',
    fix: "for example 6L is the last Friday of the month",
  },
];

/** One of the six fields of a cron expression. */
interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names of the values, the first one standing for `min`. */
  readonly names?: readonly string[];
  /** Wildcards the field accepts besides `,`, `-`, `*` and `/`. */
  readonly extra: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: "minutes", min: 0, max: 59, extra: [] },
  { name: "hours", min: 0, max: 23, extra: [] },
  { name: "day-of-month", min: 1, max: 31, extra: ["?", "L", "W"] },
  { name: "month", min: 1, max: 12, names: MONTHS, extra: [] },
  {
    name: "day-of-week",
    min: 1,
    max: 7,
    names: WEEKDAYS,
    extra: ["?", "L", "#"],
  },
  { name: "year", min: 1970, max: 2199, extra: [] },
];

/**
 * Checks a Glue crawler schedule and returns every problem found, each
 * located at `setting` (for example `environments.dev.crawler.schedule`).
 *
 * The rules are those of AWS cron expressions plus Glue's own limit of one
 * run per {@link MIN_SCHEDULE_INTERVAL_MINUTES} minutes. A five-field Unix
 * cron expression gets a suggested six-field equivalent.
 */
export function validateCron(expression: string, setting: string): Problem[] {
  const text = expression.trim();
  if (/^rate\s*\(/i.test(text)) return [rateProblem(expression, setting)];

  const wrapped = /^cron\((.*)\)$/s.exec(text);
  const body = (wrapped ? wrapped[1] : text).trim();
  const parts = body === "" ? [] : body.split(/\s+/);
  if (parts.length !== 6) {
    return [shapeProblem(expression, parts, wrapped !== null, setting)];
  }

  const problems: Problem[] = [];
  if (!wrapped) {
    const fix = `wrap it as cron(${parts.join(" ")})`;
    problems.push(broken(setting, SHAPE, expression, fix));
  }
  const report = (rule: string, value: string, fix?: string) =>
    problems.push(broken(setting, rule, value, fix));
  const values = FIELDS.map((spec, i) => checkField(spec, parts[i], report));
  checkDayFields(parts[2], parts[4], setting, problems);
  checkInterval(parts[0], values[0], values[1], report);
  return problems;
}

type Report = (rule: string, value: string, fix?: string) => void;

function broken(
  setting: string,
  rule: string,
  value: string,
  fix?: string,
): Problem {
  const problem = ruleBroken(setting, rule, value);
  return fix ? { ...problem, message: `${problem.message}; ${fix}` } : problem;
}

function rateProblem(expression: string, setting: string): Problem {
  const rule =
    "must be a cron(...) expression because Glue crawlers do not accept rate(...)";
  const equivalent = cronForRate(expression.trim());
  const fix = equivalent
    ? `write it as ${equivalent}`
    : `write a cron expression instead, ${EXAMPLE}`;
  return broken(setting, rule, expression, fix);
}

/** The cron expression that runs like a simple rate expression, if any. */
function cronForRate(text: string): string | undefined {
  const match = /^rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)$/.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = match[2];
  if (unit === "minute" && count >= 5 && count < 60 && 60 % count === 0) {
    return `cron(0/${count} * * * ? *)`;
  }
  if (unit === "hour" && count === 1) return "cron(0 * * * ? *)";
  if (unit === "hour" && count > 1 && count < 24 && 24 % count === 0) {
    return `cron(0 0/${count} * * ? *)`;
  }
  if (unit === "day" && count === 1) return "cron(0 0 * * ? *)";
  return undefined;
}

function shapeProblem(
  expression: string,
  parts: readonly string[],
  wrapped: boolean,
  setting: string,
): Problem {
  if (parts.length === 0) return broken(setting, SHAPE, expression, EXAMPLE);

  const rule = `${SHAPE} with six fields`;
  if (parts.length === 5) {
    const verb = wrapped ? "write it as" : "wrap it as";
    return broken(
      setting,
      rule,
      expression,
      `${verb} ${fromFiveFields(parts)}`,
    );
  }
  if (parts.length === 7) {
    const fix = `AWS cron has no seconds field; if the first field is seconds, drop it: cron(${parts.slice(1).join(" ")})`;
    return broken(setting, rule, expression, fix);
  }
  return broken(setting, rule, expression, EXAMPLE);
}

/** Turns five fields (Unix cron, or AWS cron without the year) into AWS cron. */
function fromFiveFields(parts: readonly string[]): string {
  const [minutes, hours, dayOfMonth, month, dayOfWeek] = parts;
  const cron = (day: string, weekday: string) =>
    `cron(${minutes} ${hours} ${day} ${month} ${weekday} *)`;

  // A "?" means the year alone is missing, not that this is Unix cron.
  if (dayOfMonth === "?" || dayOfWeek === "?") {
    return cron(dayOfMonth, dayOfWeek);
  }
  const weekday = awsWeekdays(dayOfWeek);
  if (weekday === "*") return cron(dayOfMonth, "?");
  if (dayOfMonth === "*") return cron("?", weekday);
  // Unix runs on either day; AWS needs a choice between the two.
  return `${cron(dayOfMonth, "?")} or ${cron("?", weekday)}`;
}

/**
 * Rewrites a Unix day-of-week field (0-7, 0 and 7 being Sunday) with day
 * names, which mean the same in both dialects. Forms it cannot rewrite
 * (steps, for one) are returned as they are.
 */
function awsWeekdays(field: string): string {
  const days = new Set<number>();
  for (const item of field.toUpperCase().split(",")) {
    if (item === "*") return "*";
    const match = /^(\w+)(?:-(\w+))?$/.exec(item);
    const first = match ? unixWeekday(match[1]) : undefined;
    const last = match?.[2] === undefined ? first : unixWeekday(match[2]);
    if (first === undefined || last === undefined || first > last) {
      return field;
    }
    for (let day = first; day <= last; day++) days.add(day % 7);
  }
  if (days.size === 7) return "*";

  const runs: string[] = [];
  for (let day = 0; day < 7; day++) {
    if (!days.has(day)) continue;
    let end = day;
    while (days.has(end + 1)) end++;
    runs.push(
      end === day ? WEEKDAYS[day] : `${WEEKDAYS[day]}-${WEEKDAYS[end]}`,
    );
    day = end;
  }
  return runs.join(",");
}

function unixWeekday(token: string): number | undefined {
  if (/^[0-7]$/.test(token)) return Number(token);
  const index = WEEKDAYS.indexOf(token);
  return index < 0 ? undefined : index;
}

/**
 * Checks one field and returns the values it selects, or undefined when the
 * field is broken or uses `?`, `L`, `W` or `#`.
 */
function checkField(
  spec: FieldSpec,
  field: string,
  report: Report,
): number[] | undefined {
  const items = field.split(",");
  const values: number[] = [];
  let plain = true;
  for (const item of items) {
    const selected = checkItem(spec, item, field, items.length, report);
    if (selected === undefined) plain = false;
    else values.push(...selected);
  }
  return plain ? values : undefined;
}

function checkItem(
  spec: FieldSpec,
  item: string,
  field: string,
  itemCount: number,
  report: Report,
): number[] | undefined {
  const label = `${spec.name} field`;
  if (item === "") {
    report(`${label} has an empty entry`, field, "remove the extra comma");
    return undefined;
  }

  const text = replaceNames(spec, item);
  for (const wildcard of Object.keys(WILDCARD_HOMES)) {
    if (text.includes(wildcard) && !spec.extra.includes(wildcard)) {
      const allowed = [",", "-", "*", "/", ...spec.extra].join(" ");
      const home = WILDCARD_HOMES[wildcard];
      const hint = `"${wildcard}" belongs only in ${home}`;
      report(`${label} allows only the wildcards ${allowed}`, item, hint);
      return undefined;
    }
  }

  if (isSpecialItem(spec, text)) {
    if (itemCount > 1) {
      const fix = "remove the other entries";
      report(`${label} must hold "${item}" alone`, field, fix);
    }
    return undefined;
  }

  const form = SPECIAL_FORMS.find(
    ({ wildcard, field }) => field === spec.name && text.includes(wildcard),
  );
  if (form) {
    report(`${label} ${form.rule}`, item, form.fix);
    return undefined;
  }

  const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(text);
  if (!match) {
    report(`${label} must be ${describeRange(spec)}`, item);
    return undefined;
  }
  const [start, end] = bounds(spec, match[1], match[2] !== undefined);
  if (![start, end].every((n) => n >= spec.min && n <= spec.max)) {
    report(`${label} must be ${describeRange(spec)}`, item);
    return undefined;
  }
  if (start > end) {
    const fix = `split it in two, such as ${start}-${spec.max},${spec.min}-${end}`;
    report(`${label} range must run from low to high`, item, fix);
    return undefined;
  }
  const step = match[2] === undefined ? 1 : Number(match[2]);
  const maxStep = spec.max - spec.min;
  if (step < 1 || step > maxStep) {
    report(`${label} step after "/" must be 1-${maxStep}`, item);
    return undefined;
  }

  const values: number[] = [];
  for (let value = start; value <= end; value += step) values.push(value);
  return values;
}

/** Replaces month and weekday names with their numbers. */
function replaceNames(spec: FieldSpec, item: string): string {
  const names = spec.names;
  if (!names) return item;
  return item.replace(/[A-Z]{3}/g, (name) => {
    const index = names.indexOf(name);
    return index < 0 ? name : String(spec.min + index);
  });
}

/** Whether an item is `?` or a form with `L`, `W` or `#`. */
function isSpecialItem(spec: FieldSpec, text: string): boolean {
  if (text === "?") return true;
  if (spec.name === "day-of-month") {
    if (text === "L") return true;
    const weekday = /^(\d+)W$/.exec(text);
    return weekday !== null && inRange(weekday[1], 1, 31);
  }
  if (spec.name === "day-of-week") {
    if (text === "L") return true;
    const last = /^(\d+)L$/.exec(text);
    if (last) return inRange(last[1], 1, 7);
    const nth = /^(\d+)#(\d+)$/.exec(text);
    return nth !== null && inRange(nth[1], 1, 7) && inRange(nth[2], 1, 5);
  }
  return false;
}

function inRange(digits: string, min: number, max: number): boolean {
  const value = Number(digits);
  return value >= min && value <= max;
}

function describeRange(spec: FieldSpec): string {
  const numbers = `${spec.min}-${spec.max}`;
  const names = spec.names;
  return names
    ? `${numbers} or ${names[0]}-${names[names.length - 1]}`
    : numbers;
}

/** First and last value of `*`, `a` or `a-b`; `a/step` runs to the end. */
function bounds(
  spec: FieldSpec,
  range: string,
  stepped: boolean,
): [number, number] {
  if (range === "*") return [spec.min, spec.max];
  const [first, last] = range.split("-").map(Number);
  if (last !== undefined) return [first, last];
  return [first, stepped ? spec.max : first];
}

function checkDayFields(
  dayOfMonth: string,
  dayOfWeek: string,
  setting: string,
  problems: Problem[],
): void {
  const monthDayFree = dayOfMonth === "?";
  if (monthDayFree !== (dayOfWeek === "?")) return;

  const rule = 'exactly one of day-of-month and day-of-week must be "?"';
  const fix = monthDayFree
    ? "put a value in the one you need, such as * in day-of-month"
    : 'use "?" in the one you do not need';
  // Both fields are shown, so the message is built here, not by ruleBroken.
  const got = `${showValue(dayOfMonth)} and ${showValue(dayOfWeek)}`;
  problems.push({ path: setting, message: `${rule}, got ${got}; ${fix}` });
}

/**
 * Rejects minutes closer together than Glue allows, within an hour and,
 * when the schedule runs in two consecutive hours, across the hour. Hours 23
 * and 0 count as consecutive whatever the day fields say, which errs on the
 * side of rejecting.
 */
function checkInterval(
  field: string,
  minutes: readonly number[] | undefined,
  hours: readonly number[] | undefined,
  report: Report,
): void {
  if (minutes === undefined || minutes.length === 0) return;

  const sorted = [...new Set(minutes)].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    gap = Math.min(gap, sorted[i] - sorted[i - 1]);
  }
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const acrossHour = 60 - last + first;
  const hourSet = new Set(hours ?? []);
  const consecutive = [...hourSet].some((hour) => hourSet.has((hour + 1) % 24));
  const across = consecutive && acrossHour < gap;
  if (across) gap = acrossHour;
  if (gap >= MIN_SCHEDULE_INTERVAL_MINUTES) return;

  const when = across
    ? ` (at :${pad(last)} and :${pad(first)} of the next hour)`
    : "";
  const rule =
    gap === 1
      ? "minutes field starts a run every minute"
      : `minutes field starts runs only ${gap} minutes apart${when}`;
  const fix = `Glue crawlers may run at most every ${MIN_SCHEDULE_INTERVAL_MINUTES} minutes, so space the minutes at least ${MIN_SCHEDULE_INTERVAL_MINUTES} apart, such as 0/${MIN_SCHEDULE_INTERVAL_MINUTES}`;
  report(rule, field, fix);
}

function pad(minute: number): string {
  return String(minute).padStart(2, "0");
}
