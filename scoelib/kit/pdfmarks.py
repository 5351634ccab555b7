"""Change marks in the PDF editions (#19, "what changed"): the PDF shows what the web shows.

The chapters of a PDF are the built pages of the site, so a paragraph added or amended since the previous
published version arrives as `<div class="scoe-para" data-change="added|amended" data-change-since="2026.1">`
with its mark, a link to the change page (`a.scoe-change-mark`, whose words only a screen reader hears on the
web). On paper:

- the paragraph carries a bar in the left margin (pdf.css: a single bar for amended, a double one for added);
  the mark's link, which has no visible text, is dropped;
- a paragraph renumbered with the same text (`data-change="moved"`) keeps its discreet label, "renumbered
  from 2.3", and no bar;
- a legend says what the bars mean and since which version: at the top of the record of changes, or on the
  cover when the publication has no record of changes.
"""

from __future__ import annotations

import html
from typing import Callable, Iterable, Optional

from selectolax.lexbor import LexborNode

from ..changes import BARS

MARKED = "div.scoe-para[data-change]"


def since(articles: Iterable[LexborNode]) -> Optional[str]:
    """The version the bars of these pages compare with, or None when no paragraph carries a bar."""
    for article in articles:
        for node in article.css(MARKED):
            if node.attributes.get("data-change") in BARS and node.attributes.get("data-change-since"):
                return node.attributes.get("data-change-since")
    return None


def adapt(article: LexborNode) -> None:
    """The marks of one page, for paper: a bar's link dropped (the bar is the paragraph's border)."""
    for node in article.css(f"{MARKED} > a.scoe-change-mark"):
        parent = node.parent
        if parent is not None and parent.attributes.get("data-change") in BARS:
            node.decompose()


def prepare(articles: list[LexborNode], t: Callable[..., str], lang: str) -> str:
    """The chapters' marks adapted for paper; returns the legend of their bars (HTML), or "" without any bar."""
    for article in articles:
        adapt(article)
    version = since(articles)
    return legend(t("changes.pdf_legend", lang, since=version)) if version else ""


def legend(text: str) -> str:
    """The legend of the bars (HTML): a sample bar of each kind, then the words of the catalogue."""
    return (f'<p class="change-legend"><span class="change-legend__bar change-legend__bar--amended" aria-hidden="true"></span>'
            f'<span class="change-legend__bar change-legend__bar--added" aria-hidden="true"></span>{html.escape(text)}</p>')
