"""Cache keys made from what a step consumes: its values, the code that produced them, the packages used.

Reads the files of the packages named to `code()` (every file under the package's folder, caches of
compiled code aside, once per process: the code a process runs is the code it imported when it started)
and the installed versions of the distributions named to `packages()` and of everything they require
(through `importlib.metadata`, once per process); writes nothing. Every cache of the hub builds its key
with a `Fingerprint`, declaring there what its step consumes, so a cached result is taken only when a
clean build would compute the same one: a change to a value, to the code of any plugin that produced or
reads it, to a library's version or to the interpreter makes a new key.

Values are encoded canonically (dictionaries and sets in a sorted order, dataclasses field by field,
other objects as they pickle, functions and classes by name), so the same inputs give the same key in
every process, whatever the hash seed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.util
import re
import sys
from collections.abc import Iterable, Mapping
from enum import Enum
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any

_INT = 8  # bytes of every length prefix
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_EXTRA = re.compile(r"\bextra\s*==")
# Exact types only: a subclass (Markup is a str) is encoded as it pickles, so its type counts too.
_SCALARS: dict[type, bytes] = {str: b"s", bytes: b"b", int: b"i", float: b"f"}
_SEQUENCES: dict[type, bytes] = {tuple: b"t", list: b"l"}
ABSENT = "absent"  # the version recorded for a distribution that is not installed


class Fingerprint:
    """A key built step by step: `Fingerprint("toolkit").code(...).packages(...).add(...).hexdigest()`.

    Each method returns the fingerprint itself; `copy()` forks one, so a key shared by many items (the
    code and settings) is computed once and each item adds its own values to a copy.
    """

    def __init__(self, purpose: str) -> None:
        """`purpose` names the cache, so two caches fed the same values still get different keys."""
        self._hash = hashlib.sha256()
        self.add(purpose)

    def add(self, *values: Any) -> Fingerprint:
        """Values of any type that pickles (see the module's docstring for how each kind is encoded)."""
        for value in values:
            self._update(b"v", _encode(value, set()))
        return self

    def add_bytes(self, data: bytes) -> Fingerprint:
        """Raw bytes, such as a source file's: cheaper than `add()` for large ones."""
        self._update(b"b", data)
        return self

    def add_files(self, paths: Iterable[Path], root: Path) -> Fingerprint:
        """Each file's path (relative to `root`, so moving the folder keeps the key) and bytes."""
        for path in paths:
            self._update(b"n", path.relative_to(root).as_posix().encode())
            self._update(b"b", path.read_bytes())
        return self

    def code(self, *packages: str) -> Fingerprint:
        """The code of these importable packages (every file of each, in any order given) and the
        interpreter's version (the standard library is code the step runs too)."""
        self._update(b"c", sys.version.encode())
        for name in sorted(set(packages)):
            self._update(b"c", _package_digest(name))
        return self

    def packages(self, *distributions: str) -> Fingerprint:
        """The installed versions of these distributions and of everything they require."""
        versions: set[tuple[str, str]] = set()
        for name in distributions:
            versions.update(_versions(_normalize(name)))
        self._update(b"p", _encode(sorted(versions), set()))
        return self

    def copy(self) -> Fingerprint:
        twin = Fingerprint.__new__(Fingerprint)
        twin._hash = self._hash.copy()
        return twin

    def __eq__(self, other: object) -> bool:
        """Two fingerprints are equal when they have taken the same inputs (unhashable: they grow)."""
        return isinstance(other, Fingerprint) and self.digest() == other.digest()

    def digest(self) -> bytes:
        return self._hash.digest()

    def hexdigest(self) -> str:
        return self._hash.hexdigest()

    def _update(self, tag: bytes, data: bytes) -> None:
        self._hash.update(tag + len(data).to_bytes(_INT, "big"))
        self._hash.update(data)


@functools.cache
def _package_digest(name: str) -> bytes:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise LookupError(f"no importable package or module named {name!r} to fingerprint")
    origin = Path(spec.origin)
    if spec.submodule_search_locations:
        root = origin.parent
        files = sorted(p for p in root.rglob("*") if p.is_file() and not _compiled(p.relative_to(root)))
    else:
        root, files = origin.parent, [origin]
    digest = Fingerprint(name).add_files(files, root)
    return digest.digest()


def _compiled(relative: PurePath) -> bool:
    return "__pycache__" in relative.parts or relative.suffix in {".pyc", ".pyo"}


@functools.cache
def _versions(name: str) -> frozenset[tuple[str, str]]:
    """`name`'s version and, transitively, those of its requirements (extras left out)."""
    found: dict[str, str] = {}
    waiting = [name]
    while waiting:
        current = waiting.pop()
        if current in found:
            continue
        try:
            found[current] = metadata.version(current)
            required = metadata.requires(current) or []
        except metadata.PackageNotFoundError:
            found[current], required = ABSENT, []
        for requirement in required:
            match = _REQUIREMENT.match(requirement)
            if match and not _EXTRA.search(requirement.partition(";")[2]):
                waiting.append(_normalize(match.group(1)))
    return frozenset(found.items())


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _frame(tag: bytes, *parts: bytes) -> bytes:
    return tag + b"".join(len(part).to_bytes(_INT, "big") + part for part in parts)


def _name(thing: Any) -> bytes:
    return f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', repr(thing))}".encode()


def _encode(value: Any, path: set[int]) -> bytes:
    """One canonical byte string per value; `path` holds the containers being encoded (cycles fail)."""
    kind = type(value)
    if value is None or kind is bool:
        return _frame(b"k", repr(value).encode())
    if isinstance(value, type) or (callable(value) and hasattr(value, "__qualname__")):
        return _frame(b"r", _name(value))  # functions and classes by name: code() covers their code
    if isinstance(value, Enum):
        return _frame(b"e", _name(kind), _encode(value.value, path))
    if isinstance(value, (dt.date, dt.time, dt.timedelta, dt.tzinfo)):
        return _frame(b"d", repr(value).encode())
    if isinstance(value, PurePath):
        return _frame(b"p", _name(kind), str(value).encode("utf-8", "surrogatepass"))
    if kind in _SCALARS:
        return _frame(_SCALARS[kind], _scalar(value))
    if id(value) in path:
        raise ValueError(f"cannot fingerprint a value that contains itself ({kind.__name__})")
    path.add(id(value))
    try:
        return _compound(value, path)
    finally:
        path.discard(id(value))


def _scalar(value: str | bytes | int | float) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, bytes):
        return value
    return repr(value).encode()  # repr round-trips a float exactly


