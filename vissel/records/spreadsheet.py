"""CSV for a spreadsheet or a records system (diarium): comma-separated, UTF-8, every
cell text. A cell that starts like a formula (= + - @, a tab or a carriage return) gets a
leading apostrophe, so that a spreadsheet shows it instead of running it."""

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def no_formula(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([no_formula("" if cell is None else str(cell)) for cell in row])
    return out.getvalue()
