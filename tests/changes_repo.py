"""Two real releases of the library with known changes between them, for tests/test_changes.py and
tests/browser/test_changes.py (one session fixture, `changes_site`, in tests/conftest.py).

In a temporary git repository: `make release VERSION=2026.1`; then, in chapter 2 of SCOE-4.1, in English and
in French: paragraph 2.2 amended (one word), 2.16 deleted, 2.17 renumbered 2.16, a new 2.17 added; a release
of that without a new version is refused (CH002); with version 2 and its record of changes, 2026.2 is released,
with the PDF editions of SCOE-4.1 (the tests' other releases make none).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from conftest import ENV, ROOT, copy_library, make

PUB = "SCOE-4.1"
FOLDER = "publications/scoe-4-1-space-domain-coordination"
CHAPTER = f"{FOLDER}/chapter-2"
AMEND = {"en": ("Deconfliction means", "Deconfliction consists in"), "fr": ("Déconflicter, c'est", "Déconflicter consiste à")}
ADDED = {"en": "A paragraph added in the second version, on shared exercises.",
         "fr": "Un paragraphe ajouté dans la deuxième version, sur les exercices communs."}
RECORD = {"en": "Paragraph 2.2 clarified, 2.16 removed, a new paragraph 2.17.",
          "fr": "Paragraphe 2.2 précisé, 2.16 supprimé, nouveau paragraphe 2.17."}
GIT_ENV = {**ENV, "GIT_AUTHOR_NAME": "Changes Test", "GIT_AUTHOR_EMAIL": "changes@test.invalid",
           "GIT_COMMITTER_NAME": "Changes Test", "GIT_COMMITTER_EMAIL": "changes@test.invalid"}


def git(root: Path, *args: str) -> str:
    res = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=GIT_ENV)
    assert res.returncode == 0, f"git {' '.join(args)}: {res.stderr}"
    return res.stdout.strip()


def record_translations(root: Path) -> bool:
    """Record every untracked or stale French page as translated; True if all are then up to date."""
    from scoelib import model, translation

    lib, _ = model.load(root)
    for st in translation.status(lib):
        if st.state in (translation.STALE, translation.UNTRACKED):
            translation.record(lib, st.target.rel)
    lib, _ = model.load(root)
    return all(st.state == translation.UP_TO_DATE for st in translation.status(lib))


def edit_chapter(root: Path, lang: str) -> None:
    path = root / "docs" / f"{CHAPTER}.{lang}.md"
    text = path.read_text(encoding="utf-8")
    old, new = AMEND[lang]
    assert old in text
    text = text.replace(old, new, 1)
    text = re.sub(r"\n2\.16 .*?\n(?=\n2\.17 )", "\n", text, count=1, flags=re.S)  # 2.16 deleted
    text = re.sub(r"\n\n2\.17 ", "\n2.16 ", text, count=1)  # 2.17 renumbered 2.16
    path.write_text(text.rstrip("\n") + f"\n\n2.17 {ADDED[lang]}\n", encoding="utf-8")


def bump_version(root: Path, lang: str) -> None:
    path = root / "docs" / f"{FOLDER}/index.{lang}.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("version: 1\n", "version: 2\n", 1)
    text = text.replace("changes:\n", f'changes:\n  - edition: A\n    version: 2\n    date: 2026-12-01\n    summary: "{RECORD[lang]}"\n', 1)
    path.write_text(text, encoding="utf-8")


def make_releases(tmp: Path) -> dict:
    root = copy_library(tmp / "lib")
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (root / ".gitignore").write_text(".venv\nsite/\n__pycache__/\n", encoding="utf-8")
    stale = {} if record_translations(root) else {"ALLOW_STALE": "1"}
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "library")
    first = make(root, "release", VERSION="2026.1", **stale)
    assert first.returncode == 0, first.stdout + first.stderr
    for lang in ("en", "fr"):
        edit_chapter(root, lang)
    record_translations(root)
    git(root, "commit", "-qam", "chapter 2 changed, version not raised")
    refused = make(root, "release", VERSION="2026.2", **stale)
    for lang in ("en", "fr"):
        bump_version(root, lang)
    record_translations(root)
    git(root, "commit", "-qam", "version 2 recorded")
    second = make(root, "release", VERSION="2026.2", SCOE_KIT_ONLY=PUB, **stale)  # its PDFs show the change bars
    assert second.returncode == 0, second.stdout + second.stderr
    www = tmp / "www"
    www.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=root, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(www, filter="data")
    return {"root": root, "www": www, "refused": refused, "stale": stale}
