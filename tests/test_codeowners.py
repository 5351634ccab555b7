"""`.github/CODEOWNERS`, generated from each publication's custodian by `make codeowners`.

What matters to a reviewer: a pull request touching a publication asks its custodian's team, the rest of
the content the Doctrine and Standardization pillar, the tooling the platform team; and the committed
file never lags behind the publications' front matter.
"""

from __future__ import annotations

import pathspec
import pytest

from conftest import ROOT, check, edit, make
from scoelib import codeowners, model

CODEOWNERS = ROOT / ".github" / "CODEOWNERS"


def owner(text: str, path: str) -> str | None:
    """The owner GitHub picks for `path`: the last matching line (gitignore-style patterns)."""
    found = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *owners = line.split()
        if pathspec.PathSpec.from_lines("gitignore", [pattern]).match_file(path):
            found = " ".join(owners)
    return found


def test_committed_codeowners_is_up_to_date():
    lib, _ = model.load(ROOT)
    assert CODEOWNERS.exists(), "run `make codeowners` and commit .github/CODEOWNERS"
    assert CODEOWNERS.read_text(encoding="utf-8") == codeowners.render(lib), \
        ".github/CODEOWNERS is out of date: run `make codeowners` and commit it"


def test_every_file_has_the_owner_a_reviewer_expects():
    lib, _ = model.load(ROOT)
    text = CODEOWNERS.read_text(encoding="utf-8")
    content = lib.custodians[codeowners.CONTENT_CUSTODIAN].github
    for page in lib.pages.values():
        expected = lib.custodians[page.publication.source.custodian].github if page.publication else content
        assert owner(text, page.rel) == expected, page.rel
    for rel in ["data/glossary.yml", "data/custodians.yml", "CONTENT-SPEC.md"]:
        assert owner(text, rel) == content, rel
    for rel in ["Makefile", "mkdocs.yml", "scoelib/rules.py", "scoelib/mkdocs_plugin/plugin.py", "overrides/main.html",
                "docs/assets/scoe.css", ".github/workflows/pull-request.yml", ".github/CODEOWNERS", "tests/conftest.py"]:
        assert owner(text, rel) == codeowners.PLATFORM_OWNER, rel


@pytest.fixture
def custodians(library):
    """The library copy with a new publication and SCOE-2.1 handed to the Education and Training pillar."""
    assert make(library, "new", ID="SCOE-3.2", AREA="space-domain-awareness", TITLE_EN="Space Weather Support",
                TITLE_FR="Soutien météorologique de l'espace").returncode == 0
    for lang in ("en", "fr"):
        edit(library, f"docs/publications/scoe-2-1-operational-space-support/index.{lang}.md",
             "custodian: doctrine-standardization", "custodian: education-training")
    return library


def test_make_codeowners_follows_the_custodians(custodians):
    res = make(custodians, "codeowners")
    assert res.returncode == 0, res.stdout + res.stderr
    text = (custodians / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    lib, _ = model.load(custodians)
    assert owner(text, "docs/publications/scoe-2-1-operational-space-support/chapter-2.fr.md") == \
        lib.custodians["education-training"].github
    assert owner(text, "docs/publications/scoe-3-2-space-weather-support/index.en.md") == \
        lib.custodians["doctrine-standardization"].github
    assert check(custodians).returncode == 0
    again = make(custodians, "codeowners")
    assert again.returncode == 0 and "up to date" in again.stdout


def test_unknown_custodian_is_refused_in_one_line(library):
    for lang in ("en", "fr"):
        edit(library, f"docs/publications/scoe-2-1-operational-space-support/index.{lang}.md",
             "custodian: doctrine-standardization", "custodian: space-weather-cell")
    res = make(library, "codeowners")
    assert res.returncode != 0
    ours = [line for line in res.stderr.splitlines() if not line.startswith("make")]
    assert len(ours) == 1 and "SCOE-2.1" in ours[0] and "`space-weather-cell`" in ours[0], res.stderr
    assert not (library / ".github" / "CODEOWNERS").exists()
