"""The command line: a thin translation of options into library calls."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .errors import SpeechkitError
from .writers import FORMATS

if TYPE_CHECKING:  # pragma: no cover
    from .records import Speech


class _Exit(click.ClickException):
    """A one-line error, exit status 2 (bad input), no traceback."""

    exit_code = 2

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"speechkit: error: {self.message}", err=True)


def _date_option(date: str | None) -> dt.date | None:
    from .speechdate import parse_date

    try:
        return parse_date(date)
    except SpeechkitError:
        raise _Exit(f"--date {date!r} is not a valid date (YYYY-MM-DD)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="speechkit")
def main() -> None:
    """Turn Chinese policy speeches into a task ledger (任务分解表)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="The speech's date; relative deadlines (年底前, 6月底前) resolve against it. "
                   "Default: the date the text states, else none.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: from the -o file's suffix, else table on a terminal "
                   "and json into a pipe. json prints one speech object a line.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output (required for xlsx, docx); "
                   "its suffix must agree with --format.")
@click.option("--rows", type=click.Choice(["item", "sentence"]), default="item",
              show_default=True, help="Ledger rows: one an item (a point and its measures), or "
                                      "one a task sentence.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False),
              help="A TSV file of your own unit names (责任单位), one a line; repeatable.")
def extract(paths: tuple[str, ...], date: str | None, fmt: str | None, output: Path | None,
            rows: str, lexicons: tuple[str, ...]) -> None:
    """Extract tasks, owners, deadlines and figures from speech files (- for stdin)."""
    from .api import extract_file

    base = _date_option(date)
    fmt = _format_option(fmt, output)
    speeches, failed = [], []
    for p in paths:  # a bad file is reported; the good ones are still written
        try:
            speeches.append(extract_file(p, date=base, lexicons=lexicons))
        except SpeechkitError as e:
            failed.append(str(e))
    if speeches:
        write_speeches(speeches, fmt, output, rows=rows)
    if failed:
        for msg in failed[:-1]:
            click.echo(f"speechkit: error: {msg}", err=True)
        raise _Exit(failed[-1])


def _format_option(fmt: str | None, output: Path | None) -> str:
    """The format --format and the -o suffix agree on (one line, exit 2, when they don't)."""
    from .writers import BINARY, choose

    try:
        fmt = choose(fmt, output, terminal=sys.stdout.isatty())
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    if fmt in BINARY and output is None:
        raise _Exit(f"--format {fmt} writes a file: give one with -o ledger.{fmt}")
    return fmt


def write_speeches(speeches: list[Speech], fmt: str, output: Path | None, *,
                   rows: str = "item") -> None:
    """Write speeches as extract does (stdout or -o), errors as one line: for every command."""
    from .writers import write

    try:
        write(speeches, fmt, out=sys.stdout if output is None else None, path=output, rows=rows)
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    except OSError as e:
        raise _Exit(f"{e.filename or output}: {e.strerror or e}") from None
    if output is not None:
        tasks = sum(len(s.tasks) for s in speeches)
        click.echo(f"wrote {output} ({fmt}, {len(speeches)} speech"
                   f"{'es' if len(speeches) > 1 else ''}, {tasks} tasks)", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="archive.duckdb (a DuckDB archive) or out.jsonl (one speech a line); "
                   "resumed when it exists.")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (default: one per CPU).")
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="One date for every speech; default: the date each text states.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False),
              help="A TSV file of your own unit names; repeatable.")
