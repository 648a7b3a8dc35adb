"""The theme's translation catalogues, compiled from their `.po` source when a build needs them.

Reads `theme/translations/<lang>/LC_MESSAGES/messages.po`; writes nothing: the catalogue is compiled with
Babel in memory, so a fresh checkout builds without a compile step and no compiled `.mo` file is kept in
the repository. A `.po` that does not parse, or whose translation drops or adds a placeholder, is a
`ContentError` at its file and line.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from hub_content.errors import ContentError, InvalidContentError, excerpt

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # the language the interface strings are written in: it needs no catalogue
LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?\Z")  # "es", "fr", "pt_BR": a folder name, never a path


def catalogue_path(theme: str | Path, language: str) -> Path:
    """Where the language's catalogue source lives in the theme."""
    return Path(theme) / "translations" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations_for(theme: str | Path, language: str) -> gettext.NullTranslations:
    """The compiled catalogue for the language, or the source strings for English without a catalogue.

    Raises InvalidContentError for a catalogue with errors, and ValueError for a language the theme has
    no catalogue for (hub_i18n checks the setting first, so a build reports that as a settings problem).
    """
    path = catalogue_path(theme, language)
    if not LANGUAGE.match(language) or not path.is_file():
        if language == SOURCE_LANGUAGE:
            return gettext.NullTranslations()
        raise ValueError(f"no catalogue for language {excerpt(language)!r} at {path}")
    stat = path.stat()
    return gettext.GNUTranslations(io.BytesIO(_compiled(str(path), stat.st_mtime_ns, stat.st_size)))


# Compiled once per process for each version of the file (the key holds its time and size): every
# generator and every worker process asks for the same catalogue.
@functools.lru_cache(maxsize=8)
def _compiled(path: str, _mtime: int, _size: int) -> bytes:
    catalog = read_catalogue(Path(path))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def read_catalogue(path: Path) -> Catalog:
    """The parsed catalogue; raises InvalidContentError naming each broken entry by file and line."""
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except PoFileError as exc:
        message = str(exc).rsplit(" on ", 1)[0]
        raise InvalidContentError(
            [ContentError(str(path), exc.lineno, f'{message}: write it as msgid "..." and msgstr "..."')]
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidContentError([ContentError(str(path), 1, f"cannot be read: {excerpt(exc)}")]) from None
    errors = [
        ContentError(str(path), message.lineno or 1, f"{excerpt(error)}: keep every placeholder of the msgid")
        for message, found in catalog.check()
        for error in found
    ]
    if errors:
        raise InvalidContentError(errors)
    return catalog
