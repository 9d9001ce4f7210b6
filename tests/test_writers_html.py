"""The review page: well-formed, offline, every task marked at its place, rows linked, filters,
and (where Chromium is installed) rendered headless to a screenshot."""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from speechkit import ledger
from speechkit.writers import render
from speechkit.writers.html import stylesheet

from .conftest import SEED_DATE
from .writers_fixtures import hostile_records, plan, with_points

VOID = {"meta", "input", "br", "hr", "img", "link", "wbr", "col"}


class Page(HTMLParser):
    """A strict reading: tags nest, ids are unique, and the article's text is counted so an
    anchor's offset in it can be compared with the record's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: dict[str, int | None] = {}
        self.hrefs: list[str] = []
        self.outside: list[str] = []
        self.classes: dict[str, str] = {}
        self.marks: dict[str, list[str]] = {}
        self.text: list[str] = []
        self.article = 0
        self._mark: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if tag in ("link", "script", "img", "iframe", "object", "embed"):
            self.outside.append(tag)
        for k, v in attrs:
            if k in ("src", "srcset", "action") or (k == "href" and not (v or "").startswith("#")):
                self.outside.append(f"{k}={v}")
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids[a["id"]] = self._offset() if self.article else None
            self.classes[a["id"]] = a.get("class") or ""
        if tag == "a" and a.get("href", "").startswith("#"):
            self.hrefs.append(a["href"][1:])
        if tag == "article":
            self.article += 1
        if tag == "mark":
            self._mark = a["id"]
            self.marks[a["id"]] = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "article":
            self.article -= 1
        if tag == "mark":
            self._mark = None

    def handle_data(self, data):
        if self.article:
            self.text.append(data)
            if self._mark:
                self.marks[self._mark].append(data)

    def _offset(self) -> int:
        return sum(len(t) for t in self.text)


def read(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    assert p.stack == [], p.stack
    return p


@pytest.fixture(scope="module")
def pointed():
    return with_points(plan())


@pytest.fixture(scope="module")
def page(pointed):
    return render([pointed], "html")


def test_well_formed_and_offline(page):
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    p = read(page)
    assert p.outside == []
    assert "url(" not in page and "@import" not in page and "<script" not in page
    assert set(p.hrefs) <= set(p.ids)  # every link lands on the page


def test_the_text_is_the_speech_and_every_task_is_marked_at_its_place(pointed, page):
    p = read(page)
    assert "".join(p.text) == pointed.text
    for t in pointed.tasks:
        mark = f"p1-t-{t.id}"
        assert mark in p.ids and "task" in p.classes[mark]
        assert p.ids[mark] == t.span[0]
        assert "".join(p.marks[mark]) == t.text


def test_owners_deadlines_quantities_have_colours_of_their_own(pointed, page):
    css = stylesheet()
    colours = {}
    for cls in ("task", "own", "due", "qty", "rec"):
        m = re.search(r"--" + cls + r":(#[0-9a-f]{6})", css)
        assert m, cls
        colours[cls] = m.group(1)
    assert len(set(colours.values())) == len(colours)
    t = pointed.tasks[0]
    owner, due, qty = t.owners[0], t.deadline, t.targets[0]
    for cls, rec in (("own", owner), ("due", due), ("qty", qty)):
        assert re.search(rf'<span class="[^"]*\b{cls}\b[^"]*">{re.escape(rec.text[:2])}', page)


def test_rows_link_to_their_place_and_sections_navigate(pointed, page):
    p = read(page)
    for row in ledger.ledger_rows(pointed):
        target = f"p1-i-{row.id}"
        assert target in p.hrefs and p.ids[target] == row.span[0]
    for i, s in enumerate(pointed.sections):
        assert f"p1-s-{i}" in p.hrefs and p.ids[f"p1-s-{i}"] == s.span[0]


def test_filters_for_low_confidence_and_ownerless_rows():
    from dataclasses import replace

    speech = plan()
    tasks = (replace(speech.tasks[0], confidence=0.3), *speech.tasks[1:])
    speech = replace(speech, tasks=tasks)
    page = render([speech], "html")
    rows = re.findall(r'<tr class="row([^"]*)">', page)
    found = ledger.ledger_rows(speech)
    assert len(rows) == len(found)
    for flags, row in zip(rows, found):
        assert ("low" in flags.split()) == row.low
        assert ("noowner" in flags.split()) == row.ownerless
    assert any("low" in f for f in rows) and any("noowner" in f for f in rows)
    for box in ("f-low", "f-own"):
        assert f'type="checkbox" class="filter {box}"' in page
        assert f".{box}:checked~main tr.row" in stylesheet()


def test_responsive():
    css = stylesheet()
    assert "@media (max-width:720px)" in css and "@media (max-width:1100px)" in css
    assert 'name="viewport"' in render([plan()], "html")


def test_hostile_text_stays_text():
    page = render([hostile_records(), plan()], "html")
    p = read(page)
    assert p.outside == []
    assert "\x1b" not in page and "\x07" not in page
    assert "p1-speech" in p.ids and "p2-speech" in p.ids


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_renders_in_headless_chromium(tmp_path):
    """A laptop and a phone screenshot, and the DOM Chromium built holds every task's mark."""
    import speechkit

    from .conftest import SEED

    speech = speechkit.extract_file(SEED, date=SEED_DATE)
    html = tmp_path / "seed.html"
    html.write_text(render([speech], "html"), encoding="utf-8")
    for size in ("1280,900", "390,844"):
        png = tmp_path / f"{size}.png"
        run = subprocess.run([CHROMIUM, *FLAGS, f"--screenshot={png}", f"--window-size={size}",
                              html.as_uri()], capture_output=True, timeout=120, check=False)
        assert run.returncode == 0, run.stderr[-500:]
        data = png.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000
    dom = subprocess.run([CHROMIUM, *FLAGS, "--dump-dom", html.as_uri()], capture_output=True,
                         timeout=120, check=False, text=True).stdout
    assert dom.count('<mark class="task') == len(speech.tasks)
