"""Upstream internals the library adapts (scoelib/mkdocs_plugin/compat/): each one checked at start, a strict build
stopped with a clear message when one no longer applies, and each one shown applied."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT
from scoelib.mkdocs_plugin import ScoePlugin, compat
from scoelib.mkdocs_plugin.compat import material, material_search, mike, static_i18n


def test_every_adaptation_applies_to_the_installed_upstreams():
    assert {a.name for a in compat.ADAPTATIONS} == {
        "material.copied_partials", "material_search.header_box",
        "material_search.bundle_search_off", "mike.site_url", "mkdocs_build.theme_listing",
        "static_i18n.build_state", "static_i18n.language_links", "static_i18n.generated_files", "static_i18n.sitemap"}
    assert compat.problems() == []


def test_a_strict_build_stops_when_an_adaptation_no_longer_applies(monkeypatch, caplog):
    monkeypatch.setitem(material.COPIED_PARTIALS, "partials/search.html", "0" * 64)
    (line,) = compat.problems()
    assert line.startswith("upstream adaptation `material.copied_partials`")
    assert "written for mkdocs-material 9.8.2, installed 9.8.2" in line and "partials/search.html changed" in line
    plugin = ScoePlugin()
    plugin.load_config({})
    config = load_config(str(ROOT / "mkdocs.yml"))
    with pytest.raises(PluginError, match="material.copied_partials"):
        plugin.on_config(config)  # mkdocs.yml says strict: true
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.scoe"):
        compat.check(strict=False)
    assert "material.copied_partials" in caplog.text


def test_a_probe_that_breaks_is_a_failed_probe(monkeypatch):
    def broken():
        raise AttributeError("no such thing")

    monkeypatch.setattr(compat, "ADAPTATIONS", [compat.Adaptation("mike.site_url", mike.MIKE, "test", broken)])
    assert compat.problems() == ["upstream adaptation `mike.site_url` (test) was written for mike 2.2.0, installed 2.2.0, "
                                 "and no longer applies: AttributeError: no such thing"]


def test_each_copied_partial_says_which_material_it_came_from():
    for rel in material.COPIED_PARTIALS:
        head = (ROOT / "overrides" / rel).read_text(encoding="utf-8").split("-#}")[0]
        assert "9.8.2" in head and ("mkdocs-material" in head or "Material" in head), rel


# --- each adaptation applied ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def configured():
    """The real mkdocs.yml after the plugins' on_config, as MkDocs runs them (search's before scoe's)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    return config


