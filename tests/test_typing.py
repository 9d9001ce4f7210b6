"""The package is typed (``py.typed``) and passes mypy with the settings in pyproject.toml."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_py_typed_is_shipped() -> None:
    assert (ROOT / "speechkit" / "py.typed").is_file()


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mypy_passes() -> None:
    r = subprocess.run([sys.executable, "-m", "mypy", "speechkit"], check=False, cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
