"""The model of the library, built once from the sources: pages, publications, glossary, registry.

`load(root)` reads every file exactly once and returns a `Library` together with the problems found
while reading (bad encoding, bad front matter, missing titles, schema errors). It also reads what the
rules and the renderer would otherwise fetch themselves: the safety allow-list (`Library.allowlist`) and,
from git, when each source page that a translation lags behind last changed (`Library.changed`; no git
command at all when every translation is current). Validators in `scoelib.rules` and the renderer then
run over the model; nothing reads the disk or git again (tests/test_model_io.py).

The languages come from the site's configuration (`scoelib.config`, mkdocs.yml's i18n languages): the
default one is the reference every other language translates. The interface strings of each language
(`scoelib.ui.Catalogue`) are loaded here too, with the site's own `locales/<language>.yml` if it has any.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import functools
import gc
import hashlib
import os
import re
import stat
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional

from pydantic import BaseModel, ValidationError

from . import codes, config, history, mdscan, registry, ui, yamlutil
from .diagnostics import Diagnostic
from .schema import PUBLICATION_PLACEHOLDERS, ChapterMeta, Custodian, Designations, GlossaryEntry, PublicationMeta, StandardEntry

if TYPE_CHECKING:
    from . import translation

# What load() reports (a producer of diagnostics, not a rule: see scoelib/registry.py)
registry.producer("model.load", codes.LD001, codes.LD002, codes.LD003, codes.LD004, codes.LD005, codes.LD006, codes.LD007,
                  codes.LD008, codes.LD009, codes.FM001, codes.FM002, codes.FM003, codes.FM004, codes.FM008, codes.FM009,
                  codes.GL001, codes.GL006, codes.SR001, codes.SR002, codes.TR008, codes.LD010, codes.LD011, codes.LD012, codes.SF008,
                  codes.SF009)

MAX_PAGE_BYTES = 256_000  # the largest page of the library is about 30 kB
MAX_ASSET_BYTES = 5_000_000
# What may live under docs/ (an allow-list): pages, and the site's own assets and images. Anything else
# would be published as it is, unchecked; it is refused (SF009). Names starting with a dot are not
# published by MkDocs and are skipped.
TEXT_ASSETS = frozenset({"css", "js", "svg"})
BINARY_ASSETS = frozenset({"png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff2"})
PAGE_NAME_RE = re.compile(r"^(?P<stem>[a-z0-9]+(?:[-_][a-z0-9]+)*)\.(?P<lang>[a-z]{2,3}(?:_[A-Z]{2})?)\.md$")
LOCALES = "locales"  # a site's own catalogue files: locales/<language>.yml
CHAPTER_RE = re.compile(r"^chapter-(?P<n>\d+)$")
GENERATED_BLOCK_RE = re.compile(r"<!-- codes: generated .*?<!-- end of codes -->", re.S)  # scoelib.codestable


@dataclass
class Paragraph:
    number: str  # "2.37"
    chapter: int
    index: int  # 37
    line: int  # file line of the number
    end_line: int  # last file line of the paragraph
    text: str  # source text of the paragraph (for fingerprints)
    dot: bool = False  # written `2.2.` with a dot after the number (PA007); read as 2.2 for every other check

    @functools.cached_property
    def fingerprint(self) -> str:
        return fingerprint(self.text, 8)


@dataclass
class Page:
    rel: str  # "docs/publications/x/chapter-1.en.md"
    key: str  # "publications/x/chapter-1" (the same in every language)
    lang: str
    text: str
    meta: dict[str, Any]
    meta_yaml: Optional[yamlutil.Located]
    body_start: int  # file line (1-based) of the first body line
    body: str
    masked: str
    title: Optional[str] = None
    title_line: int = 1
    headings: list[mdscan.Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    publication: Optional["Publication"] = None
    chapter: Optional[int] = None
    meta_error: bool = False  # the front matter did not parse (LD003): checks that need it are held back
    # chapter number -> its numbered paragraphs, worked out once per text (shared by the copies a reload makes)
    numbered: dict[int, list[Paragraph]] = field(default_factory=dict, repr=False, compare=False)
    # what rules work out from this text alone (protective markings, typography, active content, avoided
    # terms), kept as long as the page is: shared by the copies a reload makes, saved with the check cache
    # (scoelib.checkcache)
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def bare(self) -> "Page":
        """A copy of the page as it was parsed, before its publication was known: what a reload (and the check
        cache) starts from; it shares what was worked out from the text."""
        page = copy.copy(self)
        page.publication, page.chapter, page.paragraphs = None, None, []
        return page

    def derive(self, name: str, make: Callable[["Page"], Any]) -> Any:
        """`make(page)`, worked out once per text and kept in `derived` under `name`."""
        if name not in self.derived:
            self.derived[name] = make(self)
        return self.derived[name]

    def __copy__(self) -> "Page":
        """A shallow copy that shares everything (`copy.copy` would go through `__getstate__`)."""
        new = object.__new__(Page)
        new.__dict__.update(self.__dict__)
        return new

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (the check cache) without `body` and, where it is the same as the body, `masked`: worked out
        again from `text` when unpickled (they were two thirds of a pickled page)."""
        state = self.__dict__.copy()
        del state["body"]
        state["masked"] = None if self.masked == self.body else self.masked
        state["paragraphs"] = [] if self.paragraphs is self.numbered.get(self.chapter or 0) else self.paragraphs
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        parts = self.text.split("\n", self.body_start - 1)  # the body: the text from line `body_start` on
        self.body = parts[-1] if len(parts) == self.body_start else ""
        if self.masked is None:
            self.masked = self.body
        if not self.paragraphs and self.chapter in self.numbered:
            self.paragraphs = self.numbered[self.chapter]

    @property
    def anchors(self) -> set[str]:
        return {h.anchor for h in self.headings} | {p.number for p in self.paragraphs} | self.html_ids

    @functools.cached_property
    def html_ids(self) -> frozenset[str]:
        """The `id="…"` the author wrote in HTML (the text never changes once parsed; remembered)."""
        return frozenset(mdscan.HTML_ID_RE.findall(self.masked))

    @property
    def is_index(self) -> bool:
        return self.key == "index" or self.key.endswith("/index")

    def line_of_key(self, key: str) -> int:
        return self.meta_yaml.line((key,)) if self.meta_yaml else 1

    @functools.cached_property
    def fingerprint(self) -> str:
        # a block the build generates in both languages at once (the guide's table of codes) is no text to translate
        text = GENERATED_BLOCK_RE.sub("", self.text) if "<!-- codes: generated" in self.text else self.text
        return fingerprint(text, 12)


def page_url(key: str, lang: str, default_lang: str) -> str:
    """Site-relative URL with directory URLs: "fr/publications/x/chapter-1/" (the default language at the root)."""
    path = "" if key == "index" else (key[: -len("/index")] + "/" if key.endswith("/index") else key + "/")
    return (f"{lang}/" if lang != default_lang else "") + path


