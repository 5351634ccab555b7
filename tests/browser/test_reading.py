"""A reader's path through the library in Chromium, in each language: from the home page to a paragraph,
language switch, cross-references, copy-citation, the 404 page and a phone-sized screen."""

from __future__ import annotations

import re

import pytest

from scoelib import ui

from .conftest import PHONE, PREFIX, css_id, in_viewport

PUB = "publications/scoe-2-1-operational-space-support/"
TITLES = {"en": {"catalogue": "Catalogue of publications", "not_found": "404 – Page not found"},
          "fr": {"catalogue": "Catalogue des publications", "not_found": "404 – Page non trouvée"}}


def h1(page) -> str:
    """The page title as read (without the heading's permalink sign)."""
    return page.eval_on_selector("article h1", "el => el.firstChild.textContent.trim()")


def header_bottom(page) -> float:
    return page.eval_on_selector(".md-header", "el => el.getBoundingClientRect().bottom")


def assert_paragraph_in_view(page, number: str) -> None:
    """The paragraph is the target, on screen, and not hidden under the sticky header."""
    sel = "div.scoe-para" + css_id(number)
    page.wait_for_function("n => document.querySelector(':target') && document.querySelector(':target').id === n", arg=number)
    assert in_viewport(page, sel), f"paragraph {number} is off screen"
    top = page.eval_on_selector(sel, "el => el.getBoundingClientRect().top")
    assert top >= header_bottom(page) - 1, f"paragraph {number} is under the header"
    assert page.eval_on_selector(sel + " .scoe-para__num", "el => el.textContent.trim()") == number


def test_home_to_catalogue_to_publication_to_paragraph(reader, lang):
    page = reader.visit(PREFIX[lang])
    assert page.get_attribute("html", "lang") == lang
    page.click("article a[href$='catalogue/']")
    reader.ready()
    assert reader.path() == PREFIX[lang] + "catalogue/"
    assert h1(page) == TITLES[lang]["catalogue"]

    page.click(f"article a.scoe-ref[href$='{PUB}']")
    reader.ready()
    assert reader.path() == PREFIX[lang] + PUB
    assert "SCOE-2.1(A)" in page.inner_text("dl.scoe-meta")
    assert page.locator(".scoe-pubhead").count() == 0, "the publication's title twice: its line above the title, the title"
    assert page.locator(".md-header__topic .scoe-site-name").is_visible()  # the full site name on a desktop

    page.click("ol.scoe-contents a[href='chapter-2/']")
    reader.ready()
    assert reader.path() == PREFIX[lang] + PUB + "chapter-2/"
    page.click("div.scoe-para" + css_id("2.3") + " a.scoe-para__num")
    assert reader.path() == PREFIX[lang] + PUB + "chapter-2/#2.3"
    assert_paragraph_in_view(page, "2.3")

    # the permalink, opened cold (shared in a message), lands on the same paragraph
    fresh = reader.new_page()
    fresh.goto(reader.url(PREFIX[lang] + PUB + "chapter-2/#2.3"))
    reader.ready(fresh)
    assert_paragraph_in_view(fresh, "2.3")


@pytest.mark.parametrize("where", ["", PUB + "chapter-1/"], ids=["home", "chapter"])
def test_language_switch_keeps_the_page(reader, lang, where):
    other = "fr" if lang == "en" else "en"
    # Material rewrites language links from the sitemaps it fetches; whichever arrives first decides which
    # one it consults. Let the French one arrive first (the case that sent readers to the home page), and
    # switch once both are in.
    held, french_in = [], []

    def english(route):
        route.continue_() if french_in else held.append(route)

    def french(route):
        route.fulfill(response=route.fetch())
        french_in.append(route)
        while held:
            held.pop().continue_()

    reader.context.route(reader.url("sitemap.xml"), english)
    reader.context.route(reader.url("fr/sitemap.xml"), french)
    page = reader.visit(PREFIX[lang] + where)
    reader.wait_finished("sitemap.xml", "fr/sitemap.xml")
    page.click(".md-header .md-select button")  # the language selector opens on focus/hover
    link = page.locator(f".md-header .md-select__link[hreflang='{other}']")
    link.wait_for(state="visible")
    link.click()
    reader.ready()
    assert reader.path() == PREFIX[other] + where
    assert page.get_attribute("html", "lang") == other


