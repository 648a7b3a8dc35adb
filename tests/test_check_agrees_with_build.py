"""Differential test: `make check` and the build accept and refuse the same content folders.

Starts from the valid fixture site (sitekit.write_site), applies hostile-but-plausible mutations, then runs
the check, the preview build (pelicanconf.py, drafts shown) and the public build (publishconf.py) through
the real command line. For every mutated site: the check fails exactly when a build fails (a broken link
from a body to a page of the site is the one build-only failure, by design: it needs the written pages),
no build prints a traceback or a bare exception name, and a passing build writes a page for every
document it publishes.

The committed test runs a fixed list of mutation sets. `HUB_FUZZ_EXAMPLES=500 HUB_FUZZ_SEED=1 pytest
tests/test_check_agrees_with_build.py -k random` runs that many random combinations of mutations too.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from tests.sitekit import ROOT, front, hub, write_site

Mutation = Callable[[Path], None]
MUTATIONS: dict[str, Mutation] = {}
GENERATED_SEGMENTS = (
    "page", "feeds", "api", "by-adoptions", "search", "index", "404", "theme", "images", "files", "issues",
    "jurisdictions", "pagefind", "sitemaps", "sitemap", "robots", "map", "history", "ordinances", "stories",
    "news", "briefs", "pages", "nc", "_w", "w",
)  # fmt: skip


def mutation(name: str) -> Callable[[Mutation], Mutation]:
    def register(fn: Mutation) -> Mutation:
        MUTATIONS[name] = fn
        return fn

    return register


def doc(fields: str, body: str = "Body text.") -> str:
    return front(fields, body)


def dated(title: str = "A Title", extra: str = "", date: str = "2025-01-02", body: str = "Body.") -> str:
    fields = f"title: {title}\ndate: {date}\nsummary: A summary.\nissues: [housing]\n{extra}"
    return doc(fields, body)


def put(root: Path, rel: str, text: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def image(root: Path, rel: str, size: tuple[int, int] = (40, 30), mode: str = "RGB", fmt: str | None = None):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size).save(path, format=fmt)


# -- names of files and folders ---------------------------------------------------------------------------
for _seg in GENERATED_SEGMENTS:
    for _folder in ("pages", "ordinances", "stories", "issues"):

        def _slug_as_segment(root: Path, seg: str = _seg, folder: str = _folder) -> None:
            text = (
                "---\ntitle: T\nsummary: S.\n---\nIntro.\n"
                if folder == "issues"
                else doc("title: T\nsummary: S.")
                if folder == "pages"
                else dated()
            )
            put(root, f"{folder}/{seg}.md", text)

        mutation(f"slug-{_folder}-{_seg}")(_slug_as_segment)

    def _jurisdiction_segment(root: Path, seg: str = _seg) -> None:
        put(root, "jurisdictions/nc.yaml", (root / "jurisdictions/nc.yaml").read_text() + _j(seg))

    mutation(f"jurisdiction-slug-{_seg}")(_jurisdiction_segment)


def _j(slug: str, kind: str = "city", extra: str = "") -> str:
    return f"- slug: {slug}\n  name: Place {slug}\n  kind: {kind}\n{extra}"


for _name in ("Brief.pdf", "brief.PDF", "bri\u0301ef.pdf", "caf\u00e9.pdf", "-x.pdf", "_x.pdf", "a..pdf",
              "x" * 96 + ".pdf", "x" * 97 + ".pdf", "2025/brief.pdf", "2025/Brief.pdf", "_w/x.pdf",
              "brief/x.pdf", "a.b.pdf", "index.html.pdf", "ok-name_2.pdf"):  # fmt: skip

    def _file_name(root: Path, name: str = _name) -> None:
        put(root, f"files/{name}", "%PDF-1.4\n%%EOF\n")

    mutation(f"file-name-{_name}")(_file_name)

for _name in ("Photo.png", "_w/photo.png", "w/photo.png", "photo.PNG", "photo.png.png", "x" * 96 + ".png"):

    def _image_name(root: Path, name: str = _name) -> None:
        image(root, f"images/{name}", fmt="PNG")

    mutation(f"image-name-{_name}")(_image_name)


@mutation("doc-name-upper")
def _(root: Path) -> None:
    put(root, "stories/Upper.md", dated())


@mutation("doc-name-nfd")
def _(root: Path) -> None:
    put(root, "stories/cafe\u0301.md", dated())


@mutation("doc-name-100")
def _(root: Path) -> None:
    put(
        root,
        "ordinances/" + "a" * 100 + ".md",
        dated(extra="adoptions:\n  - {jurisdiction: nc, status: introduced}"),
    )


@mutation("provisions-reserved-heading")
def _(root: Path) -> None:
    """Headings slugging to ids the page reserves get '-2': the coding names the anchor the page has."""
    body = "## Main\n\nA.\n\n## Related\n\nB.\n\n## Section 1. Title\n\nC.\n"
    extra = (
        "adoptions:\n  - jurisdiction: nc\n    status: introduced\n"
        "    provisions: {main-2: kept, section-1: omitted}"
    )
    put(root, "ordinances/coded.md", dated(extra=extra, body=body))


@mutation("provisions-unknown-anchor")
def _(root: Path) -> None:
    extra = "adoptions:\n  - jurisdiction: nc\n    status: introduced\n    provisions: {main: kept}"
    put(root, "ordinances/miscoded.md", dated(extra=extra, body="## Main\n\nA.\n"))


@mutation("doc-name-101")
def _(root: Path) -> None:
    put(root, "stories/" + "a" * 101 + ".md", dated())


@mutation("doc-name-leading-dash")
def _(root: Path) -> None:
    put(root, "stories/-x.md", dated())


@mutation("doc-name-dots")
def _(root: Path) -> None:
    put(root, "stories/a.b.md", dated())


@mutation("same-slug-story-and-page")
def _(root: Path) -> None:
    put(root, "pages/hillsborough-first.md", doc("title: T"))


@mutation("page-slug-is-jurisdiction")
def _(root: Path) -> None:
    put(root, "pages/durham-nc.md", doc("title: T"))


@mutation("page-slug-is-issue")
def _(root: Path) -> None:
    put(root, "pages/housing.md", doc("title: T"))


@mutation("stray-top-level-file")
def _(root: Path) -> None:
    put(root, "robots.txt", "User-agent: *\n")


@mutation("stray-folder-of-images")
def _(root: Path) -> None:
    image(root, "Images/x.png", fmt="PNG")


@mutation("md-in-files")
def _(root: Path) -> None:
    put(root, "files/notes.md", dated())


@mutation("issues-subfolder")
def _(root: Path) -> None:
    put(root, "issues/sub/x.md", "---\ntitle: T\n---\n")


@mutation("jurisdictions-upper-file")
def _(root: Path) -> None:
    put(root, "jurisdictions/CA.yaml", _j("x-ca"))


@mutation("jurisdictions-territory")
def _(root: Path) -> None:
    for state, lat, lon in (
        ("pr", 18.4, -66.1),
        ("gu", 13.4, 144.8),
        ("as", -14.3, -170.7),
        ("ak", 64.8, -147.7),
    ):
        put(root, f"jurisdictions/{state}.yaml", _j(f"town-{state}", extra=f"  lat: {lat}\n  lon: {lon}\n"))
    put(
        root,
        "ordinances/territories.md",
        dated(
            extra="adoptions:\n  - {jurisdiction: town-pr, status: adopted, "
            "date: 2025-01-01}\n  - {jurisdiction: gu, status: introduced}"
            "\n  - {jurisdiction: as, status: introduced}"
            "\n  - {jurisdiction: town-ak, status: introduced}\njurisdictions: [town-gu, town-as, mp, vi, um]"
        ),
    )


# -- jurisdictions ----------------------------------------------------------------------------------------
@mutation("jurisdiction-duplicate-across-states")
def _(root: Path) -> None:
    put(root, "jurisdictions/va.yaml", _j("durham-nc"))


@mutation("jurisdiction-slug-is-other-state")
def _(root: Path) -> None:
    put(root, "jurisdictions/nc.yaml", (root / "jurisdictions/nc.yaml").read_text() + _j("va"))


@mutation("jurisdiction-slug-upper")
def _(root: Path) -> None:
    put(root, "jurisdictions/nc.yaml", (root / "jurisdictions/nc.yaml").read_text() + _j("Durham-NC"))


@mutation("jurisdiction-slug-60")
def _(root: Path) -> None:
    put(root, "jurisdictions/nc.yaml", (root / "jurisdictions/nc.yaml").read_text() + _j("a" * 60))


@mutation("jurisdiction-slug-61")
def _(root: Path) -> None:
    put(root, "jurisdictions/nc.yaml", (root / "jurisdictions/nc.yaml").read_text() + _j("a" * 61))


@mutation("jurisdiction-kinds")
def _(root: Path) -> None:
    kinds = ("village", "school-district", "tribal-nation", "special-district", "state", "County")
    put(
        root,
        "jurisdictions/nc.yaml",
        (root / "jurisdictions/nc.yaml").read_text()
        + "".join(_j(f"k{i}-nc", kind) for i, kind in enumerate(kinds)),
    )


@mutation("jurisdiction-valid-kinds")
def _(root: Path) -> None:
    kinds = ("village", "school-district", "tribal-nation", "special-district")
    put(
        root,
        "jurisdictions/nc.yaml",
        (root / "jurisdictions/nc.yaml").read_text()
        + "".join(_j(f"k{i}-nc", kind, "  parent: durham-nc\n") for i, kind in enumerate(kinds)),
    )


@mutation("jurisdiction-lat-only")
def _(root: Path) -> None:
    put(
        root,
        "jurisdictions/nc.yaml",
        (root / "jurisdictions/nc.yaml").read_text() + _j("lat-nc", extra="  lat: 35\n"),
    )


@mutation("jurisdiction-edge-coordinates")
def _(root: Path) -> None:
    text = "".join(
        _j(f"e{i}-nc", extra=f"  lat: {lat}\n  lon: {lon}\n")
        for i, (lat, lon) in enumerate(((90, 180), (-90, -180), (0, 0), (36, -79), (36.0000001, -79)))
    )
    put(root, "jurisdictions/nc.yaml", (root / "jurisdictions/nc.yaml").read_text() + text)
    put(
        root,
        "ordinances/edges.md",
        dated(
            extra="adoptions:\n"
            + "".join(f"  - {{jurisdiction: e{i}-nc, status: introduced}}\n" for i in range(5))
        ),
    )


@mutation("jurisdiction-name-emoji-rtl")
def _(root: Path) -> None:
    put(
        root,
        "jurisdictions/nc.yaml",
        (root / "jurisdictions/nc.yaml").read_text()
        + '- slug: rtl-nc\n  name: "مدينة 🏙️"\n  kind: city\n- slug: emo-nc\n  name: "🏙️"\n  kind: town\n',
    )
    put(root, "stories/rtl.md", dated(extra="jurisdictions: [rtl-nc, emo-nc]"))


@mutation("jurisdiction-parent-cycle")
def _(root: Path) -> None:
    put(
        root,
        "jurisdictions/nc.yaml",
        (root / "jurisdictions/nc.yaml").read_text()
        + _j("c1-nc", extra="  parent: c2-nc\n")
        + _j("c2-nc", extra="  parent: c1-nc\n"),
    )


@mutation("jurisdiction-parent-self")
def _(root: Path) -> None:
    put(
        root,
        "jurisdictions/nc.yaml",
        (root / "jurisdictions/nc.yaml").read_text() + _j("s-nc", extra="  parent: s-nc\n"),
    )


@mutation("jurisdiction-parent-state")
def _(root: Path) -> None:
    put(
        root,
        "jurisdictions/nc.yaml",
        (root / "jurisdictions/nc.yaml").read_text() + _j("p-nc", extra="  parent: nc\n"),
    )


@mutation("jurisdiction-parent-other-state")
def _(root: Path) -> None:
    put(
        root,
        "jurisdictions/nc.yaml",
        (root / "jurisdictions/nc.yaml").read_text() + _j("p-nc", extra="  parent: va\n"),
    )


@mutation("jurisdiction-many")
def _(root: Path) -> None:
    put(
        root,
        "jurisdictions/nc.yaml",
        (root / "jurisdictions/nc.yaml").read_text()
        + "".join(_j(f"m{i}-nc", extra=f"  lat: {35 + i / 100}\n  lon: -79\n") for i in range(120)),
    )
    put(
        root,
        "ordinances/many.md",
        dated(
            extra="adoptions:\n"
            + "".join(
                f"  - {{jurisdiction: m{i}-nc, status: adopted, date: 2025-01-01}}\n" for i in range(120)
            )
        ),
    )


@mutation("jurisdictions-empty-file")
def _(root: Path) -> None:
    put(root, "jurisdictions/va.yaml", "")


@mutation("jurisdictions-empty-list")
def _(root: Path) -> None:
    put(root, "jurisdictions/va.yaml", "[]\n")


# -- issues -----------------------------------------------------------------------------------------------
@mutation("issue-title-emoji")
def _(root: Path) -> None:
    put(root, "issues/emoji.md", '---\ntitle: "🏠"\n---\n')


@mutation("issue-unused")
def _(root: Path) -> None:
    put(root, "issues/unused.md", "---\ntitle: Unused\nsummary: Nobody.\n---\n")


@mutation("issue-only-drafts")
def _(root: Path) -> None:
    put(root, "issues/drafty.md", "---\ntitle: Drafty\n---\nIntro.\n")
    put(
        root,
        "ordinances/drafty.md",
        dated(extra="issues: [drafty]\nstatus: draft").replace("issues: [housing]\n", ""),
    )


@mutation("issue-empty-body")
def _(root: Path) -> None:
    put(root, "issues/housing.md", "---\ntitle: Housing\n---\n")


@mutation("issue-long-slug")
def _(root: Path) -> None:
    put(root, "issues/" + "i" * 100 + ".md", "---\ntitle: Long\n---\n")
    put(
        root,
        "ordinances/long-issue.md",
        dated(
            extra="issues: [" + "i" * 100 + "]\nadoptions:\n  - {jurisdiction: nc, "
            "status: adopted, date: 2025-01-01}"
        ).replace("issues: [housing]\n", ""),
    )


@mutation("issues-many")
def _(root: Path) -> None:
    for i in range(60):
        put(root, f"issues/i{i}.md", f"---\ntitle: Issue {i}\n---\n")
    put(
        root,
        "news/all-issues.md",
        dated(extra="issues: [" + ", ".join(f"i{i}" for i in range(60)) + "]").replace(
            "issues: [housing]\n", ""
        ),
    )


@mutation("issue-same-slug-as-document")
def _(root: Path) -> None:
    put(root, "issues/about.md", "---\ntitle: About\n---\n")


# -- dates, drafts and schedules --------------------------------------------------------------------------
for _date in ("0001-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "1970-01-01", "2000-01-01"):

    def _date_mut(root: Path, date: str = _date) -> None:
        put(root, "news/dated.md", dated(date=date))

    mutation(f"date-{_date}")(_date_mut)

    def _updated_mut(root: Path, date: str = _date) -> None:
        put(root, "news/updated.md", dated(date="0001-01-01", extra=f"updated: {date}"))

    mutation(f"updated-{_date}")(_updated_mut)

    def _adoption_date(root: Path, date: str = _date) -> None:
        put(
            root,
            "ordinances/adopted.md",
            dated(extra=f"adoptions:\n  - {{jurisdiction: durham-nc, status: adopted, date: {date}}}"),
        )

    mutation(f"adoption-date-{_date}")(_adoption_date)

    def _page_date(root: Path, date: str = _date) -> None:
        put(root, "pages/dated-page.md", doc(f"title: Dated\ndate: {date}"))

    mutation(f"page-date-{_date}")(_page_date)


@mutation("draft-linked-from-published")
def _(root: Path) -> None:
    put(root, "stories/secret.md", dated(extra="status: draft"))
    put(root, "news/links.md", dated(body="See [the draft](/stories/secret/)."))


@mutation("future-linked-from-published")
def _(root: Path) -> None:
    put(root, "stories/later.md", dated(date="2999-01-01"))
    put(root, "news/links-later.md", dated(body="See [later](/stories/later/)."))


@mutation("draft-with-alias")
def _(root: Path) -> None:
    put(root, "stories/secret2.md", dated(extra="status: draft\naliases: [/old-secret/]"))


@mutation("alias-equals-draft-address")
def _(root: Path) -> None:
    put(root, "stories/secret3.md", dated(extra="status: draft"))
    put(root, "news/alias-to-draft.md", dated(extra="aliases: [/stories/secret3/]"))


@mutation("draft-page")
def _(root: Path) -> None:
    put(root, "pages/draft-page.md", doc("title: Draft\nstatus: draft"))


@mutation("all-drafts")
def _(root: Path) -> None:
    for path in sorted(root.glob("*/*.md")):
        if path.parent.name in ("ordinances", "stories", "briefs", "news", "pages"):
            path.write_text(path.read_text().replace("---\ntitle:", "---\nstatus: draft\ntitle:", 1))


@mutation("all-scheduled")
def _(root: Path) -> None:
    for path in sorted(root.glob("*/*.md")):
        if path.parent.name in ("ordinances", "stories", "briefs", "news"):
            path.write_text(re.sub(r"\ndate: \S+", "\ndate: 2999-01-01", path.read_text(), count=1))


@mutation("draft-with-jurisdiction-adoption-only")
def _(root: Path) -> None:
    put(root, "jurisdictions/va.yaml", _j("only-draft-va", extra="  lat: 37\n  lon: -78\n"))
    put(
        root,
        "ordinances/draft-adopted.md",
        dated(
            extra="status: draft\nadoptions:\n  - {jurisdiction: only-draft-va, "
            "status: adopted, date: 2025-01-01}"
        ),
    )


# -- aliases ----------------------------------------------------------------------------------------------
for _alias in ("/about/", "/About/", "/ABOUT/index.html", "/index.html", "/404.html", "/ordinances/page/2/",
               "/jurisdictions/durham-nc/", "/Feeds/", "/pagefind.html", "/search.html", "/theme.html",
               "/images.html", "/x/", "/x.php", "/x.svg", "/x", "/ordinances/fair-rent/map.html",
               "/ordinances/fair-rent/history/", "/ordinances/by-adoptions.html", "/issues.html",
               "/sitemap.html", "/robots.html", "/_headers/", "/api.html", "/fair-rent/", "/durham-nc/",
               "/housing/", "/files.html", "/feeds.html", "/page/2/", "/by-adoptions/", "/Search/x/",
               "/stories/", "/stories.html", "/stories/x/", "/Stories/hillsborough-first/",
               "/n\u00e9/", "/x/y/z/", "/a/" + "b" * 100 + "/", "/" + "a/" * 99):  # fmt: skip

    def _alias_mut(root: Path, alias: str = _alias) -> None:
        put(root, "news/aliased.md", dated(extra=f"aliases: ['{alias}']"))

    mutation(f"alias-{_alias[:40]}")(_alias_mut)


@mutation("alias-shared-case")
def _(root: Path) -> None:
    put(root, "news/a1.md", dated(extra="aliases: [/old/]"))
    put(root, "news/a2.md", dated(extra="aliases: [/OLD/]"))


@mutation("alias-file-and-folder")
def _(root: Path) -> None:
    put(root, "news/a1.md", dated(extra="aliases: [/old.html]"))
    put(root, "news/a2.md", dated(extra="aliases: [/old.html/x/]"))


@mutation("alias-inside-other-alias-folder")
def _(root: Path) -> None:
    put(root, "news/a1.md", dated(extra="aliases: [/old/]"))
    put(root, "news/a2.md", dated(extra="aliases: [/old/index.html]"))


@mutation("alias-page-folder-of-page")
def _(root: Path) -> None:
    put(root, "news/a1.md", dated(extra="aliases: [/about/x/]"))


# -- fields -----------------------------------------------------------------------------------------------
@mutation("adoption-state")
def _(root: Path) -> None:
    put(
        root,
        "ordinances/state.md",
        dated(
            extra="adoptions:\n  - {jurisdiction: nc, status: adopted, date: 2025-01-01}"
            "\n  - {jurisdiction: dc, status: failed}"
            "\n  - {jurisdiction: hillsborough-nc, status: introduced}"
        ),
    )


@mutation("adoption-statuses")
def _(root: Path) -> None:
    statuses = ("adopted", "introduced", "failed", "withdrawn", "repealed", "pending", "vetoed", "Adopted")
    put(
        root,
        "ordinances/statuses.md",
        dated(
            extra="adoptions:\n"
            + "".join(
                f"  - {{jurisdiction: {j}, status: {s}, date: 2025-01-01}}\n"
                for j, s in zip(("nc", "va", "ca", "ny", "tx", "wa", "or", "ga"), statuses, strict=True)
            )
        ),
    )


@mutation("adoption-no-date-introduced")
def _(root: Path) -> None:
    put(
        root,
        "ordinances/nodate.md",
        dated(extra="adoptions:\n  - {jurisdiction: durham-nc, status: introduced}"),
    )


@mutation("adoption-adopted-no-date")
def _(root: Path) -> None:
    put(
        root,
        "ordinances/nodate2.md",
        dated(extra="adoptions:\n  - {jurisdiction: durham-nc, status: adopted}"),
    )


@mutation("adoption-twice")
def _(root: Path) -> None:
    put(
        root,
        "ordinances/twice.md",
        dated(
            extra="adoptions:\n  - {jurisdiction: nc, status: introduced}"
            "\n  - {jurisdiction: nc, status: failed}"
        ),
    )


@mutation("adoption-before-date")
def _(root: Path) -> None:
    put(
        root,
        "ordinances/before.md",
        dated(
            date="2025-06-01", extra="adoptions:\n  - {jurisdiction: nc, status: adopted, date: 1800-01-01}"
        ),
    )


@mutation("ordinance-kinds")
def _(root: Path) -> None:
    for kind in ("resolution", "executive-order", "policy", "ordinance"):
        put(root, f"ordinances/kind-{kind}.md", dated(extra=f"kind: {kind}"))


@mutation("people-odd")
def _(root: Path) -> None:
    put(
        root,
        "stories/people.md",
        dated(
            extra='people:\n  - {name: "🙂", role: "עוזר", jurisdiction: nc}'
            "\n  - {name: A, role: B}\n  - {name: a, role: B}"
        ),
    )


@mutation("people-same-name")
def _(root: Path) -> None:
    put(root, "stories/people2.md", dated(extra="people:\n  - {name: A, role: B}\n  - {name: A, role: C}"))


@mutation("partners-many-authors")
def _(root: Path) -> None:
    names = ", ".join(f"Name {i}" for i in range(300))
    put(root, "briefs/many.md", dated(extra=f"partners: [{names}]\nauthors: [{names}]"))


@mutation("authors-emoji-empty")
def _(root: Path) -> None:
    put(root, "briefs/odd-authors.md", dated(extra='authors: ["🙂", "\u200f", " "]\npartners: [""]'))


@mutation("many-jurisdictions-field")
def _(root: Path) -> None:
    states = (
        "al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny "
        "nc"
    )
    put(root, "news/many-states.md", dated(extra=f"jurisdictions: [{', '.join(states.split())}]"))


@mutation("image-fields")
def _(root: Path) -> None:
    extra = 'image: images/photo.png\nimage_alt: "🙂"\nimage_credit: "Photo: 🙂"'
    put(root, "stories/pic.md", dated(extra=extra))


@mutation("image-no-alt")
def _(root: Path) -> None:
    put(root, "stories/pic2.md", dated(extra="image: images/photo.png"))


@mutation("image-subfolder")
def _(root: Path) -> None:
    image(root, "images/2025/a.png", fmt="PNG")
    put(
        root,
        "stories/pic3.md",
        dated(
            extra="image: images/2025/a.png\nimage_alt: A\nimage_credit: C", body="![x](images/2025/a.png)"
        ),
    )


for _size, _mode, _fmt, _ext in (((1, 1), "RGB", "PNG", "png"), ((1, 4000), "RGB", "PNG", "png"),
                                 ((6000, 1), "L", "PNG", "png"), ((40, 30), "CMYK", "JPEG", "jpg"),
                                 ((40, 30), "I;16", "PNG", "png"), ((40, 30), "P", "GIF", "gif"),
                                 ((40, 30), "LA", "PNG", "png"), ((40, 30), "RGBA", "WEBP", "webp"),
                                 ((3000, 2000), "1", "PNG", "png"),
                                 ((40, 30), "RGBA", "PNG", "png")):  # fmt: skip

    def _odd_image(root: Path, size=_size, mode=_mode, fmt=_fmt, ext=_ext) -> None:
        name = f"images/odd-{mode.replace(';', '')}-{size[0]}x{size[1]}.{ext}"
        image(root, name, size, mode, fmt)
        put(
            root,
            f"stories/odd-{mode.replace(';', '').lower()}-{size[0]}.md",
            dated(extra=f"image: {name}\nimage_alt: odd\nimage_credit: C", body=f"![odd]({name})"),
        )

    mutation(f"image-odd-{_mode}-{_size[0]}x{_size[1]}-{_fmt}")(_odd_image)


@mutation("file-subfolder")
def _(root: Path) -> None:
    put(root, "files/2025/x.pdf", "%PDF-1.4\n%%EOF\n")
    put(root, "briefs/sub.md", dated(extra="file: files/2025/x.pdf", body="[pdf](files/2025/x.pdf)"))


@mutation("file-is-image")
def _(root: Path) -> None:
    image(root, "files/pic.png", fmt="PNG")
    put(root, "briefs/pic.md", dated(extra="file: files/pic.png"))


@mutation("transcript-files")
def _(root: Path) -> None:
    put(root, "files/t.txt", "hello\n")
    put(
        root,
        "stories/transcript.md",
        dated(extra="transcript_url: files/t.txt\ntranscript: |\n  one\n\n  two"),
    )


@mutation("video-odd")
def _(root: Path) -> None:
    put(root, "stories/video.md", dated(extra="video: https://vimeo.com/123"))


# -- titles, summaries, bodies ----------------------------------------------------------------------------
for _title in ('"🎉🎉"', '"مرحبا بالعالم"', '"\u200f"', '"#"', '"<script>x</script>"', '"  x  "',
               '"a" ', "'1'", "2025", "true", "null", '"' + "t" * 2000 + '"', '"\u202eevil"',
               '"é\u0301"'):  # fmt: skip

    def _title_mut(root: Path, title: str = _title) -> None:
        put(
            root,
            "ordinances/titled.md",
            dated(title=title, extra="adoptions:\n  - {jurisdiction: nc, status: introduced}"),
        )

    mutation(f"title-{_title[:20]}")(_title_mut)

for _summary in (
    "a" * 300,
    "a" * 301,
    "🙂" * 300,
    "é" * 300,
    "e\u0301" * 150,
    "\u05d0" * 300,
    "''",
    "'#LocalStory'",
):

    def _summary_mut(root: Path, summary: str = _summary) -> None:
        put(
            root, "news/summary.md", doc(f"title: T\ndate: 2025-01-01\nsummary: {summary}\nissues: [housing]")
        )

    mutation(f"summary-{_summary[:8]}-{len(_summary)}")(_summary_mut)

for _body in ("", " \n\t\n", "#", "# A\n## A\n### A\n", "## Main\n## main\n## Search results\n", "---", "***",
              "[^1]\n\n[^1]: note", "[x](#nowhere)", "[x](/nowhere/)", "[x](/about/)", "[x](about/)",
              "[x](files/brief.pdf)", "[x](/files/brief.pdf)", "[x](../about/)", "![x](images/photo.png)",
              "[x](/issues/housing/)", "[x](/jurisdictions/durham-nc/)", "[x](/feeds/all.atom.xml)",
              "[x](/ordinances/fair-rent/#section-1-title)", "[x](/ordinances/fair-rent/#nope)",
              "<a id='x'></a><a id='x'></a>", "[x](/api/documents.json)", "[x](/search/?q=x)",
              "[x](/Ordinances/fair-rent/)", "[x](/ordinances/fair-rent)",
              "[x](/ordinances/fair-rent/index.html)",
              "[x](mailto:)", "[x](tel:)", "[x](https://)", "[x](/)", "[x](//example.org/)",
              "[x](/ordinances/fair-rent/fair-rent.docx)", "[x](/ordinances/fair-rent/map.svg)",
              "[x](/stories/hillsborough-first/map.svg)", "\u200b", "🎉",
              "<details><summary>x</summary></details>"):  # fmt: skip

    def _body_mut(root: Path, body: str = _body) -> None:
        put(root, "news/body.md", dated(body=body))

    mutation(f"body-{_body[:30]}")(_body_mut)

    def _page_body(root: Path, body: str = _body) -> None:
        put(root, "pages/body-page.md", doc("title: Page", body))

    mutation(f"page-body-{_body[:30]}")(_page_body)


@mutation("page-only-title")
def _(root: Path) -> None:
    put(root, "pages/bare.md", "---\ntitle: Bare\n---\n")


@mutation("required-missing-per-type")
def _(root: Path) -> None:
    put(root, "pages/nosum.md", "---\ntitle: X\n---\n")
    put(root, "news/nosum.md", "---\ntitle: X\ndate: 2025-01-01\nissues: [housing]\n---\n")


@mutation("page-with-issues-and-adoptions")
def _(root: Path) -> None:
    put(root, "pages/fields.md", doc("title: X\nissues: [housing]\njurisdictions: [nc]\nadoptions: []"))


@mutation("page-with-all-common")
def _(root: Path) -> None:
    put(
        root,
        "pages/fields2.md",
        doc(
            "title: X\nissues: [housing]\njurisdictions: [nc]\ndate: 2025-01-01\n"
            "summary: S\nauthors: [A]\nupdated: 2025-02-01\nimage: images/photo.png\nimage_alt: A\n"
            "image_credit: C\n"
            "aliases: [/p2/]"
        ),
    )


@mutation("many-documents")
def _(root: Path) -> None:
    for i in range(45):
        put(root, f"news/n{i}.md", dated(title=f"N {i}", date=f"2025-01-{1 + i % 28:02d}"))


@mutation("remove-optional-folders")
def _(root: Path) -> None:
    for folder in ("files", "images"):
        shutil.rmtree(root / folder)
    put(root, "briefs/privacy-trap.md", dated())


@mutation("remove-all-documents")
def _(root: Path) -> None:
    for folder in ("ordinances", "stories", "briefs", "news", "pages"):
        shutil.rmtree(root / folder)


@mutation("remove-jurisdictions")
def _(root: Path) -> None:
    shutil.rmtree(root / "jurisdictions")
    for path in sorted(root.glob("*/*.md")):
        text = path.read_text().replace("hillsborough-nc", "nc").replace("durham-nc", "va")
        path.write_text(text)


# -- the harness ------------------------------------------------------------------------------------------
EXCEPTION_NAME = re.compile(r"Traceback|\b[A-Z][A-Za-z]*(?:Error|Exception|Warning): ")
BUILD_ONLY = re.compile(r"broken link to (/[^ ]*)")


@dataclass
class Outcome:
    check: tuple[int, str]
    builds: dict[str, tuple[int, str]]

    def problems(self, site: Path) -> list[str]:
        found = []
        check_failed = self.check[0] != 0
        for name, (code, out) in self.builds.items():
            if EXCEPTION_NAME.search(out):
                found.append(f"{name}: the build shows an exception: {_tail(out)}")
            failed = code != 0
            if failed and not check_failed and not _only_links_to_site_pages(out):
                found.append(f"{name}: the build fails where the check passes: {_tail(out)}")
            if check_failed and not failed:
                found.append(f"{name}: the check fails where the build passes: {_tail(self.check[1])}")
            if not failed:
                found += [f"{name}: {m}" for m in _missing_pages(site, out, name)]
        if EXCEPTION_NAME.search(self.check[1]):
            found.append(f"check shows an exception: {_tail(self.check[1])}")
        return found


def _only_links_to_site_pages(out: str) -> bool:
    """A build that failed only on links from bodies to pages of this site (build-only by design)."""
    if "the written site failed its checks" not in out:
        return False
    listed = out.split("the written site failed its checks", 1)[1].splitlines()[1:]
    problems = [line for line in listed if line.startswith("  ")]
    return bool(problems) and all(": broken link to " in line for line in problems)


def _missing_pages(site: Path, out: str, name: str) -> list[str]:
    output = site / f"out-{name}"
    missing = []
    for path in sorted((site / "content").glob("*/*.md")):
        folder, slug = path.parent.name, path.stem
        if folder not in ("ordinances", "stories", "briefs", "news", "pages", "issues"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if name == "publish" and (
            "status: draft" in text or re.search(r"\ndate: (2[1-9]|[3-9]\d)\d\d-", text)
        ):
            continue
        page = output / (slug if folder == "pages" else f"{folder}/{slug}") / "index.html"
        if not page.is_file():
            missing.append(f"no page for {folder}/{slug}.md")
    return missing


def _tail(text: str) -> str:
    return text.strip()[-1500:]


def run_site(site: Path) -> Outcome:
    content = site / "content"
    check = hub("check", "-i", str(content))
    builds = {}
    for name, conf in (("publish", "publishconf.py"), ("preview", "pelicanconf.py")):
        result = hub("build", "-s", str(ROOT / conf), "-i", str(content), "-o", str(site / f"out-{name}"),
                     "--cache", str(site / f"cache-{name}"))  # fmt: skip
        builds[name] = (result.returncode, result.stdout + result.stderr)
    return Outcome((check.returncode, check.stdout + check.stderr), builds)


def mutated_site(site: Path, names: tuple[str, ...]) -> Path:
    write_site(site / "content")
    for name in names:
        MUTATIONS[name](site / "content")
    return site


# A fixed selection that covers each class once (the whole list, and random combinations, run locally).
COMMITTED = (
    ("file-name-Brief.pdf",),
    ("slug-pages-feeds", "slug-ordinances-page"),
    ("jurisdiction-slug-map", "jurisdiction-slug-index"),
    ("date-0001-01-01", "updated-9999-12-31"),
    ("adoption-state", "people-odd", "partners-many-authors"),
    ("draft-with-alias", "alias-equals-draft-address"),
    ('title-"🎉🎉"', "summary-🙂🙂🙂🙂🙂🙂🙂🙂-300", "body- \n\t\n"),
    ("jurisdictions-territory", "jurisdiction-edge-coordinates"),
    ("image-odd-I;16-40x30-PNG", "image-odd-CMYK-40x30-JPEG"),
    ("alias-/ABOUT/index.html", "alias-shared-case"),
    ("all-scheduled",),  # an ordinance dated 2999: its Word file's ZIP date stopped the preview build
    ('title-"ttttttttttttttttttt',),  # a 2,000-character title: the Word file's properties stopped the build
    ("body-[x](/nowhere/)",),  # build-only by design, and said without an exception's name
    ("image-odd-L-6000x1-PNG",),  # its resized copies were 0 pixels high: Pillow stopped the build
    ("provisions-reserved-heading",),
    ("provisions-unknown-anchor",),
)


@pytest.mark.parametrize("names", COMMITTED, ids=["+".join(n)[:60] for n in COMMITTED])
def test_check_and_build_agree_on_a_mutated_site(tmp_path, names):
    site = mutated_site(tmp_path, names)
    assert run_site(site).problems(site) == []


@pytest.mark.skipif(
    not os.environ.get("HUB_FUZZ_EXAMPLES"), reason="HUB_FUZZ_EXAMPLES runs random combinations"
)
def test_check_and_build_agree_on_random_combinations(tmp_path):
    rnd = random.Random(int(os.environ.get("HUB_FUZZ_SEED", "0")))
    failures = []
    for i in range(int(os.environ["HUB_FUZZ_EXAMPLES"])):
        names = tuple(rnd.sample(sorted(MUTATIONS), rnd.randint(1, 3)))
        site = mutated_site(tmp_path / str(i), names)
        if problems := run_site(site).problems(site):
            failures.append(f"{names}: {problems}")
            print(failures[-1], flush=True)
        else:
            shutil.rmtree(site)
    assert failures == []
