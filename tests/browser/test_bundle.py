"""The offline bundle (`make bundle`, scoelib/kit/bundle.py) unzipped into a temporary folder and read from
file:// in Chromium: navigation, paragraph anchors, language switch, glossary tooltip, the bundle's own search
in each language; no console error and no request other than file://."""

from __future__ import annotations

import zipfile
from urllib.parse import urljoin

import pytest

from .conftest import CHROMIUM_ARGS, DESKTOP  # noqa: F401  (same browser settings as the other tests)

PUB = "publications/scoe-2-1-operational-space-support/"


@pytest.fixture(scope="module")
def bundle(release_kit, tmp_path_factory):
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(release_kit["dist"] / "scoe-library-2026.1.zip") as z:
        z.extractall(out)
    return out / "scoe-library-2026.1"


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    seen = {"requests": [], "errors": []}
    context.on("request", lambda r: seen["requests"].append(r.url))
    page = context.new_page()
    page.on("console", lambda m: seen["errors"].append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(f"{page.url}: {e}"))
    yield page
    context.close()
    assert not seen["errors"], seen["errors"]
    assert seen["requests"] and all(u.startswith("file://") for u in seen["requests"]), [u for u in seen["requests"] if not u.startswith("file://")]


def ready(page):
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.documentElement.classList.contains('js')")


def test_reading_from_a_file(bundle, reader):
    page = reader
    page.goto((bundle / "index.html").as_uri())
    ready(page)
    assert "2026.1" in page.inner_text(".scoe-bundle-note")  # which version, made when
    assert page.locator(".md-version").count() == 0  # one version: no selector
    # home → catalogue → publication → chapter → paragraph anchor, by clicking links
    page.locator('article a[href="catalogue/index.html"]').first.click()
    ready(page)
    page.locator(f'article a[href="../{PUB}index.html"]').first.click()
    ready(page)
    assert page.url.endswith(f"{PUB}index.html")
    page.locator("ol.scoe-contents a").nth(1).click()
    ready(page)
    assert page.url.endswith(f"{PUB}chapter-2/index.html")
    page.locator('a.scoe-para__num[href="#2.3"]').click()
    assert page.url.endswith("chapter-2/index.html#2.3")
    assert page.locator('[id="2.3"]').is_visible()
    # a glossary tooltip on hover
    term = page.locator(".scoe-term").first
    term.locator("a").hover()
    assert term.locator(".scoe-tip").is_visible()
    # a cross-reference to another publication's paragraph, then the language switch keeps the page
    page.locator('a.md-select__link[hreflang="fr"]').dispatch_event("click")
    ready(page)
    assert page.url.endswith(f"fr/{PUB}chapter-2/index.html#2.3") and page.locator("html").get_attribute("lang") == "fr"  # same paragraph
    page.locator('a.scoe-pubhead__ref[href="../index.html"]').first.click()  # the chapter's publication, from its header line
    ready(page)
    assert page.url.endswith(f"fr/{PUB}index.html")
    ref = page.locator('article a.scoe-ref[href*="scoe-3-1"]').first  # another publication, cited in the foreword
    target = urljoin(page.url, ref.get_attribute("href"))
    assert target.endswith("/index.html") or "/index.html#" in target
    ref.click()
    ready(page)
    assert page.url == target and page.locator("html").get_attribute("lang") == "fr"


@pytest.mark.parametrize("lang,query,expect", [("en", "space support", "Space"), ("fr", "appui spatial", "spatial")])
def test_search_without_a_server(bundle, reader, lang, query, expect):
    page = reader
    page.goto((bundle / ("fr/" if lang == "fr" else "") / "index.html").as_uri())
    ready(page)
    page.locator("input.md-search__input").fill(query)
    results = page.locator(".md-search-result__list a")
    results.first.wait_for()
    assert results.count() >= 5 and expect in page.inner_text(".md-search-result__list")
    assert page.inner_text(".md-search-result__meta").split()[0].isdigit()
    first = results.first.get_attribute("href")
    assert first.startswith("file://") and ("/fr/" in first) == (lang == "fr")
    results.first.click()
    ready(page)
    assert page.url.split("#")[0] == first.split("#")[0]
    # index.html?q=… opens with the search done
    page.goto((bundle / ("fr/" if lang == "fr" else "") / "index.html").as_uri() + "?q=" + query.replace(" ", "%20"))
    ready(page)
    page.locator(".md-search-result__list a").first.wait_for()
    assert page.locator("input.md-search__input").input_value() == query


def test_national_review_from_a_file(bundle, reader):
    """The comment form, the browser's storage and the matrix's download work from file:// (no server, no fetch)."""
    page = reader
    page.goto((bundle / "fr/publications/scoe-3-1-space-domain-awareness/chapter-2/index.html").as_uri())
    ready(page)
    page.locator('[id="2.1"] button.scoe-comment').click()
    page.locator("#scoe-review-originator").fill("NLD")
    page.locator("#scoe-review-type-C").check()
    page.locator("#scoe-review-comment").fill("Inacceptable en l'état.")
    page.locator(".scoe-review-form button[type=submit]").click()
    page.reload()
    ready(page)
    page.locator("button.scoe-review-open").click()
    with page.expect_download() as info:
        page.locator("[data-scoe-export]").click()
    data = open(info.value.path(), "rb").read()
    assert data.decode("utf-8").split("\r\n")[1:] == [
        '"1";"NLD";"SCOE-3.1";"A";"1";"fr";"2.1";"C";"Inacceptable en l\'état.";"";""', ""]
