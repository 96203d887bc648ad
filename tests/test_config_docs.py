"""The README documents every setting of the settings table, by its environment variable (after
Datasette's tests/test_docs.py): a setting a user cannot find is a setting that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from web.config import ENV_PREFIX, SETTINGS

README = Path(__file__).resolve().parents[1] / "README.md"
ENV_NAME = re.compile(rf"\b{ENV_PREFIX}_[A-Z][A-Z0-9_]*\b")


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme(readme: str, setting) -> None:
    assert re.search(rf"`{setting.env}`", readme), f"README.md does not name `{setting.env}`"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_readme_gives_the_default(readme: str, setting) -> None:
    """The settings table row of each variable shows its default as `web/config.py` has it."""
    rows = [line for line in readme.splitlines() if line.startswith(f"| `{setting.env}`")]
    assert len(rows) == 1, f"README.md needs one settings-table row for {setting.env}"
    default = rows[0].split("|")[2].strip()
    assert default == (f"`{setting.default}`" if setting.default else "(empty)")


def test_readme_names_no_setting_that_does_not_exist(readme: str) -> None:
    assert set(ENV_NAME.findall(readme)) <= {s.env for s in SETTINGS}


def test_code_reads_only_settings_of_the_table() -> None:
    """An `EVENTATLAS_*` variable read anywhere (CLI options, Makefile, Dockerfile) is in the table."""
    root = README.parent
    packages = ("geodata", "timeline", "web", "scripts")
    files = [*(f for p in packages for f in (root / p).glob("*.py")), root / "Makefile", root / "Dockerfile"]
    used = {name for path in files if path.exists() for name in ENV_NAME.findall(path.read_text("utf-8"))}
    assert "EVENTATLAS_DATABASE" in used
    assert used <= {s.env for s in SETTINGS}
