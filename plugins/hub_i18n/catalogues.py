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

from babel.messages.catalog import Catalog, Message
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


# A line of an entry: a keyword and a quoted string, or a quoted string continuing the one above.
# Babel's reader takes an unterminated string as if it were closed (and drops its last character).
_ENTRY_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\Z')
_FIX = 'write each entry as msgid "..." then msgstr "...", each quote closed on its line'


def read_catalogue(path: Path) -> Catalog:
    """The parsed catalogue; raises InvalidContentError naming each broken entry by file and line."""
    try:
        data = path.read_bytes()
        lines = data.decode("utf-8").splitlines()
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as exc:  # its line numbers count from 0
        message = str(exc).rsplit(" on ", 1)[0]
        raise InvalidContentError([ContentError(str(path), exc.lineno + 1, f"{message}: {_FIX}")]) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidContentError([ContentError(str(path), 1, f"cannot be read: {excerpt(exc)}")]) from None
    unclosed = [
        ContentError(str(path), number, f"{excerpt(text)}: {_FIX}")
        for number, line in enumerate(lines, 1)
        if (text := line.strip()) and not text.startswith("#") and not _ENTRY_LINE.match(text)
    ]
    # A fuzzy entry (a guess `make translations` left for a translator to confirm) is never used.
    wrong = [
        ContentError(str(path), message.lineno or 1, problem)
        for message in catalog
        if message.id and not message.fuzzy
        for problem in problems_of(message, catalog.num_plurals)
    ]
    if unclosed or wrong:
        raise InvalidContentError(unclosed + wrong)
    return catalog


# A placeholder as Python's % operator reads it (`%(name)s`, `%d`, `%%`), or one the search page's script
# fills in (`{count}`).
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+)?(?:\.\d+)?[diouxXeEfFgGcrsa%]|\{\w+\}")


def placeholders(text: str) -> list[str]:
    """The text's placeholders, sorted (a translation may reorder them, never add, drop or change one)."""
    return sorted(found for found in _PLACEHOLDER.findall(text) if found != "%%")


def problems_of(message: Message, plurals: int) -> list[str]:
    """What is wrong with a translated entry: its placeholders differ from its source's (a template would
    stop with a KeyError, or print a wrong value), a lone `%`, or too few or too many plural forms."""
    sources = (message.id,) if isinstance(message.id, str) else tuple(message.id)
    forms = (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
    if len(sources) > 1 and len(forms) != plurals:
        return [f"{len(forms)} plural forms where the catalogue's Plural-Forms says {plurals}: give each"]
    if any(forms) and not all(forms):  # the compiled catalogue would print the empty form as it is
        return [f"msgstr[{forms.index('')}] is empty: give every plural form, or none"]
    found = []
    for index, text in enumerate(forms):
        source = sources[min(index, len(sources) - 1)]  # the second and later forms follow the plural
        if not text:
            continue  # untranslated: the source string is used
        if _PLACEHOLDER.sub("", text).count("%"):
            found.append(f"{excerpt(text)}: a lone '%': write %% for a per cent sign")
        elif placeholders(text) != placeholders(source):
            got, want = (excerpt(", ".join(placeholders(t)) or "none") for t in (text, source))
            found.append(f"the translation has placeholders {got}, the msgid {want}: keep the msgid's")
    return found
