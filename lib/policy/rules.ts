/**
 * The security and operations rules every stack must follow. Each rule has
 * an id, a one-line statement, why it matters and how to fix it; the README
 * lists them for people.
 */
import { showValue } from "../errors";
import { MIN_BYTES_SCANNED_CUTOFF } from "../settings";
import {
  ParsedPolicy,
  Statement,
  deniesInsecureTransport,
  parsePolicy,
} from "./documents";
import { PolicyResource, block, blocks, isSet } from "./resources";
import { PolicyRule, StackView, Violation } from "./rule";

/** Tags every taggable resource must carry. */
export const REQUIRED_TAGS = ["project", "environment", "managed-by"] as const;

/** Resource types whose loss loses data; Terraform must refuse to destroy them. */
export const STATEFUL_TYPES = [
  "aws_s3_bucket",
  "aws_kms_key",
  "aws_glue_catalog_database",
] as const;

/**
 * Actions that AWS only authorizes on `"Resource": "*"`: the Service
 * Authorization Reference lists no resource type for them, so no narrower
 * resource can be written.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export const WILDCARD_RESOURCE_ACTIONS: ReadonlyMap<string, string> = new Map([
  [
    "glue:GetSecurityConfiguration",
    "reads the crawler's security configuration",
  ],
  ["glue:GetSecurityConfigurations", "lists security configurations"],
  ["s3:ListAllMyBuckets", "lists the account's buckets"],
  ["kms:ListAliases", "lists KMS aliases"],
  ["kms:ListKeys", "lists KMS keys"],
  ["cloudwatch:PutMetricData", "publishes CloudWatch metrics"],
  ["athena:ListWorkGroups", "lists Athena workgroups"],
]);

/** Managed policies too broad for any role of the platform, by policy name. */
export const BROAD_MANAGED_POLICIES = [
  "AdministratorAccess",
  "PowerUserAccess",
  "AWSGlueServiceRole",
  "*FullAccess",
] as const;

const BUCKET = "aws_s3_bucket";

const IAM_POLICY_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
  ["aws_iam_role_policy", "policy"],
  ["aws_iam_policy", "policy"],
  ["aws_iam_user_policy", "policy"],
  ["aws_iam_group_policy", "policy"],
];

const s3Encryption: PolicyRule = {
  id: "S3-001",
  statement:
    "S3 buckets encrypt by default with SSE-KMS and S3 Bucket Keys; only a bucket receiving server access logs may use SSE-S3.",
  why: "SSE-KMS puts reads behind the key policy and CloudTrail; Bucket Keys cut KMS requests and cost by orders of magnitude. S3 server access log delivery does not support SSE-KMS on the target bucket.",
  fix: "Give the SecureBucket a `kmsKeyArn` (the lake key); it then writes sse_algorithm aws:kms with bucket_key_enabled = true.",
  check: (view) =>
    view.ofType(BUCKET).flatMap((bucket) => {
      const configs = view.linkedTo(
        "aws_s3_bucket_server_side_encryption_configuration",
        "bucket",
        bucket,
        "bucket",
      );
      if (configs.length === 0) {
        return [
          violation(
            bucket,
            "has no aws_s3_bucket_server_side_encryption_configuration",
          ),
        ];
      }
      const logTarget = isAccessLogTarget(view, bucket);
      return configs.flatMap((config) =>
        blocks(config.values.rule).flatMap((rule) => {
          const sse = block(rule.apply_server_side_encryption_by_default);
          const algorithm = sse.sse_algorithm;
          if (algorithm === "AES256" && logTarget) return [];
          if (algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") {
            const only =
              algorithm === "AES256"
                ? " (SSE-S3, which only a bucket receiving server access logs may use)"
                : "";
            return [
              violation(
                config,
                `encrypts with sse_algorithm ${showValue(algorithm)}${only}; use "aws:kms" with a customer managed key`,
              ),
            ];
          }
          const problems: string[] = [];
          if (!isSet(sse.kms_master_key_id)) {
            problems.push(
              "sets no kms_master_key_id (uses the AWS managed key)",
            );
          }
          if (algorithm === "aws:kms" && rule.bucket_key_enabled !== true) {
            problems.push(
              `has bucket_key_enabled ${showValue(rule.bucket_key_enabled)} instead of true`,
            );
          }
          return problems.map((p) => violation(config, p));
        }),
      );
    }),
};

