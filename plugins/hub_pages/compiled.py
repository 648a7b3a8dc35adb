"""Templates compiled once, not once per generator and build: Jinja's bytecode kept in CACHE_PATH.

Reads and writes `CACHE_PATH/hub/templates/` (one file per template and environment key). Every Pelican
generator has a Jinja environment of its own, and each language an overlay of it, so without this a
build compiles the same template many times, and every build compiles them all again.

A compiled template depends on more than its source: the environment's options (delimiters, whitespace,
autoescaping, extensions, `newstyle_gettext`), which filters and tests exist and how they are called, and
what they return, since Jinja folds a filter or test of constant arguments into the code when it compiles
(`"hub_map" is plugin_enabled` holds the PLUGINS setting). So a file is named by a key of all that: the
environment's options and extensions, every filter and test that is not Jinja's own (as a value: a
`functools.partial` with its arguments, an object with its state), the code of the hub's packages and of
any other package a filter, test or extension comes from, the versions of Jinja, MarkupSafe, Pelican and
Babel, and Python's bytecode magic; inside it, the source's SHA-256 must match (Jinja compares it before
using the code). An environment whose filters or tests cannot be keyed is compiled as before, uncached.
A damaged file is compiled again; files are written beside and renamed (Jinja's own writer). The folder
holds code the build runs, as every pickle in CACHE_PATH does: only the build writes there, and nothing
of the content ever becomes a template.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_TESTS

from hub_core.fingerprint import Fingerprint
from hub_core.reuse import HUB_PACKAGES
from hub_core.settings import settings_of

FOLDER = "templates"
LIBRARIES = ("jinja2", "markupsafe", "pelican", "babel")
# Packages whose code the base key covers (by their files or their installed version).
_COVERED = frozenset({*HUB_PACKAGES, *LIBRARIES, "builtins", "functools", "operator"})
# Everything of an environment the lexer, parser, optimizer and code generator read (jinja2 3.1).
_OPTIONS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
    "is_async", "sandboxed", "newstyle_gettext",
)  # fmt: skip


@functools.cache
def _base() -> Fingerprint:
    """What every compiled template depends on, computed once per process (the code it runs)."""
    key = Fingerprint("templates").code(*HUB_PACKAGES).packages(*LIBRARIES)
    return key.add_bytes(importlib.util.MAGIC_NUMBER)


def _own(table: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """The entries that are not Jinja's own (those are covered by Jinja's version)."""
    return {name: item for name, item in table.items() if defaults.get(name) is not item}


def _packages(*things: Any) -> set[str]:
    """The top-level packages the given callables (or a partial's function) come from."""
    found = set()
    for thing in things:
        while isinstance(thing, functools.partial):
            thing = thing.func
        module = getattr(thing, "__module__", None) or type(thing).__module__
        found.add(module.partition(".")[0])
    return found


def environment_key(env: Environment, name: str) -> str | None:
    """The key of everything `name`'s compiled code depends on besides its source, or None when some
    filter, test or extension cannot be keyed (then nothing is cached)."""
    filters, tests = _own(env.filters, DEFAULT_FILTERS), _own(env.tests, DEFAULT_TESTS)
    extensions = sorted(env.extensions)
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    try:
        key = _base().copy().add(name, type(env), env.code_generator_class, bool(autoescape))
        key.add([getattr(env, option, None) for option in _OPTIONS], extensions)
        key.add(env.finalize, env.policies.get("ext.i18n.trimmed"), filters, tests)
        key.code(*(_packages(env.finalize, *filters.values(), *tests.values(), *env.extensions.values())
                   - _COVERED))  # fmt: skip
    except (TypeError, ValueError, LookupError):  # a value that does not pickle, a module without files
        return None
    return key.hexdigest()


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, with the hub's key (module docstring)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        super().__init__(str(folder), "%s.code")

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = environment_key(environment, name)
        if key is None:
            return Bucket(environment, "", "")  # never loaded, never stored (set_bucket)
        where = hashlib.sha256(f"{key}\0{name}\0{filename}".encode("utf-8", "surrogatepass"))
        checksum = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        bucket = Bucket(environment, where.hexdigest(), checksum)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # damaged or from another version: it is only a cache, compile again
            bucket.reset()

    def set_bucket(self, bucket: Bucket) -> None:
        if bucket.key:  # a full or read-only disk costs a compile next time, never the build
            with contextlib.suppress(OSError):
                self.dump_bytecode(bucket)


def install(generator: Any) -> None:
    """Pelican's `generator_init`: the generator's environment (and the language overlays made from it)
    keeps its compiled templates in CACHE_PATH, unless the HUB setting `cache` is off."""
    where = generator.settings.get("CACHE_PATH")
    if where and settings_of(generator.settings).hub.cache:
        generator.env.bytecode_cache = CompiledTemplates(Path(where) / "hub" / FOLDER)
