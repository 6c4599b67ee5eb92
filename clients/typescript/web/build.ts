// Bundles the balance check page (web/main.ts and what it imports) into web/dist/main.js for browsers.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const web = fileURLToPath(new URL(".", import.meta.url));

export async function buildPage(): Promise<void> {
  await build({
    entryPoints: [`${web}main.ts`],
    outfile: `${web}dist/main.js`,
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    sourcemap: true,
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPage();
}
