// The balance check page: reads a session's balance check over gRPC-Web (connect-web) from the
// server's HTTP/1.1 port and shows the verdict and one row per rule. Bundled by web/build.ts.
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { createRegistryClient, readError } from "../src/client.js";
import { RuleOutcome, Verdict } from "../src/gen/participation/registry/v1/balance_service_pb.js";

const element = <T extends HTMLElement>(selector: string): T => {
  const found = document.querySelector<T>(selector);
  if (found === null) {
    throw new Error(`the page has no ${selector}`);
  }
  return found;
};

const form = element<HTMLFormElement>("#check");
const server = element<HTMLInputElement>("#server");
const key = element<HTMLInputElement>("#key");
const session = element<HTMLInputElement>("#session");
const status = element<HTMLParagraphElement>("#status");
const error = element<HTMLParagraphElement>("#error");
const result = element<HTMLElement>("#result");
const verdict = element<HTMLParagraphElement>("#verdict");
const rules = element<HTMLTableSectionElement>("#rules tbody");

// ?server=…&session=… fill the form (a link to a session's check); the key is never put in a URL.
const query = new URLSearchParams(location.search);
server.value = query.get("server") ?? server.value;
session.value = query.get("session") ?? session.value;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "Checking…";
  error.hidden = true;
  result.hidden = true;
  const registry = createRegistryClient(server.value, key.value, { transport: createGrpcWebTransport });
  try {
    const check = await registry.balance.checkPanelBalance({ panel: { case: "session", value: session.value.trim() } });
    verdict.textContent = `${session.value.trim()}: ${Verdict[check.verdict]} (score ${check.score})`;
    verdict.dataset.verdict = Verdict[check.verdict];
    rules.replaceChildren(...check.ruleResults.map((rule) => {
      const row = document.createElement("tr");
      row.dataset.outcome = RuleOutcome[rule.outcome];
      for (const text of [RuleOutcome[rule.outcome], rule.explanation]) {
        row.appendChild(document.createElement("td")).textContent = text;
      }
      return row;
    }));
    result.hidden = false;
    status.textContent = "";
  } catch (e) {
    const failure = readError(e);
    error.textContent = `${failure.codeName}${failure.reason !== "" ? ` (${failure.reason})` : ""}: ${failure.message}`;
    error.dataset.code = failure.codeName;
    error.hidden = false;
    status.textContent = "";
  }
});
