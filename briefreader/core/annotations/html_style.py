"""How the HTML (and PDF) export looks: the reader's calm page, each note in its colour, and
comments rendered from the Markdown the analyst typed.

The export is opened by someone else, so nothing in it may act: comments are rendered by
markdown-it with raw HTML off, images off (an export never fetches anything) and links kept
only for safe schemes; colours reach the style sheet only as validated ``#rrggbb`` values.
Qt's rich text (the PDF) ignores side borders, so each note also carries a coloured swatch
and a tinted background that both renderers show.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http:", "https:", "mailto:")
FALLBACK_COLOUR = "#9aa0a8"
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
TINT = 0.22  # how much of the note colour the passage's background takes

STYLE = """
body { font-family: 'Segoe UI', 'Noto Sans', 'DejaVu Sans', Helvetica, Arial, sans-serif;
       color: #1f2328; line-height: 1.5; max-width: 46em;
       margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.6em; font-weight: 600; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; font-weight: 600; margin-top: 2em; border-bottom: 1px solid #d8dbe0;
     padding-bottom: 0.2em; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.85em;
       color: #57606a; }
.source { margin-top: 0; }
.note { margin: 1.2em 0; }
blockquote { margin: 0; padding: 0.5em 0.9em; border-left: 4px solid; font-family: Georgia,
             'Noto Serif', 'DejaVu Serif', serif; }
.meta { margin: 0.3em 0 0 0; font-size: 0.9em; color: #57606a; }
.swatch { font-size: 1.1em; }
.comment { margin: 0.3em 0 0 0; }
.comment p { margin: 0.2em 0; }
.tags { margin: 0.2em 0 0 0; font-size: 0.9em; color: #57606a; }
a { color: #1d4ed8; }
"""


def safe_colour(value: str) -> str:
    """``value`` if it is a plain ``#rrggbb`` colour, else a neutral grey: a palette read
    from a store or an import never writes anything else into the style sheet."""
    return value.lower() if _HEX.fullmatch(value or "") else FALLBACK_COLOUR


def tint(colour: str, share: float = TINT) -> str:
    """The colour mixed into white (``share`` of it): a background text stays readable on."""
    colour = safe_colour(colour)
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * share) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    # A comment is a few lines under a passage: no headings competing with the document's,
    # and no images (an export must not fetch anything when opened).
    md.disable(["heading", "lheading", "image", "html_block", "html_inline"])
    md.validateLink = _safe_link  # type: ignore[method-assign]
    return md


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


def render_comment(comment: str) -> str:
    """The comment's Markdown as HTML: emphasis, lists, quotes, code and safe links; every
    other character escaped."""
    return str(_renderer().render(comment))
