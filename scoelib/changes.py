"""What changed between two versions of the library: paragraphs and metadata, per publication and language.

`compare(previous, lib)` is computed once per build from the model (the library being built, and the one
published at the previous version, `scoelib.model.load_previous`). Paragraphs are compared in each
language with the same language (a French page with the French page; a page whose translation is pending
with the English text the French site shows), and matched:

1. by number, when the two texts are still alike (a paragraph keeps its number for life);
2. then by text similarity among the rest: a paragraph found under another number was moved or renumbered,
   never shown as deleted and added;
3. then by number again among what is left (a rewritten paragraph is amended, not replaced).

What is left is deleted (old) or added (new). Words are compared with difflib; the redline marks deleted
words with `<del>` and inserted ones with `<ins>`.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Optional

from . import codes, history, mdscan, registry
from .diagnostics import Diagnostic
from .model import Library, Paragraph, Previous, Publication

ADDED, AMENDED, DELETED, MOVED = "added", "amended", "deleted", "moved"
KINDS = (AMENDED, ADDED, DELETED, MOVED)  # the order of the change page and of the counts
BARS = (ADDED, AMENDED)  # the marks drawn as a bar in the margin (web and PDF); a renumbering is only labelled
SAME_NUMBER_SIMILARITY = 0.5  # at least this alike to stay matched by number in step 1
MOVED_SIMILARITY = 0.6  # at least this alike to count as the same paragraph under another number
META_FIELDS = ("title", "edition", "version", "status", "date", "supersedes", "superseded_by")
_NUMBER_RE = re.compile(r"^\d+\.\d+[ \t]+")
_WORDS_RE = re.compile(r"\w+|[^\w\s]+|\s+")


def plain(paragraph_text: str) -> str:
    """A paragraph's text as a reader reads it: without its number, references as their labels, one line."""
    text = _NUMBER_RE.sub("", paragraph_text, count=1)
    return " ".join(mdscan._strip_inline(text).split())


class Mark(NamedTuple):
    """The mark of a paragraph in its chapter: `added` or `amended` (a change bar), or `moved` (text unchanged
    under a new number: a discreet label, no bar); the anchor of its entry on the change page; its number at
    the previous version when it was renumbered."""

    kind: str
    anchor: str
    was: Optional[str] = None

    @property
    def bar(self) -> bool:
        return self.kind in BARS


@dataclass
class ParaChange:
    kind: str  # ADDED, AMENDED, DELETED or MOVED
    number: Optional[str]  # the number now (None when deleted)
    old_number: Optional[str]  # the number at the previous version (None when added)
    old: str  # plain text then
    new: str  # plain text now
    chapter: int  # the chapter now (then, when deleted)

    @property
    def text_changed(self) -> bool:
        return self.old != self.new

    @property
    def mark(self) -> Optional[str]:
        """The mark of the paragraph in its chapter: `added` or `amended` (text changed: a change bar), `moved`
        (renumbered, same text: a label), else None (deleted: no paragraph to mark)."""
        if self.kind == ADDED:
            return ADDED
        if self.kind in (AMENDED, MOVED) and self.text_changed:
            return AMENDED
        return MOVED if self.kind == MOVED else None

    @property
    def anchor(self) -> str:
        return f"change-{self.number}" if self.number else f"deleted-{self.old_number}"

    def redline(self, labels: tuple[str, str] = ("", "")) -> str:
        """The new text with deleted words in `<del>` and inserted ones in `<ins>` (HTML). `labels`: words
        a screen reader says before each (visually hidden), e.g. ("deleted:", "inserted:")."""
        return redline(self.old, self.new, labels)


@dataclass
class MetaChange:
    field: str
    old: str
    new: str


@dataclass
class PubChanges:
    id: str
    lang: str
    state: str  # "new", "changed", "unchanged"
    paragraphs: list[ParaChange] = field(default_factory=list)
    meta: list[MetaChange] = field(default_factory=list)
    marks: dict[str, Mark] = field(default_factory=dict)  # number now -> its mark in the chapter

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in KINDS}
        for p in self.paragraphs:
            out[p.kind] += 1
        return out

    def of_kind(self, kind: str) -> list[ParaChange]:
        return [p for p in self.paragraphs if p.kind == kind]


