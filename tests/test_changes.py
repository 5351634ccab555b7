"""What changed between published versions (scoelib/history.py, scoelib/changes.py, the change pages, change
bars, what's new, feeds, `make changes`, the release's record-of-changes gate).

Cheap cases run in process over tests/sites/minimal in temporary git repositories whose releases are written
with git plumbing (a tag `release/<version>` and gh-pages' versions.json, what `make release` leaves). The
built site comes from the session's real releases (fixture `releases`, tests/releases.py), shared with
tests/test_release.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import MINIMAL, ROOT, edit
from releases import ADDED, AMEND, CHAPTER, FOLDER, GIT_ENV, PUB, git
from scoelib import changes, history, model
from scoelib.__main__ import main
from scoelib.model import Paragraph
from scoelib.render import Renderer

MINI_CHAPTER = "docs/publications/scoe-9-test/chapter-1"
ATOM = "{http://www.w3.org/2005/Atom}"


# --- the comparison, in process -------------------------------------------------------------------------


def paras(*items: tuple[str, str]) -> list[Paragraph]:
    return [Paragraph(n, int(n.split(".")[0]), int(n.split(".")[1]), 1, 1, f"{n} {text}") for n, text in items]


def test_paragraphs_amended_added_deleted_and_renumbered():
    old = paras(("1.1", "Space support is planned with the operation."), ("1.2", "Sensors detect objects in orbit day and night."),
                ("1.3", "Debris stays in orbit for years after a collision."), ("1.4", "Exercises build trust between national centres."))
    new = paras(("1.1", "Space support is planned with the operation, not added to it."),
                ("1.2", "Sensors detect objects in orbit day and night."),
                ("1.3", "Exercises build trust between national centres."),  # was 1.4; 1.3 deleted
                ("1.4", "A wholly new paragraph about spectrum management."))
    found = {(c.kind, c.number, c.old_number, c.mark) for c in changes.compare_paragraphs(old, new)}
    assert found == {("amended", "1.1", "1.1", "amended"), ("moved", "1.3", "1.4", "moved"), ("deleted", None, "1.3", None),
                     ("added", "1.4", None, "added")}
    # in the chapter: a bar for the added and amended ones, a label only for the renumbered one
    marks = {m.kind: m.bar for m in (changes.Mark(k, "a") for k in ("added", "amended", "moved"))}
    assert marks == {"added": True, "amended": True, "moved": False}


def test_renumbered_paragraph_with_amended_text_is_one_change_with_its_redline():
    old = paras(("2.1", "Orbits fall into broad regimes such as low, medium and geostationary orbit."), ("2.2", "Other text here."))
    new = paras(("2.1", "Other text here."), ("2.2", "Orbits fall into broad regimes such as low, medium and highly elliptical orbit."))
    found = changes.compare_paragraphs(old, new)
    assert [(c.kind, c.number, c.old_number, c.mark) for c in found] == [
        ("moved", "2.1", "2.2", "moved"), ("moved", "2.2", "2.1", "amended")]
    assert "<del>geostationary</del><ins>highly elliptical</ins>" in found[1].redline()


def test_redline_marks_deleted_and_inserted_words_with_hidden_labels():
    expected = "the <del>quick</del><ins>slow</ins> brown fox<ins> jumps</ins>"
    assert changes.redline("the quick brown fox", "the slow brown fox jumps") == expected
    marked = changes.redline("a <b>", "a c", ("deleted:", "inserted:"))
    assert marked == 'a <del><span class="scoe-vh">deleted: </span>&lt;b&gt;</del><ins><span class="scoe-vh">inserted: </span>c</ins>'


def test_plain_text_drops_number_and_reference_markup():
    assert changes.plain("2.3 See [[SCOE-9#1.1|the first]] and **[[SDA]]**.\n- a list") == "See the first and SDA. - a list"


def test_previous_version_is_the_latest_published_non_hidden_older_one():
    rel = [history.Release("2026.3-rc.1", "c", hidden=True), history.Release("2026.10", "b"), history.Release("2026.2", "a"),
           history.Release("2026.9", "d", hidden=True)]
    assert history.previous(rel, None).version == "2026.10"
    assert history.previous(rel, "2026.10").version == "2026.2"
    assert history.previous(rel, "2026.3-rc.1").version == "2026.2"
    assert history.previous(rel, "2026.2") is None
    assert history.version_key("2.10.0") > history.version_key("2.9.0") > history.version_key("2.9.0-rc.1")


# --- releases in temporary git repositories (plumbing, no build) ---------------------------------------------


def run(root: Path, *args: str, input: str | None = None) -> str:
    res = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=GIT_ENV, input=input)
    assert res.returncode == 0, f"git {' '.join(args)}: {res.stderr}"
    return res.stdout.strip()


def fake_release(root: Path, version: str, *, tag: bool = True, commit: str = "HEAD", hidden: bool = False) -> None:
    """What `make release` leaves: the tag `release/<version>` on the commit, and the version in gh-pages'
    versions.json, in a gh-pages commit whose message is mike's ("Deployed <commit> to <version> …")."""
    sha = run(root, "rev-parse", commit) if commit == "HEAD" else commit
    if tag:
        run(root, "tag", "-a", "-m", f"version {version}", f"release/{version}", sha)
    has_pages = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "gh-pages"], cwd=root, capture_output=True).returncode == 0
    versions = json.loads(run(root, "show", "gh-pages:versions.json")) if has_pages else []
    versions.insert(0, {"version": version, "title": version, "aliases": [], "properties": {"hidden": True} if hidden else {}})
    blob = run(root, "hash-object", "-w", "--stdin", input=json.dumps(versions))
    tree = run(root, "mktree", input=f"100644 blob {blob}\tversions.json\n")
    message = f"Deployed {sha[:7]} to {version} with MkDocs 1.6.1 and mike 2.2.0"
    pages = run(root, "commit-tree", tree, *(["-p", "gh-pages"] if has_pages else []), "-m", message)
    run(root, "update-ref", "refs/heads/gh-pages", pages)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    shutil.copytree(MINIMAL, root)
    run(root, "init", "-q", "-b", "main")
    run(root, "add", "-A")
    run(root, "commit", "-qm", "first")
    return root