const s3Versioning: PolicyRule = {
  id: "S3-002",
  statement: "S3 buckets have versioning enabled.",
  why: "Versioning keeps overwritten and deleted objects recoverable; lifecycle rules expire old versions.",
  fix: "Use SecureBucket, which adds aws_s3_bucket_versioning with status Enabled.",
  check: (view) =>
    eachBucketWith(view, "aws_s3_bucket_versioning", (bucket, configs) => {
      const statuses = configs.map(
        (c) => block(c.values.versioning_configuration).status,
      );
      if (statuses.includes("Enabled")) return [];
      return [
        violation(
          bucket,
          `has versioning status ${statuses.map(showValue).join(", ")} instead of "Enabled"`,
        ),
      ];
    }),
};

const s3PublicAccessBlock: PolicyRule = {
  id: "S3-003",
  statement:
    "S3 buckets block public access with all four public access block flags.",
  why: "One missing flag is enough for an ACL or bucket policy to expose the lake to the internet.",
  fix: "Use SecureBucket, which sets block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true.",
  check: (view) =>
    eachBucketWith(view, "aws_s3_bucket_public_access_block", (_, found) =>
      found.flatMap((pab) => {
        const off = [
          "block_public_acls",
          "block_public_policy",
          "ignore_public_acls",
          "restrict_public_buckets",
        ].filter((flag) => pab.values[flag] !== true);
        return off.length === 0
          ? []
          : [violation(pab, `does not set ${off.join(", ")} to true`)];
      }),
    ),
};

const s3Ownership: PolicyRule = {
  id: "S3-004",
  statement:
    "S3 buckets disable ACLs with object ownership BucketOwnerEnforced.",
  why: "With ACLs disabled, only policies grant access and the bucket owner owns every object, whoever wrote it.",
  fix: 'Use SecureBucket, which adds aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced".',
  check: (view) =>
    eachBucketWith(
      view,
      "aws_s3_bucket_ownership_controls",
      (bucket, found) => {
        const values = found.map((c) => block(c.values.rule).object_ownership);
        if (values.includes("BucketOwnerEnforced")) return [];
        return [
          violation(
            bucket,
            `has object_ownership ${values.map(showValue).join(", ")} instead of "BucketOwnerEnforced"`,
          ),
        ];
      },
    ),
};

const s3TlsOnly: PolicyRule = {
  id: "S3-005",
  statement:
    "S3 bucket policies deny every request made without TLS (aws:SecureTransport false).",
  why: "Without the denial, clients can read and write lake data over plain HTTP.",
  fix: "Use SecureBucket, whose bucket policy starts with a Deny of s3:* on the bucket and its objects when aws:SecureTransport is false.",
  check: (view) =>
    eachBucketWith(view, "aws_s3_bucket_policy", (_, policies) =>
      policies.flatMap((policy) =>
        readable(
          policy,
          "policy",
          parsePolicy(policy.values.policy),
          (statements) =>
            statements.some(
              (s) =>
                s.effect === "Deny" &&
                isEveryone(s.principal) &&
                s.actions.some((a) => a === "s3:*" || a === "*") &&
                s.resources.some((r) => r.endsWith("/*")) &&
                deniesInsecureTransport(s),
            )
              ? []
              : [
                  "has no statement denying s3:* on the bucket and its objects (Resource ending in /*) to Principal * when aws:SecureTransport is false",
                ],
        ),
      ),
    ),
};

const s3AccessLogging: PolicyRule = {
  id: "S3-006",
  statement: "S3 buckets deliver server access logs to another bucket.",
  why: "Access logs are the record of who read or changed lake data; investigations and audits need them.",
  fix: "Give the SecureBucket `accessLogs` pointing at the access-logs bucket with its own prefix.",
  check: (view) =>
    eachBucketWith(view, "aws_s3_bucket_logging", (bucket, logging) =>
      logging.flatMap((l) => {
        if (!isSet(l.values.target_bucket)) {
          return [violation(l, "sets no target_bucket")];
        }
        const self =
          l.values.target_bucket === bucket.values.bucket ||
          (l.references.target_bucket ?? []).includes(bucket.address);
        return self
          ? [
              violation(
                l,
                "logs the bucket into itself, which creates a log record for every log delivery",
              ),
            ]
          : [];
      }),
    ),
};

