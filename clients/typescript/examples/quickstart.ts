// Registers the seed workshop (IGF 2012, workshop 85: its whole panel, as its report lists it) and
// prints its balance check, rule by rule: npx tsx examples/quickstart.ts http://127.0.0.1:5080 prk_…
import { randomUUID } from "node:crypto";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createRegistryClient } from "../src/client.js";
import { RuleOutcome, Verdict } from "../src/gen/participation/registry/v1/balance_service_pb.js";
import { Confirmation, ParticipantRole, SessionKind } from "../src/gen/participation/registry/v1/meeting_pb.js";
import { Gender, RegionalGroup, StakeholderGroup } from "../src/gen/participation/registry/v1/stakeholder_pb.js";

const { SPEAKER, MODERATOR, RAPPORTEUR, REMOTE_MODERATOR } = ParticipantRole;
const { CONFIRMED, TENTATIVE } = Confirmation;
const { GOVERNMENT, CIVIL_SOCIETY, TECHNICAL_COMMUNITY } = StakeholderGroup;
const { WESTERN_EUROPEAN_OTHERS: WEOG, ASIA_PACIFIC } = RegionalGroup;

// Name, affiliation, group and regional group as the report states them; gender only where the
// report's form records "Mr." or "Ms."; each seat's role and mark ("TBC" or none is tentative).
const panel = [
  { displayName: "Peter Major", affiliation: "Special Advisor, Permanent Mission of Hungary to the United Nations in Geneva",
    stakeholderGroup: GOVERNMENT, regionalGroup: WEOG, gender: Gender.MAN, seats: [{ role: SPEAKER, confirmation: CONFIRMED }] },
  { displayName: "Wolfgang Kleinwächter", affiliation: "Professor for International Communication Policy and Regulation, University of Aarhus",
    stakeholderGroup: CIVIL_SOCIETY, regionalGroup: WEOG, gender: Gender.UNSPECIFIED, seats: [{ role: SPEAKER, confirmation: CONFIRMED }] },
  { displayName: "Mervi Kultamaa", affiliation: "Counsellor, Ministry for Foreign Affairs of Finland",
    stakeholderGroup: GOVERNMENT, regionalGroup: WEOG, gender: Gender.WOMAN, seats: [{ role: SPEAKER, confirmation: TENTATIVE }] },
  { displayName: "Markus Kummer", affiliation: "Vice President of Public Policy, Internet Society",
    stakeholderGroup: TECHNICAL_COMMUNITY, regionalGroup: WEOG, gender: Gender.MAN, seats: [{ role: SPEAKER, confirmation: CONFIRMED }] },
  { displayName: "Parminder Jeet Singh", affiliation: "Executive Coordinator, IT for Change",
    stakeholderGroup: CIVIL_SOCIETY, regionalGroup: ASIA_PACIFIC, gender: Gender.MAN, seats: [{ role: SPEAKER, confirmation: TENTATIVE }] },
  { displayName: "Izumi Aizu", affiliation: "Senior Research Fellow, Institute for InfoSocionomics, Tama University",
    stakeholderGroup: CIVIL_SOCIETY, regionalGroup: ASIA_PACIFIC, gender: Gender.UNSPECIFIED,
    seats: [{ role: MODERATOR, confirmation: CONFIRMED }, { role: RAPPORTEUR, confirmation: CONFIRMED }] },
  { displayName: "Avri Doria", affiliation: "",
    stakeholderGroup: CIVIL_SOCIETY, regionalGroup: WEOG, gender: Gender.WOMAN, seats: [{ role: REMOTE_MODERATOR, confirmation: CONFIRMED }] },
];

const [baseUrl, key] = process.argv.slice(2);
// gRPC over HTTP/2 to the server's gRPC port; every call sends `authorization: Bearer <key>`.
const registry = createRegistryClient(baseUrl, key, { transport: createGrpcTransport });

const meeting = await registry.meetings.createMeeting({
  meetingId: "quickstart-2012",
  meeting: { displayName: "IGF 2012, Baku", forum: "IGF", countryCode: "AZ",
    startDate: { year: 2012, month: 11, day: 6 }, endDate: { year: 2012, month: 11, day: 9 } },
});
const session = await registry.meetings.createSession({
  parent: meeting.name, sessionId: "ws-85",
  session: { displayName: "Quo Vadis IGF – or Evolution of IGF", kind: SessionKind.WORKSHOP },
});

// All seven people in one call, all or none; the request id makes a retry create nobody twice.
const { stakeholders: people } = await registry.stakeholders.batchCreateStakeholders({
  requestId: randomUUID(),
  requests: panel.map(({ seats, ...stakeholder }) => ({ stakeholder })),
});
for (const [i, person] of people.entries()) {
  for (const seat of panel[i].seats) {
    await registry.meetings.createParticipant({ parent: session.name, participant: { stakeholder: person.name, ...seat } });
  }
}

const check = await registry.balance.checkPanelBalance({ panel: { case: "session", value: session.name } });
console.log(`${session.displayName}: ${Verdict[check.verdict]} (score ${check.score})`);
for (const rule of check.ruleResults) {
  console.log(`  ${RuleOutcome[rule.outcome].padEnd(13)} ${rule.explanation}`);
}
