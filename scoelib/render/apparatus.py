"""Where the reader is and what the page is: breadcrumbs, the publication line, banners, the metadata block,
the PDF links, the pager, and a publication's contents, record of changes and "referenced by" lists."""

from __future__ import annotations

import posixpath
import re

from .. import style, translation
from ..kit import names
from ..model import Page, Publication
from ..schema import localized
from ..typography import date as fmt_date
from .common import CATALOGUE_KEY, changes_key, rel_url
from .fragments import PageContext
from .html import Markup, concat, esc, h, join
from .pages.changes import summary as changes_summary
from .site import Site

_STRONG_RE = re.compile(r"\*\*(.+?)\*\*")

Pager = dict[str, dict[str, str]]  # "previous"/"next" -> url, label, aria (overrides/partials/footer.html)


def breadcrumbs(site: Site, page: Page, lang: str, here: str) -> Markup:
    """Library › core area › SCOE-3.1 › Chapter 2, on every page but the home page."""
    if page.key == "index":
        return Markup()
    items = [(site.t("crumbs.home", lang), site.url("index", lang))]
    pub = page.publication
    if pub is not None:
        area = pub.source.core_area
        area_key = f"areas/{area}/index"
        items.append((site.t("area." + area, lang), site.url(area_key if site.has(area_key) else CATALOGUE_KEY, lang)))
        if page.chapter is not None:
            items.append((pub.id, site.pub_url(pub, lang)))
            current = f"{site.t('chapter', lang)} {page.chapter}"
        else:
            current = pub.id
    else:
        folder = posixpath.dirname(page.key[: -len("/index")] if page.key.endswith("/index") else page.key)
        parent = f"{folder}/index" if folder else None
        if parent is not None and site.has(parent) and parent != page.key:
            items.append((site.title(parent, lang), site.url(parent, lang)))
        current = site.title(page.key, lang)
    links = concat(*(h("li", None, site.link(here, url, label, "scoe-crumbs__link")) for label, url in items))
    here_item = h("li", None, h("span", {"aria-current": "page"}, current))
    return h("nav", {"class": "scoe-crumbs", "aria-label": site.t("crumbs", lang)}, h("ol", None, links, here_item))


def pubhead(site: Site, page: Page, lang: str, here: str) -> Markup:
    """Above the title of a chapter: its publication's reference and title, edition and version, status and
    date, the side-by-side toggle and the forms of citation the paragraphs offer. Not on a publication's index
    page: its title is the page's own, and the metadata block under it says the rest."""
    pub = page.publication
    if pub is None or page.chapter is None:
        return Markup()
    meta = pub.meta_in(lang)
    ref = pub.edition_label
    ref_html = site.link(here, site.pub_url(pub, lang), ref, "scoe-pubhead__ref")
    parts = [h("p", {"class": "scoe-pubhead__pub"}, ref_html, " ", h("span", {"class": "scoe-pubhead__title"}, meta.title)),
             h("p", {"class": "scoe-chapter-meta"}, site.edition_version(pub, lang), " · ", status_badge(site, meta.status, lang),
               " · ", Markup(fmt_date(meta.date, lang))),
             _chapter_tools(site, page, pub, lang, here)]
    return h("div", {"class": "scoe-pubhead", "role": "group", "aria-label": site.t("pubhead", lang)}, *parts)


def status_badge(site: Site, status: str, lang: str) -> Markup:
    """A publication's status as a badge ("Study draft")."""
    return h("span", {"class": f"scoe-badge scoe-badge--{status}"}, site.t("status." + status, lang))


def _chapter_tools(site: Site, page: Page, pub: Publication, lang: str, here: str) -> Markup:
    """The side-by-side toggle (scoe.js shows it) and the citation menu's template (scoe.js clones it
    into a paragraph's head): every word of them comes from the string catalogue, here."""
    other = site.other(lang)
    other_href = rel_url(here, site.lib.url(page.key, other))
    out = []
    langs = pub.chapters.get(page.chapter, {}) if page.chapter is not None else {}
    if page.lang == lang and other in langs and lang in langs:
        toggle = {"type": "button", "class": "scoe-sbs-toggle", "hidden": True, "aria-pressed": "false", "data-other": other_href,
                  "data-other-lang": other, "data-failed": site.t("sbs.failed", lang)}
        out.append(h("button", toggle, site.t("sbs.on", lang)))
    forms = []
    for form, text, href in (
            ("full", _full_citation(site, pub, lang, "{url}"), ""),
            ("short", site.citation(pub, "{n}", lang), ""),
            ("other", _full_citation(site, pub, other, "{url}"), other_href),
            ("link", "{url}", "")):
        item = {"type": "button", "class": "scoe-cite-menu__item", "data-form": form, "data-text": text, "data-href": href or None}
        forms.append(h("button", item,
                       h("span", {"class": "scoe-cite-menu__label"}, site.t("cite." + form, lang)),
                       h("span", {"class": "scoe-cite-menu__text", "lang": other if form == "other" else None})))
    out.append(h("div", {"class": "scoe-cite-template", "hidden": True, "data-copied": site.t("cite.copied", lang)},
                 h("div", {"class": "scoe-cite-menu", "role": "group"}, *forms)))
    return concat(*out)