def test_cross_reference_lands_on_its_paragraph(reader, lang):
    page = reader.visit(PREFIX[lang] + "publications/scoe-3-1-space-domain-awareness/chapter-1/")
    ref = page.locator("a.scoe-ref--para").first
    href = ref.get_attribute("href")
    number = href.rsplit("#", 1)[1]
    assert re.fullmatch(r"\d+\.\d+", number), href
    text = ref.inner_text()
    assert text.endswith(number), text
    ref.click()
    assert reader.path().endswith("#" + number)
    assert_paragraph_in_view(page, number)


def test_copy_citation_puts_the_reference_on_the_clipboard(reader, lang):
    page = reader.visit(PREFIX[lang] + PUB + "chapter-2/")
    para = page.locator("div.scoe-para" + css_id("2.3"))
    button = para.locator("button.scoe-cite")
    cite = button.get_attribute("data-cite")
    assert cite == ("SCOE-2.1(A) para 2.3" if lang == "en" else "SCOE-2.1(A) §\u00a02.3")
    label = button.get_attribute("aria-label")
    assert label == ("Cite paragraph 2.3" if lang == "en" else "Citer le paragraphe 2.3")
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()  # opens the forms of citation (tests/browser/test_doctrine.py checks each)
    para.locator(".scoe-cite-menu__item[data-form=short]").click()
    page.wait_for_function("c => navigator.clipboard.readText().then(t => t === c)", arg=cite)
    # the confirmation is announced to screen readers, in the page's language
    live = page.locator(".scoe-live[role=status]")
    assert live.inner_text() == ("Copied: " if lang == "en" else "Copié\u00a0: ") + cite


@pytest.mark.parametrize("missing", ["no-such-page/", "publications/scoe-9-nothing/chapter-7/"])
def test_missing_url_shows_the_localised_404(reader, lang, missing):
    page = reader.visit(PREFIX[lang] + missing, expect_status=404)
    assert page.get_attribute("html", "lang") == lang
    assert h1(page) == TITLES[lang]["not_found"]
    # the page is styled and usable: Material's CSS and search loaded from the site root
    assert page.eval_on_selector(".md-header", "el => getComputedStyle(el).position") == "sticky"
    assert page.get_attribute("input.md-search__input", "placeholder") == ("Search" if lang == "en" else "Rechercher")
    # the header's links lead back into the library, in the same language
    page.click(".md-header a.md-logo")
    reader.ready()
    assert reader.path() == PREFIX[lang]


def test_phone_reaches_navigation_and_search(open_reader, lang):
    reader = open_reader(viewport=PHONE, is_mobile=True, has_touch=True)
    page = reader.visit(PREFIX[lang] + PUB + "chapter-1/")
    # the header names the site in the catalogue's short form, whole, on two lines at most (the French name took four)
    assert not page.locator(".md-header__topic .scoe-site-name").is_visible()
    name = page.locator(".md-header__topic .scoe-site-name--short")
    assert name.is_visible() and name.inner_text().strip() == ui.t("site.short_name", lang)
    lines, clipped = name.evaluate("""el => [Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
                                           el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1]""")
    assert lines <= 2 and not clipped, (lines, clipped)
    drawer = page.locator("nav.md-nav--primary")
    assert not drawer.is_visible() or not in_viewport(page, "nav.md-nav--primary")
    page.click("label.md-header__button[for='__drawer']")
    # the drawer opens on the chapter's publication; the back arrows lead up to the whole library
    opened = page.eval_on_selector_all("nav.md-nav--primary input.md-nav__toggle[id^='__nav_']:checked",
                                        "els => els.map(e => e.id)")
    assert opened, "the drawer should open on the current publication"
    page.locator(f"nav.md-nav--primary label.md-nav__title[for='{opened[-1]}']").wait_for(state="visible")
    chapter = drawer.locator("label.md-nav__link--active, a.md-nav__link--active").filter(visible=True).first
    chapter.wait_for(state="visible")
    for level in reversed(opened):  # the back arrow of each level, deepest first
        page.click(f"nav.md-nav--primary label.md-nav__title[for='{level}']")
        page.wait_for_function("id => !document.getElementById(id).checked", arg=level)
    glossary = drawer.locator("a.md-nav__link[href$='glossary/']").first
    glossary.click()
    reader.ready()
    assert reader.path() == PREFIX[lang] + "glossary/"

    page.click("label.md-header__button[for='__search']")
    query = page.locator("input.md-search__input")
    query.wait_for(state="visible")
    word = "satellite" if lang == "en" else "satellites"
    query.type(word)
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible")
    assert in_viewport(page, ".md-search-result__item")
    link = first.locator("a.md-search-result__link").first
    href = link.get_attribute("href")
    link.click()
    reader.ready()
    assert reader.path().startswith(PREFIX[lang]) and ("/fr/" in "/" + reader.path()) == (lang == "fr"), href


