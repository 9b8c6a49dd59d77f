"""The WCAG 2 contrast ratio of two colours: how highlight tints keep their text readable,
and how the tests check the page, the highlights and the cards in both themes."""

from __future__ import annotations

from PySide6.QtGui import QColor

# WCAG 2 level AA for body text.
TEXT_CONTRAST = 4.5
# WCAG 2.1 level AA for graphics that carry meaning (an underline marking a type).
NON_TEXT_CONTRAST = 3.0


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)