def fingerprint(text: str, size: int) -> str:
    normal = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:size]


@dataclass
class Publication:
    id: str
    folder: str  # "publications/x"
    meta: dict[str, PublicationMeta]  # by language
    index: dict[str, Page]
    default_lang: str  # the reference language: its metadata and paragraphs are the publication's
    chapters: dict[int, dict[str, Page]] = field(default_factory=dict)

    @property
    def source(self) -> PublicationMeta:
        """The metadata in the default language (in another one if the default page is broken)."""
        return self.meta.get(self.default_lang) or next(iter(self.meta.values()))

    def meta_in(self, lang: str) -> PublicationMeta:
        return self.meta.get(lang) or self.source

    @property
    def edition_label(self) -> str:
        return f"{self.id}({self.source.edition})"

    def paragraph(self, number: str) -> Optional[tuple[int, Paragraph]]:
        """The chapter and paragraph with this number ("2.37"), from the default language's text."""
        if not re.match(r"^\d+\.\d+$", number):
            return None
        chapter = int(number.split(".")[0])
        pages = self.chapters.get(chapter, {})
        page = pages.get(self.default_lang) or next(iter(pages.values()), None)
        found = next((p for p in page.paragraphs if p.number == number), None) if page else None
        return (chapter, found) if found else None

    def paragraph_numbers(self) -> list[str]:
        out = []
        for n in sorted(self.chapters):
            page = self.chapters[n].get(self.default_lang) or next(iter(self.chapters[n].values()))
            out += [p.number for p in page.paragraphs]
        return out


@dataclass
class SourceFile:
    """A file under docs/ that is not a page, as published: its bytes are checked before anything is."""

    rel: str  # "docs/assets/scoe.css"
    ext: str  # "css", lower case
    data: bytes

    @property
    def is_text(self) -> bool:
        return self.ext in TEXT_ASSETS


@dataclass
class Library:
    root: Path
    languages: config.Languages = field(default_factory=config.single)
    catalogue: ui.Catalogue = field(default_factory=lambda: ui.Catalogue([]))
    pages: dict[tuple[str, str], Page] = field(default_factory=dict)  # (key, lang) -> page
    publications: dict[str, Publication] = field(default_factory=dict)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    glossary_lines: dict[str, int] = field(default_factory=dict)  # entry id -> line
    glossary_yaml: Optional[yamlutil.Located] = None
    standards: list[StandardEntry] = field(default_factory=list)
    standards_lines: dict[str, int] = field(default_factory=dict)
    custodians: dict[str, Custodian] = field(default_factory=dict)
    raw_data: dict[str, str] = field(default_factory=dict)  # rel path -> text of the data files
    data_yaml: dict[str, yamlutil.Located] = field(default_factory=dict)  # rel path -> parsed data file
    assets: list[SourceFile] = field(default_factory=list)  # every other published file under docs/
    # lines of the data files that this branch adds or changes (git), so that a clash between an entry
    # just written and an old one is reported at the new one
    new_lines: dict[str, set[int]] = field(default_factory=dict)
    codeowners: Optional[str] = None  # text of .github/CODEOWNERS, generated from the custodians (FM010)
    unreadable: set[str] = field(default_factory=set)  # data files that did not parse: what needs them is held back
    allowlist: Optional[str] = None  # the text of the safety allow-list, if the library has one
    # when each source page whose translations record an older text last changed (git, else the file's time)
    changed: dict[str, dt.date] = field(default_factory=dict)
    statuses: Optional[list["translation.Status"]] = None  # translation.status(), computed once
    # what load() read of each page file and when (`load(root, reuse=…)` parses again only the files that changed)
    read: dict[str, "PageRead"] = field(default_factory=dict, repr=False, compare=False)
    read_at: int = 0  # time.time_ns() when that load started
    parsed: set[str] = field(default_factory=set)  # the page files that load parsed (the others were taken from `reuse`)
    # what rules work out from the data files' and assets' texts, by digest (taken on from `reuse` like the pages)
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # the data files' stamps, and the problems loading them found (reused like the pages)
    data_read: Optional[tuple[list[tuple[str, int, int, int, int]], tuple[Diagnostic, ...]]] = None

    GLOSSARY = "data/glossary.yml"
    STANDARDS = "data/standards.yml"
    CUSTODIANS = "data/custodians.yml"
    ALLOWLIST = "safety-allowlist.yml"

    def page(self, key: str, lang: str) -> Optional[Page]:
        return self.pages.get((key, lang))

    def keys(self) -> list[str]:
        return sorted({k for k, _ in self.pages})

    @property
    def default_lang(self) -> str:
        return self.languages.default

    def url(self, key: str, lang: str) -> str:
        return page_url(key, lang, self.languages.default)


@dataclass(frozen=True)
class PageRead:
    """One page file as a load read it: its stamp, the page as parsed (before its publication is known) and
    the problems parsing found. A later `load(root, reuse=lib)` takes it again while the stamp is unchanged."""

    stamp: tuple[int, int, int, int]  # modification time (ns), size, inode, inode change time (ns)
    page: Optional[Page]
    diags: tuple[Diagnostic, ...]


