import {
  callAws,
  describeAwsError,
  QueryFailedError,
  QueryTimeoutError,
  type AwsCall,
} from "../../../lib/aws/errors";
import { EnvironmentError } from "../../../lib/errors";
import { serviceError } from "../../helpers/athena-results";

const athenaCall: AwsCall = {
  service: "Athena",
  action: "StartQueryExecution",
  resource: 'workgroup "analytics-dev"',
  region: "eu-west-1",
};

const glueCall: AwsCall = {
  service: "Glue",
  action: "StartCrawler",
  resource: 'crawler "analytics-dev-raw"',
  region: "eu-west-1",
};

function messageOf(error: unknown, call: AwsCall = athenaCall): string {
  const mapped = describeAwsError(error, call);
  expect(mapped).toBeInstanceOf(EnvironmentError);
  return (mapped as Error).message;
}

describe("describeAwsError", () => {
  it("explains missing credentials", () => {
    const error = Object.assign(
      new Error("Could not load credentials from any providers"),
      {
        name: "CredentialsProviderError",
      },
    );
    expect(messageOf(error)).toBe(
      'No AWS credentials found for Athena StartQueryExecution: set AWS_PROFILE (after "aws sso login" for an SSO profile) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run again.',
    );
  });

  it("explains expired credentials", () => {
    expect(
      messageOf(
        serviceError(
          "ExpiredTokenException",
          "The security token included in the request is expired",
        ),
      ),
    ).toBe(
      'The AWS credentials have expired: refresh them (for an SSO profile, "aws sso login") and run again.',
    );
  });

  it("explains rejected credentials", () => {
    expect(
      messageOf(
        serviceError(
          "UnrecognizedClientException",
          "The security token included in the request is invalid.",
        ),
      ),
    ).toBe(
      "AWS rejected the credentials (UnrecognizedClientException) for Athena StartQueryExecution: check AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. AWS said: The security token included in the request is invalid.",
    );
  });

  it("explains denied access with the action and resource", () => {
    const error = serviceError(
      "AccessDeniedException",
      "User: arn:aws:iam::111111111111:user/ana is not authorized\nto perform: athena:StartQueryExecution",
    );
    expect(messageOf(error)).toBe(
      'Access denied: the current AWS identity may not call Athena StartQueryExecution on workgroup "analytics-dev" in eu-west-1; use a role that is allowed to. AWS said: User: arn:aws:iam::111111111111:user/ana is not authorized to perform: athena:StartQueryExecution',
    );
  });

  it("explains a missing crawler", () => {
    const error = serviceError(
      "EntityNotFoundException",
      "Crawler entry with name analytics-dev-raw does not exist",
    );
    expect(messageOf(error, glueCall)).toBe(
      'Crawler "analytics-dev-raw" does not exist in eu-west-1: deploy the environment first, or check --env and AWS_REGION.',
    );
  });

  it("explains an unknown workgroup", () => {
    const error = serviceError(
      "InvalidRequestException",
      "WorkGroup analytics-dev is not found.",
    );
    expect(messageOf(error)).toBe(
      'Workgroup "analytics-dev" does not exist in eu-west-1: deploy the environment first, or check --env and AWS_REGION. AWS said: WorkGroup analytics-dev is not found.',
    );
  });

  it("explains throttling that outlasted the retries", () => {
    expect(
      messageOf(serviceError("ThrottlingException", "Rate exceeded")),
    ).toBe(
      "Athena kept throttling StartQueryExecution after the SDK's retries: wait a minute and run again, or raise AWS_MAX_ATTEMPTS.",
    );
  });

  it("explains an unreachable endpoint", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    expect(messageOf(error)).toBe(
      "Cannot reach Athena in eu-west-1 (ECONNREFUSED): check the network connection, AWS_REGION and any AWS_ENDPOINT_URL setting.",
    );
  });

  it("reports other service errors with what AWS said", () => {
    const error = serviceError(
      "InvalidRequestException",
      "line 1:8: mismatched input",
    );
    expect(messageOf(error)).toBe(
      'Athena StartQueryExecution on workgroup "analytics-dev" failed with InvalidRequestException. AWS said: line 1:8: mismatched input',
    );
  });

  it("passes errors that do not come from AWS through unchanged", () => {
    const bug = new TypeError("x is undefined");
    expect(describeAwsError(bug, athenaCall)).toBe(bug);
    expect(describeAwsError("text", athenaCall)).toBe("text");
  });
});

describe("callAws", () => {
  it("returns the result of a successful call", async () => {
    await expect(callAws(athenaCall, async () => 7)).resolves.toBe(7);
  });

  it("rejects with the mapped error when the call fails", async () => {
    await expect(
      callAws(athenaCall, async () => {
        throw serviceError("ThrottlingException", "Rate exceeded");
      }),
    ).rejects.toThrow("Athena kept throttling StartQueryExecution");
  });
});

describe("QueryFailedError", () => {
  it("states the end state and Athena's reason, and keeps the data scanned", () => {
    const error = new QueryFailedError("q-1", "CANCELLED", "limit", 2048);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error.message).toBe("Athena query q-1 ended CANCELLED: limit");
    expect(error.bytesScanned).toBe(2048);
  });

  it("says when Athena gave no reason", () => {
    expect(new QueryFailedError("q-1", "FAILED", "").message).toBe(
      "Athena query q-1 ended FAILED: Athena gave no reason",
    );
  });
});

describe("QueryTimeoutError", () => {
  it("names the timeout in seconds and how to get past it", () => {
    const error = new QueryTimeoutError("q-1", 90_000, 4096);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error.message).toBe(
      "Athena query q-1 did not finish within 90 s and was stopped: raise --timeout or narrow the query (fewer partitions).",
    );
    expect(error.bytesScanned).toBe(4096);
  });
});
