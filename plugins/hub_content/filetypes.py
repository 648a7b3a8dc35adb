"""What a file under images/ or files/ really is: its name's extension and its bytes must agree.

Reads one regular file at a time (its first bytes; a Zip's directory and one small member; a text file
whole; an image decoded by Pillow); writes nothing. The accepted types are an explicit list: anything
else, including every type a browser would run (HTML, SVG, JavaScript), is refused with the list of what
is accepted. Checks are written here rather than taken from a type-guessing library, because guessing
from the first bytes is not enough: a Zip holding `word/document.xml` is guessed to be a Word file
whatever its manifest says, and the extension must name the same type the bytes are.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, features

MAX_BYTES = 100 * 1024 * 1024  # GitHub refuses larger files; a download this big belongs elsewhere
MAX_PIXELS = 40_000_000  # 8000 × 5000: larger ones are slow to resize and may be decompression bombs
MANIFEST_LIMIT = 1024 * 1024  # bytes of a Zip member read to check it, so a Zip bomb stays harmless

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word, Excel and PowerPoint 97-2003
ZIP = b"PK\x03\x04"
PDF_HEADER = re.compile(rb"%PDF-(1\.[0-7]|2\.0)\s")
PDF_END = b"%%EOF"
ALLOWED_CONTROLS = frozenset("\t\r\n")


@dataclass(frozen=True)
class FileType:
    name: str  # as people know it: "PDF", "Word document"
    check: Callable[[Path, str], str | None]  # (file, extension) -> what is wrong, or None


def _image(path: Path, ext: str) -> str | None:
    """Pillow must read it as the format its extension names, and decode every pixel."""
    expected = IMAGE_FORMATS[ext]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=[expected]) as image:
                if image.width * image.height > MAX_PIXELS:
                    return _too_large(image.width, image.height)
                image.verify()
            with Image.open(path, formats=[expected]) as image:
                # verify() reads the structure; only decoding finds cut-off pixel data. A JPEG is decoded
                # at 1/8 scale: every byte is still read, at a third of the time.
                image.draft(image.mode, (1, 1))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"the image is larger than {MAX_PIXELS // 1_000_000} megapixels: resize it"
    except Exception:  # Pillow raises many kinds (OSError, SyntaxError, ValueError...) for broken data
        return f"this is not a {IMAGE_FORMATS[ext]} image that can be read: export it again as {ext[1:]}"
    return None


def _too_large(width: int, height: int) -> str:
    return f"the image is {width}×{height} pixels: resize it to at most {MAX_PIXELS // 1_000_000} megapixels"


def _pdf(path: Path, _ext: str) -> str | None:
    with path.open("rb") as file:
        head = file.read(16)
        file.seek(max(0, path.stat().st_size - 1024))
        tail = file.read()
    if not PDF_HEADER.match(head):
        return "this is not a PDF (it does not start with '%PDF-'): save or export it again as PDF"
    if PDF_END not in tail:
        return "this PDF is cut short (no '%%EOF' at its end): save or export it again as PDF"
    return None


OOXML_MAIN = {
    ".docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
ODF_MIMETYPE = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
    ".odp": b"application/vnd.oasis.opendocument.presentation",
}


def _zip_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """A small member's bytes; None if missing or too large to be what it claims."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MANIFEST_LIMIT:
        return None
    with archive.open(info) as member:
        return member.read(MANIFEST_LIMIT + 1)[:MANIFEST_LIMIT]


def _office_zip(path: Path, ext: str) -> str | None:
    """OOXML names its main part in [Content_Types].xml; OpenDocument starts with a `mimetype` member."""
    what = OFFICE_NAMES[ext]
    again = f"save it again as {what} ({ext})"
    with path.open("rb") as file:
        if file.read(4) != ZIP:
            return f"this is not a {what} file: {again}"
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if ext in OOXML_MAIN:
                manifest = _zip_member(archive, "[Content_Types].xml") or b""
                ok = _names_main_part(manifest, OOXML_MAIN[ext])
            else:
                ok = bool(names) and names[0] == "mimetype"
                ok = ok and _zip_member(archive, "mimetype") == ODF_MIMETYPE[ext]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, NotImplementedError, RuntimeError):
        return f"this is not a {what} file (the archive is damaged): {again}"
    if not ok:
        return f"this is not a {what} file (its contents do not say so): {again}"
    if any(_is_macro(name) for name in names):
        return f"this {what} file contains macros: {again} without macros"
    return None


