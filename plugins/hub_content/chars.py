"""Which characters text may contain: one rule for front matter, Markdown bodies and YAML files.

Reads strings; writes nothing. Refused, wherever they come from (typed in the file, or written as a YAML
escape like "\\a" or "\\u202e"):

- control characters other than tab and newline (C0, DEL, C1): invisible, and most are not allowed in
  XML at all, so one in a title would break every feed that lists it;
- U+2028 and U+2029, invisible line and paragraph separators;
- the bidirectional overrides and isolates U+202A-U+202E and U+2066-U+2069: they make text display
  differently from how it is stored, a known spoofing trick; right-to-left text needs none of them;
- surrogates and noncharacters (U+FDD0-U+FDEF, U+FFFE and U+FFFF of every plane), which are not text.

Everything else is text: accents, emoji, right-to-left scripts, combining marks, the U+200E/U+200F
direction marks, U+FEFF.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PLANE_ENDS = "".join(f"{chr(plane << 16 | 0xFFFE)}-{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
    + _PLANE_ENDS
    + "]"
)
FIX = "delete it (most editors do not show it: retype the text around it)"


def kind(char: str) -> str:
    """What the character is, in a few words, for an error message."""
    point = ord(char)
    if point < 0x20 or 0x7F <= point <= 0x9F:
        return "a control character"
    if point in (0x2028, 0x2029):
        return "an invisible line break"
    if 0x202A <= point <= 0x202E or 0x2066 <= point <= 0x2069:
        return "a bidirectional override, which makes text show differently from how it is stored"
    if 0xD800 <= point <= 0xDFFF:
        return "a lone surrogate, which is not text"
    return "a noncharacter, which is not text"


def name(char: str) -> str:
    """`U+0007 (a control character)`."""
    return f"U+{ord(char):04X} ({kind(char)})"


def first(text: str) -> re.Match[str] | None:
    """The first forbidden character in the text, or None."""
    return FORBIDDEN.search(text)


def every(text: str) -> Iterator[re.Match[str]]:
    return FORBIDDEN.finditer(text)