const s3Lifecycle: PolicyRule = {
  id: "S3-007",
  statement:
    "S3 buckets have lifecycle rules, including one for the whole bucket that aborts incomplete multipart uploads.",
  why: "Parts of abandoned multipart uploads are invisible in listings but billed forever; expiry rules bound what the lake keeps.",
  fix: "Use SecureBucket, which always adds the abort-incomplete-multipart-uploads rule next to the bucket's own rules.",
  check: (view) =>
    eachBucketWith(
      view,
      "aws_s3_bucket_lifecycle_configuration",
      (_, configs) => {
        const aborts = configs.some((c) =>
          blocks(c.values.rule).some(
            (rule) =>
              rule.status === "Enabled" &&
              isSet(
                block(rule.abort_incomplete_multipart_upload)
                  .days_after_initiation,
              ) &&
              coversWholeBucket(rule),
          ),
        );
        return aborts
          ? []
          : [
              violation(
                configs[0],
                "has no enabled rule for the whole bucket with abort_incomplete_multipart_upload",
              ),
            ];
      },
    ),
};

const kmsRotation: PolicyRule = {
  id: "KMS-001",
  statement: "Symmetric KMS keys rotate their key material every year.",
  why: "Rotation limits how much data one key version protects, and audits ask for it.",
  fix: "Set enableKeyRotation: true on the KmsKey (LakeKey does).",
  check: (view) =>
    view
      .ofType("aws_kms_key")
      .filter((key) => {
        const spec = key.values.customer_master_key_spec;
        return !isSet(spec) || spec === "SYMMETRIC_DEFAULT";
      })
      .filter((key) => key.values.enable_key_rotation !== true)
      .map((key) =>
        violation(
          key,
          `has enable_key_rotation ${showValue(key.values.enable_key_rotation)} instead of true`,
        ),
      ),
};

const athenaEnforced: PolicyRule = {
  id: "ATH-001",
  statement:
    "Athena workgroups enforce their configuration over client-side settings.",
  why: "Otherwise any client can send results to another location, unencrypted, and bypass the scan cutoff.",
  fix: "Set configuration.enforceWorkgroupConfiguration: true on the AthenaWorkgroup (true is also the provider default).",
  check: (view) =>
    view.ofType("aws_athena_workgroup").flatMap((wg) => {
      const configuration = blocks(wg.values.configuration);
      if (configuration.length === 0) {
        return [violation(wg, "has no configuration block")];
      }
      const enforced = configuration[0].enforce_workgroup_configuration;
      return enforced === false
        ? [violation(wg, "has enforce_workgroup_configuration false")]
        : [];
    }),
};

const athenaEncrypted: PolicyRule = {
  id: "ATH-002",
  statement:
    "Athena workgroups encrypt query results with KMS (SSE_KMS or CSE_KMS).",
  why: "Query results copy lake data; they deserve the same protection as the data.",
  fix: 'Set configuration.resultConfiguration.encryptionConfiguration to { encryptionOption: "SSE_KMS", kmsKeyArn: <lake key ARN> }.',
  check: (view) =>
    view.ofType("aws_athena_workgroup").flatMap((wg) => {
      const encryption = block(
        block(block(wg.values.configuration).result_configuration)
          .encryption_configuration,
      );
      const option = encryption.encryption_option;
      if (option !== "SSE_KMS" && option !== "CSE_KMS") {
        return [
          violation(
            wg,
            `has result encryption_option ${showValue(option)}; use "SSE_KMS" or "CSE_KMS"`,
          ),
        ];
      }
      return isSet(encryption.kms_key_arn)
        ? []
        : [violation(wg, `uses ${option} without a kms_key_arn`)];
    }),
};

const athenaCutoff: PolicyRule = {
  id: "ATH-003",
  statement:
    "Athena workgroups cancel queries that scan more than a set number of bytes.",
  why: "One query over all partitions can scan the whole lake; the cutoff caps what a mistake costs.",
  fix: "Set athena.bytesScannedCutoff for the environment in config/environments.yaml; the stack passes it as bytes_scanned_cutoff_per_query.",
  check: (view) =>
    view.ofType("aws_athena_workgroup").flatMap((wg) => {
      const cutoff = block(
        wg.values.configuration,
      ).bytes_scanned_cutoff_per_query;
      if (typeof cutoff === "number" && cutoff >= MIN_BYTES_SCANNED_CUTOFF) {
        return [];
      }
      if (typeof cutoff === "string" && cutoff.startsWith("$")) return [];
      return [
        violation(
          wg,
          `has bytes_scanned_cutoff_per_query ${showValue(cutoff)}; set at least ${MIN_BYTES_SCANNED_CUTOFF} (10 MiB)`,
        ),
      ];
    }),
};

