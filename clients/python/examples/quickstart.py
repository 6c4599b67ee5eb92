"""Registers the seed workshop's speakers and prints its balance check, rule by rule."""

import sys
import uuid

from google.type import date_pb2

import registry_client
from participation.registry.v1 import balance_service_pb2, meeting_pb2, meeting_service_pb2, stakeholder_pb2
from participation.registry.v1 import stakeholder_service_pb2


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

        speakers = [
            ("Peter Major", stakeholder_pb2.STAKEHOLDER_GROUP_GOVERNMENT, "HU", stakeholder_pb2.GENDER_MAN),
            ("Mervi Kultamaa", stakeholder_pb2.STAKEHOLDER_GROUP_GOVERNMENT, "FI", stakeholder_pb2.GENDER_WOMAN),
            ("Markus Kummer", stakeholder_pb2.STAKEHOLDER_GROUP_TECHNICAL_COMMUNITY, "CH", stakeholder_pb2.GENDER_MAN),
            ("Parminder Jeet Singh", stakeholder_pb2.STAKEHOLDER_GROUP_CIVIL_SOCIETY, "IN", stakeholder_pb2.GENDER_MAN),
        ]
        for name, group, country, gender in speakers:
            person = registry.stakeholders.CreateStakeholder(stakeholder_service_pb2.CreateStakeholderRequest(
                stakeholder=stakeholder_pb2.Stakeholder(
                    display_name=name, stakeholder_group=group, country_code=country, gender=gender),
                request_id=str(uuid.uuid4())))
            registry.meetings.CreateParticipant(meeting_service_pb2.CreateParticipantRequest(
                parent=session.name,
                participant=meeting_pb2.Participant(
                    stakeholder=person.name, role=meeting_pb2.PARTICIPANT_ROLE_SPEAKER,
                    confirmation=meeting_pb2.CONFIRMATION_CONFIRMED)))

        check = registry.balance.CheckPanelBalance(balance_service_pb2.CheckPanelBalanceRequest(session=session.name))
        verdict = balance_service_pb2.Verdict.Name(check.verdict)
        print(f"{session.display_name}: {verdict} (score {check.score})")
        for rule in check.rule_results:
            print(f"  {balance_service_pb2.RuleOutcome.Name(rule.outcome):<22} {rule.explanation}")
        return check


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])  # python3 quickstart.py 127.0.0.1:5080 prk_…
