"""The fragments of generated HTML kept out of the Markdown engine, the page being rendered, and the result.

The generated markup (references, glossary tooltips, paragraph wrappers, banners, metadata, generated
lists) never goes through the Markdown engine: each fragment is replaced by a token of private-use
characters, which Markdown leaves alone, and `Rendered.html()` puts the fragments back into the
converted page. Converting the markup itself cost Python-Markdown twice the time of the author's text
(see bench/README.md). Headings keep their markup inline: the table of contents is built from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..model import Page
from .html import esc, h

# A token is U+E000, the fragment's number written with U+E010…U+E019, U+E001: no character of it is a
# word character or Markdown syntax, so no extension (abbreviations included) changes or splits it.
_TOKEN_DIGITS = str.maketrans("0123456789", "".join(chr(0xE010 + d) for d in range(10)))
_TOKEN_NUMBER = str.maketrans("".join(chr(0xE010 + d) for d in range(10)), "0123456789")
TOKEN_RE = re.compile("(<p>)?\ue000([\ue010-\ue019]+)\ue001(</p>)?")
INLINE, BLOCK, PARA_START, PARA_END = "inline", "block", "para-start", "para-end"


def token(n: int) -> str:
    return "\ue000" + str(n).translate(_TOKEN_DIGITS) + "\ue001"


@dataclass
class PageContext:
    """One page being rendered, in one site language: created for each page, dropped with it.

    `here` is the page's URL (links are relative to it); `page` is None for a generated page without a
    source file (a change page, what's new). `fragments` are the HTML its tokens stand for."""

    lang: str
    here: str
    page: Optional[Page] = None
    fragments: list[tuple[str, str]] = field(default_factory=list)  # kind, HTML
    tips: int = 0  # tooltips given an id so far

    def stash(self, kind: str, html_text: str) -> str:
        """A token standing for `html_text` in the Markdown."""
        self.fragments.append((kind, html_text))
        return token(len(self.fragments) - 1)

    def inline(self, html_text: str) -> str:
        return self.stash(INLINE, html_text)

    def block(self, html_text: str) -> str:
        """A block of HTML, as a line of its own; the caller surrounds it with blank lines."""
        return self.stash(BLOCK, html_text.strip())

    def tip_id(self) -> str:
        """A new id for a glossary tooltip, unique in the page."""
        self.tips += 1
        return f"scoe-tip-{self.tips}"


@dataclass
class Rendered:
    """A page ready for the Markdown engine, and the fragments its tokens stand for."""

    markdown: str
    fragments: list[tuple[str, str]] = field(default_factory=list)  # kind, HTML
    lang: str = ""  # the site's language
    meta: dict[str, Any] = field(default_factory=dict)  # for the templates (page.meta): scoe_pager
    search_title: Optional[str] = None  # the title search results give the page ("SCOE-3.1 · Ch. 2 – …")
    context: str = ""  # breadcrumbs and publication line, put before the h1 (MkDocs takes the title from a first h1)
    permalink: tuple[str, str] = ("", "")  # the headings' permalink title from mkdocs.yml, and in the site's language

    def html(self, converted: str) -> str:
        """The converted page with every token replaced by its fragment.

        An inline fragment replaces its token; a block fragment (a token alone between blank lines)
        replaces the paragraph Markdown made of it; a numbered paragraph's opening wrapper goes before
        the paragraph that starts with its token, and its closing one replaces the paragraph of its own.
        """
        old, new = self.permalink
        if old and new and old != new:  # toc.permalink_title is one value for every language (mkdocs.yml)
            converted = converted.replace(f'title="{old}"', f'title="{esc(new)}"')
        # the title search results give the page (Pagefind's meta "title", not indexed as text); then the context
        head = self.context
        if self.search_title:
            head += h("span", {"hidden": True, "data-pagefind-ignore": True, "data-pagefind-meta": "title"}, self.search_title)
        if head:
            at = converted.find("<h1")
            converted = converted[:at] + head + converted[at:] if at >= 0 else head + converted
        if "\ue000" not in converted:
            return converted
        frags = self.fragments

        def put(m: re.Match[str]) -> str:
            n = int(m.group(2).translate(_TOKEN_NUMBER))
            if n >= len(frags):
                return m.group(0)
            kind, frag = frags[n]
            p, end_p = m.group(1) or "", m.group(3) or ""
            if kind in (BLOCK, PARA_END) and p and end_p:
                return frag
            if kind == PARA_START:
                opening, rest = frag.split("\n", 1)
                return opening + p + rest + end_p
            return p + frag + end_p

        return TOKEN_RE.sub(put, converted)