@dataclass
class LibraryChanges:
    state: str  # history.FOUND, or why there is nothing to compare with
    since: Optional[str] = None  # the previous version
    commit: Optional[str] = None
    pubs: dict[tuple[str, str], PubChanges] = field(default_factory=dict)  # (id, lang) -> changes
    removed: dict[str, Publication] = field(default_factory=dict)  # publications gone since (old model)

    @property
    def available(self) -> bool:
        return self.state == history.FOUND

    def of(self, pub_id: str, lang: str) -> Optional[PubChanges]:
        return self.pubs.get((pub_id, lang))

    def mark(self, pub_id: str, lang: str, number: str) -> Optional[Mark]:
        pc = self.pubs.get((pub_id, lang))
        return pc.marks.get(number) if pc else None


STATE_TEXT = {  # for the terminal (`make changes`); the pages say it through the string catalogue
    history.NO_GIT: "the library is not in a git repository",
    history.NO_RELEASE: "no version of the library is published yet (make release)",
    history.UNRECORDED: "the published version does not record the commit it was built from",
    history.SHALLOW: "this copy of the repository has no history (a shallow clone); fetch it with `git fetch --unshallow --tags`",
    history.UNREADABLE: "the commit of the published version cannot be read (CH001)",
}


def none(state: str = history.NO_RELEASE) -> LibraryChanges:
    return LibraryChanges(state)


# --- comparing ----------------------------------------------------------------------------------------


def _paragraphs(pub: Publication, lang: str) -> list[Paragraph]:
    """The paragraphs a reader of `lang` sees: the page in that language, else the default language's one it
    falls back to."""
    out: list[Paragraph] = []
    for n in sorted(pub.chapters):
        pages = pub.chapters[n]
        page = pages.get(lang) or pages.get(pub.default_lang)
        if page is not None:
            out += page.paragraphs
    return out


def _words(text: str) -> list[str]:
    return _WORDS_RE.findall(text)


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False)
    if sm.real_quick_ratio() < 0.3 or sm.quick_ratio() < 0.3:
        return sm.quick_ratio() * 0.5
    return sm.ratio()


def _pair_by_number(old_text: dict[str, str], new_text: dict[str, str]) -> dict[str, str]:
    """Step 1: the same number, still alike. Returns {new number: old number}."""
    return {n: n for n in new_text if n in old_text
            and (old_text[n] == new_text[n] or similarity(old_text[n], new_text[n]) >= SAME_NUMBER_SIMILARITY)}


def _pair_by_text(old_text: dict[str, str], new_text: dict[str, str], pairs: dict[str, str]) -> None:
    """Step 2: the paragraphs left, by similarity (moved or renumbered); the most alike pairs first."""
    taken = set(pairs.values())
    free_old = [n for n in old_text if n not in taken]
    free_new = [n for n in new_text if n not in pairs]
    if not free_old or not free_new:
        return
    exact: dict[str, list[str]] = {}
    for o in free_old:
        exact.setdefault(old_text[o], []).append(o)
    scored: list[tuple[float, str, str]] = []
    for n in free_new:
        same = exact.get(new_text[n])
        if same:
            scored.append((1.0, n, same[0]))
            continue
        scored += [(s, n, o) for o in free_old if (s := similarity(old_text[o], new_text[n])) >= MOVED_SIMILARITY]
    taken_old: set[str] = set()
    for _score, n, o in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if n not in pairs and o not in taken_old:
            pairs[n] = o
            taken_old.add(o)


def _pair_rewritten(old_text: dict[str, str], new_text: dict[str, str], pairs: dict[str, str]) -> None:
    """Step 3: what is left under the same number was rewritten (amended, not replaced)."""
    matched_old = set(pairs.values())
    for n in new_text:
        if n not in pairs and n in old_text and n not in matched_old:
            pairs[n] = n
            matched_old.add(n)


