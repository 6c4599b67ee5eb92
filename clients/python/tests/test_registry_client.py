"""The Python client, generated from protos/ alone, against a live server process.

It registers the seed workshop (IGF 2012, workshop 85: ../shared/seed/igf-2012-workshop-85.txt),
pages through lists, meets the error rules a client relies on, and finds everything again after
the server process is killed and started again on the same database (a SQLite file, or a
PostgreSQL schema when REGISTRY_TEST_POSTGRES is set: registry_database.py).

The server is not built here: pass the built dll in REGISTRY_SERVER_DLL (tests/run-all.sh builds it).
The tests run in file order and share one server and one database (module-scoped fixtures).
"""

import os
import pathlib
import queue
import re
import secrets
import signal
import subprocess
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2, status_pb2
from google.type import date_pb2

from participation.registry.v1 import (
    meeting_pb2,
    meeting_service_pb2,
    meeting_service_pb2_grpc,
    stakeholder_pb2,
    stakeholder_service_pb2,
    stakeholder_service_pb2_grpc,
)
from registry_database import fresh_database

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]
DEFAULT_SERVER_DLL = "src/ParticipationRegistry.Server/bin/Release/net10.0/ParticipationRegistry.Server.dll"
START_TIMEOUT_SECONDS = 60
CALL_TIMEOUT_SECONDS = 30
DOMAIN = "participation.registry.v1"
# The server starts with this bootstrap admin key (REGISTRY_BOOTSTRAP_ADMIN_KEY); every call sends it.
ADMIN_KEY = "prk_" + secrets.token_urlsafe(32)
GRPC_URL_LINE = re.compile(r"^\s*gRPC \(h2c\):\s*http://(\S+)\s*$")

Stakeholder = stakeholder_pb2.Stakeholder
Participant = meeting_pb2.Participant
GOVERNMENT = stakeholder_pb2.STAKEHOLDER_GROUP_GOVERNMENT
CIVIL_SOCIETY = stakeholder_pb2.STAKEHOLDER_GROUP_CIVIL_SOCIETY
TECHNICAL_COMMUNITY = stakeholder_pb2.STAKEHOLDER_GROUP_TECHNICAL_COMMUNITY
WEOG = stakeholder_pb2.REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS
ASIA_PACIFIC = stakeholder_pb2.REGIONAL_GROUP_ASIA_PACIFIC
WOMAN = stakeholder_pb2.GENDER_WOMAN
MAN = stakeholder_pb2.GENDER_MAN
NOT_RECORDED = stakeholder_pb2.GENDER_UNSPECIFIED
SPEAKER = meeting_pb2.PARTICIPANT_ROLE_SPEAKER
MODERATOR = meeting_pb2.PARTICIPANT_ROLE_MODERATOR
REMOTE_MODERATOR = meeting_pb2.PARTICIPANT_ROLE_REMOTE_MODERATOR
RAPPORTEUR = meeting_pb2.PARTICIPANT_ROLE_RAPPORTEUR
CONFIRMED = meeting_pb2.CONFIRMATION_CONFIRMED
TENTATIVE = meeting_pb2.CONFIRMATION_TENTATIVE

