"""The library as it was at its published versions, read from git without a checkout.

Every `make release VERSION=v` records the source commit it published as an annotated tag `release/v`
(`record_release`). Versions published before that tag existed are found in mike's commit messages on the
`gh-pages` branch ("Deployed <commit> to <version> with MkDocs …"). What is published, and which versions are
hidden, comes from the branch's `versions.json`.

`scoelib.model.load_previous` is the only caller that reads a past library: it extracts `docs/` and `data/` of
the commit into a temporary folder (`git archive`) and loads it with the ordinary loader. Nothing here
checks anything out or changes the working tree.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

TAG_PREFIX = "release/"
BRANCH = "gh-pages"
REMOTE = "origin"
SOURCES = ("docs", "data", "mkdocs.yml", "locales")  # what a past library is loaded from (languages: mkdocs.yml)
_DEPLOYED_RE = re.compile(r"^Deployed (?P<commit>[0-9a-f]{7,40}) to (?P<version>\S+)")

# Why a build has no previous version to compare with (shown plainly on the pages, never an error)
NO_GIT, NO_RELEASE, UNRECORDED, SHALLOW, UNREADABLE, FOUND = "no-git", "no-release", "unrecorded", "shallow", "unreadable", "found"


@dataclass(frozen=True)
class Release:
    version: str
    commit: Optional[str]  # the source commit it was built from; None when nothing records it
    hidden: bool = False
    aliases: tuple[str, ...] = ()


def git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess[Any]:
    """`git <args>` in `root`, its output captured (text, or bytes when `binary`)."""
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=not binary)


def is_repository(root: Path) -> bool:
    """True when `root` is the top of a git working tree (a library copied inside another repository, such
    as the benchmark's, has no history of its own)."""
    res = git(root, "rev-parse", "--show-toplevel")
    return res.returncode == 0 and Path(res.stdout.strip()).resolve() == Path(root).resolve()


def is_shallow(root: Path) -> bool:
    res = git(root, "rev-parse", "--is-shallow-repository")
    return res.returncode == 0 and res.stdout.strip() == "true"


def site_ref(root: Path, branch: str = BRANCH, remote: str = REMOTE) -> Optional[str]:
    """The published branch: the local one, else the remote-tracking one."""
    for ref in (f"refs/heads/{branch}", f"refs/remotes/{remote}/{branch}"):
        if git(root, "rev-parse", "--verify", "--quiet", ref).returncode == 0:
            return ref
    return None


def version_key(version: str) -> tuple[tuple[int, ...], tuple[int, str]]:
    """Order of versions: `2026.2` after `2026.1`, `2.10.0` after `2.9.0`, a pre-release before its release."""
    main, _, pre = version.partition("-")
    numbers = tuple(int(x) for x in re.findall(r"\d+", main.split("+")[0]))
    return numbers, (0, pre) if pre else (1, "")


def tags(root: Path) -> dict[str, str]:
    """version -> commit, from the `release/<version>` tags (annotated or not)."""
    res = git(root, "for-each-ref", f"refs/tags/{TAG_PREFIX}", "--format=%(refname:lstrip=3) %(objectname) %(*objectname)")
    out: dict[str, str] = {}
    for line in res.stdout.splitlines() if res.returncode == 0 else []:
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0]] = parts[2] if len(parts) > 2 else parts[1]  # an annotated tag's commit is its *object
    return out


def releases(root: Path, branch: str = BRANCH, remote: str = REMOTE) -> list[Release]:
    """Every published version with the commit it was built from, in versions.json's order (newest first)."""
    ref = site_ref(root, branch, remote)
    if ref is None:
        return []
    res = git(root, "show", f"{ref}:versions.json")
    try:
        listed = json.loads(res.stdout) if res.returncode == 0 and res.stdout.strip() else []
    except json.JSONDecodeError:
        listed = []
    tagged = tags(root)
    deployed: dict[str, str] = {}
    if any(str(v.get("version")) not in tagged for v in listed):  # older releases: mike's commit messages
        log = git(root, "log", "--format=%s", ref)
        for line in log.stdout.splitlines() if log.returncode == 0 else []:
            m = _DEPLOYED_RE.match(line)
            if m:
                deployed.setdefault(m.group("version"), m.group("commit"))  # the newest deployment of it
    out = []
    for v in listed:
        version = str(v.get("version"))
        hidden = bool((v.get("properties") or {}).get("hidden")) if isinstance(v.get("properties"), dict) else False
        out.append(Release(version, tagged.get(version) or deployed.get(version), hidden, tuple(v.get("aliases") or ())))
    return out


def previous(all_releases: list[Release], current: Optional[str]) -> Optional[Release]:
    """The latest published, non-hidden version older than `current` (any, for a plain build)."""
    candidates = [r for r in all_releases if not r.hidden and r.version != current
                  and (current is None or version_key(r.version) < version_key(current))]
    return max(candidates, key=lambda r: version_key(r.version), default=None)


def readable(root: Path, commit: str) -> bool:
    return git(root, "cat-file", "-e", f"{commit}^{{commit}}").returncode == 0


def extract(root: Path, commit: str, dest: Path) -> None:
    """`docs/`, `data/` and `mkdocs.yml` (its languages) as they were at `commit`, written under `dest` (git
    archive, no checkout).
    Raises OSError with git's message when the commit cannot be read."""
    listing = git(root, "ls-tree", "--name-only", commit)
    if listing.returncode != 0:
        raise OSError(listing.stderr.strip() or f"git ls-tree {commit} failed")
    present = [s for s in SOURCES if s in listing.stdout.split("\n")]
    if "docs" not in present:
        raise OSError(f"commit {commit[:10]} has no docs/ folder")
    res = git(root, "archive", "--format=tar", commit, "--", *present, binary=True)
    if res.returncode != 0:
        raise OSError(res.stderr.decode("utf-8", "replace").strip() or f"git archive {commit} failed")
    with tarfile.open(fileobj=io.BytesIO(res.stdout)) as tar:
        tar.extractall(dest, filter="data")  # regular files and folders only, nothing outside dest


def record_release(root: Path, version: str, commit: str = "HEAD") -> Optional[str]:
    """Tag the published commit `release/<version>` (annotated; moved when a version is re-deployed).
    Returns an error message, or None."""
    res = git(root, "tag", "--force", "--annotate", "--message", f"Published as version {version} of the library",
              f"{TAG_PREFIX}{version}", commit)
    return None if res.returncode == 0 else (res.stderr.strip() or f"git tag exited {res.returncode}")
