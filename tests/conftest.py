"""Shared fixtures: the real library, temporary copies of it, and the two commands authors run."""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")
MINIMAL = Path(__file__).parent / "sites" / "minimal"  # the tiny library the rules are tested on, one by one
CH1_EN = "docs/publications/scoe-9-test/chapter-1.en.md"
CH1_FR = "docs/publications/scoe-9-test/chapter-1.fr.md"
IDX_EN = "docs/publications/scoe-9-test/index.en.md"
IDX_FR = "docs/publications/scoe-9-test/index.fr.md"

# What a copy of the library needs to check and build exactly like the real one.
COPIED = ["docs", "data", "overrides", "scoelib", "mkdocs.yml", "pyproject.toml", "Makefile", "requirements.txt",
          "requirements-test.txt", "safety-allowlist.yml"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
ENV.pop("GITHUB_ACTIONS", None)
# every `make release` also makes the release kit (scoelib/kit); the tests' releases make its data, bundle
# and sums but no PDF ("none" names no publication): test_kit.py and browser/test_bundle.py cover the PDFs
ENV.setdefault("SCOE_KIT_ONLY", "none")


def copy_library(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A private copy of the whole library, to break on purpose."""
    return copy_library(tmp_path / "lib")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A private copy of the minimal library (tests/sites/minimal), to break on purpose."""
    root = tmp_path / "mini"
    shutil.copytree(MINIMAL, root)
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first `old` of a file by `new`; `old` must be there."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def put(root: Path, rel: str, text: str | bytes) -> Path:
    """Write a file (text in UTF-8, or bytes), creating its folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def run(root: Path) -> list:
    """What `make check` finds in the library at `root`, in process: loading the model, then every rule."""
    from scoelib import diagnostics, model, rules

    lib, diags = model.load(root)
    return diagnostics.sort(diags + rules.check(lib))


def problems(root: Path, min_severity=None) -> list:
    """run()'s findings of at least that severity (warnings and errors by default)."""
    from scoelib.diagnostics import Severity

    return [d for d in run(root) if d.severity >= (min_severity or Severity.WARNING)]


def make(root: Path, *targets: str, timeout: int = 300, **variables: str) -> subprocess.CompletedProcess:
    args = ["make", "--no-print-directory", "-C", str(root), *targets, *(f"{k}={v}" for k, v in variables.items())]
    return subprocess.run(args, capture_output=True, text=True, env=ENV, timeout=timeout)


def check(root: Path) -> subprocess.CompletedProcess:
    return make(root, "check")


def build(root: Path, site: Path | None = None) -> subprocess.CompletedProcess:
    return make(root, "build", SITE=str(site or (root / "site")))


def shared(tmp_path_factory, name: str, make_it: Callable[[Path], T]) -> T:
    """What a session fixture makes, made once for the whole run: under pytest-xdist each worker has a
    session of its own and would build the same site or releases again. The first worker to ask makes it
    (in a new folder of the run's temporary folder, under a lock); the others wait for it if it is being
    made, then read what it returned (pickled). Fixtures made this way are read, never changed."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make_it(tmp_path_factory.mktemp(name))
    base = tmp_path_factory.getbasetemp().parent  # the run's folder, the same for every worker
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = base / f"{name}.pickle"
        if done.exists():
            return pickle.loads(done.read_bytes())  # noqa: S301 (written just now by this run)
        result = make_it(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base)))  # a failed attempt leaves its own folder
        done.write_bytes(pickle.dumps(result))
        return result


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real library built strictly once for the whole run."""

    def make_site(out: Path) -> Path:
        res = build(ROOT, out)
        assert res.returncode == 0, res.stdout + res.stderr
        return out

    return shared(tmp_path_factory, "site", make_site)


def break_first_paragraph(root: Path, rel: str, target: str) -> tuple[int, int]:
    """Append `See [[target]].` to the first line of the page's first numbered paragraph; return the line
    and column where the finding must be reported."""
    from scoelib import model

    lib, _ = model.load(root)
    page = next(p for p in lib.pages.values() if p.rel == rel)
    line_no = page.paragraphs[0].line
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    column = len(lines[line_no - 1]) + len(" See ") + 1
    lines[line_no - 1] += f" See [[{target}]]."
    path.write_text("\n".join(lines), encoding="utf-8")
    return line_no, column


@pytest.fixture(scope="session")
def edited(tmp_path_factory) -> tuple[Path, Path]:
    """One copy of the library with the edits of several tests (tests/edited.py), built strictly once: (the
    copy, its site)."""
    from edited import make_edited

    return shared(tmp_path_factory, "edited", make_edited)


@pytest.fixture(scope="session")
def release_kit(tmp_path_factory) -> dict:
    """The real library built with its release kit (`make bundle`) for one publication, SCOE-2.1: its two PDFs,
    data/library.json, the offline bundle and SHA256SUMS. Built once for the run."""

    def make_kit(tmp: Path) -> dict:
        env = {**ENV, "SCOE_KIT": "bundle", "SCOE_KIT_VERSION": "2026.1", "SCOE_KIT_ONLY": "SCOE-2.1", "SCOE_KIT_DIST": str(tmp / "dist")}
        res = subprocess.run([str(ROOT / ".venv/bin/mkdocs"), "build", "--strict", "--site-dir", str(tmp / "site")],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-4000:]
        return {"site": tmp / "site", "dist": tmp / "dist", "tmp": tmp}

    return shared(tmp_path_factory, "kit", make_kit)


@pytest.fixture(scope="session")
def releases(tmp_path_factory) -> dict:
    """Real releases of the library made once for the session, 2026.1 then 2026.2 with known changes (and a
    hidden pre-release): what tests/releases.py says, shared by the release, what-changed and browser tests."""
    from releases import make_releases

    return shared(tmp_path_factory, "releases", make_releases)
