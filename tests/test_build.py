"""The real library, built strictly once: what readers get in each language.

Checked on the built files with a real HTML parser; the browser checks live in tests/browser/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT
from scoelib import model, style, ui
from scoelib.render import sort_key

LIB, _ = model.load(ROOT)


def html(site: Path, rel: str) -> LexborHTMLParser:
    path = site / rel
    assert path.exists(), f"{rel} was not built"
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def text(tree: LexborHTMLParser, css: str) -> str:
    node = tree.css_first(css)
    assert node is not None, css
    return node.text(separator=" ", strip=True)


def test_both_languages_with_lang_attributes(site):
    for rel, lang in [("index.html", "en"), ("fr/index.html", "fr"), ("about/index.html", "en"), ("fr/about/index.html", "fr"),
                      ("glossary/index.html", "en"), ("fr/glossary/index.html", "fr")]:
        assert html(site, rel).css_first("html").attributes["lang"] == lang, rel


def test_every_page_exists_in_both_languages(site):
    for key in LIB.keys():
        url = LIB.url(key, LIB.languages.default)
        assert (site / url / "index.html").exists(), url
        assert (site / "fr" / url / "index.html").exists(), "fr/" + url


def test_french_interface(site):
    page = html(site, "fr/publications/scoe-2-1-operational-space-support/chapter-1/index.html")
    assert page.css_first("input.md-search__input").attributes["placeholder"] == "Rechercher"
    assert "Table des matières" in page.html
    nav_titles = [a.text(strip=True) for a in page.css("nav.md-nav--primary .md-nav__link")]
    assert "Glossaire" in " ".join(nav_titles) and "Domaines" in " ".join(nav_titles)
    assert "Glossary" not in nav_titles


def test_french_admonition_titles(site):
    # the home page's admonitions carry no explicit title: their title must be French on /fr/
    page = html(site, "fr/index.html")
    titles = [t.text(strip=True) for t in page.css(".admonition-title")]
    assert titles and not {"Note", "Warning", "Info"} & set(titles) - {"Note"}
    assert all(t not in ("Warning", "Important", "Tip") for t in titles)


@pytest.mark.parametrize("rel,target", [
    ("about/index.html", "../fr/about/"),
    ("fr/about/index.html", "../../about/"),
    ("index.html", "fr/"),
    ("fr/index.html", "../"),
    ("publications/scoe-1-space-support/chapter-2/index.html", "../../../fr/publications/scoe-1-space-support/chapter-2/"),
])
def test_language_switcher_leads_to_the_counterpart(site, rel, target):
    page = html(site, rel)
    other = "fr" if not rel.startswith("fr/") else "en"
    link = page.css_first(f'a.md-select__link[hreflang="{other}"]')
    assert link is not None
    href = link.attributes["href"]
    resolved = (Path(rel).parent / href).as_posix()
    assert Path(resolved).resolve() == Path((Path(rel).parent / target).as_posix()).resolve() or href.rstrip("/") == target.rstrip("/")
    assert not href.startswith("/"), "absolute links leave a mike version folder"


def test_localised_404_pages(site):
    en, fr = html(site, "404.html"), html(site, "fr/404.html")
    assert en.css_first("html").attributes["lang"] == "en" and fr.css_first("html").attributes["lang"] == "fr"
    assert "404" in en.text() and "404" in fr.text()
    assert "Rechercher" in fr.html and "Rechercher" not in en.html


def test_catalogue_lists_each_publication_once_per_language(site):
    for prefix in ("", "fr/"):
        page = html(site, f"{prefix}catalogue/index.html")
        table = page.css_first("table.scoe-catalogue")
        assert table is not None
        ids = re.findall(r">(SCOE-[\d.]+)<", table.html)
        assert sorted(ids) == sorted(LIB.publications), prefix


def test_banners_on_the_right_pages(site):
    study = html(site, "fr/publications/scoe-1-space-support/index.html")
    assert "ne pas utiliser en opérations" in text(study, ".scoe-banner--study")
    assert html(site, "publications/scoe-1-space-support/chapter-1/index.html").css_first(".scoe-banner--study")
    old = html(site, "publications/scoe-3-0-ssa-primer/index.html")
    banner = old.css_first(".scoe-banner--superseded")
    assert "SCOE-3.1" in banner.text() and banner.css_first("a").attributes["href"].endswith("scoe-3-1-space-domain-awareness/")
    assert "remplacée" in text(html(site, "fr/publications/scoe-3-0-ssa-primer/index.html"), ".scoe-banner--superseded").lower()
    assert html(site, "publications/scoe-3-1-space-domain-awareness/index.html").css_first(".scoe-banner--superseded") is None


def test_metadata_block(site):
    page = html(site, "fr/publications/scoe-2-1-operational-space-support/index.html")
    meta = text(page, "dl.scoe-meta")
    for expected in ("SCOE-2.1(A)", "Projet d’étude", "9\u00a0novembre 2026", "Pilote", "Publique"):
        assert expected in meta, expected


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_publication_index_shows_its_title_once_then_its_identity(site, lang):
    """One title, then the identity block: reference with edition and version, status, date (a publication
    line above the title repeated it on the index page)."""
    for pub in LIB.publications.values():
        meta = pub.meta_in(lang)
        page = html(site, ("" if lang == "en" else "fr/") + f"{pub.folder}/index.html")
        article = page.css_first("article")
        # what readers never see (the search's title of the page), and the crumbs and area link that may bear the same words
        for node in article.css("[hidden], nav.scoe-crumbs, dl.scoe-meta dd a"):
            node.decompose()
        assert article.css_first("h1").text(deep=False).strip() == style.render_text(meta.title, lang)
        head = article.text(separator=" ").split(text(page, "article h2"))[0]  # everything above the first section
        assert head.count(style.render_text(meta.title, lang)) == 1, pub.id
        assert page.css_first(".scoe-pubhead") is None
        h1 = article.css_first("h1")
        after = h1.next
        while after is not None and after.tag == "-text":
            after = after.next
        assert after is not None and after.tag == "dl" and "scoe-meta" in after.attributes.get("class", ""), pub.id
        rows = [(dt.text(strip=True), dt.next.text(separator=" ", strip=True)) for dt in after.css("dt")[:3]]
        assert rows[0][1] == f"{pub.edition_label}, {ui.t('meta.edition_version', lang, edition=meta.edition, version=meta.version)}"
        assert [r[0] for r in rows[1:]] == (["Status", "Date"] if lang == "en" else ["Statut", "Date"])
    # a chapter keeps its publication line above its own title
    chapter = html(site, "fr/publications/scoe-2-1-operational-space-support/chapter-2/index.html")
    assert "édition A, version 1" in text(chapter, ".scoe-pubhead") and "Appui spatial" in text(chapter, ".scoe-pubhead__title")


def test_paragraph_anchors_identical_in_both_languages(site):
    for pub in LIB.publications.values():
        for n in pub.chapters:
            rel = f"{pub.folder}/chapter-{n}/index.html"
            en = [d.attributes["id"] for d in html(site, rel).css("div.scoe-para")]
            fr = [d.attributes["id"] for d in html(site, "fr/" + rel).css("div.scoe-para")]
            assert en and en == fr == [p.number for p in pub.chapters[n]["en"].paragraphs]


def test_copy_citation_text(site):
    page = html(site, "fr/publications/scoe-2-1-operational-space-support/chapter-2/index.html")
    button = page.css_first('div.scoe-para[id="2.3"] button.scoe-cite')
    assert button.attributes["data-cite"] == "SCOE-2.1(A) §\u00a02.3"
    page = html(site, "publications/scoe-2-1-operational-space-support/chapter-2/index.html")
    assert page.css_first('div.scoe-para[id="2.3"] button.scoe-cite').attributes["data-cite"] == "SCOE-2.1(A) para 2.3"


def test_french_term_links_to_french_glossary_with_french_tooltip(site):
    rel = "fr/publications/scoe-3-1-space-domain-awareness/chapter-1/"
    page = html(site, rel + "index.html")
    term = page.css_first(".scoe-term")
    link = term.css_first("a.scoe-term__link")
    target = (Path("/") / rel / link.attributes["href"]).resolve().as_posix()
    assert target.startswith("/fr/glossary/#term-") or target.startswith("/fr/glossary#term-")
    tip = term.css_first(".scoe-tip")
    assert tip.attributes["role"] == "tooltip" and tip.attributes["lang"] == "fr"
    assert link.attributes["aria-describedby"] == tip.attributes["id"]
    anchor = link.attributes["href"].split("#")[1]
    glossary = html(site, "fr/glossary/index.html")
    entry = glossary.css_first(f'[id="{anchor}"]')
    assert entry is not None and entry.css_first(".scoe-entry__def").text(strip=True) in tip.text()


def test_cross_reference_lands_on_an_existing_paragraph(site):
    count = 0
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        for a in LexborHTMLParser(path.read_text(encoding="utf-8")).css("a.scoe-ref--para"):
            href = a.attributes["href"]
            page, _, anchor = href.partition("#")
            target = (path.parent / page / "index.html").resolve()
            assert target.exists(), (rel, href)
            assert LexborHTMLParser(target.read_text(encoding="utf-8")).css_first(f'div.scoe-para[id="{anchor}"]'), (rel, href)
            count += 1
    assert count > 0


def test_abbreviations_expanded_in_page_language(site):
    en = html(site, "publications/scoe-2-1-operational-space-support/chapter-2/index.html")
    fr = html(site, "fr/publications/scoe-2-1-operational-space-support/chapter-2/index.html")
    en_abbr = {a.text(): a.attributes.get("title") for a in en.css("abbr")}
    fr_abbr = {a.text(): a.attributes.get("title") for a in fr.css("abbr")}
    assert en_abbr and fr_abbr
    for abbr, title in en_abbr.items():
        entry = next(e for e in LIB.glossary if abbr in e.en.abbr)
        assert title == entry.en.term
    for abbr, title in fr_abbr.items():
        entry = next(e for e in LIB.glossary if abbr in e.fr.abbr)
        assert title == style.render_text(entry.fr.term, "fr")  # "mémorandum d’entente": the text's apostrophe


def test_generated_glossary_in_french_order(site):
    page = html(site, "fr/glossary/index.html")
    terms = [d.text(strip=True) for d in page.css(".scoe-entry__term dfn")]
    assert len(terms) == len(LIB.glossary) >= 150
    assert terms == sorted(terms, key=lambda t: sort_key(t, "fr"))
    other = page.css_first(".scoe-entry__other span[lang=en]")
    assert other is not None
    assert page.css_first("#abbreviations") and page.css_first("#terms")


def test_french_sort_ignores_accents():
    words = ["état", "espace", "Europe", "écran", "effet"]
    assert sorted(words, key=lambda w: sort_key(w, "fr")) == ["écran", "effet", "espace", "état", "Europe"]


def test_referenced_by_lists_citing_pages(site):
    page = html(site, "publications/scoe-1-space-support/index.html")
    section = page.html.split('id="referenced-by"', 1)[1]
    assert "SCOE-2.1" in section and "SCOE-4.1" in section


def test_glossary_used_in_links(site):
    page = html(site, "glossary/index.html")
    used = page.css_first("#term-space-domain-awareness .scoe-entry__used")
    assert used is not None and len(used.css("a")) >= 2


def test_search_index_per_language(site):
    """Pagefind's index, one per language from each page's <html lang>; Material's lunr index is gone."""
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en", "fr"}
    assert entry["languages"]["en"]["page_count"] == entry["languages"]["fr"]["page_count"] > 10
    assert not (site / "search").exists() and not (site / "fr/search").exists()
    page = (site / "fr/index.html").read_text(encoding="utf-8")
    # the article is what is indexed; the glossary tooltips are left out of it (Pagefind's exclude selector)
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in page
    tips = re.findall(r'<span class="scoe-tip"[^>]*>', page)
    assert tips and all("data-search-exclude" in t for t in tips), tips


