"""Which pages the preview renders again after a save (scoelib.incremental), on a copy of the real library:
the saved page in every language and the translation status for a change of text; the pages that cite a
paragraph when it disappears; everything when a title, a publication's metadata or a data file changes."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT
from scoelib import incremental, model, refs, rules

SCOE1_CH1 = "docs/publications/scoe-1-space-support/chapter-1"
KEY = "publications/scoe-1-space-support/chapter-1"
STATUS = {("translation-status/index", "en"), ("translation-status/index", "fr")}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    dest = tmp_path / "lib"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def snap(root: Path) -> incremental.Snapshot:
    lib, _ = model.load(root)
    return incremental.snapshot(lib, refs.Index(lib))


def edit(root: Path, rel: str, pattern: str, repl: str) -> None:
    path = root / rel
    text, n = re.subn(pattern, repl, path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert n == 1, pattern
    path.write_text(text, encoding="utf-8")


def test_nothing_changed_renders_nothing(root):
    assert incremental.affected(snap(root), snap(root)) == set()


def test_a_sentence_renders_the_page_in_every_language_and_the_translation_status(root):
    before = snap(root)
    edit(root, f"{SCOE1_CH1}.en.md", r"^(1\.2 )", r"\1Amended: ")
    assert incremental.affected(before, snap(root)) == {(KEY, "en"), (KEY, "fr")} | STATUS


def test_a_paragraph_that_disappears_renders_the_pages_that_cite_it(root):
    lib, _ = model.load(root)
    citing = {page.key for page in lib.pages.values()
              if any((r.target, r.fragment) == ("SCOE-1", "1.8") for r in refs.find(page)[0])}
    before = snap(root)
    for lang in ("en", "fr"):
        edit(root, f"{SCOE1_CH1}.{lang}.md", r"^1\.8 ", "1\\.8 ")  # no longer a numbered paragraph
    found = incremental.affected(before, snap(root))
    assert len(citing) > 3 and {key for key, _ in found} >= citing | {KEY}


@pytest.mark.parametrize("rel, pattern, repl", [
    (f"{SCOE1_CH1}.en.md", r"^# (.*)$", r"# \1, revised"),                                 # a title: navigation
    ("docs/publications/scoe-1-space-support/index.en.md", r"^version: (\d+)", "version: 9"),  # metadata
    ("data/glossary.yml", r'^    definition: "', '    definition: "Revised. '),                # a data file
])
def test_what_many_pages_show_rebuilds_everything(root, rel, pattern, repl):
    before = snap(root)
    edit(root, rel, pattern, repl)
    assert incremental.affected(before, snap(root)) is None


def test_no_previous_build_rebuilds_everything(root):
    assert incremental.affected(None, snap(root)) is None


# --- the preview's reload: `model.load(root, reuse=previous)` parses again only the files that changed ---------

HOUR = 3600 * 10**9


def _age(root: Path) -> None:
    """Every file of the copy an hour old: older than any load's racy window."""
    old = (time.time_ns() - HOUR) // 10**9
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (old, old))


def _model(lib: model.Library, diags: list) -> dict:
    """What a load gives, as plain values (a page's publication by its id: the model is cyclic)."""
    pages = {k: (p.rel, p.text, p.meta, p.body_start, p.body, p.masked, p.title, p.title_line, p.headings, p.paragraphs,
                 p.chapter, p.publication.id if p.publication else None, p.meta_error, sorted(p.anchors), p.fingerprint)
             for k, p in sorted(lib.pages.items())}
    pubs = {i: (p.folder, p.meta, sorted(p.index), {n: sorted(c) for n, c in p.chapters.items()}) for i, p in lib.publications.items()}
    data = (lib.glossary, lib.glossary_lines, lib.standards, lib.standards_lines, lib.custodians, lib.raw_data, lib.unreadable,
            lib.changed, lib.new_lines, lib.allowlist, lib.codeowners, lib.assets, lib.languages, lib.catalogue.strings)
    found = sorted(repr(d) for d in diags + rules.check(lib))
    return {"pages": pages, "publications": pubs, "data": data, "findings": found}


