"""protos/ alone is enough for another language's protoc: the promise every client relies on."""

import os
import pathlib
import subprocess
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]
PROTOS = REPO_ROOT / "protos"
PROTOC = os.environ.get("PROTOC", "protoc")
GRPC_PYTHON_PLUGIN = os.environ.get("GRPC_PYTHON_PLUGIN", "/usr/bin/grpc_python_plugin")


def test_protoc_with_the_python_plugin_compiles_protos_alone(tmp_path):
    api_protos = sorted(PROTOS.glob("participation/**/*.proto"))
    vendored = sorted(PROTOS.glob("google/**/*.proto"))
    assert api_protos, "no protos under protos/participation"

    result = subprocess.run(
        [
            PROTOC,
            f"-I{PROTOS}",
            f"--python_out={tmp_path}",
            f"--grpc_out={tmp_path}",
            f"--plugin=protoc-gen-grpc={GRPC_PYTHON_PLUGIN}",
            *(str(p.relative_to(PROTOS)) for p in api_protos + vendored),
        ],
        cwd=PROTOS,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    generated = tmp_path / "participation" / "registry" / "v1"
    for proto in api_protos:
        stem = proto.stem
        assert (generated / f"{stem}_pb2.py").is_file(), f"no {stem}_pb2.py"
        assert (generated / f"{stem}_pb2_grpc.py").is_file(), f"no {stem}_pb2_grpc.py"
    assert sorted(p.name for p in generated.glob("*_pb2_grpc.py")) == sorted(
        f"{p.stem}_pb2_grpc.py" for p in api_protos
    )


def test_the_generated_client_imports(tmp_path):
    protos = [str(p.relative_to(PROTOS)) for p in sorted(PROTOS.glob("**/*.proto"))]
    subprocess.run(
        [
            PROTOC,
            f"-I{PROTOS}",
            f"--python_out={tmp_path}",
            f"--grpc_out={tmp_path}",
            f"--plugin=protoc-gen-grpc={GRPC_PYTHON_PLUGIN}",
            *protos,
        ],
        cwd=PROTOS,
        check=True,
    )

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from participation.registry.v1 import stakeholder_service_pb2_grpc as s, meeting_service_pb2_grpc as m\n"
            "from google.rpc import status_pb2, error_details_pb2\n"
            "assert s.StakeholderServiceStub and m.MeetingServiceStub",
        ],
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
