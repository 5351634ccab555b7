"""Which pages a save affects, for the author's preview (`make serve`): the saved page, and the pages whose
rendering depends on it, worked out from two models of the library, before and after the save.

A page's rendering depends on:
- its own text;
- for a translation: the default language's page (the staleness banner and marks), so a change to a page
  re-renders the same page in every language;
- the anchors it links or refers to (`[[SCOE-3.1#2.5]]`, `page.md#2.5`): when a page gains or loses a
  paragraph number or a heading, the pages that cite it are re-rendered;
- which pages cite a publication ("Referenced by" on its front page) and which pages use a glossary term
  ("Used in" in the glossary): when a page's references change, those pages are re-rendered;
- the translation status page, on any change of text.
Everything else (a title, a publication's metadata, the navigation, the data files, a page added or
removed, the interface strings) changes what many pages show: the whole site is rebuilt.

Plain Python over the model; the MkDocs side marks the affected pages modified in a `--dirty` build.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Optional

from . import mdscan
from . import refs as refs_mod
from .model import Library

Key = tuple[str, str]  # (page key, language)
DIRECTIVE_RE = re.compile(r"<!--\s*scoe:(?P<name>[\w-]+)")  # pages whose text the build writes from the whole library


@dataclass(frozen=True)
class PageShape:
    text: str  # hash of the page's text
    title: Optional[str]
    meta: str  # hash of the front matter (a publication's metadata shows on many pages)
    anchors: frozenset[str]
    cites: frozenset[str]  # publications, `publication#paragraph`, terms and pages this page refers to


@dataclass
class Snapshot:
    """What the pages' rendering depends on, for one state of the library."""

    pages: dict[Key, PageShape] = field(default_factory=dict)
    data: str = ""  # hash of the data files and the interface strings
    generated: dict[Key, frozenset[str]] = field(default_factory=dict)  # pages with `<!-- scoe:name -->` -> names
    publication: dict[str, str] = field(default_factory=dict)  # page key -> id of the publication it belongs to


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def snapshot(lib: Library, index: refs_mod.Index) -> Snapshot:
    pages: dict[Key, PageShape] = {}
    generated: dict[Key, frozenset[str]] = {}
    publication = {}
    for (key, lang), page in lib.pages.items():
        if page.publication is not None:
            publication[key] = page.publication.id
        found, _ = refs_mod.find(page)
        cites = set()
        for ref in found:
            res = index.resolve(ref, lang)
            target = res.target
            if isinstance(target, refs_mod.PubTarget):
                cites.add(target.publication.id + (f"#{target.paragraph}" if target.paragraph else ""))
            elif isinstance(target, refs_mod.TermTarget):
                cites.add("term:" + target.entry.id)
        cites |= {"link:" + link.target for link in mdscan.links(page.masked, page.body_start)}
        meta_text = page.text[: page.text.find("\n---", 4)] if page.text.startswith("---") else ""
        pages[(key, lang)] = PageShape(_hash(page.text), page.title, _hash(meta_text), frozenset(page.anchors), frozenset(cites))
        if "<!--" in page.body and (names := frozenset(m.group("name") for m in DIRECTIVE_RE.finditer(page.body))):
            generated[(key, lang)] = names
    data = _hash("\0".join(f"{rel}\0{text}" for rel, text in sorted(lib.raw_data.items()))
                 + repr(sorted((lang, sorted(s.items())) for lang, s in lib.catalogue.strings.items())))
    return Snapshot(pages, data, generated, publication)


def affected(old: Optional[Snapshot], new: Snapshot) -> Optional[set[Key]]:
    """The pages to render again after a save; None when the whole site must be rebuilt."""
    if old is None or old.data != new.data or set(old.pages) != set(new.pages):
        return None
    changed = [k for k, shape in new.pages.items() if shape != old.pages[k]]
    if not changed:
        return set()
    out: set[Key] = set(changed)
    for key, lang in changed:
        before, after = old.pages[(key, lang)], new.pages[(key, lang)]
        if before.title != after.title or before.meta != after.meta:
            return None  # navigation, catalogue, banners, citations' labels: many pages show it
        out |= {k for k in new.pages if k[0] == key}  # its other languages (staleness banners and marks)
        if before.anchors != after.anchors:  # the pages that cite it: their links may now land or not
            out |= _citing(new, key, before.anchors ^ after.anchors)
        if before.cites != after.cites:  # "Referenced by" of the publications cited, "Used in" of the terms
            moved = before.cites ^ after.cites
            out |= _generated(new, "glossary")  # "Used in"
            cited = {c.split("#")[0] for c in moved}
            out |= {k for k in new.pages if k[0].endswith("/index") and new.publication.get(k[0]) in cited}
    out |= _generated(new, "translation-status")  # it lists every page's state
    return out


def shows_changes_of(affected: set[Key], generated: str) -> bool:
    """Whether the generated page `generated` (a key without source file) may show what the pages
    `affected` changed: a publication's change page (`<publication>/changes`) when a page of that
    publication is affected, the library-wide ones (what's new) when any page is."""
    if not affected:
        return False
    if generated.endswith("/changes"):
        folder = generated[: -len("changes")]
        return any(key.startswith(folder) for key, _ in affected)
    return True


def _generated(snap: Snapshot, name: str) -> set[Key]:
    return {k for k, names in snap.generated.items() if name in names}


def _citing(snap: Snapshot, key: str, anchors: frozenset[str]) -> set[Key]:
    """The pages that cite one of `anchors` of the page `key`: by `[[ID#n]]`, or by a link to the page."""
    pub = snap.publication.get(key)
    wanted = {f"{pub}#{a}" for a in anchors} if pub else set()
    stem = key.rsplit("/", 1)[-1]
    return {k for k, shape in snap.pages.items()
            if shape.cites & wanted or any(c.startswith("link:") and stem in c for c in shape.cites)}
