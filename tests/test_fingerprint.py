"""Unit tests of hub_core.fingerprint: what changes a cache key, and what must not.

Keys made in other processes (another hash seed, another sys.path) are computed by running Python on a
short script, because the code and the package versions are read once per process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from hub_content.schemas import DOC_TYPES
from hub_core.fingerprint import Fingerprint
from hub_model import Adoption, AdoptionStatus, Document, OrdinanceDetails
from tests.sitekit import PLUGINS

KEY_OF_A_DOCUMENT = """
import dataclasses
import datetime as dt
from pathlib import Path
from hub_content.schemas import DOC_TYPES
from hub_content.schemas import DOC_TYPES
from hub_core.fingerprint import Fingerprint
from hub_model import Adoption, AdoptionStatus, Document, OrdinanceDetails
details = OrdinanceDetails(adoptions=(Adoption("durham-nc", AdoptionStatus.ADOPTED, dt.date(2025, 3, 4)),))
doc = Document(DOC_TYPES[0], "fair-rent", "Fair Rent", "Bans it.", "<p>Text</p>", "a.md", details=details)
value = {"doc": doc, "tags": frozenset({"housing", "rent", "tech"}), "where": Path("a/b"), 2: {"x", "y"}}
key = Fingerprint("test").add(value).code("hub_model").packages("markdown").hexdigest()
print(key)
"""


def key_in_a_new_process(script: str, *path: Path, seed: str = "0") -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, [*path, PLUGINS])), "PYTHONHASHSEED": seed}
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def key(*values: object) -> str:
    return Fingerprint("test").add(*values).hexdigest()


@dataclass(frozen=True)
class Record:
    name: str
    tags: frozenset[str]


def test_a_changed_value_changes_the_key() -> None:
    assert key({"a": 1}) != key({"a": 2})
    assert key(Record("x", frozenset({"a"}))) != key(Record("x", frozenset({"b"})))
    assert key(dt.date(2025, 1, 1)) != key(dt.date(2025, 1, 2))
    assert Fingerprint("test").add_bytes(b"one").digest() != Fingerprint("test").add_bytes(b"two").digest()


def test_a_changed_ordinance_body_changes_the_key() -> None:
    details = OrdinanceDetails(adoptions=(Adoption("durham-nc", AdoptionStatus.ADOPTED),))

    doc = Document(DOC_TYPES[0], "fair-rent", "Fair Rent", "Bans it.", "<p>Text</p>", "a.md", details=details)
    assert key(doc) != key(dataclasses.replace(doc, body_html="<p>Text.</p>"))


def test_values_that_print_alike_or_split_differently_get_different_keys() -> None:
    keys = {key(1), key("1"), key(1.0), key(True), key(None), key("None"), key(b"1"), key((1,)), key([1])}
    assert len(keys) == 9
    assert key("ab", "c") != key("a", "bc")
    assert key(("ab", "c")) != key(("a", "bc"))


def test_the_purpose_separates_two_caches_fed_the_same_values() -> None:
    assert Fingerprint("toolkit").add(1).digest() != Fingerprint("content").add(1).digest()


def test_the_order_of_a_dict_or_set_does_not_change_the_key() -> None:
    assert key({"a": 1, "b": 2}) == key({"b": 2, "a": 1})
    assert key({"x", "y", "z"}) == key({"z", "y", "x"})


def test_a_copy_extends_a_shared_key_without_changing_it() -> None:
    shared = Fingerprint("test").add("settings")
    first, second = shared.copy().add("one").digest(), shared.copy().add("two").digest()
    assert len({shared.digest(), first, second}) == 3
    assert shared.copy().add("one").digest() == first
    assert shared.copy() == shared and shared.copy().add("one") != shared


def test_the_same_inputs_give_the_same_key_in_every_process_whatever_the_hash_seed() -> None:
    keys = {key_in_a_new_process(KEY_OF_A_DOCUMENT, seed=seed) for seed in ("1", "2", "3")}
    assert len(keys) == 1
    namespace: dict[str, object] = {}
    exec(KEY_OF_A_DOCUMENT, namespace)  # and in this process too
    assert keys == {namespace["key"]}


CODE_KEY = "from hub_core.fingerprint import Fingerprint\nprint(Fingerprint('t').code('probe').hexdigest())"


def test_a_code_change_changes_the_key_and_compiled_files_do_not(tmp_path: Path) -> None:
    package = tmp_path / "probe"
    package.mkdir()
    (package / "__init__.py").write_text("VALUE = 1\n")
    (package / "data.json").write_text("[1]\n")
    before = key_in_a_new_process(CODE_KEY, tmp_path)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"compiled")
    assert key_in_a_new_process(CODE_KEY, tmp_path) == before
    (package / "__init__.py").write_text("VALUE = 2\n")
    edited = key_in_a_new_process(CODE_KEY, tmp_path)
    assert edited != before
    (package / "data.json").write_text("[2]\n")  # a data file of the package is code too
    assert key_in_a_new_process(CODE_KEY, tmp_path) not in {before, edited}


def test_a_package_that_cannot_be_found_is_an_error_not_an_empty_key() -> None:
    with pytest.raises(LookupError, match="no_such_hub_package"):
        Fingerprint("test").code("no_such_hub_package")


def fake_distribution(folder: Path, name: str, version: str) -> Path:
    """A distribution's metadata alone, found before the installed one when `folder` leads sys.path."""
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    return folder


VERSIONS_KEY = "from hub_core.fingerprint import Fingerprint as F\nprint(F('t').packages(%r).hexdigest())"


@pytest.mark.parametrize(
    ("distribution", "changed"),
    [("markdown", "markdown"), ("python-docx", "lxml")],  # lxml: python-docx requires it
    ids=["its_own", "one_it_requires"],
)
def test_another_version_of_a_library_changes_the_key(tmp_path: Path, distribution: str, changed: str):
    script = VERSIONS_KEY % distribution
    installed = key_in_a_new_process(script)
    assert key_in_a_new_process(script) == installed
    assert key_in_a_new_process(script, fake_distribution(tmp_path, changed, "99.0")) != installed


def test_a_library_that_is_not_installed_is_recorded_as_absent() -> None:
    absent = Fingerprint("test").packages("no-such-distribution-here").digest()
    assert absent != Fingerprint("test").packages().digest()


def test_a_value_that_does_not_pickle_or_contains_itself_is_refused() -> None:
    with pytest.raises(TypeError, match="lock"):
        key(threading.Lock())
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="contains itself"):
        key(loop)
