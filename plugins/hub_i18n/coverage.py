"""How much of each catalogue is translated: the last step of `make translations`.

Reads the template `theme/translations/messages.pot` and each language's `messages.po`; writes a table
to standard output (language, translated, fuzzy, untranslated, per cent), then the strings still to
translate, and exits non-zero when a catalogue has errors (printed as `path:line: what is wrong`).
With `--content`, it reads the content folder too and adds a table of the documents and issue names
translated into each language, then lists the files still to translate.

    PYTHONPATH=plugins python -m hub_i18n.coverage theme/translations es fr --content content
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from hub_content.errors import InvalidContentError, excerpt

from .catalogues import DOMAIN, read_catalogue


@dataclass(frozen=True)
class Coverage:
    language: str
    total: int
    fuzzy: tuple[str, ...]
    untranslated: tuple[str, ...]

    @property
    def translated(self) -> int:
        return self.total - len(self.fuzzy) - len(self.untranslated)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def is_translated(message: Message) -> bool:
    """Every form of the message has a translation (a plural needs each of the language's forms)."""
    forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return bool(forms) and all(forms)


def coverage(language: str, template: Catalog, catalogue: Catalog) -> Coverage:
    """The template's messages as the catalogue translates them; one missing from it is untranslated."""
    fuzzy: list[str] = []
    untranslated: list[str] = []
    for message in template:
        if not message.id:
            continue
        found = catalogue.get(message.id)
        key = excerpt(message.id if isinstance(message.id, str) else message.id[0])
        if found is None or not is_translated(found):
            untranslated.append(key)
        elif found.fuzzy:
            fuzzy.append(key)
    total = sum(1 for message in template if message.id)
    return Coverage(language, total, tuple(fuzzy), tuple(untranslated))


def table(rows: list[Coverage]) -> str:
    lines = [f"{'language':<10}{'translated':>12}{'fuzzy':>8}{'untranslated':>14}{'%':>8}"]
    lines += [
        f"{r.language:<10}{r.translated:>12}{len(r.fuzzy):>8}{len(r.untranslated):>14}{r.percent:>8.1f}"
        for r in rows
    ]
    for r in rows:
        lines += [f"{r.language}: fuzzy: {m}" for m in r.fuzzy]
        lines += [f"{r.language}: untranslated: {m}" for m in r.untranslated]
    return "\n".join(lines)


@dataclass(frozen=True)
class DocumentCoverage:
    language: str
    total: int
    missing: tuple[str, ...]  # the files of the documents and issues without a translation

    @property
    def percent(self) -> float:
        return 100.0 * (self.total - len(self.missing)) / self.total if self.total else 100.0


def document_coverage(content: Path, languages: list[str]) -> list[DocumentCoverage]:
    """Each language's share of the documents (drafts included) and issue names that are translated."""
    from hub_content import HubSettings, load

    site = load(content, HubSettings(drafts=True, scheduled=True), languages=("", *languages)).site
    rows = []
    for lang in languages:
        missing = [d.source for d in site.documents if site.translation(d, lang) is None]
        missing += [i.source for i in site.issues.values() if not i.in_language(lang).translated]
        rows.append(DocumentCoverage(lang, len(site.documents) + len(site.issues), tuple(sorted(missing))))
    return rows


def document_table(rows: list[DocumentCoverage]) -> str:
    lines = [f"{'content':<10}{'translated':>12}{'of':>8}{'untranslated':>14}{'%':>8}"]
    lines += [
        f"{r.language:<10}{r.total - len(r.missing):>12}{r.total:>8}{len(r.missing):>14}{r.percent:>8.1f}"
        for r in rows
    ]
    lines += [f"{r.language}: not translated: {path}" for r in rows for path in r.missing]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    content = None
    if "--content" in argv:
        at = argv.index("--content")
        content, argv = Path(argv[at + 1]), argv[:at] + argv[at + 2 :]
    folder, languages = Path(argv[0]), argv[1:]
    try:
        template = read_catalogue(folder / f"{DOMAIN}.pot")
        rows = [
            coverage(lang, template, read_catalogue(folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"))
            for lang in languages
        ]
        documents = document_coverage(content, languages) if content else None
    except InvalidContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(table(rows))
    if documents is not None:
        print()
        print(document_table(documents))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
