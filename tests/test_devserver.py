"""The devserver's edit loop: a page whose text alone changed is rendered at once, the build that follows
brings the rest of the site up to date, search catches up after the pages are served, and once it is
idle the devserver's site is the one a preview build writes from the same content."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import signal
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from hub_build.devhandler import open_page as open_page_of
from hub_build.devserver import DevServer
from hub_build.session import Session
from tests.browser import open_page
from tests.sitekit import PAGEFIND_UNSTABLE, ROOT, build, front, tree, write_site
from tests.test_publishing import Devserver, fetch, running_devserver

MARKER = "Quetzalcoatlus"


def status(dev: Devserver) -> dict[str, object]:
    code, _, body = fetch(dev.port, "/__hub__/status.json")
    return json.loads(body) if code == 200 else {}


def wait_idle(dev: Devserver, builds: int, timeout: float = 60.0) -> dict[str, object]:
    """Until at least `builds` builds (fast renders included) finished and search caught up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert dev.process.poll() is None, dev.log.read_text()
        now = status(dev)
        done = int(now.get("build", 0)) >= builds and not now.get("building")  # type: ignore[call-overload]
        if done and now.get("search") == "current" and not now.get("indexing"):
            return now
        time.sleep(0.2)
    pytest.fail(f"the devserver never became idle: {status(dev)}\n{dev.log.read_text()}")


def test_status_says_how_many_builds_finished_and_whether_search_caught_up(tmp_path):
    with running_devserver(tmp_path) as dev:
        now = wait_idle(dev, 1)
        assert now == {"build": 1, "ok": True, "building": False, "search": "current", "indexing": False}
        assert (dev.output / "pagefind" / "pagefind.js").is_file()


def test_a_text_edit_is_rendered_at_once_and_the_build_and_search_follow(tmp_path):
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1)
        news = dev.content / "news" / "convening.md"
        news.write_text(news.read_text() + f"\nThe {MARKER} paragraph.\n", encoding="utf-8")
        dev.poll("/news/convening/", lambda s, b: s == 200 and MARKER in b)
        now = wait_idle(dev, 3)  # the fast render, then the build
        assert now["ok"] is True
        log = dev.log.read_text()
        assert "rendered at once: news/convening/index.html (" in log
        assert "search updated: " in log
    assert dev.exit_code == 0


def fetch_bytes(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://localhost:{port}{path}", timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_search_begun_before_the_bundle_was_replaced_still_gets_its_files(tmp_path):
    """Pagefind names its files by their content, and a search in an open page fetches them one by one: a
    file of the bundle replaced a moment ago is still served, so that search ends as it began."""
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1)
        bundle = dev.output / "pagefind"
        before = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
        news = dev.content / "news" / "convening.md"
        news.write_text(news.read_text() + f"\nThe {MARKER} paragraph.\n", encoding="utf-8")
        wait_idle(dev, 3)
        assert "search updated: " in dev.log.read_text()
        replaced = sorted(name for name in before if not (bundle / name).exists())
        assert any(name.startswith("fragment/") for name in replaced), replaced  # the page's words changed
        for name in replaced:
            assert fetch_bytes(dev.port, f"/pagefind/{name}") == (200, before[name]), name
        assert fetch_bytes(dev.port, "/pagefind/fragment/en_0000000.pf_fragment")[0] == 404  # in neither
        assert fetch_bytes(dev.port, "/pagefind/../content/news/convening.md")[0] == 404
        kept = dev.output.parent / f".{dev.output.name}-search-previous"
        assert kept.is_dir()
    assert not kept.exists()  # the devserver's own folder goes with it


def test_a_front_matter_edit_renders_the_pages_listing_the_document_at_once(tmp_path):
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1)
        news = dev.content / "news" / "convening.md"
        news.write_text(news.read_text().replace("title: Network News", "title: Network Gathering"))
        dev.poll("/news/", lambda s, b: s == 200 and "Network Gathering" in b)
        dev.poll("/issues/housing/", lambda s, b: s == 200 and "Network Gathering" in b)
        wait_idle(dev, 3)
        assert "rendered at once: index.html, " in dev.log.read_text()