def test_translation_status_page(site):
    page = html(site, "fr/translation-status/index.html")
    total_row = [r for r in page.css("#by-section ~ table tr, table tr") if "Toutes les pages" in r.text()]
    assert total_row
    cells = [c.text(strip=True) for c in total_row[0].css("td")]
    assert cells[1].isdigit() and int(cells[1]) + sum(int(c) for c in cells[2:6]) == len(LIB.keys())


def test_no_outside_resources_in_built_files(site):
    """Air gap: no HTML, CSS or JS file loads anything from another host (links to outside pages are fine)."""
    resource = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//(?!127\.0\.0\.1)[^"']+["']"""
                          r"""|@import\s+url\(\s*["']?https?://|url\(\s*["']?https?://""", re.I)
    offenders = []
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        body = path.read_text(encoding="utf-8", errors="replace")
        for m in resource.finditer(body):
            snippet = m.group(0)
            if path.suffix == ".html" and re.match(r"href", snippet, re.I):
                # an <a href> to an outside page is a link, not a resource; <link href> is a resource
                start = body.rfind("<", 0, m.start())
                if body[start:start + 2].lower() == "<a":
                    continue
            offenders.append(f"{path.relative_to(site)}: {snippet[:80]}")
    assert not offenders, "\n".join(offenders[:20])


