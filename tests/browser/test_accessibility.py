"""Accessibility in Chromium, WCAG 2.2 AA: axe-core on every kind of page in each language and in the states a
reader puts them in (search open, phone drawer, tooltip shown, dark scheme), language of the page and of its
parts, and the keyboard (skip link, visible focus)."""

from __future__ import annotations

import pytest

from .conftest import AXE, AXE_PATH, DESKTOP, PHONE, PREFIX

PAGES = {
    "home": "",
    "catalogue": "catalogue/",
    "publication": "publications/scoe-2-1-operational-space-support/",
    "chapter": "publications/scoe-1-space-support/chapter-1/",
    "superseded chapter": "publications/scoe-3-0-ssa-primer/chapter-1/",
    "glossary": "glossary/",
    "author guide": "guide/",
    "standards": "standards/",
    "about": "about/",
    "core areas": "areas/",
    "core area": "areas/space-domain-awareness/",
    "translation status": "translation-status/",
    "404": "no-such-page/",
}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Best-practice rules that stock Material fails and the library fixes: checked too, so they stay fixed.
EXTRA_RULES = ["aria-dialog-name"]


def axe(reader, page=None) -> list[str]:
    """Run axe-core on the page as it is now; one line per violation and element."""
    page = page or reader.page
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make axe` (npm ci)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=reader.url(AXE_PATH))
    # colours are measured as they end up, not halfway through a fade-in (Material animates its search results)
    page.wait_for_function("""() => document.getAnimations().every(a =>
        a.playState !== 'running' || a.effect.getComputedTiming().endTime === Infinity)""")
    found = page.evaluate("""async ([tags, extra]) => {
        const rules = Object.fromEntries(extra.map(id => [id, {enabled: true}]));
        const tagged = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        const named = await axe.run(document, {runOnly: {type: 'rule', values: extra}, resultTypes: ['violations']});
        return [...tagged.violations, ...named.violations].flatMap(v => v.nodes.map(n =>
            `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`));
    }""", [TAGS, EXTRA_RULES])
    return found


def test_axe_runs_and_sees_a_violation(reader):
    """The harness itself: a page with a known violation is reported (so a silent axe cannot pass everything)."""
    page = reader.visit("about/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"data:,\">')")
    assert any(v.startswith("image-alt") for v in axe(reader))


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_have_no_wcag_violation(open_reader, lang, name):
    reader = open_reader()
    path = PREFIX[lang] + PAGES[name]
    reader.visit(path, expect_status=404 if name == "404" else 200)
    assert reader.page.get_attribute("html", "lang") == lang
    violations = axe(reader)
    assert not violations, f"{path}:\n" + "\n".join(violations)


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_have_no_wcag_violation_in_the_dark_scheme(open_reader, name):
    """Every kind of page in the dark scheme too, the languages taking turns (the light test has both)."""
    lang = ["en", "fr"][list(PAGES).index(name) % 2]
    reader = open_reader(color_scheme="dark")
    path = PREFIX[lang] + PAGES[name]
    reader.visit(path, expect_status=404 if name == "404" else 200)
    assert reader.page.get_attribute("body", "data-md-color-scheme") == "slate"
    violations = axe(reader)
    assert not violations, f"{path} (dark):\n" + "\n".join(violations)
    # banners and status badges are dark cards on the dark page, not light ones that glare
    light = reader.page.eval_on_selector_all(".scoe-banner, .scoe-badge", """els => els.filter(el => {
        const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\\d+/g).map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b > 100; }).map(el => el.className)""")
    assert not light, f"{path} (dark): light cards {light}"


def open_search(reader, query: str) -> None:
    page = reader.page
    if page.locator("label.md-header__button[for='__search']").is_visible():
        page.click("label.md-header__button[for='__search']")  # phone: the magnifier opens the search
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(state="visible")


@pytest.mark.parametrize("lang,scheme,screen", [("en", "light", "desktop"), ("en", "dark", "phone"),
                                                 ("fr", "dark", "desktop"), ("fr", "light", "phone")])
def test_states_have_no_wcag_violation(open_reader, lang, scheme, screen):
    """Search open with results, the phone's drawer, a tooltip shown: in the light and the dark palette, on a
    desktop and a phone, each language in both palettes and on both screens."""
    viewport = {"desktop": DESKTOP, "phone": PHONE}[screen]
    reader = open_reader(viewport=viewport, color_scheme=scheme)
    page = reader.visit(PREFIX[lang] + PAGES["chapter"])
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    problems = []
    link = page.locator("a.scoe-term__link").first
    link.focus()
    page.locator("#" + link.get_attribute("aria-describedby")).wait_for(state="visible")
    problems += [f"tooltip shown: {v}" for v in axe(reader)]
    open_search(reader, "satellite" if lang == "en" else "satellites")
    problems += [f"search open: {v}" for v in axe(reader)]
    page.keyboard.press("Escape")
    if viewport is PHONE:
        page.wait_for_function("() => !document.getElementById('__search').checked")
        page.click("label.md-header__button[for='__drawer']")
        page.locator("nav.md-nav--primary").wait_for(state="visible")
        problems += [f"drawer open: {v}" for v in axe(reader)]
    assert not problems, "\n".join(problems)


def test_language_of_the_page_and_of_its_parts(reader, lang):
    other = "fr" if lang == "en" else "en"
    page = reader.visit(PREFIX[lang] + "glossary/")
    assert page.get_attribute("html", "lang") == lang
    # the glossary's other-language term is marked as such (WCAG 3.1.2)
    others = page.locator(".scoe-entry__other [lang]")
    assert others.count() > 100
    assert set(page.eval_on_selector_all(".scoe-entry__other [lang]", "els => els.map(e => e.lang)")) == {other}
    # language names in the selector are read in their own language
    for code in ("en", "fr"):
        assert page.get_attribute(f".md-select__link[hreflang='{code}']", "lang") == code
    # tooltips are in the page's language
    page = reader.visit(PREFIX[lang] + PAGES["chapter"])
    assert set(page.eval_on_selector_all(".scoe-tip", "els => els.map(e => e.lang)")) == {lang}


def test_skip_link_is_first_visible_on_focus_and_skips_to_the_content(reader, lang):
    page = reader.visit(PREFIX[lang] + PAGES["chapter"])
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), "the skip link comes first"
    assert skip.inner_text().strip() == ("Skip to content" if lang == "en" else "Aller au contenu")
    box = skip.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 10 and box["y"] >= 0, f"skip link not visible: {box}"
    page.wait_for_function("() => getComputedStyle(document.querySelector('a.md-skip')).opacity === '1'")
    page.keyboard.press("Enter")
    assert reader.path().endswith("#" + page.eval_on_selector("article h1", "h => h.id"))
    # the next Tab goes on from the content, not from the header
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), page.evaluate("document.activeElement.outerHTML")


FOCUSABLE = {
    "skip link": "a.md-skip",
    "logo": ".md-header a.md-logo",
    "language selector": ".md-header .md-select button",
    "search box": "input.md-search__input",
    "navigation link": "nav.md-nav--primary a.md-nav__link[href$='glossary/']",
    "paragraph number": "div.scoe-para a.scoe-para__num",
    "copy citation": "div.scoe-para button.scoe-cite",
    "glossary term": "a.scoe-term__link",
    "table of contents": ".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link",
}


def test_keyboard_focus_is_visible(reader):
    """Focus reached with the keyboard is drawn as an outline, on every kind of control (WCAG 2.4.7)."""
    page = reader.visit(PAGES["chapter"])
    style = """sel => { const s = getComputedStyle(document.querySelector(sel));
        return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.textDecorationLine, s.color, s.backgroundColor]; }"""
    problems = []
    for name, selector in FOCUSABLE.items():
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.mouse.move(0, DESKTOP["height"] - 1)
        plain = page.evaluate(style, selector)
        # a key press first: focus then counts as keyboard focus (:focus-visible), as when tabbing onto it
        page.keyboard.press("Shift")
        page.eval_on_selector(selector, "el => el.focus()")
        if not page.evaluate("sel => document.activeElement === document.querySelector(sel)", selector):
            problems.append(f"{name}: cannot take the focus")
            continue
        focused = page.evaluate(style, selector)
        if focused[0] in ("none", "") or focused[1] in ("0px", "") or focused == plain:
            problems.append(f"{name}: no visible focus ({plain} -> {focused})")
        page.keyboard.press("Escape")  # closes the search the search box opened
    assert not problems, "\n".join(problems)
