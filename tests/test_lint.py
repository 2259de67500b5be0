"""ruff (lint and format) and pylint-odoo with the OCA mandatory checks."""

import pathlib
import subprocess
import sys

from addons_info import ADDONS, ROOT

BIN = pathlib.Path(sys.executable).parent


def run(*args):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_lint():
    result = run(str(BIN / "ruff"), "check", "addons", "tests", "bench", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = run(str(BIN / "ruff"), "format", "--check", "addons", "tests", "bench", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pylint_odoo():
    result = run(
        str(BIN / "pylint"),
        "--rcfile=.pylintrc",
        *[str(a.relative_to(ROOT)) for a in ADDONS],
    )
    assert result.returncode == 0, result.stdout + result.stderr
