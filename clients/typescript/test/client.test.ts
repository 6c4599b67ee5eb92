// The TypeScript client (src/client.ts over the generated types) against a live server: Node over
// gRPC (connect-node) and over gRPC-Web (connect-web on Node's fetch). The tests of a describe share
// one server and run in order.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { createRegistryClient, pages, readError, type RegistryClient, type RegistryError } from "../src/client.js";
import { Role } from "../src/gen/participation/registry/v1/access_pb.js";
import { RuleOutcome, Verdict } from "../src/gen/participation/registry/v1/balance_service_pb.js";
import { ParticipantRole } from "../src/gen/participation/registry/v1/meeting_pb.js";
import { StakeholderService } from "../src/gen/participation/registry/v1/stakeholder_service_pb.js";
import { startRegistryServer, type RegistryServer } from "./registry-server.js";
import { PANEL, registerSeedWorkshop, SESSION_NAME, type Workshop } from "./seed-workshop.js";

const DOMAIN = "participation.registry.v1";

/** The error a call failed with, read by readError; fails the test when the call succeeds. */
async function failure(call: () => Promise<unknown>): Promise<RegistryError> {
  try {
    await call();
  } catch (e) {
    return readError(e);
  }
  assert.fail("the call succeeded");
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of items) {
    found.push(item);
  }
  return found;
}