const glueCrawlerSecurity: PolicyRule = {
  id: "GLUE-001",
  statement:
    "Glue crawlers run with a security configuration defined in the same stack.",
  why: "Without one, the crawler writes its CloudWatch logs unencrypted.",
  fix: "Set securityConfiguration on the GlueCrawler to the name of the stack's GlueSecurityConfiguration.",
  check: (view) =>
    view.ofType("aws_glue_crawler").flatMap((crawler) => {
      const name = crawler.values.security_configuration;
      if (!isSet(name)) {
        return [violation(crawler, "sets no security_configuration")];
      }
      const found = view.target(
        crawler,
        "security_configuration",
        "aws_glue_security_configuration",
        "name",
      );
      return found
        ? []
        : [
            violation(
              crawler,
              `names security_configuration ${showValue(name)}, which this stack does not define, so its encryption cannot be checked`,
            ),
          ];
    }),
};

const glueEncryption: PolicyRule = {
  id: "GLUE-002",
  statement:
    "Glue security configurations encrypt S3 data (SSE-KMS), CloudWatch logs (SSE-KMS) and job bookmarks (CSE-KMS), each with a KMS key.",
  why: "A mode left DISABLED leaves that output of the crawler or job in plain text.",
  fix: "Set all three modes of encryptionConfiguration on the GlueSecurityConfiguration with the lake key's ARN.",
  check: (view) =>
    view.ofType("aws_glue_security_configuration").flatMap((config) => {
      const encryption = block(config.values.encryption_configuration);
      const parts: Array<[string, string, string]> = [
        ["s3_encryption", "s3_encryption_mode", "SSE-KMS"],
        ["cloudwatch_encryption", "cloudwatch_encryption_mode", "SSE-KMS"],
        [
          "job_bookmarks_encryption",
          "job_bookmarks_encryption_mode",
          "CSE-KMS",
        ],
      ];
      return parts.flatMap(([part, modeKey, wanted]) => {
        const settings = block(encryption[part]);
        const mode = settings[modeKey];
        if (mode !== wanted) {
          return [
            violation(
              config,
              `has ${part}.${modeKey} ${showValue(mode)}; use "${wanted}"`,
            ),
          ];
        }
        return isSet(settings.kms_key_arn)
          ? []
          : [violation(config, `has ${part} without a kms_key_arn`)];
      });
    }),
};

const iamWildcardActions: PolicyRule = {
  id: "IAM-001",
  statement:
    "IAM policies allow named actions only: no wildcard (`*`, `s3:*`, `s3:Get*`), no NotAction.",
  why: "A wildcard grants every matching action the service has today and every one it adds later, including deletes and permission changes.",
  fix: "List the actions the principal calls, e.g. glue:GetTable and s3:GetObject, instead of the wildcard.",
  check: (view) =>
    iamPolicies(view).flatMap(([resource, attribute, parsed]) =>
      readable(resource, attribute, parsed, (statements) =>
        statements
          .filter((s) => s.effect === "Allow")
          .flatMap((s) => {
            const where = statementName(s);
            const wild = s.actions.filter(isWildcardAction);
            return [
              ...(wild.length > 0
                ? [`${where} allows wildcard actions ${wild.join(", ")}`]
                : []),
              ...(s.notActions.length > 0
                ? [
                    `${where} allows everything except NotAction ${s.notActions.join(", ")}`,
                  ]
                : []),
            ];
          }),
      ),
    ),
};

const iamWildcardResources: PolicyRule = {
  id: "IAM-002",
  statement:
    'IAM policies allow actions on named resources: `"Resource": "*"`, or an ARN with a wildcard partition, service, region or account or a wildcard-only resource name (`arn:aws:s3:::*`, `table/*`), only for actions AWS authorizes on no narrower resource.',
  why: "A wildcard resource reaches every bucket, table and key of the account, not just the lake's.",
  fix: `Name the ARNs (bucket, objects, database, tables, key); keep actions that need "*" (${[...WILDCARD_RESOURCE_ACTIONS.keys()].join(", ")}) in a statement of their own.`,
  check: (view) =>
    iamPolicies(view).flatMap(([resource, attribute, parsed]) =>
      readable(resource, attribute, parsed, (statements) =>
        statements
          .filter((s) => s.effect === "Allow")
          .flatMap((s) => {
            const where = statementName(s);
            if (s.notResources.length > 0) {
              return [
                `${where} allows everything except NotResource ${s.notResources.join(", ")}`,
              ];
            }
            const scoped = s.actions.filter(
              (a) => !WILDCARD_RESOURCE_ACTIONS.has(a),
            );
            if (scoped.length === 0) return [];
            const actions = scoped.join(", ");
            const arns = s.resources.filter(
              (r) => r !== "*" && isWildcardResource(r),
            );
            return [
              ...(s.resources.includes("*")
                ? [`${where} allows ${actions} on Resource "*"`]
                : []),
              ...(arns.length > 0
                ? [
                    `${where} allows ${actions} on wildcard resources ${arns.join(", ")}`,
                  ]
                : []),
            ];
          }),
      ),
    ),
};

