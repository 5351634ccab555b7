"""Glossary tooltips in Chromium (WCAG 1.4.13): the definition in the page's language on hover and on keyboard
focus, hoverable, dismissed with Escape, and on screen, on a desktop and on a phone."""

from __future__ import annotations

import pytest

from scoelib import model

from .conftest import DESKTOP, PHONE, PREFIX, ROOT

CHAPTER = "publications/scoe-1-space-support/chapter-1/"
LIB, _ = model.load(ROOT)
GLOSSARY = {e.id: e for e in LIB.glossary}


def definition(href: str, lang: str) -> str:
    """The entry's definition as readers see it (the build sets the language's apostrophes and spaces)."""
    from scoelib import style

    entry = GLOSSARY[href.rsplit("#term-", 1)[1]]
    return style.render_html(getattr(entry, lang).definition, lang)


def tip_of(page, link):
    return page.locator("#" + link.get_attribute("aria-describedby"))


def test_hover_shows_the_definition_in_the_pages_language(reader, lang):
    page = reader.visit(PREFIX[lang] + CHAPTER)
    link = page.locator("a.scoe-term__link").first
    tip = tip_of(page, link)
    assert not tip.is_visible()
    link.hover()
    tip.wait_for(state="visible")
    assert tip.get_attribute("role") == "tooltip" and tip.get_attribute("lang") == lang
    assert definition(link.get_attribute("href"), lang) in tip.inner_text()
    # hoverable: the pointer can travel from the term onto the tooltip without losing it
    box, term = tip.bounding_box(), link.bounding_box()
    x = max(box["x"] + 4, min(term["x"] + term["width"] / 2, box["x"] + box["width"] - 4))
    page.mouse.move(x, term["y"] + term["height"] / 2)
    page.mouse.move(x, box["y"] + 4, steps=8)  # straight down onto the tooltip
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)  # and across it
    assert tip.is_visible()
    page.mouse.move(5, DESKTOP["height"] - 5)
    tip.wait_for(state="hidden")


def test_keyboard_reaches_a_term_shows_its_tooltip_and_escape_dismisses_it(reader, lang):
    page = reader.visit(PREFIX[lang] + CHAPTER)
    for _ in range(300):  # from the top of the page, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.scoe-term__link')"):
            break
    else:
        pytest.fail("Tab never reached a glossary term")
    link = page.locator("a.scoe-term__link:focus")
    tip = tip_of(page, link)
    tip.wait_for(state="visible")
    assert definition(link.get_attribute("href"), lang) in tip.inner_text()
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.matches('a.scoe-term__link')"), "Escape must not move the focus"
    # the next term shows its own tooltip again
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.scoe-term__link')"):
            break
    following = tip_of(page, page.locator("a.scoe-term__link:focus"))
    following.wait_for(state="visible")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_tooltip_stays_on_screen(open_reader, lang, viewport):
    reader = open_reader(viewport=viewport)
    page = reader.visit(PREFIX[lang] + CHAPTER)
    outside = page.evaluate("""() => {
        const out = [], width = document.documentElement.clientWidth, height = window.innerHeight;
        for (const link of document.querySelectorAll('a.scoe-term__link')) {
            link.focus();
            const tip = document.getElementById(link.getAttribute('aria-describedby'));
            const r = tip.getBoundingClientRect();
            if (!r.width || r.left < 0 || r.right > width || r.top < 0 || r.bottom > height)
                out.push([link.textContent, Math.round(r.left), Math.round(r.right), Math.round(r.top), Math.round(r.bottom)]);
        }
        return out; }""")
    assert not outside, f"tooltips off screen (term, left, right, top, bottom): {outside}"