def test_content_security_policy_on_every_page(site):
    for rel in ("index.html", "fr/glossary/index.html", "404.html", "fr/404.html"):
        meta = html(site, rel).css_first('meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None and "default-src 'self'" in meta.attributes["content"], rel


def test_no_inline_script_anywhere(site):
    """The theme's inline scripts are files (assets/inline/): the server's policy is `script-src 'self'` with
    no 'unsafe-inline' (deploy/nginx.conf), and each page's own policy lists no hash."""
    inline = []
    for path in site.rglob("*.html"):
        for script in html(site, path.relative_to(site).as_posix()).css("script"):
            kind = (script.attributes.get("type") or "").lower()
            if not script.attributes.get("src") and kind in ("", "text/javascript", "module"):
                inline.append(path.relative_to(site).as_posix())
        page = path.read_text(encoding="utf-8")
        assert "'sha256-" not in page, path
    assert not inline, inline[:5]
    srcs = {s.attributes["src"] for s in html(site, "fr/about/index.html").css("script[src]") if "/inline/" in s.attributes["src"]}
    assert len(srcs) == 3 and all((site / "fr/about" / src).resolve().is_file() for src in srcs), srcs
    not_found = {s.attributes["src"] for s in html(site, "fr/404.html").css("script[src]") if "/inline/" in s.attributes["src"]}
    assert not_found and all(src.startswith("/assets/inline/") and (site / src[1:]).is_file() for src in not_found), not_found


def test_no_placeholder_left_in_any_built_file(site):
    """The renderer keeps its markup out of the Markdown engine behind private-use characters; a reader
    must never see one (they show as empty boxes)."""
    leftovers = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml")
                 and re.search("[\ue000-\uf8ff]", p.read_text(encoding="utf-8"))]
    assert not leftovers


