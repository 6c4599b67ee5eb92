"""registry_client.py (channel with key, paging, rich errors) and the README's example, against a live server."""

import os
import pathlib
import re
import secrets
import shlex
import subprocess

import grpc
import pytest
from google.protobuf import field_mask_pb2

import registry_client
from participation.registry.v1 import stakeholder_pb2, stakeholder_service_pb2
from test_registry_client import ADMIN_KEY, running_server

PYTHON_CLIENT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from running_server(tmp_path_factory, "helpers")


@pytest.fixture
def registry(server):
    with registry_client.connect(server.address, ADMIN_KEY) as connected:
        yield connected


def person(name: str, country: str = "FI") -> stakeholder_pb2.Stakeholder:
    return stakeholder_pb2.Stakeholder(
        display_name=name, stakeholder_group=stakeholder_pb2.STAKEHOLDER_GROUP_CIVIL_SOCIETY, country_code=country)


def test_pages_follow_the_page_token_to_the_end_and_leave_the_request_alone(registry):
    names = {f"Paged person {i}" for i in range(5)}
    for name in names:
        registry.stakeholders.CreateStakeholder(stakeholder_service_pb2.CreateStakeholderRequest(stakeholder=person(name, "PE")))
    request = stakeholder_service_pb2.ListStakeholdersRequest(page_size=2, filter='country_code = "PE"')

    listed = list(registry_client.pages(registry.stakeholders.ListStakeholders, request, "stakeholders"))

    assert sorted(p.display_name for p in listed) == sorted(names)
    assert request.page_token == ""


def test_a_stale_etag_is_a_registry_error_with_its_reason(registry):
    created = registry.stakeholders.CreateStakeholder(stakeholder_service_pb2.CreateStakeholderRequest(stakeholder=person("Etag person")))
    mask = field_mask_pb2.FieldMask(paths=["display_name"])
    registry.stakeholders.UpdateStakeholder(stakeholder_service_pb2.UpdateStakeholderRequest(
        stakeholder=stakeholder_pb2.Stakeholder(name=created.name, display_name="First", etag=created.etag), update_mask=mask))

    with pytest.raises(registry_client.RegistryError) as stale:
        registry.stakeholders.UpdateStakeholder(stakeholder_service_pb2.UpdateStakeholderRequest(
            stakeholder=stakeholder_pb2.Stakeholder(name=created.name, display_name="Second", etag=created.etag), update_mask=mask))

    assert stale.value.code() == grpc.StatusCode.ABORTED
    assert stale.value.reason == "ETAG_MISMATCH"
    assert stale.value.domain == "participation.registry.v1"
    assert isinstance(stale.value, grpc.RpcError)


def test_bad_fields_arrive_as_field_violations(registry):
    with pytest.raises(registry_client.RegistryError) as bad:
        registry.stakeholders.CreateStakeholder(stakeholder_service_pb2.CreateStakeholderRequest(
            stakeholder=stakeholder_pb2.Stakeholder(display_name="", country_code="ZZ")))

    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    fields = {v.field for v in bad.value.field_violations}
    assert {"stakeholder.display_name", "stakeholder.country_code"} <= fields
    assert all(v.description for v in bad.value.field_violations)


def test_an_unknown_key_is_refused(server):
    with registry_client.connect(server.address, "prk_" + secrets.token_urlsafe(32)) as stranger:
        with pytest.raises(registry_client.RegistryError) as refused:
            stranger.stakeholders.ListStakeholders(stakeholder_service_pb2.ListStakeholdersRequest())

    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert refused.value.reason == "UNAUTHENTICATED"


def test_the_readme_example_is_the_example_file_and_it_prints_the_check(server):
    readme = (PYTHON_CLIENT.parent / "README.md").read_text(encoding="utf-8")
    example = (PYTHON_CLIENT / "examples" / "quickstart.py").read_text(encoding="utf-8")
    blocks = re.findall(r"```python quickstart\n(.*?)```", readme, flags=re.S)
    assert blocks == [example]

    # Run as the README says, from the repository's root: its command line with this server's address and key.
    command = re.search(r"\(`(PYTHONPATH=\S+ /usr/bin/python3 clients/python/examples/quickstart\.py) 127\.0\.0\.1:5080 prk_…`\)", readme)
    assert command, "the README's command line for the example"
    assignment, *argv = shlex.split(command.group(1))
    variable, value = assignment.split("=", 1)
    ran = subprocess.run(
        [*argv, server.address, ADMIN_KEY], cwd=PYTHON_CLIENT.parents[1], capture_output=True, encoding="utf-8",
        env={**os.environ, variable: value, "PYTHONIOENCODING": "utf-8"}, timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr

    printed = ran.stdout.splitlines()
    assert printed[0].startswith("Quo Vadis IGF – or Evolution of IGF: VERDICT_UNBALANCED")
    assert len(printed) >= 2
    assert "4 of 5 speakers (80%) are from WEOG; at most 50% allowed." in printed[4]
    # The README shows what the example prints, as it prints it.
    assert "```text\n" + "\n".join(printed) + "\n```" in readme
