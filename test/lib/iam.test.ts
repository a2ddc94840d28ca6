import { bucketArn, policyJson } from "../../lib/iam";

describe("policyJson", () => {
  test("renders statements as a current-version policy document", () => {
    const statement = {
      Sid: "ReadData",
      Effect: "Allow" as const,
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::bucket/raw/*",
    };

    expect(JSON.parse(policyJson([statement]))).toEqual({
      Version: "2012-10-17",
      Statement: [statement],
    });
  });
});

describe("bucketArn", () => {
  test("builds the ARN in the given partition", () => {
    expect(bucketArn("aws", "data")).toBe("arn:aws:s3:::data");
    expect(bucketArn("aws-cn", "data")).toBe("arn:aws-cn:s3:::data");
  });
});
