"""The registry of standards (`<!-- scoe:standards -->`): each standard with its status, edition and links."""

from __future__ import annotations

from ...schema import StandardEntry, localized
from ...typography import colon
from ..common import sort_key, std_anchor
from ..fragments import PageContext
from ..html import Markup, concat, h, join, start
from ..site import Site


def standards(site: Site, ctx: PageContext) -> str:
    lang = ctx.lang
    return "\n\n".join(_standard(site, s, lang) for s in sorted(site.lib.standards, key=lambda s: sort_key(s.id, lang)))


def _standard(site: Site, s: StandardEntry, lang: str) -> str:
    sep = Markup(colon(lang))

    def label(key: str) -> Markup:  # "Status:" with the language's colon
        return concat(site.tm(key, lang), sep, " ")

    status = site.t("standards.status.unknown", lang) if s.status == "unknown" else site.t("status." + s.status, lang)
    # the editors' notes and working sources stay in data/standards.yml; an edition not confirmed by an
    # official source says so, neutrally, in the reader's language
    edition = (s.edition if s.edition and s.edition_confirmed
               else h("span", {"class": "scoe-std__unconfirmed"}, site.t("standards.not_confirmed", lang)))
    meta = [label("standards.status"), h("span", {"class": f"scoe-badge scoe-badge--{s.status}"}, status), " · ",
            label("standards.edition"), edition]
    if s.editions:
        earlier = (f"{e.edition} ({site.t('status.' + e.status, lang) if e.status != 'unknown' else site.t('standards.unknown', lang)})"
                   for e in s.editions)
        meta += [" · ", label("standards.earlier"), join(", ", earlier)]
    rows = [h("h3", {"class": "scoe-std__id"}, s.id, " – ", localized(s.title, lang, site.default)),
            h("p", None, localized(s.covers, lang, site.default)),
            h("p", {"class": "scoe-std__meta"}, *meta)]
    if s.related:
        rows.append(h("p", None, label("standards.related"), join(", ", (h("a", {"href": f"#{std_anchor(r)}"}, r) for r in s.related))))
    if s.official_source:
        host = s.official_source.split("://", 1)[1].split("/", 1)[0]
        rows.append(h("p", {"class": "scoe-std__source"}, label("standards.official_source"), h("a", {"href": s.official_source}, host)))
    return "\n".join([start("div", {"class": "scoe-std", "id": std_anchor(s.id)}), *rows, "</div>"])
