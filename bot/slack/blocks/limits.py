"""Slack's Block Kit size limits, helpers that keep renderers within them, and a payload checker."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

# Documented Block Kit limits (https://api.slack.com/reference/block-kit).
MAX_BLOCKS_MESSAGE = 50
MAX_BLOCKS_VIEW = 100
MAX_SECTION_TEXT = 3000
MAX_SECTION_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ID = 255
MAX_BLOCK_ID = 255
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_OPTIONS = 100
MAX_URL = 3000
MAX_ALT_TEXT = 2000
MAX_INPUT_LABEL = 2000
MAX_VIEW_TITLE = 24
MAX_PRIVATE_METADATA = 3000
MAX_CALLBACK_ID = 255
MAX_MARKDOWN_BLOCK_TEXT = 12000
# chat.postMessage truncates `text` longer than this.
MAX_FALLBACK_TEXT = 40000

NoteBlock = Mapping[str, Any] | Callable[[int], Mapping[str, Any]]


def truncate(text: str, limit: int, note: str = "…") -> str:
    """Cut ``text`` to at most ``limit`` characters, ending with ``note`` when cut.

    Args:
        text: The text to shorten.
        limit: Maximum length of the result (must exceed ``len(note)``).
        note: Appended when the text was cut.

    Returns:
        ``text`` itself when short enough, else its start plus ``note``.
    """
    if len(text) <= limit:
        return text
    if limit <= len(note):
        return note[:limit]
    return text[: limit - len(note)].rstrip() + note


def split_section_text(text: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` characters.

    Splits on paragraph boundaries first, then line boundaries, then hard-cuts a single
    over-long line.

    Args:
        text: Markdown text.
        limit: Maximum length of each piece.

    Returns:
        Non-empty pieces in order (an empty list for blank text).
    """
    pieces: list[str] = []
    current = ""
    for unit in _units(text, limit):
        sep = "\n\n" if unit.startswith("\n\n") else "\n"
        body = unit.lstrip("\n")
        if not current:
            current = body
        elif len(current) + len(sep) + len(body) <= limit:
            current = current + sep + body
        else:
            pieces.append(current)
            current = body
    if current.strip():
        pieces.append(current)
    return [p for p in pieces if p.strip()]


def _units(text: str, limit: int) -> list[str]:
    """Paragraphs, then lines of long paragraphs, then cuts of long lines; marked with their
    separator so the joiner can restore paragraph breaks."""
    units: list[str] = []
    for p_index, para in enumerate(text.strip().split("\n\n")):
        if not para.strip():
            continue
        lines = [para] if len(para) <= limit else para.split("\n")
        for l_index, line in enumerate(lines):
            prefix = "\n\n" if p_index and l_index == 0 else "\n"
            cuts = _cut_line(line, limit)
            units.append(prefix + cuts[0])
            units.extend("\n" + cut for cut in cuts[1:])
    return units


def _cut_line(line: str, limit: int) -> list[str]:
    """Cut an over-long line at spaces where possible, else hard at ``limit``."""
    cuts: list[str] = []
    while len(line) > limit:
        at = line.rfind(" ", 0, limit + 1)
        at = at if at > 0 else limit
        cuts.append(line[:at].rstrip())
        line = line[at:].lstrip()
    return [*cuts, line]


def fit_blocks(
    blocks: Sequence[Mapping[str, Any]],
    limit: int,
    note_block: NoteBlock,
    *,
    keep_last: int = 0,
) -> list[dict[str, Any]]:
    """Return ``blocks`` cut to ``limit`` blocks, with a note block where blocks were dropped.

    Args:
        blocks: The full list of block dicts.
        limit: Maximum number of blocks (MAX_BLOCKS_MESSAGE or MAX_BLOCKS_VIEW).
        note_block: A block dict, or a function of the number of dropped blocks returning one.
        keep_last: How many trailing blocks (e.g. an actions block) must survive the cut.

    Returns:
        A new list of at most ``limit`` blocks.
    """
    if len(blocks) <= limit:
        return [dict(b) for b in blocks]
    tail = [dict(b) for b in blocks[len(blocks) - keep_last :]] if keep_last else []
    room = limit - len(tail) - 1
    head = [dict(b) for b in blocks[: max(room, 0)]]
    dropped = len(blocks) - len(head) - len(tail)
    note = note_block(dropped) if callable(note_block) else note_block
    return [*head, dict(note), *tail]


# -- checking payloads (used by tests on everything sent to the fake Slack API) -------------------


def assert_within_limits(payload: Mapping[str, Any]) -> None:
    """Raise AssertionError naming the first Block Kit limit ``payload`` breaks.

    ``payload`` is a Web API request body (chat.* or views.*); ``blocks`` and ``view`` may be
    JSON strings as in form-encoded requests.
    """
    text = payload.get("text")
    if isinstance(text, str):
        _check(len(text) <= MAX_FALLBACK_TEXT, f"text has {len(text)} chars")
    view = _decoded(payload.get("view"))
    if isinstance(view, dict):
        _check_view(view)
    blocks = _decoded(payload.get("blocks"))
    if isinstance(blocks, list):
        _check(len(blocks) <= MAX_BLOCKS_MESSAGE, f"message has {len(blocks)} blocks")
        for block in blocks:
            _check_block(block)


