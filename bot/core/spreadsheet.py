"""CSV as spreadsheets read it (pure): RFC 4180 rows, formula cells neutralised, an optional byte-order mark.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, LibreOffice
and Google Sheets (`=HYPERLINK(…)`, `=cmd|…`). Written cells that start so get a leading apostrophe, as
OWASP recommends ("CSV injection"), so a spreadsheet shows them as text. To keep round trips lossless,
a cell made of apostrophes and then one of those characters (`'=x`, a value that already looked
neutralised) gets one more; reading a cell takes exactly one such added apostrophe off again. A cell
that starts with an apostrophe followed by anything else (`'quoted`) is written and read as it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # UTF-8 byte-order mark: tells Excel the file is UTF-8, so accents show right


def _looks_like_formula(value: str) -> bool:
    """Whether `value` is a formula once its leading apostrophes are taken off."""
    return value.lstrip("'").startswith(FORMULA_START)


def neutralise(value: str) -> str:
    """The cell as written: `=1+1` -> `'=1+1`, `'=x` -> `''=x`; anything else unchanged."""
    return "'" + value if _looks_like_formula(value) else value


def restore(value: str) -> str:
    """The cell as read: exactly one apostrophe added by `neutralise` taken off (`'=1+1` -> `=1+1`)."""
    return value[1:] if value.startswith("'") and _looks_like_formula(value[1:]) else value


def write_rows(header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = False) -> str:
    """A CSV file: rows ending in CRLF (RFC 4180), every cell neutralised, with `bom` a byte-order mark."""
    out = io.StringIO()
    if bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(str(cell)) for cell in header])
    writer.writerows([neutralise(str(cell)) for cell in row] for row in rows)
    return out.getvalue()