# The seed workshop as its 2012 proposal states it. Groups and regions as stated (the seed gives no
# countries); gender from the honorific each person used on the form (none: not recorded).
MEETING_ID = "igf-2012"
SESSION_ID = "ws-85"
MEETING = meeting_pb2.Meeting(
    display_name="IGF 2012, Baku",
    forum="IGF",
    start_date=date_pb2.Date(year=2012, month=11, day=6),
    end_date=date_pb2.Date(year=2012, month=11, day=9),
    country_code="AZ",
)
SESSION = meeting_pb2.Session(
    display_name="Quo Vadis IGF – or Evolution of IGF",
    kind=meeting_pb2.SESSION_KIND_WORKSHOP,
    state=meeting_pb2.SESSION_STATE_HELD,
    theme="Taking Stock and the Way Forward",
    gender_report_card=meeting_pb2.GenderReportCard(
        women_share_band=meeting_pb2.WOMEN_SHARE_BAND_ABOUT_HALF,
        gender_discussion=meeting_pb2.GENDER_DISCUSSION_NOT_RAISED,
    ),
)
PEOPLE = [
    Stakeholder(
        display_name="Peter Major",
        affiliation="Chair, CSTD Working Group on IGF Improvement, Special Advisor, "
        "Permanent Mission of Hungary to the United Nations in Geneva",
        stakeholder_group=GOVERNMENT,
        regional_group=WEOG,
        gender=MAN,
    ),
    Stakeholder(
        display_name="Wolfgang Kleinwächter",
        affiliation="Professor for International Communication Policy and Regulation, University of Aarhus",
        stakeholder_group=CIVIL_SOCIETY,
        regional_group=WEOG,
        gender=NOT_RECORDED,
    ),
    Stakeholder(
        display_name="Mervi Kultamaa",
        affiliation="Counsellor, Information Society & Trade Facilitation, Ministry for Foreign Affairs "
        "of Finland, Department for External Economic Relations",
        stakeholder_group=GOVERNMENT,
        regional_group=WEOG,
        gender=WOMAN,
    ),
    Stakeholder(
        display_name="Markus Kummer",
        affiliation="Vice President of Public Policy, Internet Society",
        stakeholder_group=TECHNICAL_COMMUNITY,
        regional_group=WEOG,
        gender=MAN,
    ),
    Stakeholder(
        display_name="Parminder Jeet Singh",
        affiliation="Executive Coordinator, IT for Change",
        stakeholder_group=CIVIL_SOCIETY,
        regional_group=ASIA_PACIFIC,
        gender=MAN,
    ),
    Stakeholder(
        display_name="Izumi Aizu",
        affiliation="Senior Research Fellow, Institute for InfoSocionomics, Tama University",
        stakeholder_group=CIVIL_SOCIETY,
        regional_group=ASIA_PACIFIC,
        gender=NOT_RECORDED,
    ),
    Stakeholder(
        display_name="Avri Doria",
        stakeholder_group=CIVIL_SOCIETY,
        regional_group=WEOG,
        gender=WOMAN,
    ),
]
# (person, role, confirmation): "Confirmed" -> CONFIRMED, "TBC" or no mark -> TENTATIVE; the
# moderators and the rapporteur did their part.
SEATS = [
    ("Peter Major", SPEAKER, CONFIRMED),
    ("Wolfgang Kleinwächter", SPEAKER, CONFIRMED),
    ("Mervi Kultamaa", SPEAKER, TENTATIVE),
    ("Markus Kummer", SPEAKER, CONFIRMED),
    ("Parminder Jeet Singh", SPEAKER, TENTATIVE),
    ("Izumi Aizu", MODERATOR, CONFIRMED),
    ("Avri Doria", REMOTE_MODERATOR, CONFIRMED),
    ("Izumi Aizu", RAPPORTEUR, CONFIRMED),
]