def _edit_later(root: Path, rel: str, pattern: str, repl: str) -> None:
    """An edit saved half an hour ago (after the previous load in the file's time, outside any racy window)."""
    edit(root, rel, pattern, repl)
    when = (time.time_ns() - HOUR // 2) // 10**9
    os.utime(root / rel, (when, when))


EDITS = {
    "a sentence": [(f"{SCOE1_CH1}.en.md", r"^(1\.2 )", r"\1Amended: ")],
    "a paragraph number gone": [(f"{SCOE1_CH1}.en.md", r"^1\.8 ", "1\\.8 "), (f"{SCOE1_CH1}.fr.md", r"^1\.8 ", "1\\.8 ")],
    "a title": [(f"{SCOE1_CH1}.fr.md", r"^# (.*)$", r"# \1 (révisé)")],
    "broken front matter": [(f"{SCOE1_CH1}.fr.md", r"^chapter: 1$", "chapter: [1")],
    "a broken reference": [(f"{SCOE1_CH1}.en.md", r"^(1\.3 )", r"\1See [[SCOE-77]]. ")],
    "publication metadata": [("docs/publications/scoe-1-space-support/index.en.md", r"^version: (\d+)", "version: 9")],
    "the glossary": [("data/glossary.yml", r'^    definition: "', '    definition: "Revised. ')],
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_reload_gives_the_same_library_as_a_full_load(root, monkeypatch, name):
    _age(root)
    previous, _ = model.load(root)
    rules.check(previous)  # what a build works out from the pages' text is carried over: it must not leak
    for rel, pattern, repl in EDITS[name]:
        _edit_later(root, rel, pattern, repl)
    parsed = []
    real = model.parse_page
    monkeypatch.setattr(model, "parse_page", lambda rel, *a: parsed.append(rel) or real(rel, *a))
    again = model.load(root, reuse=previous)
    assert sorted(set(parsed)) == sorted({rel for rel, _, _ in EDITS[name] if rel.endswith(".md")})
    assert _model(*again) == _model(*model.load(root))


def test_a_reload_sees_pages_added_and_removed(root):
    _age(root)
    previous, _ = model.load(root)
    folder = root / "docs/publications/scoe-1-space-support"
    (folder / "chapter-1.fr.md").unlink()
    (folder / "chapter-9.en.md").write_text((folder / "chapter-2.en.md").read_text(encoding="utf-8"), encoding="utf-8")
    again = model.load(root, reuse=previous)
    assert ("publications/scoe-1-space-support/chapter-9", "en") in again[0].pages
    assert (KEY, "fr") not in again[0].pages
    assert _model(*again) == _model(*model.load(root))


def test_a_save_in_the_same_tick_as_the_last_load_is_read_again(root):
    """File times are coarse: a save right after a load can keep the size and the time of the file. Such a
    file (modified within the racy window before the load that read it) is always read again."""
    path = root / f"{SCOE1_CH1}.en.md"
    os.utime(path)  # saved just now
    previous, _ = model.load(root)
    stamp = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n1.2 ", "\n1.2 X", 1).replace("\n1.3 ", "\n1.3", 1), encoding="utf-8")  # same size
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size
    again, _ = model.load(root, reuse=previous)
    assert "\n1.2 X" in again.page(KEY, "en").text


def test_a_change_page_is_rendered_again_only_for_its_own_publication():
    saved = {(KEY, "en"), (KEY, "fr"), ("translation-status/index", "en")}
    assert incremental.shows_changes_of(saved, "publications/scoe-1-space-support/changes")
    assert not incremental.shows_changes_of(saved, "publications/scoe-2-space-ops/changes")
    assert incremental.shows_changes_of(saved, "whats-new/index")  # the library's: any save may change it
    assert not incremental.shows_changes_of(set(), "whats-new/index")
