/**
 * A local HTTP server that speaks the AWS JSON 1.1 protocol of Athena and
 * Glue (POST with `X-Amz-Target: AmazonAthena.StartQueryExecution`...), so
 * tests can drive the real SDK clients, retries included, without AWS.
 */

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the server received. */
export interface FakeAwsCall {
  /** The operation, e.g. `StartQueryExecution` (the target without its service prefix). */
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

/** A reply: a JSON body, or an error named like AWS names them. */
export type FakeAwsReply =
  | { readonly body: Record<string, unknown> }
  | {
      readonly error: string;
      readonly message: string;
      readonly status?: number;
    };

/** Answers one call. */
export type FakeAwsHandler = (call: FakeAwsCall) => FakeAwsReply;

/** A running fake server. */
export interface FakeAws {
  /** Base URL for AWS_ENDPOINT_URL_ATHENA / AWS_ENDPOINT_URL_GLUE. */
  readonly url: string;
  readonly calls: FakeAwsCall[];
  close(): Promise<void>;
}

/** Starts a fake server on 127.0.0.1 at a random port. */
export async function startFakeAws(handler: FakeAwsHandler): Promise<FakeAws> {
  const calls: FakeAwsCall[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const target = String(request.headers["x-amz-target"] ?? "");
      const call: FakeAwsCall = {
        operation: target.slice(target.indexOf(".") + 1),
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
      calls.push(call);
      let reply: FakeAwsReply;
      try {
        reply = handler(call);
      } catch (error) {
        reply = {
          error: "InternalServerException",
          message: String(error),
          status: 500,
        };
      }
      const status = "error" in reply ? (reply.status ?? 400) : 200;
      const payload =
        "error" in reply
          ? { __type: reply.error, message: reply.message }
          : reply.body;
      response.writeHead(status, {
        "content-type": "application/x-amz-json-1.1",
        "x-amzn-requestid": `req-${calls.length}`,
      });
      response.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
