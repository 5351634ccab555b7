"""The benchmark measures a valid library: the synthetic library `make bench` generates (here 6 generated pages
per language on top of the real library) passes `make check`, builds strictly with the project's hooks and
builds with the stock settings; its pages have the shape the benchmark claims; the runner prints its table
and its last line. No timing is asserted: timings are the benchmark's report, not a test's verdict.

The runner runs once for the module at the smallest size (N = the real library + 6), one run per configuration
and without the PDF editions' timing (tests/test_kit.py covers the PDFs); the other tests read the tree it
generated and the sites it built (project and stock)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from bench.generate import real_page_count
from conftest import ENV, ROOT
from scoelib.__main__ import main

BIN = ROOT / ".venv" / "bin"
EXTRA = 6  # generated pages per language: one publication, its index and five chapters
N = real_page_count() + EXTRA


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> dict:
    """`python -m bench.run` at N, once: its output, its JSON results and the synthetic tree it measured."""
    tmp = tmp_path_factory.mktemp("bench")
    cmd = [str(BIN / "python"), "-m", "bench.run", "--sizes", str(N), "--runs", "1", "--no-pdf", "--work", str(tmp / "work"),
           "--json", str(tmp / "results.json")]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=ENV, timeout=900)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    data = json.loads((tmp / "results.json").read_text(encoding="utf-8"))
    return {"res": res, "work": tmp / "work", "tree": tmp / "work" / f"n{N}", "result": data["results"][str(N)]}


@pytest.fixture(scope="module")
def tree(bench) -> Path:
    info = bench["result"]["generated"]
    assert info["pages_per_language"] == N and info["synthetic_pages"] == EXTRA
    return bench["tree"]


def test_synthetic_library_passes_the_check(tree, capsys):
    assert main(["--root", str(tree), "check"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^(No problems found\.|0 errors, )", out, re.M), out
    assert "bench-" not in out, "the generated pages draw findings:\n" + out


@pytest.fixture(scope="module")
def site(tree) -> Path:
    """The runner's strict project build (`mkdocs build --strict -f mkdocs.yml -d site-project`)."""
    return tree / "site-project"


def test_synthetic_library_builds_strictly_with_the_project_hooks(site):
    for prefix in ("", "fr/"):
        index = LexborHTMLParser((site / f"{prefix}publications/bench-100/index.html").read_text(encoding="utf-8"))
        assert index.css_first("dl.scoe-meta"), "the publication's metadata block is missing"
        chapter = LexborHTMLParser((site / f"{prefix}publications/bench-100/chapter-2/index.html").read_text(encoding="utf-8"))
        assert [d.attributes["id"] for d in chapter.css("div.scoe-para")] == [f"2.{i}" for i in range(1, 10)]
        article = chapter.css_first("article")
        assert article.css("span.scoe-term"), "glossary terms were not resolved"
        assert article.css("table") and article.css(".admonition"), "tables and admonitions are part of the corpus"
        assert any("SCOE-100" in a.text() for a in chapter.css("nav.md-nav--primary a")), "not in the navigation"


def test_every_generated_reference_resolves_to_an_existing_paragraph(site):
    html = "".join(p.read_text(encoding="utf-8") for p in (site / "publications").rglob("bench-*/**/index.html"))
    targets = re.findall(r'class="scoe-ref scoe-ref--para" href="[^"#]*#(\d+\.\d+)"', html)
    assert targets, "no paragraph reference in the generated pages"
    assert "[[" not in LexborHTMLParser(html).body.text(), "a `[[...]]` reference stayed text"


def test_stock_variant_builds_the_same_corpus_without_the_hooks(tree):
    """The runner's stock build (`mkdocs build -f mkdocs.stock.yml -d site-stock`)."""
    config = (tree / "mkdocs.stock.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config and "navigation.prune" not in config and "custom_dir" not in config
    chapter = (tree / "site-stock/publications/bench-100/chapter-2/index.html").read_text(encoding="utf-8")
    assert "[[" in chapter and "scoe-para" not in chapter, "the stock build must leave the project's syntax as text"


def test_generated_pages_have_the_claimed_shape(tree):
    folder = tree / "docs/publications/bench-100"
    assert sorted(p.name for p in folder.glob("*.en.md")) == ["chapter-1.en.md", "chapter-2.en.md", "chapter-3.en.md",
                                                             "chapter-4.en.md", "chapter-5.en.md", "index.en.md"]
    for lang in ("en", "fr"):
        text = (folder / f"chapter-3.{lang}.md").read_text(encoding="utf-8")
        assert text.startswith("---\nchapter: 3\n")
        assert re.findall(r"^3\.(\d+) ", text, re.M) == [str(i) for i in range(1, 10)]
        body = text.split("\n---\n", 1)[1]
        assert 700 <= len(body.split()) <= 1000, len(body.split())
        assert "| --- |" in text.replace("|---|---|---|", "| --- |") and "\n!!! " in text
    index = (folder / "index.fr.md").read_text(encoding="utf-8")
    template = (ROOT / "docs/publications/scoe-1-space-support/index.en.md").read_text(encoding="utf-8").split("\n---\n")[0]
    for key in re.findall(r"^(\w+):", template, re.M):
        assert re.search(rf"^{key}:", index, re.M), f"`{key}` of the publication front matter is missing"


def test_runner_prints_the_table_and_the_ratio_line(bench):
    res, result = bench["res"], bench["result"]
    lines = res.stdout.strip().splitlines()
    assert re.fullmatch(rf"ratio to stock at N={N}: \d+\.\d\d", lines[-1]), lines[-1]
    assert any(line.split()[:2] == [str(N), "project"] for line in lines) and any(line.split()[:2] == [str(N), "stock"] for line in lines)
    assert set(result) >= {"project", "stock", "check", "check_cold", "ratio_to_stock", "changes", "changes_ratio"}
    # make check as an author runs it (its cache, after saving a page) and reading every file
    assert re.search(r"^make check on \d+ pages after saving one: \d+\.\d\d s .*; reading every file .*: \d+\.\d\d s$", res.stdout, re.M)
    assert any(line.startswith(f"build with changes / without at N={N}: ") for line in lines)
    # the configuration with a previous release in its history shows what changed in the generated publication
    changed = bench["work"] / f"n{N}-history" / "site-project" / "publications" / "bench-100"
    assert "since version 2026.1" in (changed / "changes" / "index.html").read_text(encoding="utf-8")
    assert 'data-change="amended"' in (changed / "chapter-1" / "index.html").read_text(encoding="utf-8")
    # every source page in both languages, plus the generated ones (what's new, each publication's changes)
    assert result["project"]["pages"] >= 2 * N and set(result["project"]["search_bytes"]) == {"en", "fr"}
    # the reader's search in Chromium, each language, project (Pagefind) and stock (Material's lunr)
    for name in ("project", "stock"):
        first = result[name]["first_query"]
        assert set(first) == {"en", "fr"} and all(q["ms"] > 0 and q["bytes"] > 0 for q in first.values()), first
    assert re.search(r"^search \(fr\) at N=\d+: first result \d+ ms", res.stdout, re.M), res.stdout
    assert result["project"]["peak_mb"] > 0 and result["project"]["html_kb_per_page"] > 0