def compare_paragraphs(old: list[Paragraph], new: list[Paragraph]) -> list[ParaChange]:
    """The changes from `old` to `new` (the paragraphs of one publication in one language): the three steps of
    the module's docstring, then what is left is added or deleted."""
    old_text = {p.number: plain(p.text) for p in old}
    new_text = {p.number: plain(p.text) for p in new}
    pairs = _pair_by_number(old_text, new_text)  # new number -> old number
    _pair_by_text(old_text, new_text, pairs)
    _pair_rewritten(old_text, new_text, pairs)
    new_chapter = {p.number: p.chapter for p in new}
    out: list[ParaChange] = []
    for n in new_text:
        old_n = pairs.get(n)
        if old_n is None:
            out.append(ParaChange(ADDED, n, None, "", new_text[n], new_chapter[n]))
        elif old_n != n:
            out.append(ParaChange(MOVED, n, old_n, old_text[old_n], new_text[n], new_chapter[n]))
        elif old_text[old_n] != new_text[n]:
            out.append(ParaChange(AMENDED, n, old_n, old_text[old_n], new_text[n], new_chapter[n]))
    matched_old = set(pairs.values())
    old_chapter = {p.number: p.chapter for p in old}
    out += [ParaChange(DELETED, None, o, old_text[o], "", old_chapter[o]) for o in old_text if o not in matched_old]
    return out


def _meta_value(meta: object, name: str) -> str:
    value = getattr(meta, name, None)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def compare_meta(old_pub: Publication, new_pub: Publication, lang: str) -> list[MetaChange]:
    old, new = old_pub.meta_in(lang), new_pub.meta_in(lang)
    out = []
    for name in META_FIELDS:
        a, b = _meta_value(old, name), _meta_value(new, name)
        if a != b:
            out.append(MetaChange(name, a, b))
    return out


def compare(previous: Previous, lib: Library) -> LibraryChanges:
    """Every publication in every language, against the previous version (once per build)."""
    if previous.library is None:
        return LibraryChanges(previous.state, previous.release.version if previous.release else None,
                              previous.release.commit if previous.release else None)
    old_lib = previous.library
    assert previous.release is not None
    result = LibraryChanges(history.FOUND, previous.release.version, previous.release.commit)
    for pub_id, pub in lib.publications.items():
        old_pub = old_lib.publications.get(pub_id)
        for lang in lib.languages:
            if old_pub is None:
                pc = PubChanges(pub_id, lang, "new")
                pc.paragraphs = [ParaChange(ADDED, p.number, None, "", plain(p.text), p.chapter) for p in _paragraphs(pub, lang)]
            else:
                pc = PubChanges(pub_id, lang, "unchanged")
                pc.paragraphs = compare_paragraphs(_paragraphs(old_pub, lang), _paragraphs(pub, lang))
                pc.meta = compare_meta(old_pub, pub, lang)
                if pc.paragraphs or pc.meta:
                    pc.state = "changed"
            order = {k: i for i, k in enumerate(KINDS)}
            pc.paragraphs.sort(key=lambda c: (order[c.kind], _num_key(c.number or c.old_number or "0.0")))
            pc.marks = {c.number: Mark(m, c.anchor, c.old_number if c.kind == MOVED else None)
                        for c in pc.paragraphs if c.number and (m := c.mark)}
            result.pubs[(pub_id, lang)] = pc
    result.removed = {i: p for i, p in old_lib.publications.items() if i not in lib.publications}
    return result


def compare_older(root: Path, lib: Library, current: Optional[str], previous: Optional[str]) -> dict[str, LibraryChanges]:
    """What changed since each published, non-hidden version older than `current` other than `previous` (whose
    changes are the build's own), newest first: a reader of an old version is offered the changes since the
    version they read (the latest version's `<publication>/changes/<version>/` pages). Each version's library
    is read from git once per process (`model.load_release`); one that cannot be read gives its state."""
    from .model import load_release

    root = Path(root).resolve()
    if not history.is_repository(root):
        return {}
    out: dict[str, LibraryChanges] = {}
    older = [r for r in history.releases(root) if not r.hidden and r.version not in (current, previous)
             and (current is None or history.version_key(r.version) < history.version_key(current))]
    for release in sorted(older, key=lambda r: history.version_key(r.version), reverse=True):
        past, _found = load_release(root, release)  # CH001 is the previous version's business
        out[release.version] = compare(past, lib)
    return out


