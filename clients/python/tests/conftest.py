"""Generates the Python client from protos/ before the tests import it.

The generated code is not committed: every run regenerates it with clients/python/generate.sh,
so the tests always exercise the stubs that protos/ produces today.
"""

import pathlib
import subprocess
import sys

PYTHON_CLIENT = pathlib.Path(__file__).resolve().parents[1]
REPO_ROOT = PYTHON_CLIENT.parents[1]
GENERATED = PYTHON_CLIENT / "generated"


def _generate_client() -> None:
    result = subprocess.run(
        ["bash", str(PYTHON_CLIENT / "generate.sh")],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"clients/python/generate.sh failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    sys.path.insert(0, str(GENERATED))
    # The hand-written helper module (registry_client.py) and the README's example.
    sys.path.insert(0, str(PYTHON_CLIENT))
    sys.path.insert(0, str(PYTHON_CLIENT / "examples"))


_generate_client()