def _full_citation(site: Site, pub: Publication, lang: str, url: str) -> str:
    meta = pub.meta_in(lang)
    return site.t("cite.full_text", lang, id=pub.edition_label, title=meta.title, edition=site.edition_version(pub, lang),
                  date=fmt_date(meta.date, lang), n="{n}", url=url)


def pager(site: Site, key: str, lang: str) -> Pager:
    """Previous and next for the footer: in a publication, its own pages (index, then chapters) and nothing
    else; elsewhere the library's other pages in navigation order, never into a publication."""
    page = site.lib.page(key, lang) or site.lib.page(key, site.default)
    if page is not None and page.publication is not None:
        pub = page.publication
        seq = [f"{pub.folder}/index"] + [f"{pub.folder}/chapter-{n}" for n in sorted(pub.chapters)]
    else:
        seq = site.site_order
    if key not in seq:
        return {}
    i = seq.index(key)
    out = {}
    for name, j in (("previous", i - 1), ("next", i + 1)):
        if 0 <= j < len(seq):
            label = style.render_text(site.page_label(seq[j], lang), lang)  # the template writes it as it is
            out[name] = {"url": site.url(seq[j], lang), "label": label, "aria": site.t(f"pager.{name}", lang, label=label)}
    return out


def apparatus(site: Site, ctx: PageContext, page: Page) -> tuple[list[str], list[str]]:
    """The blocks under the page's title (banners, metadata), and the lines at its end (a publication's
    contents, record of changes, referenced by)."""
    lang, here = ctx.lang, ctx.here
    top: list[str] = []
    bottom: list[str] = []
    status = site.statuses.get((page.key, page.lang))
    if lang != site.default and page.lang != lang:
        top.append(banner("pending", site.t("banner.pending", lang)))
    elif status and status.state == translation.STALE and status.source_changed is not None:
        paras = Markup()
        if status.stale_paragraphs:
            listing = join(", ", (h("a", {"href": f"#{n}"}, n) for n in status.stale_paragraphs))
            paras = site.tm("banner.stale_paras", lang, list=listing)
        top.append(banner("stale", site.tm("banner.stale", lang, date=Markup(fmt_date(status.source_changed, lang)), paras=paras,
                                           source_url=rel_url(here, site.lib.url(page.key, site.default)), source_lang=site.default)))
    pub = page.publication
    if pub is None:
        return top, bottom
    top.append(_status_banner(site, pub, lang, here))
    if page.chapter is None:  # the title, then what the publication is (the identity block), then the banners
        top.insert(0, metadata_block(site, pub, lang, here))
        bottom += _contents(site, ctx, pub) + _record_of_changes(site, pub, lang) + _referenced_by(site, ctx, pub)
    return [x for x in top if x], bottom


def banner(kind: str, text: str) -> Markup:
    """`text` is HTML but for `**strong**` (the interface strings' only Markdown)."""
    body = Markup(_STRONG_RE.sub(r"<strong>\1</strong>", text))
    return concat(h("div", {"class": f"scoe-banner scoe-banner--{kind}", "role": "note"}, Markup("\n"), h("p", None, body), Markup("\n")),
                  Markup("\n"))


def _status_banner(site: Site, pub: Publication, lang: str, here: str) -> Markup:
    meta = pub.source
    if meta.status == "superseded" and meta.superseded_by in site.lib.publications:
        new = site.lib.publications[meta.superseded_by]
        link = site.link(here, site.pub_url(new, lang), f"{new.id} – {site.pub_title(new, lang)}", "scoe-ref")
        return banner("superseded", site.tm("banner.superseded", lang, link=link))
    if meta.status in ("study", "draft", "ratification-draft", "cancelled"):
        return banner(meta.status, site.t(f"banner.{meta.status}", lang))
    return Markup()


