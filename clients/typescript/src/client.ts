/**
 * The helpers a caller of the generated TypeScript types would otherwise write, for Node (gRPC over
 * HTTP/2, @connectrpc/connect-node) and browsers (gRPC-Web over HTTP/1.1, @connectrpc/connect-web):
 *
 * - `createRegistryClient(baseUrl, key, { transport })`: one client per service, every call sending
 *   `authorization: Bearer <key>`. The transport is chosen by the caller, so this module imports no
 *   Node-only code and bundles for a browser.
 * - `pages(list, request, "items")`: every item of a List call, following `next_page_token`.
 * - `readError(e)`: a failed call's code, message and rich details (google.rpc.ErrorInfo,
 *   BadRequest, RetryInfo) as plain values.
 */
import { Code, ConnectError, createClient, type CallOptions, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema, RetryInfoSchema } from "./gen/google/rpc/error_details_pb.js";
import { KeyService } from "./gen/participation/registry/v1/access_pb.js";
import { AuditService } from "./gen/participation/registry/v1/audit_pb.js";
import { BalanceService } from "./gen/participation/registry/v1/balance_service_pb.js";
import { MeetingService } from "./gen/participation/registry/v1/meeting_service_pb.js";
import { ReportService } from "./gen/participation/registry/v1/report_service_pb.js";
import { StakeholderService } from "./gen/participation/registry/v1/stakeholder_service_pb.js";

/** What the registry client hands a transport factory: the server's URL and the key interceptor. */
export interface RegistryTransportOptions {
  baseUrl: string;
  interceptors: Interceptor[];
}

export interface RegistryClientOptions {
  /**
   * Makes the transport. Node, gRPC over HTTP/2 (the server's gRPC port): `createGrpcTransport`
   * from @connectrpc/connect-node.
   * A browser, gRPC-Web over HTTP/1.1 (the server's HTTP port, with the page's origin in the
   * server's --cors-origins): `createGrpcWebTransport` from @connectrpc/connect-web.
   */
  transport: (options: RegistryTransportOptions) => Transport;
}

/** A client per service of participation.registry.v1. */
export interface RegistryClient {
  stakeholders: Client<typeof StakeholderService>;
  meetings: Client<typeof MeetingService>;
  balance: Client<typeof BalanceService>;
  reports: Client<typeof ReportService>;
  keys: Client<typeof KeyService>;
  audit: Client<typeof AuditService>;
}

/** Sends `authorization: Bearer <key>` with every call, as every registry call but health needs. */
export function bearerKey(key: string): Interceptor {
  return (next) => async (request) => {
    request.header.set("authorization", `Bearer ${key}`);
    return next(request);
  };
}

export function createRegistryClient(baseUrl: string, key: string, options: RegistryClientOptions): RegistryClient {
  const transport = options.transport({ baseUrl, interceptors: [bearerKey(key)] });
  return {
    stakeholders: createClient(StakeholderService, transport),
    meetings: createClient(MeetingService, transport),
    balance: createClient(BalanceService, transport),
    reports: createClient(ReportService, transport),
    keys: createClient(KeyService, transport),
    audit: createClient(AuditService, transport),
  };
}

type ItemsOf<Response, Field extends keyof Response> = Response[Field] extends readonly (infer Item)[] ? Item : never;

/**
 * Every item of a List call, page after page, until `nextPageToken` is empty (the only end signal):
 * `for await (const person of pages(registry.stakeholders.listStakeholders, { pageSize: 50 }, "stakeholders"))`.
 */
export async function* pages<Request extends { pageToken?: string }, Response extends { nextPageToken: string }, Field extends keyof Response>(
  list: (request: Request, options?: CallOptions) => Promise<Response>,
  request: Request,
  items: Field,
  options?: CallOptions,
): AsyncGenerator<ItemsOf<Response, Field>> {
  let pageToken = request.pageToken ?? "";
  do {
    const page = await list({ ...request, pageToken }, options);
    yield* page[items] as Iterable<ItemsOf<Response, Field>>;
    pageToken = page.nextPageToken;
  } while (pageToken !== "");
}

/** One bad field of a request: its dotted path (`requests[3].stakeholder.country_code`) and what is allowed. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** A failed call as the registry describes it (AIP-193). */
export interface RegistryError {
  code: Code;
  /** The code's name as gRPC spells it, e.g. `ABORTED`. */
  codeName: string;
  message: string;
  /** google.rpc.ErrorInfo: e.g. `ETAG_MISMATCH`, in domain `participation.registry.v1` ("" when absent). */
  reason: string;
  domain: string;
  metadata: Record<string, string>;
  /** google.rpc.BadRequest: one per bad field. */
  fieldViolations: FieldViolation[];
  /** google.rpc.RetryInfo: seconds to wait before trying again (rate limits); undefined when absent. */
  retryAfter?: number;
}

/** Reads any error of a call (a ConnectError, or anything thrown) into a RegistryError. */
export function readError(error: unknown): RegistryError {
  const connectError = ConnectError.from(error);
  const info = connectError.findDetails(ErrorInfoSchema)[0];
  const retry = connectError.findDetails(RetryInfoSchema)[0]?.retryDelay;
  return {
    code: connectError.code,
    codeName: codeName(connectError.code),
    message: connectError.rawMessage,
    reason: info?.reason ?? "",
    domain: info?.domain ?? "",
    metadata: { ...(info?.metadata ?? {}) },
    fieldViolations: connectError
      .findDetails(BadRequestSchema)
      .flatMap((bad) => bad.fieldViolations.map(({ field, description }) => ({ field, description }))),
    retryAfter: retry === undefined ? undefined : Number(retry.seconds) + retry.nanos / 1e9,
  };
}

/** `Code.InvalidArgument` → `INVALID_ARGUMENT`, the name every gRPC client and the server's docs use. */
export function codeName(code: Code): string {
  // Connect spells one name the American way; gRPC's is CANCELLED.
  return code === Code.Canceled ? "CANCELLED" : (Code[code] ?? "UNKNOWN").replace(/(?<=[a-z])(?=[A-Z])/g, "_").toUpperCase();
}