def second_version(root: Path) -> None:
    """1.2 amended and a new 1.4, in both languages; committed."""
    edit(root, f"{MINI_CHAPTER}.en.md", "1.2 The second paragraph.", "1.2 The second paragraph, amended.")
    edit(root, f"{MINI_CHAPTER}.fr.md", "1.2 Le deuxième paragraphe.", "1.2 Le deuxième paragraphe, modifié.")
    for lang, text in (("en", "1.4 A new paragraph."), ("fr", "1.4 Un nouveau paragraphe.")):
        path = root / f"{MINI_CHAPTER}.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    run(root, "commit", "-qam", "second")


def test_no_git_and_no_release_say_why(tmp_path, repo):
    plain = shutil.copytree(MINIMAL, tmp_path / "plain")
    assert model.load_previous(plain)[0].state == history.NO_GIT
    assert model.load_previous(repo) == (model.Previous(history.NO_RELEASE), [])
    fake_release(repo, "2026.1")
    nested = shutil.copytree(MINIMAL, repo / "bench-copy")  # a copy inside another repository has no history
    assert model.load_previous(nested)[0].state == history.NO_GIT


def test_previous_library_read_from_the_release_tag_in_each_language(repo):
    fake_release(repo, "2026.1")
    second_version(repo)
    lib, _ = model.load(repo)
    previous, found = model.load_previous(repo)
    assert not found and previous.state == history.FOUND and previous.release.version == "2026.1"
    result = changes.compare(previous, lib)
    for lang, word in (("en", "amended"), ("fr", "modifié")):
        pc = result.of("SCOE-9", lang)
        assert [(c.kind, c.number) for c in pc.paragraphs] == [("amended", "1.2"), ("added", "1.4")]
        assert f"<ins>, {word}</ins>" in pc.paragraphs[0].redline()
        assert pc.marks == {"1.2": changes.Mark("amended", "change-1.2"), "1.4": changes.Mark("added", "change-1.4")}
    # the version being built is never its own previous version; a hidden one is skipped
    fake_release(repo, "2026.2", hidden=True)
    assert model.load_previous(repo, "2026.3")[0].release.version == "2026.1"
    assert model.load_previous(repo, "2026.1")[0].state == history.NO_RELEASE


