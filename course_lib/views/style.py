"""The one style of every picture: the Okabe-Ito palette, signs as colour AND glyph, numbers.

The Okabe-Ito colours stay apart for colour-blind readers; a sign is never shown by
colour alone (signed() writes + or −). Text in a colour must stay readable on white
(contrast at least 4.5:1), so the negative colour used for text is the Okabe-Ito
vermillion darkened, same hue. `number` is the course's one number formatter
(course_lib.core.explain), re-exported so views need not reach into core for it.
Text sizes come from text_width (the metrics of Arial and Liberation Sans, the fonts
FONT names), so a picture makes room for its labels before a browser draws them.
"""
from functools import lru_cache

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
#: VERMILLION darkened (each channel x 0.84, the same hue): 5.2:1 on white, for text.
VERMILLION_TEXT = "#B34F00"

# --- what the colours mean --------------------------------------------------------------------
POSITIVE = BLUE                 # a number > 0 (5.2:1 on white)
NEGATIVE = VERMILLION_TEXT      # a number < 0, written in text (5.2:1 on white)
NEUTRAL = "#555555"             # zero, or not known
HIGHLIGHT = BLUISH_GREEN        # what the chosen weight goes through (lines and rings only)
CURRENT = REDDISH_PURPLE        # the step just computed (lines and rings only)
INK = "#333333"                 # lines and text that carry no sign
FAINT = "#8c8c8c"               # edges that are not highlighted (3.4:1 on white: a line needs 3)
CORRECT_GREY = "#8c8c8c"        # the correct pass, next to a mistaken one (which is VERMILLION)

# --- text ---------------------------------------------------------------------------------------
#: Every diagram's font: Liberation Sans (Linux) and Arial (macOS, Windows) share their metrics.
FONT = "'Liberation Sans', Arial, Helvetica, sans-serif"
_WIDTHS = {**dict.fromkeys("0123456789+−=_#$?LaTbdeghnopqu", 556), **dict.fromkeys(".,/ tfI!", 278),
           **dict.fromkeys("ijl", 222), **dict.fromkeys("ckszvxyJ", 500), **dict.fromkeys("-r()", 333),
           **dict.fromkeys("ABEKPSVXY", 667), **dict.fromkeys("CDHNRUw", 722),
           **dict.fromkeys("FTZ", 611), **dict.fromkeys("GOQ", 778), "M": 833, "m": 833, "W": 944,
           "∂": 494, "*": 389}


@lru_cache(maxsize=4096)
def text_width(text, size=14, bold=False):
    """The width in px of `text` written in FONT at `size` px (bold: about 8 % wider)."""
    units = sum(_WIDTHS.get(c, 600) for c in text)
    return units * size / 1000 * (1.08 if bold else 1.0)


def signed(value, digits=4):
    """+0.5125 or −0.08001: the sign always written, with a real minus sign."""
    text = f"{abs(value):.{digits}g}"
    return ("−" if value < 0 else "+") + text


def colour_of(value):
    """POSITIVE, NEGATIVE, or NEUTRAL for zero and None."""
    return NEUTRAL if value is None or value == 0 else (POSITIVE if value > 0 else NEGATIVE)


def contrast(colour, background="#ffffff"):
    """The WCAG contrast ratio of two '#rrggbb' colours (1 to 21)."""
    def luminance(hex_colour):
        channels = [int(hex_colour[k:k + 2], 16) / 255 for k in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


__all__ = ["BLACK", "ORANGE", "SKY_BLUE", "BLUISH_GREEN", "YELLOW", "BLUE", "VERMILLION",
           "VERMILLION_TEXT", "REDDISH_PURPLE", "POSITIVE", "NEGATIVE", "NEUTRAL", "HIGHLIGHT",
           "CURRENT", "INK", "FAINT", "CORRECT_GREY", "FONT", "text_width", "signed", "colour_of",
           "contrast", "number"]