@click.option("--dask", "dask", metavar="ADDRESS", default=None,
              help="Run on Dask: 'local' (worker processes on 127.0.0.1) or a scheduler address.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="A Dask scheduler to run on (same as --dask ADDRESS).")
@click.option("--timeout", type=float, default=None, metavar="SECONDS",
              help="Per-file time limit; a slower file is recorded as an error. Default 600.")
@click.option("--parquet", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="Also export every table as DIR/TABLE.parquet.")
@click.option("--restart", is_flag=True, help="Start the output afresh instead of resuming.")
@click.option("-q", "--quiet", is_flag=True, help="No progress.")
def batch(paths: tuple[str, ...], output: Path, jobs: int, date: str | None,
          lexicons: tuple[str, ...], dask: str | None, scheduler: str | None,
          timeout: float | None, parquet: Path | None, restart: bool, quiet: bool) -> None:
    """Extract every speech file under PATHS (text, .docx, .html, .pdf, .zip, .jsonl) into an
    archive.

    Parallel and resumable: run it again to finish a stopped run; files done with the same
    bytes and options are skipped, changed files and failed ones are redone. A bad file is
    recorded as an error (exit status 1) without stopping the rest.
    """
    from .batch import TIMEOUT, run

    base = _date_option(date)
    if "-" in paths:
        raise _Exit("batch reads files and folders, not standard input: use extract - instead")
    try:
        summary = run(paths, output, jobs=jobs, date=base, lexicons=lexicons,
                      dask=scheduler or dask, timeout=TIMEOUT if timeout is None else timeout,
                      restart=restart, parquet=parquet, progress=None if quiet else sys.stderr)
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    except OSError as e:
        raise _Exit(f"{e.filename or output}: {e.strerror or e}") from None
    click.echo(f"{summary.done} speeches extracted ({summary.tasks} tasks) from {summary.files} "
               f"files in {summary.seconds:.1f} s, {summary.failed} failed, {summary.skipped} "
               f"already done -> {output}" + (" (--restart redoes them)" if summary.skipped else ""),
               err=True)
    for err in summary.errors[:20]:
        click.echo(f"  {err}", err=True)
    if len(summary.errors) > 20:
        click.echo(f"  … {len(summary.errors) - 20} more (see the errors table)", err=True)
    if summary.failed:
        raise SystemExit(1)


@main.command()
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--owner", metavar="TEXT", default=None,
              help="Tasks with an owner (lead or support) whose name contains TEXT.")
@click.option("--due-before", metavar="YYYY-MM-DD", default=None,
              help="Tasks due on or before this day.")
@click.option("--due-after", metavar="YYYY-MM-DD", default=None,
              help="Tasks due on or after this day.")
@click.option("--no-owner", is_flag=True, help="Tasks that name no owner.")
@click.option("--speech", metavar="ID", default=None, help="One speech: its id or source path.")
@click.option("--search", metavar="TEXT", default=None, help="Tasks whose text contains TEXT.")
@click.option("--part", type=click.Choice(["review", "deploy", "other"]), default=None,
              help="Tasks in this part of their speech.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: from the -o file's suffix, else table on a terminal "
                   "and json into a pipe.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output (required for xlsx, docx).")
@click.option("--rows", type=click.Choice(["item", "sentence"]), default="item",
              show_default=True, help="Ledger rows: one an item, or one a task sentence.")
def ledger(archive: Path, owner: str | None, due_before: str | None, due_after: str | None,
           no_owner: bool, speech: str | None, search: str | None, part: str | None,
           fmt: str | None, output: Path | None, rows: str) -> None:
    """The tasks of an archive made by batch, across all its speeches, filtered.

    E.g. what a unit is assigned (--owner 住建局), what falls due this month (--due-after
    2025-12-01 --due-before 2025-12-31), which tasks name no owner (--no-owner).
    """
    from .query import Filter
    from .query import ledger as query
    from .store import Store

    fmt = _format_option(fmt, output)
    flt = Filter(owner=owner, due_before=_date_option(due_before),
                 due_after=_date_option(due_after), no_owner=no_owner, speech=speech,
                 search=search, part=part)
    try:
        with Store(archive, read_only=True) as store:
            speeches = query(store, flt)
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    if speeches:
        write_speeches(speeches, fmt, output, rows=rows)
    click.echo(f"{sum(len(s.tasks) for s in speeches)} tasks in {len(speeches)} speeches",
               err=True)