def test_changes_since_each_older_version_for_its_readers(repo):
    """The latest version offers a reader of any older one the changes since that one (the outdated banner's
    `<publication>/changes/<version>/`); the previous version's are the build's own, a hidden one has none."""
    fake_release(repo, "2026.1")
    second_version(repo)
    fake_release(repo, "2026.2")
    fake_release(repo, "2026.3-rc.1", hidden=True)
    for lang in ("en", "fr"):  # after 2026.2: 1.1 amended
        edit(repo, f"{MINI_CHAPTER}.{lang}.md", "1.1 ", "1.1 Now: ")
    lib, _ = model.load(repo)
    older = changes.compare_older(repo, lib, None, "2026.2")
    assert list(older) == ["2026.1"]
    since = older["2026.1"]
    assert (since.state, since.since) == (history.FOUND, "2026.1")
    for lang in ("en", "fr"):
        found = sorted((c.kind, c.number) for c in since.of("SCOE-9", lang).paragraphs)
        assert found == [("added", "1.4"), ("amended", "1.1"), ("amended", "1.2")]
    assert changes.compare_older(repo, lib, "2026.2", "2026.1") == {}  # building 2026.2: nothing older than its previous
    assert changes.compare_older(repo / "docs", lib, None, "2026.2") == {}  # not the top of a repository
    # the pages: `<publication>/changes/2026.1/`, the change page computed since 2026.1, in each language
    previous, _ = model.load_previous(repo)
    renderer = Renderer(lib, changes=changes.compare(previous, lib), older=older)
    key = "publications/scoe-9-test/changes/2026.1"
    assert key in renderer.generated_keys()
    for lang, title in (("en", "# Changes to SCOE-9 since version 2026.1"), ("fr", "# Modifications de SCOE-9 depuis la version 2026.1")):
        text = renderer.generated_markdown(key, lang).markdown
        assert text.startswith(title) and 'id="change-1.4"' in renderer.generated_markdown(key, lang).html(text)
    # the plugin gives MkDocs those pages at `<publication>/changes/<version>/`, French under fr/
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from scoelib.mkdocs_plugin import plugin

    state, config = plugin.State(lib=lib, renderer=renderer), load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = "scoe"  # what MkDocs sets while it runs the plugin's event (File.generated reads it)
    files = plugin.on_files(state, Files([]), config)
    page = next(f for f in files if f.url == f"{key}/")
    assert (page.dest_uri, state.generated[page.dest_uri], page.alternates["fr"].url) == (f"{key}/index.html", key, f"fr/{key}/")


def test_version_published_before_tags_is_found_in_mikes_commit_message(repo):
    fake_release(repo, "2026.1", tag=False)
    second_version(repo)
    previous, _ = model.load_previous(repo)
    assert previous.state == history.FOUND and previous.release.commit.startswith(run(repo, "rev-parse", "--short=7", "HEAD~1"))


def test_unreadable_release_commit_is_CH001_and_nothing_fails(repo):
    fake_release(repo, "2026.1", tag=False, commit="0123456789abcdef0123456789abcdef01234567")
    previous, found = model.load_previous(repo)
    assert previous.state == history.UNREADABLE
    assert [(d.code, d.file) for d in found] == [("CH001", "release/2026.1")]
    assert "commit 0123456" in found[0].message and "git fetch --tags" in found[0].hint
    assert not changes.compare(previous, model.load(repo)[0]).available