def fast_session(tmp_path: Path) -> Session:
    content = write_site(tmp_path / "content")
    session = Session(ROOT / "pelicanconf.py", content, tmp_path / "out", tmp_path / "cache")
    (built,) = session.handle([])
    assert built["ok"], built
    return session


def rendered_then_built(session: Session, saved: Path | list[Path]) -> tuple[list[str], dict[str, bytes]]:
    """The pages the fast render wrote (and their bytes), then the build that follows."""
    replies = session.handle(saved if isinstance(saved, list) else [saved])
    fast = next(replies)
    assert fast["kind"] == "fast", fast
    pages = {page: (session.output / page).read_bytes() for page in fast["pages"]}
    built = next(replies)
    assert built["ok"], built
    return fast["pages"], pages


def test_a_retitled_document_renders_each_page_that_lists_it_as_the_build_does(tmp_path):
    session = fast_session(tmp_path)
    news = session.content / "news" / "convening.md"
    news.write_text(news.read_text().replace("title: Network News", "title: Network Gathering"))
    pages, written = rendered_then_built(session, news)
    for page in ("news/convening/index.html", "news/index.html", "issues/housing/index.html", "index.html"):
        assert page in pages
        assert b"Network Gathering" in written[page]
    assert "es/issues/housing/index.html" in pages  # it is listed there too, marked as English only
    assert "pages/about/index.html" not in pages  # it does not show the document
    built = {page: (session.output / page).read_bytes() for page in pages}
    assert written == built  # the build wrote the same bytes


def test_a_moved_document_renders_the_pages_of_the_issue_it_left_and_joined(tmp_path):
    session = fast_session(tmp_path)
    news = session.content / "news" / "convening.md"
    news.write_text(news.read_text().replace("[housing, tech-accountability]", "[tech-accountability]"))
    pages, written = rendered_then_built(session, news)
    assert (
        "issues/housing/index.html" in pages and b"Network News" not in written["issues/housing/index.html"]
    )
    assert {page: (session.output / page).read_bytes() for page in pages} == written


def test_a_new_document_is_listed_at_once(tmp_path):
    session = fast_session(tmp_path)
    added = session.content / "news" / "added.md"
    added.write_text(front("title: Added Later\ndate: 2025-10-02\nsummary: New.\nissues: [housing]"))
    pages, written = rendered_then_built(session, added)
    assert "news/added/index.html" in pages and b"Added Later" in written["news/index.html"]
    assert {page: (session.output / page).read_bytes() for page in pages} == written


def test_an_editor_saving_through_a_temporary_file_still_gets_a_fast_render(tmp_path):
    """Editors and tools like `sed -i` write a temporary file beside the document and rename it over the
    document: the watcher reports both, and the temporary one is gone by then."""
    session = fast_session(tmp_path)
    news = session.content / "news" / "convening.md"
    temporary = news.with_name(".convening.md.swp")
    temporary.write_text(news.read_text() + f"\n{MARKER}.\n", encoding="utf-8")
    temporary.replace(news)
    pages, written = rendered_then_built(session, [news, temporary])
    assert pages == ["news/convening/index.html"] and MARKER.encode() in written[pages[0]]


def test_a_save_the_graph_cannot_judge_gets_no_fast_render(tmp_path):
    session = fast_session(tmp_path)
    news = session.content / "news" / "convening.md"
    news.write_text(news.read_text().replace("issues: [housing", "issues: [hosuing"))
    replies = list(session.handle([news]))
    assert [r["kind"] for r in replies] == ["build"] and not replies[0]["ok"]
    assert "unknown issue 'hosuing'" in replies[0]["errors"][0]["message"]


def test_a_content_warning_is_printed_by_the_first_build_alone(tmp_path):
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1)
        news = dev.content / "news" / "convening.md"
        news.write_text(news.read_text() + "\nMore.\n", encoding="utf-8")
        wait_idle(dev, 3)
        log = dev.log.read_text()
    assert log.count("'durham-nc' has no coordinates") == 1
    assert log.count("note: pages: ") == 2  # the second build did print its own notes


