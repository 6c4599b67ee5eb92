// The helpers of src/client.ts that need no server: code names, and errors that carry no details.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { codeName, readError } from "../src/client.js";

describe("client helpers", () => {
  test("codeName spells every code as gRPC does", () => {
    const grpcNames = ["CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
      "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
      "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"];

    assert.deepEqual(grpcNames.map((_, i) => codeName(i + 1)), grpcNames);
  });

  test("readError of an error without details keeps its code and message, with empty details", () => {
    const error = readError(new ConnectError("the server went away", Code.Unavailable));

    assert.deepEqual(error, {
      code: Code.Unavailable, codeName: "UNAVAILABLE", message: "the server went away",
      reason: "", domain: "", metadata: {}, fieldViolations: [], retryAfter: undefined,
    });
    assert.equal(readError(new TypeError("Failed to fetch")).codeName, "UNKNOWN");
  });
});