def test_shallow_clone_says_the_history_is_missing(repo, tmp_path):
    fake_release(repo, "2026.1")
    second_version(repo)
    clone = tmp_path / "shallow"
    run(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", "--no-tags", f"file://{repo}", str(clone))
    run(clone, "branch", "-q", "gh-pages", "origin/gh-pages")
    previous, found = model.load_previous(clone)
    assert (previous.state, previous.release.version, found) == (history.SHALLOW, "2026.1", [])


def test_release_gate_names_the_publication_whose_record_of_changes_is_missing(repo):
    fake_release(repo, "2026.1")
    second_version(repo)
    found = changes.release_findings(repo, "2026.2")
    assert [(d.code, d.file, d.line) for d in found] == [("CH002", "docs/publications/scoe-9-test/index.en.md", 5)]
    assert found[0].message == "SCOE-9: its text changed since 2026.1 but it is still edition B version 1"
    for lang in ("en", "fr"):
        edit(repo, f"docs/publications/scoe-9-test/index.{lang}.md", "version: 1\n", "version: 2\n")
    found = changes.release_findings(repo, "2026.2")
    assert [(d.code, d.line) for d in found] == [("CH002", 12)]  # the line of `changes`
    assert "`changes` has no entry for edition B version 2" in found[0].message
    for lang in ("en", "fr"):
        record = "changes:\n  - edition: B\n    version: 2\n    date: 2026-12-01\n    summary: Second.\n"
        edit(repo, f"docs/publications/scoe-9-test/index.{lang}.md", "changes:\n", record)
    assert changes.release_findings(repo, "2026.2") == []


def test_make_changes_prints_the_summary(repo, capsys):
    """`make changes` (python -m scoelib changes), in process."""
    fake_release(repo, "2026.1")
    second_version(repo)
    assert main(["--root", str(repo), "changes", "--pub", "SCOE-9", "--since", "2026.1"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == ["SCOE-9 (en) since 2026.1: 1 amended, 1 added", "  amended  1.2", "  added    1.4"]
    assert "SCOE-9 (fr) since 2026.1: 1 amended, 1 added" in out
    assert "CH002" in out
    assert main(["--root", str(repo), "changes", "--pub", "SCOE-9", "--since", "2025.1"]) == 1
    assert "version 2025.1 is not published (published: 2026.1)" in capsys.readouterr().err


# --- two real releases (make release), read in the published site -----------------------------------------


def html(site: dict, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site["www"] / path).read_text(encoding="utf-8"))


def change_ids(doc: LexborHTMLParser, kind: str) -> list[str]:
    return [n.attributes["id"] for n in doc.css(f"section.scoe-change--{kind}")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_change_page_lists_exactly_the_changes(releases, lang):
    prefix = "" if lang == "en" else "fr/"
    doc = html(releases, f"2026.2/{prefix}{FOLDER}/changes/index.html")
    assert doc.css_first("html").attributes["lang"] == lang
    count = doc.css_first(".scoe-changes-count").text()
    if lang == "en":
        assert count == "1 amended, 1 added, 1 deleted, 1 moved or renumbered since version 2026.1."
    else:
        assert count == ("Depuis la version 2026.1\u00a0: 1\u00a0paragraphe modifié, 1\u00a0paragraphe ajouté, "
                         "1\u00a0paragraphe supprimé, 1\u00a0paragraphe déplacé ou renuméroté.")
    assert change_ids(doc, "amended") == ["change-2.2"]
    assert change_ids(doc, "added") == ["change-2.17"]
    assert change_ids(doc, "deleted") == ["deleted-2.16"]
    assert change_ids(doc, "moved") == ["change-2.16"]
    amended = doc.css_first("#change-2\\.2 .scoe-redline")
    old, new = AMEND[lang]
    deleted = " ".join(n.text(deep=False) for n in amended.css("del")).replace("\u2019", "'")  # French pages show ’
    inserted = " ".join(n.text(deep=False) for n in amended.css("ins")).replace("\u2019", "'")
    assert old.split()[-1] in deleted and new.split()[-1] in inserted and new.split()[-1] not in deleted, (deleted, inserted)
    assert amended.css_first("del .scoe-vh").text() == ("deleted: " if lang == "en" else "supprimé\u00a0: ")
    assert ADDED[lang] in doc.css_first("#change-2\\.17 ins").text()
    assert doc.css_first("#change-2\\.17 a").attributes["href"] == "../chapter-2/#2.17"
    meta = [[c.text() for c in row.css("th, td")] for row in doc.css("table.scoe-changes-meta tbody tr")]
    assert meta == [["Version", "1", "2"]]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_chapter_carries_exactly_the_change_bars(releases, lang):
    prefix = "" if lang == "en" else "fr/"
    doc = html(releases, f"2026.2/{prefix}{CHAPTER}/index.html")
    marked = {n.attributes["id"]: n.attributes["data-change"] for n in doc.css("div.scoe-para[data-change]")}
    assert marked == {"2.2": "amended", "2.17": "added", "2.16": "moved"}
    link = doc.css_first('div.scoe-para[id="2.2"] a.scoe-change-mark')
    assert link.attributes["href"] == "../changes/#change-2.2"
    assert link.text().startswith("Amended since version 2026.1" if lang == "en" else "Modifié depuis la version 2026.1")
    assert doc.css_first('div.scoe-para[id="2.2"]').attributes["data-change-since"] == "2026.1"  # the PDF's legend reads it
    # 2.17 renumbered 2.16, same text: a discreet label, no bar
    moved = doc.css_first('div.scoe-para[id="2.16"] a.scoe-change-mark')
    assert moved.attributes["class"] == "scoe-change-mark scoe-change-mark--moved"
    assert moved.text() == ("renumbered from 2.17" if lang == "en" else "renuméroté, anciennement 2.17")
    assert moved.attributes["href"] == "../changes/#change-2.16"
    # another publication and the first version carry none
    assert not html(releases, f"2026.2/{prefix}publications/scoe-1-space-support/chapter-1/index.html").css("[data-change]")
    first = html(releases, f"2026.1/{prefix}{CHAPTER}/index.html")
    assert not first.css("[data-change]")
    assert "No version of the library has been published yet" in html(releases, f"2026.1/{FOLDER}/changes/index.html").text()


def test_whats_new_and_metadata_block_link_the_change_page(releases):
    for prefix, words in (("", "1 amended, 1 added"), ("fr/", "1\u00a0paragraphe modifié")):
        doc = html(releases, f"2026.2/{prefix}whats-new/index.html")
        items = [li.text() for li in doc.css("ul.scoe-whatsnew li")]
        assert len(items) == 1 and items[0].startswith(f"{PUB} – ") and words in items[0], items
        # the summary is a sentence of its own, on the line under the publication (no colon, no capital after one)
        assert doc.css_first("ul.scoe-whatsnew li > a").next.tag == "br"
        assert doc.css_first("ul.scoe-whatsnew a").attributes["href"] == f"../{FOLDER}/changes/"
        index = html(releases, f"2026.2/{prefix}{FOLDER}/index.html")
        assert [a.attributes["href"] for a in index.css("dl.scoe-meta a") if "changes" in a.attributes["href"]] == ["changes/"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_feeds_are_atom_with_one_entry_per_changed_publication(releases, lang):
    path = "feed.xml" if lang == "en" else "fr/feed.xml"
    feed = ET.fromstring((releases["www"] / "2026.2" / path).read_bytes())
    assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert feed.find(f"{ATOM}id").text == f"http://127.0.0.1:8000/2026.2/{path}"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    prefix = "" if lang == "en" else "fr/"
    assert entry.find(f"{ATOM}link").get("href") == f"http://127.0.0.1:8000/2026.2/{prefix}{FOLDER}/changes/"
    assert entry.find(f"{ATOM}title").text.startswith(PUB + " ")
    assert ("1 amended" if lang == "en" else "1\u00a0paragraphe modifié") in entry.find(f"{ATOM}summary").text
    for name in ("id", "updated"):
        assert entry.find(f"{ATOM}{name}").text
    # the first version had nothing to compare with: a valid feed without entries
    first = ET.fromstring((releases["www"] / "2026.1" / path).read_bytes())
    assert first.tag == f"{ATOM}feed" and not first.findall(f"{ATOM}entry")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_old_version_banner_links_to_what_changed_since(releases, lang):
    prefix = "" if lang == "en" else "fr/"
    doc = html(releases, f"2026.1/{prefix}{CHAPTER}/index.html")
    link = doc.css_first("a.scoe-outdated-changes")
    assert link is not None
    href = link.attributes["href"]
    assert href.endswith(f"/../latest/{prefix}{FOLDER}/changes/2026.1/"), href  # the changes since the version read
    assert link.attributes["data-scoe-latest-fallback"].endswith(f"/../latest/{prefix}{FOLDER}/changes/")
    assert link.text().strip() == ("What changed since this version" if lang == "en" else "Ce qui a changé depuis cette version")
    # the same page in the latest version, or, if it is gone there, those two (tests/browser/test_changes.py)
    same = doc.css_first("a[data-scoe-latest-page]")
    assert same.attributes["href"].endswith(f"/../latest/{prefix}{CHAPTER}/")
    assert same.attributes["data-scoe-latest-fallback"].split() == [href, link.attributes["data-scoe-latest-fallback"]]
    about = html(releases, f"2026.1/{prefix}about/index.html").css_first("a[data-scoe-latest-page]")
    assert "data-scoe-latest-fallback" not in about.attributes  # not a publication's page: its home if gone
    # in the latest version (2026.2), 2026.1 is the previous one: its page sends the reader to the change page
    since = html(releases, f"2026.2/{prefix}{FOLDER}/changes/2026.1/index.html")
    assert since.css_first("html").attributes["lang"] == lang
    assert since.css_first('meta[http-equiv="refresh"]').attributes["content"] == "0; url=../"
    assert since.css_first("body a").attributes["href"] == "../" and "2026.1" in since.css_first("body a").text()
    icon = since.css_first('link[rel="icon"]').attributes["href"]  # else a browser asks for /favicon.ico
    assert (releases["www"] / f"2026.2/{prefix}{FOLDER}/changes/2026.1" / icon).resolve().is_file()
    # the pre-release 2026.3-rc.1 compares with 2026.2: for 2026.1 it has the changes since 2026.1 themselves
    older = html(releases, f"2026.3-rc.1/{prefix}{FOLDER}/changes/2026.1/index.html")
    assert older.css_first("article h1").text().startswith(
        "Changes to SCOE-4.1 since version 2026.1" if lang == "en" else "Modifications de SCOE-4.1 depuis la version 2026.1")
    assert change_ids(older, "amended") == ["change-2.2"] and change_ids(older, "added") == ["change-2.17"]
    assert html(releases, f"2026.3-rc.1/{prefix}{FOLDER}/changes/2026.2/index.html").css_first('meta[http-equiv="refresh"]')


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(path: Path) -> dict[str, dict[str, str]]:
    """A sitemap.xml: each listed address and its language alternates ({hreflang: address})."""
    return {url.findtext(f"{SITEMAP}loc"): {a.get("hreflang"): a.get("href") for a in url.iter(f"{XHTML}link")}
            for url in ET.parse(path).getroot().iter(f"{SITEMAP}url")}


@pytest.mark.parametrize("version", ["2026.2", "2026.3-rc.1"])
def test_sitemaps_of_a_release_list_its_change_pages(releases, version):
    """Both languages' sitemap.xml of a published version list each of its pages at the version's address, the
    change pages and what's new included: on the pre-release, the changes since the older 2026.1 (a page of
    its own), but not the page for 2026.2 that only sends its reader to the change page (not indexed, its
    canonical address that page's); nothing listed is missing from the version."""
    folder = releases["www"] / version
    base = f"http://127.0.0.1:8000/{version}/"
    pages = {base + str(p.relative_to(folder)).removesuffix("index.html") for p in folder.rglob("index.html")
             if not LexborHTMLParser(p.read_text(encoding="utf-8")).css_first('meta[http-equiv="refresh"]')}
    for path in (folder / "sitemap.xml", folder / "fr/sitemap.xml"):
        listed = sitemap(path)
        assert set(listed) == pages, (path, sorted(pages ^ set(listed)))
        assert all(set(alternates.values()) <= pages for alternates in listed.values())
    keys = [f"{FOLDER}/changes/", "whats-new/"] + ([f"{FOLDER}/changes/2026.1/"] if version == "2026.3-rc.1" else [])
    for key in keys:
        both = {"en": base + key, "fr": base + "fr/" + key}
        assert listed[base + key] == listed[base + "fr/" + key] == both, key
    previous = {"2026.2": "2026.1", "2026.3-rc.1": "2026.2"}[version]  # its page only sends the reader on
    assert (folder / FOLDER / "changes" / previous / "index.html").is_file() and base + f"{FOLDER}/changes/{previous}/" not in listed


def test_release_without_record_of_changes_is_refused_and_tags_record_commits(releases):
    refused = releases["refused"]
    assert refused.returncode != 0
    why = "its text changed since 2026.1 but it is still edition A version 1"
    assert f"docs/{FOLDER}/index.en.md:5:1: CH002 {PUB}: {why}" in refused.stderr
    assert (f"release refused: the record of changes of {PUB} has no entry for this version (CH002, above); "
            "nothing was published") in refused.stderr
    root = releases["root"]
    assert git(root, "rev-parse", "release/2026.2^{commit}") == git(root, "rev-parse", "main")
    assert git(root, "rev-parse", "release/2026.1^{commit}") == git(root, "rev-parse", "main~2")
    versions = subprocess.run(["make", "--no-print-directory", "versions"], cwd=root, capture_output=True, text=True, env=GIT_ENV)
    assert re.search(r"^2026\.1  commit [0-9a-f]{10}$", versions.stdout, re.M), versions.stdout


# --- the PDF editions of the second release show the marks (scoelib/kit/pdfmarks.py) ---------------------------


def margin_bars(page) -> list[tuple[str, float, float]]:
    """The bars WeasyPrint drew left of the text column of a PDF page: ("solid" or "double", top, bottom) in
    points from the top. A paragraph's left border is drawn as an even-odd fill of nested rectangles sharing
    their right edge; the spread of their left edges is the border's width (1.5 pt single, 4 pt double)."""
    from pypdf.generic import ContentStream

    text_left = 22 / 25.4 * 72  # pdf.css: the page's left margin
    ctm, stack, rects, bars = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], [], []

    def apply(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = ctm
        return a * x + c * y + e, b * x + d * y + f

    for args, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"q":
            stack.append(list(ctm))
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in args)
            A, B, C, D, E, F = ctm
            ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]
        elif op == b"re":
            x, y, w, h = (float(v) for v in args)
            (x0, y0), (x1, y1) = apply(x, y), apply(x + w, y + h)
            rects.append((min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)))
        elif op in (b"f*", b"f", b"n", b"S"):
            lefts = sorted({round(r[0], 2) for r in rects})
            if op == b"f*" and len(rects) >= 2 and lefts[0] < text_left - 8 and len({round(r[1], 1) for r in rects}) == 1:
                width = lefts[-1] - lefts[0]
                top = page.mediabox.top - max(r[3] for r in rects)
                bars.append(("solid" if width < 2.5 else "double", top, top + max(r[3] - r[2] for r in rects)))
            rects = []
    return bars


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_edition_shows_the_change_bars_and_their_legend(releases, lang):
    from pypdf import PdfReader

    reader = PdfReader(releases["www"] / "2026.2" / "downloads" / f"{PUB}-A2-{lang}.pdf")
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    legend = ("A bar in the margin marks a paragraph added or amended since version 2026.1"
              if lang == "en" else "Un trait dans la marge signale un paragraphe ajouté ou modifié depuis la version 2026.1")
    (at,) = [i for i, text in enumerate(texts) if legend in text]
    assert ("Record of changes" if lang == "en" else "Relevé des modifications") in texts[at]
    bars = [(i, kind) for i, page in enumerate(reader.pages) for kind, _, _ in margin_bars(page)]
    new = next(i for i, text in enumerate(texts) if ADDED[lang] in text)
    amended = next(i for i, text in enumerate(texts) if AMEND[lang][1].replace("'", "\u2019") in text)
    assert (new, "double") in bars and (amended, "solid") in bars, bars
    assert {kind for _, kind in bars} == {"solid", "double"} and len(bars) <= 3, bars  # 2.2 may run over a page break
    moved = "renumbered from 2.17" if lang == "en" else "renuméroté, anciennement 2.17"
    assert sum(moved in text for text in texts) == 1
    no_words = "Amended since" if lang == "en" else "Modifié depuis"
    assert not any(no_words in text for text in texts), "the bar's link has no words on paper"
