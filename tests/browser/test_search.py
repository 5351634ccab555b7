"""The reader's search in Chromium, on the hosted layout: Pagefind's index of the page's language, loaded in
chunks (docs/assets/scoe-search.js), under the site's Content-Security-Policy."""

from __future__ import annotations

import pytest

from .conftest import PREFIX

META = {"en": "matching page", "fr": "page"}


def search(reader, query: str) -> list[dict]:
    """Type a query as a reader would and return the results: links and highlighted words."""
    page = reader.page
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                           " return document.querySelector('.md-search-result__item') && m && /\\d/.test(m.textContent); }")
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
    # the page loaded its own language's index only, and no whole-site index
    loaded = [u for u in reader.requests if "/pagefind/" in u and (".pf_meta" in u or "wasm." in u)]
    assert loaded and all(f"{lang}_" in u or f"wasm.{lang}." in u for u in loaded), loaded
    assert not [u for u in reader.requests if "search_index" in u]


def test_french_search_finds_words_by_their_stem(reader):
    reader.visit("fr/publications/scoe-1-space-support/chapter-1/")
    results = search(reader, "spatiale")
    marked = {m for r in results for m in r["marks"]}
    # "spatiale" finds "spatial" and "spatiaux": the French stemmer, not a prefix match
    assert {"spatial", "spatiaux"} <= marked, marked
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
    assert search(reader, word)
    # a chapter is named as the library cites it ("SCOE-3.1 · Ch. 2 – …"), not by its heading alone
    chapter = page.locator('.md-search-result__item:has(a.md-search-result__link[href*="chapter-"]) h1').first
    assert chapter.inner_text().startswith("SCOE-"), chapter.inner_text()
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    reader.ready()
    path = reader.path()
    assert path.startswith(PREFIX[lang]) and path.startswith("fr/") == (lang == "fr"), path
    mark = page.locator("article mark").first
    mark.wait_for(state="visible")
    assert mark.inner_text().lower().startswith(word[:6]), mark.inner_text()


def test_keyboard_only(reader, lang):
    """"/" opens the search, arrows move through the results, Enter follows one, Escape closes."""
    page = reader.visit(PREFIX[lang] + "about/")
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("satellites")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("() => document.activeElement.href")
    assert second == page.eval_on_selector_all("a.md-search-result__link", "a => a[1].href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    page.keyboard.press("s")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("() => document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: u.split("?")[0] == first.split("?")[0])


READY = "[data-scoe-search-ready]"


def test_the_engine_is_ready_before_the_reader_searches(reader, lang):
    """While the reader reads, the browser loads and starts the search engine of the page's language (script,
    worker, metadata, WebAssembly), but no part of the index: the first search then waits only for its words."""
    page = reader.visit(PREFIX[lang] + "about/")
    page.wait_for_selector(READY, state="attached")
    pagefind = [u.split("/pagefind/")[1] for u in reader.requests if "/pagefind/" in u]
    assert {"pagefind.js", "pagefind-worker.js", f"wasm.{lang}.pagefind"} <= set(pagefind), pagefind
    assert [u for u in pagefind if u.startswith(f"pagefind.{lang}_") and u.endswith(".pf_meta")], pagefind
    assert not [u for u in pagefind if u.endswith((".pf_index", ".pf_fragment")) or "wasm." in u and f"wasm.{lang}." not in u], pagefind
    assert page.input_value("input.md-search__input") == "" and page.inner_text(".md-search-result__meta") == ""
    # the warmed engine answers as a cold one does: the page's language, its words marked
    results = search(reader, {"en": "satellites", "fr": "satellites"}[lang])
    assert all(site_path(reader, r["href"]).startswith("fr/") == (lang == "fr") for r in results)
    assert any(m.startswith("satellit") for r in results for m in r["marks"]), results


def test_a_reader_saving_data_loads_nothing_until_going_to_the_search(open_reader):
    """A browser asked to save data warms nothing up: the search loads when the pointer reaches the box (or it
    gets the focus), before the first word is typed."""
    reader = open_reader()
    reader.context.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}});")
    page = reader.visit("about/")
    # past the moment the warm-up would have started (a second after `load`, then the browser idle)
    page.evaluate("() => new Promise(done => setTimeout(() => requestIdleCallback(done), 1000))")
    page.wait_for_load_state("networkidle")
    assert not [u for u in reader.requests if "/pagefind/" in u]
    with page.expect_request(lambda r: "/pagefind/pagefind.js" in r.url):
        page.hover(".md-search")
    page.wait_for_selector(READY, state="attached")
    assert page.input_value("input.md-search__input") == ""
