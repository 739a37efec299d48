"""The layers of DESIGN.md hold, and the check that holds them can fail: a portal that
imports the other breaks `lint-imports`; crypto knows no Django model."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT / "vissel", root / "vissel", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(PROJECT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_layers_hold(tmp_path):
    result = lint_imports(copy_of_the_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_a_portal_importing_the_other_breaks_the_lint(tmp_path):
    root = copy_of_the_project(tmp_path)
    views = root / "vissel/staff/views.py"
    views.write_text(views.read_text() + "\nfrom vissel.reports import forms  # noqa\n")
    result = lint_imports(root)
    assert result.returncode != 0
    assert "vissel.staff.views -> vissel.reports.forms" in result.stdout


def test_the_domain_importing_a_portal_breaks_the_lint(tmp_path):
    root = copy_of_the_project(tmp_path)
    workflow = root / "vissel/cases/workflow.py"
    workflow.write_text(workflow.read_text() + "\nfrom vissel.staff import selectors  # noqa\n")
    assert lint_imports(root).returncode != 0


def test_crypto_knows_no_django_model():
    for path in (PROJECT / "vissel/crypto").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(("django.db", "django.contrib", "django.http")), (
                    path.name,
                    name,
                )
