"""Files of the last build taken into the new one when what they are made from did not change.

Reads the previous build's output folder (hub_build names it in the settings, `PUBLISHED_KEY`) and one
record per writer and output folder in CACHE_PATH/hub/: for each file it wrote, the fingerprint of what
it was made from, with the file's size and modification time as written. Writes, through the build's
output registry, either a hard link to the last build's file (`OutputRegistry.copy`, hub_core/hardlinks.py)
or the file made again, and at the end the new record.

A previous file is taken only if its fingerprint is the one this build computes and the file still has
the recorded size and time, so a failed build, a deleted output or a hand-edited file never leaks into
the new site. The writers decide what a fingerprint covers (hub_pages/reuse.py for pages; hub_map,
hub_feeds and hub_data for their files); `site_key()` is the part they share: the hub's code, the
libraries, every file of the theme and the settings a template may print.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from . import cache
from .context import PUBLISHED_KEY, SETTINGS_KEY, page_settings
from .fingerprint import Fingerprint
from .hardlinks import is_regular
from .outputs import OutputRegistry

PLUGINS = Path(__file__).resolve().parents[1]
# What a template or a writer can run: the code of every package of the hub, and every library the
# build runs (Pelican brings Jinja and the others it requires) but Pagefind, which reads pages only.
HUB_PACKAGES = tuple(sorted(p.name for p in PLUGINS.iterdir() if (p / "__init__.py").is_file()))
LIBRARIES = ("pelican", "markdown", "pyyaml", "nh3", "selectolax", "python-docx", "pillow", "babel")

Entry = tuple[bytes, int, int]  # the fingerprint, and the file's size and modification time (ns)


def value_digest(value: Any) -> bytes:
    """A digest of a value as it pickles: fast (C), and equal digests mean equal values. A value that
    does not pickle gets its repr's, which may change every build: its file is then made again."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        data = repr(value).encode()
    return hashlib.sha256(data).digest()


def site_key(purpose: str, context: Mapping[str, Any], theme: str | Path) -> Fingerprint:
    """What every file a template or writer of the hub makes may depend on besides its own values: the
    code of the hub's packages, the libraries, every file of the theme (templates, catalogues), the
    settings a template may print and the hub's typed settings. Copy it, then add each file's values."""
    key = Fingerprint(purpose).code(*HUB_PACKAGES).packages(*LIBRARIES)
    root = Path(theme)
    themed = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    key.add_files(themed, root)
    for name, value in sorted(page_settings(context).items()):
        key.add_bytes(name.encode() + b"\0" + value_digest(value))
    return key.add_bytes(value_digest(context.get(SETTINGS_KEY)))


class FileReuse:
    """Decides, file by file, whether the previous build's file can stand for this build's, and keeps the
    record of what this build wrote."""

    def __init__(self, previous: Path | None, record_file: Path, version: int = 1) -> None:
        self.previous, self.record_file, self.version = previous, record_file, version
        self.old: dict[str, Entry] = self._load()
        self.new: dict[str, Entry] = {}

    def reusable(self, name: str, fingerprint: bytes) -> Path | None:
        """The previous build's file `name`, if it was made from the same inputs and is still intact."""
        recorded = self.old.get(name)
        if self.previous is None or recorded is None or recorded[0] != fingerprint:
            return None
        source = self.previous / name
        stat = is_regular(source)  # a symbolic link planted in the output is never taken
        return source if stat is not None and (stat.st_size, stat.st_mtime_ns) == recorded[1:] else None

    def size(self, name: str) -> int:
        """The size of a file `reusable()` returned, as recorded (the file's own: it was checked)."""
        return self.old[name][1]

    def kept(self, name: str) -> None:
        """Remember a file taken from the last build (a hard link: the same file, size and time)."""
        self.new[name] = self.old[name]

    def written(self, name: str, fingerprint: bytes, output: Path) -> None:
        """Remember a file made in this build, with its size and time."""
        stat = (output / name).stat()
        self.new[name] = (fingerprint, stat.st_size, stat.st_mtime_ns)

    def link(self, outputs: OutputRegistry, name: str, source: Path, writer: str) -> Path:
        """Place the last build's `source` at the claimed path `name`, as a hard link, and remember it."""
        target = outputs.copy(name, source, writer)
        self.kept(name)
        return target

    def write(
        self,
        outputs: OutputRegistry,
        name: str,
        fingerprint: bytes,
        make: Callable[[], str | bytes],
        writer: str,
    ) -> bool:
        """Link the last build's file `name` if it was made from `fingerprint`, else write `make()` there;
        whether it was linked."""
        source = self.reusable(name, fingerprint)
        if source is not None:
            self.link(outputs, name, source, writer)
            return True
        target = outputs.write(name, make(), writer)
        stat = target.stat()
        self.new[name] = (fingerprint, stat.st_size, stat.st_mtime_ns)
        return False

    def save(self) -> None:
        cache.store(self.record_file, (self.version, self.new))

    def _load(self) -> dict[str, Entry]:
        version, files = cache.load(self.record_file) or (None, {})
        return files if version == self.version else {}


def file_reuse(context: Mapping[str, Any], writer: str) -> FileReuse | None:
    """`writer`'s reuse of the last build's files, with the cache on and a build beside a published
    folder (hub_build sets it); None otherwise (every file is made)."""
    published, settings = context.get(PUBLISHED_KEY), context.get(SETTINGS_KEY)
    if not published or not getattr(settings, "cache", False) or not context.get("CACHE_PATH"):
        return None
    record = cache.cache_file(Path(context["CACHE_PATH"]), f"files-{writer}", Path(published))
    previous = Path(published) if Path(published).is_dir() else None
    return FileReuse(previous, record)
