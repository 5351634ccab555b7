"""Which pages the preview renders again after a save (scoelib.incremental), on a copy of the real library:
the saved page in every language and the translation status for a change of text; the pages that cite a
paragraph when it disappears; everything when a title, a publication's metadata or a data file changes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from scoelib import incremental, model, refs

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
