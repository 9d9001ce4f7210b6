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
    except ValueError:
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
