// Where a test server keeps its data: a SQLite file in its folder, or, when REGISTRY_TEST_POSTGRES
// holds a PostgreSQL URI (tests/run-all.sh's PostgreSQL pass), a fresh schema in that database,
// made and dropped with Debian's psql (the newest /usr/lib/postgresql/*/bin/psql, else psql on PATH).
// Once the server runs, the schema must hold its tables (a server that took the URI for a file name
// fails the test).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface TestDatabase {
  /** The server's --database value. */
  database: string;
  /** Throws when the server runs but made no table in its PostgreSQL schema. */
  checkInUse(printed: string): void;
  /** Drops the PostgreSQL schema (CASCADE); nothing for a SQLite file (its folder is removed). */
  drop(): void;
}

// Query keys of the test URI that psql (libpq) understands too; the others are Npgsql keywords.
const libpqKeys = new Set(["sslmode", "sslrootcert", "connect_timeout"]);

export function freshDatabase(folder: string): TestDatabase {
  const uri = process.env.REGISTRY_TEST_POSTGRES ?? "";
  if (uri === "") {
    return { database: join(folder, "registry.db"), checkInUse: () => {}, drop: () => {} };
  }
  const schema = `ts_${randomBytes(8).toString("hex")}`;
  psql(uri, `CREATE SCHEMA "${schema}"`);
  const database = `${uri}${uri.includes("?") ? "&" : "?"}search_path=${schema}`;
  return {
    database,
    checkInUse(printed) {
      if (psql(uri, `SELECT count(*) FROM pg_tables WHERE schemaname = '${schema}'`) === "0") {
        throw new Error(`the registry server runs on ${database} but made no table in schema ${schema}:\n${printed}`);
      }
    },
    drop: () => psql(uri, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
  };
}

function psql(uri: string, sql: string): string {
  const url = new URL(uri);
  for (const key of [...url.searchParams.keys()]) {
    if (!libpqKeys.has(key)) {
      url.searchParams.delete(key);
    }
  }
  try {
    return execFileSync(psqlBinary(), ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url.toString(), "-c", sql], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    })
      .toString("utf8")
      .trim();
  } catch (e) {
    const failed = e as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`psql ${JSON.stringify(sql)} failed: ${failed.message}\n${failed.stdout ?? ""}${failed.stderr ?? ""}`);
  }
}

function psqlBinary(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, "bin", "psql")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length > 0 ? join(root, versions[0], "bin", "psql") : "psql";
}
