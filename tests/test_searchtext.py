"""The search index cut by `scoelib.searchtext` is the one Material's own parser would cut.

The hook replaces only the parsing in Material's search plugin (for speed): whatever a page holds, the
sections, titles and texts a reader searches must not change. Both parsers run on every page of the built
library and on awkward inputs; a Material upgrade that changes its parser fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from scoelib.searchtext import sections


def material(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip(), s.is_excluded()) for s in parser.data]


def ours(html: str) -> list[tuple]:
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip(), s.excluded) for s in sections(html)]


def article(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    start = raw.index(">", raw.index("<article")) + 1
    return raw[start:raw.rindex("</article>")]


def test_same_sections_as_material_on_every_page_of_the_library(site):
    pages = [p for p in sorted(site.rglob("*.html")) if "<article" in p.read_text(encoding="utf-8")]
    assert len(pages) > 60
    differ = [str(p.relative_to(site)) for p in pages if material(article(p)) != ours(article(p))]
    assert not differ, f"search sections differ from Material's on: {differ}"


AWKWARD = {
    "preface then headings": "\n<p>Before</p>\n<h1 id=\"t\">Title<a class=\"headerlink\" href=\"#t\">¶</a></h1><p>Body &amp; more</p>"
                             "<h2 id=\"s\">Sub <code>x</code></h2><ul><li>one</li><li></li></ul><p></p><p> </p>",
    "heading first is not h1": "<h3 id=\"a\">Late</h3><p>x</p>",
    "heading without id": "<h1>Plain</h1><h2>No id</h2><p>text\nwith\nlines</p>",
    "nested heading closes with its container": "<h1 id=\"a\">A</h1><div><h2 id=\"b\">B</h2><p>in</p></div><p>after</p>",
    "excluded heading and element": "<h1 id=\"a\">A</h1><h2 id=\"x\" data-search-exclude>Hidden</h2><p>gone</p>"
                                    "<h2 id=\"y\">Y</h2><p>kept <span data-search-exclude>not <b>this</b></span> end</p>",
    "scripts, styles, comments, line numbers": "<h1 id=\"a\">A</h1><script>var x = '<p>';</script><style>p{}</style>"
                                               "<!-- note --><div class=\"linenodiv\"><pre>1\n2</pre></div><p>t</p>",
    "preformatted whitespace": "<h1 id=\"a\">A</h1><pre><code>a  b\n\n  c</code></pre>\n\n\n<p>  spaced   out  </p>",
    "tables and voids": "<h1 id=\"a\">A</h1><table>\n<thead>\n<tr><th>H</th></tr>\n</thead><tbody><tr><td>a<br>b</td></tr></tbody></table>"
                        "<img src=x alt=y><hr><p>x<sub>2</sub> y<sup>3</sup></p>",
    "nested lists": "<h1 id=\"a\">A</h1><ul><li>a<ul><li>b</li><li></li></ul></li></ul><ol><li></li></ol>",
    "entities and quotes": "<h1 id=\"a\">Q &lt;&gt; &quot;x&quot;</h1><p>&lt;script&gt; &amp;amp; ' \"</p>",
    "inline svg": "<h1 id=\"a\">A</h1><svg viewBox=\"0 0 1 1\"><title>Chart</title><text x=\"0\">Label</text></svg><p>after</p>",
    "nesting deeper than Python's recursion limit": "<h1 id=\"a\">A</h1>" + "<div>" * 1500 + "<p>deep</p>" + "</div>" * 1500 + "<p>after</p>",
    "empty": "",
    "text only": "just words",
}


@pytest.mark.parametrize("html", AWKWARD.values(), ids=AWKWARD.keys())
def test_same_sections_as_material_on_awkward_html(html):
    assert ours(html) == material(html)


def test_search_index_finds_paragraph_text_but_not_tooltips(site):
    """What the reader gets: the English index holds the paragraph's words under its publication's page,
    and no glossary definition shown in a tooltip (Material's data-search-exclude)."""
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    chapter = [d for d in docs if d["location"].startswith("publications/scoe-2-1-operational-space-support/chapter-1/")]
    assert any("accredited by the North Atlantic Council on 14 July 2023" in d["text"] for d in chapter)
    # the tooltip of [[framework nation]] in that paragraph carries the definition; the index must not
    tooltip = "takes the lead in establishing and running a multinational body"
    assert tooltip in (site / "publications/scoe-2-1-operational-space-support/chapter-1/index.html").read_text(encoding="utf-8")
    assert not any(tooltip in d["text"] for d in docs if d["location"].startswith("publications/"))