def _compound(value: Any, path: set[int]) -> bytes:
    kind = type(value)
    if kind in _SEQUENCES:
        return _frame(_SEQUENCES[kind], *(_encode(item, path) for item in value))
    if kind is dict or (isinstance(value, Mapping) and not _reduces(kind)):
        items = sorted(_encode(k, path) + _encode(v, path) for k, v in value.items())
        return _frame(b"m", _name(kind), *items)
    if isinstance(value, (set, frozenset)):
        return _frame(b"S", _name(kind), *sorted(_encode(item, path) for item in value))
    if dataclasses.is_dataclass(value) and not _reduces(kind):
        fields = (_encode((f.name, getattr(value, f.name)), path) for f in dataclasses.fields(value))
        return _frame(b"D", _name(kind), *fields)
    return _frame(b"o", _name(kind), _encode(_reduced(value), path))


def _reduces(kind: type) -> bool:
    """Whether the class says itself how it pickles (a `DocType` pickles as its registry and name)."""
    return kind.__reduce__ is not object.__reduce__ or kind.__reduce_ex__ is not object.__reduce_ex__


def _reduced(value: Any) -> tuple[Any, ...]:
    """What pickle would store: a constructor, its arguments and the state, as plain values."""
    try:
        reduced = value.__reduce_ex__(4)
    except Exception as error:
        raise TypeError(f"cannot fingerprint a {type(value).__name__}: it does not pickle") from error
    if isinstance(reduced, str):  # a global, pickled by name
        return (reduced,)
    parts = list(reduced) + [None] * (5 - len(reduced))
    items = list(parts[3]) if parts[3] is not None else None
    pairs = dict(parts[4]) if parts[4] is not None else None
    return (parts[0], parts[1], parts[2], items, pairs)
