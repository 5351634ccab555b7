"""The author's paragraphs: numbered paragraphs wrapped with their head (number, actions), their change mark
and the stale badge of a translation behind its source; admonitions titled in the page's language."""

from __future__ import annotations

import re

from .. import ui
from ..model import Page, Paragraph, Publication
from .common import changes_key, rel_url
from .fragments import PARA_END, PARA_START, PageContext
from .html import Markup, concat, h, start
from .site import Site

# an admonition without a title of its own (`!!! note`, `??? tip`): Material would title it in English
ADMONITION_RE = re.compile(r"^(?P<head>[ \t]*(?:!!!|\?\?\?\+?) ?(?P<type>[\w-]+))[ \t]*$", re.M)


def title_admonitions(site: Site, page: Page, lines: list[str]) -> None:
    """Admonitions without a title of their own, titled in the page's language (not inside code)."""
    if page.lang == site.default or ("!!!" not in page.masked and "???" not in page.masked):
        return
    for m in ADMONITION_RE.finditer(page.masked):
        i = page.masked.count("\n", 0, m.start())
        lines[i] = ADMONITION_RE.sub(lambda found: _admonition_title(site, found, page.lang), lines[i])


def _admonition_title(site: Site, m: re.Match[str], lang: str) -> str:
    """`!!! note` titled in the page's language, from the catalogue (`admonition.note`)."""
    key = f"admonition.{m.group('type').lower()}"
    if not site.strings.has(key, ui.REFERENCE):
        return m.group(0)
    return f'{m.group("head")} "{site.t(key, lang)}"'


def wrap_paragraphs(site: Site, ctx: PageContext, page: Page, lines: list[str], stale: set[str]) -> list[str]:
    """The lines with each numbered paragraph between its opening wrapper and its closing one."""
    starts = {p.line - page.body_start: p for p in page.paragraphs}
    ends = {p.end_line - page.body_start: p for p in page.paragraphs}
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in starts:
            p = starts[i]
            rest = line[len(p.number):].lstrip()
            out += ["", ctx.stash(PARA_START, _opening(site, ctx, page, p, p.number in stale)) + rest]
        else:
            out.append(line)
        if i in ends:
            out += ["", ctx.stash(PARA_END, "</div>"), ""]
    return out


def _opening(site: Site, ctx: PageContext, page: Page, p: Paragraph, stale: bool) -> Markup:
    """A paragraph's opening wrapper, then (after a line break) its stale badge if any."""
    pub, lang = page.publication, ctx.lang
    cite = site.citation(pub, p.number, lang) if pub else p.number
    attributes: dict[str, object] = {"class": "scoe-para scoe-para--stale" if stale else "scoe-para", "id": p.number}
    if pub:
        # the national review's comment action (scoe-review.js) reads the publication and version here
        attributes.update({"data-scoe-pub": pub.id, "data-scoe-edition": pub.source.edition,
                           "data-scoe-version": pub.source.version, "data-scoe-cite": cite})
    bar = _change_mark(site, ctx, page, pub, p, attributes) if pub else ""
    badge = concat(h("span", {"class": "scoe-stale-badge"}, site.tm("stale_para", lang)), " ") if stale else ""
    return concat(start("div", attributes), para_head(site, p.number, cite, lang), bar, Markup("\n"), badge)


def _change_mark(site: Site, ctx: PageContext, page: Page, pub: Publication, p: Paragraph, attributes: dict[str, object]) -> Markup:
    """The paragraph's mark of what changed since the previous version, a link to its entry on the change page:
    added or amended, a bar (`data-change`, and `data-change-since` for the PDF's legend) whose words only a
    screen reader hears; renumbered with the same text, a discreet label ("renumbered from 2.3") and no bar;
    nothing when it is unchanged."""
    lang, since = ctx.lang, site.changes.since
    mark = site.changes.mark(pub.id, lang, p.number)
    if not mark:
        return Markup()
    href = rel_url(site.lib.url(page.key, lang), site.url(changes_key(pub), lang, mark.anchor))
    attributes["data-change"] = mark.kind
    if not mark.bar:
        title = site.t("changes.mark.moved_title", lang, since=since, was=mark.was)
        return h("a", {"class": "scoe-change-mark scoe-change-mark--moved", "href": href, "title": title},
                 site.t("changes.mark.moved", lang, was=mark.was))
    attributes["data-change-since"] = since
    label = site.t(f"changes.mark.{mark.kind}", lang, since=since)
    return h("a", {"class": f"scoe-change-mark scoe-change-mark--{mark.kind}", "href": href, "title": label},
             h("span", {"class": "scoe-vh"}, label))


def para_head(site: Site, number: str, cite: str, lang: str) -> Markup:
    """The paragraph's hanging head: its number (the permalink) and its actions.

    Extension point: `.scoe-para__actions` holds one `<button class="scoe-para__action …">` per action, in
    order; the national-review issue (#21) appends its "Comment" button there (same class: it gets the
    size, the hover/focus reveal and the touch behaviour). The change mark of #19 does not go in here: it
    is a `data-change` attribute on the `.scoe-para` itself, drawn by CSS as a bar in the free strip left of
    the head (see scoe.css, "change bar")."""
    label = site.t("cite.menu", lang, n=number)
    title = f'{site.t("permalink_para", lang)} {number}'
    permalink = h("a", {"class": "scoe-para__num", "href": f"#{number}", "title": title}, number)
    cite_button = h("button", {"type": "button", "class": "scoe-para__action scoe-cite", "data-cite": cite, "aria-label": label,
                               "title": label, "aria-expanded": "false"})
    return h("div", {"class": "scoe-para__head"}, permalink, h("span", {"class": "scoe-para__actions"}, cite_button))