def _num_key(number: str) -> tuple[int, ...]:
    return tuple(int(x) for x in number.split(".") if x.isdigit())


# --- the redline ---------------------------------------------------------------------------------------


def redline(old: str, new: str, labels: tuple[str, str] = ("", "")) -> str:
    """Word-level difference of two plain texts as HTML: deleted words in `<del>`, inserted ones in `<ins>`."""
    a, b = _words(old), _words(new)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    esc = html.escape
    del_label = f'<span class="scoe-vh">{esc(labels[0])} </span>' if labels[0] else ""
    ins_label = f'<span class="scoe-vh">{esc(labels[1])} </span>' if labels[1] else ""
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(esc("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{del_label}{esc(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{ins_label}{esc(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


# --- the record of changes ------------------------------------------------------------------------------


def missing_record(changes: LibraryChanges, lib: Library) -> list[tuple[Publication, str]]:
    """Publications whose text changed since the previous version (English, the reference text) while their
    `changes` front matter has no entry for their edition and version now, with the reason in words.
    The reference text is the default language's (English)."""
    out: list[tuple[Publication, str]] = []
    if not changes.available:
        return out
    for pub_id, pub in sorted(lib.publications.items()):
        pc = changes.of(pub_id, lib.languages.default)
        if pc is None or pc.state != "changed" or not any(p.text_changed for p in pc.paragraphs):
            continue
        meta = pub.source
        recorded = any(c.edition == meta.edition and c.version == meta.version for c in meta.changes)
        bumped = any(m.field in ("edition", "version") for m in pc.meta)
        if not bumped:
            out.append((pub, f"its text changed since {changes.since} but it is still edition {meta.edition} version {meta.version}"))
        elif not recorded:
            out.append((pub, f"its text changed since {changes.since} and `changes` has no entry for "
                              f"edition {meta.edition} version {meta.version}"))
    return out


registry.producer("changes.record_diagnostics", codes.CH002)


def record_diagnostics(changes: LibraryChanges, lib: Library) -> list[Diagnostic]:
    """CH002 for each publication `missing_record` names, at the line of `version` (or `changes`) in its index page
    in the default language
    (a release refuses on them)."""
    out = []
    for pub, why in missing_record(changes, lib):
        default = lib.languages.default
        page = pub.index.get(default) or next(iter(pub.index.values()))
        pc = changes.of(pub.id, default)
        key = "changes" if pc is not None and any(m.field in ("edition", "version") for m in pc.meta) else "version"
        out.append(Diagnostic(page.rel, page.line_of_key(key), 1, codes.CH002, f"{pub.id}: {why}",
                              hint=f"Raise `version` (or `edition`) in both index pages and add an entry for it at the top of `changes`; "
                                   f"`make changes PUB={pub.id}` lists what changed."))
    return out


def release_findings(root: Path, version: str) -> list[Diagnostic]:
    """What `make release VERSION=version` checks about the record of changes: CH002 for each publication whose
    text changed since the previous published version without a new edition or version recorded in
    `changes`, and CH001 when that version cannot be read (the release then goes ahead: nothing to compare)."""
    from .model import load, load_previous

    lib, _ = load(root)
    previous, found = load_previous(root, version)
    return found + record_diagnostics(compare(previous, lib), lib)


def summary_lines(pc: PubChanges, since: str) -> list[str]:
    """The terminal summary of `make changes` (English, for the custodian writing the record of changes)."""
    counts = pc.counts()
    parts = [f"{counts[k]} {k}" for k in KINDS if counts[k]]
    lines = [f"{pc.id} ({pc.lang}) since {since}: " + (", ".join(parts) if parts else "no paragraph changed")
             + (" (a new publication)" if pc.state == "new" else "")]
    for m in pc.meta:
        lines.append(f"  {m.field}: {m.old or '—'} → {m.new or '—'}")
    for c in pc.paragraphs:
        if c.kind == MOVED:
            lines.append(f"  {c.kind:8} {c.old_number} → {c.number}" + (" (text amended)" if c.text_changed else ""))
        else:
            lines.append(f"  {c.kind:8} {c.number or c.old_number}")
    return lines
