"""References in the text: `[[SCOE-2.1#2.37]]`, `[[term]]`, `[[STANAG 4586]]` become links; a term's link carries
its definition as a tooltip; the abbreviations a page uses are expanded in its language."""

from __future__ import annotations

import re
from collections import defaultdict

from .. import refs as refs_mod
from .. import style
from ..model import Page
from ..schema import localized
from ..typography import colon
from .common import GLOSSARY_KEY, STANDARDS_KEY, rel_url, std_anchor, term_anchor
from .fragments import PageContext
from .html import Markup, concat, esc, h
from .site import Site

# a setext heading's underline: the line above it is a heading
_SETEXT_RE = re.compile(r" {0,3}(=+|-+)[ \t]*$")


def link_references(site: Site, ctx: PageContext, page: Page, lines: list[str]) -> None:
    """Each reference of the page replaced, in `lines`, by its link (a reference never spans lines)."""
    by_line: dict[int, list[tuple[refs_mod.Ref, refs_mod.Resolution]]] = defaultdict(list)
    for ref, res in site.references(page):
        by_line[ref.line - page.body_start].append((ref, res))
    for i, items in by_line.items():
        line = lines[i]
        # in a heading the markup stays inline: the table of contents is made from it
        heading = line.lstrip(" ").startswith("#") or (i + 1 < len(lines) and _SETEXT_RE.match(lines[i + 1]) is not None)
        for ref, res in sorted(items, key=lambda x: -x[0].column):
            start = ref.column - 1
            end = start + (ref.end - ref.start)
            markup = ref_html(site, ctx, ref, res, tooltip=not heading)
            line = line[:start] + (markup if heading else ctx.inline(markup)) + line[end:]
        lines[i] = line


def _unbroken(name: str) -> Markup:
    """A reference as the library writes it ("SCOE-3.1", "AJP-01", "SCOE-2.1(A) para 2.3"): one piece that a
    line never breaks after its hyphen ("SCOE-" at a line's end, "1" on the next). An author's own label
    wraps as text does."""
    return h("span", {"class": "scoe-nobr"}, name)


def ref_html(site: Site, ctx: PageContext, ref: refs_mod.Ref, res: refs_mod.Resolution, tooltip: bool = True) -> Markup:
    """The link a reference becomes. A term's link carries its definition as a tooltip, except in a
    heading, whose text also names the table of contents' entry and the heading's anchor."""
    tgt, here, lang = res.target, ctx.here, ctx.lang
    if tgt is None:
        return esc(f"[[{ref.written}]]")  # the check reports it; the build fails before publishing
    if isinstance(tgt, refs_mod.PubTarget):
        pub = tgt.publication
        if tgt.paragraph:
            label = ref.label or _unbroken(site.citation(pub, tgt.paragraph, lang))
            return site.link(here, site.pub_url(pub, lang, tgt.paragraph, tgt.chapter), label, "scoe-ref scoe-ref--para",
                             site.pub_title(pub, lang))
        return site.link(here, site.pub_url(pub, lang), ref.label or _unbroken(pub.id), "scoe-ref",
                         f"{pub.id} – {site.pub_title(pub, lang)}")
    if isinstance(tgt, refs_mod.StandardTarget):
        std_url = site.url(STANDARDS_KEY, lang, std_anchor(tgt.entry.id))
        return site.link(here, std_url, ref.label or _unbroken(ref.target), "scoe-ref scoe-ref--std",
                         localized(tgt.entry.title, lang, site.default))
    entry = tgt.entry
    href = rel_url(here, site.url(GLOSSARY_KEY, lang, term_anchor(entry)))
    label = ref.label or tgt.written
    if not tooltip:
        return h("span", {"class": "scoe-term"}, h("a", {"class": "scoe-term__link", "href": href}, label))
    d = site.designations(entry, lang)
    tip_id = ctx.tip_id()
    abbr = f" ({', '.join(d.abbr)})" if d.abbr else ""
    status = h("span", {"class": "scoe-tip__status"}, site.t("term." + (d.status or entry.status), lang))
    tip = h("span", {"class": "scoe-tip", "role": "tooltip", "id": tip_id, "lang": lang, "data-search-exclude": True},
            h("strong", None, d.term, abbr), Markup(colon(lang)), " ", d.definition, status)
    return h("span", {"class": "scoe-term"}, h("a", {"class": "scoe-term__link", "href": href, "aria-describedby": tip_id}, label), tip)


def source_html(site: Site, ctx: PageContext, source: str, source_lang: str = "") -> Markup:
    """A glossary entry's source: a link when it is a reference to a publication or a standard. Free text
    written in another language than the page's (`source_lang`, the default language unless given) is marked
    with its language, and says so: "(in English)"."""
    m = refs_mod.REF_RE.fullmatch(source.strip())
    if not m:
        written = source_lang or site.default
        if written == ctx.lang:
            return esc(source)
        said = h("span", {"class": "scoe-entry__in"}, site.t("glossary.source_in." + written, ctx.lang))  # "(en anglais)"
        return concat(h("span", {"lang": written}, source), " ", said)
    target, _, label = m.group("body").partition("|")
    target, _, frag = target.partition("#")
    ref = refs_mod.Ref(target.strip(), frag.strip(), label.strip(), 0, 0, 0, 0)
    res = site.index.resolve(ref, ctx.lang)
    if res.target is None or isinstance(res.target, refs_mod.TermTarget):
        return esc(source)
    return ref_html(site, ctx, ref, res)


def abbreviations(site: Site, text: str, lang: str) -> list[str]:
    """The definitions (`*[RSO]: resident space object`) of the abbreviations the page uses."""
    rx = site.abbr_res.get(lang)
    if rx is None:
        return []
    masked = re.sub(r"<[^>]*>", " ", text)  # not inside generated tags' attributes
    used = sorted(set(rx.findall(masked)))
    if not used:
        return []
    # the expansion lands in a `title` attribute, which render_html() leaves alone: typography applied here
    return [""] + [f"*[{a}]: {style.render_text(site.designations(site.index.abbrs[lang][a], lang).term, lang)}" for a in used]

