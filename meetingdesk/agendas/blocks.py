"""Reading markdown-it's token stream: top-level blocks, their visible text, what a person calls each kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token


def plain_text(tokens: Sequence[Token] | None) -> str:
    """The visible text of inline tokens: markup dropped, whitespace collapsed to single spaces."""
    parts: list[str] = []
    for token in tokens or ():
        if token.type in ("text", "code_inline", "html_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.children:
            parts.append(plain_text(token.children))
    return " ".join("".join(parts).split())


def top_level_blocks(tokens: list[Token]) -> list[list[Token]]:
    """Group the flat token stream into top-level blocks: each opening token up to its close."""
    blocks: list[list[Token]] = []
    depth = 0
    for token in tokens:
        if depth == 0:
            blocks.append([])
        blocks[-1].append(token)
        depth += token.nesting
    return blocks


def block_prompts(block: list[Token]) -> list[str]:
    """Every piece of text inside a section block, one prompt each: bullets, stray paragraphs, quotes, code lines."""
    prompts: list[str] = []
    for token in block:
        if token.type == "inline":
            text = plain_text(token.children)
            if text:
                prompts.append(text)
        elif token.type in ("fence", "code_block"):
            prompts.extend(line.strip() for line in token.content.splitlines() if line.strip())
    return prompts


def describe_block(kind: str) -> str:
    """What a person calls a block of this token kind: "list", "quote", "code block"..."""
    return {
        "bullet_list_open": "list",
        "ordered_list_open": "list",
        "blockquote_open": "quote",
        "fence": "code block",
        "code_block": "indented block",
    }.get(kind, "text")
