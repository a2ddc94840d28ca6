/**
 * Translation of AWS SDK errors into project errors with one clear line
 * each: what failed, why, and what to do about it.
 */

import { EnvironmentError } from "../errors";

/** Names the AWS call being made, for messages about its failure. */
export interface AwsCall {
  /** Service as people call it: `Athena`, `Glue`. */
  readonly service: string;
  /** API action, e.g. `StartQueryExecution`. */
  readonly action: string;
  /** The resource acted on, e.g. `crawler "analytics-dev-raw"`. */
  readonly resource: string;
  /** Region the call goes to. */
  readonly region?: string;
}

/**
 * An Athena query that ended FAILED or CANCELLED.
 *
 * Carries the data the query scanned before it ended, as Athena reports it
 * (`Statistics.DataScannedInBytes`), since a cancelled query is billed for it.
 */
export class QueryFailedError extends EnvironmentError {
  constructor(
    readonly executionId: string,
    readonly state: string,
    readonly reason: string,
    readonly bytesScanned: number = 0,
  ) {
    super(
      `Athena query ${executionId} ended ${state}: ${reason || "Athena gave no reason"}`,
    );
  }
}

/** An Athena query still running when the wait's timeout passed; it was stopped. */
export class QueryTimeoutError extends EnvironmentError {
  constructor(
    readonly executionId: string,
    readonly timeoutMs: number,
    /** Data scanned by the last poll before the query was stopped. */
    readonly bytesScanned: number = 0,
  ) {
    super(
      `Athena query ${executionId} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped: raise --timeout or narrow the query (fewer partitions).`,
    );
  }
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
]);

const REJECTED_CREDENTIALS = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
]);

const THROTTLED = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "Throttling",
]);

/**
 * Runs one AWS call and turns its SDK errors into EnvironmentError.
 *
 * Errors that do not come from AWS (bugs, aborts) pass through unchanged.
 */
export async function callAws<T>(
  call: AwsCall,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw describeAwsError(error, call);
  }
}

/** Maps an error thrown by an AWS SDK call to a project error, or returns it unchanged. */
export function describeAwsError(error: unknown, call: AwsCall): unknown {
  if (!(error instanceof Error)) return error;
  const name = error.name;
  const where = call.region ? ` in ${call.region}` : "";
  const said = `AWS said: ${oneLine(error.message)}`;

  if (name === "CredentialsProviderError") {
    return new EnvironmentError(
      `No AWS credentials found for ${call.service} ${call.action}: set AWS_PROFILE (after "aws sso login" for an SSO profile) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run again.`,
    );
  }
  if (name === "ExpiredTokenException" || name === "ExpiredToken") {
    return new EnvironmentError(
      `The AWS credentials have expired: refresh them (for an SSO profile, "aws sso login") and run again.`,
    );
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    return new EnvironmentError(
      `AWS rejected the credentials (${name}) for ${call.service} ${call.action}: check AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. ${said}`,
    );
  }
  if (name === "AccessDeniedException" || name === "AccessDenied") {
    return new EnvironmentError(
      `Access denied: the current AWS identity may not call ${call.service} ${call.action} on ${call.resource}${where}; use a role that is allowed to. ${said}`,
    );
  }
  if (name === "EntityNotFoundException") {
    return new EnvironmentError(
      `${capitalize(call.resource)} does not exist${where}: deploy the environment first, or check --env and AWS_REGION.`,
    );
  }
  if (
    name === "InvalidRequestException" &&
    /workgroup/i.test(error.message) &&
    /not (be )?found|does not exist/i.test(error.message)
  ) {
    return new EnvironmentError(
      `${capitalize(call.resource)} does not exist${where}: deploy the environment first, or check --env and AWS_REGION. ${said}`,
    );
  }
  if (THROTTLED.has(name)) {
    return new EnvironmentError(
      `${call.service} kept throttling ${call.action} after the SDK's retries: wait a minute and run again, or raise AWS_MAX_ATTEMPTS.`,
    );
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) {
    return new EnvironmentError(
      `Cannot reach ${call.service}${where} (${code}): check the network connection, AWS_REGION and any AWS_ENDPOINT_URL setting.`,
    );
  }
  if (isServiceError(error)) {
    return new EnvironmentError(
      `${call.service} ${call.action} on ${call.resource} failed with ${name}. ${said}`,
    );
  }
  return error;
}

/** Whether an error is a response from an AWS service (it carries request metadata). */
function isServiceError(error: Error): boolean {
  const fault = (error as { $fault?: unknown }).$fault;
  return fault === "client" || fault === "server";
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