def test_an_ordinance_text_edit_is_left_to_the_build(tmp_path):
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1)
        model = dev.content / "ordinances" / "fair-rent.md"
        model.write_text(model.read_text() + f"\n## Section 2. {MARKER}\n\nMore text.\n")
        dev.poll("/ordinances/fair-rent/", lambda s, b: s == 200 and MARKER in b)
        wait_idle(dev, 2)
        assert "at once" not in dev.log.read_text()
        assert MARKER in (dev.output / "ordinances" / "fair-rent" / "fair-rent.md").read_text()


def test_the_devserver_site_equals_a_preview_build_once_idle(tmp_path):
    """After a text edit, a title and issues edit, a new document and a deleted one, the devserver's
    output folder holds, file for file, what `make html` writes from the same content."""
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1)
        builds = 1
        story = dev.content / "stories" / "hillsborough-first.md"
        edits = [
            lambda: story.write_text(story.read_text() + f"\n{MARKER} added.\n", encoding="utf-8"),
            lambda: story.write_text(
                story.read_text().replace("issues: [housing]", "issues: [housing, tech-accountability]")
            ),
            lambda: (dev.content / "news" / "added.md").write_text(
                front("title: Added Later\ndate: 2025-10-02\nsummary: New.\nissues: [housing]")
            ),
            lambda: (dev.content / "pages" / "about.md").unlink(),
        ]
        for edit in edits:
            before = int(status(dev)["build"])  # type: ignore[call-overload]
            edit()
            builds = before + 1
            wait_idle(dev, builds)
            # a fast render may have come first: wait for the build that follows it too
            time.sleep(1.0)
            wait_idle(dev, int(status(dev)["build"]))  # type: ignore[call-overload]
        served = tree(dev.output, PAGEFIND_UNSTABLE)
    assert_same_as_preview(served, dev.content, tmp_path / "preview")
    assert MARKER in (tmp_path / "preview" / "stories" / "hillsborough-first" / "index.html").read_text()


def assert_same_as_preview(served: dict[str, bytes], content: Path, preview: Path) -> None:
    """The devserver's site (`served`, read once it was idle) is, file for file, what a preview build of
    `content` writes. Every bundle is one Pagefind run over the searchable pages: word index and fragments
    alike are those of a single run (only the files Pagefind 1.5.2 names anew on some runs are left out)."""
    result = build(content, preview, settings=ROOT / "pelicanconf.py")
    assert result.returncode == 0, result.stderr
    expected = tree(preview, PAGEFIND_UNSTABLE)
    assert any(k.startswith("pagefind/index/") for k in served)
    assert served.keys() == expected.keys(), sorted(served.keys() ^ expected.keys())
    different = sorted(k for k in served if served[k] != expected[k])
    assert different == []


def test_pages_say_search_is_updating_until_it_caught_up(tmp_path, chromium):
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1)
        page, visit = open_page(chromium, f"http://localhost:{dev.port}")
        # An ordinance's text is left to the build: search is "updating" for the whole build, long enough
        # to see the note on the page still open (a fast render reloads the page as search catches up).
        page.goto(f"http://localhost:{dev.port}/ordinances/fair-rent/")
        note = page.locator("#hub-search-note")
        model = dev.content / "ordinances" / "fair-rent.md"
        model.write_text(model.read_text() + f"\n{MARKER} again.\n", encoding="utf-8")
        note.filter(has_text="Search is updating").wait_for(state="visible", timeout=20_000)
        assert note.get_attribute("role") == "status"
        note.wait_for(state="hidden", timeout=60_000)
        # Hidden also while a reloaded page waits for its first search event: the status says for sure.
        deadline = time.monotonic() + 60
        while status(dev).get("search") != "current":
            assert time.monotonic() < deadline, dev.log.read_text()
            time.sleep(0.05)
        # The search page finds the word as soon as the note is gone (from the overlay, or the bundle that
        # replaces it, whichever is served while it searches).
        assert "/ordinances/fair-rent/" in searched(page, f"http://localhost:{dev.port}", MARKER)[1]
        assert visit.foreign_requests == []
        assert [m for m in visit.console if m.startswith("error")] == []
        page.close()


