"""`make new` and `make check FILES=…`, as an author uses them in a copy of the library.

A new publication must pass `make check` and `make build` the minute it is created, and show up in the
generated catalogue and navigation in both languages; a refused `make new` says why in one line and
leaves nothing behind. `make check FILES=…` reports on that file and what it touches, not on the rest.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import break_first_paragraph, build, check, copy_library, make
from scoelib import model

NEW = {"ID": "SCOE-3.2", "AREA": "space-domain-awareness", "TITLE_EN": "Space Weather Support",
       "TITLE_FR": "Soutien météorologique de l'espace"}
FOLDER = "docs/publications/scoe-3-2-space-weather-support"
URL = "publications/scoe-3-2-space-weather-support/"
FILES = {"index.en.md", "index.fr.md", "chapter-1.en.md", "chapter-1.fr.md"}
FINDING = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) ", re.M)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    """One library copy: `make new`, then `make check` and `make build` straight away."""
    root = copy_library(tmp_path_factory.mktemp("scaffold") / "lib")
    created = make(root, "new", **NEW)
    checked = check(root)
    site = root.parent / "site"
    built = build(root, site)
    return root, created, checked, built, site


def html(site: Path, rel: str) -> LexborHTMLParser:
    path = site / rel
    assert path.exists(), f"{rel} was not built"
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def links_to_new(tree: LexborHTMLParser, css: str) -> list[str]:
    return [" ".join(a.text(separator=" ").split()) for a in tree.css(css)
            if (a.attributes.get("href") or "").rstrip("/").endswith(URL.rstrip("/"))]


def test_new_creates_front_page_and_first_chapter_in_both_languages(scaffolded):
    root, created, _, _, _ = scaffolded
    assert created.returncode == 0, created.stdout + created.stderr
    assert {p.name for p in (root / FOLDER).iterdir()} == FILES
    for name in FILES:
        assert f"created {FOLDER}/{name}" in created.stdout
    lib, _ = model.load(root)
    pub = lib.publications["SCOE-3.2"]
    assert pub.folder == FOLDER.removeprefix("docs/")
    assert (pub.meta["en"].title, pub.meta["fr"].title) == (NEW["TITLE_EN"], NEW["TITLE_FR"])
    assert {m.core_area for m in pub.meta.values()} == {NEW["AREA"]}
    assert {m.status for m in pub.meta.values()} == {"draft"}
    assert set(pub.chapters) == {1} and set(pub.chapters[1]) == {"en", "fr"}


def test_new_publication_passes_check_and_build_immediately(scaffolded):
    _, _, checked, built, _ = scaffolded
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert re.search(r"^(No problems found\.|0 errors, )", checked.stdout, re.M), checked.stdout
    assert FOLDER not in checked.stdout, "the new pages draw findings:\n" + checked.stdout
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]


@pytest.mark.parametrize("lang,prefix,title", [("en", "", NEW["TITLE_EN"]), ("fr", "fr/", NEW["TITLE_FR"])])
def test_new_publication_in_catalogue_area_page_and_navigation(scaffolded, lang, prefix, title):
    site = scaffolded[4]
    title = title.replace("'", "’") if lang == "fr" else title  # the build writes French apostrophes
    catalogue = html(site, f"{prefix}catalogue/index.html")
    assert any("SCOE-3.2" in t for t in links_to_new(catalogue, "article a")), "not in the catalogue"
    area = html(site, f"{prefix}areas/space-domain-awareness/index.html")
    assert any("SCOE-3.2" in t for t in links_to_new(area, "article a")), "not on its core area's page"
    # the navigation lists every publication by reference under its core area, on every page
    front = html(site, f"{prefix}{URL}index.html")
    nav = {" ".join(a.text(separator=" ").split()): a.attributes.get("href") for a in front.css("nav.md-nav--primary a")}
    assert nav.get(f"SCOE-3.2 {title}") == "./", "not in the navigation of its own pages"
    area_name = {"en": "Space Domain Awareness", "fr": "Connaissance du domaine spatial"}[lang]
    # the core area is a section with its own page (a link container), the publication inside it
    assert area_name in [x.text(strip=True) for x in front.css("nav.md-nav--primary .md-nav__container")], "not under its core area"
    sibling = html(site, f"{prefix}publications/scoe-3-1-space-domain-awareness/index.html")
    assert [a for a in sibling.css("nav.md-nav--primary a") if "SCOE-3.2" in a.text()], "another publication's navigation does not list it"
    assert front.css_first("html").attributes["lang"] == lang
    assert front.css_first("article h1").text(strip=True).rstrip("¶") == title
    chapter = html(site, f"{prefix}{URL}chapter-1/index.html")
    assert chapter.css_first("article h1").text(strip=True).startswith("Chapter 1" if lang == "en" else "Chapitre 1")


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for top in ("docs", "data") for p in sorted((root / top).rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_library(tmp_path_factory.mktemp("refusals") / "lib")


@pytest.mark.parametrize("variables,expected", [
    ({"ID": "SCOE-1"}, "`SCOE-1` already exists in docs/publications/scoe-1-space-support/"),
    ({"ID": "SCOE 3.2"}, "`SCOE 3.2` is not a publication id"),
    ({"ID": "scoe-3.2"}, "`scoe-3.2` is not a publication id"),
    ({"ID": ""}, "is not a publication id"),
    ({"AREA": "space-weather"}, "`space-weather` is not a core area: use one of operational-space-support, "),
    ({"TITLE_FR": ""}, "both TITLE_EN and TITLE_FR are needed"),
], ids=["existing-id", "id-with-space", "lowercase-id", "no-id", "unknown-area", "no-french-title"])
def test_new_refuses_with_one_line_and_creates_nothing(pristine, variables, expected):
    before = snapshot(pristine)
    res = make(pristine, "new", **{**NEW, **variables})
    assert res.returncode != 0
    ours = [line for line in res.stderr.splitlines() if not line.startswith("make")]
    assert len(ours) == 1 and ours[0].startswith("error: "), res.stderr
    assert expected in ours[0]
    assert "created" not in res.stdout
    assert snapshot(pristine) == before, "a refused `make new` changed the library"


# --- make check FILES=… ------------------------------------------------------------------------------

A = "docs/publications/scoe-1-space-support/chapter-1.en.md"
B = "docs/publications/scoe-4-1-space-domain-coordination/chapter-2.en.md"



def findings(output: str) -> list[tuple[str, int, int, str]]:
    return [(m["file"], int(m["line"]), int(m["col"]), m["code"]) for m in FINDING.finditer(output)]


def touched(root: Path, rel: str) -> set[str]:
    """What a page touches: itself, its other language, and the pages of its publication."""
    lib, _ = model.load(root)
    page = next(p for p in lib.pages.values() if p.rel == rel)
    pub = page.publication
    return {p.rel for p in pub.index.values()} | {p.rel for ch in pub.chapters.values() for p in ch.values()}


def test_check_files_reports_only_what_that_file_touches(library):
    where_a = break_first_paragraph(library, A, "zz-unknown-term-a")
    where_b = break_first_paragraph(library, B, "zz-unknown-term-b")

    everything = check(library)
    assert everything.returncode != 0
    assert {(f, ln, col) for f, ln, col, code in findings(everything.stdout) if code == "XR003"} >= {(A, *where_a), (B, *where_b)}

    for mine, where, other in [(A, where_a, B), (B, where_b, A)]:
        res = make(library, "check", FILES=mine)
        assert res.returncode != 0, f"the error in {mine} does not fail `make check FILES={mine}`"
        found = findings(res.stdout)
        assert (mine, *where, "XR003") in found, res.stdout
        allowed = touched(library, mine)
        outside = [f for f, *_ in found if f not in allowed and not f.startswith("data/")]
        assert not outside, f"`make check FILES={mine}` reports on files it does not touch: {outside}"
        assert not [f for f, *_ in found if f == other]

    unrelated = make(library, "check", FILES="docs/about/index.en.md")
    assert unrelated.returncode == 0, unrelated.stdout
    assert not [f for f, *_ in findings(unrelated.stdout) if f in (A, B)]
