"""Translation workflow as readers see it: a pending page, a stale page, the status page. One build of a
modified copy, shared with other tests (`edited`, tests/edited.py). (The typography of the library's own
strings: tests/test_i18n.py.)"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from edited import CH2, LINKS, PRINTED
from scoelib.__main__ import main


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


def test_check_prints_the_same_summary(edited, capsys):
    root, _ = edited
    code = main(["--root", str(root), "check"])  # `make check`, in process
    out = capsys.readouterr().out
    assert code == 0, out
    assert "1 out of date" in out and "1 pending" in out
    assert f"out of date: {CH2}.fr.md (paragraphs 2.3)" in out
    assert "pending: docs/about/history.en.md" in out


def test_mermaid_is_rendered_as_code_not_fetched(edited):
    _, site = edited
    html = (site / "about/history/index.html").read_text(encoding="utf-8")
    assert 'class="mermaid"' not in html and "unpkg" not in html
    assert "graph TD" in LexborHTMLParser(html).css_first("pre code").text()


def test_external_links_are_listed(edited, capsys):
    root, _ = edited
    assert main(["--root", str(root), "links"]) == 0  # `make links`, in process
    out = capsys.readouterr().out
    assert "docs/about/history.en.md:13: https://www.nato.int/" in out
    for lang, (_, _, url) in LINKS.items():  # the shared copy's other links (tests/browser/test_print.py's)
        rel = PRINTED.format(lang=lang)
        line = next(i for i, text in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1) if url in text)
        assert f"{rel}:{line}: {url}" in out
    assert "3 links to other sites (www.nato.int)" in out