class _Builder:
    def __init__(self) -> None:
        self.restarts = 0

    def restart(self) -> None:
        self.restarts += 1


def test_a_change_outside_the_content_starts_a_fresh_build_process(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    dev = DevServer(ROOT / "pelicanconf.py", content, tmp_path / "out", 0)
    builder = _Builder()
    dev._before_build({(1, str(content / "news" / "x.md"))}, builder)  # type: ignore[arg-type]
    assert builder.restarts == 0 and dev.state.status()["search"] == "updating"
    dev._before_build({(1, str(ROOT / "theme" / "templates" / "base.html"))}, builder)  # type: ignore[arg-type]
    assert builder.restarts == 1
    dev._before_build({(1, str(Path(ROOT / "plugins" / "hub_pages" / "views.py")))}, builder)  # type: ignore[arg-type]
    assert builder.restarts == 2


# Open pages first --------------------------------------------------------------------------------------


def test_the_pages_open_in_a_browser_are_rendered_first_then_the_others_as_the_build_does(tmp_path):
    session = fast_session(tmp_path)
    news = session.content / "news" / "convening.md"
    news.write_text(news.read_text().replace("title: Network News", "title: Network Gathering"))
    replies = list(session.handle([news], frozenset({"issues/housing/index.html", "no/such/index.html"})))
    kinds = [(r["kind"], r.get("final")) for r in replies]
    assert kinds == [("fast", False), ("fast", True), ("build", None)]
    first, rest = replies[0]["pages"], replies[1]["pages"]
    assert first == ["issues/housing/index.html"]
    assert "news/index.html" in rest and "issues/housing/index.html" not in rest
    written = {page: (session.output / page).read_bytes() for page in first + rest}
    assert b"Network Gathering" in written["issues/housing/index.html"]


def test_a_text_edit_of_the_open_page_is_one_final_reply(tmp_path):
    session = fast_session(tmp_path)
    news = session.content / "news" / "convening.md"
    news.write_text(news.read_text() + f"\nThe {MARKER} paragraph.\n", encoding="utf-8")
    replies = list(session.handle([news], frozenset({"news/convening/index.html"})))
    assert [(r["kind"], r.get("final")) for r in replies] == [("fast", True), ("build", None)]
    assert replies[0]["pages"] == ["news/convening/index.html"]
    assert "news/convening/index.html" in replies[0]["searchable"]  # search may start at once
    assert MARKER in (session.output / "news" / "convening" / "index.html").read_text(encoding="utf-8")


def test_an_open_tab_names_its_page_and_gets_it_first(tmp_path, chromium):
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1)
        page, visit = open_page(chromium, f"http://localhost:{dev.port}")
        page.goto(f"http://localhost:{dev.port}/issues/housing/")
        page.locator("h1").wait_for()
        news = dev.content / "news" / "convening.md"
        time.sleep(1)  # the tab's event stream is open
        news.write_text(news.read_text().replace("title: Network News", "title: Network Gathering"))
        page.get_by_text("Network Gathering").first.wait_for(timeout=30_000)
        wait_idle(dev, 4)  # the open page, the others, then the build
        assert "rendered at once: issues/housing/index.html (" in dev.log.read_text()
        assert visit.foreign_requests == []
        page.close()


@pytest.mark.parametrize(
    ("address", "page"),
    [
        ("/", "index.html"),
        ("/issues/housing/", "issues/housing/index.html"),
        ("/404.html", "404.html"),
        ("/es/historias/caf%C3%A9/", "es/historias/café/index.html"),
        ("/issues/housing", None),  # served as a redirect: no page of its own
        ("/theme/css/site.css", None),
        ("/../../etc/passwd/", None),
        ("/a/%2e%2e/b/", None),
        ("/a\\..\\b/", None),
        ("relative/", None),
        ("/x%00/", None),
        ("/" + "a/" * 600, None),
    ],
)
def test_an_open_page_is_a_page_of_the_site_or_nothing(address, page):
    assert open_page_of(address) == page


