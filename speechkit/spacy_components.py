"""speechkit's steps as spaCy components that write ``doc.spans``.

Each factory is also a ``spacy_factories`` entry point, so ``nlp.add_pipe("speechkit_tasks")``
works in any pipeline without importing speechkit first:

- ``speechkit_sections``: ``doc.spans["sk_sections"]`` (labels ``L1``, ``L2``…), ``Span._.sk_section``
- ``speechkit_tasks``: ``sk_tasks`` (``TASK``), ``Span._.sk_task``: the task as in the JSON contract
- ``speechkit_owners``: ``sk_owners`` (``OWNER``, ``LEAD``, ``SUPPORT``), ``Span._.sk_owner``
- ``speechkit_deadlines``: ``sk_deadlines`` (``DEADLINE``), ``Span._.sk_deadline``, and
  ``sk_recurrences`` (``RECURRENCE``), ``Span._.sk_recurrence``
- ``speechkit_quantities``: ``sk_quantities`` (``TARGET``, ``FIGURE``), ``Span._.sk_quantity``
- ``speechkit``: all of the above in one component

Each ``Span._`` value is the record's JSON (``Task.to_dict()`` …) as a fresh dict; owner,
deadline, recurrence and quantity dicts add ``"tasks"``, the ids of the tasks they belong to
(empty for a figure). What the doc stores is the JSON text, in ``Span._.<attribute>_json``
(the dict attributes are getters that parse it): a string survives
``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)`` byte for byte, where stored
dicts would come back with their lists turned into tuples by one and not the other.
``doc._.sk_speech`` (stored in ``doc._.sk_speech_json``) holds the speech's date, title,
warnings and gaps.

The speech date comes from ``doc._.sk_date`` (an ISO string, kept in ``doc.user_data``), else
the component's ``date`` setting, else the date the text states. All components analyse a
text once: the result is cached by (text, date, lexicons), and ``doc.text`` is read once for
all of them. Every span covers exactly its record's characters (``span.start_char``,
``span.end_char`` == the record's ``span``): where a record's edge falls inside a token, the
token is split there.

This module imports spaCy; ``import speechkit`` does not import it.
"""
import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span

if TYPE_CHECKING:  # pragma: no cover
    from .records import Speech

#: The component of every step, in the order :func:`load` adds them.
PIPE_NAMES = ("speechkit_sections", "speechkit_tasks", "speechkit_owners",
              "speechkit_deadlines", "speechkit_quantities")
#: Every ``doc.spans`` key speechkit writes.
SPAN_KEYS = ("sk_sections", "sk_tasks", "sk_owners", "sk_deadlines", "sk_recurrences",
             "sk_quantities")
#: The ``Span._`` attribute of each span key.
SPAN_ATTRS = {"sk_sections": "sk_section", "sk_tasks": "sk_task", "sk_owners": "sk_owner",
              "sk_deadlines": "sk_deadline", "sk_recurrences": "sk_recurrence",
              "sk_quantities": "sk_quantity"}
DEFAULT_CONFIG: dict[str, Any] = {"date": None, "lexicons": []}

# (start, end) into doc.text, span label, the JSON value of Span._
Item = tuple[tuple[int, int], str, dict[str, Any]]


def _getter(stored: str) -> Callable[[Any], Any]:
    def get(obj: Any) -> Any:
        text = getattr(obj._, stored)
        return None if text is None else json.loads(text)

    return get


