"""The devserver's search index, held open in Pagefind's service mode between saves.

Reads the searchable pages of the served output folder; writes a complete Pagefind bundle into the
folder it is given. Pagefind's service (the `pagefind` package's `PagefindIndex`, driving the pinned
binary over its standard input) keeps every page it was given; a page given again under the same URL
replaces the old one, so after a save only the pages whose bytes changed are sent, and writing the
bundle is all that is left (at 2,000 documents: about 4 s, where a whole run takes 20 s). The service
cannot forget a page: when one is removed, the held index is dropped and made again from every page.
The service runs on an event loop of its own, in a thread of the devserver; `update` blocks until the
bundle is written.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pagefind.index import PagefindIndex

T = TypeVar("T")
BATCH = 200  # pages sent to the service before waiting for its answers


class _ClosedError(Exception):
    """Given to the index's context exit: close the service without writing the bundle again."""


def page_url(page: str) -> str:
    """The address Pagefind gives a page when it indexes a folder: `stories/x/index.html` is `/stories/x/`."""
    return "/" + page.removesuffix("index.html")


class HeldIndex:
    """One Pagefind service and its index, with the digest of each page it holds."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="hub-pagefind", daemon=True)
        self._thread.start()
        self._index: PagefindIndex | None = None
        self.held: dict[str, bytes] = {}
        """Each page the index holds, by its path in the output folder, with the digest of its bytes."""

    def _call(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    def update(self, output: Path, pages: Sequence[str], bundle: Path) -> int:
        """Give the index the pages whose bytes changed (all of them when one was removed), write the
        bundle to `bundle`; return how many pages were sent."""
        current = {page: (output / page).read_bytes() for page in pages}
        digests = {page: hashlib.sha256(data).digest() for page, data in current.items()}
        if self._index is None or set(self.held) - set(digests):
            self._restart()
        changed = [page for page in pages if self.held.get(page) != digests[page]]
        for start in range(0, len(changed), BATCH):
            batch = changed[start : start + BATCH]
            for page in batch:
                self.held.pop(page, None)  # until Pagefind has it: a failure leaves it to send again
            self._call(self._add({page: current[page] for page in batch}))
            self.held.update((page, digests[page]) for page in batch)
        self._call(self._write(bundle))
        return len(changed)

    async def _add(self, pages: dict[str, bytes]) -> None:
        """Send the pages at once: the service answers each request by its id, in any order."""
        index = self._index
        assert index is not None
        await asyncio.gather(
            *(
                index.add_html_file(content=data.decode("utf-8"), url=page_url(page))
                for page, data in pages.items()
            )
        )

    async def _write(self, bundle: Path) -> None:
        assert self._index is not None
        await self._index.write_files(output_path=str(bundle))

    def _restart(self) -> None:
        self.close_index()
        self._index = self._call(PagefindIndex().__aenter__())

    def close_index(self) -> None:
        """Stop the service without writing anything; the next update starts one with every page."""
        index, self._index, self.held = self._index, None, {}
        if index is not None:
            self._call(index.__aexit__(_ClosedError, _ClosedError(), None))

    def close(self) -> None:
        self.close_index()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
