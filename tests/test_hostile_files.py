"""Hostile files in the content folder: links out of it, special files, and files under images/ and
files/ that are not what their names say. The check and the build must refuse the same things, and a
refused build must publish nothing."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image

from hub_build.guard import mark_site
from hub_content.errors import excerpt
from hub_content.files import check_files
from tests.sitekit import build, hub, tree, write_site

ACCEPTS = (
    "files/ accepts .pdf .docx .xlsx .pptx .odt .ods .odp .doc .xls .ppt .csv .txt and images "
    "(.png .jpg .jpeg .gif .webp .avif)"
)
IMAGES_ACCEPT = "images/ accepts images (.png .jpg .jpeg .gif .webp .avif)"
OUTSIDE = "outside the content folder: replace the link with the file itself"
SECRET = "hub-test-secret-9f3a1c"  # put in the build's environment: /proc/self/environ would show it


def run_check(content: Path) -> tuple[int, list[str]]:
    """`python -m hub_build check`, with a timeout: a reader that opens a FIFO would wait forever."""
    result = hub("check", "-i", str(content), timeout=60)
    lines = result.stderr.splitlines()
    return result.returncode, [line.replace(f"{content}/", "") for line in lines[:-1]]


def static_errors(root: Path) -> list[str]:
    """The errors of the content-file check alone, relative to `root`."""
    found = check_files(root, ("images", "files"))
    return [f"{os.path.relpath(e.path, root)}:{e.line}: {e.message}" for e in sorted(found.errors)]


def png_bytes(size: tuple[int, int] = (20, 10), mode: str = "RGB", fmt: str = "PNG") -> bytes:
    data = io.BytesIO()
    Image.new(mode, size).save(data, fmt)
    return data.getvalue()


def docx_bytes() -> bytes:
    data = io.BytesIO()
    docx.Document().save(data)
    return data.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return data.getvalue()


def odf_bytes(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    return zip_bytes({"mimetype": mimetype, "content.xml": b"<office:document-content/>"})


def ole_bytes(stream: str) -> bytes:
    """The OLE signature and a directory entry naming one stream, as Office 97-2003 files have."""
    entry = stream.encode("utf-16-le") + b"\0\0"
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + entry.ljust(128, b"\0")


def write(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
GOOD = {
    "files/brief.pdf": PDF,
    "files/report-2024.docx": docx_bytes(),
    "files/notes.odt": odf_bytes(),
    "files/old_memo.doc": ole_bytes("WordDocument"),
    "files/budget.xls": ole_bytes("Workbook"),
    "files/rents.csv": "city,rent\nDurham,1200\tusd\r\nCarrboro,1€\n".encode(),
    "files/2024/minutes.txt": b"\xef\xbb\xbfMinutes\n",
    "files/chart.png": png_bytes(),
    "images/photo.png": png_bytes(),
    "images/Photo_2.jpg": png_bytes(fmt="JPEG"),
    "images/anim.gif": png_bytes(mode="P", fmt="GIF"),
    "images/pic.webp": png_bytes(fmt="WEBP"),
}


def test_files_of_every_accepted_type_pass(tmp_path):
    assert static_errors(write(tmp_path, GOOD)) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "files/x.pdf",
            b"<html><script>alert(1)</script></html>",
            "this is not a PDF (it does not start with '%PDF-'): save or export it again as PDF",
        ),
        (
            "files/x.pdf",
            b"%PDF-1.4\n<script>alert(1)</script>",
            "this PDF is cut short (no '%%EOF' at its end): save or export it again as PDF",
        ),
        (
            "images/x.png",
            b"just some text",
            "this is not a PNG image that can be read: export it again as png",
        ),
        ("images/x.jpg", png_bytes(), "this is not a JPEG image that can be read: export it again as jpg"),
        (
            "images/x.png",
            png_bytes((400, 400))[:300],
            "this is not a PNG image that can be read: export it again as png",
        ),
        (
            "images/x.png",
            png_bytes((10000, 5000), mode="1"),
            "the image is 10000×5000 pixels: resize it to at most 40 megapixels",
        ),
        (
            "images/x.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            f"SVG files can carry scripts, so they are not published: convert it to PNG ({IMAGES_ACCEPT})",
        ),
        (
            "files/x.svg",
            b"<svg/>",
            f"SVG files can carry scripts, so they are not published: convert it to PNG ({ACCEPTS})",
        ),
        ("files/app.js", b"alert(1)", f"'.js' files are not published: {ACCEPTS}"),
        ("files/page.html", b"<script>alert(1)</script>", f"'.html' files are not published: {ACCEPTS}"),
        ("files/x.mjs", b"export {}", f"'.mjs' files are not published: {ACCEPTS}"),
        ("files/x.exe", b"MZ\x90\x00", f"'.exe' files are not published: {ACCEPTS}"),
        (
            "files/bundle.zip",
            zip_bytes({"a.txt": b"a"}),
            f"archives are not published: upload the files inside it one by one ({ACCEPTS})",
        ),
        (
            "images/brief.pdf",
            PDF,
            f"'.pdf' files are not published: {IMAGES_ACCEPT}",
        ),
        ("files/README", b"hello", f"'README' has no extension: {ACCEPTS}"),
        (
            "files/.htaccess",
            b"AddHandler cgi-script .pdf",
            "hidden files (name starting with '.') are never published: delete it or rename it",
        ),
        (
            "images/.DS_Store",
            b"\0\0\0\1Bud1",
            "hidden files (name starting with '.') are never published: delete it or rename it",
        ),
        (
            "files/x.docx",
            zip_bytes({"word/document.xml": b"<w:document/>"}),
            "this is not a Word file (its contents do not say so): save it again as Word (.docx)",
        ),
        (
            "files/x.xlsx",
            docx_bytes(),
            "this is not a Excel file (its contents do not say so): save it again as Excel (.xlsx)",
        ),
        ("files/x.docx", b"<html></html>", "this is not a Word file: save it again as Word (.docx)"),
        (
            "files/x.docx",
            b"PK\x03\x04 not really a zip",
            "this is not a Word file (the archive is damaged): save it again as Word (.docx)",
        ),
        (
            "files/x.odt",
            odf_bytes(b"text/html"),
            "this is not a OpenDocument text file (its contents do not "
            "say so): save it again as OpenDocument text (.odt)",
        ),
        (
            "files/x.ods",
            odf_bytes(),
            "this is not a OpenDocument spreadsheet file (its contents do not say "
            "so): save it again as OpenDocument spreadsheet (.ods)",
        ),
        (
            "files/x.doc",
            ole_bytes("Workbook"),
            "this is not a Word file (it holds another Office format): save it again as .doc",
        ),
        (
            "files/x.csv",
            b"a,b\n1,\x01\n",
            "the control character U+0001 is not allowed in CSV: remove it (tabs and line breaks are fine)",
        ),
        (
            "files/x.txt",
            b"ok\nok\n\x1b[2Jcleared",
            "the control character U+001B is not allowed in plain "
            "text: remove it (tabs and line breaks are fine)",
        ),
        ("files/x.txt", b"caf\xe9\n", "the file is not UTF-8 text (byte 0xe9): save it as UTF-8"),
        (
            "files/Rent Brief.pdf",
            PDF,
            "the file name 'Rent Brief.pdf' is not safe on the web: rename it to "
            "'Rent-Brief.pdf' (letters, digits, '-' and '_', at most 100 characters)",
        ),
        (
            "files/x.php.pdf",
            PDF,
            "the file name 'x.php.pdf' is not safe on the web: rename it to "
            "'x-php.pdf' (letters, digits, '-' and '_', at most 100 characters)",
        ),
        (
            "files/-rf.pdf",
            PDF,
            "the file name '-rf.pdf' is not safe on the web: rename it to 'rf.pdf' "
            "(letters, digits, '-' and '_', at most 100 characters)",
        ),
        ("files/X.PDF", PDF, "the extension must be lowercase: rename it to X.pdf"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(tmp_path, name, data, message):
    line = 3 if name == "files/x.txt" and b"\x1b" in data else 2 if name == "files/x.csv" else 1
    assert static_errors(write(tmp_path, {name: data})) == [f"{name}:{line}: {message}"]


def test_office_files_with_macros_are_refused(tmp_path):
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as original:
        members = {n: original.read(n) for n in original.namelist()}
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0"
    write(
        tmp_path,
        {
            "files/x.docx": zip_bytes(members),
            "files/y.xls": ole_bytes("Workbook") + "_VBA_PROJECT".encode("utf-16-le"),
        },
    )
    assert static_errors(tmp_path) == [
        "files/x.docx:1: this Word file contains macros: save it again as Word (.docx) without macros",
        "files/y.xls:1: this Excel file contains macros: save it again without macros",
    ]


def test_folders_under_files_need_safe_names_and_hidden_ones_are_refused(tmp_path):
    write(tmp_path, {"files/2024/a.pdf": PDF, "files/.git/config": b"x", "images/_w/x-480.png": png_bytes()})
    assert static_errors(tmp_path) == [
        "files/.git:1: hidden folders (name starting with '.') are never published: delete it or rename it",
        "images/_w:1: the folder name '_w' is not safe on the web: rename it to 'w' (letters, digits, '-' "
        "and '_', at most 100 characters)",
    ]


def test_a_static_folder_that_is_a_file_is_refused(tmp_path):
    write(tmp_path, {"files": b"<script>alert(1)</script>"})
    assert static_errors(tmp_path) == ["files:1: files must be a folder: rename this file"]


def test_a_name_with_control_characters_is_shown_escaped(tmp_path):
    write(tmp_path, {"files/\x1b[31mred.pdf": PDF})
    assert static_errors(tmp_path) == [
        "files/\\x1b[31mred.pdf:1: the name holds control or invalid characters: rename it"
    ]


# Links and special files, through the command line: `make check` refuses them before reading anything.


def _outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.md"
    secret.write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n")
    return secret


# Each case: what to do to a valid content folder (and the folder around it), and the one error expected;
# "<outside>" stands for the folder around the content folder; a long target is shown elided.
LINK_CASES = {
    "absolute link out": (
        lambda c, t: os.symlink("/proc/self/environ", c / "files/env.pdf"),
        f"files/env.pdf:1: this is a link to '/proc/self/environ', {OUTSIDE}",
    ),
    "relative link out": (
        lambda c, t: (_outside_file(t), os.symlink("../../secret.md", c / "files/notes.txt")),
        f"files/notes.txt:1: this is a link to '../../secret.md', {OUTSIDE}",
    ),
    "loop": (
        lambda c, t: os.symlink("loop.pdf", c / "files/loop.pdf"),
        "files/loop.pdf:1: this link leads back to itself (a loop): remove the link",
    ),
    "dangling": (
        lambda c, t: os.symlink("gone.pdf", c / "files/old.pdf"),
        "files/old.pdf:1: this is a link to 'gone.pdf', which does not exist: remove the link",
    ),
    "folder link out": (
        lambda c, t: os.symlink("../..", c / "images/outside"),
        f"images/outside:1: this is a link to '../..', {OUTSIDE}",
    ),
    "folder link in": (
        lambda c, t: os.symlink("../files", c / "images/files"),
        "images/files:1: this is a link to a folder: move the files into the folder itself, not a link",
    ),
    "document folder is a link": (
        lambda c, t: (_outside_file(t), _replace_with_link(c / "stories", Path(".."))),
        f"stories:1: this is a link to '..', {OUTSIDE}",
    ),
    "Markdown source is a link": (
        lambda c, t: (_outside_file(t), os.symlink("../../secret.md", c / "stories/leak.md")),
        f"stories/leak.md:1: this is a link to '../../secret.md', {OUTSIDE}",
    ),
    "jurisdictions file is a link": (
        lambda c, t: _replace_with_link(c / "jurisdictions/nc.yaml", _outside_file(t)),
        f"jurisdictions/nc.yaml:1: this is a link to '<outside>/secret.md', {OUTSIDE}",
    ),
    "link to a hidden file": (
        lambda c, t: (
            write(c, {".private/key.pdf": PDF}),
            os.symlink("../.private/key.pdf", c / "files/k.pdf"),
        ),
        "files/k.pdf:1: this is a link to '../.private/key.pdf', to a hidden file: replace the link with the "
        "file itself",
    ),
    "FIFO in files": (
        lambda c, t: os.mkfifo(c / "files/pipe.pdf"),
        "files/pipe.pdf:1: this is a named pipe (FIFO), not a regular file: remove it",
    ),
    "FIFO as a Markdown source": (
        lambda c, t: os.mkfifo(c / "stories/pipe.md"),
        "stories/pipe.md:1: this is a named pipe (FIFO), not a regular file: remove it",
    ),
    "FIFO in an unknown folder": (
        lambda c, t: (os.mkdir(c / "drafts"), os.mkfifo(c / "drafts/pipe.md")),
        "drafts/pipe.md:1: this is a named pipe (FIFO), not a regular file: remove it",
    ),
}


def elided(text: str) -> str:
    """A long name as messages show it (hub_content.errors.excerpt): the middle left out."""
    return excerpt(text)


def _replace_with_link(path: Path, target: Path) -> None:
    if path.is_dir():
        for child in path.iterdir():
            child.unlink()
        path.rmdir()
    else:
        path.unlink()
    os.symlink(str(target), path)


@pytest.mark.parametrize("case", list(LINK_CASES))
def test_links_out_of_the_folder_and_special_files_are_refused_by_the_check(tmp_path, case):
    make, expected = LINK_CASES[case]
    content, outside = write_site(tmp_path / "site" / "content"), tmp_path / "site"
    make(content, outside)
    status, lines = run_check(content)
    assert status == 1
    assert lines == [expected.replace("<outside>/secret.md", elided(str(outside / "secret.md")))]
    assert SECRET not in "\n".join(lines)


def test_a_link_inside_the_folder_is_allowed_and_checked_as_its_own_name(tmp_path):
    content = write_site(tmp_path / "content")
    os.symlink("brief.pdf", content / "files/copy.pdf")
    os.symlink("../files/brief.pdf", content / "files/2024-brief.pdf")
    os.symlink("brief.pdf", content / "files/brief.html")
    status, lines = run_check(content)
    assert (status, lines) == (1, [f"files/brief.html:1: '.html' files are not published: {ACCEPTS}"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its permissions")
def test_an_unreadable_file_is_refused(tmp_path):
    content = write_site(tmp_path / "content")
    (content / "stories/hillsborough-first.md").chmod(0)
    (content / "files/brief.pdf").chmod(0)
    status, lines = run_check(content)
    assert status == 1 and lines == [
        "files/brief.pdf:1: this file cannot be read (permission denied): make it readable",
        "stories/hillsborough-first.md:1: this file cannot be read (permission denied): make it readable",
    ]


# The real build: refused files fail it, and nothing is published.


def test_a_build_with_hostile_files_fails_and_leaves_the_published_site_untouched(tmp_path, monkeypatch):
    monkeypatch.setenv("HUB_TEST_SECRET", SECRET)
    content, out = write_site(tmp_path / "content"), tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("the site published before")
    mark_site(out)
    before = tree(out)
    os.symlink("/proc/self/environ", content / "files/env.pdf")
    write(content, {"files/page.html": b"<script>alert(1)</script>", "files/.htaccess": b"Options +ExecCGI"})
    write(content, {"images/logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'})
    result = build(content, out)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:4] == [
        f"{content}/files/.htaccess:1: hidden files (name starting with '.') are never published: delete it "
        "or rename it",
        f"{content}/files/env.pdf:1: this is a link to '/proc/self/environ', {OUTSIDE}",
        f"{content}/files/page.html:1: '.html' files are not published: {ACCEPTS}",
        f"{content}/images/logo.svg:1: SVG files can carry scripts, so they are not published: convert it "
        f"to PNG ({IMAGES_ACCEPT})",
    ]
    assert tree(out) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left
    everything = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink())
    assert SECRET.encode() not in everything + result.stdout.encode() + result.stderr.encode()


def test_a_link_inside_the_folder_is_published_as_a_regular_file(tmp_path):
    content, out = write_site(tmp_path / "content"), tmp_path / "out"
    os.symlink("../files/brief.pdf", content / "files/latest.pdf")
    os.symlink("photo.png", content / "images/cover.png")
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    for published, source in (
        ("files/latest.pdf", "files/brief.pdf"),
        ("images/cover.png", "images/photo.png"),
    ):
        assert not (out / published).is_symlink()
        assert (out / published).read_bytes() == (content / source).read_bytes()


def test_a_huge_source_file_is_refused_before_it_is_read(tmp_path):
    content = write_site(tmp_path / "content")
    story = content / "stories/hillsborough-first.md"
    with story.open("a") as handle:  # sparse: the check must refuse it by its size alone
        handle.truncate(3 * 2**30)
    status, lines = run_check(content)
    assert (status, lines) == (
        1,
        [
            "stories/hillsborough-first.md:1: the file is over 2 MB, more than any document needs: split "
            "it, or move data into files/"
        ],
    )


def test_names_differing_only_by_case_are_refused_by_the_check_as_by_the_build(tmp_path):
    content = write_site(tmp_path / "content")
    write(content, {"files/Brief.pdf": PDF, "files/2024/a.pdf": PDF, "files/2024/A.pdf": PDF})
    status, lines = run_check(content)
    assert (status, lines) == (
        1,
        [
            "files/2024/a.pdf:1: this name differs from files/2024/A.pdf only by upper and lower case, and "
            "many disks keep one file for both: rename one of them",
            "files/brief.pdf:1: this name differs from files/Brief.pdf only by upper and lower case, and "
            "many disks keep one file for both: rename one of them",
        ],
    )
