"""What every renderer looks up: the library, its strings, its links and names, computed once per build.

`Site` is long-lived and holds no state of the page being rendered (that is `fragments.PageContext`): only
the model, tables derived from it once (who cites what, the resolved references of each page, the
abbreviations' patterns) and a cache of page labels.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Optional

from .. import changes as changes_mod
from .. import refs as refs_mod
from .. import translation, typography, ui
from ..model import Library, Page, Publication
from ..schema import Designations, GlossaryEntry
from .common import CHAPTER_PREFIX_RE, rel_url
from .html import Markup, esc, h
from .navigation import page_order

Resolved = list[tuple[refs_mod.Ref, refs_mod.Resolution]]


class Site:
    def __init__(self, lib: Library, index: Optional[refs_mod.Index] = None, catalogue: Optional[ui.Catalogue] = None,
                 changes: Optional[changes_mod.LibraryChanges] = None,
                 older: Optional[dict[str, changes_mod.LibraryChanges]] = None):
        self.lib = lib
        self.strings = catalogue or lib.catalogue
        self.t = self.strings.t
        self.default = lib.languages.default
        self.changes = changes or changes_mod.none()
        self.older = older or {}  # version -> the changes since it, for each older published version
        self.index = index or refs_mod.Index(lib)
        self.statuses = {(s.key, s.lang): s for s in translation.status(lib)}
        # who cites what: publication id -> lang -> page keys; entry id -> lang -> page keys
        self.cited_by: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.used_in: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._refs: dict[tuple[str, str], Resolved] = {}
        for (key, lang), page in lib.pages.items():
            self._refs[(key, lang)] = resolved = [(r, self.index.resolve(r, lang)) for r in refs_mod.find(page)[0]]
            for _, res in resolved:
                self._count(page, key, lang, res.target)
        self._keys = set(lib.keys())
        self._labels: dict[tuple[str, str], str] = {}
        self.site_order = page_order(lib, self.strings)
        self.abbr_res = {lang: _alternatives(self.index.abbrs[lang]) for lang in lib.languages}

    def _count(self, page: Page, key: str, lang: str, tgt: object) -> None:
        if isinstance(tgt, refs_mod.PubTarget) and (page.publication is None or page.publication.id != tgt.publication.id):
            self.cited_by[tgt.publication.id][lang].add(key)
        elif isinstance(tgt, refs_mod.TermTarget):
            self.used_in[tgt.entry.id][lang].add(key)

    def references(self, page: Page) -> Resolved:
        """The page's references, each with what it resolves to."""
        return self._refs.get((page.key, page.lang), [])

    def has(self, key: str) -> bool:
        return key in self._keys

    # --- strings ----------------------------------------------------------------------------------

    def tm(self, key: str, lang: str, **kw: object) -> Markup:
        """A catalogue string that is HTML (a link in it, `&nbsp;`): the catalogue is trusted, the fields
        are escaped unless they are Markup."""
        return Markup(self.t(key, lang, **{k: esc(v) if isinstance(v, str) else v for k, v in kw.items()}))

    # --- links ------------------------------------------------------------------------------------

    def url(self, key: str, lang: str, anchor: str = "") -> str:
        return self.lib.url(key, lang) + (f"#{anchor}" if anchor else "")

    def pub_url(self, pub: Publication, lang: str, paragraph: str = "", chapter: Optional[int] = None) -> str:
        if paragraph and chapter is not None:
            return self.url(f"{pub.folder}/chapter-{chapter}", lang, paragraph)
        return self.url(f"{pub.folder}/index", lang)

    def area_url(self, area: str, lang: str) -> str:
        return self.url(f"areas/{area}/index", lang)

    def link(self, from_url: str, to_url: str, label: object, cls: str, title: str = "") -> Markup:
        """A link relative to the page at `from_url`; `label` escaped unless Markup."""
        return h("a", {"class": cls, "href": rel_url(from_url, to_url), "title": title or None}, label)

    # --- names ------------------------------------------------------------------------------------

    def title(self, key: str, lang: str) -> str:
        page = self.lib.page(key, lang) or self.lib.page(key, self.default)
        return page.title or key if page else key

    def pub_title(self, pub: Publication, lang: str) -> str:
        return pub.meta_in(lang).title

    def citation(self, pub: Publication, paragraph: str, lang: str) -> str:
        return typography.citation(pub.edition_label, self.t("para", lang), paragraph, lang)

    def designations(self, entry: GlossaryEntry, lang: str) -> Designations:
        return self.index.designations(entry, lang)

    def edition_version(self, pub: Publication, lang: str) -> str:
        """The one notation of edition and version: "Edition A, version 1", « édition A, version 1 »."""
        meta = pub.meta_in(lang)
        return self.t("meta.edition_version", lang, edition=meta.edition, version=meta.version)

    def other(self, lang: str) -> str:
        """The language a chapter is read side by side with, and cited in besides the reader's: the default
        language's counterpart is the first other language; every other language's is the default."""
        others = list(self.lib.languages.others)
        return (others[0] if others else lang) if lang == self.default else self.default

    def page_label(self, key: str, lang: str) -> str:
        """How lists and links name a page: a chapter always with its publication ("SCOE-3.1 · Ch. 2 – Detect,
        catalogue, characterize"), a publication by its reference and title."""
        cached = self._labels.get((key, lang))
        if cached is not None:
            return cached
        page = self.lib.page(key, lang) or self.lib.page(key, self.default)
        title = self.title(key, lang)
        if page is not None and page.publication is not None:
            pub = page.publication
            if page.chapter is None:
                title = f"{pub.id} – {self.pub_title(pub, lang)}"
            else:
                m = CHAPTER_PREFIX_RE.match(title)
                title = f"{pub.id} · {self.t('chapter_short', lang, n=page.chapter)} – {title[m.end():] if m else title}"
        self._labels[(key, lang)] = title
        return title

    def page_link(self, here: str, key: str, lang: str) -> Markup:
        """A link to a page of the library, named by page_label()."""
        return self.link(here, self.url(key, lang), self.page_label(key, lang), "scoe-ref")

    def section_title(self, section: str, lang: str) -> str:
        """A folder of the library as readers know it: the title of its index page ("about" → "À propos")."""
        if section == "home":
            return self.t("crumbs.home", lang)
        if section == "publications":
            return self.t("section.publications", lang)
        key = f"{section}/index"
        return self.title(key, lang) if key in self._keys else section


def _alternatives(words: dict[str, GlossaryEntry]) -> Optional[re.Pattern[str]]:
    """One pattern matching any of the words as a whole word, the longest first; None without words."""
    if not words:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?![\w-])")
