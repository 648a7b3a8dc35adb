"""Write a large synthetic content folder that follows docs/CONTENT.md, for benchmarks.

Usage: `python -m tests.bench.generate OUT_DIR --documents N [--seed S]`.

Reads the word tables in tests/bench/vocabulary.py; writes OUT_DIR (which must be empty or missing):
30 issues (issues/<slug>.md), counties and cities in every state and DC (jurisdictions/<st>.yaml) and N
documents: about 15 % ordinances, 15 % briefs, 35 % stories and 35 % news, each 500-1,500 words of
readable policy prose with `##` sections and lists. The same seed always gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from random import Random
from string import Formatter
from typing import Any, NamedTuple

from . import vocabulary as v

TYPE_SHARES = (("ordinances", 0.15), ("briefs", 0.15), ("stories", 0.35), ("news", 0.35))
FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
WORDS_TARGET = (520, 1470)  # bodies land within about 15 words of their target: 500-1,500
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .'&/()+-]*")
_PLAIN_BLOCK = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,'&/()+-]*")
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})
_NUMBERS = frozenset({"num", "small", "pct", "year", "year2", "votes", "amount", "adj"})


class Place(NamedTuple):
    slug: str
    name: str
    kind: str
    state: str
    state_name: str
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None


class World(NamedTuple):
    """Everything documents can refer to: the issues and the jurisdictions (states are built in)."""

    issues: tuple[v.IssueWords, ...]
    states: tuple[Place, ...]
    counties: tuple[Place, ...]
    cities: tuple[Place, ...]


def slugify(text: str) -> str:
    """Lowercase a-z, 0-9 and single dashes, as the content contract requires of file names."""
    return "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in text.lower()).split())


def title_case(text: str) -> str:
    words = text.split()
    return " ".join(
        w if (i and w in _SMALL_WORDS) or not w[0].islower() else w[0].upper() + w[1:]
        for i, w in enumerate(words)
    )


def yaml_text(value: str, in_list: bool = False) -> str:
    """A YAML scalar for `value`: plain when that is safe (in a `[a, b]` list if `in_list`), else quoted."""
    if (_PLAIN if in_list else _PLAIN_BLOCK).fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def build_world(rng: Random) -> World:
    """The issues and 2-4 counties per state (and DC), each with 3-8 cities, towns or villages."""
    states, counties, cities = [], [], []
    county_word = dict(v.COUNTY_WORD)
    kinds, weights = zip(*v.PLACE_KINDS, strict=True)
    for box in v.STATE_BOXES:
        states.append(Place(box.code, box.name, "state", box.code, box.name))
        used: set[str] = set()
        for county_name in rng.sample(v.COUNTY_NAMES, rng.randint(2, 4)):
            name = f"{county_name} {county_word.get(box.code, 'County')}"
            lat, lon = _inside(rng, box, 0.7)
            county = Place(f"{slugify(name)}-{box.code}", name, "county", box.code, box.name, None, lat, lon)
            counties.append(county)
            for _ in range(rng.randint(3, 8)):
                name = _place_name(rng, used)
                c_lat = _clamp(lat + rng.uniform(-0.2, 0.2) * box.half_lat, box.lat, box.half_lat * 0.9)
                c_lon = _clamp(lon + rng.uniform(-0.2, 0.2) * box.half_lon, box.lon, box.half_lon * 0.9)
                kind = rng.choices(kinds, weights)[0]
                slug = f"{slugify(name)}-{box.code}"
                cities.append(Place(slug, name, kind, box.code, box.name, county.slug, c_lat, c_lon))
    return World(v.ISSUES, tuple(states), tuple(counties), tuple(cities))


def _inside(rng: Random, box: v.StateBox, share: float) -> tuple[float, float]:
    return (
        round(box.lat + rng.uniform(-share, share) * box.half_lat, 4),
        round(box.lon + rng.uniform(-share, share) * box.half_lon, 4),
    )


def _clamp(value: float, centre: float, half: float) -> float:
    return round(min(max(value, centre - half), centre + half), 4)


def _place_name(rng: Random, used: set[str]) -> str:
    while True:
        first = rng.choice(v.PLACE_FIRST)
        if rng.random() < 0.6:
            name = first + rng.choice(v.PLACE_SUFFIX)
        else:
            name = f"{first} {rng.choice(v.PLACE_WORD)}"
        if name not in used:
            used.add(name)
            return name


def jurisdictions_yaml(state: Place, places: Sequence[Place]) -> str:
    lines = [f"# {state.name}"]
    for p in places:
        lines += [f"- slug: {p.slug}", f"  name: {yaml_text(p.name)}", f"  kind: {p.kind}"]
        if p.parent:
            lines.append(f"  parent: {p.parent}")
        lines += [f"  lat: {p.lat}", f"  lon: {p.lon}"]
    return "\n".join(lines) + "\n"


class Composer:
    """Assembles documents from templates; holds the generator, the world and the slugs already used."""

    def __init__(self, rng: Random, world: World) -> None:
        self.rng = rng
        self.world = world
        self.slugs: set[str] = set()
        self._fields: dict[str, tuple[str, ...]] = {}
        self._by_state: dict[str, list[Place]] = {}
        for place in world.states + world.counties + world.cities:
            self._by_state.setdefault(place.state, []).append(place)

    # -- filling templates -------------------------------------------------------------------------

    def fill(self, template: str, ctx: dict[str, Any]) -> str:
        fields = self._fields.get(template)
        if fields is None:
            # dict, not set: a set's order changes with PYTHONHASHSEED, and so would the random draws.
            fields = tuple(dict.fromkeys(name for _, name, _, _ in Formatter().parse(template) if name))
            self._fields[template] = fields
        values = {}
        for name in fields:
            values[name] = self._number(name) if name in _NUMBERS else self._word(name, ctx)
        return template.format_map(values)

    def _word(self, name: str, ctx: dict[str, Any]) -> str:
        if name in ("topic", "topic2"):
            return self.rng.choice(ctx["topics"])
        if name in ("group", "group2"):
            return self.rng.choice(ctx["groups"])
        return ctx[name]

    def _number(self, name: str) -> str:
        r = self.rng
        match name:
            case "num":
                return str(r.randint(6, 240))
            case "small":
                return str(r.randint(2, 9))
            case "pct":
                return str(r.randint(12, 88))
            case "year":
                return str(r.randint(2015, 2025))
            case "year2":
                return str(r.randint(2026, 2029))
            case "votes":
                return r.choice(v.VOTES)
            case "amount":
                return r.choice(v.AMOUNTS)
            case _:
                return r.choice(v.ADJECTIVES)

    def paragraph(
        self, ctx: dict[str, Any], budget: int, templates: Sequence[str] = v.SENTENCES
    ) -> tuple[str, int]:
        """3-6 different sentences, fewer (at least 2) when the budget of words runs out first."""
        sentences, words = [], 0
        for template in self.rng.sample(templates, min(len(templates), self.rng.randint(3, 6))):
            sentence = self.fill(template, ctx)
            sentences.append(sentence)
            words += sentence.count(" ") + 1
            if words >= budget and len(sentences) >= 2:
                break
        return " ".join(sentences), words

    def listing(
        self, ctx: dict[str, Any], templates: Sequence[str] = v.LIST_ITEMS, numbered: bool = False
    ) -> tuple[str, int]:
        items = [self.fill(t, ctx) for t in self.rng.sample(templates, self.rng.randint(3, 5))]
        lines = [f"{i}. {item}" if numbered else f"- {item}" for i, item in enumerate(items, 1)]
        return "\n".join(lines), sum(item.count(" ") + 1 for item in items)

    # -- documents ---------------------------------------------------------------------------------

    def document(self, folder: str) -> tuple[str, str]:
        """(slug, file text) of a new document of the type stored in `folder`."""
        r = self.rng
        issues = r.sample(self.world.issues, r.choices((1, 2, 3), (45, 35, 20))[0])
        places = self._document_places()
        home = next((p for p in places if p.kind not in ("state", "county")), None) or r.choice(
            self.world.cities
        )
        ctx = {
            "main": r.choice(issues[0].topics),
            "topics": tuple(t for i in issues for t in i.topics),
            "groups": tuple(g for i in issues for g in i.groups),
            "place": home.name,
            "state": home.state_name,
            "body": r.choice(v.BODIES),
            "agency": r.choice(v.AGENCIES),
        }
        date = FIRST_DAY + dt.timedelta(days=r.randint(0, (LAST_DAY - FIRST_DAY).days))
        front = {"date": date.isoformat()}
        if r.random() < 0.2:
            front["updated"] = min(date + dt.timedelta(days=r.randint(1, 400)), LAST_DAY).isoformat()
        extra: list[str] = []
        target = r.randint(*WORDS_TARGET)
        if folder == "ordinances":
            kinds, weights = zip(*v.ORDINANCE_KINDS, strict=True)
            kind = r.choices(kinds, weights)[0]
            title = self._title(r.choice(v.ORDINANCE_TITLES[kind]), ctx)
            summary = self.fill(v.SUMMARIES["ordinance"], {**ctx, "kind": kind.replace("-", " ")})
            extra = [f"kind: {kind}", *self._adoptions()]
            body = self._ordinance_body(ctx, kind, title, target)
        elif folder == "briefs":
            title = self._title(r.choice(v.BRIEF_TITLES), ctx)
            summary = self.fill(v.SUMMARIES["brief"], ctx)
            partners = r.sample(v.PARTNERS, r.randint(1, 3))
            extra = [f"partners: [{', '.join(yaml_text(p, in_list=True) for p in partners)}]"]
            body = self._prose_body(ctx, v.BRIEF_SECTIONS, target, brief=True)
        elif folder == "stories":
            # One entry per name: the content contract refuses a person listed twice.
            unique: dict[str, tuple[str, str, str | None]] = {}
            for person in (self._person(places) for _ in range(r.randint(1, 3))):
                unique.setdefault(person[0], person)
            people = list(unique.values())
            title = self._title(r.choice(v.STORY_TITLES), {**ctx, "name": people[0][0]})
            summary = self.fill(v.SUMMARIES["story"], ctx)
            extra = ["people:"]
            for name, role, jurisdiction in people:
                extra += [f"  - name: {name}", f"    role: {role}"]
                if jurisdiction:
                    extra.append(f"    jurisdiction: {jurisdiction}")
            if r.random() < 0.2:
                video = "".join(
                    r.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(11)
                )
                extra.append(f"video: https://www.youtube.com/watch?v={video}")
            ctx["speaker"] = f"{people[0][0]}, {people[0][1]}"
            body = self._prose_body(ctx, v.STORY_SECTIONS, target, quote=True)
        else:
            title = self._title(r.choice(v.NEWS_TITLES), ctx)
            summary = self.fill(v.SUMMARIES["news"], ctx)
            body = self._prose_body(ctx, v.NEWS_SECTIONS, target)
        lines = [
            "---",
            f"title: {yaml_text(title)}",
            f"date: {front['date']}",
            *([f"updated: {front['updated']}"] if "updated" in front else []),
            f"summary: {yaml_text(summary)}",
            f"issues: [{', '.join(i.slug for i in issues)}]",
        ]
        if places:
            lines.append(f"jurisdictions: [{', '.join(p.slug for p in places)}]")
        if r.random() < 0.6:
            authors = list(dict.fromkeys(self._name() for _ in range(r.randint(1, 2))))
            lines.append(f"authors: [{', '.join(yaml_text(a, in_list=True) for a in authors)}]")
        lines += [*extra, "---", body]
        return self._slug(title), "\n".join(lines) + "\n"

    def _document_places(self) -> list[Place]:
        """0-4 jurisdictions: a city first, the others mostly from the same state."""
        r = self.rng
        count = r.choices((0, 1, 2, 3, 4), (15, 35, 25, 15, 10))[0]
        chosen: dict[str, Place] = {}
        while len(chosen) < count:
            if chosen and r.random() < 0.6:
                place = r.choice(self._by_state[next(iter(chosen.values())).state])
            else:
                pool = (self.world.cities, self.world.counties, self.world.states)
                place = r.choice(r.choices(pool, (80, 10, 10) if not chosen else (70, 15, 15))[0])
            chosen.setdefault(place.slug, place)
        return list(chosen.values())

    def _title(self, template: str, ctx: dict[str, Any]) -> str:
        values = {
            "Topic": title_case(ctx["main"]),
            "Group": title_case(self.rng.choice(ctx["groups"])),
            "place": ctx["place"],
            "state": ctx["state"],
            "name": ctx.get("name", ""),
            "num": str(self.rng.randint(3, 40)),
            "year": str(self.rng.randint(2015, 2025)),
        }
        return template.format_map(values)

    def _slug(self, title: str) -> str:
        base = slugify(title)
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def _name(self) -> str:
        return f"{self.rng.choice(v.FIRST_NAMES)} {self.rng.choice(v.LAST_NAMES)}"

    def _person(self, places: Sequence[Place]) -> tuple[str, str, str | None]:
        local = [p for p in places if p.kind != "state"]
        where = self.rng.choice(local).slug if local and self.rng.random() < 0.8 else None
        return self._name(), self.rng.choice(v.ROLES), where

    def _adoptions(self) -> list[str]:
        r = self.rng
        count = r.choice((0, 0, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 15, 20))
        if not count:
            return []
        statuses, weights = zip(*v.ADOPTION_STATUSES, strict=True)
        places = r.sample(self.world.cities + self.world.counties, count - count // 5) + r.sample(
            self.world.states, count // 5
        )
        lines = ["adoptions:"]
        for place in places:
            status = r.choices(statuses, weights)[0]
            lines += [f"  - jurisdiction: {place.slug}", f"    status: {status}"]
            year = r.randint(2015, 2025)
            if status == "adopted" or r.random() < 0.5:
                lines.append(f"    date: {dt.date(year, r.randint(1, 12), r.randint(1, 28)).isoformat()}")
            if r.random() < 0.5:
                word = "Resolution" if r.random() < 0.3 else "Ordinance No."
                lines.append(f"    citation: {word} {year}-{r.randint(1, 120)}")
            if r.random() < 0.3:
                lines.append(f"    url: https://records.example.org/{place.slug}/{year}-{r.randint(1, 120)}")
        return lines

    def _ordinance_body(self, ctx: dict[str, Any], kind: str, title: str, target: int) -> str:
        r = self.rng
        noun = kind.replace("-", " ")
        body = _Blocks(
            f"A{'n' if noun[0] in 'aeiou' else ''} {noun} of the [GOVERNING BODY] of [JURISDICTION] "
            f"relating to {ctx['main']}.",
            "## Section 1. Title",
            f"This {noun} may be cited as the [JURISDICTION] {title}.",
        )
        closing = (
            "## Section {}. Severability",
            f"If any part of this {noun} is held invalid, the remaining parts shall stay in effect.",
            "## Section {}. Effective Date",
            f"This {noun} takes effect on [DATE].",
        )
        middle = [h for h in v.ORDINANCE_SECTIONS if h == "Requirements" or r.random() < 0.8]
        count = max(3, min(len(middle), round(target / 140)))
        others = r.sample([h for h in middle if h != "Requirements"], min(count, len(middle)) - 1)
        headings = sorted([*others, "Requirements"], key=v.ORDINANCE_SECTIONS.index)
        target -= sum(len(line.split()) for line in closing)
        for number, heading in enumerate(headings, 2):
            end = body.words + (target - body.words) // (len(headings) - number + 2)
            body.add(f"## Section {number}. {heading}")
            if heading == "Definitions":
                for sub, topic in enumerate(r.sample(ctx["topics"], min(3, len(ctx["topics"]))), 1):
                    term = title_case(topic)
                    body.add(f"### {number}.{sub} {term}")
                    body.add(
                        f'"{term}" means any program, service, rule or activity of [JURISDICTION] '
                        f"that concerns {topic}, including those carried out by contractors of the [AGENCY]."
                    )
            elif heading in ("Requirements", "Findings"):
                body.add(self.listing(ctx, v.ORDINANCE_CLAUSES, numbered=heading == "Requirements")[0])
            while body.words < end - 10:
                templates = v.ORDINANCE_CLAUSES if r.random() < 0.5 else v.SENTENCES
                body.add(self.paragraph(ctx, end - body.words, templates)[0])
        last = len(headings) + 1
        body.add(closing[0].format(last + 1), closing[1], closing[2].format(last + 2), closing[3])
        return body.text()

    def _prose_body(
        self, ctx: dict[str, Any], pool: Sequence[str], target: int, brief: bool = False, quote: bool = False
    ) -> str:
        r = self.rng
        body = _Blocks(self.paragraph(ctx, 80)[0])
        count = max(3, min(len(pool), round(target / 150)))
        headings = sorted(r.sample(pool, count), key=list(pool).index)
        list_at = r.randrange(count)
        quote_at = r.randrange(count) if quote else -1
        for index, heading in enumerate(headings):
            end = body.words + (target - body.words) // (count - index)
            body.add(f"## {heading}")
            if brief and heading == "What the data show":
                body.add(self._table(ctx))
            if heading in ("Key findings", "Recommendations", "Highlights"):
                body.add(self.listing(ctx, numbered=heading == "Recommendations")[0])
            elif index == list_at:
                body.add(self.paragraph(ctx, 60)[0], self.listing(ctx)[0])
            if index == quote_at:
                said = self.fill(r.choice(v.QUOTES), ctx).removesuffix(".")
                body.add(f'> "{said}," said {ctx["speaker"]}.')
            while body.words < end - 10:
                body.add(self.paragraph(ctx, end - body.words)[0])
        return body.text()

    def _table(self, ctx: dict[str, Any]) -> str:
        # No column alignment (`---:`): the hub's Markdown setup renders it as a style attribute, which
        # the content rules refuse (reported as an engine bug).
        r = self.rng
        first = r.randint(2015, 2021)
        rows = [f"| Measure | {first} | {first + 3} |", "| --- | --- | --- |"]
        for topic in r.sample(ctx["topics"], min(3, len(ctx["topics"]))):
            rows.append(f"| Households reached by {topic} | {r.randint(100, 900)} | {r.randint(900, 4000)} |")
        return "\n".join(rows)

    def issue(self, issue: v.IssueWords) -> str:
        ctx = {
            "topics": issue.topics,
            "groups": issue.groups,
            "place": "our communities",
            "state": "every state",
            "body": "local governing body",
            "agency": "responsible agency",
        }
        first, _ = self.paragraph(ctx, 60, v.ISSUE_SENTENCES)
        second, _ = self.paragraph(ctx, 50, v.ISSUE_SENTENCES)
        return (
            f"---\ntitle: {yaml_text(issue.title)}\nsummary: {yaml_text(issue.summary)}\n---\n"
            f"Local governments shape {issue.topics[0]} and {issue.topics[1]} more than most people "
            f"realize. {first}\n\n{second}\n"
        )


class _Blocks:
    """Markdown blocks of a body and their running word count (as `str.split` counts them)."""

    def __init__(self, *blocks: str) -> None:
        self.blocks: list[str] = []
        self.words = 0
        self.add(*blocks)

    def add(self, *blocks: str) -> None:
        for block in blocks:
            self.blocks.append(block)
            self.words += len(block.split())

    def text(self) -> str:
        return "\n\n".join(self.blocks)


def generate(out_dir: Path, documents: int, seed: int = 0) -> dict[str, int]:
    """Write the content folder; return how many files went into each folder."""
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty: give a new or empty folder")
    rng = Random(seed)
    world = build_world(rng)
    composer = Composer(rng, world)
    counts: dict[str, int] = {}
    _write_many(out_dir / "issues", ((i.slug, composer.issue(i)) for i in world.issues), ".md")
    counts["issues"] = len(world.issues)
    by_state: dict[str, list[Place]] = {}
    children: dict[str, list[Place]] = {}
    for city in world.cities:
        children.setdefault(city.parent or "", []).append(city)
    for county in world.counties:
        by_state.setdefault(county.state, []).extend([county, *children.get(county.slug, [])])
    states = {s.slug: s for s in world.states}
    files = ((code, jurisdictions_yaml(states[code], places)) for code, places in by_state.items())
    counts["jurisdictions"] = _write_many(out_dir / "jurisdictions", files, ".yaml")
    for folder, size in zip(("ordinances", "briefs", "stories", "news"), type_counts(documents), strict=True):
        counts[folder] = _write_many(
            out_dir / folder, (composer.document(folder) for _ in range(size)), ".md"
        )
    return counts


def extra_document(out_dir: Path, seed: int, slug: str, folder: str = "news") -> Path:
    """One more valid document for a folder made by generate() with the same seed (for rebuild timings)."""
    rng = Random(seed)
    composer = Composer(Random(f"{seed}-extra-{slug}"), build_world(rng))
    _, text = composer.document(folder)
    path = out_dir / folder / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    return path


def type_counts(documents: int) -> tuple[int, int, int, int]:
    """Documents per type (ordinances, briefs, stories, news) for a total."""
    ordinances, briefs, stories = (round(documents * share) for _, share in TYPE_SHARES[:3])
    ordinances = min(ordinances, documents)
    briefs = min(briefs, documents - ordinances)
    stories = min(stories, documents - ordinances - briefs)
    return ordinances, briefs, stories, documents - ordinances - briefs - stories


def _write_many(folder: Path, items: Iterable[tuple[str, str]], suffix: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, text in items:
        (folder / f"{name}{suffix}").write_text(text, encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out_dir", type=Path, help="a new or empty folder")
    parser.add_argument("--documents", type=int, required=True, help="how many documents to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.documents < 0:
        parser.error("--documents must be 0 or more")
    start = time.perf_counter()
    try:
        counts = generate(args.out_dir, args.documents, args.seed)
    except FileExistsError as exc:
        print(exc, file=sys.stderr)
        return 1
    parts = ", ".join(f"{n} {folder}" for folder, n in counts.items())
    print(f"wrote {parts} into {args.out_dir} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
