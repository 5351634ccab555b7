"""The renderer writes HTML through one escaping helper, with the state of each page in its own context:
what an author or a data file writes is shown as text, never read as markup, and rendering a page never
depends on the pages rendered before it."""

from __future__ import annotations

import shutil
from pathlib import Path

from scoelib import model
from scoelib.render import Renderer
from scoelib.render.html import Markup, h, join

MINIMAL = Path(__file__).parent / "sites" / "minimal"
CHAPTER = "publications/scoe-9-test/chapter-1"


def test_text_is_escaped_and_markup_is_kept():
    link = h("a", {"href": 'a"b&c', "title": None, "hidden": True}, "<b>R&D</b>")
    assert link == '<a href="a&quot;b&amp;c" hidden>&lt;b&gt;R&amp;D&lt;/b&gt;</a>'
    assert h("p", None, link, " & ", Markup("<br>")) == f"<p>{link} &amp; <br></p>"
    assert join(", ", ["<i>", Markup("<i>x</i>")]) == "&lt;i&gt;, <i>x</i>"


def test_markup_in_the_glossary_and_in_a_reference_label_is_shown_as_text(tmp_path):
    root = shutil.copytree(MINIMAL, tmp_path / "mini")
    glossary = root / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "definition: Understanding of the space domain and of what actors do in it.",
        'definition: "Understanding of <script>alert(1)</script> & \\"actors\\"."'), encoding="utf-8")
    chapter = root / "docs" / f"{CHAPTER}.en.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("[[SCOE-9#1.1|the first]]", '[[SCOE-9#1.1|<img src=x onerror="y">]]'),
                       encoding="utf-8")
    lib, _ = model.load(root)
    renderer = Renderer(lib)
    rendered = renderer.page_markdown(lib.pages[(CHAPTER, "en")], "en")
    page = rendered.html(rendered.markdown)
    assert "Understanding of &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;actors&quot;." in page
    assert '>&lt;img src=x onerror=&quot;y&quot;&gt;</a>' in page
    assert "<script>" not in page and "<img" not in page
    ctx = renderer.context(None, "glossary/index", "en")  # the glossary's entries, as a glossary page shows them
    entries = renderer.directive("glossary", {}, ctx)
    assert "Understanding of &lt;script&gt;alert(1)&lt;/script&gt;" in entries and "<script>" not in entries


def test_each_page_is_rendered_on_its_own():
    lib, _ = model.load(MINIMAL)
    renderer = Renderer(lib)
    chapter = lib.pages[(CHAPTER, "en")]
    first = renderer.page_markdown(chapter, "en")
    for page in lib.pages.values():  # every other page in between, in both languages
        for lang in lib.languages:
            renderer.page_markdown(page, lang)
    again = renderer.page_markdown(chapter, "en")
    assert (again.markdown, again.fragments) == (first.markdown, first.fragments)
    # tooltip ids count from 1 in each page: the first term of the page describes itself with scoe-tip-1
    assert 'aria-describedby="scoe-tip-1"' in first.html(first.markdown)
