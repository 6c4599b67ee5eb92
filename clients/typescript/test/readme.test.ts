// README.md's example, run as it is written there, against a live server over gRPC.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { clientFolder, startRegistryServer, type RegistryServer } from "./registry-server.js";

const readme = readFileSync(join(clientFolder, "README.md"), "utf8");
const example = join(clientFolder, "examples", "quickstart.ts");

/** The body of README's fenced block whose info string is exactly `info`. */
function block(info: string): string {
  const found = new RegExp("^```" + info + "\\n([\\s\\S]*?)^```$", "m").exec(readme);
  assert.ok(found, `README.md has no \`\`\`${info} block`);
  return found[1];
}

describe("README.md's example", () => {
  let server: RegistryServer;
  before(async () => {
    server = await startRegistryServer();
  });
  after(async () => server?.stop());

  test("README's example is examples/quickstart.ts, byte for byte", () => {
    assert.equal(block("ts quickstart"), readFileSync(example, "utf8"));
  });

  test("the example, run with tsx as README says, registers the seed workshop and prints what README shows", async () => {
    const tsx = join(clientFolder, "node_modules", ".bin", "tsx");
    const { stdout } = await promisify(execFile)(tsx, ["examples/quickstart.ts", server.grpcUrl, server.adminKey], {
      cwd: clientFolder,
      timeout: 60_000,
    });

    assert.equal(stdout, block("text quickstart-output"));
    assert.match(stdout, /: UNBALANCED \(score \d+\)/);
    assert.match(stdout, /FAIL +4 of 5 speakers \(80%\) are from WEOG; at most 50% allowed\./);
  });
});
