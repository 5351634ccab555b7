"""The site reads like doctrine (issue #17), in Chromium, in each language and both colour schemes: the paragraph a
reader was sent to is readable, every page says where it is (breadcrumbs, the publication above a chapter's
title), paragraph numbers hang with their actions (targets of 24 px at least), citations in full, short and in
the other language, the language switch keeps the paragraph, a tap shows a term's definition in place, the
catalogue fits a phone, a chapter reads side by side in both languages, and no English interface string is
left in a French page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scoelib import ui

from .conftest import DESKTOP, PHONE, PREFIX, css_id, in_viewport
from .test_accessibility import axe

PUB = "publications/scoe-2-1-operational-space-support/"
CHAPTER = PUB + "chapter-2/"
TITLE = {"en": "Operational Space Support", "fr": "Appui spatial opérationnel"}
OTHER = {"en": "fr", "fr": "en"}

CONTRAST = """el => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    let bg = el, back;
    while (bg) {
        const c = rgb(getComputedStyle(bg).backgroundColor);
        if (c.length === 3 || c[3] > 0) { back = c; break; }
        bg = bg.parentElement;
    }
    back = back || [255, 255, 255];
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(back)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_paragraph_a_reader_was_sent_to_is_readable(open_reader, lang, scheme):
    reader = open_reader(color_scheme=scheme)
    for path, sel in ((CHAPTER + "#2.5", "div.scoe-para" + css_id("2.5")),
                      ("glossary/#term-space-domain-awareness", "#term-space-domain-awareness")):
        page = reader.visit(PREFIX[lang] + path)
        page.wait_for_function("s => document.querySelector(s).matches(':target')", arg=sel)
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
        ratio = page.eval_on_selector(sel, CONTRAST)
        assert ratio >= 7, f"{path} ({scheme}): contrast of the highlighted text {ratio:.2f}:1"
        inner = page.eval_on_selector(sel + " p", CONTRAST)
        assert inner >= 7, f"{path} ({scheme}): contrast of its paragraph {inner:.2f}:1"


