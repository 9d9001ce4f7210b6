"""The command line: a thin translation of options into library calls."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import SpeechkitError


class _Exit(click.ClickException):
    """A one-line error, exit status 2 (bad input), no traceback."""

    exit_code = 2

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"speechkit: error: {self.message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="speechkit")
def main() -> None:
    """Turn Chinese policy speeches into a task ledger (任务分解表)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="The speech's date; relative deadlines (年底前, 6月底前) resolve against it. "
                   "Default: the date the text states, else none.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv", "xlsx"]),
              default=None, help="Output format. Default: table on a terminal, else json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output (required for xlsx).")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False),
              help="A TSV file of your own unit names (责任单位), one a line; repeatable.")
def extract(paths: tuple[str, ...], date: str | None, fmt: str | None, output: Path | None,
            lexicons: tuple[str, ...]) -> None:
    """Extract tasks, owners, deadlines and figures from speech files (- for stdin)."""
    from .api import extract_file
    from .speechdate import parse_date
    from .writers import write

    if fmt is None:
        fmt = "xlsx" if output and output.suffix == ".xlsx" else (
            "table" if sys.stdout.isatty() and output is None else "json")
    try:
        base = parse_date(date)
    except SpeechkitError:
        raise _Exit(f"--date {date!r} is not a date of the form YYYY-MM-DD") from None
    if fmt == "xlsx" and output is None:
        raise _Exit("--format xlsx writes a file: give one with -o ledger.xlsx")
    speeches = []
    try:
        for p in paths:
            speeches.append(extract_file(p, date=base, lexicons=lexicons))
        write(speeches, fmt, out=sys.stdout if output is None else None, path=output)
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    except OSError as e:
        raise _Exit(f"{e.filename or output}: {e.strerror or e}") from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="JSON Lines file: one speech (or one error) a line. Appended to and resumed.")
@click.option("-j", "--jobs", type=int, default=1, show_default=True,
              help="Worker processes (-1: one per CPU).")
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="One date for every speech; default: the date each text states.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False),
              help="A TSV file of your own unit names; repeatable.")
@click.option("--dask", "dask", metavar="ADDRESS", default=None,
              help="Run on a Dask cluster (scheduler address, or 'local').")
@click.option("--restart", is_flag=True, help="Start the output afresh instead of resuming.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def batch(paths: tuple[str, ...], output: Path, jobs: int, date: str | None,
          lexicons: tuple[str, ...], dask: str | None, restart: bool, quiet: bool) -> None:
    """Extract every speech file under PATHS (folders: **/*.txt) into a JSON Lines file.

    Parallel, resumable (run it again to finish a stopped run), and one bad file is recorded
    as an error line without stopping the rest.
    """
    from .batch import run
    from .speechdate import parse_date

    try:
        base = parse_date(date)
    except SpeechkitError:
        raise _Exit(f"--date {date!r} is not a date of the form YYYY-MM-DD") from None
    try:
        summary = run(paths, output, jobs=jobs, date=base, lexicons=lexicons, dask=dask,
                      resume=not restart, progress=None if quiet else sys.stderr)
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    except OSError as e:
        raise _Exit(f"{e.filename or output}: {e.strerror or e}") from None
    click.echo(f"{summary.done} speeches extracted ({summary.tasks} tasks), {summary.failed} "
               f"failed, {summary.skipped} already done -> {output}", err=True)
    for err in summary.errors[:20]:
        click.echo(f"  {err}", err=True)


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
    from .evaluate import by_command, evaluate, in_process
    from .gold import read_dir

    try:
        report = evaluate(read_dir(gold_dir), by_command(cmd) if cmd else in_process)
    except SpeechkitError as e:
        raise _Exit(str(e)) from None
    click.echo(report.render(verbose=not quiet))
    f1 = report.f1()
    short = []
    for bar in bars:
        name, _, value = bar.partition("=")
        if name not in f1:
            raise _Exit(f"--min {bar}: unknown field {name!r}")
        if f1[name] < float(value):
            short.append(name)
    summary = " ".join(f"{f}={v:.3f}" for f, v in f1.items())
    click.echo(("FALLS SHORT " + ",".join(short) + ": " if short else "ok: ") + summary)
    if short:
        raise SystemExit(1)
