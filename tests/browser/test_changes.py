"""What changed, read in Chromium: the change bars of a chapter are visible in the margin and lead to the redline;
the redline reads without colour (struck through, underlined) and names its marks to screen readers; the change
page and the chapter have no WCAG violation, in both languages.

The site is the two real releases of tests/releases.py (session fixture `releases`), served from a
checkout of their gh-pages branch on 127.0.0.1; for the outdated banner's fallbacks, a copy of it with pages
gone from the latest version."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from releases import CHAPTER, FOLDER

from .conftest import PHONE, PREFIX, StaticServer, css_id
from .test_accessibility import AXE_PATH, TAGS


def axe(reader) -> list[str]:
    """axe-core (WCAG 2.1 A/AA) on the page but Material's version selector, whose button's accessible name
    lacks its visible text (label-content-name-mismatch, upstream, on every page of a versioned site: not
    this feature's; reported to the lead)."""
    page = reader.page
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=reader.url(AXE_PATH))
    return page.evaluate("""async (tags) => {
        const found = await axe.run({exclude: [['.md-version']]}, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return found.violations.flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
    }""", TAGS)


def test_change_bar_visible_in_the_margin_and_leads_to_the_redline(open_reader, published, lang):
    reader = open_reader(base=published.base)
    page = reader.visit(f"2026.2/{PREFIX[lang]}{CHAPTER}/")
    para = page.locator("div.scoe-para" + css_id("2.2"))
    mark = para.locator("a.scoe-change-mark")
    box, text = mark.bounding_box(), para.locator("p").first.bounding_box()
    assert box is not None and box["width"] >= 4 and box["height"] >= 0.8 * text["height"], (box, text)
    assert box["x"] + box["width"] <= text["x"] + 1, "the bar sits in the margin, left of the text"
    assert mark.evaluate("el => getComputedStyle(el).borderRightStyle") == "solid"
    added = page.locator("div.scoe-para" + css_id("2.17") + " a.scoe-change-mark")
    assert added.evaluate("el => getComputedStyle(el).borderRightStyle") == "double"
    assert page.locator("div.scoe-para" + css_id("2.1") + " a.scoe-change-mark").count() == 0
    violations = axe(reader)
    assert not violations, "\n".join(violations)
    mark.click()
    page.wait_for_url(lambda url: url.endswith(f"{FOLDER}/changes/#change-2.2"))
    reader.ready()
    redline = page.locator("#change-2\\.2 .scoe-redline")
    assert redline.locator("del").first.evaluate("el => getComputedStyle(el).textDecorationLine") == "line-through"
    assert redline.locator("ins").first.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    # words deleted then inserted in their place read as two ("means consists in"), not one run-on word
    gap = redline.evaluate("el => { const i = el.querySelector('del + ins'); "
                           "return i.getBoundingClientRect().left - i.previousElementSibling.getBoundingClientRect().right; }")
    assert gap >= 3, gap
    label = redline.locator("del .scoe-vh").first
    assert label.bounding_box()["width"] <= 1  # heard, not seen
    spoken = page.evaluate("el => el.textContent", redline.locator("del").first.element_handle())
    assert spoken.startswith("deleted:" if lang == "en" else "supprimé\u00a0:")
    violations = axe(reader)
    assert not violations, "\n".join(violations)


def test_change_bar_on_a_phone(open_reader, published):
    reader = open_reader(base=published.base, viewport=PHONE)
    page = reader.visit(f"2026.2/fr/{CHAPTER}/")
    mark = page.locator("div.scoe-para" + css_id("2.2") + " a.scoe-change-mark")
    box = mark.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] >= 4, box


def test_old_version_banner_leads_to_what_changed_since_it(open_reader, published):
    """On 2026.1, the outdated banner's "what changed since this version" goes to the latest version's changes
    since 2026.1 (there the change page itself, 2026.1 being the previous version), in the reader's language."""
    reader = open_reader(base=published.base)
    page = reader.visit(f"2026.1/fr/{CHAPTER}/")
    link = page.locator("[data-md-component=outdated] a.scoe-outdated-changes")
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url(lambda url: url.endswith(f"latest/fr/{FOLDER}/changes/"))
    reader.ready()
    assert page.locator("article h1").inner_text().startswith("Modifications de SCOE-4.1 depuis la version 2026.1")


GONE = "publications/scoe-2-1-operational-space-support"  # the whole publication, change pages included


@pytest.fixture(scope="module")
def pruned(releases, tmp_path_factory):
    """The published site as after a restructuring of the latest version: chapter 2 of SCOE-4.1 gone (its change
    pages stay) and SCOE-2.1 gone entirely, in both languages; 2026.1 still has them. A copy of the checkout
    made of hard links (the session's is left as it is), on a free port of 127.0.0.1."""
    www = tmp_path_factory.mktemp("pruned") / "www"
    subprocess.run(["cp", "-al", str(releases["www"]), str(www)], check=True)
    for prefix in PREFIX.values():
        shutil.rmtree(www / "latest" / prefix / CHAPTER)
        shutil.rmtree(www / "latest" / prefix / GONE)
    srv = StaticServer(www)
    yield srv
    srv.close()


def follow_banner(reader, path: str, missing: list[str]):
    """Open `path` (a page of 2026.1) and click the banner's link to the same page in the latest version;
    `missing` are the latest version's addresses the script finds gone (their 404 in the console is expected)."""
    reader.expected_missing.update(reader.url(m) for m in missing)
    page = reader.visit(path)
    link = page.locator("[data-md-component=outdated] a[data-scoe-latest-page]")
    link.wait_for(state="visible")
    link.click()
    return page


def test_old_version_banner_falls_back_to_the_change_page_then_the_home(open_reader, pruned, lang):
    """The banner's "read this page in the latest version" of a page the latest version no longer has leads to
    what changed in its publication since the reader's version (the change page, which lists what was
    deleted), or, when the publication is gone too, to the latest version's home, in the reader's language;
    a page that is still there leads to itself, at the reader's paragraph."""
    prefix = PREFIX[lang]
    reader = open_reader(base=pruned.base)
    page = follow_banner(reader, f"2026.1/{prefix}{CHAPTER}/#2.16", [f"latest/{prefix}{CHAPTER}/#2.16"])
    page.wait_for_url(pruned.base + f"latest/{prefix}{FOLDER}/changes/")  # through changes/2026.1/, which sends on
    reader.ready()
    assert page.locator("article h1").inner_text().startswith(
        "Changes to SCOE-4.1 since version 2026.1" if lang == "en" else "Modifications de SCOE-4.1 depuis la version 2026.1")
    assert page.locator("#deleted-2\\.16").is_visible()  # what became of the paragraph the reader was on
    gone = [f"latest/{prefix}{GONE}/chapter-1/", f"latest/{prefix}{GONE}/changes/2026.1/", f"latest/{prefix}{GONE}/changes/"]
    page = follow_banner(reader, f"2026.1/{prefix}{GONE}/chapter-1/", gone)
    page.wait_for_url(pruned.base + f"latest/{prefix}")
    reader.ready()
    assert page.get_attribute("html", "lang") == lang
    page = follow_banner(reader, f"2026.1/{prefix}{FOLDER}/chapter-1/#1.2", [])
    page.wait_for_url(pruned.base + f"latest/{prefix}{FOLDER}/chapter-1/#1.2")
    reader.ready()
    page.wait_for_function("() => document.querySelector(':target') && document.querySelector(':target').id === '1.2'")
    assert reader.path() == f"latest/{prefix}{FOLDER}/chapter-1/#1.2"


