"""The helpers a caller of the generated Python stubs would otherwise write.

- ``connect(address, key)``: one channel that sends ``authorization: Bearer <key>`` on every call,
  with a stub per service (``stakeholders``, ``meetings``, ``balance``, ``reports``, ``keys``,
  ``audit``).
- ``pages(method, request, "items")``: every item of a List call, following ``next_page_token``.
- ``RegistryError``: every failed call is raised as this ``grpc.RpcError``, with the server's rich
  details read (``reason``, ``metadata``, ``field_violations``, ``retry_after``).

Put the generated stubs (``clients/python/generate.sh``) and this folder on ``PYTHONPATH``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass

import grpc
from google.rpc import error_details_pb2, status_pb2

from participation.registry.v1 import (
    access_pb2_grpc,
    audit_pb2_grpc,
    balance_service_pb2_grpc,
    meeting_service_pb2_grpc,
    report_service_pb2_grpc,
    stakeholder_service_pb2_grpc,
)

DETAILS_TRAILER = "grpc-status-details-bin"


@dataclass(frozen=True)
class FieldViolation:
    """One bad field of a request: its dotted path (``requests[3].stakeholder.country_code``) and what is allowed."""

    field: str
    description: str


class RegistryError(grpc.RpcError):
    """A failed call with the registry's rich error details (google.rpc.ErrorInfo, BadRequest, RetryInfo)."""

    def __init__(self, code: grpc.StatusCode, message: str, status: status_pb2.Status | None = None):
        super().__init__(f"{code.name}: {message}")
        self._code = code
        self._message = message
        self.reason = ""
        self.domain = ""
        self.metadata: dict[str, str] = {}
        self.field_violations: list[FieldViolation] = []
        self.retry_after: float | None = None
        for detail in status.details if status is not None else []:
            if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                detail.Unpack(info)
                self.reason, self.domain, self.metadata = info.reason, info.domain, dict(info.metadata)
            elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = error_details_pb2.BadRequest()
                detail.Unpack(bad)
                self.field_violations += [FieldViolation(v.field, v.description) for v in bad.field_violations]
            elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
                retry = error_details_pb2.RetryInfo()
                detail.Unpack(retry)
                self.retry_after = retry.retry_delay.ToTimedelta().total_seconds()

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._message

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> RegistryError:
        """Reads the details trailer of a failed call (a call error without one keeps its code and message)."""
        status = None
        for key, value in (error.trailing_metadata() or ()) if isinstance(error, grpc.Call) else ():
            if key == DETAILS_TRAILER:
                status = status_pb2.Status.FromString(value)
        code = error.code() if isinstance(error, grpc.Call) else grpc.StatusCode.UNKNOWN
        message = error.details() if isinstance(error, grpc.Call) else str(error)
        return cls(code, message or "", status)


class _Interceptor(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    """Adds the key to every call and raises failed unary calls as RegistryError."""

    def __init__(self, key: str | None):
        self._metadata = [("authorization", f"Bearer {key}")] if key else []

    def _with_key(self, details):
        return details._replace(metadata=[*(details.metadata or []), *self._metadata])

    def intercept_unary_unary(self, continuation, client_call_details, request):
        outcome = continuation(self._with_key(client_call_details), request)
        error = outcome.exception()
        if error is not None:
            raise RegistryError.from_rpc_error(error)
        return outcome

    def intercept_unary_stream(self, continuation, client_call_details, request):
        return continuation(self._with_key(client_call_details), request)


class Registry:
    """A channel to the registry and a stub per service; close it (or use ``with``) when done."""

    def __init__(self, address: str, key: str | None = None, credentials: grpc.ChannelCredentials | None = None):
        # host:port; plain HTTP/2 (h2c) unless credentials are given: keep plaintext on loopback.
        raw = grpc.secure_channel(address, credentials) if credentials is not None else grpc.insecure_channel(address)
        self._raw = raw
        self.channel = grpc.intercept_channel(raw, _Interceptor(key))
        self.stakeholders = stakeholder_service_pb2_grpc.StakeholderServiceStub(self.channel)
        self.meetings = meeting_service_pb2_grpc.MeetingServiceStub(self.channel)
        self.balance = balance_service_pb2_grpc.BalanceServiceStub(self.channel)
        self.reports = report_service_pb2_grpc.ReportServiceStub(self.channel)
        self.keys = access_pb2_grpc.KeyServiceStub(self.channel)
        self.audit = audit_pb2_grpc.AuditServiceStub(self.channel)

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *_) -> None:
        self.close()


def connect(address: str, key: str | None = None, credentials: grpc.ChannelCredentials | None = None) -> Registry:
    """A Registry on ``address`` (``host:port``) calling with ``key``."""
    return Registry(address, key, credentials)


def pages(method, request, items: str, **call_options) -> Iterator:
    """Every item of a List call (``items`` names the response's repeated field), page after page; the request is not changed."""
    request = copy.deepcopy(request)
    while True:
        response = method(request, **call_options)
        yield from getattr(response, items)
        if not response.next_page_token:
            return
        request.page_token = response.next_page_token
