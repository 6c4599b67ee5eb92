// A live registry server for the tests: the built server dll (REGISTRY_SERVER_DLL, else the Release
// build in src/), on free ports (port 0; the bound URLs are read from what it prints), a fresh SQLite
// file in a temporary folder (or a fresh PostgreSQL schema when REGISTRY_TEST_POSTGRES is set:
// registry-database.ts), and a bootstrap admin key made here. tests/run-all.sh builds the server.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freshDatabase } from "./registry-database.js";

export const clientFolder = fileURLToPath(new URL("..", import.meta.url));
export const repoRoot = resolve(clientFolder, "../..");
const defaultDll = "src/ParticipationRegistry.Server/bin/Release/net10.0/ParticipationRegistry.Server.dll";
const startTimeoutMs = 60_000;

export interface RegistryServer {
  /** gRPC (h2c), for connect-node's gRPC transport. */
  grpcUrl: string;
  /** HTTP/1.1: JSON, reports and gRPC-Web. */
  httpUrl: string;
  adminKey: string;
  /** Everything the server printed so far (for a failure's message). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** --cors-origins: the origins whose pages may call the server from a browser. */
  corsOrigins?: string[];
  /** --rate-limit: calls a second per key (the server's default when not given). */
  rateLimit?: number;
}

export async function startRegistryServer(options: StartOptions = {}): Promise<RegistryServer> {
  const configured = process.env.REGISTRY_SERVER_DLL ?? defaultDll;
  const dll = isAbsolute(configured) ? configured : resolve(repoRoot, configured);
  if (!existsSync(dll)) {
    throw new Error(`no server at ${dll}: build it first (dotnet build ParticipationRegistry.sln -c Release)`);
  }

  const folder = mkdtempSync(join(tmpdir(), "registry-ts-"));
  const database = freshDatabase(folder);
  const adminKey = `prk_${randomBytes(32).toString("base64url")}`;
  const args = [dll, "--grpc-url", "http://127.0.0.1:0", "--http-url", "http://127.0.0.1:0", "--database", database.database];
  if (options.corsOrigins !== undefined && options.corsOrigins.length > 0) {
    args.push("--cors-origins", options.corsOrigins.join(","));
  }
  if (options.rateLimit !== undefined) {
    args.push("--rate-limit", String(options.rateLimit));
  }
  const child = spawn("dotnet", args, {
    cwd: folder,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, REGISTRY_BOOTSTRAP_ADMIN_KEY: adminKey },
  });
  let printed = "";
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));

  const urls = await new Promise<{ grpcUrl: string; httpUrl: string }>((resolveUrls, reject) => {
    const timer = setTimeout(() => fail(`printed no URLs within ${startTimeoutMs / 1000} s`), startTimeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`the registry server ${why}:\n${printed}`));
    };
    const read = (chunk: Buffer) => {
      printed += chunk.toString("utf8");
      const grpcUrl = /^\s*gRPC \(h2c\):\s*(http:\/\/\S+)/m.exec(printed)?.[1];
      const httpUrl = /^\s*HTTP\/1\.1:\s*(http:\/\/\S+)/m.exec(printed)?.[1];
      if (grpcUrl !== undefined && httpUrl !== undefined) {
        clearTimeout(timer);
        resolveUrls({ grpcUrl, httpUrl });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("error", (e) => fail(`could not be started (${e.message})`));
    void exited.then((code) => fail(`exited (${code}) before it printed its URLs`));
  });

  try {
    database.checkInUse(printed);
  } catch (e) {
    stopProcess(child);
    await exited;
    database.drop();
    throw e;
  }

  return {
    ...urls,
    adminKey,
    output: () => printed,
    async stop() {
      stopProcess(child);
      await exited;
      rmSync(folder, { recursive: true, force: true });
      database.drop();
    },
  };
}

function stopProcess(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    // A server that does not stop within 10 s is killed: the test run must end.
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  }
}