def test_materials_search_is_silenced_but_its_box_stays(configured, site):
    plugin = material_search.search_plugin(configured)
    assert plugin is not None and plugin.config.enabled  # the header draws the box only then
    listed = [h for handlers in configured.plugins.events.values() for h in handlers if getattr(h, "__self__", None) is plugin]
    assert [h.__name__ for h in listed] == ["on_config"]  # no lunr index, no data-search-* attributes removed
    assert not (site / "search").exists()
    page = (site / "fr/about/index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in page and 'name="search"' not in page and "md-search__input" in page
    # in Chromium: tests/browser/test_search.py (Pagefind's results in Material's box)


def test_copied_partials_carry_their_change(site):
    page = LexborHTMLParser((site / "about/index.html").read_text(encoding="utf-8"))
    assert page.css_first('.md-search[role="dialog"]').attributes.get("aria-label")
    assert page.css_first('a.md-select__link[hreflang="fr"]').attributes.get("lang") == "fr"


def test_language_links_point_to_the_language_roots(site):
    page = LexborHTMLParser((site / "fr/publications/scoe-1-space-support/chapter-1/index.html").read_text(encoding="utf-8"))
    alternates = {n.attributes["hreflang"]: n.attributes["href"] for n in page.css('link[rel="alternate"][hreflang]')}
    assert alternates == {"en": "../../../../", "fr": "../../../../fr/"}
    home = LexborHTMLParser((site / "fr/index.html").read_text(encoding="utf-8"))
    assert not any(a.attributes["href"].startswith("/") for a in home.css("a.md-select__link"))
    missing = LexborHTMLParser((site / "fr/404.html").read_text(encoding="utf-8"))
    assert {a.attributes["hreflang"]: a.attributes["href"] for a in missing.css("a.md-select__link")} == {"en": "/", "fr": "/fr/"}


def test_language_links_are_found_whatever_the_attribute_order():
    html = ('<link hreflang="fr" href="/x/fr/" rel="alternate"><link rel="alternate" type="application/rss+xml" href="f.xml">'
            '<a class="md-select__link" lang="en" hreflang="en" href="/x/">English</a><a href="/y/" hreflang="en">other</a>')
    out = static_i18n.rewrite_language_links(html, lambda lang, href: f"ALT-{lang}", lambda lang, href: f"SEL-{lang}-{href}")
    assert out == ('<link hreflang="fr" href="ALT-fr" rel="alternate"><link rel="alternate" type="application/rss+xml" href="f.xml">'
                   '<a class="md-select__link" lang="en" hreflang="en" href="SEL-en-/x/">English</a><a href="/y/" hreflang="en">other</a>')


def test_build_state_and_titles_come_from_static_i18n(configured, site):
    assert static_i18n.building_other_language(configured) is False
    assert static_i18n.current_language(configured, "en") == "en"
    fr = next(c for c in static_i18n.language_configs(configured) if c.locale == "fr")
    assert fr.nav_translations  # filled from the catalogue
    tree = LexborHTMLParser((site / "fr/index.html").read_text(encoding="utf-8"))
    nav = " ".join(a.text(strip=True) for a in tree.css("nav.md-nav--primary .md-nav__link"))
    assert any(title in nav for title in fr.nav_translations.values())


def test_generated_pages_carry_static_i18ns_language_metadata(site):
    """The change pages and what's new have no source file: static-i18n's language selector still pairs them."""
    files = {lang: SimpleNamespace() for lang in ("en", "fr")}
    static_i18n.mark_generated(files)
    assert (files["fr"].locale, files["fr"].locale_alternate_of, files["fr"].alternates) == ("fr", "fr", files)
    folder = "publications/scoe-1-space-support/changes/"
    page = LexborHTMLParser((site / "fr" / folder / "index.html").read_text(encoding="utf-8"))
    assert page.css_first("html").attributes["lang"] == "fr"
    selector = {a.attributes["hreflang"]: a.attributes["href"] for a in page.css("a.md-select__link")}
    assert selector == {"en": "../../../../" + folder, "fr": "./"}, selector
    english = LexborHTMLParser((site / folder / "index.html").read_text(encoding="utf-8"))
    assert {a.attributes["hreflang"]: a.attributes["href"] for a in english.css("a.md-select__link")} == {
        "en": "./", "fr": "../../../fr/" + folder}


def test_the_generated_pages_probe_fails_when_static_i18n_stops_setting_what_the_plugin_mimics(monkeypatch):
    monkeypatch.setattr(static_i18n, "_FILE_ATTRIBUTES", ("alternates", "locale", "language_of"))
    (line,) = compat.problems()
    assert line.startswith("upstream adaptation `static_i18n.generated_files`")
    assert "mkdocs_static_i18n.suffix.create_i18n_file no longer sets `file.language_of`" in line
    monkeypatch.setitem(static_i18n._READERS, "plugin", ("page.file.i18n_locale",))
    monkeypatch.setattr(static_i18n, "_FILE_ATTRIBUTES", ("locale",))
    assert "mkdocs_static_i18n.plugin no longer reads `page.file.i18n_locale`" in compat.problems()[0]


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(path: Path) -> dict[str, dict[str, str]]:
    """A sitemap.xml: each listed address and its language alternates ({hreflang: address})."""
    return {url.findtext(f"{SITEMAP}loc"): {a.get("hreflang"): a.get("href") for a in url.iter(f"{XHTML}link")}
            for url in ET.parse(path).getroot().iter(f"{SITEMAP}url")}


def test_generated_pages_are_in_both_languages_sitemaps(site):
    """static-i18n's sitemap lists the pages its on_files kept, before the plugin makes the change pages and
    what's new: the plugin adds them (compat/static_i18n.add_to_sitemap). Both languages' sitemap.xml list
    every page of the site at its full address with its other language, and nothing that is not a page."""
    base = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url
    pages = {base + str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("index.html")}
    for path in (site / "sitemap.xml", site / "fr/sitemap.xml"):
        listed = sitemap(path)
        assert set(listed) == pages, (path, sorted(pages ^ set(listed)))
        for alternates in listed.values():
            assert set(alternates.values()) <= pages, alternates
    listed = sitemap(site / "fr/sitemap.xml")
    for key in ("publications/scoe-1-space-support/changes/", "publications/scoe-4-1-space-domain-coordination/changes/", "whats-new/"):
        both = {"en": base + key, "fr": base + "fr/" + key}
        assert listed[base + key] == listed[base + "fr/" + key] == both, key


def test_the_sitemap_probe_fails_when_static_i18n_changes_its_sitemap(monkeypatch):
    monkeypatch.setattr(static_i18n, "_SITEMAP_READS", ("i18n_alternates", "file.i18n_pages"))
    (line,) = compat.problems()
    assert line.startswith("upstream adaptation `static_i18n.sitemap`") and "no longer reads `file.i18n_pages`" in line


def test_mike_site_url_keeps_its_slash():
    config = SimpleNamespace(site_url="http://127.0.0.1:8000/2026.1")  # what mike's on_config made of it
    base = mike.pin_site_url(config, "2026.1", None)
    assert (base, config.site_url) == ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/2026.1/")
    config.site_url = "http://127.0.0.1:8000/2026.1/2026.1"  # mike again, in the French pass
    mike.pin_site_url(config, "2026.1", base)
    assert config.site_url == "http://127.0.0.1:8000/2026.1/"
    # a release's sitemaps and canonical links: tests/test_release.py (test_site_url_*)
    assert Path(ROOT / "tests/test_release.py").read_text(encoding="utf-8").count("sitemap") >= 1


def test_a_partial_preview_rebuild_lists_the_themes_files_once():
    """compat/mkdocs_build.py: the listing MkDocs makes of the theme's files is made once, then taken again."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from scoelib.mkdocs_plugin.compat import mkdocs_build

    listings: dict = {}
    found = []
    for _ in range(2):
        config = load_config(config_file=str(ROOT / "mkdocs.yml"))
        mkdocs_build.reuse_theme_listing(config, listings)
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        found.append(sorted(f.src_uri for f in files))
    stock = Files([])
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    stock.add_files_from_theme(config.theme.get_env(), config)
    assert len(listings) == 1 and found[0] == found[1] == sorted(f.src_uri for f in stock) and len(found[0]) > 20
