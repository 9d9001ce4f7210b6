"""The archive: a DuckDB file of every speech's tasks, owners, figures and errors.

Tables (columns in :data:`speechkit.store_tables.TABLES`): ``speeches``, ``texts``, ``sections``,
``items``, ``tasks``, ``owners``, ``figures``, ``errors``. One input file's rows are written in
one transaction, replacing what an earlier run wrote for that file, so a run killed at any
moment leaves the database as it was after the last file finished. One process writes at a
time: a second writer is refused with a message that says who holds the file.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Self

from .errors import InputError
from .store_tables import CHILDREN, TABLES, Rows


def _connect(path: Path, read_only: bool) -> Any:
    try:
        import duckdb
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(str(path), "the archive needs DuckDB: pip install duckdb") from None
    if read_only and not path.exists():
        raise InputError(str(path), "no such archive (make one with speechkit batch -o FILE)")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as e:
        message = str(e)
        if "lock" in message.lower():
            pid = re.search(r"PID (\d+)", message)
            who = f"process {pid.group(1)}" if pid else "another process"
            raise InputError(str(path), f"is open for writing by {who} (another speechkit batch?): "
                                        "wait for it to finish, or write to another file") from None
        raise InputError(str(path), f"cannot open the archive ({message})") from None
    except duckdb.Error as e:
        raise InputError(str(path), f"not a DuckDB archive ({e})") from None


class Store:
    """A DuckDB archive opened by one writer (or, ``read_only``, by readers)."""

    lines = False

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.con = _connect(self.path, read_only)
        if not read_only:
            for name, columns in TABLES.items():
                cols = ", ".join(f'"{c}" {t}' for c, t in columns)
                self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def done(self) -> dict[str, tuple[str, str]]:
        """Files finished without an error: resolved path -> (sha256, options)."""
        rows = self.con.execute(
            "SELECT DISTINCT path, sha256, options FROM speeches "
            "WHERE path NOT IN (SELECT path FROM errors WHERE path IS NOT NULL)").fetchall()
        return {path: (sha, options) for path, sha, options in rows}

    def write(self, rows: Rows) -> None:
        """Replace everything stored for ``rows.path`` with ``rows``, in one transaction."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            old = "SELECT id FROM speeches WHERE path = $path OR id IN (SELECT UNNEST($ids))"
            ids = [row[0] for row in rows.tables["speeches"]]
            for table, key in CHILDREN.items():
                con.execute(f"DELETE FROM {table} WHERE {key} IN ({old})",
                            {"path": rows.path, "ids": ids})
            con.execute(f"DELETE FROM speeches WHERE id IN ({old})",
                        {"path": rows.path, "ids": ids})
            con.execute("DELETE FROM errors WHERE path = ?", [rows.path])
            for table, values in rows.tables.items():
                if values:
                    self._insert(table, values)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, values: list[tuple[Any, ...]]) -> None:
        import pandas as pd

        columns = [c for c, _ in TABLES[table]]
        frame = pd.DataFrame(values, columns=columns)
        self.con.register("_rows", frame)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
        finally:
            self.con.unregister("_rows")

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def export_parquet(self, folder: str | Path) -> list[Path]:
        """Every table as ``folder/TABLE.parquet``."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            target = out / f"{table}.parquet"
            self.con.execute(f"COPY {table} TO '{_quote(target)}' (FORMAT PARQUET)")
            written.append(target)
        return written


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