class BearerKey(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    """Sends `authorization: Bearer <key>` with every call, as every registry call but health and reports needs."""

    def __init__(self, key: str):
        self.metadata = ("authorization", f"Bearer {key}")

    def _with_key(self, details):
        return details._replace(metadata=[*(details.metadata or []), self.metadata])

    def intercept_unary_unary(self, continuation, client_call_details, request):
        return continuation(self._with_key(client_call_details), request)

    def intercept_unary_stream(self, continuation, client_call_details, request):
        return continuation(self._with_key(client_call_details), request)


class RegistryServer:
    """One server process on a fixed database; kill() and start() again to restart it."""

    def __init__(self, dll: pathlib.Path, folder: pathlib.Path, database: str):
        self.dll = dll
        self.folder = folder
        self.database = database
        self.process: subprocess.Popen | None = None
        self.channel: grpc.Channel | None = None
        self.output: list[str] = []
        self.address = ""
        self.stakeholders: stakeholder_service_pb2_grpc.StakeholderServiceStub | None = None
        self.meetings: meeting_service_pb2_grpc.MeetingServiceStub | None = None

    def start(self) -> None:
        assert self.process is None, "the server is already running"
        self.output = []
        self.process = subprocess.Popen(
            [
                "dotnet",
                str(self.dll),
                "--grpc-url",
                "http://127.0.0.1:0",
                "--http-url",
                "http://127.0.0.1:0",
                "--database",
                self.database,
            ],
            cwd=self.folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "REGISTRY_BOOTSTRAP_ADMIN_KEY": ADMIN_KEY},
        )
        address = self.address = self._read_grpc_address(self.process)
        plain = grpc.insecure_channel(address)
        try:
            grpc.channel_ready_future(plain).result(timeout=START_TIMEOUT_SECONDS)
        except grpc.FutureTimeoutError:
            plain.close()
            self.kill()
            pytest.fail(f"the server printed {address} but did not accept a connection:\n{self.printed()}")
        self.channel = grpc.intercept_channel(plain, BearerKey(ADMIN_KEY))
        self.stakeholders = stakeholder_service_pb2_grpc.StakeholderServiceStub(self.channel)
        self.meetings = meeting_service_pb2_grpc.MeetingServiceStub(self.channel)

    def _read_grpc_address(self, process: subprocess.Popen) -> str:
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            # Keeps draining stdout after start-up so the server never blocks on a full pipe.
            for line in process.stdout:
                self.output.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                break
            if line is None:
                code = process.wait()
                self.process = None
                pytest.fail(f"the server exited ({code}) before it printed its gRPC address:\n{self.printed()}")
            if match := GRPC_URL_LINE.match(line):
                return match.group(1)
        self.kill()
        pytest.fail(f"the server printed no gRPC address within {START_TIMEOUT_SECONDS} s:\n{self.printed()}")

    def kill(self) -> int | None:
        """SIGKILL: no shutdown hooks, no checkpoint; what was committed must be on disk."""
        if self.channel is not None:
            self.channel.close()
            self.channel = None
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        code = self.process.wait(timeout=30)
        self.process = None
        return code

    def printed(self) -> str:
        return "".join(self.output)


@dataclass
class Workshop:
    meeting: meeting_pb2.Meeting
    session: meeting_pb2.Session
    people: dict[str, stakeholder_pb2.Stakeholder]
    seats: list[meeting_pb2.Participant]


def running_server(tmp_path_factory, name: str):
    """A server on a fresh database (a SQLite file in its own temporary folder, or a PostgreSQL schema
    when REGISTRY_TEST_POSTGRES is set), killed when the generator closes."""
    dll = pathlib.Path(os.environ.get("REGISTRY_SERVER_DLL", DEFAULT_SERVER_DLL))
    if not dll.is_absolute():
        dll = REPO_ROOT / dll
    if not dll.is_file():
        pytest.fail(f"no server at {dll}: build it first (dotnet build ParticipationRegistry.sln -c Release)")
    folder = tmp_path_factory.mktemp(name)
    with fresh_database(folder) as database:
        server = RegistryServer(dll, folder, database.argument)
        try:
            server.start()
            database.check_in_use(server.printed())
            yield server
        finally:
            server.kill()


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    yield from running_server(tmp_path_factory, "registry")