describe("Node over gRPC, against a live server", () => {
  let server: RegistryServer;
  let registry: RegistryClient;
  let workshop: Workshop;

  before(async () => {
    server = await startRegistryServer();
    registry = createRegistryClient(server.grpcUrl, server.adminKey, { transport: createGrpcTransport });
    workshop = await registerSeedWorkshop(registry);
  });
  after(async () => server?.stop());

  test("registers the seed workshop: seven people, eight seats", () => {
    assert.equal(workshop.session.name, SESSION_NAME);
    assert.deepEqual([...workshop.people.keys()].sort(), PANEL.map((p) => p.displayName).sort());
    assert.equal(workshop.seats.length, 8);
    const roles = workshop.seats.map((s) => ParticipantRole[s.role]).sort();
    assert.deepEqual(roles, ["MODERATOR", "RAPPORTEUR", "REMOTE_MODERATOR", "SPEAKER", "SPEAKER", "SPEAKER", "SPEAKER", "SPEAKER"]);
  });

  test("pages() follows next_page_token: pages of 3 give all seven people once, and all eight seats", async () => {
    const tokens: string[] = [];
    const list = registry.stakeholders.listStakeholders;
    const counted: typeof list = (request, options) => {
      tokens.push(request?.pageToken ?? "");
      return list(request, options);
    };

    const people = await all(pages(counted, { pageSize: 3 }, "stakeholders"));

    assert.equal(tokens.length, 3, "7 people in pages of 3 are 3 pages");
    assert.equal(tokens[0], "");
    assert.ok(tokens[1] !== "" && tokens[2] !== "" && tokens[1] !== tokens[2]);
    assert.deepEqual(people.map((p) => p.name).sort(), [...workshop.people.values()].map((p) => p.name).sort());
    const seats = await all(pages(registry.meetings.listParticipants, { parent: SESSION_NAME, pageSize: 3 }, "participants"));
    assert.deepEqual(seats.map((s) => s.name).sort(), workshop.seats.map((s) => s.name).sort());
  });

  test("an update with a stale etag is ABORTED with reason ETAG_MISMATCH and changes nothing", async () => {
    const stale = await registry.stakeholders.getStakeholder({ name: workshop.people.get("Markus Kummer")!.name });
    const updateMask = { paths: ["affiliation"] };
    const updated = await registry.stakeholders.updateStakeholder({
      stakeholder: { name: stale.name, etag: stale.etag, affiliation: "Internet Society (2012)" },
      updateMask,
    });
    assert.notEqual(updated.etag, stale.etag);

    const error = await failure(() => registry.stakeholders.updateStakeholder({
      stakeholder: { name: stale.name, etag: stale.etag, affiliation: "Lost update" },
      updateMask,
    }));

    assert.equal(error.code, Code.Aborted);
    assert.equal(error.codeName, "ABORTED");
    assert.equal(error.reason, "ETAG_MISMATCH");
    assert.equal(error.domain, DOMAIN);
    const current = await registry.stakeholders.getStakeholder({ name: stale.name });
    assert.equal(current.affiliation, "Internet Society (2012)");
    assert.equal(current.etag, updated.etag);
  });

  test("an unknown country is INVALID_ARGUMENT with a BadRequest violation naming the field, and creates nothing", async () => {
    const error = await failure(() => registry.stakeholders.createStakeholder({
      stakeholder: { displayName: "Nobody From Nowhere", countryCode: "ZZ" },
    }));

    assert.equal(error.codeName, "INVALID_ARGUMENT");
    assert.equal(error.reason, "INVALID_ARGUMENT");
    assert.deepEqual(error.fieldViolations.map((v) => v.field), ["stakeholder.country_code"]);
    assert.ok(error.fieldViolations[0].description.length > 0);
    const everyone = await all(pages(registry.stakeholders.listStakeholders, { pageSize: 50 }, "stakeholders"));
    assert.equal(everyone.length, 7);
  });

  test("a call without a key, or with a key the server does not know, is refused UNAUTHENTICATED", async () => {
    const keyless = createClient(StakeholderService, createGrpcTransport({ baseUrl: server.grpcUrl }));
    const stranger = createRegistryClient(server.grpcUrl, `prk_${randomUUID()}_not-a-key-of-this-server`, { transport: createGrpcTransport });

    for (const call of [
      () => keyless.createStakeholder({ stakeholder: { displayName: "Nobody" } }),
      () => stranger.stakeholders.createStakeholder({ stakeholder: { displayName: "Nobody" } }),
      () => stranger.stakeholders.listStakeholders({}),
    ]) {
      const error = await failure(call);
      assert.equal(error.codeName, "UNAUTHENTICATED");
      assert.equal(error.reason, "UNAUTHENTICATED");
      assert.equal(error.domain, DOMAIN);
    }
  });

  test("a viewer's key reads but may not write: PERMISSION_DENIED", async () => {
    const { secret } = await registry.keys.createApiKey({ apiKey: { displayName: "Forum website", role: Role.VIEWER } });
    const viewer = createRegistryClient(server.grpcUrl, secret, { transport: createGrpcTransport });

    assert.equal((await viewer.stakeholders.listStakeholders({ pageSize: 2 })).stakeholders.length, 2);
    const error = await failure(() => viewer.stakeholders.createStakeholder({ stakeholder: { displayName: "Nobody" } }));
    assert.equal(error.codeName, "PERMISSION_DENIED");
  });

  test("the balance check of the seed workshop is UNBALANCED, failing on the WEOG share", async () => {
    const check = await registry.balance.checkPanelBalance({ panel: { case: "session", value: SESSION_NAME } });

    assert.equal(Verdict[check.verdict], "UNBALANCED");
    const failed = check.ruleResults.filter((r) => r.outcome === RuleOutcome.FAIL).map((r) => r.explanation);
    assert.deepEqual(failed, ["4 of 5 speakers (80%) are from WEOG; at most 50% allowed."]);
    assert.equal(check.ruleResults.length, 6);
  });

  test("over gRPC-Web on the HTTP/1.1 port the same calls answer, and a wrong key is refused with its details", async () => {
    const web = createRegistryClient(server.httpUrl, server.adminKey, { transport: createGrpcWebTransport });
    const check = await web.balance.checkPanelBalance({ panel: { case: "session", value: SESSION_NAME } });
    assert.equal(Verdict[check.verdict], "UNBALANCED");

    const stranger = createRegistryClient(server.httpUrl, "prk_not-a-key-of-this-server-at-all", { transport: createGrpcWebTransport });
    const error = await failure(() => stranger.balance.checkPanelBalance({ panel: { case: "session", value: SESSION_NAME } }));
    assert.equal(error.codeName, "UNAUTHENTICATED");
    assert.equal(error.reason, "UNAUTHENTICATED");
  });
});

describe("rate limits, against a live server limited to 1 call a second", () => {
  let server: RegistryServer;

  before(async () => {
    server = await startRegistryServer({ rateLimit: 1 });
  });
  after(async () => server?.stop());

  test("a call over the limit is RESOURCE_EXHAUSTED and readError gives RetryInfo's delay", async () => {
    const registry = createRegistryClient(server.grpcUrl, server.adminKey, { transport: createGrpcTransport });
    let error: RegistryError | undefined;
    // The burst is 10 calls; at most 30 are sent.
    for (let call = 0; call < 30 && error === undefined; call++) {
      try {
        await registry.stakeholders.listStakeholders({ pageSize: 1 });
      } catch (e) {
        error = readError(e);
      }
    }

    assert.ok(error !== undefined, "30 calls in a row were all accepted at 1 call a second");
    assert.equal(error.codeName, "RESOURCE_EXHAUSTED");
    assert.equal(error.reason, "RATE_LIMITED");
    assert.ok(error.retryAfter !== undefined && error.retryAfter > 0, `retryAfter ${error.retryAfter}`);
    assert.equal(error.metadata.retry_after_seconds, String(error.retryAfter));
  });
});
