"""The one style of every picture: the Okabe-Ito palette, signs as colour AND glyph, numbers.

The Okabe-Ito colours stay apart for colour-blind readers; a sign is never shown by
colour alone (signed() writes + or −). `number` is the course's one number formatter
(course_lib.core.explain), re-exported so views need not reach into core for it.
"""
from ..core.explain import number

# --- Okabe-Ito ------------------------------------------------------------------------------
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

# --- what the colours mean --------------------------------------------------------------------
POSITIVE = BLUE                 # a number > 0
NEGATIVE = VERMILLION           # a number < 0
NEUTRAL = "#555555"             # zero, or not known
HIGHLIGHT = BLUISH_GREEN        # what the chosen weight goes through
CURRENT = REDDISH_PURPLE        # the step just computed
INK = "#333333"                 # lines and text that carry no sign
FAINT = "#b0b0b0"               # edges that are not highlighted
CORRECT_GREY = "#8c8c8c"        # the correct pass, next to a mistaken one (which is VERMILLION)


def signed(value, digits=4):
    """+0.5125 or −0.08001: the sign always written, with a real minus sign."""
    text = f"{abs(value):.{digits}g}"
    return ("−" if value < 0 else "+") + text


def colour_of(value):
    """POSITIVE, NEGATIVE, or NEUTRAL for zero and None."""
    return NEUTRAL if value is None or value == 0 else (POSITIVE if value > 0 else NEGATIVE)


__all__ = ["BLACK", "ORANGE", "SKY_BLUE", "BLUISH_GREEN", "YELLOW", "BLUE", "VERMILLION",
           "REDDISH_PURPLE", "POSITIVE", "NEGATIVE", "NEUTRAL", "HIGHLIGHT", "CURRENT", "INK",
           "FAINT", "CORRECT_GREY", "signed", "colour_of", "number"]