# Tables whose content is wider than the text column, and headings with a line of nothing (a wrapped ¶)
OVERFLOWING = """() => [...document.querySelectorAll('article .md-typeset__scrollwrap, article table')]
    .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => (el.textContent || '').trim().slice(0, 30))"""
TALL_HEADINGS = """() => [...document.querySelectorAll('article h2')].filter(h => {
    const r = document.createRange(); r.selectNodeContents(h.firstChild);
    return h.getBoundingClientRect().height > r.getBoundingClientRect().height * 1.6; }).map(h => h.textContent)"""


def test_pages_fit_the_screen_without_empty_room(open_reader, lang):
    """What a reader sees at a glance: tables that fit the text column (the translation status's seven columns
    on a desktop, the history and downloads on a phone), no empty table-of-contents column beside the
    catalogue, a heading's permalink sign never wrapping alone onto a line, and the French edition starting
    a line with a capital (« Édition A, version 1 »)."""
    desk = open_reader()
    page = desk.visit(PREFIX[lang] + "translation-status/")
    assert page.evaluate(OVERFLOWING) == []
    page = desk.visit(PREFIX[lang] + "catalogue/")
    assert not page.locator(".md-sidebar--secondary").is_visible()
    assert page.eval_on_selector("table.scoe-catalogue", "t => t.getBoundingClientRect().width") > 800
    edition = page.eval_on_selector("table.scoe-catalogue td:nth-child(5)", "td => getComputedStyle(td, '::first-letter').textTransform")
    assert edition == "uppercase"
    clipped = page.eval_on_selector_all(".scoe-catalogue__summary", "els => els.filter(e => e.scrollHeight > e.clientHeight + 1).length")
    assert clipped == 0, "a publication's summary is cut off"
    page = desk.visit(PREFIX[lang] + "publications/scoe-3-1-space-domain-awareness/chapter-2/")
    assert page.evaluate(TALL_HEADINGS) == []
    phone = open_reader(viewport=PHONE, is_mobile=True, has_touch=True)
    for path in ("about/", "downloads/"):
        page = phone.visit(PREFIX[lang] + path)
        assert page.eval_on_selector("article h1", "h => parseFloat(getComputedStyle(h).fontSize)") <= 28, "the title fills the phone"
        assert page.evaluate(OVERFLOWING) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    # a publication's metadata: label and value side by side, not a screen of alternating lines
    page = phone.visit(PREFIX[lang] + "publications/scoe-3-1-space-domain-awareness/")
    rows = page.eval_on_selector_all("dl.scoe-meta > dt", """dts => dts.map(dt =>
        [dt.getBoundingClientRect().top, dt.nextElementSibling.getBoundingClientRect().top])""")
    assert rows and all(abs(dt - dd) < 4 for dt, dd in rows), rows
    # a reference is never split at its hyphen ("SCOE-" at a line's end, "1" on the next)
    refs = page.eval_on_selector_all("article a.scoe-ref", "els => els.map(a => [a.textContent, a.querySelector('.scoe-nobr') ? "
                                     "a.querySelector('.scoe-nobr').getClientRects().length : 0])")
    in_text = [lines for text, lines in refs if lines and re.fullmatch(r"[A-Z]+-[\d.]+", text)]
    assert in_text and set(in_text) == {1}, refs
