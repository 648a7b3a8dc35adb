"""Dates and numbers as each language writes them, from Babel's locale data (CLDR).

Reads nothing and writes nothing. `date_formatter("es")` turns 2025-10-22 into "22 de octubre de 2025"
and `number_formatter("es")` 148696 into "148.696"; in English, "October 22, 2025" and "148,696", as the
hub has always written them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal


def date_formatter(language: str) -> Callable[[dt.date], str]:
    """A function writing a date in the language's long form (day, month name and year)."""
    locale = Locale.parse(language)

    def long_date(value: dt.date) -> str:
        return format_date(value, format="long", locale=locale)

    return long_date


def number_formatter(language: str) -> Callable[[int], str]:
    """A function writing a whole number with the language's digit grouping."""
    locale = Locale.parse(language)

    def number(value: int) -> str:
        return format_decimal(value, locale=locale)

    return number