def register_extensions() -> None:
    """Declare speechkit's ``Doc._``/``Span._`` attributes (idempotent, never ``force``).

    ``sk_task`` etc. are read-only getters over the stored JSON text ``sk_task_json`` etc.
    """
    for attr in SPAN_ATTRS.values():
        if not Span.has_extension(f"{attr}_json"):
            Span.set_extension(f"{attr}_json", default=None)
        if not Span.has_extension(attr):
            Span.set_extension(attr, getter=_getter(f"{attr}_json"))
    for attr in ("sk_date", "sk_speech_json"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    if not Doc.has_extension("sk_speech"):
        Doc.set_extension("sk_speech", getter=_getter("sk_speech_json"))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


register_extensions()


def _iso(value: object, where: str) -> str | None:
    """A date setting as an ISO string (or None); refuse anything else with a clear message."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ValueError(f"speechkit: {where} must be a date written YYYY-MM-DD, got {value!r}")


@lru_cache(maxsize=64)
def _analyse(text: str, date: str | None, lexicons: tuple[str, ...]) -> "Speech":
    # spaCy passes each doc through every component before the next doc (components without
    # batching), so a small cache means one analysis per text for all speechkit components.
    from .pipeline import analyse

    return analyse(text, date=date, source="<doc>", lexicons=lexicons)


def _with_tasks(value: dict[str, Any], task: str | None) -> dict[str, Any]:
    return {**value, "tasks": [task] if task else []}


def _sections(speech: "Speech") -> dict[str, list[Item]]:
    return {"sk_sections": [(s.span, f"L{s.level}", s.to_dict()) for s in speech.sections]}


def _tasks(speech: "Speech") -> dict[str, list[Item]]:
    return {"sk_tasks": [(t.span, "TASK", t.to_dict()) for t in speech.tasks]}


def _owners(speech: "Speech") -> dict[str, list[Item]]:
    return {"sk_owners": [(o.span, o.role.upper(), _with_tasks(o.to_dict(), t.id))
                          for t in speech.tasks for o in t.owners]}


def _deadlines(speech: "Speech") -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {"sk_deadlines": [], "sk_recurrences": []}
    for t in speech.tasks:
        if t.deadline:
            out["sk_deadlines"].append(
                (t.deadline.span, "DEADLINE", _with_tasks(t.deadline.to_dict(), t.id)))
        if t.recurrence:
            out["sk_recurrences"].append(
                (t.recurrence.span, "RECURRENCE", _with_tasks(t.recurrence.to_dict(), t.id)))
    return out


def _quantities(speech: "Speech") -> dict[str, list[Item]]:
    items: list[Item] = [(q.span, "TARGET", _with_tasks(q.to_dict(), t.id))
                         for t in speech.tasks for q in t.targets]
    items += [(q.span, "FIGURE", _with_tasks(q.to_dict(), None)) for q in speech.figures]
    return {"sk_quantities": sorted(items, key=lambda item: item[0])}


STEPS: dict[str, Callable[["Speech"], dict[str, list[Item]]]] = {
    "speechkit_sections": _sections, "speechkit_tasks": _tasks, "speechkit_owners": _owners,
    "speechkit_deadlines": _deadlines, "speechkit_quantities": _quantities,
}


def _cut(doc: Doc, at: Iterable[int]) -> None:
    """Split the tokens that straddle any of the offsets ``at``, so spans can start and end
    there exactly. Span groups already on the doc are rebuilt from their character offsets
    (a split leaves their token indices stale); their ``Span._`` values are keyed by offsets."""
    cuts: dict[int, set[int]] = {}
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    for b in at:
        probe = doc.char_span(b, b + 1, alignment_mode="expand") if 0 < b < length else None
        if probe is None or len(probe) != 1:
            continue
        tok = probe[0]
        if tok.idx < b < tok.idx + len(tok.text):
            cuts.setdefault(tok.i, set()).add(b - tok.idx)
    if not cuts:
        return
    saved = {key: (group.attrs, [(s.start_char, s.end_char, s.label, s.kb_id, s.id)
                                 for s in group]) for key, group in doc.spans.items()}
    with doc.retokenize() as retokenizer:
        for i, offsets in cuts.items():
            tok = doc[i]
            edges = [0, *sorted(offsets), len(tok.text)]
            orths = [tok.text[x:y] for x, y in pairwise(edges)]
            retokenizer.split(tok, orths, heads=[(tok, k) for k in range(len(orths))])
    from spacy.tokens import SpanGroup

    for key, (attrs, rows) in saved.items():
        spans = [doc.char_span(a, b, label=lab, kb_id=kb, span_id=sid) for a, b, lab, kb, sid in rows]
        doc.spans[key] = SpanGroup(doc, name=key, attrs=attrs,
                                   spans=[x for x in spans if x is not None])


def _write(doc: Doc, key: str, items: Sequence[Item]) -> None:
    """Set ``doc.spans[key]``: one span per place, exactly the record's characters (tokens
    are cut where a record's edge falls inside one), the task ids of repeated items merged.

    ``Span._`` values are keyed by character offsets, so two items on the same place (an
    owner note shared by a plan item's tasks) become one span listing all their tasks.
    """
    attr = SPAN_ATTRS[key]
    loose = {edge for (start, end), _, _ in items
             if doc.char_span(start, end) is None for edge in (start, end)}
    if loose:
        _cut(doc, loose)
    spans: dict[tuple[int, int], Span] = {}
    values: dict[tuple[int, int], dict[str, Any]] = {}
    for (start, end), label, value in items:
        span = doc.char_span(start, end, label=label) \
            or doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            continue
        at = (span.start_char, span.end_char)
        if at in values:
            tasks = values[at].get("tasks")
            if tasks is not None:
                tasks.extend(t for t in value.get("tasks", ()) if t not in tasks)
            continue
        spans[at], values[at] = span, value
    for at, span in spans.items():
        setattr(span._, f"{attr}_json", _dumps(values[at]))
    doc.spans[key] = list(spans.values())


#: The text of the doc speechkit saw last: spaCy joins ``doc.text`` anew on every access, and
#: all speechkit components of a pipeline read the same doc one after another.
_LAST: list[tuple[Doc, str]] = []


def _text_of(doc: Doc) -> str:
    if _LAST and _LAST[0][0] is doc:
        return _LAST[0][1]
    text = doc.text
    _LAST[:] = [(doc, text)]
    return text


class SpeechkitComponent:
    """Run speechkit over ``doc.text`` and write the span groups of some of its steps."""

    def __init__(self, nlp: Language, name: str, *, steps: tuple[str, ...],
                 date: str | None = None, lexicons: Iterable[str] = ()) -> None:
        self.name = name
        self.steps = steps
        self.date = _iso(date, f"the {name} component's date")
        self.lexicons = tuple(str(p) for p in lexicons)

    def __call__(self, doc: Doc) -> Doc:
        text = _text_of(doc)
        if text.strip():
            date = _iso(doc._.sk_date, "doc._.sk_date") or self.date
            speech = _analyse(text, date, self.lexicons)
        else:
            from .records import Speech

            speech = Speech(source="<doc>", text=text)
        for step in self.steps:
            for key, items in STEPS[step](speech).items():
                _write(doc, key, items)
        doc._.sk_speech_json = _dumps({
            "date": speech.date.isoformat() if speech.date else None, "title": speech.title,
            "chars": speech.chars, "warnings": list(speech.warnings),
            "gaps": [list(g) for g in speech.gaps]})
        return doc


def _factory(steps: tuple[str, ...]) -> Callable[..., SpeechkitComponent]:
    def make(nlp: Language, name: str, date: str | None,
             lexicons: list[str]) -> SpeechkitComponent:
        return SpeechkitComponent(nlp, name, steps=steps, date=date, lexicons=lexicons)

    return make


# Entry points name these functions; spaCy imports this module, which registers them all.
make_sections = Language.factory("speechkit_sections", default_config=DEFAULT_CONFIG,
                                 func=_factory(("speechkit_sections",)))
make_tasks = Language.factory("speechkit_tasks", default_config=DEFAULT_CONFIG,
                              func=_factory(("speechkit_tasks",)))
make_owners = Language.factory("speechkit_owners", default_config=DEFAULT_CONFIG,
                               func=_factory(("speechkit_owners",)))
make_deadlines = Language.factory("speechkit_deadlines", default_config=DEFAULT_CONFIG,
                                  func=_factory(("speechkit_deadlines",)))
make_quantities = Language.factory("speechkit_quantities", default_config=DEFAULT_CONFIG,
                                   func=_factory(("speechkit_quantities",)))
make_speechkit = Language.factory("speechkit", default_config=DEFAULT_CONFIG,
                                  func=_factory(PIPE_NAMES))


def load(*, date: str | dt.date | None = None, lexicons: Iterable[str] = ()) -> Language:
    """speechkit's full spaCy pipeline: ``spacy.blank("zh")``, the jieba tokenizer, every step.

    ``date`` (ISO string or date) and ``lexicons`` (paths of your own unit-name files) go into
    each component's config; a doc's own ``doc._.sk_date`` still wins.
    """
    from .tokens import blank

    nlp = blank()
    config = {"date": _iso(date, "date"), "lexicons": [str(p) for p in lexicons]}
    for name in PIPE_NAMES:
        nlp.add_pipe(name, config=config)
    return nlp
