"""What `make check` read last time, kept between runs, as ruff and mypy keep theirs.

At 2000 pages, most of a check is reading the pages (front matter, headings, paragraphs) and searching
them for protective markings, and between two checks an author changes one page or two. `load` gives
`model.load(root, reuse=…)` the library as the last check of this folder left it: the pages whose file
has the same stamp (modification time, size, inode, inode change time), already older than that check's
start, are taken from it, with the markings found in them; the others are read again. The result is the
same as a check without the cache (tests/test_checkcache.py compares them).

The cache lives outside the library, in the user's cache folder (`SCOE_CACHE_DIR`, else
`$XDG_CACHE_HOME/scoe-check`, else `~/.cache/scoe-check`): a file per library folder, written only when
something was read again. Nothing a pull request carries can plant one. It is thrown away whole when the
engine, Python or a parsing library changes (`_engine`). A cache that cannot be read is ignored; one that
cannot be written is skipped: the check itself never depends on it. Only `make check` uses it: the build,
releases and CI read every file.
"""

from __future__ import annotations

import copy
import hashlib
import os
import pickle  # noqa: S403 (the cache is written by this module, in the user's own cache folder)
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Optional

from .model import DATA_FIELDS, Library, PageRead

FORMAT = 1
KEEP = 16  # cache files kept (one per library folder checked); the oldest beyond are removed


def directory() -> Path:
    if os.environ.get("SCOE_CACHE_DIR"):
        return Path(os.environ["SCOE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scoe-check"


@lru_cache(maxsize=1)
def _engine() -> str:
    """What the cached pages depend on besides their files: this engine's code and data, Python, and the
    versions of the libraries that parse (PyYAML with or without libyaml, pydantic, Markdown)."""
    h = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yml", ".yaml") and path.is_file():
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    versions = [sys.version, str(FORMAT)]
    for dist in ("PyYAML", "pydantic", "pydantic-core", "Markdown"):
        try:
            versions.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist}=none")
    import yaml

    versions.append(f"libyaml={getattr(yaml, '__with_libyaml__', False)}")
    h.update("\n".join(versions).encode())
    return h.hexdigest()


def _file(root: Path) -> Path:
    return directory() / (hashlib.blake2b(str(Path(root).resolve()).encode(), digest_size=12).hexdigest() + ".pickle")


def load(root: Path) -> Optional[Library]:
    """The library as the last check of `root` left it (to pass as `model.load`'s `reuse`), or None."""
    try:
        with open(_file(root), "rb") as f:
            state = pickle.load(f)  # noqa: S301 (see the module's docstring)
        if not isinstance(state, dict) or state.get("engine") != _engine() or state.get("root") != str(Path(root).resolve()):
            return None
        lib = Library(Path(state["root"]), state["languages"])
        lib.read, lib.read_at, lib.data_read = state["read"], state["read_at"], state["data_read"]
        for name in DATA_FIELDS:
            setattr(lib, name, state["data"][name])
        lib.derived = state["derived"]
        return lib
    except Exception:  # noqa: BLE001 - a damaged or foreign cache is no cache; the check reads every file
        return None


def save(lib: Library, reused: Optional[Library]) -> None:
    """Keep what `lib`'s load read for the next check, unless it all came from `reused` (this cache)."""
    if reused is not None and not lib.parsed and lib.data_read is reused.data_read and lib.read.keys() == reused.read.keys():
        return
    state: dict[str, Any] = {
        "engine": _engine(), "root": str(lib.root), "languages": lib.languages, "read_at": lib.read_at, "data_read": lib.data_read,
        "read": {rel: PageRead(read.stamp, _bare(read.page), read.diags) for rel, read in lib.read.items()},
        "data": {name: getattr(lib, name) for name in DATA_FIELDS}, "derived": lib.derived,
    }
    folder = directory()
    tmp: Optional[str] = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=".tmp-", delete=False) as f:
            tmp = f.name
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _file(lib.root))
        tmp = None
        _prune(folder)
    except (OSError, pickle.PicklingError):
        pass  # no cache this time: the next check reads every file
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _bare(page: Any) -> Any:
    """A page as it was parsed, before its publication was known (what a reload starts from)."""
    if page is None:
        return None
    page = copy.copy(page)
    page.publication, page.chapter, page.paragraphs = None, None, []
    return page


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)