@main.command()
@click.argument("folders", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("models"), show_default=True, help="Folder for the model and its sidecar.")
@click.option("--folds", type=int, default=5, show_default=True, help="Cross-validation folds.")
def train(folders: tuple[Path, ...], output: Path, folds: int) -> None:
    """Train the task model on annotated speeches (NAME.txt + NAME.gold.json)."""
    from .training import train as run

    try:
        sidecar = run(list(folders), output, folds=folds)
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    cv = sidecar["cross_validated"]
    click.echo(f"trained on {sidecar['documents']} documents, {sidecar['sentences']} sentences; "
               f"cross-validated task P={cv['precision']:.3f} R={cv['recall']:.3f} F1={cv['f1']:.3f}")
    click.echo(f"wrote {output}")


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--cmd", default=None, metavar="TEMPLATE",
              help="Score a command's output instead of this speechkit, e.g. "
                   "'speechkit extract {path} --date {date} --format json'.")
@click.option("--min", "bars", multiple=True, metavar="FIELD=F1",
              help="Fail (exit 1) when a field's F1 is below the bar, e.g. --min task=0.9.")
@click.option("-q", "--quiet", is_flag=True, help="Totals only, no line per document.")
def eval_(gold_dir: Path, cmd: str | None, bars: tuple[str, ...], quiet: bool) -> None:
    """Score extraction against gold annotations: P/R/F1 per field, per document and in total."""
    from .evaluate import FIELDS, by_command, evaluate, in_process
    from .gold import read_dir

    wanted = {}
    for bar in bars:
        name, _, value = bar.partition("=")
        try:
            wanted[name] = float(value)
        except ValueError:
            raise _Exit(f"--min {bar}: give FIELD=NUMBER, e.g. task=0.9") from None
        if name not in FIELDS:
            raise _Exit(f"--min {bar}: unknown field {name!r} (one of {', '.join(FIELDS)})")
    try:
        report = evaluate(read_dir(gold_dir), by_command(cmd) if cmd else in_process)
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    click.echo(report.render(verbose=not quiet))
    f1 = report.f1()
    short = [name for name, value in wanted.items() if f1[name] < value]
    summary = " ".join(f"{f}={v:.3f}" for f, v in f1.items())
    click.echo(("FALLS SHORT " + ",".join(short) + ": " if short else "ok: ") + summary)
    if short:
        raise SystemExit(1)


@main.command()
@click.argument("of", type=click.Choice(["extract", "follow"]), default="extract")
def schema(of: str) -> None:
    """Print the JSON Schema (draft 2020-12) of `extract --format json` (or of `follow`'s)."""
    import json

    if of == "follow":
        from .follow import json_schema
    else:
        from .records import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.argument("earlier")
@click.argument("later", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "xlsx", "html", "md"]),
              default=None, help="Output format. Default: from the -o file's suffix, else "
                                 "table on a terminal and json into a pipe.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output (required for xlsx).")
def follow(earlier: str, later: str | None, fmt: str | None, output: Path | None) -> None:
    """Link the targets and tasks of an earlier report to what a later one reports of them.

    With two files: that pair. With one archive (a .duckdb store or a folder of reports):
    every issuer's reports of consecutive years, paired.
    """
    from .follow import follow_files
    from .follow.output import FORMATS, write
    from .writers import choose

    try:
        fmt = choose(fmt, output, terminal=sys.stdout.isatty())
        if fmt not in FORMATS:
            raise _Exit(f"{output}: follow writes {', '.join(FORMATS)} files, not {fmt}")
        if fmt == "xlsx" and output is None:
            raise _Exit("--format xlsx writes a file: give one with -o follow.xlsx")
        notes: list[str] = []
        if later is None:
            from .follow.archive import follow_archive

            result = follow_archive(earlier)
            follows, notes = result.follows, result.unpaired + result.failed
            notes.insert(0, f"{len(follows)} pairs followed")
        else:
            follows = [follow_files(earlier, later)]
        write(follows, fmt, out=sys.stdout if output is None else None, path=output,
              single=later is not None)
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    except OSError as e:
        raise _Exit(f"{e.filename or output}: {e.strerror or e}") from None
    for note in notes:
        click.echo(f"speechkit: {note}", err=True)
