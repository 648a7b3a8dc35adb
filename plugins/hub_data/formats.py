"""Encode rows as the bytes of the open-data files: JSON and CSV, reproducible to the byte.

Reads and writes nothing. JSON: one object with `generated_by`, `count` and the items, keys sorted,
UTF-8 without escaping, indent 2, trailing newline, no timestamps. CSV: RFC 4180 with a header row,
CRLF line ends, UTF-8 without BOM, and an empty field for a missing value.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from .rows import Row


def to_json(generated_by: str, key: str, rows: Sequence[Row]) -> bytes:
    document = {"generated_by": generated_by, "count": len(rows), key: list(rows)}
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def to_csv(columns: Sequence[str], rows: Sequence[Row]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows({k: "" if row[k] is None else row[k] for k in columns} for row in rows)
    return buffer.getvalue().encode("utf-8")
