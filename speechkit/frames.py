"""pandas at the edge: a speech's ledger and figures as DataFrames, in the ledger's columns.

The columns are :data:`speechkit.ledger.COLUMNS` (and ``FIGURE_COLUMNS``), declared once and
shared with every writer; dates are datetimes (``NaT`` when none).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .ledger import COLUMNS, FIGURE_COLUMNS, cells, figure_rows, ledger_rows

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .records import Speech


def _frame(data: list[list[object]], headers: Sequence[str], kinds: Sequence[str]
           ) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(data, columns=list(headers))
    for header, kind in zip(headers, kinds):
        if kind == "date":
            frame[header] = pd.to_datetime(frame[header])
        elif kind == "float":
            frame[header] = frame[header].astype("float64")
    return frame


def ledger_frame(speech: Speech, level: str = "item") -> pd.DataFrame:
    """The ledger: one row an item (``level="item"``) or a task sentence (``"sentence"``)."""
    return _frame([cells(r) for r in ledger_rows(speech, level)], [c.header for c in COLUMNS],
                  [c.kind for c in COLUMNS])


def items_frame(speech: Speech) -> pd.DataFrame:
    """One row an item: the 任务分解表 people send round."""
    return ledger_frame(speech, "item")


def tasks_frame(speech: Speech) -> pd.DataFrame:
    """One row a task sentence."""
    return ledger_frame(speech, "sentence")


def figures_frame(speech: Speech) -> pd.DataFrame:
    """One row a quantity: tasks' targets, then the figures reported."""
    return _frame(figure_rows(speech), [c.header for c in FIGURE_COLUMNS],
                  [c.kind for c in FIGURE_COLUMNS])


__all__ = ["figures_frame", "items_frame", "ledger_frame", "tasks_frame"]
