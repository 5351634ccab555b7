"""The glossary (`<!-- scoe:glossary -->`): abbreviations, then the terms by letter, each with its definition,
notes, synonyms, source, related terms and the pages that use it."""

from __future__ import annotations

from ... import typography
from ...schema import GlossaryEntry
from ..common import initial, sort_key, term_anchor
from ..fragments import PageContext
from ..html import Markup, concat, esc, h, join, start
from ..references import source_html
from ..site import Site


def glossary(site: Site, ctx: PageContext) -> str:
    lang = ctx.lang
    entries = sorted(site.lib.glossary, key=lambda e: sort_key(site.designations(e, lang).term, lang))
    abbrs = sorted(((a, e) for e in site.lib.glossary for a in site.designations(e, lang).abbr), key=lambda x: sort_key(x[0], lang))
    out = [site.t("glossary.count", lang, n=len(entries)), ""]
    letters = sorted({initial(site.designations(e, lang).term) for e in entries}, key=lambda c: sort_key(c, lang))
    out.append(h("nav", {"class": "scoe-letters", "aria-label": site.t("glossary.index", lang)},
                 join(" ", (h("a", {"href": f"#letter-{c.lower()}"}, Markup(c)) for c in letters))))
    out += ["", f"## {site.t('glossary.part1', lang)} {{#abbreviations}}", "", start("dl", {"class": "scoe-abbrs"})]
    for a, e in abbrs:
        out.append(concat(h("dt", None, h("abbr", None, a)), h("dd", None, _term_link(site, e, lang))))
    out += ["</dl>", "", f"## {site.t('glossary.part2', lang)} {{#terms}}", ""]
    current = None
    for e in entries:
        letter = initial(site.designations(e, lang).term)
        if letter != current:
            out += ["", f"### {letter} {{#letter-{letter.lower()}}}", ""]
            current = letter
        out.append(_entry(site, ctx, e))
    return "\n".join(out)


def _term_link(site: Site, entry: GlossaryEntry, lang: str) -> Markup:
    """A link to an entry of this page, named by its term in `lang`."""
    return h("a", {"href": f"#{term_anchor(entry)}"}, site.designations(entry, lang).term)


def _entry(site: Site, ctx: PageContext, e: GlossaryEntry) -> str:
    lang = ctx.lang
    d = site.designations(e, lang)
    sep = Markup(typography.colon(lang))

    def labelled(cls: str, key: str, value: Markup) -> Markup:  # "Source: …"
        return h("p", {"class": cls}, site.tm(key, lang), sep, " ", value)

    parts: list[str] = [start("div", {"class": "scoe-entry", "id": term_anchor(e)}), _term_line(site, e, lang)]
    if e.status == "deprecated" and e.use in site.index.entries:
        parts.append(h("p", None, site.tm("glossary.use", lang, link=_term_link(site, site.index.entries[e.use], lang))))
    parts.append(h("p", {"class": "scoe-entry__def"}, d.definition))
    if d.notes:
        parts.append(labelled("scoe-entry__note", "glossary.notes", esc(d.notes)))
    if d.admitted:
        parts.append(labelled("scoe-entry__syn", "glossary.admitted", esc(", ".join(d.admitted))))
    if d.deprecated:
        parts.append(labelled("scoe-entry__syn", "glossary.deprecated", h("s", None, ", ".join(d.deprecated))))
    source, source_lang = e.source_in(lang, site.default)
    parts.append(labelled("scoe-entry__source", "glossary.source", source_html(site, ctx, source, source_lang)))
    if e.see_also:
        links = [_term_link(site, site.index.entries[s], lang) for s in e.see_also if s in site.index.entries]
        parts.append(labelled("scoe-entry__see", "glossary.see_also", join(", ", links)))
    used = sorted(site.used_in.get(e.id, {}).get(lang, set()))
    if used:
        parts.append(labelled("scoe-entry__used", "glossary.used_in", join(", ", (site.page_link(ctx.here, k, lang) for k in used))))
    parts.append("</div>")
    return "\n".join(parts)


def _term_line(site: Site, e: GlossaryEntry, lang: str) -> Markup:
    """The term, its abbreviations, its designations in the other languages and its status."""
    d = site.designations(e, lang)
    status = d.status or e.status
    line: list[object] = [h("dfn", None, d.term)]
    if d.abbr:
        line.append(concat(" (", join(", ", d.abbr), ")"))
    for other in (x for x in site.lib.languages if x != lang):
        name = Markup(typography.label(site.t("language." + other, lang), lang))
        term = h("span", {"lang": other}, site.designations(e, other).term)
        line.append(concat(" ", h("span", {"class": "scoe-entry__other"}, name, " ", term)))
    line.append(concat(" ", h("span", {"class": f"scoe-badge scoe-badge--term-{status}"}, site.t("term." + status, lang))))
    return h("p", {"class": "scoe-entry__term"}, *line)
