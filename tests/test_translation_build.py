"""Translation workflow as readers see it: a pending page, a stale page, the status page. One build of a
modified copy. (The typography of the library's own strings: tests/test_i18n.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import build, copy_library, make

CH2 = "docs/publications/scoe-2-1-operational-space-support/chapter-2"


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[Path, Path]:
    root = copy_library(tmp_path_factory.mktemp("tr") / "lib")
    # a page whose translation is pending
    (root / "docs/about/history.en.md").write_text(
        "---\ntranslation: pending\n---\n\n# History of the Centre\n\nThe Centre was accredited in July 2023.\n\n"
        "```mermaid\ngraph TD; A-->B\n```\n\nSee [NATO](https://www.nato.int/).\n", encoding="utf-8")
    # an English paragraph edited after its translation was recorded
    en = root / f"{CH2}.en.md"
    text = en.read_text(encoding="utf-8")
    text = re.sub(r"^(2\.3 )", r"\1Revised in this edition: ", text, count=1, flags=re.M)
    en.write_text(text, encoding="utf-8")
    site = root / "site"
    res = build(root, site)
    assert res.returncode == 0, res.stdout + res.stderr
    return root, site


def page(site: Path, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / rel).read_text(encoding="utf-8"))


def test_pending_page_shows_english_under_a_french_banner(edited):
    _, site = edited
    tree = page(site, "fr/about/history/index.html")
    assert tree.css_first("html").attributes["lang"] == "fr"
    banner = tree.css_first(".scoe-banner--pending")
    assert banner is not None and "Traduction en cours" in banner.text()
    body = tree.css_first('div[lang="en"]')
    assert body is not None and "accredited in July 2023" in body.text()


def test_stale_page_lists_changed_paragraphs_and_marks_them(edited):
    _, site = edited
    tree = page(site, "fr/publications/scoe-2-1-operational-space-support/chapter-2/index.html")
    banner = tree.css_first(".scoe-banner--stale")
    assert banner is not None
    assert "n’est peut-être plus à jour" in banner.text()  # the build writes French apostrophes
    assert [a.attributes["href"] for a in banner.css("a[href^='#']")] == ["#2.3"]
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    assert re.search(rf"\d{{1,2}}(er)?\u00a0({months}) \d{{4}}", banner.text())
    stale = tree.css("div.scoe-para--stale")
    assert [d.attributes["id"] for d in stale] == ["2.3"]
    assert "traduction à revoir" in stale[0].text()
    # the English page and the other French chapters are untouched
    assert page(site, "publications/scoe-2-1-operational-space-support/chapter-2/index.html").css_first(".scoe-banner--stale") is None
    assert page(site, "fr/publications/scoe-2-1-operational-space-support/chapter-1/index.html").css_first(".scoe-banner--stale") is None


def test_status_page_counts(edited):
    _, site = edited
    tree = page(site, "fr/translation-status/index.html")
    rows = {r.css_first("td").text(strip=True): [c.text(strip=True) for c in r.css("td")] for r in tree.css("tr") if r.css_first("td")}
    total = rows["Toutes les pages"]
    # columns: section, up to date, out of date, not tracked, pending, missing, coverage
    assert total[2] == "1" and total[4] == "1" and total[5] == "0"
    assert any("paragraphes 2.3" in " ".join(cells) for cells in rows.values())


def test_check_prints_the_same_summary(edited):
    root, _ = edited
    res = make(root, "check")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 out of date" in res.stdout and "1 pending" in res.stdout
    assert f"out of date: {CH2}.fr.md (paragraphs 2.3)" in res.stdout
    assert "pending: docs/about/history.en.md" in res.stdout


def test_mermaid_is_rendered_as_code_not_fetched(edited):
    _, site = edited
    html = (site / "about/history/index.html").read_text(encoding="utf-8")
    assert 'class="mermaid"' not in html and "unpkg" not in html
    assert "graph TD" in LexborHTMLParser(html).css_first("pre code").text()


def test_external_links_are_listed(edited):
    root, _ = edited
    res = make(root, "links")
    assert "docs/about/history.en.md:13: https://www.nato.int/" in res.stdout
    assert "1 links to other sites (www.nato.int)" in res.stdout
