/**
 * Settings of the platform, read from `config/environments.yaml` and checked
 * against a schema before anything is synthesized. Every problem is reported
 * at once with its path, the value received and the rule.
 */
import { readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { validateCron } from "./cron";
import { Problem, SettingsError, ruleBroken } from "./errors";
import { DEFAULT_SETTINGS_FILE } from "./environments";
import { namingProblems } from "./naming";

/** Tags the platform sets on every resource itself. */
export const PLATFORM_TAG_KEYS = [
  "project",
  "environment",
  "managed-by",
] as const;

/** AWS allows 50 tags per resource; the platform's own take three of them. */
export const MAX_CONFIGURED_TAGS = 50 - PLATFORM_TAG_KEYS.length;

/**
 * Smallest bytes-scanned cutoff per query: 10 MiB. Athena's API documents
 * 10,000,000 bytes, but the Terraform AWS provider rejects anything below
 * 10,485,760 at `terraform validate`.
 */
export const MIN_BYTES_SCANNED_CUTOFF = 10_485_760;

/** Crawler schedule when none is set: daily at 02:00 UTC. */
export const DEFAULT_SCHEDULE = "cron(0 2 * * ? *)";

const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{0,9}$/;
const PROJECT_NAME = /^[a-z][a-z0-9-]{1,18}[a-z0-9]$/;
// Commercial, China and GovCloud regions: the partitions naming.ts knows.
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const days = (min: number, fallback: number) =>
  z.int().min(min).max(3650).default(fallback);

const storageSchema = z.strictObject({
  noncurrentVersionRetentionDays: days(1, 30),
  rawIntelligentTieringDays: days(0, 30),
  resultsExpiryDays: days(1, 7),
  accessLogRetentionDays: days(1, 90),
});

const crawlerSchema = z.strictObject({
  schedule: z.string().trim().default(DEFAULT_SCHEDULE),
  recrawl: z
    .enum(["new-folders-only", "everything"])
    .default("new-folders-only"),
  updateBehavior: z.enum(["LOG", "UPDATE_IN_DATABASE"]).default("LOG"),
});

const athenaSchema = z.strictObject({
  bytesScannedCutoff: z
    .int()
    .min(MIN_BYTES_SCANNED_CUTOFF)
    .default(10 * 1024 ** 3),
});

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !isAbsolute(p), {
    error:
      "must be a relative path so that synthesized output has no machine paths",
  })
  .refine((p) => !p.split(/[\\/]/).includes(".."), {
    error:
      "must stay inside the repository: remove the .. segments, e.g. state/terraform.tfstate",
  });

const backendSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("local"), path: relativePath.optional() }),
  z.strictObject({
    type: z.literal("s3"),
    bucket: z.string().min(3),
    key: z.string().min(1).optional(),
    region: z
      .string()
      .regex(REGION, { error: "must be an AWS region such as eu-west-1" })
      .optional(),
    kmsKeyId: z.string().min(1).optional(),
  }),
  z.strictObject({
    type: z.literal("cloud"),
    organization: z.string().min(1),
    hostname: z.string().min(1).default("app.terraform.io"),
    workspace: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,90}$/, {
        error: "must be 1-90 letters, digits, underscores or hyphens",
      })
      .optional(),
  }),
]);

const tagsSchema = z
  .record(z.string(), z.string())
  .default({})
  .superRefine((tags, ctx) => {
    const keys = Object.keys(tags);
    if (keys.length > MAX_CONFIGURED_TAGS) {
      ctx.addIssue({
        code: "custom",
        message: `must have at most ${MAX_CONFIGURED_TAGS} tags (AWS allows 50 per resource and the platform sets ${PLATFORM_TAG_KEYS.length}); remove some`,
        input: keys.length,
      });
    }
    for (const [key, value] of Object.entries(tags)) {
      const keyRule = tagKeyRule(key);
      const rule = keyRule ?? tagValueRule(value);
      if (rule) {
        const input = keyRule ? key : value;
        ctx.addIssue({ code: "custom", path: [key], message: rule, input });
      }
    }
  });

const environmentSchema = z.strictObject({
  accountId: z.string().regex(/^\d{12}$/, {
    error: "must be a 12-digit AWS account id in quotes",
  }),
  region: z
    .string()
    .regex(REGION, { error: "must be an AWS region such as eu-west-1" }),
  tags: tagsSchema,
  storage: storageSchema.prefault({}),
  crawler: crawlerSchema.prefault({}),
  athena: athenaSchema.prefault({}),
  backend: backendSchema.default({ type: "local" }),
});

const settingsSchema = z.strictObject({
  project: z.string().regex(PROJECT_NAME, {
    error:
      "must be 3-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit",
  }),
  environments: z.record(z.string(), environmentSchema),
});

/** Settings of one environment, with defaults filled in. */
export type EnvironmentSettings = z.infer<typeof environmentSchema>;

/** How Terraform state is stored for an environment. */
export type BackendSettings = EnvironmentSettings["backend"];

/** All settings, with defaults filled in. */
export type Settings = z.infer<typeof settingsSchema>;

/** Reads and validates the settings file; throws SettingsError listing every problem. */
export function loadSettings(file: string = DEFAULT_SETTINGS_FILE): Settings {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? `file not found; create it from the commented example in ${DEFAULT_SETTINGS_FILE}`
        : `cannot be read (${code ?? String(err)}); point to the YAML settings file`;
    throw new SettingsError(file, [{ path: file, message }]);
  }

  // Without prettyErrors the parser leaves linePos unset; count lines here.
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    lineCounter: lines,
  });
  if (doc.errors.length > 0) {
    throw new SettingsError(
      file,
      doc.errors.map((e) => ({
        path: `line ${lines.linePos(e.pos[0]).line}`,
        message: `not valid YAML: ${e.message.split("\n")[0]}`,
      })),
    );
  }
  return validateSettings(doc.toJS(), file);
}