def _decoded(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _check(ok: bool, problem: str) -> None:
    if not ok:
        msg = f"Block Kit limit exceeded: {problem}"
        raise AssertionError(msg)


def _text_len(obj: Any) -> int:
    if isinstance(obj, dict):
        return len(str(obj.get("text", "")))
    return len(str(obj or ""))


def _check_view(view: dict[str, Any]) -> None:
    blocks = view.get("blocks", [])
    _check(len(blocks) <= MAX_BLOCKS_VIEW, f"view has {len(blocks)} blocks")
    for key in ("title", "submit", "close"):
        if key in view:
            _check(_text_len(view[key]) <= MAX_VIEW_TITLE, f"view {key} over 24 chars")
    _check(
        len(str(view.get("private_metadata", ""))) <= MAX_PRIVATE_METADATA,
        "private_metadata over 3000 chars",
    )
    _check(len(str(view.get("callback_id", ""))) <= MAX_CALLBACK_ID, "callback_id too long")
    for block in blocks:
        _check_block(block)


def _check_block(block: dict[str, Any]) -> None:
    kind = block.get("type")
    _check(isinstance(kind, str), f"block without type: {str(block)[:80]}")
    _check(len(str(block.get("block_id", ""))) <= MAX_BLOCK_ID, "block_id over 255 chars")
    checker = _BLOCK_CHECKS.get(str(kind))
    if checker is not None:
        checker(block)


def _check_section(block: dict[str, Any]) -> None:
    if "text" in block:
        n = _text_len(block["text"])
        _check(n <= MAX_SECTION_TEXT, f"section text has {n} chars")
    fields = block.get("fields", [])
    _check(len(fields) <= MAX_SECTION_FIELDS, f"section has {len(fields)} fields")
    for f in fields:
        _check(_text_len(f) <= MAX_FIELD_TEXT, "section field over 2000 chars")
    _check("text" in block or bool(fields), "section needs text or fields")
    if "accessory" in block:
        _check_element(block["accessory"])


def _check_header(block: dict[str, Any]) -> None:
    _check(block.get("text", {}).get("type") == "plain_text", "header text must be plain_text")
    n = _text_len(block.get("text"))
    _check(n <= MAX_HEADER_TEXT, f"header text has {n} chars")


def _check_context(block: dict[str, Any]) -> None:
    elements = block.get("elements", [])
    _check(0 < len(elements) <= MAX_CONTEXT_ELEMENTS, f"context has {len(elements)} elements")
    for e in elements:
        if e.get("type") in ("mrkdwn", "plain_text"):
            _check(_text_len(e) <= MAX_SECTION_TEXT, "context text over 3000 chars")


def _check_actions(block: dict[str, Any]) -> None:
    elements = block.get("elements", [])
    _check(0 < len(elements) <= MAX_ACTIONS_ELEMENTS, f"actions has {len(elements)} elements")
    for e in elements:
        _check_element(e)


def _check_input(block: dict[str, Any]) -> None:
    _check(_text_len(block.get("label")) <= MAX_INPUT_LABEL, "input label over 2000 chars")
    if "element" in block:
        _check_element(block["element"])


def _check_image(block: dict[str, Any]) -> None:
    _check(len(str(block.get("alt_text", ""))) <= MAX_ALT_TEXT, "image alt_text too long")
    _check(len(str(block.get("image_url", ""))) <= MAX_URL, "image_url too long")


def _check_markdown(block: dict[str, Any]) -> None:
    n = len(str(block.get("text", "")))
    _check(n <= MAX_MARKDOWN_BLOCK_TEXT, f"markdown block has {n} chars")


_BLOCK_CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "section": _check_section,
    "header": _check_header,
    "context": _check_context,
    "actions": _check_actions,
    "input": _check_input,
    "image": _check_image,
    "markdown": _check_markdown,
}


def _check_element(element: dict[str, Any]) -> None:
    _check(len(str(element.get("action_id", ""))) <= MAX_ACTION_ID, "action_id over 255 chars")
    kind = element.get("type")
    if kind == "button":
        _check(element.get("text", {}).get("type") == "plain_text", "button text must be plain")
        n = _text_len(element.get("text"))
        _check(n <= MAX_BUTTON_TEXT, f"button text has {n} chars")
        _check(len(str(element.get("value", ""))) <= MAX_BUTTON_VALUE, "button value too long")
        _check(len(str(element.get("url", ""))) <= MAX_URL, "button url too long")
    options = list(element.get("options", []))
    for group in element.get("option_groups", []):
        options.extend(group.get("options", []))
    _check(len(options) <= MAX_OPTIONS, f"element has {len(options)} options")
    for option in options:
        _check(_text_len(option.get("text")) <= MAX_OPTION_TEXT, "option text over 75 chars")
        _check(len(str(option.get("value", ""))) <= MAX_OPTION_VALUE, "option value too long")
