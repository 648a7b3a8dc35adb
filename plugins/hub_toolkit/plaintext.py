"""The plain-text download: an ordinance's blocks as text that reads well in any editor or email.

Reads the blocks of `blocks.blocks_of()`; writes nothing. Section headings are underlined, list items keep
their numbers or a dash and are indented by depth, paragraphs continuing an item are indented under it,
quotations start with "> ", preformatted text is indented four spaces. Lines are not wrapped, so the text
pastes cleanly into a word processor.
"""

from __future__ import annotations

from collections.abc import Sequence

from .blocks import Block, Run

INDENT = "    "
LISTED = frozenset({"bullet", "number"})


def header(title: str, source_line: str) -> str:
    """The title, underlined, and the source on the next line, then a blank line before the text.

    theme/static/js/fill.js copies the text after the first blank line: keep the header free of them.
    """
    return f"{title}\n{'=' * len(title)}\n{source_line}\n\n"


def plain_text(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            out.append("\n" if _tight(previous, block) else "\n\n")
        out.append(_block(block))
        previous = block
    return "".join(out) + "\n" if out else ""


def _tight(previous: Block, block: Block) -> bool:
    """List items (and paragraphs continuing them) follow each other without a blank line, as do rows."""
    if previous.kind == block.kind == "row":
        return True
    return _listed(previous) and _listed(block)


def _listed(block: Block) -> bool:
    return block.kind in LISTED or (block.kind == "paragraph" and block.level > 0)


def _block(block: Block) -> str:
    quote = "> " * block.quote
    if block.kind == "rule":
        return quote + "* * *"
    if block.kind == "code":
        return "\n".join(quote + INDENT + line for line in block.text.split("\n"))
    text = _text(block.runs)
    if block.kind == "heading":
        underline = {1: "=", 2: "=", 3: "-"}.get(block.level)
        return quote + text + (f"\n{quote}{underline * len(text)}" if underline else "")
    if block.kind == "bullet":
        first = INDENT * block.level + "- "
    elif block.kind == "number":
        first = INDENT * block.level + f"{block.number}. "
    else:
        first = INDENT * block.level
    rest = " " * len(first)
    lines = text.split("\n")
    return "\n".join(quote + (first if i == 0 else rest) + line for i, line in enumerate(lines))


def _text(runs: Sequence[Run]) -> str:
    return "".join(f"[{run.text}]" if run.superscript else run.text for run in runs)
