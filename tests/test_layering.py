"""The app layering of ARCHITECTURE.md, enforced by import-linter."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(cwd):
    executable = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    return subprocess.run(  # noqa: S603
        [executable, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_apps_import_only_apps_to_their_left():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def broken_copy(tmp_path, app, line):
    """A copy of the project where `app/bad_import.py` holds `line`, and lint-imports' run."""
    shutil.copytree(
        ROOT,
        tmp_path / "project",
        ignore=shutil.ignore_patterns(".venv", "var", "node_modules", ".git", "__pycache__"),
    )
    (tmp_path / "project" / app / "bad_import.py").write_text(line + "  # noqa\n")
    env_path = tmp_path / "project"
    result = subprocess.run(  # noqa: S603
        [shutil.which("lint-imports", path=str(Path(sys.executable).parent)), "--no-cache"],
        cwd=env_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(env_path), "PATH": "/usr/bin:/bin"},
    )
    return result


def test_the_contract_catches_an_upward_import(tmp_path):
    """Copy the project, add accounts → reports, and expect the contract to break."""
    result = broken_copy(tmp_path, "accounts", "import reports.exports")
    assert result.returncode != 0
    assert "accounts.bad_import -> reports.exports" in result.stdout


def test_a_domain_app_cannot_import_a_space(tmp_path):
    """A domain app importing a person's page breaks the forbidden contract."""
    result = broken_copy(tmp_path, "privacy", "import spaces.trainer.urls")
    assert result.returncode != 0
    assert "Domain apps never import a person's pages BROKEN" in result.stdout


def test_the_bottom_siblings_stay_independent(tmp_path):
    """documents and core sit side by side at the bottom: neither may import the other."""
    result = broken_copy(tmp_path, "documents", "import core.text")
    assert result.returncode != 0
    assert "documents.bad_import -> core.text" in result.stdout