# ---------------------------------------------------------------------------------------------------
# Loading


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading and checking create about a million small objects and no garbage cycles worth collecting:
    the cyclic garbage collector would walk them over and over for nothing (a tenth of `make check`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# A file modified less than this before the load that read it is read again next time, whatever its stamp:
# file times come from a coarse clock, and a save in the same tick as the read keeps size and time (git's
# "racy" files).
RACY_NS = 2_000_000_000


def load(root: Path, reuse: Optional[Library] = None) -> tuple[Library, list[Diagnostic]]:
    """The library under `root` and the problems found reading it. With `reuse` (the same library loaded
    earlier: `make serve` at each save, or `make check`'s cache), the pages whose file has the same stamp
    (modification time, size, inode, inode change time) are taken from it instead of parsed again; the
    result is the same as a load without it."""
    with gc_paused():
        return _load(root, reuse)


def _load(root: Path, reuse: Optional[Library] = None) -> tuple[Library, list[Diagnostic]]:
    started = time.time_ns()
    root = Path(root).resolve()
    diags: list[Diagnostic] = []
    try:
        languages = config.load(root)
    except config.ConfigError as exc:
        diags.append(Diagnostic(config.CONFIG_FILE, 1, 1, codes.LD003, str(exc), hint="Fix mkdocs.yml: `make build` reads it too."))
        languages = config.single()
    lib = Library(root, languages, _load_catalogue(root, languages, diags), read_at=started)
    if reuse is not None and reuse.root == root and reuse.languages == languages:
        lib.derived = dict(reuse.derived)  # a copy: what the rules replace in it, `reuse` keeps as it was
    known = reuse.read if reuse is not None and reuse.root == root and reuse.languages == languages else {}
    settled = (reuse.read_at if reuse is not None else 0) - RACY_NS
    for path in inventory(root, diags):
        if path.name.lower().endswith(".md"):
            rel = _rel(root, path)
            page = _read_page(lib, path, rel, known.get(rel), settled, diags)
            if page is not None:
                lib.pages[(page.key, page.lang)] = page
        else:
            _load_asset(lib, path, diags)
    _load_publications(lib, diags)
    _load_data(lib, reuse, settled, diags)
    lib.new_lines = changed_lines(root, [Library.GLOSSARY])
    owners = root / ".github" / "CODEOWNERS"
    lib.codeowners = owners.read_text(encoding="utf-8") if owners.is_file() else None
    if (root / Library.ALLOWLIST).is_file():
        lib.allowlist = read_text(root, root / Library.ALLOWLIST, diags)
    lib.changed = change_dates(root, _changed_sources(lib))
    return lib, diags


def changed_lines(root: Path, rels: list[str]) -> dict[str, set[int]]:
    """The lines of `rels` added or changed since the branch left `main` (or since the last commit on
    `main` itself), committed or not. Empty outside git. One git command for all files."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    base = None
    head = (git("rev-parse", "HEAD") or "").strip()
    for ref in ("origin/main", "main"):
        base = (git("merge-base", "HEAD", ref) or "").strip() or None
        if base and base != head:
            break
    diff = git("diff", "--unified=0", "--no-color", base or "HEAD", "--", *rels)
    out: dict[str, set[int]] = {}
    current = None
    for line in (diff or "").splitlines():
        if line.startswith("+++ "):
            current = line[6:] if line.startswith("+++ b/") else None
        elif line.startswith("@@") and current:
            m = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or 1)
                out.setdefault(current, set()).update(range(start, start + count))
    return out


def _changed_sources(lib: Library) -> list[str]:
    """The default language's pages that changed since one of their translations recorded them."""
    out = []
    for (key, lang), page in lib.pages.items():
        if lang != lib.languages.default:
            continue
        for other in lib.languages.others:
            translated = lib.pages.get((key, other))
            record = translated.meta.get("translated_from") if translated is not None else None
            if isinstance(record, dict) and "fingerprint" in record and record["fingerprint"] != page.fingerprint:
                out.append(page.rel)
                break
    return sorted(out)


def change_dates(root: Path, rels: list[str]) -> dict[str, dt.date]:
    """Date of the last change of each file: git's last commit date if the file is committed and unchanged
    since, else the file's modification time. Three git commands for all the files, none if there are none."""
    dates: dict[str, dt.date] = {}
    if not rels:
        return dates

    def git(*args: str) -> str | None:
        res = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
        return res.stdout if res.returncode == 0 else None

    try:
        top = git("rev-parse", "--show-toplevel")
        if top:
            # git names files from the top of the repository; the library may sit below it
            prefix = Path(root).resolve().relative_to(Path(top.strip()).resolve()).as_posix()
            prefix = "" if prefix == "." else prefix + "/"
            status_out = git("status", "--porcelain", "-z", "--untracked-files=all", "--", *rels) or ""
            dirty = {entry[3:] for entry in status_out.split("\0") if len(entry) > 3}
            clean = [r for r in rels if prefix + r not in dirty]
            log = git("log", "--format=%x01%cs", "--name-only", "--", *clean) if clean else None
            wanted = {prefix + r: r for r in clean}
            for commit in (log or "").split("\x01")[1:]:
                day, *names = commit.strip().split("\n")
                for name in names:
                    rel = wanted.get(name.strip())
                    if rel and rel not in dates and re.match(r"^\d{4}-\d{2}-\d{2}$", day):
                        dates[rel] = dt.date.fromisoformat(day)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    for rel in rels:
        if rel not in dates:
            dates[rel] = dt.date.fromtimestamp((root / rel).stat().st_mtime)
    return dates


def _load_catalogue(root: Path, languages: config.Languages, diags: list[Diagnostic]) -> ui.Catalogue:
    """The interface strings of the configured languages: the package's, and the site's `locales/` files."""
    site: dict[str, tuple[str, str]] = {}
    for lang in languages:
        path = root / LOCALES / f"{lang}.yml"
        if path.is_file():
            text = read_text(root, path, diags)
            if text is not None:
                site[lang] = (_rel(root, path), text)
    try:
        return ui.Catalogue(languages, site)
    except ui.CatalogueError as exc:
        diags.append(Diagnostic(exc.rel, exc.line, 1, codes.TR008, exc.message,
                                hint="Each line of a catalogue is `key: text`; quote a text that contains `: ` or starts with a quote."))
        return ui.Catalogue(languages, {k: v for k, v in site.items() if v[0] != exc.rel})


def inventory(root: Path, diags: list[Diagnostic]) -> list[Path]:
    """Every regular file MkDocs would publish from docs/, sorted. Symbolic links (to files or folders,
    broken or not) are refused and never followed (SF008); named pipes, sockets and devices are refused
    and never opened (LD011); files of a type the library does not publish are refused (SF009)."""
    docs = root / "docs"
    found: list[Path] = []

    def walk_error(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else docs
        diags.append(Diagnostic(_rel(root, where), 1, 1, codes.LD011, f"the folder cannot be read ({exc.strerror})"))

    for folder, dirs, files in os.walk(docs, followlinks=False, onerror=walk_error):
        here = Path(folder)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                _symlink(root, here / name, diags)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(files):
            if name.startswith("."):
                continue  # MkDocs does not publish dot files
            path = here / name
            try:
                mode = os.lstat(path).st_mode
            except OSError as exc:
                diags.append(Diagnostic(_rel(root, path), 1, 1, codes.LD011, f"the file cannot be read ({exc.strerror})"))
                continue
            if stat.S_ISLNK(mode):
                _symlink(root, path, diags)
            elif not stat.S_ISREG(mode):
                diags.append(Diagnostic(_rel(root, path), 1, 1, codes.LD011,
                                        "this is not an ordinary file (a named pipe, socket or device)",
                                        hint="Remove it: docs/ holds pages and the site's own files only."))
            elif name.lower().endswith(".md") or name.rpartition(".")[2].lower() in TEXT_ASSETS | BINARY_ASSETS:
                found.append(path)
            else:
                diags.append(Diagnostic(_rel(root, path), 1, 1, codes.SF009, f"`{name}` is not a kind of file the library publishes",
                                        hint="docs/ holds pages (`name.en.md`, `name.fr.md`) and the site's own assets: "
                                             "CSS, JavaScript, SVG, PNG, JPEG, GIF, WebP, AVIF, ICO, WOFF2. "
                                             "Move other files out of docs/."))
    return found


def _symlink(root: Path, path: Path, diags: list[Diagnostic]) -> None:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    diags.append(Diagnostic(_rel(root, path), 1, 1, codes.SF008,
                            f"`{path.name}` is a symbolic link (to `{target}`); the library publishes no links",
                            hint="Replace the link by the file itself, committed under docs/."))


def _load_asset(lib: Library, path: Path, diags: list[Diagnostic]) -> None:
    rel = _rel(lib.root, path)
    try:
        size = path.stat().st_size
        if size > MAX_ASSET_BYTES:
            diags.append(Diagnostic(rel, 1, 1, codes.LD008, f"the file is {size // 1000} kB; the limit is {MAX_ASSET_BYTES // 1000} kB",
                                    hint="Reduce the image or font; the site must stay light for closed networks."))
            return
        data = path.read_bytes()
    except OSError as exc:
        diags.append(Diagnostic(rel, 1, 1, codes.LD011, f"the file cannot be read ({exc.strerror})"))
        return
    lib.assets.append(SourceFile(rel, path.name.rpartition(".")[2].lower(), data))


def _read_page(lib: Library, path: Path, rel: str, before: Optional[PageRead], settled: int, diags: list[Diagnostic]) -> Optional[Page]:
    """A page file: parsed, or taken from the last load (`before`) if its stamp is the same and was already
    older than `settled` then. A page taken again is a copy, without its publication, chapter and paragraphs
    (this load sets them afresh), with what was worked out from its text alone (references, fingerprint)."""
    try:
        st = path.stat()
        stamp: Optional[tuple[int, int, int, int]] = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
    except OSError:
        stamp = None
    if before is None or stamp != before.stamp or before.stamp[0] >= settled:
        found: list[Diagnostic] = []
        page = _load_page(lib.root, path, lib.languages, found)
        lib.parsed.add(rel)
        diags += found
        if stamp is not None:
            lib.read[rel] = PageRead(stamp, page, tuple(found))
        return page
    diags += before.diags
    page = before.page.bare() if before.page is not None else None
    lib.read[rel] = PageRead(before.stamp, page, before.diags)  # the next load copies this one
    return page


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def read_text(root: Path, path: Path, diags: list[Diagnostic], *, max_bytes: int | None = None) -> Optional[str]:
    rel = _rel(root, path)
    try:
        if not path.is_file() or path.is_symlink():
            diags.append(Diagnostic(rel, 1, 1, codes.LD011, "this is not an ordinary file (a folder, a link, a named pipe)"))
            return None
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:  # refused by its size, before reading it
            return decode(rel, b"", diags, max_bytes=max_bytes, size=size)
        data = path.read_bytes()
    except OSError as exc:
        diags.append(Diagnostic(rel, 1, 1, codes.LD011, f"the file cannot be read ({exc.strerror})"))
        return None
    return decode(rel, data, diags, max_bytes=max_bytes)


def decode(rel: str, data: bytes, diags: list[Diagnostic], *, max_bytes: int | None = None, size: int | None = None) -> Optional[str]:
    """The text of a file's bytes (UTF-8, BOM and CRLF removed), or None with LD001/LD002/LD008. `size`: the file's,
    when it is refused by its size without being read."""
    size = len(data) if size is None else size
    if max_bytes is not None and size > max_bytes:
        diags.append(Diagnostic(rel, 1, 1, codes.LD008, f"the page is {size // 1000} kB; the limit is {max_bytes // 1000} kB",
                                hint="Split it into chapters; no page of the library comes near the limit."))
        return None
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        col = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        diags.append(Diagnostic(rel, line, col, codes.LD002, "the file contains a NUL byte (an invisible binary character)"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.append(
            Diagnostic(rel, line, col, codes.LD001,
                       f"byte 0x{data[exc.start]:02x} is not valid UTF-8 (the file was probably saved as Latin-1 or Windows-1252)")
        )
        return None
    return text.lstrip("\ufeff").replace("\r\n", "\n")


def _load_page(root: Path, path: Path, languages: config.Languages, diags: list[Diagnostic]) -> Optional[Page]:
    rel = _rel(root, path)
    m = PAGE_NAME_RE.match(path.name)
    if not m or m.group("lang") not in languages:
        names = " and ".join(f"`name.{lang}.md`" for lang in languages)
        diags.append(
            Diagnostic(rel, 1, 1, codes.LD007, f"`{path.name}` is not a page name the library accepts"
                       + (f" (`{m.group('lang')}` is not one of its languages: {', '.join(languages)})" if m else "")
                       + (" (the extension must be `.md`, in lower case)" if path.name.endswith((".MD", ".Md", ".mD")) else ""),
                       hint=f"Name pages {names}: lowercase letters, digits and hyphens, then the language.")
        )
        return None
    folder = path.parent.relative_to(root / "docs").as_posix()
    bad_folder = [part for part in folder.split("/") if part not in (".", "") and not re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", part)]
    if bad_folder:
        diags.append(Diagnostic(rel, 1, 1, codes.LD007, f"the folder name `{bad_folder[0]}` has capitals, spaces or accents",
                                hint="Use lowercase letters, digits and hyphens in folder names; they become web addresses."))
        return None
    text = read_text(root, path, diags, max_bytes=MAX_PAGE_BYTES)
    if text is None:
        return None
    key = (m.group("stem") if folder in (".", "") else f"{folder}/{m.group('stem')}")
    return parse_page(rel, key, m.group("lang"), text, diags)


def parse_page(rel: str, key: str, lang: str, text: str, diags: list[Diagnostic]) -> Page:
    """A page from its text (front matter, body, headings); its paragraphs are set with its publication's."""
    fm, body_index = mdscan.split_front_matter(text)
    meta: dict[str, Any] = {}
    located = None
    meta_error = False
    if fm is not None:
        try:
            located = yamlutil.load(fm.text, line_offset=fm.start_line)
            located.first_line = fm.start_line  # a missing key is reported on the opening `---`
            if located.data is None:
                located.data = {}
            if not isinstance(located.data, dict):
                diags.append(Diagnostic(rel, 2, 1, codes.LD003, "the front matter must be `key: value` lines",
                                        hint="Write each setting as `key: value` between the two `---` lines."))
                meta_error = True
            else:
                meta = located.data
        except yamlutil.YamlError as exc:
            diags.append(Diagnostic(rel, exc.line, exc.column, codes.LD003, exc.message,
                                    hint=exc.hint or "Front matter is YAML between two `---` lines: `key: value`, a space after the colon, "
                                    "spaces (not tabs) for indentation, quotes around values containing `: ` or `#`."))
            meta_error = True
        if fm.end_line == text.count("\n") + 1 and text.rpartition("\n")[2].rstrip() not in ("---", "..."):
            diags.append(Diagnostic(rel, 1, 1, codes.LD003, "the front matter opened by `---` on line 1 is never closed",
                                    hint="End the front matter with a line `---`."))
    lines = text.split("\n")
    body = "\n".join(lines[body_index:])
    body_start = body_index + 1
    masked = mdscan.mask(body)
    page = Page(rel, key, lang, text, meta, located, body_start, body, masked, meta_error=meta_error)
    if not body.strip():
        diags.append(Diagnostic(rel, 1, 1, codes.LD004,
                                "the page is empty" if not text.strip() else "the page has front matter but no text",
                                hint="Write at least a `# Title` line and some text, or delete the file."))
        return page
    if fm is None:
        first = next((ln for ln in lines if ln.strip()), "")
        first_no = lines.index(first) + 1
        if mdscan.MMD_META_RE.match(first) and not first.lstrip().startswith("#"):
            diags.append(Diagnostic(rel, first_no, 1, codes.LD006,
                                    f"`{first.strip()[:60]}` would be swallowed by MkDocs as hidden metadata and vanish from the page",
                                    hint="Start the page with `# Title`; put settings in a front-matter block between `---` lines."))
    masked_lines = masked.split("\n")
    too_deep = _nesting(masked_lines) if _may_nest(masked) else None
    if too_deep is not None:
        line_no, what = too_deep
        message = what if what.startswith("square") else f"{what} nested more than {MAX_NESTING} levels deep"
        diags.append(Diagnostic(rel, body_start + line_no, 1, codes.LD012, f"too complex to render: {message}",
                                hint="Flatten the structure or split the paragraph: no page of the library comes near the limit."))
        return page
    page.headings = mdscan.headings(masked_lines, body_start)
    h1 = [h for h in page.headings if h.level == 1]
    if not h1:
        diags.append(Diagnostic(rel, body_start, 1, codes.LD005, "the page has no level-1 title",
                                hint="Start the text with one line `# Title`."))
    else:
        page.title, page.title_line = _plain_title(h1[0].text), h1[0].line
        for extra in h1[1:]:
            diags.append(Diagnostic(rel, extra.line, 1, codes.LD009, "a second level-1 title; a page has one",
                                    hint="Use `##` for sections."))
    return page


MAX_NESTING = 16  # lists, quotations, HTML blocks: the library's pages use 3 at most
_QUOTE_DEPTH_RE = re.compile(r"^(?:[ \t]*>){%d}" % (MAX_NESTING + 1))
_LIST_DEPTH_RE = re.compile(r"^[ \t]{%d,}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)" % (4 * MAX_NESTING))
_HTML_BLOCK_RE = re.compile(r"<(/?)(div|details|section|blockquote|table|ul|ol|dl|span|p)\b[^>]*?(/?)>", re.I)
# Python-Markdown's inline patterns take quadratic time (or worse) on many `[` or `<` in one paragraph:
# 4,000 unclosed `[` take minutes to render. The library's busiest paragraph has a few dozen.
MAX_BRACKETS = 400
_ITEM_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


_DEEP_RE = re.compile(f"{_QUOTE_DEPTH_RE.pattern}|{_LIST_DEPTH_RE.pattern}", re.MULTILINE)


def _may_nest(masked: str) -> bool:
    """Whether `_nesting` can find anything in the page (most pages: no, seen at C speed): it needs more
    than MAX_NESTING `<` or MAX_BRACKETS `[` in all, or a line quoted or indented that deep."""
    return masked.count("<") > MAX_NESTING or masked.count("[") > MAX_BRACKETS or _DEEP_RE.search(masked) is not None


def _nesting(masked_lines: list[str]) -> Optional[tuple[int, str]]:
    """(0-based line, what) of the first structure nested deeper than MAX_NESTING, or of a paragraph with
    more than MAX_BRACKETS `[` or `<`, else None. Such text makes Python-Markdown recurse until it fails, or
    slow down for minutes; no page needs it."""
    depth = 0
    block_start, brackets, tags = 0, 0, 0
    for i, line in enumerate(masked_lines):
        stripped = line.lstrip()
        if not stripped or _ITEM_RE.match(stripped):  # a list item's text is rendered on its own
            block_start, brackets, tags = (i if stripped else i + 1), 0, 0
        if stripped[:1] == "|":
            continue  # a table cell is rendered on its own
        if "[" in line or "<" in line:
            brackets += line.count("[")
            tags += line.count("<")
            if brackets > MAX_BRACKETS or tags > MAX_BRACKETS:
                return block_start, f"square brackets or `<` in one paragraph (more than {MAX_BRACKETS})"
        first = line.lstrip()[:1]
        if first == ">" and _QUOTE_DEPTH_RE.match(line):
            return i, "quotations (`>`)"
        if line[:1] in (" ", "\t") and _LIST_DEPTH_RE.match(line):
            return i, "lists"
        if "<" in line:
            for m in _HTML_BLOCK_RE.finditer(line):
                if m.group(3):
                    continue
                depth += -1 if m.group(1) else 1
                if depth > MAX_NESTING:
                    return i, f"HTML elements (`<{m.group(2)}>`)"
            depth = max(depth, 0)
    return None


def _plain_title(text: str) -> str:
    return mdscan._strip_inline(text).strip()


# --- publications -----------------------------------------------------------------------------------


def validate_model(model: type[BaseModel], data: dict[str, Any], located: Optional[yamlutil.Located], rel: str,
                   diags: list[Diagnostic], *, missing: codes.Code, unknown: codes.Code, bad: codes.Code,
                   placeholders: Optional[dict[str, Any]] = None) -> Optional[BaseModel]:
    """Validate `data` against a schema; each error becomes a diagnostic on the line of its key.

    With `placeholders`, an invalid document still gives a model: each bad or missing key takes its
    placeholder and is listed in the model's `degraded` keys, so that the rest of the library is checked
    as if the value were right and nothing that follows from it is reported (one root cause, one finding:
    `status: Draft` must not make a publication's chapters stop being its chapters)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        bad_keys: set[str] = set()
        for err in exc.errors():
            loc = tuple(err["loc"])
            if loc:
                bad_keys.add(str(loc[0]))
            line = located.line(loc) if located else 1
            name = ".".join(str(p) for p in loc) or "(document)"
            kind = err["type"]
            if kind == "missing":
                at = located.line(loc[:-1]) if located and loc[:-1] else (located.first_line if located else 1)
                diags.append(Diagnostic(rel, at, 1, missing,
                                        f"required key `{name}` is missing", hint=_hint_for(model, loc)))
            elif kind == "extra_forbidden":
                diags.append(Diagnostic(rel, line, 1, unknown, f"unknown key `{name}`", hint=_known_keys(model, loc)))
            else:
                value = err.get("input")
                shown = value if isinstance(value, (str, int, float)) else type(value).__name__
                diags.append(Diagnostic(rel, line, 1, bad, f"`{name}`: {_clean(err['msg'])} (found `{shown}`)",
                                        hint=_hint_for(model, loc, value)))
        return None if placeholders is None else repaired(model, data, bad_keys, placeholders)


def repaired(model: type[BaseModel], data: dict[str, Any], bad_keys: set[str], placeholders: dict[str, Any]) -> Optional[BaseModel]:
    """`data` validated with its bad keys replaced by placeholders (None when a bad key has none)."""
    fixed = {k: v for k, v in data.items() if k in model.model_fields and k not in bad_keys}
    for k in bad_keys:
        if k in placeholders:
            fixed[k] = placeholders[k]
    try:
        result = model.model_validate(fixed)
    except ValidationError:
        return None
    result.degraded = frozenset(bad_keys)  # type: ignore[attr-defined]
    return result


def _clean(msg: str) -> str:
    return msg.replace("Value error, ", "").replace("String should match pattern", "should match").replace("Input should be", "should be")


def _field_info(model: type[BaseModel], loc: yamlutil.YamlPath) -> Any:
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        ann = info.annotation
        args = getattr(ann, "__args__", ()) or ()
        nested = [a for a in (ann, *args) if isinstance(a, type) and issubclass(a, BaseModel)]
        for a in args:
            nested += [b for b in getattr(a, "__args__", ()) if isinstance(b, type) and issubclass(b, BaseModel)]
        current = nested[0] if nested else None
    return info


def _hint_for(model: type[BaseModel], loc: yamlutil.YamlPath, value: Any = None) -> str:
    info = _field_info(model, loc)
    if info is None:
        return ""
    ann = str(info.annotation)
    allowed = re.findall(r"'([^']+)'", ann) if "Literal" in ann else []
    parts = []
    if isinstance(value, str) and value not in allowed:
        near = ([a for a in allowed if a == value.strip().lower().replace(" ", "-")]
                or difflib.get_close_matches(value.lower(), allowed, n=1))
        if near:
            parts.append(f"Did you mean `{near[0]}`?")
    if info.description:
        parts.append(info.description + ".")
    if allowed:
        parts.append("Allowed: " + ", ".join(f"`{a}`" for a in allowed) + ".")
    for meta in info.metadata:
        pattern = getattr(meta, "pattern", None)
        if pattern == r"^[A-Z]$":
            parts.append("A single capital letter, e.g. `A`.")
        elif pattern and "SCOE" in pattern:
            parts.append("A publication id such as `SCOE-2.1`.")
    if "date" in ann and "datetime.date" in ann:
        parts.append("An ISO date, e.g. `2026-11-27`.")
    return " ".join(parts)


def _known_keys(model: type[BaseModel], loc: yamlutil.YamlPath) -> str:
    import difflib

    parent = loc[:-1]
    target = model
    if parent:
        info = _field_info(model, parent)
        ann = getattr(info, "annotation", None)
        candidates = [a for a in (ann, *getattr(ann, "__args__", ())) if isinstance(a, type) and issubclass(a, BaseModel)]
        if not candidates:
            return ""
        target = candidates[0]
    keys = list(target.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), keys, n=1)
    text = f"Did you mean `{close[0]}`? " if close else ""
    return text + "Known keys: " + ", ".join(f"`{k}`" for k in keys) + "."


def _load_publications(lib: Library, diags: list[Diagnostic]) -> None:
    default = lib.languages.default
    by_folder: dict[str, dict[str, dict[str, Page]]] = {}  # folder -> key -> lang -> page, built in one pass
    for (key, lang), page in lib.pages.items():
        if key.startswith("publications/") and key.count("/") >= 2:
            by_folder.setdefault(key.rsplit("/", 1)[0], {}).setdefault(key, {})[lang] = page
    for folder in sorted(by_folder):
        members = by_folder[folder]
        index = members.get(f"{folder}/index", {})
        if not index:
            any_page = next(iter(next(iter(members.values())).values()))
            names = " and ".join(f"`index.{lang}.md`" for lang in lib.languages)
            diags.append(Diagnostic(any_page.rel, 1, 1, codes.FM009, f"the publication folder `docs/{folder}/` has no `index.{default}.md`",
                                    hint=f"A publication starts with {names} carrying its metadata (`make new` creates them)."))
            continue
        metas = _publication_metas(index, diags)
        if not metas:
            continue
        meta = metas.get(default) or next(iter(metas.values()))
        pub = Publication(meta.id, folder, metas, index, default)
        for key, by_lang in sorted(members.items()):
            if key != f"{folder}/index":
                _load_chapter(pub, key.rsplit("/", 1)[1], by_lang, diags)
        for page in index.values():
            page.publication = pub
        if meta.id in lib.publications:
            other = lib.publications[meta.id]
            first = other.index.get(default) or next(iter(other.index.values()))
            for page in index.values():
                diags.append(Diagnostic(page.rel, page.line_of_key("id"), 1, codes.FM004,
                                        f"publication id `{meta.id}` is already used by `docs/{other.folder}/`",
                                        hint="Choose an unused id; `make new` refuses an existing id.",
                                        related=f"{first.rel}:{first.line_of_key('id')}"))
            continue
        lib.publications[meta.id] = pub


def _publication_metas(index: dict[str, Page], diags: list[Diagnostic]) -> dict[str, PublicationMeta]:
    """The metadata of a publication in each language of its index pages (a stand-in where it does not parse)."""
    metas: dict[str, PublicationMeta] = {}
    for lang, page in sorted(index.items()):
        if page.meta_error:
            continue  # the front matter does not parse (LD003): its keys are not reported missing
        m = validate_model(PublicationMeta, page.meta, page.meta_yaml, page.rel, diags, missing=codes.FM001, unknown=codes.FM002,
                           bad=codes.FM003, placeholders=PUBLICATION_PLACEHOLDERS)
        if isinstance(m, PublicationMeta):
            metas[lang] = m
    for lang, page in index.items():
        if lang not in metas and page.meta_error:
            stand_in = next(iter(metas.values()), None) or _stand_in_meta(page)
            if stand_in is not None:
                metas[lang] = stand_in
    return metas


def _load_chapter(pub: Publication, stem: str, by_lang: dict[str, Page], diags: list[Diagnostic]) -> None:
    """A chapter page of `pub` in each language: its front matter checked, its paragraphs numbered."""
    default = pub.default_lang
    cm = CHAPTER_RE.match(stem)
    if not cm:
        for page in by_lang.values():
            diags.append(Diagnostic(page.rel, 1, 1, codes.FM009, f"`{stem}` is not a chapter page name",
                                    hint=f"Chapter pages are named `chapter-1.{default}.md`, `chapter-2.{default}.md`, …"))
        return
    n = int(cm.group("n"))
    for page in by_lang.values():
        cmeta = None if page.meta_error else validate_model(
            ChapterMeta, page.meta, page.meta_yaml, page.rel, diags, missing=codes.FM008, unknown=codes.FM002, bad=codes.FM008,
            placeholders={"chapter": n})
        if isinstance(cmeta, ChapterMeta) and "chapter" not in cmeta.degraded and cmeta.chapter != n:
            diags.append(Diagnostic(page.rel, page.line_of_key("chapter"), 1, codes.FM008,
                                    f"`chapter: {cmeta.chapter}` but the file is chapter {n}",
                                    hint=f"Write `chapter: {n}` or rename the file."))
        page.chapter = n
        page.publication = pub
        if n not in page.numbered:
            page.numbered[n] = _paragraphs(page, n)
        page.paragraphs = page.numbered[n]
    pub.chapters[n] = by_lang


def _stand_in_meta(page: Page) -> Optional[PublicationMeta]:
    """A publication whose index pages' front matter does not parse still has its id on an `id:` line: the
    publication stands in with placeholders, so that its chapters and the references to it are checked."""
    m = re.search(r"^id:[ \t]*[\"']?(SCOE-\d+(?:\.\d+)*)[\"']?[ \t]*$", page.text[:4000], re.M)
    if m is None:
        return None
    meta = PublicationMeta.model_validate({**PUBLICATION_PLACEHOLDERS, "id": m.group(1)})
    meta.degraded = frozenset(PUBLICATION_PLACEHOLDERS) | {"id"}
    return meta


def _paragraphs(page: Page, chapter: int) -> list[Paragraph]:
    masked_lines = page.masked.split("\n")
    body_lines = page.body.split("\n")
    starts: list[tuple[int, re.Match[str]]] = []
    ends: set[int] = set()
    # a paragraph number starts with a digit, a heading with `#`: only those lines are looked at; a
    # paragraph starts after a blank line or a heading
    for i in [i for i, line in enumerate(masked_lines) if (c := line[:1]) == "#" or c.isdigit()]:
        line = masked_lines[i]
        if line[0] == "#":
            if mdscan.ATX_RE.match(line) is not None:
                ends.add(i)
            continue
        m = mdscan.PARA_RE.match(line) or mdscan.PARA_DOT_RE.match(line)
        if m is None:
            continue
        prev = masked_lines[i - 1] if i else ""
        if not prev.strip() or (prev[:1] == "#" and mdscan.ATX_RE.match(prev) is not None):
            starts.append((i, m))
    paragraphs = []
    for j, (i, m) in enumerate(starts):
        stop = starts[j + 1][0] if j + 1 < len(starts) else len(body_lines)
        stop = min([e for e in ends if i < e < stop], default=stop)
        while stop > i + 1 and not body_lines[stop - 1].strip():
            stop -= 1
        text = "\n".join(body_lines[i:stop])
        paragraphs.append(Paragraph(m.group("num"), int(m.group("chapter")), int(m.group("para")),
                                    page.body_start + i, page.body_start + stop - 1, text, dot=m.re is mdscan.PARA_DOT_RE))
    return paragraphs


# --- data files -----------------------------------------------------------------------------------


def _load_yaml_file(lib: Library, rel: str, diags: list[Diagnostic], code: codes.Code) -> Optional[yamlutil.Located]:
    path = lib.root / rel
    if not path.exists():
        return None
    text = read_text(lib.root, path, diags)
    if text is None:
        return None
    lib.raw_data[rel] = text
    try:
        lib.data_yaml[rel] = located = yamlutil.load(text)
        return located
    except yamlutil.YamlError as exc:
        lib.unreadable.add(rel)
        diags.append(Diagnostic(rel, exc.line, exc.column, codes.LD010, f"`{rel}` is not valid YAML: {exc.message}",
                                hint=(exc.hint + " " if exc.hint else
                                      "Fix the YAML at this line: often a missing or extra quote, a missing space after `:`, or a tab. ")
                                + "Until it parses, the findings that depend on this file are held back."))
        return None


def _lines_by_first_key(located: yamlutil.Located) -> dict[Any, dict[yamlutil.YamlPath, int]]:
    """The lines of a document grouped by their first key, each path without it (one pass, not one per item)."""
    out: dict[Any, dict[yamlutil.YamlPath, int]] = {}
    for k, v in located.lines.items():
        if k:
            out.setdefault(k[0], {})[k[1:]] = v
    return out


def _load_list(lib: Library, rel: str, model: type[BaseModel], code: codes.Code, dup_code: codes.Code, diags: list[Diagnostic],
               languages: Iterable[str] = ()) -> tuple[list[Any], dict[str, int], Optional[yamlutil.Located]]:
    located = _load_yaml_file(lib, rel, diags, code)
    if located is None or located.data is None:
        return [], {}, located
    if not isinstance(located.data, list):
        diags.append(Diagnostic(rel, 1, 1, code, "the file must be a list of entries (`- id: …`)"))
        return [], {}, located
    entries: list[Any] = []
    lines: dict[str, int] = {}
    by_item = _lines_by_first_key(located)
    for i, raw in enumerate(located.data):
        sub = yamlutil.Located(raw, by_item.get(i, {}), first_line=located.line((i,)))
        raw = raw if isinstance(raw, dict) else {}
        # designations in the site's other languages (`de:`), beside the schema's own ones
        more = {lang: raw[lang] for lang in languages if lang in raw and lang not in model.model_fields}
        entry = validate_model(model, {k: v for k, v in raw.items() if k not in more}, sub, rel, diags,
                               missing=code, unknown=code, bad=code)
        if entry is None:
            continue
        for lang, value in more.items():
            lang_lines = yamlutil.Located(value, {k[1:]: v for k, v in sub.lines.items() if k[:1] == (lang,)}, first_line=sub.line((lang,)))
            found = validate_model(Designations, value if isinstance(value, dict) else {}, lang_lines, rel, diags,
                                   missing=code, unknown=code, bad=code)
            if found is not None:
                entry._more[lang] = found  # type: ignore[attr-defined]
        eid = entry.id  # type: ignore[attr-defined]
        if eid in lines:
            diags.append(Diagnostic(rel, sub.line(("id",)), 1, dup_code, f"id `{eid}` is already used on line {lines[eid]}"))
            continue
        lines[eid] = sub.line(("id",))
        entries.append(entry)
    return entries, lines, located


DATA_FIELDS = ("glossary", "glossary_lines", "glossary_yaml", "standards", "standards_lines", "custodians", "raw_data", "data_yaml",
               "unreadable")


def _load_data(lib: Library, reuse: Optional[Library], settled: int, diags: list[Diagnostic]) -> None:
    """The glossary, the standards and the custodians: taken from `reuse` when none of their files changed
    since it read them (the same stamps, already older than `settled` then), else loaded."""
    stamps = []
    for rel in (Library.GLOSSARY, Library.STANDARDS, Library.CUSTODIANS):
        try:
            st = (lib.root / rel).stat()
            stamps.append((rel, st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns))
        except OSError:
            stamps.append((rel, 0, -1, 0, 0))
    if (reuse is not None and reuse.data_read and reuse.data_read[0] == stamps and reuse.languages == lib.languages
            and all(stamp[1] < settled for stamp in stamps)):
        for name in DATA_FIELDS:
            setattr(lib, name, getattr(reuse, name))
        lib.data_read = reuse.data_read
        diags += reuse.data_read[1]
        return
    found: list[Diagnostic] = []
    _load_glossary(lib, found)
    _load_standards(lib, found)
    lib.data_read = (stamps, tuple(found))
    diags += found


def _load_glossary(lib: Library, diags: list[Diagnostic]) -> None:
    lib.glossary, lib.glossary_lines, lib.glossary_yaml = _load_list(lib, Library.GLOSSARY, GlossaryEntry, codes.GL001, codes.GL006, diags,
                                                                          lib.languages)


def _load_standards(lib: Library, diags: list[Diagnostic]) -> None:
    lib.standards, lib.standards_lines, _ = _load_list(lib, Library.STANDARDS, StandardEntry, codes.SR001, codes.SR002, diags)
    located = _load_yaml_file(lib, Library.CUSTODIANS, diags, codes.FM003)
    if located and isinstance(located.data, dict):
        by_key = _lines_by_first_key(located)
        for key, raw in located.data.items():
            sub = yamlutil.Located(raw, by_key.get(key, {}), first_line=located.line((key,)))
            c = validate_model(Custodian, raw if isinstance(raw, dict) else {}, sub, Library.CUSTODIANS, diags,
                               missing=codes.FM003, unknown=codes.FM003, bad=codes.FM003)
            if c is not None:
                lib.custodians[key] = c  # type: ignore[assignment]


def iter_pages(lib: Library, lang: str | None = None) -> Iterable[Page]:
    for (_, page_lang), page in sorted(lib.pages.items()):
        if lang is None or page_lang == lang:
            yield page


# --- the library at a published version ----------------------------------------------------------------


@dataclass
class Previous:
    """The published version a build compares itself with, and why there is none when there is none."""

    state: str  # history.FOUND, NO_GIT, NO_RELEASE, UNRECORDED, SHALLOW or UNREADABLE
    release: Optional[history.Release] = None
    library: Optional[Library] = None


registry.producer("model.load_previous", codes.CH001)
_PAST: dict[tuple[str, str], Library] = {}  # (root, commit) -> library: `make serve` rebuilds read it once


def load_previous(root: Path, current: Optional[str] = None) -> tuple[Previous, list[Diagnostic]]:
    """The library as published at the latest non-hidden version older than `current` (the version being
    built; None for `make build` and `make serve`: the latest published), read from git without a checkout."""
    root = Path(root).resolve()
    if not history.is_repository(root):
        return Previous(history.NO_GIT), []
    found = history.previous(history.releases(root), current)
    if found is None:
        return Previous(history.NO_RELEASE), []
    return load_release(root, found)


def load_release(root: Path, found: history.Release) -> tuple[Previous, list[Diagnostic]]:
    """The library as published at one release (see `history.releases`)."""
    import tempfile

    root = Path(root).resolve()
    if found.commit is None:  # nothing records its commit: older than the tags, or a shallow clone without them
        return Previous(history.SHALLOW if history.is_shallow(root) else history.UNRECORDED, found), []
    if not history.readable(root, found.commit):
        if history.is_shallow(root):
            return Previous(history.SHALLOW, found), []
        return Previous(history.UNREADABLE, found), [Diagnostic(
            f"{history.TAG_PREFIX}{found.version}", 1, 1, codes.CH001,
            f"version {found.version} was published from commit {found.commit[:10]}, which this copy of the repository cannot read; "
            "the change pages say that the comparison is not available",
            hint=f"Fetch the history (`git fetch --tags origin`), or move the tag: "
                 f"`git tag -f -a {history.TAG_PREFIX}{found.version} <commit>`.")]
    cached = _PAST.get((str(root), found.commit))
    if cached is not None:
        return Previous(history.FOUND, found, cached), []
    with tempfile.TemporaryDirectory(prefix="scoe-previous-") as tmp:
        try:
            history.extract(root, found.commit, Path(tmp))
        except OSError as exc:
            return Previous(history.UNREADABLE, found), [Diagnostic(
                f"{history.TAG_PREFIX}{found.version}", 1, 1, codes.CH001,
                f"the library of version {found.version} (commit {found.commit[:10]}) cannot be read: {exc}",
                hint="Check that the release tag points at a commit of the library.")]
        past, _ = load(Path(tmp))  # what was published passed its checks then; its findings do not matter now
    _PAST[(str(root), found.commit)] = past
    return Previous(history.FOUND, found, past), []


# --- earlier versions of a publication, from git ----------------------------------------------------


def paragraphs_by_version(root: Path, pub: Publication) -> dict[tuple[str, int], list[str]]:
    """The numbered paragraphs of each edition and version of `pub` that git's history holds, read from the
    default language's text of the last commit at that version: {("A", 1): ["1.1", "1.2", …]}. Empty when `root` is not in
    a git repository or the history is not there (a shallow clone). The national review (`make comments`)
    tells a paragraph deleted since the version commented on from one that never existed."""
    import subprocess

    folder = f"docs/{pub.folder}"
    suffix = f".{pub.default_lang}.md"

    def git(*args: str) -> Optional[str]:
        try:
            res = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        return res.stdout.decode("utf-8", "replace") if res.returncode == 0 else None

    log = git("log", "--format=%H", "--", f"{folder}/")
    out: dict[tuple[str, int], list[str]] = {}
    for commit in (log or "").split():
        index = git("show", f"{commit}:./{folder}/index{suffix}")
        if index is None:
            continue
        fm, _ = mdscan.split_front_matter(index.replace("\r\n", "\n"))
        try:
            meta = yamlutil.load(fm.text).data if fm is not None else None
        except yamlutil.YamlError:
            continue
        if not isinstance(meta, dict) or "edition" not in meta or "version" not in meta:
            continue
        version = (str(meta["edition"]), int(meta["version"])) if str(meta["version"]).isdigit() else None
        if version is None or version in out:
            continue  # newest first: the last commit of each version is the text that version had
        names = git("ls-tree", "--name-only", commit, f"{folder}/") or ""
        numbers: list[tuple[int, str]] = []
        for name in names.split("\n"):
            m = CHAPTER_RE.match(name.rsplit("/", 1)[-1].removesuffix(suffix))
            if not m or not name.endswith(suffix):
                continue
            text = git("show", f"{commit}:./{name}")
            if text is None:
                continue
            text = text.replace("\r\n", "\n")
            _, body_index = mdscan.split_front_matter(text)
            body = "\n".join(text.split("\n")[body_index:])
            page = Page(name, name, pub.default_lang, text, {}, None, body_index + 1, body, mdscan.mask(body))
            numbers += [(int(m.group("n")), p.number) for p in _paragraphs(page, int(m.group("n")))]
        out[version] = [n for _, n in sorted(numbers, key=lambda x: (x[0], int(x[1].split(".")[1])))]
    return out
