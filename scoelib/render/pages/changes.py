"""What changed since the previous published version (scoelib.changes): each publication's change page, the
library's "what's new", and the one-line summary the metadata block and the feeds give. A reader of an older
version is offered the changes since that version: `<publication>/changes/<version>/`, the same page computed
since it (`Site.older`); for the previous version, a page that sends them to the change page itself."""

from __future__ import annotations

from ... import changes as changes_mod
from ...model import Publication
from ..common import CATALOGUE_KEY, WHATS_NEW_KEY, changes_key, pub_order, rel_url
from ..fragments import PageContext
from ..html import Markup, concat, esc, h, start
from ..site import Site


def _counts(site: Site, pc: changes_mod.PubChanges, lang: str) -> str:
    counts = pc.counts()
    return ", ".join(site.t(f"changes.kind.{k}", lang, n=counts[k], s="s" if counts[k] > 1 else "") for k in changes_mod.KINDS if counts[k])


def summary(site: Site, pub: Publication, lang: str, ch: changes_mod.LibraryChanges | None = None) -> Markup:
    """One line: "3 amended, 2 added since version 2026.1.", or why nothing can be compared (HTML); since the
    previous version, or the version `ch` compares with."""
    ch = ch or site.changes
    if not ch.available:
        return esc(site.t("changes.link_none", lang))
    pc = ch.of(pub.id, lang)
    if pc is None or pc.state == "unchanged":
        return esc(site.t("changes.nothing", lang, since=ch.since))
    if pc.state == "new":
        return esc(site.t("changes.new_pub", lang, id=pub.id, since=ch.since))
    if not pc.paragraphs:
        return esc(site.t("changes.counts_meta", lang, since=ch.since))
    return esc(site.t("changes.counts", lang, list=_counts(site, pc, lang), since=ch.since))


def _state(site: Site, ctx: PageContext, out: list[str], ch: changes_mod.LibraryChanges) -> str:
    """The page when there is nothing to compare with: why."""
    state = site.t(f"changes.state.{ch.state}", ctx.lang, since=ch.since or "")
    # not a dead end: where each publication's edition and record of changes are read meanwhile
    catalogue = site.link(ctx.here, site.url(CATALOGUE_KEY, ctx.lang), site.t("changes.state.catalogue_link", ctx.lang), "scoe-ref")
    more = h("p", {"class": "scoe-changes-more"}, site.tm("changes.state.catalogue", ctx.lang, link=catalogue))
    return "\n".join(out + [ctx.block(h("p", {"class": "scoe-changes-state"}, state)), "", ctx.block(more)])


def changes_page(site: Site, ctx: PageContext, pub: Publication, ch: changes_mod.LibraryChanges | None = None) -> str:
    """A publication's change page: its metadata before and now, then each changed paragraph with its redline;
    since the previous version, or the older version `ch` compares with."""
    ch, lang, here = ch or site.changes, ctx.lang, ctx.here
    meta = pub.meta_in(lang)
    if ch.available:
        title = site.t("changes.page_title", lang, id=pub.id, since=ch.since)
    else:
        title = site.t("changes.page_title_none", lang, id=pub.id)
    back = site.link(here, site.pub_url(pub, lang), f"{pub.edition_label} – {meta.title}", "scoe-ref")
    out = [f"# {title}", "", ctx.block(h("p", {"class": "scoe-chapter-meta"}, back)), ""]
    if not ch.available:
        return _state(site, ctx, out, ch)
    pc = ch.of(pub.id, lang)
    out += [ctx.block(h("p", {"class": "scoe-changes-count"}, summary(site, pub, lang, ch))), ""]
    if pc is None:
        return "\n".join(out)
    if any(c.kind in (changes_mod.AMENDED, changes_mod.MOVED) for c in pc.paragraphs):
        out += [ctx.block(h("p", {"class": "scoe-changes-legend"}, site.t("changes.legend", lang))), ""]
    if pc.meta:
        out += [f"## {site.t('changes.h.meta', lang)} {{#metadata}}", "", ctx.block(_meta_table(site, pc, lang, ch.since)), ""]
    for kind in changes_mod.KINDS:
        items = pc.of_kind(kind)
        if items:
            section = concat(*(_change(site, ctx, pub, c, ch.since) for c in items))
            out += [f"## {site.t('changes.h.' + kind, lang)} {{#{kind}}}", "", ctx.block(section), ""]
    whats_new = site.link(here, site.url(WHATS_NEW_KEY, lang), site.t("whatsnew.title", lang), "scoe-ref")
    out += [ctx.block(h("p", {"class": "scoe-changes-more"}, site.tm("changes.see_also", lang, link=whats_new)))]
    return "\n".join(out)


def _meta_table(site: Site, pc: changes_mod.PubChanges, lang: str, since: str | None) -> Markup:
    """The metadata that changed: field, before, now."""
    head = h("tr", None, *(h("th", {"scope": "col"}, text) for text in (
        site.t("changes.th.field", lang), site.t("changes.th.before", lang, since=since), site.t("changes.th.now", lang))))
    rows = (h("tr", None, h("th", {"scope": "row"}, site.t("meta." + m.field, lang)),
              h("td", None, _meta_value(site, m.field, m.old, lang)), h("td", None, _meta_value(site, m.field, m.new, lang)))
            for m in pc.meta)
    return h("table", {"class": "scoe-changes-meta"}, h("thead", None, head), h("tbody", None, *rows))


