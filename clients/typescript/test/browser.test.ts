// The balance check page (web/) in Debian's Chromium, headless, driven by playwright-core: the page
// calls the registry over gRPC-Web (connect-web) on the server's HTTP port, from an origin the server
// allows with --cors-origins. Nothing here can download a browser: CHROMIUM, else /usr/bin/chromium.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { after, before, describe, test } from "node:test";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { chromium, type Browser, type Page } from "playwright-core";
import { createRegistryClient } from "../src/client.js";
import { buildPage } from "../web/build.js";
import { clientFolder, startRegistryServer, type RegistryServer } from "./registry-server.js";
import { registerSeedWorkshop, SESSION_NAME } from "./seed-workshop.js";

const web = join(clientFolder, "web");
const contentTypes: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".map": "application/json" };

/** A static file server for web/ on a free port of 127.0.0.1; its origin is what the browser sends. */
async function serveWeb(): Promise<{ origin: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = normalize(join(web, path === "/" ? "index.html" : path));
    try {
      if (!file.startsWith(web)) {
        throw new Error("outside web/");
      }
      const body = await readFile(file);
      response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("the balance check page in Chromium, over gRPC-Web", () => {
  let registry: RegistryServer;
  let allowed: { origin: string; server: Server };
  let other: { origin: string; server: Server };
  let browser: Browser;
  let page: Page;

  before(async () => {
    await buildPage();
    allowed = await serveWeb();
    other = await serveWeb();
    registry = await startRegistryServer({ corsOrigins: [allowed.origin] });
    await registerSeedWorkshop(createRegistryClient(registry.grpcUrl, registry.adminKey, { transport: createGrpcTransport }));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      // CI runs as root, where Chromium's sandbox cannot start.
      args: ["--no-sandbox"],
      headless: true,
    });
  });
  after(async () => {
    await browser?.close();
    allowed?.server.close();
    other?.server.close();
    await registry?.stop();
  });

  /** Opens the page from `origin`, fills in the key, and presses Check. */
  async function check(origin: string, key: string): Promise<Page> {
    page = await browser.newPage();
    const query = new URLSearchParams({ server: registry.httpUrl, session: SESSION_NAME });
    await page.goto(`${origin}/index.html?${query}`);
    await page.fill("#key", key);
    await page.click("button[type=submit]");
    await page.waitForSelector("#result:not([hidden]), #error:not([hidden])");
    return page;
  }

  test("with a key, the page shows the seed workshop's verdict and one row per rule", async () => {
    const shown = await check(allowed.origin, registry.adminKey);

    assert.equal(await shown.isVisible("#error"), false, await shown.textContent("#error") ?? "");
    assert.equal(await shown.getAttribute("#verdict", "data-verdict"), "UNBALANCED");
    assert.match(await shown.textContent("#verdict") ?? "", /^meetings\/igf-2012\/sessions\/ws-85: UNBALANCED \(score \d+\)$/);
    const rows = await shown.$$eval("#rules tbody tr", (trs) => trs.map((tr) => [tr.getAttribute("data-outcome"), tr.children[1]?.textContent]));
    assert.equal(rows.length, 6);
    assert.deepEqual(rows.filter(([outcome]) => outcome === "FAIL"), [["FAIL", "4 of 5 speakers (80%) are from WEOG; at most 50% allowed."]]);
    await shown.close();
  });

  test("a wrong key shows the server's refusal, and no verdict", async () => {
    const shown = await check(allowed.origin, "prk_not-a-key-of-this-server-at-all");

    assert.equal(await shown.isVisible("#result"), false);
    assert.equal(await shown.getAttribute("#error", "data-code"), "UNAUTHENTICATED");
    assert.match(await shown.textContent("#error") ?? "", /^UNAUTHENTICATED \(UNAUTHENTICATED\): /);
    await shown.close();
  });

  test("the same page from an origin the server does not allow gets no answer (CORS)", async () => {
    const shown = await check(other.origin, registry.adminKey);

    assert.equal(await shown.isVisible("#result"), false);
    // The browser withholds the answer (no Access-Control-Allow-Origin): fetch fails, with no status.
    assert.equal(await shown.getAttribute("#error", "data-code"), "UNKNOWN");
    assert.match(await shown.textContent("#error") ?? "", /fetch/i);
    await shown.close();
  });
});
