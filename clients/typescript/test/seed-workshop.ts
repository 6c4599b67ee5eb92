// The seed workshop (IGF 2012, workshop 85; ../shared/seed/igf-2012-workshop-85.txt) as the tests
// register it: meeting igf-2012, session ws-85, the seven people of its panel and their eight seats.
import { randomUUID } from "node:crypto";
import type { RegistryClient } from "../src/client.js";
import { Confirmation, ParticipantRole, SessionKind, type Participant, type Session } from "../src/gen/participation/registry/v1/meeting_pb.js";
import { Gender, RegionalGroup, StakeholderGroup, type Stakeholder } from "../src/gen/participation/registry/v1/stakeholder_pb.js";

const { SPEAKER, MODERATOR, RAPPORTEUR, REMOTE_MODERATOR } = ParticipantRole;
const { CONFIRMED, TENTATIVE } = Confirmation;
const { GOVERNMENT, CIVIL_SOCIETY, TECHNICAL_COMMUNITY } = StakeholderGroup;
const { WESTERN_EUROPEAN_OTHERS: WEOG, ASIA_PACIFIC } = RegionalGroup;

export const SESSION_NAME = "meetings/igf-2012/sessions/ws-85";

interface Panelist {
  displayName: string;
  stakeholderGroup: StakeholderGroup;
  regionalGroup: RegionalGroup;
  gender: Gender;
  seats: [ParticipantRole, Confirmation][];
}

export const PANEL: readonly Panelist[] = [
  { displayName: "Peter Major", stakeholderGroup: GOVERNMENT, regionalGroup: WEOG, gender: Gender.MAN, seats: [[SPEAKER, CONFIRMED]] },
  { displayName: "Wolfgang Kleinwächter", stakeholderGroup: CIVIL_SOCIETY, regionalGroup: WEOG, gender: Gender.UNSPECIFIED, seats: [[SPEAKER, CONFIRMED]] },
  { displayName: "Mervi Kultamaa", stakeholderGroup: GOVERNMENT, regionalGroup: WEOG, gender: Gender.WOMAN, seats: [[SPEAKER, TENTATIVE]] },
  { displayName: "Markus Kummer", stakeholderGroup: TECHNICAL_COMMUNITY, regionalGroup: WEOG, gender: Gender.MAN, seats: [[SPEAKER, CONFIRMED]] },
  { displayName: "Parminder Jeet Singh", stakeholderGroup: CIVIL_SOCIETY, regionalGroup: ASIA_PACIFIC, gender: Gender.MAN, seats: [[SPEAKER, TENTATIVE]] },
  { displayName: "Izumi Aizu", stakeholderGroup: CIVIL_SOCIETY, regionalGroup: ASIA_PACIFIC, gender: Gender.UNSPECIFIED, seats: [[MODERATOR, CONFIRMED], [RAPPORTEUR, CONFIRMED]] },
  { displayName: "Avri Doria", stakeholderGroup: CIVIL_SOCIETY, regionalGroup: WEOG, gender: Gender.WOMAN, seats: [[REMOTE_MODERATOR, CONFIRMED]] },
];

export interface Workshop {
  session: Session;
  people: Map<string, Stakeholder>;
  seats: Participant[];
}

export async function registerSeedWorkshop(registry: RegistryClient): Promise<Workshop> {
  const meeting = await registry.meetings.createMeeting({
    meetingId: "igf-2012",
    meeting: { displayName: "IGF 2012, Baku", forum: "IGF", countryCode: "AZ", startDate: { year: 2012, month: 11, day: 6 }, endDate: { year: 2012, month: 11, day: 9 } },
  });
  const session = await registry.meetings.createSession({
    parent: meeting.name,
    sessionId: "ws-85",
    session: { displayName: "Quo Vadis IGF – or Evolution of IGF", kind: SessionKind.WORKSHOP },
  });
  const { stakeholders } = await registry.stakeholders.batchCreateStakeholders({
    requestId: randomUUID(),
    requests: PANEL.map(({ seats, ...stakeholder }) => ({ stakeholder })),
  });
  const seats: Participant[] = [];
  for (const [i, person] of stakeholders.entries()) {
    for (const [role, confirmation] of PANEL[i].seats) {
      seats.push(await registry.meetings.createParticipant({ parent: session.name, participant: { stakeholder: person.name, role, confirmation }, requestId: randomUUID() }));
    }
  }
  return { session, people: new Map(stakeholders.map((p) => [p.displayName, p])), seats };
}
