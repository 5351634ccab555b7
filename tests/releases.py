"""Real releases of the library, made once for the whole session and shared by every test that reads a
published version: tests/test_release.py (mike, refusals, nginx), tests/test_changes.py and
tests/browser/test_changes.py (what changed). Session fixture `releases` in tests/conftest.py.

In a temporary git repository (every French page recorded as translated) with a bare remote `origin`:

1. `make release VERSION=2026.1`;
2. in English and French, a marker paragraph at the end of the about page (MARK), and in chapter 2 of
   SCOE-4.1: paragraph 2.2 amended (one word), 2.16 deleted, 2.17 renumbered 2.16, a new 2.17 added;
   committed; `make release VERSION=2026.2` is refused (CH002: the publication's version was not raised);
3. SCOE-4.1 raised to version 2 with its record of changes, committed; `make release VERSION=2026.2 PUSH=1`
   (the default version, `latest`, pushed to `origin`);
4. `make release VERSION=2026.3-rc.1` from the same commit: a pre-release, published hidden.

What the fixture returns (a dict; read it, never change it: copy or clone what a test breaks):
    root      the repository (branch main, gh-pages, tags release/<version>)
    www       a checkout of gh-pages: the published site, one folder per version (and `latest`)
    previous, latest    "2026.1", "2026.2"
    commits   {version: the main commit it was released from}
    results   {version: the CompletedProcess of its `make release`}
    refused   the CompletedProcess of the refused release (step 2)
    first     gh-pages' commit and tree right after 2026.1 (see test_release.snapshot)
    pushed    gh-pages' commit that was pushed with 2026.2
    remote    the bare remote; tmp: a folder of the fixture's own

Every release also makes the release kit (open data, offline bundle, sums) but, to save minutes, PDFs only
where a test reads them: conftest.ENV's SCOE_KIT_ONLY (no PDF), overridden per release by KIT_ONLY: 2026.2
carries the PDFs of SCOE-4.1, the publication that changed (edition A version 2, both languages).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from conftest import ENV, ROOT, copy_library, make

PREVIOUS, LATEST, PRE = "2026.1", "2026.2", "2026.3-rc.1"
KIT_ONLY = {"2026.2": "SCOE-4.1"}  # version -> the publications (comma list) whose PDFs its release makes
MARK = {"en": "Release marker for the second version.", "fr": "Marqueur de la deuxième version."}
PUB = "SCOE-4.1"
FOLDER = "publications/scoe-4-1-space-domain-coordination"
CHAPTER = f"{FOLDER}/chapter-2"
AMEND = {"en": ("Deconfliction means", "Deconfliction consists in"), "fr": ("Déconflicter, c'est", "Déconflicter consiste à")}
ADDED = {"en": "A paragraph added in the second version, on shared exercises.",
         "fr": "Un paragraphe ajouté dans la deuxième version, sur les exercices communs."}
RECORD = {"en": "Paragraph 2.2 clarified, 2.16 removed, a new paragraph 2.17.",
          "fr": "Paragraphe 2.2 précisé, 2.16 supprimé, nouveau paragraphe 2.17."}
GIT_ENV = {**ENV, "GIT_AUTHOR_NAME": "Release Test", "GIT_AUTHOR_EMAIL": "release@test.invalid",
           "GIT_COMMITTER_NAME": "Release Test", "GIT_COMMITTER_EMAIL": "release@test.invalid"}


def git(root: Path, *args: str) -> str:
    res = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=GIT_ENV)
    assert res.returncode == 0, f"git {' '.join(args)}: {res.stderr}"
    return res.stdout.strip()


def release(root: Path, version: str, **variables: str) -> subprocess.CompletedProcess:
    """`make release VERSION=…` as a release manager types it."""
    return make(root, "release", VERSION=version, timeout=1200, **variables)


def snapshot(root: Path) -> tuple[str, str]:
    """The branch's commit and its whole tree (names, modes and blob hashes): equal means byte-identical."""
    res = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "refs/heads/gh-pages"], cwd=root, capture_output=True, text=True)
    if res.returncode != 0:
        return ("", "")
    return res.stdout.strip(), git(root, "ls-tree", "-r", "gh-pages")


def record_translations(root: Path) -> bool:
    """Record every translated page of the copy as translated; True if all are then up to date. A page whose
    translation is pending or missing gets one (the source text), so the tests never depend on the state of
    the library's translations."""
    from scoelib import model, translation

    lib, _ = model.load(root)
    for st in translation.status(lib):
        if st.state in (translation.PENDING, translation.MISSING):
            source = root / st.source.rel
            text = re.sub(r"^translation: *pending *\n", "", source.read_text(encoding="utf-8"), count=1, flags=re.M)
            source.write_text(text, encoding="utf-8")
            (root / (st.source.rel.rsplit(".", 2)[0] + f".{st.lang}.md")).write_text(text, encoding="utf-8")
    lib, _ = model.load(root)
    for st in translation.status(lib):
        if st.state in (translation.STALE, translation.UNTRACKED):
            translation.record(lib, st.target.rel)
    lib, _ = model.load(root)
    return all(st.state == translation.UP_TO_DATE for st in translation.status(lib))


def add_paragraph(path: Path, text: str) -> None:
    body = path.read_text(encoding="utf-8")
    path.write_text(body.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


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


def released(res: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-4000:]
    return res


def kit(version: str) -> dict[str, str]:
    return {"SCOE_KIT_ONLY": KIT_ONLY[version]} if version in KIT_ONLY else {}


def make_releases(tmp: Path) -> dict:
    root = copy_library(tmp / "lib")
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (root / ".gitignore").write_text(".venv\nsite/\n__pycache__/\n", encoding="utf-8")
    assert record_translations(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "library")
    remote = tmp / "remote.git"
    git(tmp, "init", "-q", "--bare", str(remote))
    git(root, "remote", "add", "origin", str(remote))
    commits = {PREVIOUS: git(root, "rev-parse", "HEAD")}
    results = {PREVIOUS: released(release(root, PREVIOUS, **kit(PREVIOUS)))}
    first = snapshot(root)

    for lang in ("en", "fr"):
        add_paragraph(root / f"docs/about/index.{lang}.md", MARK[lang])
        edit_chapter(root, lang)
    assert record_translations(root)
    git(root, "commit", "-qam", "second version: chapter 2 of SCOE-4.1 changed, its version not raised")
    refused = release(root, LATEST)
    for lang in ("en", "fr"):
        bump_version(root, lang)
    assert record_translations(root)
    git(root, "commit", "-qam", "SCOE-4.1 version 2 recorded")
    commits[LATEST] = commits[PRE] = git(root, "rev-parse", "HEAD")
    results[LATEST] = released(release(root, LATEST, PUSH="1", **kit(LATEST)))
    pushed = git(root, "rev-parse", "gh-pages")
    results[PRE] = released(release(root, PRE, **kit(PRE)))

    www = tmp / "www"
    git(tmp, "clone", "-q", "--branch", "gh-pages", str(root), str(www))
    return {"root": root, "www": www, "previous": PREVIOUS, "latest": LATEST, "commits": commits, "results": results,
            "refused": refused, "first": first, "pushed": pushed, "remote": remote, "tmp": tmp}
