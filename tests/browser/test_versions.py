"""Two published versions (`make release`, tools/release.py over mike) read in Chromium: the version selector and
the language switch each keep the page (and the paragraph's place in it), in both languages.

The versions are the session's real releases (tests/releases.py: 2026.1, then 2026.2 as `latest` with a marker
paragraph on the about page, and a hidden pre-release), served from a checkout of `gh-pages` on 127.0.0.1."""

from __future__ import annotations

from releases import MARK

from .conftest import PREFIX, css_id

CHAPTER = "publications/scoe-2-1-operational-space-support/chapter-1/"


def choose_version(reader, version: str) -> None:
    """Open Material's version selector as a reader does (pointer over it) and pick a version."""
    page = reader.page
    page.locator(".md-version .md-version__list").wait_for(state="attached")
    # the selector sits beside the site's name, which the header shows again at the top of the page
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("() => !document.querySelector('.md-header__title').classList.contains('md-header__title--active')")
    box = page.locator(".md-version__current").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the list opens on hover
    entry = page.locator(".md-version__list a.md-version__link", has_text=version)
    entry.wait_for(state="visible")
    entry.click()
    # Material checks the target version's sitemap first, then goes to the same page there
    page.wait_for_url(lambda url: f"/{version}/" in url)
    reader.ready()


def test_version_selector_keeps_page_language_and_paragraph(open_reader, published, lang):
    reader = open_reader(base=published.base)
    page = reader.visit(f"latest/{PREFIX[lang]}{CHAPTER}")
    versions = page.eval_on_selector_all(".md-version__list .md-version__link", "els => els.map(e => e.textContent.trim())")
    assert versions[:2] == ["2026.2", "2026.1"], versions
    page.click("div.scoe-para" + css_id("1.2") + " a.scoe-para__num")
    assert reader.path() == f"latest/{PREFIX[lang]}{CHAPTER}#1.2"
    choose_version(reader, "2026.1")
    assert reader.path().startswith(f"2026.1/{PREFIX[lang]}{CHAPTER}"), reader.path()
    assert page.get_attribute("html", "lang") == lang
    page.locator("[data-md-component=outdated]").wait_for(state="visible")
    # the earlier version has the same chapter and paragraph: the permalink works there too
    page.goto(reader.url(f"2026.1/{PREFIX[lang]}{CHAPTER}#1.2"))
    reader.ready()
    page.wait_for_function("() => document.querySelector(':target') && document.querySelector(':target').id === '1.2'")


def test_language_switch_stays_in_the_version(open_reader, published, lang):
    other = "fr" if lang == "en" else "en"
    reader = open_reader(base=published.base)
    page = reader.visit(f"2026.1/{PREFIX[lang]}{CHAPTER}")
    page.click(".md-header .md-select button")
    link = page.locator(f".md-header .md-select__link[hreflang='{other}']")
    link.wait_for(state="visible")
    link.click()
    reader.ready()
    assert reader.path() == f"2026.1/{PREFIX[other]}{CHAPTER}"
    assert page.get_attribute("html", "lang") == other


def test_each_version_shows_its_own_text(open_reader, published, lang):
    reader = open_reader(base=published.base)
    page = reader.visit(f"latest/{PREFIX[lang]}about/")
    assert MARK[lang] in page.inner_text("article")
    choose_version(reader, "2026.1")
    assert reader.path() == f"2026.1/{PREFIX[lang]}about/"
    assert MARK[lang] not in page.inner_text("article")
    # and a missing page of that version shows the version's own 404, in the language
    page = reader.visit(f"2026.1/{PREFIX[lang]}no-such-page/", expect_status=404)
    assert page.get_attribute("html", "lang") == lang
    assert page.eval_on_selector("article h1", "h => h.textContent").startswith("404")