def test_generated_markup_around_lists_tables_quotes_and_headings(edited):
    """References in a heading, a list, a table and a quotation, inside a numbered paragraph that holds
    them all (tests/edited.py's AWKWARD_CHAPTER, built with the other edits): each lands where it was written,
    the paragraph wraps all its blocks, the table of contents reads the heading as text."""
    _, site = edited
    raw = (site / "publications/scoe-2-1-operational-space-support/chapter-1/index.html").read_text(encoding="utf-8")
    assert not re.search("[\ue000-\uf8ff]", raw)
    page = LexborHTMLParser(raw)
    heading = page.css_first("article h2#links-to-scoe-31-and-space-domain-awareness")
    assert heading is not None, [h.attributes.get("id") for h in page.css("article h2")]
    assert heading.css_first("a.scoe-ref").text() == "SCOE-3.1" and heading.css_first(".scoe-term")
    toc = [" ".join(a.text().split()) for a in page.css("nav.md-nav--secondary a")]
    assert "Links to SCOE-3.1 and space domain awareness" in toc, toc
    para = page.css_first('div.scoe-para[id="1.14"]')
    first = para.css_first("p")
    assert para.css_first(".scoe-para__head a.scoe-para__num").text() == "1.14" and "opens a list" in first.text()
    items = para.css("ul > li")
    assert [li.css_first("a").attributes["class"] for li in items] == ["scoe-ref scoe-ref--para", "scoe-term__link"]
    assert items[0].css_first("a").attributes["href"] == "../../scoe-3-1-space-domain-awareness/chapter-1/#1.2"
    cells = para.css("table td")
    assert cells[0].css_first(".scoe-term .scoe-tip[role=tooltip]") and cells[1].css_first("a.scoe-ref").text() == "SCOE-1"
    assert para.css_first("blockquote .scoe-term__link").text() == "interoperability"
    assert para.css_first('div.scoe-para[id="1.15"]') is None, "paragraph 1.15 nested in 1.14"
    last = page.css_first('div.scoe-para[id="1.15"]')
    assert [a.text() for a in last.css("a.scoe-term__link")] == ["framework nation", "doctrine"]
    assert last.css_first("p").html.endswith("</span></span></p>"), "the paragraph does not end with its last term"


def test_phrases_in_the_other_language_are_marked(site):
    """WCAG 3.1.2 (language of parts): a French phrase quoted in an English page, and an English one in a
    French page, carry their language, so that screen readers pronounce them in it."""
    en = html(site, "publications/scoe-3-1-space-domain-awareness/chapter-1/index.html")
    assert {"connaissance du domaine spatial", "connaissance de la situation spatiale"} <= {
        s.text() for s in en.css('article .scoe-para span[lang="fr"]')}
    fr = html(site, "fr/publications/scoe-3-1-space-domain-awareness/chapter-3/index.html")
    assert "pattern of life" in [s.text() for s in fr.css('article em > span[lang="en"]')]
    about = html(site, "fr/about/index.html")
    assert {"new space", "Space Hub"} <= {s.text() for s in about.css('article span[lang="en"]')}


