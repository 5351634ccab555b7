"""Atom feeds of what changed: `feed.xml` (the default language, English) and `fr/feed.xml` (French) at the root of each version.

One entry per publication new or changed since the previous published version, with its counts and a link
to its change page. Written with feedgen; nothing here knows MkDocs (the hook writes the bytes).
"""

from __future__ import annotations

import datetime as dt
import html

from feedgen.feed import FeedGenerator

from .render import Renderer, changes_key


def feed_path(lang: str, default: str) -> str:
    return "feed.xml" if lang == default else f"{lang}/feed.xml"


def _when(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def atom(renderer: Renderer, lang: str, site_url: str, site_name: str) -> bytes:
    """The feed of one language; `site_url` is the absolute address of this version's root ("…/2026.2/")."""
    base = site_url.rstrip("/") + "/"
    lib, ch, t = renderer.lib, renderer.changes, renderer.t
    path = feed_path(lang, lib.languages.default)
    fg = FeedGenerator()
    fg.id(base + path)
    fg.title(t("feed.title", lang, site=site_name))
    fg.subtitle(t("feed.subtitle", lang))
    fg.author({"name": site_name})
    fg.language(lang)
    fg.link(href=base + path, rel="self", type="application/atom+xml")
    fg.link(href=base + lib.url("whats-new/index", lang), rel="alternate", type="text/html")
    newest = max((p.source.date for p in lib.publications.values()), default=dt.date(2000, 1, 1))
    fg.updated(_when(newest))
    if ch.available:
        pubs = sorted(lib.publications.values(), key=lambda p: p.id)
        for pub in pubs:
            pc = ch.of(pub.id, lang)
            if pc is None or pc.state == "unchanged":
                continue
            meta = pub.meta_in(lang)
            summary = html.unescape(renderer.changes_summary(pub, lang))
            url = base + lib.url(changes_key(pub), lang)
            entry = fg.add_entry(order="append")
            entry.id(url)
            entry.title(t("feed.entry", lang, id=pub.id, title=meta.title, counts=summary.rstrip(".")))
            entry.link(href=url, rel="alternate", type="text/html")
            entry.updated(_when(pub.source.date))
            entry.summary(summary)
    data: bytes = fg.atom_str(pretty=True)
    return data