FIND = (
    "async (word) => { const pf = await import('/pagefind/pagefind.js');"
    " return (await pf.search(word)).results.length; }"
)


def bundle_holds(output: Path, word: str) -> bool | None:
    """Whether a page fragment of the served bundle has `word`; None when the bundle was exchanged while
    it was read."""
    try:
        return any(
            word.encode() in gzip.decompress(fragment.read_bytes())
            for fragment in (output / "pagefind").rglob("*.pf_fragment")
        )
    except (OSError, EOFError):
        return None


@dataclass
class Watch:
    """What the devserver serves, sampled every few milliseconds from another thread: (builds finished,
    search's state) and every instant where search said "current", the page had the word and the bundle
    had not."""

    dev: Devserver
    url: str
    word: str
    seen: list[tuple[int, str]] = field(default_factory=list)
    lies: list[tuple[int, str]] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            time.sleep(0.01)

    def sample(self) -> None:
        now = status(self.dev)
        sample = (int(now.get("build", 0)), str(now.get("search")))  # type: ignore[call-overload]
        self.seen.append(sample)
        if sample[1] != "current" or self.word not in fetch(self.dev.port, self.url)[2]:
            return
        # Read after the page: a bundle without the word, with status still "current" after it, is a lie.
        if bundle_holds(self.dev.output, self.word) is False and status(self.dev) == now:
            self.lies.append(sample)


def watched_save(dev: Devserver, url: str, path: Path, word: str, builds: int) -> Watch:
    """Save `word` into `path`'s body and watch until `builds` builds finished and search is current."""
    watch = Watch(dev, url, word)
    thread = threading.Thread(target=watch.run, daemon=True)
    thread.start()
    try:
        path.write_text(path.read_text() + f"\nThe {word} paragraph.\n", encoding="utf-8")
        wait_idle(dev, builds)
    finally:
        watch.done.set()
        thread.join(timeout=10)
    return watch


def many_news(content: Path, count: int) -> None:
    """`count` more news items of about 600 words each: a build long enough to see search finish first."""
    body = "\n\n".join(f"Paragraph {n} on tenants, rents and councils. " * 12 for n in range(8))
    for n in range(count):
        text = front(
            f"title: Item {n}\ndate: 2025-06-{n % 28 + 1:02d}\nsummary: An item.\nissues: [housing]", body
        )
        (content / "news").mkdir(parents=True, exist_ok=True)
        (content / "news" / f"item-{n}.md").write_text(text, encoding="utf-8")


def test_search_is_current_once_the_saved_page_is_indexed_before_the_build_that_follows(tmp_path, chromium):
    many_news(tmp_path / "content", 150)
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1, timeout=180)
        news = dev.content / "news" / "convening.md"
        watch = watched_save(dev, "/news/convening/", news, "Zygodactyl", builds=3)
        # build 2 is the fast render, build 3 the build after it: search caught up between them
        assert (2, "current") in watch.seen, watch.seen
        assert (2, "updating") in watch.seen or (1, "updating") in watch.seen, watch.seen
        assert watch.lies == []
        log = dev.log.read_text()
        caught_up = min(log.find(said) % len(log) for said in ("search overlaid: ", "search updated: "))
        assert caught_up < log.index("built ", log.index("rendered at once: "))
        page, _ = open_page(chromium, f"http://localhost:{dev.port}")
        page.goto(f"http://localhost:{dev.port}/news/convening/")
        assert page.evaluate(FIND, "Zygodactyl") >= 1
        page.close()