def test_french_pages_write_the_typographic_apostrophe_everywhere_a_reader_sees(site):
    """The footer's previous/next links, abbreviations' expansions (`title`), figures' text and every other
    French word on a French page read `l’OTAN`, never `l'OTAN` (what is quoted in English, code and scripts
    aside)."""
    straight = re.compile(r"[^\W\d_]'[^\W\d_]")
    found = []
    for path in sorted((site / "fr").rglob("*.html")):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for node in tree.css("script, style, code, pre, kbd, [lang]:not([lang=fr]):not(html)"):
            node.decompose()
        body = tree.body
        texts = [body.text(separator=" ")] if body else []
        texts += [n.attributes.get(a) or "" for a in ("title", "aria-label", "alt") for n in tree.css(f"body [{a}]")]
        found += [f"{path.relative_to(site)}: …{m.string[max(0, m.start() - 30):m.end() + 30]}…"
                  for t in texts for m in straight.finditer(t)]
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("rel", ["whats-new/index.html", "publications/scoe-3-1-space-domain-awareness/changes/index.html"])
def test_nothing_to_compare_yet_is_no_dead_end(site, rel):
    """Before any release, What's new and a publication's changes say why they are empty, in the page's language,
    and lead to the catalogue, where each publication's edition and record of changes are."""
    for prefix, words in (("", "nothing to compare"), ("fr/", "rien à comparer")):
        page = html(site, prefix + rel)
        assert words in text(page, "p.scoe-changes-state")
        link = page.css_first("p.scoe-changes-more a.scoe-ref")
        assert link is not None and link.attributes["href"].endswith("catalogue/"), prefix + rel
        assert (site / prefix / rel).parent.joinpath(link.attributes["href"], "index.html").resolve().is_file()


def test_registry_says_an_unconfirmed_edition_once(site):
    """"Edition in force: not confirmed", not "Edition in force: edition not confirmed"."""
    for rel, said in (("standards/index.html", "Edition in force: not confirmed"),
                      ("fr/standards/index.html", "Édition en vigueur\u00a0: non confirmée")):
        lines = [p.text(separator=" ", strip=True) for p in html(site, rel).css("p.scoe-std__meta")]
        assert any(said in line for line in lines), (rel, lines[:2])
        assert not any(re.search(r"[Éé]dition\W+[ée]dition", line) for line in lines), rel


def test_french_ordinals_are_superscripts_in_the_text_only(site):
    """« 29<sup>e</sup> centre d’excellence » in the page's text; the window's title, the navigation and the
    search's titles keep plain text (never an escaped tag a reader would see); English pages are untouched."""
    home = (site / "fr/index.html").read_text(encoding="utf-8")
    assert "29<sup>e</sup>\u00a0centre" in home or "29<sup>e</sup> centre" in home
    assert "29<sup>e</sup>" in (site / "fr/glossary/index.html").read_text(encoding="utf-8")
    assert "<sup>" not in html(site, "fr/index.html").css_first("title").text()
    shown = [p for p in site.rglob("*.html") if "&lt;sup&gt;" in p.read_text(encoding="utf-8")]
    assert not shown, f"an escaped <sup> shows as text in {shown[:3]}"
    assert "29th" in (site / "index.html").read_text(encoding="utf-8")
    assert "<sup>" not in (site / "glossary/index.html").read_text(encoding="utf-8")


def test_french_glossary_cites_french_sources_or_says_the_source_is_english(site):
    fr, en = html(site, "fr/glossary/index.html"), html(site, "glossary/index.html")
    own = fr.css_first('[id="term-cyberwar"] .scoe-entry__source')
    assert "Journal officiel du 11 décembre 2020" in re.sub(r"\s", " ", own.text()) and own.css_first("[lang]") is None
    english = fr.css_first('[id="term-accreditation"] .scoe-entry__source')
    assert english.css_first('span[lang="en"]').text().startswith("act.nato.int")
    assert "(en anglais)" in english.text()
    assert "Journal officiel 11 December 2020" in text(en, '[id="term-cyberwar"] .scoe-entry__source')
    # every French source given in data/glossary.yml is the one French readers see
    for e in LIB.glossary:
        if e.fr.source:
            assert e.fr.source.split(" (")[0][:20] in text(fr, f'[id="term-{e.id}"] .scoe-entry__source').replace("'", "’"), e.id


def test_phone_header_names_the_site_in_the_catalogues_short_form(site):
    for rel, lang in (("index.html", "en"), ("fr/glossary/index.html", "fr")):
        topic = html(site, rel).css_first(".md-header__topic")
        assert text(topic, ".scoe-site-name--short") == ui.t("site.short_name", lang)
        assert text(topic, ".scoe-site-name").startswith(("NATO Space Centre", "Centre d’excellence spatial"))
