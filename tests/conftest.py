from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "town_midyear_2025.txt"
SEED_DATE = "2025-07-15"


def gold_docs() -> list[Path]:
    """Every annotated speech of the project: the seed and corpora/."""
    return sorted((ROOT / "seeds").glob("*.gold.json")) + sorted((ROOT / "corpora").glob("*.gold.json"))


def load_gold(path: Path) -> tuple[str, dict]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_name(gold["doc"]).read_text(encoding="utf-8")
    return text, gold


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_speech(seed_text):
    import speechkit

    return speechkit.extract(seed_text, date=SEED_DATE, source=str(SEED))