def test_a_page_saved_before_the_devserver_indexed_anything_itself_is_still_searched(tmp_path, chromium):
    """The first build's own Pagefind run makes the first bundle. A devserver started on an output whose
    bundle it did not make (here: one without a page saved since) indexes the pages it serves before it
    says search is current."""
    with running_devserver(tmp_path / "one") as dev:
        wait_idle(dev, 1)
        assert "search updated" not in dev.log.read_text()  # the first build's own run made the bundle
    shutil.copytree(tmp_path / "one" / "output", tmp_path / "two" / "output", symlinks=True)
    text = front(
        "title: Quill\ndate: 2025-07-02\nsummary: A quill.\nissues: [housing]", "The Quillwort item."
    )
    (tmp_path / "two" / "content" / "news").mkdir(parents=True)
    (tmp_path / "two" / "content" / "news" / "quill.md").write_text(text, encoding="utf-8")
    with running_devserver(tmp_path / "two") as dev:
        watch = Watch(dev, "/news/quill/", "Quillwort")
        thread = threading.Thread(target=watch.run, daemon=True)
        thread.start()
        try:
            wait_idle(dev, 1)
        finally:
            watch.done.set()
            thread.join(timeout=10)
        assert watch.lies == [] and (1, "current") in watch.seen
        assert "search updated" in dev.log.read_text()
        assert bundle_holds(dev.output, "Quillwort")
        page, _ = open_page(chromium, f"http://localhost:{dev.port}")
        page.goto(f"http://localhost:{dev.port}/news/quill/")
        assert page.evaluate(FIND, "Quillwort") >= 1
        page.close()


def main_bundle_holds(output: Path, word: str) -> bool:
    """Whether a fragment of the served bundle itself (not its overlay) has `word`."""
    fragments = (output / "pagefind" / "fragment").iterdir()
    return any(word.encode() in gzip.decompress(fragment.read_bytes()) for fragment in fragments)


def searched(page, base: str, word: str) -> tuple[str, list[str]]:
    """The search page's status and result links for `word`, once it has answered."""
    for tries_left in (2, 1, 0):
        try:
            page.goto(f"{base}/search/?q={word}")
            break
        except PlaywrightError as error:
            # The devserver reloads the page it shows once a build or the search catches up: a reload
            # landing as the test moves the page on interrupts that move, which is then made again.
            if "interrupted by another navigation" not in str(error) or not tries_left:
                raise
    page.wait_for_function(
        "() => { const s = document.getElementById('search-status');"
        " return s.textContent.trim() !== '' && s.textContent !== s.dataset.searching; }",
        timeout=20_000,
    )
    links = page.locator("#search-results a").evaluate_all("links => links.map(a => a.pathname)")
    return page.locator("#search-status").inner_text(), links


def test_a_save_is_found_on_the_search_page_through_the_overlay_before_the_full_index_is_written(
    tmp_path, chromium
):
    """Right after a save, the changed page is indexed apart into an overlay the search page merges in:
    the new word is found, and the word the save removed is no longer found on that page, while the
    served bundle itself still has the old text. Once the full run is done the overlay is gone."""
    # Enough pages that the full run takes longer than two searches on a quiet machine; the overlay
    # indexes one page whatever the site's size.
    many_news(tmp_path / "content", 500)
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1, timeout=180)
        news = dev.content / "news" / "convening.md"
        news.write_text(news.read_text() + "\nThe Zygodactyl paragraph.\n", encoding="utf-8")
        wait_idle(dev, 3, timeout=120)
        base = f"http://localhost:{dev.port}"
        page, visit = open_page(chromium, base)
        assert searched(page, base, "Zygodactyl")[1] == ["/news/convening/"]
        old, overlay = "Zygodactyl", dev.output / "pagefind" / "overlay"
        # The full run may win the race with the search page on a busy machine: then save again.
        for new in ("Quokkaberry", "Wombatfruit", "Numbatleaf", "Bilbyroot", "Potoroofern"):
            builds = int(status(dev)["build"])  # type: ignore[call-overload]
            news.write_text(news.read_text().replace(old, new), encoding="utf-8")
            deadline = time.monotonic() + 60
            while not status(dev).get("indexing"):
                assert time.monotonic() < deadline, dev.log.read_text()
                time.sleep(0.02)
            found_new, found_old = searched(page, base, new), searched(page, base, old)
            if not main_bundle_holds(dev.output, new):  # asked while the overlay alone had the new word
                assert found_new[1] == ["/news/convening/"], found_new
                assert found_old[1] == [], found_old
                assert "search overlaid: 1 pages" in dev.log.read_text()
                break
            wait_idle(dev, builds + 2, timeout=120)
            old = new
        else:
            pytest.fail("the full index was written before the search page was asked, five times")
        wait_idle(dev, builds + 2, timeout=120)
        assert not overlay.exists()
        assert searched(page, base, new)[1] == ["/news/convening/"]
        assert searched(page, base, old)[1] == []
        assert visit.foreign_requests == []
        # A search made as a bundle is exchanged may find a file gone (404): it then reads the new one.
        assert [m for m in visit.console if m.startswith("error") and "404" not in m] == []
        page.close()