const iamManagedPolicies: PolicyRule = {
  id: "IAM-003",
  statement: `IAM principals get no broad AWS managed policy (${BROAD_MANAGED_POLICIES.join(", ")}).`,
  why: "These policies grant far more than the platform needs; AWSGlueServiceRole, for one, reads every bucket whose name starts with aws-glue- and manages EC2 network interfaces.",
  fix: "Detach the managed policy and grant the actions the role needs in an inline policy scoped to the lake's resources.",
  check: (view) => {
    const attachments: Array<[PolicyResource, unknown]> = [
      ...view
        .ofType(
          "aws_iam_role_policy_attachment",
          "aws_iam_policy_attachment",
          "aws_iam_user_policy_attachment",
          "aws_iam_group_policy_attachment",
        )
        .map((r): [PolicyResource, unknown] => [r, r.values.policy_arn]),
      ...view
        .ofType("aws_iam_role", "aws_iam_role_policy_attachments_exclusive")
        .flatMap((r) =>
          listOf(r.values.managed_policy_arns ?? r.values.policy_arns).map(
            (arn): [PolicyResource, unknown] => [r, arn],
          ),
        ),
    ];
    return attachments
      .filter(([, arn]) => typeof arn === "string" && isBroadPolicy(arn))
      .map(([r, arn]) => violation(r, `attaches the managed policy ${arn}`));
  },
};

const preventDestroy: PolicyRule = {
  id: "LIFE-001",
  statement: `Stateful resources (${STATEFUL_TYPES.join(", ")}) have lifecycle prevent_destroy.`,
  why: "A rename or a careless change plans a destroy; prevent_destroy turns it into an error instead of lost data, a lost key or a lost catalog.",
  fix: "Set lifecycle: { preventDestroy: true } (SecureBucket: preventDestroy: true).",
  check: (view) =>
    view
      .ofType(...STATEFUL_TYPES)
      .filter((r) => r.preventDestroy === false)
      .map((r) => violation(r, "does not set lifecycle prevent_destroy")),
};

const requiredTags: PolicyRule = {
  id: "TAG-001",
  statement: `Taggable resources carry the tags ${REQUIRED_TAGS.join(", ")}.`,
  why: "Cost reports, ownership lookups and access conditions key on these tags.",
  fix: "Keep the tags in the AWS provider's default_tags (AnalyticsStack sets them) and do not override them with empty values on a resource.",
  check: (view) =>
    view.resources
      .filter((r) => r.taggable && r.tags !== undefined)
      .flatMap((r) => {
        const missing = REQUIRED_TAGS.filter((key) => !r.tags?.[key]);
        return missing.length === 0
          ? []
          : [violation(r, `lacks the tags ${missing.join(", ")}`)];
      }),
};

/** Every rule, in report order. */
export const RULES: readonly PolicyRule[] = [
  s3Encryption,
  s3Versioning,
  s3PublicAccessBlock,
  s3Ownership,
  s3TlsOnly,
  s3AccessLogging,
  s3Lifecycle,
  kmsRotation,
  athenaEnforced,
  athenaEncrypted,
  athenaCutoff,
  glueCrawlerSecurity,
  glueEncryption,
  iamWildcardActions,
  iamWildcardResources,
  iamManagedPolicies,
  preventDestroy,
  requiredTags,
];