def _names_main_part(manifest: bytes, content_type: bytes) -> bool:
    """The manifest gives some part the format's main content type (an attribute, either quote)."""
    return any(b"ContentType=" + q + content_type + q in manifest for q in (b'"', b"'"))


def _is_macro(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith("vbaproject.bin") or lowered.startswith(("basic/", "scripts/"))


OLE_STREAMS = {  # the stream each 97-2003 format keeps its content in, as the OLE directory spells it
    ".doc": ("WordDocument",),
    ".xls": ("Workbook", "Book"),
    ".ppt": ("PowerPoint Document",),
}


def _office_ole(path: Path, ext: str) -> str | None:
    """A 97-2003 Office file: the OLE signature, and its directory names the format's main stream."""
    what = OFFICE_NAMES[ext]
    data = path.read_bytes()
    if not data.startswith(OLE):
        return f"this is not a {what} file: save it again as {what} ({ext})"
    # Directory entries hold UTF-16 names padded with zeros; a name followed by a zero is an entry.
    if not any(s.encode("utf-16-le") + b"\0\0" in data for s in OLE_STREAMS[ext]):
        return f"this is not a {what} file (it holds another Office format): save it again as {ext}"
    if "_VBA_PROJECT".encode("utf-16-le") in data:
        return f"this {what} file contains macros: save it again without macros"
    return None


def text_problem(data: bytes, what: str = "plain text") -> tuple[int, str] | None:
    """(line, what is wrong) for bytes that are not plain UTF-8 text, else None."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        return where, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}): save it as UTF-8"
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            if char not in ALLOWED_CONTROLS and unicodedata.category(char) == "Cc":
                return number, (
                    f"the control character U+{ord(char):04X} is not allowed in {what}: "
                    "remove it (tabs and line breaks are fine)"
                )
    return None


IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
if features.check("avif"):  # AVIF decoding depends on how Pillow was built
    IMAGE_FORMATS[".avif"] = "AVIF"
OFFICE_NAMES = {
    ".docx": "Word",
    ".doc": "Word",
    ".xlsx": "Excel",
    ".xls": "Excel",
    ".pptx": "PowerPoint",
    ".ppt": "PowerPoint",
    ".odt": "OpenDocument text",
    ".ods": "OpenDocument spreadsheet",
    ".odp": "OpenDocument presentation",
}

IMAGES = {ext: FileType(f"{fmt} image", _image) for ext, fmt in IMAGE_FORMATS.items()}
TEXT = {".csv": "CSV", ".txt": "plain text"}
DOWNLOADS = {
    ".pdf": FileType("PDF", _pdf),
    **{e: FileType(OFFICE_NAMES[e], _office_zip) for e in (*OOXML_MAIN, *ODF_MIMETYPE)},
    **{e: FileType(OFFICE_NAMES[e], _office_ole) for e in OLE_STREAMS},
    **IMAGES,
}
ACCEPTED: dict[str, frozenset[str]] = {
    "images": frozenset(IMAGES),
    "files": frozenset(DOWNLOADS) | frozenset(TEXT),
}


def accepted_list(folder: str) -> str:
    """The accepted extensions of a static folder, grouped for error messages."""
    images = f"images ({' '.join(IMAGES)})"
    if folder == "images":
        return images
    documents = [e for e in DOWNLOADS if e not in IMAGES] + list(TEXT)
    return f"{' '.join(documents)} and {images}"


def content_problem(path: Path, ext: str) -> tuple[int, str] | None:
    """(line, what is wrong) if the regular file at `path` is not the type `ext` names, else None.

    `ext` must be one of the accepted extensions (lowercase); the caller checked the file is regular.
    """
    if ext in TEXT:
        return text_problem(path.read_bytes(), TEXT[ext])
    problem = DOWNLOADS[ext].check(path, ext)
    return (1, problem) if problem else None