def _change(site: Site, ctx: PageContext, pub: Publication, c: changes_mod.ParaChange, since: str | None) -> Markup:
    """One changed paragraph: where it is now (or was), and its redline."""
    lang, kind = ctx.lang, c.kind
    if c.number:
        target: Markup = site.link(ctx.here, site.pub_url(pub, lang, c.number, c.chapter), site.citation(pub, c.number, lang), "scoe-ref")
    else:
        target = esc(site.citation(pub, c.old_number or "", lang))
    body = [h("h3", {"class": "scoe-change__para"}, target)]
    if kind == changes_mod.MOVED:
        body.append(h("p", {"class": "scoe-change__was"}, site.t("changes.was", lang, old=site.citation(pub, c.old_number or "", lang))))
    if kind == changes_mod.DELETED:
        body.append(h("p", {"class": "scoe-change__was"}, site.t("changes.deleted_text", lang, since=since)))
    labels = (site.t("changes.del", lang), site.t("changes.ins", lang))
    body.append(h("p", {"class": "scoe-redline"}, Markup(c.redline(labels))))
    return h("section", {"class": f"scoe-change scoe-change--{kind}", "id": c.anchor}, *body)


def _meta_value(site: Site, name: str, value: str, lang: str) -> str:
    if not value:
        return "–"
    if name == "status":
        return site.t("status." + value, lang)
    return value


def whats_new(site: Site, ctx: PageContext) -> str:
    """The library's what's new: publications new, changed and retired since the previous version."""
    ch, lang, here = site.changes, ctx.lang, ctx.here
    out = [f"# {site.t('whatsnew.title', lang)}", ""]
    if not ch.available:
        return _state(site, ctx, out, ch)
    out += [ctx.block(h("p", {"class": "scoe-changes-count"}, site.t("whatsnew.since", lang, since=ch.since))), ""]
    mine = [(p, ch.of(p.id, lang)) for p in sorted(site.lib.publications.values(), key=pub_order)]

    def item(pub: Publication) -> Markup:
        link = site.link(here, site.url(changes_key(pub), lang), f"{pub.id} – {site.pub_title(pub, lang)}", "scoe-ref")
        return h("li", None, link, start("br"), summary(site, pub, lang))  # the summary, a sentence, on its own line

    groups = [
        ("new", [p for p, pc in mine if pc and pc.state == "new"]),
        ("changed", [p for p, pc in mine if pc and pc.state == "changed"]),
        ("retired", [p for p, pc in mine if pc and any(m.field == "status" and m.new in ("superseded", "cancelled") for m in pc.meta)]),
    ]
    for name, items in groups:
        body = h("ul", {"class": "scoe-whatsnew"}, *map(item, items)) if items else h("p", None, site.t("whatsnew.none", lang))
        out += [f"## {site.t('whatsnew.' + name, lang)} {{#{name}}}", "", ctx.block(body), ""]
    if ch.removed:
        removed = (h("li", None, i, " – ", p.meta_in(lang).title) for i, p in sorted(ch.removed.items()))
        out += [f"## {site.t('whatsnew.removed', lang)} {{#removed}}", "", ctx.block(h("ul", {"class": "scoe-whatsnew"}, *removed)), ""]
    feed_url = rel_url(here, ("" if lang == site.default else f"{lang}/") + "feed.xml")
    feed = h("a", {"href": feed_url, "type": "application/atom+xml"}, "feed.xml")
    out += [ctx.block(h("p", None, site.tm("whatsnew.feed", lang, link=feed)))]
    return "\n".join(out)


def since_previous(site: Site, pub: Publication, lang: str, canonical: str = "../", icon: str | None = None) -> str:
    """`<publication>/changes/<previous version>/`: a small page (HTML) that sends the reader of the previous
    version to the change page itself, one level up, which shows the changes since that version; `canonical`
    is that page's full address (site_url and its path), as every page's canonical link is; `icon` the site's
    icon, relative to the page."""
    since = site.changes.since or ""
    title = site.t("changes.page_title", lang, id=pub.id, since=since)
    link = h("a", {"href": "../"}, title)
    return str(concat(
        Markup("<!doctype html>"), start("html", {"lang": lang}), Markup("<head>"), start("meta", {"charset": "utf-8"}),
        h("title", None, title), start("meta", {"name": "robots", "content": "noindex"}),
        start("link", {"rel": "canonical", "href": canonical}), start("link", {"rel": "icon", "href": icon}) if icon else "",
        start("meta", {"http-equiv": "refresh", "content": "0; url=../"}), Markup("</head><body>"),
        h("p", None, site.tm("changes.older_redirect", lang, since=since, id=pub.id, link=link)), Markup("</body></html>\n")))
