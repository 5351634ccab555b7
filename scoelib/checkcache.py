"""What `make check` read last time, kept between runs, as ruff and mypy keep theirs.

At 2000 pages, most of a check is reading the pages (front matter, headings, paragraphs) and searching
them for protective markings, and between two checks an author changes a page or two. `load` gives
`model.load(root, reuse=…)` the library as the last checks of this folder left it: the pages whose file
has the same stamp (modification time, size, inode, inode change time) as when a check read it, and whose
file was already older than that check's start (model.RACY_NS), are taken from it, with what the rules
worked out from their text alone (`Page.derived`); the others are read again. The result is the same as a
check without the cache (tests/test_checkcache.py compares them over the hostile battery).

The cache is an SQLite file per library folder, a row per page: a check writes the rows of the pages it
read again, not the whole library. It lives outside the library, in the user's cache folder
(`SCOE_CACHE_DIR`, else `$XDG_CACHE_HOME/scoe-check`, else `~/.cache/scoe-check`): nothing a pull request
carries can plant one. It is thrown away whole when the engine, Python or a parsing library changes
(`_engine`). A cache that cannot be read is ignored and written again; one that cannot be written is
skipped: the check itself never depends on it. Only `make check` uses it: the build, releases and CI read
every file.
"""

from __future__ import annotations

import hashlib
import os
import pickle  # noqa: S403 (the cache is written by this module, in the user's own cache folder)
import sqlite3
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Optional

from . import model
from .model import DATA_FIELDS, Library, Page, PageRead

FORMAT = 2
KEEP = 16  # cache files kept (one per library folder checked); the oldest beyond are removed


@dataclass
class Cached:
    """A library as the cache holds it (to pass as `model.load`'s `reuse`), and what its pages' `derived`
    held when read back (so that `save` writes again a page whose findings a rule worked out afresh)."""

    lib: Library
    derived: dict[str, dict[str, int]]


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
    return directory() / (hashlib.blake2b(str(Path(root).resolve()).encode(), digest_size=12).hexdigest() + ".sqlite")


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")  # a cache: one lost in a crash is rebuilt
    con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB)")
    con.execute("CREATE TABLE IF NOT EXISTS pages (rel TEXT PRIMARY KEY, read_at INTEGER, entry BLOB)")
    return con


def load(root: Path) -> Optional[Cached]:
    """The library as the last checks of `root` left it, or None."""
    path = _file(root)
    if not path.is_file():
        return None
    with model.gc_paused():  # a hundred thousand objects and no cycle to collect
        return _load(root, path)


def _load(root: Path, path: Path) -> Optional[Cached]:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = {key: pickle.loads(value) for key, value in con.execute("SELECT key, value FROM meta")}  # noqa: S301
            if meta.get("engine") != _engine() or meta.get("root") != str(Path(root).resolve()):
                return None
            lib = Library(Path(meta["root"]), meta["languages"])
            lib.read_at, lib.data_read, lib.derived = meta["read_at"], meta["data_read"], meta["derived"]
            for name in DATA_FIELDS:
                setattr(lib, name, meta["data"][name])
            derived: dict[str, dict[str, int]] = {}
            for rel, read_at, entry in con.execute("SELECT rel, read_at, entry FROM pages"):
                read: PageRead = pickle.loads(entry)  # noqa: S301
                if read.stamp[0] < read_at - model.RACY_NS:  # else modified just before that check read it: read again
                    lib.read[rel] = read
                    derived[rel] = _signature(read.page)
            return Cached(lib, derived)
        finally:
            con.close()
    except Exception:  # noqa: BLE001 - a damaged or foreign cache is no cache; the check reads every file
        return None


def save(lib: Library, cached: Optional[Cached]) -> None:
    """Write the rows of the pages `lib`'s load read again (or whose findings a rule worked out afresh), drop
    those of deleted pages; everything when there was no usable cache."""
    if cached is None:
        rows, gone = set(lib.read), None
    else:
        rows = set(lib.parsed) | {rel for rel, read in lib.read.items() if _signature(read.page) != cached.derived.get(rel)}
        gone = set(cached.lib.read) - set(lib.read)
    data = cached is None or lib.data_read is not cached.lib.data_read
    derived = cached is None or lib.derived.keys() != cached.lib.derived.keys() or any(
        lib.derived[k].keys() != cached.lib.derived[k].keys() for k in lib.derived if isinstance(lib.derived[k], dict))
    if not rows and not gone and not data and not derived:
        return
    meta: dict[str, Any] = {"engine": _engine(), "root": str(lib.root), "languages": lib.languages, "read_at": lib.read_at,
                            "data_read": lib.data_read, "derived": lib.derived}
    if data:
        meta["data"] = {name: getattr(lib, name) for name in DATA_FIELDS}
    path = _file(lib.root)
    for attempt in (1, 2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = _open(path)
            try:
                con.execute("BEGIN IMMEDIATE")
                if cached is None:
                    con.execute("DELETE FROM pages")
                    con.execute("DELETE FROM meta")
                con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in meta.items()])
                con.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)",
                                [(rel, lib.read_at, pickle.dumps(_entry(lib.read[rel]), protocol=pickle.HIGHEST_PROTOCOL))
                                 for rel in sorted(rows)])
                con.executemany("DELETE FROM pages WHERE rel = ?", [(rel,) for rel in sorted(gone or ())])
                con.execute("COMMIT")
            finally:
                con.close()
            _prune(path.parent)
            return
        except sqlite3.DatabaseError:
            if attempt == 1:  # not a database any more (cut short, overwritten): start it again
                path.unlink(missing_ok=True)
                cached = None
                rows, gone, data = set(lib.read), None, True
                meta["data"] = {name: getattr(lib, name) for name in DATA_FIELDS}
        except (OSError, sqlite3.Error, pickle.PicklingError):
            return  # no cache this time: the next check reads every file


def _signature(page: Optional[Page]) -> dict[str, int]:
    """What a page's `derived` holds (by identity): a rule that worked something out afresh changes it."""
    return {} if page is None else {k: id(v) for k, v in page.derived.items()}


def _entry(read: PageRead) -> PageRead:
    return PageRead(read.stamp, read.page.bare() if read.page is not None else None, read.diags)


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)
