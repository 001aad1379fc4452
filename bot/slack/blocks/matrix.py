"""The 2x2 strategy matrix as a PNG: location x who does the work, scores in each quadrant."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from bot.models import Evaluation, Strategy

WIDTH = 760
HEIGHT = 520
_MARGIN_LEFT = 130
_MARGIN_TOP = 90
_PAD = 10

# (row, column): rows are onshore/offshore, columns insourcing/outsourcing, as in the article.
QUADRANTS: dict[Strategy, tuple[int, int]] = {
    "onshore_insourcing": (0, 0),
    "onshore_outsourcing": (0, 1),
    "offshore_insourcing": (1, 0),
    "offshore_outsourcing": (1, 1),
}
COLUMN_TITLES = ("Done internally", "Done externally")
ROW_TITLES = ("Onshore", "Offshore")

_BACKGROUND = (255, 255, 255)
_GRID = (90, 90, 90)
_CELL = (240, 242, 245)
_RECOMMENDED = (200, 235, 205)
_RECOMMENDED_EDGE = (30, 130, 60)
_TEXT = (20, 20, 20)
_MUTED = (90, 90, 90)
_WARNING = (180, 90, 0)


def render_matrix_png(evaluation: Evaluation) -> bytes:
    """Draw the 2x2 matrix with each strategy's rank and score; the recommended one highlighted.

    Args:
        evaluation: The scoring result.

    Returns:
        PNG bytes (uses Pillow's built-in default font, nothing downloaded).
    """
    image = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.load_default(size=22)
    big_font = ImageFont.load_default(size=40)
    font = ImageFont.load_default(size=16)
    draw.text(
        (_PAD * 2, _PAD * 2), "Sourcing strategies: score out of 100", font=title_font, fill=_TEXT
    )
    cell_w = (WIDTH - _MARGIN_LEFT - _PAD * 2) // 2
    cell_h = (HEIGHT - _MARGIN_TOP - _PAD * 2) // 2
    for col, title in enumerate(COLUMN_TITLES):
        x = _MARGIN_LEFT + col * cell_w + cell_w // 2
        draw.text((x, _MARGIN_TOP - 14), title, font=font, fill=_MUTED, anchor="ms")
    for row, title in enumerate(ROW_TITLES):
        y = _MARGIN_TOP + row * cell_h + cell_h // 2
        draw.text((_MARGIN_LEFT - 14, y), title, font=font, fill=_MUTED, anchor="rm")
    scores = {score.strategy: score for score in evaluation.ranking}
    for strategy, (row, col) in QUADRANTS.items():
        left = _MARGIN_LEFT + col * cell_w
        top = _MARGIN_TOP + row * cell_h
        box = (left + 4, top + 4, left + cell_w - 4, top + cell_h - 4)
        recommended = strategy == evaluation.recommended
        draw.rectangle(
            box,
            fill=_RECOMMENDED if recommended else _CELL,
            outline=_RECOMMENDED_EDGE if recommended else _GRID,
            width=4 if recommended else 1,
        )
        score = scores.get(strategy)
        cx = left + cell_w // 2
        label = score.label if score is not None else strategy
        name, _, detail_label = label.partition(" (")
        draw.text((cx, top + 26), _fit(name, 34), font=font, fill=_TEXT, anchor="mm")
        if detail_label:
            sub = "(" + detail_label
            draw.text((cx, top + 46), _fit(sub, 34), font=font, fill=_MUTED, anchor="mm")
        if score is None:
            continue
        draw.text((cx, top + cell_h // 2), str(score.score), font=big_font, fill=_TEXT, anchor="mm")
        detail = f"rank {score.rank} · cost {score.cost_range.range}"
        draw.text((cx, top + cell_h - 52), detail, font=font, fill=_MUTED, anchor="mm")
        if recommended:
            draw.text(
                (cx, top + cell_h - 28),
                "recommended",
                font=font,
                fill=_RECOMMENDED_EDGE,
                anchor="mm",
            )
        elif score.warnings:
            draw.text(
                (cx, top + cell_h - 28), "policy warning", font=font, fill=_WARNING, anchor="mm"
            )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def matrix_alt_text(evaluation: Evaluation) -> str:
    """A text description of the matrix image for screen readers."""
    parts = [f"{s.label} {s.score}" for s in evaluation.ranking]
    return "2x2 sourcing matrix, scores out of 100: " + "; ".join(parts)


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