def test_a_chapter_says_which_publication_it_belongs_to(reader, lang):
    page = reader.visit(PREFIX[lang] + CHAPTER)
    crumbs = page.eval_on_selector_all("nav.scoe-crumbs li", "els => els.map(e => e.textContent.trim())")
    assert crumbs == [ui.t("crumbs.home", lang), ui.t("area.operational-space-support", lang), "SCOE-2.1",
                      f"{ui.t('chapter', lang)} 2"]
    # the crumbs lead up: the area's page, the publication
    page.click("nav.scoe-crumbs a >> nth=2")
    reader.ready()
    assert reader.path() == PREFIX[lang] + PUB
    page.go_back()
    reader.ready()
    head = page.locator(".scoe-pubhead")
    text = re.sub(r"\s+", " ", head.inner_text()).replace("\u2019", "'")  # the build sets French apostrophes
    edition = ui.t("meta.edition_version", lang, edition="A", version=1)
    edition = edition[:1].upper() + edition[1:]  # « Édition A » where it starts a line
    assert "SCOE-2.1(A)" in text and TITLE[lang] in text and edition in text and ui.t("status.study", lang).replace("\u2019", "'") in text
    # above the title, in type a reader cannot miss
    assert page.evaluate("() => document.querySelector('.scoe-pubhead').compareDocumentPosition(document.querySelector('article h1')) & 4")
    size = page.eval_on_selector(".scoe-pubhead__pub", "el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 18, f"publication line in {size}px"
    assert page.eval_on_selector(".scoe-pubhead__pub", CONTRAST) >= 7
    assert page.eval_on_selector("article h1", "h => getComputedStyle(h).fontWeight") in ("600", "700")
    assert page.eval_on_selector("article h1", CONTRAST) >= 7
    # the footer's previous and next stay in the publication and name it
    prev = page.get_attribute("a.md-footer__link--prev", "aria-label")
    nxt = page.get_attribute("a.md-footer__link--next", "aria-label")
    assert prev.startswith(ui.t("pager.previous", lang, label=f"SCOE-2.1 · {ui.t('chapter_short', lang, n=1)} – "))
    assert nxt.startswith(ui.t("pager.next", lang, label=f"SCOE-2.1 · {ui.t('chapter_short', lang, n=3)} – "))


def test_paragraph_numbers_hang_and_their_actions_are_large_enough(open_reader, lang):
    for viewport, touch in ((DESKTOP, False), (PHONE, True)):
        reader = open_reader(viewport=viewport, has_touch=touch, is_mobile=touch)
        page = reader.visit(PREFIX[lang] + CHAPTER)
        sel = "div.scoe-para" + css_id("2.3")
        boxes = page.eval_on_selector(sel, """p => ['.scoe-para__num', 'button.scoe-cite', 'p'].map(s => {
            const r = p.querySelector(s).getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; })""")
        num, cite, text = boxes
        for name, box in (("number", num), ("cite", cite)):
            assert box["w"] >= 24 and box["h"] >= 24, f"{viewport}: {name} target {box}"
        if viewport is DESKTOP:
            # hanging: number and actions left of the text, every paragraph's text on one left edge
            assert num["x"] + num["w"] <= text["x"] and cite["x"] + cite["w"] <= text["x"]
            lefts = page.eval_on_selector_all("div.scoe-para > p:first-of-type",
                                              "ps => ps.map(p => Math.round(p.getBoundingClientRect().x))")
            assert len(set(lefts)) == 1, lefts
            # the actions show on hover and keyboard focus
            hidden = page.eval_on_selector(sel + " .scoe-para__actions", "a => getComputedStyle(a).opacity")
            page.hover(sel + " p")
            page.wait_for_function("s => getComputedStyle(document.querySelector(s)).opacity === '1'", arg=sel + " .scoe-para__actions")
            assert hidden == "0"
        else:
            assert page.eval_on_selector(sel + " .scoe-para__actions", "a => getComputedStyle(a).opacity") == "1"


def test_citation_in_full_short_and_in_the_other_language(reader, lang):
    page = reader.visit(PREFIX[lang] + CHAPTER)
    para = "div.scoe-para" + css_id("2.3")
    page.click(para + " button.scoe-cite")
    menu = page.locator(para + " .scoe-cite-menu")
    menu.wait_for(state="visible")
    assert page.get_attribute(para + " button.scoe-cite", "aria-expanded") == "true"
    forms = dict(page.eval_on_selector_all(para + " .scoe-cite-menu__item",
                                           "els => els.map(e => [e.dataset.form, e.getAttribute('data-copy')])"))
    assert forms["short"] == ("SCOE-2.1(A) para 2.3" if lang == "en" else "SCOE-2.1(A) §\u00a02.3")
    full, other = forms["full"], forms["other"]
    for text, language in ((full, lang), (other, OTHER[lang])):
        assert text.startswith(f"SCOE-2.1(A), {TITLE[language]}, {ui.t('meta.edition_version', language, edition='A', version=1)}, ")
        assert ("para 2.3, " if language == "en" else "§\u00a02.3, ") in text
        assert text.endswith(f"/{PREFIX[language]}{CHAPTER}#2.3"), text
    assert forms["link"].endswith(f"/{PREFIX[lang]}{CHAPTER}#2.3")
    # choosing a form copies it and says so, in the page's language
    page.evaluate("navigator.clipboard.writeText('')")
    page.click(para + " .scoe-cite-menu__item[data-form=full]")
    page.wait_for_function("c => navigator.clipboard.readText().then(t => t === c)", arg=full)
    assert page.locator(".scoe-live[role=status]").inner_text() == ui.t("cite.copied", lang) + full
    menu.wait_for(state="detached")
    assert page.evaluate("document.activeElement.matches('button.scoe-cite')")
    # Escape closes the menu and gives the focus back
    page.keyboard.press("Enter")
    menu.wait_for(state="visible")
    page.keyboard.press("Escape")
    menu.wait_for(state="detached")


@pytest.mark.parametrize("fragment", ["2.3", "term-space-domain-awareness"])
def test_language_switch_keeps_the_paragraph(reader, lang, fragment):
    path = CHAPTER if fragment == "2.3" else "glossary/"
    page = reader.visit(PREFIX[lang] + path + "#" + fragment)
    page.click(".md-header .md-select button")
    link = page.locator(f".md-header .md-select__link[hreflang='{OTHER[lang]}']")
    link.wait_for(state="visible")
    link.click()
    reader.ready()
    assert reader.path() == PREFIX[OTHER[lang]] + path + "#" + fragment
    page.wait_for_function("f => document.querySelector(':target') && document.querySelector(':target').id === f", arg=fragment)
    assert in_viewport(page, css_id(fragment))


def test_a_tap_shows_the_definition_in_place_on_a_phone(open_reader, lang):
    reader = open_reader(viewport=PHONE, has_touch=True, is_mobile=True)
    page = reader.visit(PREFIX[lang] + CHAPTER)
    link = page.locator("div.scoe-para a.scoe-term__link").nth(2)
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    link.scroll_into_view_if_needed()
    link.tap()
    tip.wait_for(state="visible")
    assert reader.path() == PREFIX[lang] + CHAPTER, "the first tap stays on the page"
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    status = tip.locator(".scoe-tip__status").inner_text()
    assert status in {ui.t(k, lang) for k in ("term.agreed", "term.coe", "term.proposed", "term.deprecated")}
    box = link.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the second goes to the entry
    page.wait_for_url("**/glossary/#term-*")
    reader.ready()
    assert reader.path().startswith(PREFIX[lang] + "glossary/#term-")


def test_a_tooltip_stays_in_the_text_column_on_a_desktop(reader, lang):
    page = reader.visit(PREFIX[lang] + CHAPTER)
    right = page.eval_on_selector("article.md-content__inner", "a => a.getBoundingClientRect().right")
    links = page.locator("div.scoe-para a.scoe-term__link")
    # the term furthest right in the text column: its tooltip has the least room
    index = page.eval_on_selector_all("div.scoe-para a.scoe-term__link", """ls => {
        let best = 0; ls.forEach((l, i) => { if (l.getBoundingClientRect().right > ls[best].getBoundingClientRect().right) best = i; });
        return best; }""")
    link = links.nth(index)
    link.focus()
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    tip.wait_for(state="visible")
    box = tip.bounding_box()
    assert box["x"] + box["width"] <= right + 1, f"tooltip ends at {box['x'] + box['width']}, the column at {right}"


def test_the_catalogue_fits_a_phone_and_filters(open_reader, lang):
    reader = open_reader(viewport=PHONE, has_touch=True, is_mobile=True)
    page = reader.visit(PREFIX[lang] + "catalogue/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "horizontal scroll"
    rows = page.locator("table.scoe-catalogue tbody tr")
    total = rows.count()
    assert total >= 5
    # one aligned table: a card per publication on a phone, with the status on one line
    assert page.eval_on_selector("table.scoe-catalogue tbody tr", "r => getComputedStyle(r).display") == "block"
    badge = page.locator("table.scoe-catalogue .scoe-badge").first.bounding_box()
    assert badge["height"] < 30, "the status badge wraps"
    page.select_option("select[data-filter=area]", "space-domain-awareness")
    shown = page.eval_on_selector_all("table.scoe-catalogue tbody tr:not([hidden]) td:first-child",
                                      "els => els.map(e => e.textContent.trim())")
    assert shown == ["SCOE-3.0", "SCOE-3.1"]
    assert page.inner_text(".scoe-filters__count") == ui.t("catalogue.shown", lang, n=2, total=total)
    page.select_option("select[data-filter=status]", "superseded")
    assert page.eval_on_selector_all("table.scoe-catalogue tbody tr:not([hidden]) td:first-child",
                                     "els => els.map(e => e.textContent.trim())") == ["SCOE-3.0"]


def test_side_by_side_aligns_the_paragraphs_of_both_languages(open_reader, lang):
    reader = open_reader(viewport={"width": 1440, "height": 900})
    page = reader.visit(PREFIX[lang] + CHAPTER)
    numbers = page.eval_on_selector_all("div.scoe-para", "ps => ps.map(p => p.id)")
    toggle = page.locator("button.scoe-sbs-toggle")
    assert toggle.inner_text() == ui.t("sbs.on", lang)
    toggle.click()
    page.locator(".scoe-sbs").wait_for(state="visible")
    assert toggle.get_attribute("aria-pressed") == "true"
    rows = page.eval_on_selector_all(".scoe-sbs__row[data-para]", """rows => rows.map(r => {
        const [a, b] = r.querySelectorAll('.scoe-sbs__cell');
        const pa = a.querySelector('.scoe-para'), pb = b.querySelector('.scoe-para');
        return [r.dataset.para, a.lang, b.lang, pa && pa.id, pb && pb.id,
                pa && Math.round(pa.getBoundingClientRect().top), pb && Math.round(pb.getBoundingClientRect().top)]; })""")
    assert [r[0] for r in rows] == numbers
    for number, left_lang, right_lang, left_id, right_id, left_top, right_top in rows:
        assert (left_lang, right_lang) == (lang, OTHER[lang])
        assert left_id == number and right_id == "sbs-" + number
        assert abs(left_top - right_top) <= 2, f"paragraph {number} not aligned: {left_top} / {right_top}"
    assert not axe(reader), "side by side"
    # off again: the chapter as it was
    toggle.click()
    page.locator(".scoe-sbs").wait_for(state="detached")
    assert page.eval_on_selector_all("div.scoe-para", "ps => ps.map(p => p.id)") == numbers


# --- French pages say everything in French --------------------------------------------------------

MATERIAL = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"


def _material_strings(lang: str) -> dict[str, str]:
    text = (MATERIAL / f"{lang}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([\w.]+)": "([^"]*)",?$', text, re.M))


def english_interface_strings() -> set[str]:
    """The English site's interface strings that French differs from: the library's catalogue, Material's, and
    the few mkdocs.yml sets (palette toggle, heading permalink)."""
    catalogue = ui.package_catalogue(("en", "fr"))
    en, fr = catalogue.strings["en"], catalogue.strings["fr"]
    ours = {v for k, v in en.items() if fr.get(k) and fr[k] != v and "{" not in v and len(v) > 3}
    en, fr = _material_strings("en"), _material_strings("fr")
    theirs = {v for k, v in en.items() if fr.get(k) and fr[k] != v and len(v) > 3 and not k.startswith(("blog", "consent", "announce"))}
    return ours | theirs | {"Dark theme", "Light theme", "Anchor", ui.t("permalink", "en")}


def test_french_pages_have_no_english_interface_string(site):
    english = english_interface_strings()
    assert {"Dark theme", "Skip to content", "Next", "Anchor"} <= english
    found = []
    pages = sorted((Path(site) / "fr").rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for node in tree.root.traverse(include_text=True):
            # English quoted on purpose (a fallback page, a term's English equivalent) carries lang="en"
            holder = node if node.tag != "-text" else node.parent
            scope, in_code = holder, False
            while scope is not None and "lang" not in (scope.attributes or {}):
                in_code = in_code or scope.tag in ("code", "pre", "kbd", "samp")  # commands and their output
                scope = scope.parent
            if in_code or scope is not None and scope.attributes.get("lang") != "fr":
                continue
            if node.tag == "-text":
                text = (node.text_content or "").strip()
                if text in english or any(text.startswith(s + ":") for s in english):
                    found.append(f"{path.relative_to(site)}: text {text!r}")
                continue
            for attr in ("title", "aria-label", "alt", "placeholder", "data-copied", "data-failed", "data-template"):
                value = (node.attributes or {}).get(attr)
                if value and (value.strip() in english or any(value.startswith(s + ":") for s in english)):
                    found.append(f"{path.relative_to(site)}: {node.tag} {attr}={value!r}")
    assert not found, "\n".join(sorted(set(found))[:40])


def test_french_translation_status_names_sections_and_chapters(site):
    tree = LexborHTMLParser((Path(site) / "fr/translation-status/index.html").read_text(encoding="utf-8"))
    sections = [r.css_first("td").text(strip=True) for r in tree.css("table")[0].css("tbody tr")]
    assert ui.t("crumbs.home", "fr") in sections and ui.t("section.publications", "fr") in sections
    folders = {"about", "areas", "catalogue", "glossary", "guide", "home", "publications", "standards", "translation-status"}
    assert not folders & set(sections), sections
    chapters = [a.text(strip=True) for a in tree.css("a.scoe-ref") if "chapter-" in a.attributes.get("href", "")]
    assert chapters and all(re.match(r"SCOE-[\d.]+ · Chap\.\u00a0\d+ – ", c) for c in chapters), chapters[:3]
