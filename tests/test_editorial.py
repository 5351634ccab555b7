"""The editorial rules of the real library that the author guide states and no engine rule holds (issue 18):
every publication ends with a References chapter whose sources the text cites, the glossary is kept in one
alphabetical order of `id`, and glossary and registry sources are never encyclopedias, blogs or
document-sharing sites.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from scoelib import model

HEADINGS = {"en": "References", "fr": "Références"}
# Sources the author guide forbids: encyclopedias, document-sharing sites, blogs and press used as a source.
FORBIDDEN_SOURCES = re.compile(r"wikipedia|scribd|pdfslide|vdocuments|fdocuments|dokumen\.tips|globalspec|"
                               r"readiness\.solutions|blog|linkedin|clubic|defzone|ulyces|aerospatium|areion24|"
                               r"juristes-environnement|guyaweb|archeonis|defensenews|lapresse", re.I)


@pytest.fixture(scope="module")
def library() -> model.Library:
    lib, _ = model.load(ROOT)
    return lib


def test_every_publication_ends_with_a_references_chapter_in_both_languages(library):
    assert library.publications
    for pub in library.publications.values():
        last = max(pub.chapters)
        for lang, word in HEADINGS.items():
            page = pub.chapters[last][lang]
            assert re.search(rf"^# \S+ {last} – {word}$", page.text, re.M), f"{pub.id}: chapter {last} ({lang}) is not {word}"


def test_every_source_of_a_publication_in_force_is_cited_by_its_text(library):
    for pub in library.publications.values():
        if pub.source.status == "superseded":
            continue  # a superseded text cites its sources by plain number, not by a link to itself
        last = max(pub.chapters)
        sources = [p.number for p in pub.chapters[last]["en"].paragraphs][1:]  # the first one introduces the list
        assert sources, f"{pub.id} lists no source"
        for number in sources:
            for lang in ("en", "fr"):
                text = "\n".join(pub.chapters[n][lang].text for n in pub.chapters if n != last)
                assert f"[[{pub.id}#{number}]]" in text, f"{pub.id} source {number} is cited by no {lang} paragraph"


def test_glossary_in_one_alphabetical_order_of_id(library):
    ids = [e.id for e in library.glossary]
    assert ids == sorted(ids)


def test_no_glossary_or_registry_source_is_an_encyclopedia_blog_or_sharing_site(library):
    bad = [(e.id, e.source) for e in [*library.glossary, *library.standards] if FORBIDDEN_SOURCES.search(e.source)]
    assert bad == []
