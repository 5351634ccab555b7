"""Search in Chromium: each language searches its own index, with its own stemmer."""

from __future__ import annotations

import pytest

from .conftest import PREFIX

INDEX = {"en": "search/search_index.json", "fr": "fr/search/search_index.json"}
META = {"en": "matching documents", "fr": "documents trouvés"}


def search(reader, query: str) -> list[dict]:
    """Type a query as a reader would and return the results: links and highlighted words."""
    page = reader.page
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_function("q => { const m = document.querySelector('.md-search-result__meta');"
                           " return document.querySelector('.md-search-result__item') && m && /\\d/.test(m.textContent); }",
                           arg=query)
    # the collapsed "more results" of each page count too: read every result link, shown or not
    return page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", """links => links.map(a => ({
        href: a.href, marks: [...a.querySelectorAll('mark')].map(m => m.textContent.toLowerCase())}))""")


def site_path(reader, href: str) -> str:
    assert href.startswith(reader.base), href
    return href[len(reader.base):]


@pytest.mark.parametrize("query", ["satellites", "OTAN NATO"])
def test_search_returns_only_current_language_results(reader, lang, query):
    page = reader.visit(PREFIX[lang] + "about/")
    results = search(reader, query)
    assert results
    paths = [site_path(reader, r["href"]) for r in results]
    other = [p for p in paths if p.startswith("fr/") != (lang == "fr")]
    assert not other, f"results in the other language: {other}"
    assert META[lang] in page.inner_text(".md-search-result__meta")
    # the page loaded its own language's index, and only that one
    indexes = [u for u in reader.requests if u.endswith("search_index.json")]
    assert indexes == [reader.url(INDEX[lang])], indexes


def test_french_search_finds_words_by_their_stem(reader):
    reader.visit("fr/publications/scoe-1-space-support/chapter-1/")
    results = search(reader, "spatiale")
    marked = {m for r in results for m in r["marks"]}
    # "spatiale" finds "spatial" and "spatiaux": the French stemmer, not a prefix match
    assert {"spatial", "spatiaux"} <= marked, marked
    # scoe-early.js wrapped Material's worker and sent the index request to the French index (compat/material_search.py)
    marks = "[document.documentElement.dataset.scoeSearchWorker, document.documentElement.dataset.scoeSearchIndex]"
    assert reader.page.evaluate(marks) == ["wrapped", "fr"]
    assert all(site_path(reader, r["href"]).startswith("fr/") for r in results)


def test_english_search_finds_words_by_their_stem(reader):
    reader.visit("glossary/")
    results = search(reader, "operations")
    marked = {m for r in results for m in r["marks"]}
    assert {"operations", "operational"} <= marked, marked
    assert not any(site_path(reader, r["href"]).startswith("fr/") for r in results)


def test_a_result_leads_to_its_page_with_the_words_highlighted(reader, lang):
    page = reader.visit(PREFIX[lang])
    word = {"en": "ephemeris", "fr": "éphémérides"}[lang]
    results = search(reader, word)
    assert results
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    reader.ready()
    path = reader.path()
    assert path.startswith(PREFIX[lang]) and path.startswith("fr/") == (lang == "fr"), path
    mark = page.locator("article mark").first
    mark.wait_for(state="visible")
    assert mark.inner_text().lower().startswith(word[:6]), mark.inner_text()
