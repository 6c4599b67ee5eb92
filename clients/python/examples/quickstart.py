"""Registers the seed workshop (IGF 2012, workshop 85: its whole panel, as its report lists it) and
prints its balance check, rule by rule."""

import sys
import uuid

from google.type import date_pb2

import registry_client
from participation.registry.v1 import balance_service_pb2, meeting_pb2, meeting_service_pb2
from participation.registry.v1 import stakeholder_pb2 as sh
from participation.registry.v1 import stakeholder_service_pb2

SPEAKER, MODERATOR = meeting_pb2.PARTICIPANT_ROLE_SPEAKER, meeting_pb2.PARTICIPANT_ROLE_MODERATOR
RAPPORTEUR, REMOTE = meeting_pb2.PARTICIPANT_ROLE_RAPPORTEUR, meeting_pb2.PARTICIPANT_ROLE_REMOTE_MODERATOR
CONFIRMED, TENTATIVE = meeting_pb2.CONFIRMATION_CONFIRMED, meeting_pb2.CONFIRMATION_TENTATIVE
WEOG, ASIA_PACIFIC = sh.REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS, sh.REGIONAL_GROUP_ASIA_PACIFIC

# Name, affiliation, group and regional group as the report states them; gender only where the
# report's form records "Mr." or "Ms."; each seat's role and mark ("TBC" or none is tentative).
PANEL = [
    ("Peter Major", "Special Advisor, Permanent Mission of Hungary to the United Nations in Geneva",
     sh.STAKEHOLDER_GROUP_GOVERNMENT, WEOG, sh.GENDER_MAN, [(SPEAKER, CONFIRMED)]),
    ("Wolfgang Kleinwächter", "Professor for International Communication Policy and Regulation, University of Aarhus",
     sh.STAKEHOLDER_GROUP_CIVIL_SOCIETY, WEOG, sh.GENDER_UNSPECIFIED, [(SPEAKER, CONFIRMED)]),
    ("Mervi Kultamaa", "Counsellor, Ministry for Foreign Affairs of Finland",
     sh.STAKEHOLDER_GROUP_GOVERNMENT, WEOG, sh.GENDER_WOMAN, [(SPEAKER, TENTATIVE)]),
    ("Markus Kummer", "Vice President of Public Policy, Internet Society",
     sh.STAKEHOLDER_GROUP_TECHNICAL_COMMUNITY, WEOG, sh.GENDER_MAN, [(SPEAKER, CONFIRMED)]),
    ("Parminder Jeet Singh", "Executive Coordinator, IT for Change",
     sh.STAKEHOLDER_GROUP_CIVIL_SOCIETY, ASIA_PACIFIC, sh.GENDER_MAN, [(SPEAKER, TENTATIVE)]),
    ("Izumi Aizu", "Senior Research Fellow, Institute for InfoSocionomics, Tama University",
     sh.STAKEHOLDER_GROUP_CIVIL_SOCIETY, ASIA_PACIFIC, sh.GENDER_UNSPECIFIED,
     [(MODERATOR, CONFIRMED), (RAPPORTEUR, CONFIRMED)]),
    ("Avri Doria", "", sh.STAKEHOLDER_GROUP_CIVIL_SOCIETY, WEOG, sh.GENDER_WOMAN, [(REMOTE, CONFIRMED)]),
]


def main(address: str, key: str) -> balance_service_pb2.CheckPanelBalanceResponse:
    with registry_client.connect(address, key) as registry:
        meeting = registry.meetings.CreateMeeting(meeting_service_pb2.CreateMeetingRequest(
            meeting_id="quickstart-2012",
            meeting=meeting_pb2.Meeting(
                display_name="IGF 2012, Baku", forum="IGF", country_code="AZ",
                start_date=date_pb2.Date(year=2012, month=11, day=6),
                end_date=date_pb2.Date(year=2012, month=11, day=9))))
        session = registry.meetings.CreateSession(meeting_service_pb2.CreateSessionRequest(
            parent=meeting.name, session_id="ws-85",
            session=meeting_pb2.Session(display_name="Quo Vadis IGF – or Evolution of IGF",
                                        kind=meeting_pb2.SESSION_KIND_WORKSHOP)))

        # All seven people in one call, all or none; the request id makes a retry create nobody twice.
        people = registry.stakeholders.BatchCreateStakeholders(stakeholder_service_pb2.BatchCreateStakeholdersRequest(
            request_id=str(uuid.uuid4()),
            requests=[stakeholder_service_pb2.CreateStakeholderRequest(stakeholder=sh.Stakeholder(
                display_name=name, affiliation=affiliation, stakeholder_group=group, regional_group=region,
                gender=gender)) for name, affiliation, group, region, gender, _ in PANEL])).stakeholders

        for person, (*_, seats) in zip(people, PANEL):
            for role, confirmation in seats:
                registry.meetings.CreateParticipant(meeting_service_pb2.CreateParticipantRequest(
                    parent=session.name,
                    participant=meeting_pb2.Participant(stakeholder=person.name, role=role, confirmation=confirmation)))

        check = registry.balance.CheckPanelBalance(balance_service_pb2.CheckPanelBalanceRequest(session=session.name))
        verdict = balance_service_pb2.Verdict.Name(check.verdict)
        print(f"{session.display_name}: {verdict} (score {check.score})")
        for rule in check.rule_results:
            print(f"  {balance_service_pb2.RuleOutcome.Name(rule.outcome):<26} {rule.explanation}")
        return check


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])  # python3 quickstart.py 127.0.0.1:5080 prk_…
