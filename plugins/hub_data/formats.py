"""Encode rows as the bytes of the open-data files: JSON and CSV, reproducible to the byte.

Reads and writes nothing. JSON: one object with `generated_by`, `count` and the items, keys sorted,
UTF-8 without escaping, indent 2, trailing newline, no timestamps: the values exactly as they are. CSV:
RFC 4180 with a header row, CRLF line ends, UTF-8 without BOM, and an empty field for a missing value;
a text cell a spreadsheet would read as a formula (see `neutralise`) is prefixed with `'` and quoted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from .rows import Row


class Encoded(NamedTuple):
    """An open-data file before it is encoded: the values its bytes are made from, and how they are made
    (a cached rebuild compares the values, and encodes only the files whose values changed)."""

    values: Any
    encode: Callable[[], bytes]


def to_json(generated_by: str, key: str, rows: Sequence[Row]) -> bytes:
    document = {"generated_by": generated_by, "count": len(rows), key: list(rows)}
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


# What a spreadsheet (Excel, LibreOffice, Google Sheets) may read as the start of a formula: = + - @, and
# tab and carriage return (which some strip before looking), in ASCII and in their fullwidth forms.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Leading spaces do not hide a formula from every program, so they are looked through.
_BLANKS = " \n\u00a0\u3000"


def neutralise(value: str) -> str:
    """`value` with `'` in front if it could start a formula, so a spreadsheet shows it as text."""
    return "'" + value if value.lstrip(_BLANKS)[:1] in FORMULA_STARTS else value


def _field(value: Any) -> str:
    """One CSV field: text neutralised, quoted when neutralised or when RFC 4180 needs it.

    Only text is neutralised: a number (int or float, by type) is written as a number, so a column that
    is numeric keeps -3 as -3. None is the empty field.
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise TypeError(f"a CSV cell must be text or a number, not {type(value).__name__}")
    if not isinstance(value, str):
        return str(value)
    safe = neutralise(value)
    if safe != value or any(c in safe for c in ',"\r\n'):
        return '"' + safe.replace('"', '""') + '"'
    return safe


def to_csv(columns: Sequence[str], rows: Sequence[Row]) -> bytes:
    for row in rows:
        if set(row) != set(columns):
            raise ValueError(f"a CSV row has the fields {sorted(row)}, not the columns {list(columns)}")
    lines = [",".join(_field(name) for name in columns)]
    lines += [",".join(_field(row[name]) for name in columns) for row in rows]
    return "".join(line + "\r\n" for line in lines).encode("utf-8")
