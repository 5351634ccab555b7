"""A chapter printed from Chromium (page.pdf, the print stylesheet) reads like a publication: the text of the PDF
is checked, page by page, in each language.

The library cites no outside site in its chapters yet, so the site printed here is a copy of the real library
whose chapter has one outside link added (the session's `edited` copy, tests/edited.py)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from edited import LINKS

from .conftest import PREFIX, StaticServer

CHAPTER = "publications/scoe-1-space-support/chapter-2/"
TOC = {"en": "Table of contents", "fr": "Table des matières"}
SKIP = {"en": "Skip to content", "fr": "Aller au contenu"}


@pytest.fixture(scope="module")
def print_server(edited):
    """The edited copy (tests/edited.py): paragraph 2.1 of the chapter links to another site, in both languages."""
    srv = StaticServer(edited[1])
    yield srv
    srv.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def printed(open_reader, print_server, lang):
    """The chapter as Chromium prints it: (the page, the PDF's text page by page)."""
    reader = open_reader(base=print_server.base)
    page = reader.visit(PREFIX[lang] + CHAPTER)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    # layout mode: the text in reading order by its position on the page (links are drawn apart)
    return page, [flat(p.extract_text(extraction_mode="layout")) for p in pdf.pages]


def test_first_page_is_the_chapter_with_its_metadata_line(printed, lang):
    page, pages = printed
    first = pages[0]
    title = page.eval_on_selector("article h1", "h => h.firstChild.textContent.trim()")
    # the publication (reference and title) heads the page, then the chapter's title
    publication = flat(page.inner_text(".scoe-pubhead__pub"))
    assert first.startswith(publication), first[:200]
    assert title in first[: len(publication) + 200], first[:300]
    meta = flat(page.inner_text(".scoe-chapter-meta"))
    assert ("Edition A, version 1" if lang == "en" else "Édition A, version 1") in meta  # capitalized: it starts the line
    assert meta in first, f"chapter line {meta!r} missing from the first page"
    assert flat(page.inner_text(".scoe-banner")) in first  # the study-draft warning prints too
    para = flat(page.inner_text("div.scoe-para[id='2.1']"))
    assert para.startswith("2.1 ")
    assert para[:80] in first, "the first paragraph starts on the first page, with its number"
    for number, text in enumerate(pages, 1):
        assert text.endswith(f" {number} / {len(pages)}"), f"page {number}: no page number at its foot"


def test_site_around_the_chapter_does_not_print(printed, lang):
    page, pages = printed
    text = " ".join(pages)
    article = flat(page.inner_text("article"))
    around = [flat(t) for t in page.eval_on_selector_all(
        ".md-header, nav.md-nav--primary .md-nav__link, .md-footer", "els => els.map(e => e.textContent)")]
    around = {t for t in around if len(t) > 12 and t not in article}
    assert around, "nothing to look for"
    printed_anyway = [t for t in around if t in text]
    assert not printed_anyway, f"site navigation printed: {printed_anyway}"
    for word in (TOC[lang], SKIP[lang], page.get_attribute("input.md-search__input", "placeholder")):
        assert word not in text
    assert "⧉" not in text and "Copy citation" not in text and "Copier la référence" not in text


def test_links_to_other_sites_print_their_address(printed, lang):
    _, pages = printed
    url = LINKS[lang][2]
    squeezed = re.sub(r"\s+", "", " ".join(pages))  # a long address may wrap anywhere
    assert f"<{url}>" in squeezed
    # links inside the library (glossary terms, references) print as plain text, not as addresses
    assert "<../" not in squeezed and "glossary/#term-" not in squeezed


def test_no_paragraph_is_split_from_its_number_or_across_pages(printed, lang):
    page, pages = printed
    paragraphs = page.eval_on_selector_all("div.scoe-para", "els => els.map(e => [e.id, e.innerText])")
    assert len(paragraphs) > 5
    for number, text in paragraphs:
        words = flat(text).split(" ")
        assert words[0] == number
        head, tail = " ".join(words[:6]), " ".join(words[-5:])
        where_head = [i for i, p in enumerate(pages) if head in p]
        assert where_head, f"paragraph {number}: {head!r} not found in the PDF"
        if len(text) < 1500:  # shorter than a page: printed whole on one page
            assert tail in pages[where_head[0]], f"paragraph {number} runs over to the next page"


def test_a_reader_in_the_dark_scheme_prints_black_on_white(open_reader, server, lang):
    """Printing from the dark scheme: white paper (not a black page around the text) and black text."""
    reader = open_reader(color_scheme="dark")
    page = reader.visit(PREFIX[lang] + CHAPTER)
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.emulate_media(media="print")
    colours = page.evaluate("""() => ['html', 'body', '.md-container', '.md-typeset .scoe-banner', '.scoe-para p'].map(s => {
        const cs = getComputedStyle(document.querySelector(s)); return [s, cs.backgroundColor, cs.color, cs.colorScheme]; })""")
    for selector, background, colour, _scheme in colours:
        assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), (selector, background)
        assert colour == "rgb(0, 0, 0)", (selector, colour)
    assert colours[0][1] == "rgb(255, 255, 255)" and colours[0][3] == "light"