/** Whether a managed policy ARN names one of the broad managed policies. */
export function isBroadPolicy(arn: string): boolean {
  if (!/^arn:[^:]+:iam::aws:policy\//.test(arn)) return false;
  const name = arn.slice(arn.lastIndexOf("/") + 1);
  return BROAD_MANAGED_POLICIES.some((pattern) =>
    pattern.startsWith("*")
      ? name.endsWith(pattern.slice(1))
      : name === pattern,
  );
}

/** Whether an IAM action has a wildcard (`*` or `?`) anywhere in it. */
export function isWildcardAction(action: string): boolean {
  return /[*?]/.test(action);
}

/**
 * Whether an IAM resource reaches resources nobody named: `*`, an ARN with a
 * wildcard in its partition, service, region or account, or one whose
 * resource name (after the resource type, such as `table/` or `log-group:`;
 * S3 bucket ARNs have none) starts with a wildcard-only part, like
 * `arn:aws:s3:::*` or `...:table/*`. A partly named resource stays allowed:
 * `arn:aws:s3:::bucket/raw/users/*`, `...:log-group:/aws-glue/crawlers*`,
 * `...:log-group:/aws-glue/crawlers*:log-stream:*`. A `${...}` reference
 * counts as named, and so does a value that starts with one, such as
 * `${aws_s3_bucket.data_bucket.arn}/*`.
 */
export function isWildcardResource(resource: string): boolean {
  if (resource.startsWith("${")) return false;
  const value = resource.replace(/\$\{[^}]*\}/g, "ref");
  if (!/[*?]/.test(value)) return false;
  const fields = value.split(":");
  if (fields[0] !== "arn" || fields.length < 6) return true;
  if (fields.slice(1, 5).some((f) => /[*?]/.test(f))) return true;
  const [, , service, region, account] = fields;
  const parts = fields
    .slice(5)
    .join(":")
    .split(/[/:]/)
    .filter((p) => p !== "");
  const untyped = service === "s3" && region === "" && account === "";
  const typed = !untyped && parts.length > 1;
  if (typed && /[*?]/.test(parts[0])) return true;
  const name = typed ? parts[1] : parts[0];
  return name === undefined || /^[*?]+$/.test(name);
}

function violation(resource: PolicyResource, message: string): Violation {
  return { address: resource.address, message };
}

function linked(view: StackView, type: string, bucket: PolicyResource) {
  return view.linkedTo(type, "bucket", bucket, "bucket");
}

/**
 * Runs `check` on every bucket with its resources of `type` (the bucket's
 * versioning, policy, ...); a bucket without any is a violation itself.
 */
function eachBucketWith(
  view: StackView,
  type: string,
  check: (bucket: PolicyResource, found: PolicyResource[]) => Violation[],
): Violation[] {
  return view.ofType(BUCKET).flatMap((bucket) => {
    const found = linked(view, type, bucket);
    return found.length === 0
      ? [violation(bucket, `has no ${type}`)]
      : check(bucket, found);
  });
}

function isAccessLogTarget(view: StackView, bucket: PolicyResource): boolean {
  return (
    view.linkedTo("aws_s3_bucket_logging", "target_bucket", bucket, "bucket")
      .length > 0
  );
}

function coversWholeBucket(rule: Record<string, unknown>): boolean {
  if (isSet(rule.prefix)) return false;
  const filters = blocks(rule.filter);
  return filters.every(
    (f) =>
      !isSet(f.prefix) &&
      blocks(f.tag).length === 0 &&
      blocks(f.and).length === 0 &&
      !isSet(f.object_size_greater_than) &&
      !isSet(f.object_size_less_than),
  );
}

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

function iamPolicies(
  view: StackView,
): Array<[PolicyResource, string, ParsedPolicy]> {
  const found: Array<[PolicyResource, string, ParsedPolicy]> = [];
  for (const [type, attribute] of IAM_POLICY_ATTRIBUTES) {
    for (const r of view.ofType(type)) {
      found.push([r, attribute, parsePolicy(r.values[attribute])]);
    }
  }
  for (const role of view.ofType("aws_iam_role")) {
    blocks(role.values.inline_policy).forEach((inline, i) => {
      if (isSet(inline.policy)) {
        found.push([role, `inline_policy[${i}]`, parsePolicy(inline.policy)]);
      }
    });
  }
  return found;
}

/**
 * Runs a check over a parsed policy. A policy known only after apply is
 * skipped (the synth check sees it); one that cannot be read is a violation,
 * since an unchecked policy must not pass silently.
 */
function readable(
  resource: PolicyResource,
  attribute: string,
  parsed: ParsedPolicy,
  check: (statements: readonly Statement[]) => string[],
): Violation[] {
  if (parsed.kind === "unknown") return [];
  if (parsed.kind === "unreadable") {
    return [
      violation(
        resource,
        `${attribute} cannot be checked: ${parsed.reason}; write it as a JSON document (lib/iam.ts policyJson)`,
      ),
    ];
  }
  return check(parsed.statements).map((message) =>
    violation(resource, `${attribute}: ${message}`),
  );
}

function statementName(s: { sid?: string }): string {
  return s.sid ? `statement ${s.sid}` : "a statement without Sid";
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
