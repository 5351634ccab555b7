"""Smaller pages for the same rendering: the indentation Material's templates leave between tags.

Material's Jinja templates indent every navigation item over a dozen lines; with one item per publication in
every page, that whitespace was half of each page at 1000 pages per language (`make bench`). `squeeze()`
reduces to one line break each run of whitespace that follows a tag and contains a line break, and each run
that starts with a line break and precedes a tag. HTML renders a run of collapsible whitespace as one space whatever its length, so the page
looks the same; the content of `pre`, `code`, `kbd` and `textarea` (where whitespace is kept, in Material's
styles too) and of `script` and `style` is left byte for byte (their hashes in the Content-Security-Policy
stay valid). Only ASCII whitespace is touched: a no-break space is text.
"""

from __future__ import annotations

import re

_KEPT_RE = re.compile(r"(<(pre|code|kbd|textarea|script|style)(?=[\s>/]).*?</\2\s*>)", re.S | re.I)
_AFTER_TAG_RE = re.compile(r">[ \t\r\n\f]*\n[ \t\r\n\f]*")
_BEFORE_TAG_RE = re.compile(r"\n[ \t\r\n\f]+<")


def squeeze(html: str) -> str:
    """`html` with the whitespace between tags reduced to line breaks (see the module's docstring)."""
    parts = _KEPT_RE.split(html)  # [text, kept element, its tag name, text, …]
    out = []
    for i in range(0, len(parts), 3):
        out.append(_BEFORE_TAG_RE.sub("\n<", _AFTER_TAG_RE.sub(">\n", parts[i])))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
