"""The documentation's examples run: ```python blocks, ```console commands, ```json blocks.

Each page's python blocks run in order in one namespace (like a notebook), in a scratch folder
that sees the project's ``seeds/`` and ``corpora/``. A console line ``$ speechkit …`` runs the
CLI in-process; when the page shows output under it, the output must match exactly, else the
command must succeed. Examples assert structure, not extraction results that may shift.
"""
from __future__ import annotations

import json
import re
import shlex
from glob import glob
from pathlib import Path

import pytest
from click.testing import CliRunner

from speechkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = ("cli.md", "library.md", "spacy.md", "lexicons.md", "evaluation.md")
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks(page: Path, lang: str) -> list[str]:
    return [m.group(2) for m in _FENCE.finditer(page.read_text(encoding="utf-8"))
            if m.group(1) == lang]


def documents() -> list[Path]:
    return sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]


def _id(p: Path) -> str:
    return str(p.relative_to(ROOT))


@pytest.fixture()
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("seeds", "corpora"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_page_per_use() -> None:
    for name in PAGES:
        page = DOCS / name
        assert page.is_file(), f"docs/{name} is missing"
        assert blocks(page, "python") or blocks(page, "console"), f"docs/{name} has no example"


@pytest.mark.parametrize("page", documents(), ids=_id)
def test_python_examples_run(page: Path, scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = blocks(page, "python")
    if not code:
        pytest.skip("no python examples")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for n, block in enumerate(code, 1):
        try:
            exec(compile(block, f"{_id(page)}[python block {n}]", "exec"), namespace)  # noqa: S102
        except Exception as e:
            raise AssertionError(f"{_id(page)}, python block {n} failed: {e!r}\n{block}") from e


def commands(page: Path) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of every ``$ `` line of the page's console blocks."""
    out: list[tuple[str, list[str]]] = []
    for block in blocks(page, "console"):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:].strip(), []))
            elif out and line.strip():
                out[-1][1].append(line)
    return out


@pytest.mark.parametrize("page", documents(), ids=_id)
def test_console_examples_run(page: Path, scratch: Path) -> None:
    cmds = commands(page)
    if not cmds:
        pytest.skip("no console examples")
    for cmd, expected in cmds:
        argv = shlex.split(cmd)
        assert argv[0] == "speechkit", f"{_id(page)}: only speechkit commands run here: {cmd}"
        args = [a for arg in argv[1:] for a in (sorted(glob(arg)) or [arg] if "*" in arg else [arg])]
        result = CliRunner().invoke(main, args)
        where = f"{_id(page)}: $ {cmd}\n{result.output}"
        if expected:
            assert result.output.strip().splitlines() == expected, where
        else:
            assert result.exit_code == 0, where
            assert result.exception is None or isinstance(result.exception, SystemExit), where


@pytest.mark.parametrize("page", documents(), ids=_id)
def test_json_examples_parse(page: Path) -> None:
    for block in blocks(page, "json"):
        json.loads(block)


@pytest.mark.parametrize("page", documents(), ids=_id)
def test_links_to_pages_resolve(page: Path) -> None:
    for target in re.findall(r"\]\(([^)#:]+\.md)\)", page.read_text(encoding="utf-8")):
        assert (page.parent / target).is_file(), f"{_id(page)} links to missing {target}"
