"""The Downloads page (`<!-- scoe:downloads -->`): every PDF of the version, the offline library, the open data.
The sizes and the offline library's link are filled in by the release kit (scoelib.kit), which makes the files."""

from __future__ import annotations

from ...kit import names
from ..apparatus import pdf_links
from ..common import code_spans, pub_order, rel_url
from ..fragments import PageContext
from ..html import Markup, esc, h
from ..site import Site


def downloads(site: Site, ctx: PageContext) -> str:
    lang, here, t = ctx.lang, ctx.here, site.t
    none = h("p", {"class": "scoe-downloads-none"}, code_spans(t("downloads.none", lang)))
    columns = " | ".join(t(k, lang) for k in ("meta.id", "meta.publication", "meta.edition", "kit.pdf"))
    out = [esc(t("downloads.intro", lang)), "", ctx.block(none), "", f"## {t('downloads.pdfs', lang)} {{#pdf}}", "",
           f"| {columns} |", "|---|---|---|---|"]
    for pub in sorted(site.lib.publications.values(), key=pub_order):
        meta = pub.meta_in(lang)
        link = site.link(here, site.pub_url(pub, lang), pub.id, "scoe-ref")
        out.append(f"| {link} | {esc(meta.title)} | {meta.edition}/{meta.version} | {ctx.inline(pdf_links(site, pub, lang, here))} |")
    json_type = "application/json"
    data = h("p", None, t("downloads.data.text", lang), " ", h("a", {"href": rel_url(here, names.DATA), "type": json_type}, "library.json"),
             " ", Markup(names.size_placeholder(names.DATA)), " · ",
             h("a", {"href": rel_url(here, names.DATA_SCHEMA), "type": json_type}, "library.schema.json"))
    sums = h("p", None, h("a", {"href": rel_url(here, names.DOWNLOADS + names.SUMS), "type": "text/plain"}, t("downloads.sums", lang)))
    bundle = h("p", None, code_spans(t("downloads.bundle.text", lang)))
    out += ["", f"## {t('downloads.bundle', lang)} {{#offline}}", "", ctx.block(bundle), "",
            ctx.block(h("p", {"class": "scoe-downloads-bundle", "data-scoe-bundle": True})), "",
            f"## {t('downloads.data', lang)} {{#data}}", "", ctx.block(data), "", ctx.block(sums), ""]
    return "\n".join(out)
