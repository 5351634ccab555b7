"""The catalogue of publications (`<!-- scoe:catalogue -->`, or one core area's with `area=`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from ...model import Publication
from ...schema import CORE_AREAS
from ...typography import date as fmt_date
from ..apparatus import status_badge
from ..common import WHATS_NEW_KEY, first_sentence, pub_order
from ..fragments import PageContext
from ..html import Markup, concat, h
from ..site import Site


def catalogue(site: Site, ctx: PageContext, area: Optional[str] = None) -> str:
    lang = ctx.lang
    pubs = list(site.lib.publications.values())
    if area:
        mine = [p for p in pubs if p.source.core_area == area]
        return ctx.block(_table(site, mine, ctx)) if mine else site.t("catalogue.none", lang)
    out = [site.t("catalogue.count", lang, n=len(pubs)), ""]
    # what changed, one click from the list (the What's new page is generated: no source links to it)
    news = site.link(ctx.here, site.url(WHATS_NEW_KEY, lang), site.t("whatsnew.title", lang), "scoe-ref")
    out += [ctx.block(h("p", {"class": "scoe-catalogue-news"}, site.tm("catalogue.whats_new", lang, link=news))), ""]
    if not any(p.source.status == "promulgated" for p in pubs):
        out += [site.t("catalogue.in_force.none", lang), ""]
    out += [ctx.block(_filters(site, pubs, lang)), "", ctx.block(_table(site, pubs, ctx))]
    return "\n".join(out)


def _table(site: Site, pubs: list[Publication], ctx: PageContext) -> Markup:
    """One aligned table of publications by reference (cards on a phone, see scoe.css): reference, title with
    a one-line summary, core area, status, edition and version, date. Each row carries its area and status
    for the filters (scoe.js); each cell its column's name for the phone's cards."""
    lang = ctx.lang
    cols = [site.t(f"meta.{c}", lang) for c in ("id", "publication", "core_area", "status", "edition", "date")]
    head = h("tr", None, *(h("th", {"scope": "col"}, c) for c in cols))
    rows = []
    for pub in sorted(pubs, key=pub_order):
        meta = pub.meta_in(lang)
        cells = [
            site.link(ctx.here, site.pub_url(pub, lang), pub.id, "scoe-ref"),
            concat(h("span", {"class": "scoe-catalogue__title"}, meta.title), " ",
                   h("span", {"class": "scoe-catalogue__summary"}, first_sentence(meta.summary))),
            site.t("area." + pub.source.core_area, lang),
            status_badge(site, meta.status, lang),
            site.edition_version(pub, lang),
            Markup(fmt_date(meta.date, lang)),
        ]
        tds = (h("td", {"data-label": c}, v) for c, v in zip(cols, cells, strict=True))
        rows.append(h("tr", {"data-area": pub.source.core_area, "data-status": meta.status}, *tds))
    return h("table", {"class": "scoe-catalogue"}, h("thead", None, head), h("tbody", None, *rows))


def _filters(site: Site, pubs: list[Publication], lang: str) -> Markup:
    """Filters by core area and status; hidden until scoe.js makes them work (nothing inert without it)."""
    def select(name: str, values: Sequence[str], prefix: str) -> Markup:
        options = [h("option", {"value": ""}, site.t("catalogue.filter.all", lang))]
        options += [h("option", {"value": v}, site.t(prefix + v, lang)) for v in values]
        return h("label", {"class": "scoe-filters__field"}, site.t("catalogue.filter." + name, lang), " ",
                 h("select", {"data-filter": name}, *options))

    areas = [a for a in CORE_AREAS if any(p.source.core_area == a for p in pubs)]
    statuses = sorted({(p.meta_in(lang)).status for p in pubs})
    count = site.t("catalogue.shown", lang, n="{n}", total="{total}")
    return h("form", {"class": "scoe-filters", "hidden": True, "aria-label": site.t("catalogue.filters", lang)},
             select("area", areas, "area."), select("status", statuses, "status."),
             h("p", {"class": "scoe-filters__count", "role": "status", "data-template": count}))
