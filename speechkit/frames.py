"""pandas at the edge: a speech's tasks and figures as DataFrames."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .records import Speech

NOT_STATED = "未明确"
#: How a ledger names a task's force.
FORCE_LABELS = {"must": "必须", "should": "应当", "strive": "力争", "encourage": "鼓励",
                "forbid": "禁止"}
TASK_COLUMNS = ["序号", "工作任务", "责任单位", "完成时限", "截止日期", "目标要求", "频次", "力度",
                "置信度", "所属章节", "出处", "起", "止", "id"]


def task_rows(speech: Speech) -> list[dict[str, object]]:
    rows = []
    for n, t in enumerate(speech.tasks, 1):
        rows.append({
            "序号": n,
            "工作任务": t.text,
            "责任单位": "、".join(o.text for o in t.owners) or NOT_STATED,
            "完成时限": t.deadline.text if t.deadline else NOT_STATED,
            "截止日期": t.deadline.end.isoformat() if t.deadline and t.deadline.end else "",
            "目标要求": "；".join(q.text for q in t.targets),
            "频次": t.recurrence.text if t.recurrence else "",
            "力度": FORCE_LABELS.get(t.force or "", ""),
            "置信度": round(t.confidence, 3),
            "所属章节": " > ".join(t.section),
            "出处": speech.source,
            "起": t.span[0],
            "止": t.span[1],
            "id": t.id,
        })
    return rows


def tasks_frame(speech: Speech) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(task_rows(speech), columns=TASK_COLUMNS)
    frame["截止日期"] = pd.to_datetime(frame["截止日期"].replace("", None))  # NaT when none
    return frame


def figures_frame(speech: Speech) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for t in speech.tasks:
        for q in t.targets:
            rows.append({"task": t.id, "role": "target", **q.to_dict()})
    for q in speech.figures:
        rows.append({"task": None, "role": "figure", **q.to_dict()})
    for row in rows:
        row["source"] = speech.source
    cols = ["source", "task", "role", "text", "span", "value", "unit", "comparator", "kind",
            "indicator", "period", "base_value", "base_unit"]
    frame = pd.DataFrame(rows)
    for c in cols:
        if c not in frame:
            frame[c] = None
    return frame[cols + [c for c in frame.columns if c not in cols]]
