"""Which layer a test belongs to, for the pytest markers `unit`, `site` and `browser` (tests/conftest.py).

A test that uses the `chromium` fixture is `browser`. Otherwise it is `site` when it runs the hub's
command line, Pelican or another program: its function, a fixture it uses, or any function of the tests
or of the hub's plugins that these call (read from their code, classes through their methods) refers to
`subprocess`, to Pelican, or to sitekit's `hub` (through which `build` and the demo and golden builds
run); or it loads a fixture by name at run time (`getfixturevalue`: unknown here, so not counted as a
unit). Every other test is `unit`: it runs in this process, in seconds. A marker written on the test or
its module wins over this reading (a stress test of one step, in process but seconds long, is marked
`site` by hand).
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Iterator

import pytest

from tests import sitekit

LAYERS = ("unit", "site", "browser")
BUILDERS = (sitekit.hub,)
RUNS_PROGRAMS = frozenset({"subprocess", "pelican"})
UNKNOWN_FIXTURES = "getfixturevalue"


def layer(item: pytest.Item) -> str:
    written = [name for name in LAYERS if item.get_closest_marker(name)]
    if written:
        return written[0]
    if "chromium" in getattr(item, "fixturenames", ()):
        return "browser"
    seen: set[types.CodeType] = set()
    return "site" if any(_runs_a_program(f, seen) for f in _functions(item)) else "unit"


def _functions(item: pytest.Item) -> Iterator[types.FunctionType]:
    """The test function and the functions of the fixtures it uses (directly or through other fixtures)."""
    function = getattr(item, "function", None)
    if isinstance(function, types.FunctionType):
        yield function
    info = getattr(item, "_fixtureinfo", None)
    for definitions in info.name2fixturedefs.values() if info else ():
        for definition in definitions:
            fixture = inspect.unwrap(definition.func)
            if isinstance(fixture, types.FunctionType):
                yield fixture


def _runs_a_program(function: types.FunctionType, seen: set[types.CodeType]) -> bool:
    function = inspect.unwrap(function)  # a @contextmanager's own code, not contextlib's wrapper
    if function.__code__ in seen or not _ours(function.__module__):
        return False
    seen.add(function.__code__)
    names = set(_names(function.__code__))
    if UNKNOWN_FIXTURES in names or names & RUNS_PROGRAMS:  # also `import subprocess` inside a function
        return True
    for name in names:
        value = function.__globals__.get(name)
        found = [value]
        if isinstance(value, types.ModuleType):
            if value.__name__.split(".")[0] in RUNS_PROGRAMS:
                return True
            if _ours(value.__name__):  # `sitekit.build(...)`: follow the attributes named
                found = [getattr(value, attribute, None) for attribute in names]
        for target in found:
            package = (getattr(target, "__module__", None) or "").split(".")[0]
            if target in BUILDERS or package in RUNS_PROGRAMS:
                return True
            if any(_runs_a_program(f, seen) for f in _code_of(target)):
                return True
    return False


def _ours(module: str) -> bool:
    """A module of the tests or of the hub's plugins (whose code is read); not the standard library or
    another package."""
    if module.startswith("tests"):
        return True
    path = getattr(sys.modules.get(module), "__file__", None) or ""
    return path.startswith(str(sitekit.PLUGINS))


def _code_of(target: object) -> list[types.FunctionType]:
    """A function itself; a class of ours, the functions it defines (methods, properties)."""
    if isinstance(target, types.FunctionType):
        return [target]
    if not isinstance(target, type) or not _ours(target.__module__):
        return []
    found = []
    for member in vars(target).values():
        member = getattr(member, "__func__", getattr(member, "fget", member))
        if isinstance(member, types.FunctionType):
            found.append(member)
    return found


def _names(code: types.CodeType) -> Iterator[str]:
    """The global and attribute names a function's code refers to, nested functions and lambdas included."""
    yield from code.co_names
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _names(constant)
