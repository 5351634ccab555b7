"""The site's navigation, derived from the sources, and its section titles in each other language."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Optional

from .. import ui
from ..model import Library
from ..schema import CORE_AREAS
from ..style import render_html
from .common import CATALOGUE_KEY, GLOSSARY_KEY, STANDARDS_KEY, pub_order

Nav = list[Any]  # MkDocs' nav: "page.md" or {title: [items]}


def flatten(nav: Nav) -> list[str]:
    """The page keys of a navigation (as navigation() returns it), in order."""
    out: list[str] = []
    stack = list(reversed(nav))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item[: -len(".md")])
        elif isinstance(item, dict):
            stack.extend(reversed([x for v in item.values() for x in (v if isinstance(v, list) else [v])]))
    return out


def navigation(lib: Library, strings: Optional[ui.Catalogue] = None) -> tuple[Nav, dict[str, dict[str, str]]]:
    """The site's navigation, derived from the sources (new publications appear without editing any list),
    and the titles of its sections in each other language (static-i18n's `nav_translations`)."""
    catalogue = strings or lib.catalogue
    default, others = lib.languages.default, lib.languages.others
    translations: dict[str, dict[str, str]] = {lang: {} for lang in others}
    keys = set(lib.keys())
    used: set[str] = set()

    def label(key: str) -> str:
        for lang in others:
            translations[lang][catalogue.t(key, default)] = catalogue.t(key, lang)
        return catalogue.t(key, default)

    def take(key: str) -> Optional[str]:
        if key in keys and key not in used:
            used.add(key)
            return key + ".md"
        return None

    def taken(*wanted: str) -> Nav:
        return [x for x in map(take, wanted) if x]

    nav: Nav = taken("index", "about/index")
    # Publications: the catalogue, the core areas' overview, then each core area (its page is the section's
    # own page, navigation.indexes) with every publication of the area, by reference: one entry per area,
    # one target, and a superseded publication's successor always next to it.
    pubs: Nav = taken(CATALOGUE_KEY, "areas/index")
    by_area: dict[str, Nav] = defaultdict(list)
    for pub in sorted(lib.publications.values(), key=pub_order):
        items = taken(f"{pub.folder}/index", *(f"{pub.folder}/chapter-{n}" for n in sorted(pub.chapters)))
        title = f"{pub.id} {pub.source.title}"
        for lang in others:
            if lang in pub.meta:
                translations[lang][title] = f"{pub.id} {pub.meta[lang].title}"
        by_area[pub.source.core_area].append({title: items})
    for area in CORE_AREAS:
        area_page = take(f"areas/{area}/index")
        if by_area[area] or area_page:
            pubs.append({label(f"area.{area}"): ([area_page] if area_page else []) + by_area[area]})
    if pubs:
        nav.append({label("nav.publications"): pubs})
    nav += taken(GLOSSARY_KEY, STANDARDS_KEY, "downloads/index", "guide/index", "translation-status/index")
    nav += [k + ".md" for k in sorted(keys - used)]
    # section titles with the language's typography, like the pages' own titles
    return nav, {lang: {k: render_html(v, lang) for k, v in titles.items()} for lang, titles in translations.items()}


def page_order(lib: Library, strings: ui.Catalogue) -> list[str]:
    """The library's pages outside the publications, in navigation order (the pager's sequence)."""
    return [k for k in flatten(navigation(lib, strings)[0]) if not k.startswith("publications/")]
