/**
 * Minimal types and helpers for IAM policy documents. Policies are built as
 * plain data and rendered with `JSON.stringify`, so tests can parse them and
 * reviewers read them as JSON in a plan.
 */

/** One statement of an IAM, bucket or key policy. */
export interface PolicyStatement {
  /** Statement id; tests and reviewers find statements by it. */
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  /** Who the statement applies to; absent in identity policies. */
  readonly Principal?:
    | string
    | Readonly<Record<string, string | readonly string[]>>;
  /** Actions, each named in full: no wildcards in identity policies. */
  readonly Action: string | readonly string[];
  /** Absent only in trust policies. */
  readonly Resource?: string | readonly string[];
  /** Conditions by operator, then by key. */
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

/** A policy document. */
export interface PolicyDocument {
  /** The policy language version; always the current one. */
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** Renders statements as a policy document in JSON. */
export function policyJson(statements: readonly PolicyStatement[]): string {
  const document: PolicyDocument = {
    Version: "2012-10-17",
    Statement: statements,
  };
  return JSON.stringify(document);
}

/** ARN of an S3 bucket. */
export function bucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}
