"""Content errors as GitHub Actions annotations: `::error file=PATH,line=N::MESSAGE`.

Reads and writes nothing: `hub_build check --format github` prints these lines, and GitHub shows each
error on its file and line in the pull request. Values are escaped by the workflow-command rules: `%`,
CR and LF in the message; also `:` and `,` in the properties.
"""

from __future__ import annotations

from hub_content import ContentError
from hub_content.errors import display_path


def escape_data(value: str) -> str:
    """A workflow command's message: % first, so the escapes themselves are not escaped again."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value (file=..., line=...): as a message, and ':' and ',' too, which separate them."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(error: ContentError, level: str = "error") -> str:
    """`level` is the workflow command: error, or warning for what only `check --strict` refuses."""
    path = escape_property(display_path(error.path))
    return f"::{level} file={path},line={error.line}::{escape_data(error.message)}"
