"""The house's shape: imports run one way, leaves stay leaves, no module outgrows 400 lines."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp")

PACKAGE = Path(__file__).resolve().parent.parent / "speechkit"
#: Leaves and what each may import of the package: nothing above them.
LEAVES = {
    "speechkit.errors": set(),
    "speechkit.lexicon": {"speechkit.errors"},
    "speechkit.cues": {"speechkit.errors", "speechkit.lexicon"},
    "speechkit.numerals": {"speechkit.errors", "speechkit.lexicon"},
    "speechkit.fastinit": set(),
    "speechkit.serial": {"speechkit.errors"},
    "speechkit.records": {"speechkit.errors", "speechkit.fastinit", "speechkit.serial"},
}
#: Modules that may run past 400 lines until their owner splits them.
LONG: dict[str, str] = {}
MAX_LINES = 400


@cache
def graph():  # type: ignore[no-untyped-def]
    # imports under TYPE_CHECKING count: a circle of annotations is still a circle of meaning
    return grimp.build_graph("speechkit", cache_dir=None)


def cycles() -> list[tuple[str, ...]]:
    """One chain per import ``a → b`` that leads back from ``b`` to ``a``."""
    g = graph()
    found = []
    for a in sorted(g.modules):
        for b in sorted(g.find_modules_directly_imported_by(a)):
            back = g.find_shortest_chain(importer=b, imported=a)
            if back is not None:
                found.append((a, *back))
    return found


def test_no_import_cycles() -> None:
    assert cycles() == []


def test_the_task_model_never_imports_training_or_the_rules() -> None:
    g = graph()
    for above in ("speechkit.training", "speechkit.extractors.tasks", "speechkit.pipeline"):
        assert not g.chain_exists(importer="speechkit.taskmodel", imported=above)
        assert not g.chain_exists(importer="speechkit.runtime", imported=above)
    assert not g.chain_exists(importer="speechkit.training", imported="speechkit.pipeline")
    assert not g.chain_exists(importer="speechkit.extractors.tasks",
                              imported="speechkit.taskmodel")


@pytest.mark.parametrize("leaf", sorted(LEAVES))
def test_leaves_import_nothing_above_them(leaf: str) -> None:
    g = graph()
    if leaf not in g.modules:
        pytest.skip(f"{leaf} is not in the package yet")
    inside = {m for m in g.find_modules_directly_imported_by(leaf) if m.startswith("speechkit")}
    assert inside <= LEAVES[leaf], sorted(inside - LEAVES[leaf])


def _modules() -> list[object]:
    cases: list[object] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        marks = [pytest.mark.xfail(strict=True, reason=LONG[rel])] if rel in LONG else []
        cases.append(pytest.param(path, marks=marks, id=rel))
    return cases


@pytest.mark.parametrize("path", _modules())
def test_no_module_over_400_lines(path: Path) -> None:
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.name}: {n} lines"
