/**
 * Minimal types and helpers for IAM policy documents. Policies are built as
 * plain data and rendered with `JSON.stringify`, so tests can parse them and
 * reviewers read them as JSON in a plan.
 */

/** One statement of an IAM, bucket or key policy. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?:
    | string
    | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  /** Absent only in trust policies. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

/** A policy document. */
export interface PolicyDocument {
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