/** Validates parsed settings; throws SettingsError listing every problem. */
export function validateSettings(
  raw: unknown,
  file: string = DEFAULT_SETTINGS_FILE,
): Settings {
  const parsed = settingsSchema.safeParse(raw, { reportInput: true });
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap(toProblems)),
    ...checkEnvironments(raw),
  ];
  // Derived names can only be checked once every part of them is valid.
  if (parsed.success && problems.length === 0) {
    problems.push(...namingProblems(parsed.data));
  }
  if (!parsed.success || problems.length > 0) {
    throw new SettingsError(file, problems);
  }
  return parsed.data;
}

/**
 * Rules that span several keys, checked on the raw input so that they are
 * reported even when the schema check found other problems.
 */
function checkEnvironments(raw: unknown): Problem[] {
  const environments = isRecord(raw) ? raw.environments : undefined;
  if (!isRecord(environments)) return [];
  const names = Object.keys(environments);
  if (names.length === 0) {
    return [
      {
        path: "environments",
        message: "must define at least one environment, e.g. dev",
      },
    ];
  }

  const problems: Problem[] = [];
  for (const name of names) {
    const path = `environments.${name}`;
    if (!ENVIRONMENT_NAME.test(name)) {
      problems.push(
        ruleBroken(
          path,
          "environment names must be 1-10 lowercase letters or digits, starting with a letter",
          name,
        ),
      );
    }
    const env = environments[name];
    const crawler = isRecord(env) && isRecord(env.crawler) ? env.crawler : {};
    const schedule = crawler.schedule ?? DEFAULT_SCHEDULE;
    if (typeof schedule === "string") {
      problems.push(...validateCron(schedule, `${path}.crawler.schedule`));
    }
    const recrawl = crawler.recrawl ?? "new-folders-only";
    const updateBehavior = crawler.updateBehavior ?? "LOG";
    if (
      recrawl === "new-folders-only" &&
      updateBehavior === "UPDATE_IN_DATABASE"
    ) {
      problems.push(
        ruleBroken(
          `${path}.crawler.updateBehavior`,
          'must be "LOG" when crawler.recrawl is "new-folders-only" (a crawl of new folders only cannot update existing tables); set updateBehavior: LOG, or recrawl: everything',
          updateBehavior,
        ),
      );
    }
  }
  return problems;
}

function toProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.map(String).join(".") || "(top level)";
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: issue.path.length > 0 ? `${path}.${key}` : key,
        message: unknownKeyMessage(key),
      }));
    case "invalid_type":
      if (issue.input === undefined) return [{ path, message: "is required" }];
      if (issue.expected === "string" && typeof issue.input === "number") {
        return [
          ruleBroken(
            path,
            "must be text: put the value in quotes (YAML reads bare digits as a number and drops leading zeros)",
            issue.input,
          ),
        ];
      }
      return [
        ruleBroken(path, `must be ${typeName(issue.expected)}`, issue.input),
      ];
    case "too_small":
      return [
        ruleBroken(path, `must be at least ${issue.minimum}`, issue.input),
      ];
    case "too_big":
      return [
        ruleBroken(path, `must be at most ${issue.maximum}`, issue.input),
      ];
    case "invalid_value":
      return [
        ruleBroken(
          path,
          `must be one of ${issue.values.join(", ")}`,
          issue.input,
        ),
      ];
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options;
      const input = (issue.input as Record<string, unknown> | undefined)?.type;
      return [
        ruleBroken(
          path,
          `must be one of ${options?.join(", ") ?? "the documented values"}`,
          input,
        ),
      ];
    }
    default:
      return [ruleBroken(path, issue.message, issue.input)];
  }
}

function unknownKeyMessage(key: string): string {
  if (/token|secret|password/i.test(key)) {
    return "secrets do not belong in settings: remove it and use `terraform login` or a TF_TOKEN_<hostname> environment variable";
  }
  return "unknown setting; check its spelling against the settings reference in the README";
}

function tagKeyRule(key: string): string | undefined {
  if (key.length < 1 || key.length > 128)
    return "tag keys must be 1-128 characters";
  if (/^aws:/i.test(key))
    return 'tag keys must not start with "aws:" (reserved by AWS)';
  if ((PLATFORM_TAG_KEYS as readonly string[]).includes(key)) {
    return `tag keys ${PLATFORM_TAG_KEYS.join(", ")} are set by the platform itself; remove this one`;
  }
  if (!TAG_TEXT.test(key))
    return "tag keys may hold letters, digits, spaces and _ . : / = + - @";
  return undefined;
}

function tagValueRule(value: string): string | undefined {
  if (value.length > 256) return "tag values must be at most 256 characters";
  if (!TAG_TEXT.test(value))
    return "tag values may hold letters, digits, spaces and _ . : / = + - @";
  return undefined;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: "a whole number",
  number: "a number",
  string: "text",
  boolean: "true or false",
  record: "a mapping of keys to values",
  object: "a mapping of keys to values",
  array: "a list",
};

function typeName(type: string): string {
  return TYPE_NAMES[type] ?? `a ${type}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
