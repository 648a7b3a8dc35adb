"""The open-data page, `/data/` (and `/<lang>/data/`): every dataset with its files, their sizes, the
licence, the date of the newest content and the codebook.

Reads the `Site` graph, the sizes of the files the generator is about to write or take from the last
build (so each size is the file's real size), the codebook (codebook.py) and HUB's `data_licence`;
writes nothing (the generator renders the planned views with theme/templates/data.html). The update
date comes from the content (the newest `updated` or `date` of a document), never from the clock, so
the page is the same on every build of the same content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from hub_core.views import Inputs, Kind, PageView, Values
from hub_model import Site

from .codebook import ALL, Dataset, meaning_html

DATA_PAGE = "data/index.html"
FORMATS = {".json": "JSON", ".csv": "CSV"}


@dataclass(frozen=True)
class DataFile:
    path: str
    """Relative to the site's root: `api/adoptions.csv`."""
    format: str
    size: int
    """In bytes, as written."""


@dataclass(frozen=True)
class FieldRow:
    names: tuple[str, ...]
    type: str
    meaning_html: str
    """Escaped, with `code` and bold marked up (codebook.meaning_html)."""


@dataclass(frozen=True)
class DatasetEntry:
    dataset: Dataset
    files: tuple[DataFile, ...]
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class DataValues(Values):
    datasets: tuple[DatasetEntry, ...]
    updated: dt.date | None
    """The newest content date of the site: when the data last changed."""
    licence: str
    """HUB's `data_licence`; empty when the site states none."""


def data_page(lang: str) -> str:
    return f"{lang}/{DATA_PAGE}" if lang else DATA_PAGE


def newest(site: Site) -> dt.date | None:
    days = [day for d in site.documents if (day := d.updated or d.date) is not None]
    return max(days) if days else None


def entry(dataset: Dataset, sizes: Mapping[str, int]) -> DatasetEntry:
    shown = tuple(
        DataFile(path, FORMATS.get(path[path.rfind(".") :], ""), sizes[path])
        for path in dataset.files
        if path in sizes
    )
    rows = tuple(FieldRow(f.names, f.type, meaning_html(f.meaning)) for f in dataset.fields)
    return DatasetEntry(dataset, shown, rows)


def data_view(site: Site, sizes: Mapping[str, int], licence: str, lang: str = "") -> PageView:
    """The data page in `lang` ("" for the site's language), listing the files of `sizes` (in bytes)."""
    values = DataValues(tuple(entry(d, sizes) for d in ALL), newest(site), licence)
    inputs = Inputs(tuple(d.url for d in site.documents), templates=("data",), settings=("HUB.data_licence",))
    return PageView(Kind.DATA, data_page(lang), "data", None, values, inputs, section="data", lang=lang)