@pytest.fixture(scope="module")
def workshop(registry) -> Workshop:
    meeting = registry.meetings.CreateMeeting(
        meeting_service_pb2.CreateMeetingRequest(meeting=MEETING, meeting_id=MEETING_ID),
        timeout=CALL_TIMEOUT_SECONDS,
    )
    session = registry.meetings.CreateSession(
        meeting_service_pb2.CreateSessionRequest(parent=meeting.name, session=SESSION, session_id=SESSION_ID),
        timeout=CALL_TIMEOUT_SECONDS,
    )
    created = registry.stakeholders.BatchCreateStakeholders(
        stakeholder_service_pb2.BatchCreateStakeholdersRequest(
            requests=[stakeholder_service_pb2.CreateStakeholderRequest(stakeholder=p) for p in PEOPLE],
            request_id=str(uuid.uuid4()),
        ),
        timeout=CALL_TIMEOUT_SECONDS,
    ).stakeholders
    people = {p.display_name: p for p in created}
    seats = [
        registry.meetings.CreateParticipant(
            meeting_service_pb2.CreateParticipantRequest(
                parent=session.name,
                participant=Participant(
                    stakeholder=people[person].name,
                    role=role,
                    confirmation=confirmation,
                    attendance=meeting_pb2.ATTENDANCE_REMOTE if role == REMOTE_MODERATOR else meeting_pb2.ATTENDANCE_ONSITE,
                ),
                request_id=str(uuid.uuid4()),
            ),
            timeout=CALL_TIMEOUT_SECONDS,
        )
        for person, role, confirmation in SEATS
    ]
    return Workshop(meeting, session, people, seats)


def list_pages(method, request_type, page_size=3, **fields):
    """Every page of a List call, following next_page_token until it is empty."""
    pages = []
    token = ""
    for _ in range(100):
        response = method(request_type(page_size=page_size, page_token=token, **fields), timeout=CALL_TIMEOUT_SECONDS)
        pages.append(response)
        token = response.next_page_token
        if not token:
            return pages
    pytest.fail("next_page_token was still not empty after 100 pages")


def all_stakeholders(registry, **fields) -> list[stakeholder_pb2.Stakeholder]:
    pages = list_pages(registry.stakeholders.ListStakeholders, stakeholder_service_pb2.ListStakeholdersRequest, **fields)
    return [s for page in pages for s in page.stakeholders]


def all_seats(registry, session_name: str) -> list[meeting_pb2.Participant]:
    pages = list_pages(
        registry.meetings.ListParticipants, meeting_service_pb2.ListParticipantsRequest, parent=session_name
    )
    return [p for page in pages for p in page.participants]