def metadata_block(site: Site, pub: Publication, lang: str, here: str) -> Markup:
    """The publication's metadata as a description list, under the title of its index page: first its identity
    (reference with edition and version, status, date), then the rest."""
    meta = pub.meta_in(lang)
    custodian = site.lib.custodians.get(meta.custodian)
    area = meta.core_area
    rows: list[tuple[str, object]] = [
        (site.t("meta.id", lang), concat(pub.edition_label, ", ", site.edition_version(pub, lang))),
        (site.t("meta.status", lang), status_badge(site, meta.status, lang)),
        (site.t("meta.date", lang), Markup(fmt_date(meta.date, lang))),
        (site.t("meta.custodian", lang), localized(custodian, lang, site.default) if custodian else meta.custodian),
        (site.t("meta.core_area", lang), site.link(here, site.area_url(area, lang), site.t("area." + area, lang), "scoe-ref")
         if area != "cross-cutting" else site.t("area.cross-cutting", lang)),
        (site.t("meta.releasability", lang), site.t("meta.public", lang)),
        (site.t("kit.pdf", lang), pdf_links(site, pub, lang, here)),
    ]
    for key, ids in (("supersedes", meta.supersedes), ("superseded_by", [meta.superseded_by] if meta.superseded_by else [])):
        links = [site.link(here, site.pub_url(site.lib.publications[i], lang), i, "scoe-ref") if i in site.lib.publications else esc(i)
                 for i in ids]
        if links:
            rows.append((site.t(f"meta.{key}", lang), join(", ", links)))
    changes = site.link(here, site.url(changes_key(pub), lang), changes_summary(site, pub, lang), "scoe-ref")
    rows.append((site.t("meta.changes", lang), changes))
    pdf = site.t("kit.pdf", lang)
    cls = {k: "scoe-meta__pdf" if k == pdf else None for k, _ in rows}
    body = concat(*(concat(h("dt", {"class": cls[k]}, k), h("dd", {"class": cls[k]}, v)) for k, v in rows))
    return concat(h("dl", {"class": "scoe-meta", "aria-label": site.t("meta.publication", lang)}, body), Markup("\n"))


def pdf_links(site: Site, pub: Publication, lang: str, here: str) -> Markup:
    """The publication's PDF in each language, with its size once the release kit has made it."""
    links = []
    for other in site.lib.languages:
        m = pub.meta_in(other)
        name = names.pdf_name(pub.id, m.edition, m.version, other)
        href = rel_url(here, names.DOWNLOADS + name)
        link = h("a", {"class": "scoe-pdf", "href": href, "hreflang": other, "lang": other, "type": "application/pdf"},
                 site.lib.languages.names.get(other, other))
        links.append(concat(link, " ", Markup(names.size_placeholder(name))))
    return join(" · ", links)


def _contents(site: Site, ctx: PageContext, pub: Publication) -> list[str]:
    lang = ctx.lang
    items = [h("li", None, site.link(ctx.here, site.url(key, lang), site.title(key, lang), "scoe-ref"))
             for key in (f"{pub.folder}/chapter-{n}" for n in sorted(pub.chapters))]
    if not items:
        return []
    return ["", f"## {site.t('chapters.title', lang)} {{#contents}}", "", ctx.block(h("ol", {"class": "scoe-contents"}, *items)), ""]


def _record_of_changes(site: Site, pub: Publication, lang: str) -> list[str]:
    meta = pub.meta_in(lang)
    if not meta.changes:
        return []
    out = ["", f"## {site.t('changes.title', lang)} {{#record-of-changes}}", "",
           f"| {site.t('meta.edition', lang)} | {site.t('meta.date', lang)} | {site.t('changes.summary', lang)} |", "|---|---|---|"]
    for c in meta.changes:
        edition = esc(site.t("meta.edition_version", lang, edition=c.edition, version=c.version))
        out.append(f"| {edition} | {fmt_date(c.date, lang)} | {c.summary.replace('|', '&#124;')} |")
    return out + [""]


def _referenced_by(site: Site, ctx: PageContext, pub: Publication) -> list[str]:
    lang = ctx.lang
    keys = sorted(site.cited_by.get(pub.id, {}).get(lang, set()))
    out = ["", f"## {site.t('referenced_by.title', lang)} {{#referenced-by}}", ""]
    if not keys:
        return out + [site.t("referenced_by.none", lang), ""]
    items = [h("li", None, site.page_link(ctx.here, key, lang)) for key in keys]
    return out + [ctx.block(h("ul", {"class": "scoe-backlinks"}, *items)), ""]