# Saves while a build runs, and stopping mid-build -------------------------------------------------------


def append(path: Path, word: str) -> None:
    path.write_text(path.read_text() + f"\nThe {word} paragraph.\n", encoding="utf-8")


@dataclass
class Served:
    """Fetches a page every few milliseconds from another thread, once it first has `word`: every later
    fetch without the word is a page taken back (a stale build swapped over a newer page)."""

    dev: Devserver
    url: str
    word: str
    shown: threading.Event = field(default_factory=threading.Event)
    lost: int = 0
    done: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.done.is_set():
            code, _, body = fetch(self.dev.port, self.url)
            if code == 200 and self.word in body:
                self.shown.set()
            elif self.shown.is_set():
                self.lost += 1
            time.sleep(0.02)


def test_a_save_made_while_a_build_runs_is_shown_before_that_build_ends(tmp_path):
    many_news(tmp_path / "content", 500)  # a build of many seconds
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1, timeout=300)
        append(dev.content / "news" / "convening.md", MARKER)
        dev.poll("/news/convening/", lambda s, b: s == 200 and MARKER in b)
        assert status(dev)["building"] is True
        # A front matter edit: the stand-in plans again, with the first save's file read again too.
        word = "Zygodactyl"
        served = Served(dev, "/stories/", f"Hillsborough {word}")
        thread = threading.Thread(target=served.run, daemon=True)
        thread.start()
        story = dev.content / "stories" / "hillsborough-first.md"
        try:
            story.write_text(story.read_text().replace("title: Hillsborough", f"title: Hillsborough {word}"))
            assert served.shown.wait(timeout=300), dev.log.read_text()
            wait_idle(dev, int(status(dev)["build"]) + 1, timeout=300)  # type: ignore[call-overload]
        finally:
            served.done.set()
            thread.join(timeout=10)
        log = dev.log.read_text()
        # Rendered at once while the first save's build still ran: without the stand-in, the second save
        # is read only once that build ends and says so.
        after = log[log.index("rendered at once: news/convening/index.html") :]
        fast = re.search(r"^changed: .*hillsborough-first\.md\nrendered at once: ", after, re.MULTILINE)
        built = re.search(r"^built \d+ pages into ", after, re.MULTILINE)
        assert fast is not None and built is not None and fast.start() < built.start(), log
        assert "saved again while building: building again" in log
        assert served.lost == 0  # the stale build was never published over the newer page
        assert MARKER in fetch(dev.port, "/news/convening/")[2]
        site = tree(dev.output, PAGEFIND_UNSTABLE)
    assert_same_as_preview(site, dev.content, tmp_path / "preview")


def processes_naming(text: str) -> list[int]:
    """The processes whose command line names `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_devserver_killed_during_its_first_build_leaves_no_process_and_the_next_one_builds(tmp_path, how):
    many_news(tmp_path / "content", 300)  # enough for the build to read the content in forked workers
    with running_devserver(tmp_path) as dev:
        deadline = time.monotonic() + 120
        # the devserver, its build process and that process's workers: three generations
        while len(processes_naming(str(dev.output))) < 3:
            assert time.monotonic() < deadline and dev.process.poll() is None, dev.log.read_text()
            time.sleep(0.05)
        dev.process.send_signal(how)
        dev.process.wait(timeout=30)
        deadline = time.monotonic() + 20
        while processes_naming(str(dev.output)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert processes_naming(str(dev.output)) == [], dev.log.read_text()
    with running_devserver(tmp_path) as dev:
        wait_idle(dev, 1, timeout=300)
        assert "waiting for another build" not in dev.log.read_text()
        dev.poll("/news/item-7/", lambda s, b: s == 200 and "Item 7" in b)