def rich_status(error: grpc.RpcError) -> status_pb2.Status:
    """The google.rpc.Status the server sent in the grpc-status-details-bin trailer."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            return status_pb2.Status.FromString(value)
    pytest.fail(f"no grpc-status-details-bin trailer on {error.code()}: {error.details()}")


def detail(status: status_pb2.Status, message_type):
    found = [d for d in status.details if d.Is(message_type.DESCRIPTOR)]
    assert len(found) == 1, f"expected one {message_type.DESCRIPTOR.full_name} in {status}"
    message = message_type()
    found[0].Unpack(message)
    return message


def test_registers_the_seed_workshop(registry, workshop):
    assert workshop.meeting.name == "meetings/igf-2012"
    assert workshop.session.name == "meetings/igf-2012/sessions/ws-85"
    assert workshop.session.state == meeting_pb2.SESSION_STATE_HELD
    assert sorted(workshop.people) == sorted(p.display_name for p in PEOPLE)
    for expected in PEOPLE:
        person = workshop.people[expected.display_name]
        assert re.fullmatch(r"stakeholders/[a-z0-9-]+", person.name), person.name
        assert expected.display_name.split()[-1].lower() not in person.name, "an id must never carry a name"
        assert person.affiliation == expected.affiliation
        assert person.stakeholder_group == expected.stakeholder_group
        assert person.regional_group == expected.regional_group, "the stated regional group wins"
        assert person.etag
    assert len({p.name for p in workshop.people.values()}) == 7

    assert len(workshop.seats) == 8
    assert Counter(s.role for s in workshop.seats) == {SPEAKER: 5, MODERATOR: 1, REMOTE_MODERATOR: 1, RAPPORTEUR: 1}
    names_by_id = {p.name: p.display_name for p in workshop.people.values()}
    assert sorted((names_by_id[s.stakeholder], s.role, s.confirmation) for s in workshop.seats) == sorted(SEATS)
    for seat in workshop.seats:
        assert seat.name.startswith("meetings/igf-2012/sessions/ws-85/participants/")
        assert seat.snapshot.display_name == names_by_id[seat.stakeholder]

    fetched = registry.meetings.GetSession(
        meeting_service_pb2.GetSessionRequest(name=workshop.session.name), timeout=CALL_TIMEOUT_SECONDS
    )
    assert fetched.gender_report_card.women_share_band == meeting_pb2.WOMEN_SHARE_BAND_ABOUT_HALF


def test_list_stakeholders_pages_of_three_return_all_seven_once(registry, workshop):
    pages = list_pages(registry.stakeholders.ListStakeholders, stakeholder_service_pb2.ListStakeholdersRequest)

    assert [len(p.stakeholders) for p in pages] == [3, 3, 1]
    assert all(p.next_page_token for p in pages[:-1])
    names = [s.name for p in pages for s in p.stakeholders]
    assert sorted(names) == sorted(p.name for p in workshop.people.values())

    seat_pages = list_pages(
        registry.meetings.ListParticipants, meeting_service_pb2.ListParticipantsRequest, parent=workshop.session.name
    )
    assert [len(p.participants) for p in seat_pages] == [3, 3, 2]
    assert sorted(s.name for p in seat_pages for s in p.participants) == sorted(s.name for s in workshop.seats)


def test_update_with_stale_etag_is_aborted(registry, workshop):
    stale = registry.stakeholders.GetStakeholder(
        stakeholder_service_pb2.GetStakeholderRequest(name=workshop.people["Markus Kummer"].name),
        timeout=CALL_TIMEOUT_SECONDS,
    )
    mask = field_mask_pb2.FieldMask(paths=["affiliation"])
    changed = Stakeholder(name=stale.name, etag=stale.etag, affiliation="Internet Society (2012)")
    updated = registry.stakeholders.UpdateStakeholder(
        stakeholder_service_pb2.UpdateStakeholderRequest(stakeholder=changed, update_mask=mask),
        timeout=CALL_TIMEOUT_SECONDS,
    )
    assert updated.affiliation == "Internet Society (2012)"
    assert updated.etag != stale.etag

    with pytest.raises(grpc.RpcError) as refused:
        registry.stakeholders.UpdateStakeholder(
            stakeholder_service_pb2.UpdateStakeholderRequest(
                stakeholder=Stakeholder(name=stale.name, etag=stale.etag, affiliation="Lost update"),
                update_mask=mask,
            ),
            timeout=CALL_TIMEOUT_SECONDS,
        )

    assert refused.value.code() == grpc.StatusCode.ABORTED
    info = detail(rich_status(refused.value), error_details_pb2.ErrorInfo)
    assert (info.reason, info.domain) == ("ETAG_MISMATCH", DOMAIN)
    current = registry.stakeholders.GetStakeholder(
        stakeholder_service_pb2.GetStakeholderRequest(name=stale.name), timeout=CALL_TIMEOUT_SECONDS
    )
    assert current.affiliation == "Internet Society (2012)"
    assert current.etag == updated.etag


def test_a_write_without_a_key_is_unauthenticated_and_a_wrong_key_too(registry, workshop):
    for metadata in [(), (("authorization", "Bearer prk_not-a-key-of-this-server"),)]:
        with grpc.insecure_channel(registry.address) as channel:
            stakeholders = stakeholder_service_pb2_grpc.StakeholderServiceStub(channel)
            with pytest.raises(grpc.RpcError) as refused:
                stakeholders.CreateStakeholder(
                    stakeholder_service_pb2.CreateStakeholderRequest(stakeholder=Stakeholder(display_name="Nobody")),
                    metadata=metadata,
                    timeout=CALL_TIMEOUT_SECONDS,
                )

        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
        info = detail(rich_status(refused.value), error_details_pb2.ErrorInfo)
        assert (info.reason, info.domain) == ("UNAUTHENTICATED", DOMAIN)
    assert "Nobody" not in [s.display_name for s in all_stakeholders(registry)]


def test_unknown_country_code_is_invalid_argument_naming_the_field(registry, workshop):
    with pytest.raises(grpc.RpcError) as refused:
        registry.stakeholders.CreateStakeholder(
            stakeholder_service_pb2.CreateStakeholderRequest(
                stakeholder=Stakeholder(display_name="Nobody From Nowhere", country_code="ZZ")
            ),
            timeout=CALL_TIMEOUT_SECONDS,
        )

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    status = rich_status(refused.value)
    assert status.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    bad_request = detail(status, error_details_pb2.BadRequest)
    assert [v.field for v in bad_request.field_violations] == ["stakeholder.country_code"]
    assert bad_request.field_violations[0].description
    info = detail(status, error_details_pb2.ErrorInfo)
    assert (info.reason, info.domain) == ("INVALID_ARGUMENT", DOMAIN)
    assert len(all_stakeholders(registry)) == 7, "a refused create creates nothing"


def test_replayed_request_id_returns_the_same_stakeholder_and_creates_nothing(registry, workshop):
    request = stakeholder_service_pb2.CreateStakeholderRequest(
        stakeholder=Stakeholder(
            display_name="Marilyn Cade",
            stakeholder_group=stakeholder_pb2.STAKEHOLDER_GROUP_PRIVATE_SECTOR,
            country_code="US",
        ),
        request_id=str(uuid.uuid4()),
    )

    first = registry.stakeholders.CreateStakeholder(request, timeout=CALL_TIMEOUT_SECONDS)
    replayed = registry.stakeholders.CreateStakeholder(request, timeout=CALL_TIMEOUT_SECONDS)

    assert replayed.name == first.name
    assert replayed == first
    everyone = all_stakeholders(registry)
    assert len(everyone) == 8
    assert [s.name for s in everyone].count(first.name) == 1
    assert first.regional_group == WEOG, "derived from the country when not stated"

    # Leave the registry as the seed workshop alone for the restart test.
    registry.stakeholders.DeleteStakeholder(
        stakeholder_service_pb2.DeleteStakeholderRequest(name=first.name, etag=first.etag),
        timeout=CALL_TIMEOUT_SECONDS,
    )
    assert len(all_stakeholders(registry)) == 7


def test_everything_survives_a_killed_server(registry, workshop):
    def everything():
        meeting = registry.meetings.GetMeeting(
            meeting_service_pb2.GetMeetingRequest(name=workshop.meeting.name), timeout=CALL_TIMEOUT_SECONDS
        )
        session = registry.meetings.GetSession(
            meeting_service_pb2.GetSessionRequest(name=workshop.session.name), timeout=CALL_TIMEOUT_SECONDS
        )
        people = all_stakeholders(registry, view=stakeholder_pb2.STAKEHOLDER_VIEW_FULL)
        seats = all_seats(registry, workshop.session.name)
        return meeting, session, people, seats

    before = everything()

    assert registry.kill() == -signal.SIGKILL
    registry.start()
    after = everything()

    meeting, session, people, seats = after
    assert meeting.name == "meetings/igf-2012"
    assert meeting.display_name == MEETING.display_name
    assert session.name == "meetings/igf-2012/sessions/ws-85"
    assert session.display_name == SESSION.display_name
    assert sorted(p.name for p in people) == sorted(p.name for p in workshop.people.values())
    assert sorted(s.name for s in seats) == sorted(s.name for s in workshop.seats)
    assert len(people) == 7
    assert len(seats) == 8
    assert after == before, "the restarted server returns exactly what it returned before the kill"
