"""Where a test server keeps its data: a SQLite file in its folder, or, when REGISTRY_TEST_POSTGRES
holds a PostgreSQL URI (tests/run-all.sh's PostgreSQL pass), a fresh schema in that database.

The schema is made and dropped with Debian's psql (the newest /usr/lib/postgresql/*/bin/psql, else
psql on PATH); the server is given the URI with `search_path=<schema>` added to its query, and once
it runs the schema must hold its tables (a server that took the URI for a file name fails the test).
"""

import contextlib
import glob
import os
import pathlib
import re
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

PSQL_TIMEOUT_SECONDS = 60
# Query keys of the test URI that psql (libpq) understands too; the others are Npgsql keywords.
LIBPQ_KEYS = {"sslmode", "sslrootcert", "connect_timeout"}


def psql_binary() -> str:
    def version(path: str) -> int:
        match = re.search(r"/postgresql/(\d+)/", path)
        return int(match.group(1)) if match else 0

    installed = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"), key=version)
    if installed:
        return installed[-1]
    on_path = shutil.which("psql")
    if on_path is None:
        pytest.fail("REGISTRY_TEST_POSTGRES is set but there is no psql (Debian's postgresql-client)")
    return on_path


def psql(uri: str, sql: str) -> str:
    parts = urlsplit(uri)
    libpq_query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k in LIBPQ_KEYS])
    result = subprocess.run(
        [psql_binary(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", urlunsplit(parts._replace(query=libpq_query)), "-c", sql],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=PSQL_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"psql {sql!r} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout.strip()


def with_search_path(uri: str, schema: str) -> str:
    return f"{uri}{'&' if '?' in uri else '?'}search_path={schema}"


@dataclass(frozen=True)
class ServerDatabase:
    argument: str
    """The server's --database value."""
    uri: str = ""
    schema: str = ""

    def check_in_use(self, printed: str) -> None:
        """Fails the test when the server runs but made no table in its PostgreSQL schema."""
        if not self.schema:
            return
        tables = psql(self.uri, f"SELECT count(*) FROM pg_tables WHERE schemaname = '{self.schema}'")
        if tables == "0":
            pytest.fail(f"the server runs on {self.argument} but made no table in schema {self.schema}:\n{printed}")


@contextlib.contextmanager
def fresh_database(folder: pathlib.Path, prefix: str = "py") -> Iterator[ServerDatabase]:
    """A SQLite file in folder, or a PostgreSQL schema dropped (CASCADE) when the block ends."""
    uri = os.environ.get("REGISTRY_TEST_POSTGRES", "")
    if not uri:
        yield ServerDatabase(str(folder / "registry.db"))
        return
    schema = f"{prefix}_{secrets.token_hex(8)}"
    psql(uri, f'CREATE SCHEMA "{schema}"')
    try:
        yield ServerDatabase(with_search_path(uri, schema), uri, schema)
    finally:
        psql(uri, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
