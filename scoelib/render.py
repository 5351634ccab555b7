"""From author Markdown to the Markdown MkDocs renders: references, paragraphs, banners, generated pages.

Everything here is a pure function of the model: `Renderer(lib).page_markdown(page, site_lang)` returns
a `Rendered`: the text to hand to the Markdown engine, and the HTML it stands for. `site_lang` is the
language of the site being built; it differs from `page.lang` when the French site shows an English page
whose translation is pending.

The generated markup (references, glossary tooltips, paragraph wrappers, banners, metadata, generated
lists) never goes through the Markdown engine: each fragment is replaced by a token of private-use
characters, which Markdown leaves alone, and `Rendered.html()` puts the fragments back into the
converted page. Converting the markup itself cost Python-Markdown twice the time of the author's text
(see bench/README.md). Headings keep their markup inline: the table of contents is built from it.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Optional

from . import changes as changes_mod
from . import directives, translation, typography, ui
from . import refs as refs_mod
from .directives import DIRECTIVE_RE
from .kit import names
from .model import Library, Page, Publication
from .schema import CORE_AREAS, Designations, GlossaryEntry, localized
from .style import render_html
from .typography import colon
from .typography import date as fmt_date

# an admonition without a title of its own (`!!! note`, `??? tip`): Material would title it in English
ADMONITION_RE = re.compile(r"^(?P<head>[ \t]*(?:!!!|\?\?\?\+?) ?(?P<type>[\w-]+))[ \t]*$", re.M)
GLOSSARY_KEY = "glossary/index"
CATALOGUE_KEY = "catalogue/index"
STANDARDS_KEY = "standards/index"
WHATS_NEW_KEY = "whats-new/index"  # generated page, no source file (hooks add it per language)
ESC = html.escape


# A token is U+E000, the fragment's number written with U+E010…U+E019, U+E001: no character of it is a
# word character or Markdown syntax, so no extension (abbreviations included) changes or splits it.
_TOKEN_DIGITS = str.maketrans("0123456789", "".join(chr(0xE010 + d) for d in range(10)))
_TOKEN_NUMBER = str.maketrans("".join(chr(0xE010 + d) for d in range(10)), "0123456789")
TOKEN_RE = re.compile("(<p>)?\ue000([\ue010-\ue019]+)\ue001(</p>)?")
INLINE, BLOCK, PARA_START, PARA_END = "inline", "block", "para-start", "para-end"


@dataclass
class Rendered:
    """A page ready for the Markdown engine, and the fragments its tokens stand for."""

    markdown: str
    fragments: list[tuple[str, str]] = field(default_factory=list)  # kind, HTML
    lang: str = ""  # the site's language
    meta: dict = field(default_factory=dict)  # for the templates (page.meta): scoe_pager
    search_title: Optional[str] = None  # the title search results give the page ("SCOE-3.1 · Ch. 2 – …")
    context: str = ""  # breadcrumbs and publication line, put before the h1 (MkDocs takes the title from a first h1)
    permalink: tuple[str, str] = ("", "")  # the headings' permalink title from mkdocs.yml, and in the site's language

    def html(self, converted: str) -> str:
        """The converted page with every token replaced by its fragment.

        An inline fragment replaces its token; a block fragment (a token alone between blank lines)
        replaces the paragraph Markdown made of it; a numbered paragraph's opening wrapper goes before
        the paragraph that starts with its token, and its closing one replaces the paragraph of its own.
        """
        old, new = self.permalink
        if old and new and old != new:  # toc.permalink_title is one value for every language (mkdocs.yml)
            converted = converted.replace(f'title="{old}"', f'title="{ESC(new)}"')
        # the title search results give the page (Pagefind's meta "title", not indexed as text); then the context
        head = self.context + (f'<span hidden data-pagefind-ignore data-pagefind-meta="title">{ESC(self.search_title)}</span>'
                               if self.search_title else "")
        if head:
            at = converted.find("<h1")
            converted = converted[:at] + head + converted[at:] if at >= 0 else head + converted
        if "\ue000" not in converted:
            return converted
        frags = self.fragments

        def put(m: re.Match) -> str:
            n = int(m.group(2).translate(_TOKEN_NUMBER))
            if n >= len(frags):
                return m.group(0)
            kind, frag = frags[n]
            p, end_p = m.group(1) or "", m.group(3) or ""
            if kind == BLOCK and p and end_p or kind == PARA_END and p and end_p:
                return frag
            if kind == PARA_START:
                opening, rest = frag.split("\n", 1)
                return opening + p + rest + end_p
            return p + frag + end_p

        return TOKEN_RE.sub(put, converted)




def _token(n: int) -> str:
    return "\ue000" + str(n).translate(_TOKEN_DIGITS) + "\ue001"


_SETEXT_RE = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_STRONG_RE = re.compile(r"\*\*(.+?)\*\*")


def rel_url(from_url: str, to_url: str) -> str:
    """Relative link between two site-relative directory URLs ("fr/a/b/" → "fr/c/" gives "../../c/")."""
    path, _, frag = to_url.partition("#")
    return _rel_path(from_url or "", path) + (f"#{frag}" if frag else "")


@lru_cache(maxsize=65536)
def _rel_path(from_url: str, path: str) -> str:
    rel = posixpath.relpath("/" + path, "/" + from_url)
    if rel == ".":
        return "./"
    if path.endswith("/") or path == "":
        return rel + "/"
    return rel


def term_anchor(entry: GlossaryEntry) -> str:
    return f"term-{entry.id}"


def std_anchor(std_id: str) -> str:
    return "std-" + re.sub(r"[^a-z0-9]+", "-", std_id.lower()).strip("-")


def sort_key(text: str, lang: str) -> tuple:
    """Dictionary order: accents ignored (é files with e), then case, then accents."""
    base = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    base = re.sub(r"[^\w ]", " ", base).casefold().strip()
    return (base, text.casefold(), text)


def initial(text: str) -> str:
    base = unicodedata.normalize("NFD", text)[0].upper()
    return base if base.isalpha() else "#"


def changes_key(pub: Publication) -> str:
    """The key of a publication's change page (generated, no source file): `<publication>/changes/`."""
    return f"{pub.folder}/changes"


class Renderer:
    def __init__(self, lib: Library, index: Optional[refs_mod.Index] = None, catalogue: Optional[ui.Catalogue] = None,
                 changes: Optional[changes_mod.LibraryChanges] = None):
        self.lib = lib
        self.strings = catalogue or lib.catalogue
        self.t = self.strings.t
        self.default = lib.languages.default
        self.changes = changes or changes_mod.none()
        self.index = index or refs_mod.Index(lib)
        self.statuses = {(s.key, s.lang): s for s in translation.status(lib)}
        # who cites what: publication id -> lang -> page keys; entry id -> lang -> page keys
        self.cited_by: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.used_in: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._refs: dict[tuple[str, str], list[tuple[refs_mod.Ref, refs_mod.Resolution]]] = {}
        for (key, lang), page in lib.pages.items():
            found, _ = refs_mod.find(page)
            resolved = [(r, self.index.resolve(r, lang)) for r in found]
            self._refs[(key, lang)] = resolved
            for _, res in resolved:
                tgt = res.target
                if isinstance(tgt, refs_mod.PubTarget) and (page.publication is None or page.publication.id != tgt.publication.id):
                    self.cited_by[tgt.publication.id][lang].add(key)
                elif isinstance(tgt, refs_mod.TermTarget):
                    self.used_in[tgt.entry.id][lang].add(key)
        self._keys = set(lib.keys())
        self._labels: dict[tuple[str, str], str] = {}
        self._site_order = [k for k in _flatten(navigation(lib, self.strings)[0]) if not k.startswith("publications/")]
        self.abbr_res = {lang: re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, self.index.abbrs[lang]), key=len, reverse=True)) + r")(?![\w-])")
                         if self.index.abbrs[lang] else None for lang in lib.languages}

    # --- links ----------------------------------------------------------------------------------

    def url(self, key: str, lang: str, anchor: str = "") -> str:
        return self.lib.url(key, lang) + (f"#{anchor}" if anchor else "")

    def pub_url(self, pub: Publication, lang: str, paragraph: str = "", chapter: Optional[int] = None) -> str:
        if paragraph and chapter is not None:
            return self.url(f"{pub.folder}/chapter-{chapter}", lang, paragraph)
        return self.url(f"{pub.folder}/index", lang)

    def title(self, key: str, lang: str) -> str:
        page = self.lib.page(key, lang) or self.lib.page(key, self.default)
        return page.title or key if page else key

    def pub_title(self, pub: Publication, lang: str) -> str:
        meta = pub.meta_in(lang)
        return meta.title

    def citation(self, pub: Publication, paragraph: str, lang: str) -> str:
        return typography.citation(pub.edition_label, self.t("para", lang), paragraph, lang)

    def designations(self, entry: GlossaryEntry, lang: str) -> Designations:
        return self.index.designations(entry, lang)

    def link(self, from_url: str, to_url: str, label: str, cls: str, title: str = "") -> str:
        title_attr = f' title="{ESC(title)}"' if title else ""
        return f'<a class="{cls}" href="{ESC(rel_url(from_url, to_url))}"{title_attr}>{label}</a>'

    # --- fragments kept out of the Markdown engine ------------------------------------------------

    def _stash(self, kind: str, html_text: str) -> str:
        self._frags.append((kind, html_text))
        return _token(len(self._frags) - 1)

    def _inline(self, html_text: str) -> str:
        return self._stash(INLINE, html_text)

    def _block(self, html_text: str) -> str:
        """A block of HTML, as a line of its own; the caller surrounds it with blank lines."""
        return self._stash(BLOCK, html_text.strip())

    # --- the page ---------------------------------------------------------------------------------

    def page_markdown(self, page: Page, site_lang: str) -> Rendered:
        here = self.lib.url(page.key, site_lang)
        lines = page.body.split("\n")
        self._tip_counter = 0
        self._frags: list[tuple[str, str]] = []
        frags = self._frags
        # 1. references, line by line (a reference never spans lines)
        resolved = self._refs.get((page.key, page.lang), [])
        by_line: dict[int, list] = defaultdict(list)
        for ref, res in resolved:
            by_line[ref.line - page.body_start].append((ref, res))
        for i, items in by_line.items():
            line = lines[i]
            # in a heading the markup stays inline: the table of contents is made from it
            heading = line.lstrip(" ").startswith("#") or (i + 1 < len(lines) and _SETEXT_RE.match(lines[i + 1]) is not None)
            for ref, res in sorted(items, key=lambda x: -x[0].column):
                start = ref.column - 1
                end = start + (ref.end - ref.start)
                markup = self.ref_html(ref, res, here, site_lang, tooltip=not heading)
                line = line[:start] + (markup if heading else self._inline(markup)) + line[end:]
            lines[i] = line
        # admonitions without a title of their own, titled in the page's language (not inside code)
        if page.lang != self.default and ("!!!" in page.masked or "???" in page.masked):
            for m in ADMONITION_RE.finditer(page.masked):
                i = page.masked.count("\n", 0, m.start())
                lines[i] = ADMONITION_RE.sub(lambda found: self._admonition_title(found, page.lang), lines[i])
        # escaped \[[ become literal [[
        lines = [re.sub(r"\\\[\[", "&#91;&#91;", ln) if "\\[[" in ln else ln for ln in lines]
        # 2. numbered paragraphs
        status = self.statuses.get((page.key, page.lang))
        stale = set(status.stale_paragraphs) if status and status.state == translation.STALE else set()
        if page.paragraphs:
            lines = self._wrap_paragraphs(page, lines, site_lang, stale)
        text = "\n".join(lines)
        # 3. generated content
        text = DIRECTIVE_RE.sub(lambda m: self.directive(m.group("name"), dict(a.split("=") for a in m.group("args").split()), page, site_lang), text)
        # 4. banners and metadata under the title, publication apparatus at the end
        top, bottom = self._apparatus(page, site_lang, here)
        context = self.breadcrumbs(page, site_lang, here) + self.pubhead(page, site_lang, here)
        fallback = page.lang != site_lang
        out = []
        inserted = False
        blocks = [x for b in top for x in ("", self._block(b), "")]
        for ln in text.split("\n"):
            out.append(ln)
            if not inserted and ln.lstrip().startswith("# "):
                out.append("")
                out.extend(blocks)
                if fallback:
                    out += ["", self._block(f'<div lang="{page.lang}">'), ""]
                inserted = True
        if not inserted:
            out = blocks + out
        if fallback and inserted:
            out += ["", self._block("</div>"), ""]
        out.extend(bottom)
        # 5. abbreviations used in the page, expanded in the page's language
        out.extend(self._abbreviations(text, page.lang))
        self._frags = []
        search_title = self.page_label(page.key, site_lang) if page.publication is not None else None
        return Rendered("\n".join(out) + "\n", frags, site_lang, {"scoe_pager": self.pager(page.key, site_lang)}, search_title,
                        context, (self.t("permalink", self.default), self.t("permalink", site_lang)))

    def _admonition_title(self, m: re.Match, lang: str) -> str:
        """`!!! note` titled in the page's language, from the catalogue (`admonition.note`)."""
        key = f"admonition.{m.group('type').lower()}"
        if not self.strings.has(key, ui.REFERENCE):
            return m.group(0)
        return f'{m.group("head")} "{self.t(key, lang)}"'

    def _admonition_title(self, m: re.Match, lang: str) -> str:
        """`!!! note` titled in the page's language, from the catalogue (`admonition.note`)."""
        key = f"admonition.{m.group('type').lower()}"
        if not self.strings.has(key, ui.REFERENCE):
            return m.group(0)
        return f'{m.group("head")} "{self.t(key, lang)}"'

    def ref_html(self, ref: refs_mod.Ref, res: refs_mod.Resolution, here: str, lang: str, tooltip: bool = True) -> str:
        """The link a reference becomes. A term's link carries its definition as a tooltip, except in a
        heading, whose text also names the table of contents' entry and the heading's anchor."""
        tgt = res.target
        if tgt is None:
            return ESC(f"[[{ref.written}]]")  # the check reports it; the build fails before publishing
        if isinstance(tgt, refs_mod.PubTarget):
            pub = tgt.publication
            if tgt.paragraph:
                label = ESC(ref.label) if ref.label else self.citation(pub, tgt.paragraph, lang)
                return self.link(here, self.pub_url(pub, lang, tgt.paragraph, tgt.chapter), label, "scoe-ref scoe-ref--para",
                                 self.pub_title(pub, lang))
            label = ESC(ref.label) if ref.label else ESC(pub.id)
            return self.link(here, self.pub_url(pub, lang), label, "scoe-ref", f"{pub.id} – {self.pub_title(pub, lang)}")
        if isinstance(tgt, refs_mod.StandardTarget):
            label = ESC(ref.label) if ref.label else ESC(ref.target)
            return self.link(here, self.url(STANDARDS_KEY, lang, std_anchor(tgt.entry.id)), label, "scoe-ref scoe-ref--std",
                             localized(tgt.entry.title, lang, self.default))
        entry = tgt.entry
        d = self.designations(entry, lang)
        if not tooltip:
            href = ESC(rel_url(here, self.url(GLOSSARY_KEY, lang, term_anchor(entry))))
            return f'<span class="scoe-term"><a class="scoe-term__link" href="{href}">{ESC(ref.label or tgt.written)}</a></span>'
        self._tip_counter += 1
        tip_id = f"scoe-tip-{self._tip_counter}"
        label = ESC(ref.label or tgt.written)
        href = ESC(rel_url(here, self.url(GLOSSARY_KEY, lang, term_anchor(entry))))
        abbr = f" ({', '.join(d.abbr)})" if d.abbr else ""
        status = f'<span class="scoe-tip__status">{ESC(self.t("term." + (d.status or entry.status), lang))}</span>'
        return (f'<span class="scoe-term"><a class="scoe-term__link" href="{href}" aria-describedby="{tip_id}">{label}</a>'
                f'<span class="scoe-tip" role="tooltip" id="{tip_id}" lang="{lang}" data-search-exclude><strong>{ESC(d.term)}{ESC(abbr)}</strong>{colon(lang)} {ESC(d.definition)}{status}</span></span>')

    def _wrap_paragraphs(self, page: Page, lines: list[str], lang: str, stale: set[str]) -> list[str]:
        pub = page.publication
        starts = {p.line - page.body_start: p for p in page.paragraphs}
        ends = {p.end_line - page.body_start: p for p in page.paragraphs}
        out: list[str] = []
        for i, line in enumerate(lines):
            if i in starts:
                p = starts[i]
                cite = self.citation(pub, p.number, lang) if pub else p.number
                cls = "scoe-para scoe-para--stale" if p.number in stale else "scoe-para"
                rest = line[len(p.number):].lstrip()
                badge = f'<span class="scoe-stale-badge">{self.t("stale_para", lang)}</span> ' if p.number in stale else ""
                # the national review's comment action (scoe-review.js) reads the publication and version here
                review = f' data-scoe-pub="{ESC(pub.id)}" data-scoe-edition="{ESC(pub.source.edition)}" data-scoe-version="{pub.source.version}" data-scoe-cite="{ESC(cite)}"' if pub else ""
                mark = self.changes.mark(pub.id, lang, p.number) if pub else None
                change, bar = "", ""
                if mark and pub:
                    label = self.t(f"changes.mark.{mark[0]}", lang, since=self.changes.since)
                    href = rel_url(self.lib.url(page.key, lang), self.url(changes_key(pub), lang, mark[1]))
                    change = f' data-change="{mark[0]}"'
                    bar = (f'<a class="scoe-change-mark scoe-change-mark--{mark[0]}" href="{ESC(href)}" title="{ESC(label)}">'
                           f'<span class="scoe-vh">{ESC(label)}</span></a>')
                start = f'<div class="{cls}" id="{p.number}"{review}{change}>{self._para_head(p.number, cite, lang)}{bar}\n{badge}'
                out += ["", self._stash(PARA_START, start) + rest]
            else:
                out.append(line)
            if i in ends:
                out += ["", self._stash(PARA_END, "</div>"), ""]
        return out

    def _para_head(self, number: str, cite: str, lang: str) -> str:
        """The paragraph's hanging head: its number (the permalink) and its actions.

        Extension point: `.scoe-para__actions` holds one `<button class="scoe-para__action …">` per action, in
        order; the national-review issue (#21) appends its "Comment" button there (same class: it gets the
        size, the hover/focus reveal and the touch behaviour). The change mark of #19 does not go in here: it
        is a `data-change` attribute on the `.scoe-para` itself, drawn by CSS as a bar in the free strip left of
        the head (see scoe.css, "change bar")."""
        label = ESC(self.t("cite.menu", lang, n=number))
        return (f'<div class="scoe-para__head">'
                f'<a class="scoe-para__num" href="#{number}" title="{ESC(self.t("permalink_para", lang))} {number}">{number}</a>'
                f'<span class="scoe-para__actions">'
                f'<button type="button" class="scoe-para__action scoe-cite" data-cite="{ESC(cite)}" aria-label="{label}" '
                f'title="{label}" aria-expanded="false"></button></span></div>')

    # --- context: where the reader is --------------------------------------------------------------

    def _other(self, lang: str) -> str:
        """The language a chapter is read side by side with, and cited in besides the reader's: the default
        language's counterpart is the first other language; every other language's is the default."""
        others = list(self.lib.languages.others)
        return (others[0] if others else lang) if lang == self.default else self.default

    def edition_version(self, pub: Publication, lang: str) -> str:
        """The one notation of edition and version: "Edition A, version 1", « édition A, version 1 »."""
        meta = pub.meta_in(lang)
        return self.t("meta.edition_version", lang, edition=meta.edition, version=meta.version)

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
                m = _CHAPTER_PREFIX_RE.match(title)
                title = f"{pub.id} · {self.t('chapter_short', lang, n=page.chapter)} – {title[m.end():] if m else title}"
        self._labels[(key, lang)] = title
        return title

    def breadcrumbs(self, page: Page, lang: str, here: str) -> str:
        """Library › core area › SCOE-3.1 › Chapter 2, on every page but the home page."""
        if page.key == "index":
            return ""
        items = [(self.t("crumbs.home", lang), self.url("index", lang))]
        pub = page.publication
        if pub is not None:
            area = pub.source.core_area
            area_key = f"areas/{area}/index"
            items.append((self.t("area." + area, lang), self.url(area_key if area_key in self._keys else CATALOGUE_KEY, lang)))
            if page.chapter is not None:
                items.append((pub.id, self.pub_url(pub, lang)))
                current = f"{self.t('chapter', lang)} {page.chapter}"
            else:
                current = pub.id
        else:
            folder = posixpath.dirname(page.key[: -len("/index")] if page.key.endswith("/index") else page.key)
            parent = f"{folder}/index" if folder else None
            if parent in self._keys and parent != page.key:
                items.append((self.title(parent, lang), self.url(parent, lang)))
            current = self.title(page.key, lang)
        links = "".join(f"<li>{self.link(here, url, ESC(label), 'scoe-crumbs__link')}</li>" for label, url in items)
        return (f'<nav class="scoe-crumbs" aria-label="{ESC(self.t("crumbs", lang))}"><ol>{links}'
                f'<li><span aria-current="page">{ESC(current)}</span></li></ol></nav>')

    def pubhead(self, page: Page, lang: str, here: str) -> str:
        """Above the title of every page of a publication: its reference and title, edition and version, status
        and date; on a chapter, the side-by-side toggle and the forms of citation the paragraphs offer."""
        pub = page.publication
        if pub is None:
            return ""
        meta = pub.meta_in(lang)
        ref = ESC(pub.edition_label)
        ref_html = (self.link(here, self.pub_url(pub, lang), ref, "scoe-pubhead__ref") if page.chapter is not None
                    else f'<span class="scoe-pubhead__ref">{ref}</span>')
        parts = [f'<div class="scoe-pubhead" role="group" aria-label="{ESC(self.t("pubhead", lang))}">',
                 f'<p class="scoe-pubhead__pub">{ref_html} <span class="scoe-pubhead__title">{ESC(meta.title)}</span></p>',
                 f'<p class="scoe-chapter-meta">{ESC(self.edition_version(pub, lang))} · '
                 f'<span class="scoe-badge scoe-badge--{meta.status}">{ESC(self.t("status." + meta.status, lang))}</span> · {fmt_date(meta.date, lang)}</p>']
        if page.chapter is not None:
            parts.append(self._chapter_tools(page, pub, lang, here))
        parts.append("</div>")
        return "".join(parts)

    def _chapter_tools(self, page: Page, pub: Publication, lang: str, here: str) -> str:
        """The side-by-side toggle (scoe.js shows it) and the citation menu's template (scoe.js clones it
        into a paragraph's head): every word of them comes from the string catalogue, here."""
        other = self._other(lang)
        key = page.key
        other_href = ESC(rel_url(here, self.lib.url(key, other)))
        out = []
        langs = pub.chapters.get(page.chapter, {})
        if page.lang == lang and other in langs and lang in langs:
            out.append(f'<button type="button" class="scoe-sbs-toggle" hidden aria-pressed="false" data-other="{other_href}" '
                       f'data-other-lang="{other}" data-failed="{ESC(self.t("sbs.failed", lang))}">{ESC(self.t("sbs.on", lang))}</button>')
        forms = []
        for form, text, href in (
                ("full", self._full_citation(pub, lang, "{url}"), ""),
                ("short", self.citation(pub, "{n}", lang), ""),
                ("other", self._full_citation(pub, other, "{url}"), other_href),
                ("link", "{url}", "")):
            href_attr = f' data-href="{href}"' if href else ""
            other_lang = f' lang="{other}"' if form == "other" else ""
            forms.append(f'<button type="button" class="scoe-cite-menu__item" data-form="{form}" data-text="{ESC(text)}"{href_attr}>'
                         f'<span class="scoe-cite-menu__label">{ESC(self.t("cite." + form, lang))}</span>'
                         f'<span class="scoe-cite-menu__text"{other_lang}></span></button>')
        out.append(f'<div class="scoe-cite-template" hidden data-copied="{ESC(self.t("cite.copied", lang))}">'
                   f'<div class="scoe-cite-menu" role="group">{"".join(forms)}</div></div>')
        return "".join(out)

    def _full_citation(self, pub: Publication, lang: str, url: str) -> str:
        meta = pub.meta_in(lang)
        return self.t("cite.full_text", lang, id=pub.edition_label, title=meta.title, edition=self.edition_version(pub, lang),
                 date=fmt_date(meta.date, lang), n="{n}", url=url)

    def pager(self, key: str, lang: str) -> dict:
        """Previous and next for the footer: in a publication, its own pages (index, then chapters) and nothing
        else; elsewhere the library's other pages in navigation order, never into a publication."""
        page = self.lib.page(key, lang) or self.lib.page(key, self.default)
        if page is not None and page.publication is not None:
            pub = page.publication
            seq = [f"{pub.folder}/index"] + [f"{pub.folder}/chapter-{n}" for n in sorted(pub.chapters)]
        else:
            seq = self._site_order
        if key not in seq:
            return {}
        i = seq.index(key)
        out = {}
        for name, j in (("previous", i - 1), ("next", i + 1)):
            if 0 <= j < len(seq):
                label = self.page_label(seq[j], lang)
                out[name] = {"url": self.url(seq[j], lang), "label": label, "aria": self.t(f"pager.{name}", lang, label=label)}
        return out

    def _apparatus(self, page: Page, lang: str, here: str) -> tuple[list[str], list[str]]:
        top: list[str] = []
        bottom: list[str] = []
        status = self.statuses.get((page.key, page.lang))
        if lang != self.default and page.lang != lang:
            top.append(self.banner("pending", self.t("banner.pending", lang)))
        elif status and status.state == translation.STALE:
            paras = ""
            if status.stale_paragraphs:
                listing = ", ".join(f'<a href="#{n}">{n}</a>' for n in status.stale_paragraphs)
                paras = self.t("banner.stale_paras", lang, list=listing)
            source_url = rel_url(here, self.lib.url(page.key, self.default))
            top.append(self.banner("stale", self.t("banner.stale", lang, date=fmt_date(status.source_changed, lang), paras=paras,
                                           source_url=source_url, source_lang=self.default)))
        pub = page.publication
        if pub is None:
            return top, bottom
        top.append(self._status_banner(pub, lang, here))
        if page.chapter is None:
            top.append(self.metadata_block(pub, lang, here))
            bottom += self._contents(pub, lang, here) + self._changes(pub, lang) + self._referenced_by(pub, lang, here)
        return [x for x in top if x], bottom

    def banner(self, kind: str, text: str) -> str:
        """`text` is HTML but for `**strong**` (the interface strings' only Markdown)."""
        body = _STRONG_RE.sub(r"<strong>\1</strong>", text)
        return f'<div class="scoe-banner scoe-banner--{kind}" role="note">\n<p>{body}</p>\n</div>\n'

    def _status_banner(self, pub: Publication, lang: str, here: str) -> str:
        meta = pub.source
        if meta.status == "superseded" and meta.superseded_by in self.lib.publications:
            new = self.lib.publications[meta.superseded_by]
            link = self.link(here, self.pub_url(new, lang), ESC(f"{new.id} – {self.pub_title(new, lang)}"), "scoe-ref")
            return self.banner("superseded", self.t("banner.superseded", lang, link=link))
        if meta.status in ("study", "draft", "ratification-draft", "cancelled"):
            return self.banner(meta.status, self.t(f"banner.{meta.status}", lang))
        return ""

    def metadata_block(self, pub: Publication, lang: str, here: str) -> str:
        meta = pub.meta_in(lang)
        custodian = self.lib.custodians.get(meta.custodian)
        rows = [
            (self.t("meta.id", lang), ESC(pub.edition_label)),
            (self.t("meta.status", lang), f'<span class="scoe-badge scoe-badge--{meta.status}">{ESC(self.t("status." + meta.status, lang))}</span>'),
            (self.t("meta.date", lang), fmt_date(meta.date, lang)),
            (self.t("meta.custodian", lang), ESC(localized(custodian, lang, self.default) if custodian else meta.custodian)),
            (self.t("meta.core_area", lang), self.link(here, self.area_url(meta.core_area, lang), ESC(self.t("area." + meta.core_area, lang)), "scoe-ref")
             if meta.core_area != "cross-cutting" else ESC(self.t("area.cross-cutting", lang))),
            (self.t("meta.releasability", lang), ESC(self.t("meta.public", lang))),
        ]
        rows.append((self.t("kit.pdf", lang), self.pdf_links(pub, lang, here)))
        for key, ids in (("supersedes", meta.supersedes), ("superseded_by", [meta.superseded_by] if meta.superseded_by else [])):
            links = [self.link(here, self.pub_url(self.lib.publications[i], lang), ESC(i), "scoe-ref") if i in self.lib.publications else ESC(i) for i in ids]
            if links:
                rows.append((self.t(f"meta.{key}", lang), ", ".join(links)))
        rows.append((self.t("meta.changes", lang), self.link(here, self.url(changes_key(pub), lang), self.changes_summary(pub, lang), "scoe-ref")))
        pdf = self.t("kit.pdf", lang)
        body = "".join(f'<dt class="scoe-meta__pdf">{ESC(k)}</dt><dd class="scoe-meta__pdf">{v}</dd>' if k == pdf else f"<dt>{ESC(k)}</dt><dd>{v}</dd>"
                       for k, v in rows)
        return f'<dl class="scoe-meta" aria-label="{ESC(self.t("meta.publication", lang))}">{body}</dl>\n'

    def pdf_links(self, pub: Publication, lang: str, here: str) -> str:
        """The publication's PDF in each language, with its size once the release kit has made it."""
        links = []
        for other in self.lib.languages:
            m = pub.meta_in(other)
            name = names.pdf_name(pub.id, m.edition, m.version, other)
            links.append(f'<a class="scoe-pdf" href="{ESC(rel_url(here, names.DOWNLOADS + name))}" hreflang="{other}" lang="{other}" type="application/pdf">'
                         f'{ESC(self.lib.languages.names.get(other, other))}</a> {names.size_placeholder(name)}')
        return " · ".join(links)

    def downloads(self, lang: str, here: str) -> str:
        """The Downloads page: every PDF of the version, the offline library, the open data. The sizes and
        the offline library's link are filled in by the release kit (scoelib.kit), which makes the files."""
        out = [ESC(self.t("downloads.intro", lang)), "", self._block(f'<p class="scoe-downloads-none">{_code(self.t("downloads.none", lang))}</p>'), "",
               f"## {self.t('downloads.pdfs', lang)} {{#pdf}}", "",
               f"| {self.t('meta.id', lang)} | {self.t('meta.publication', lang)} | {self.t('meta.edition', lang)} | {self.t('kit.pdf', lang)} |", "|---|---|---|---|"]
        for pub in sorted(self.lib.publications.values(), key=lambda p: [int(x) for x in re.findall(r"\d+", p.id)]):
            meta = pub.meta_in(lang)
            out.append(f"| {self.link(here, self.pub_url(pub, lang), ESC(pub.id), 'scoe-ref')} | {ESC(meta.title)} | {meta.edition}/{meta.version} | "
                       f"{self._inline(self.pdf_links(pub, lang, here))} |")
        out += ["", f"## {self.t('downloads.bundle', lang)} {{#offline}}", "", self._block(f'<p>{_code(self.t("downloads.bundle.text", lang))}</p>'), "",
                self._block('<p class="scoe-downloads-bundle" data-scoe-bundle></p>'), "",
                f"## {self.t('downloads.data', lang)} {{#data}}", "",
                self._block(f'<p>{ESC(self.t("downloads.data.text", lang))} <a href="{ESC(rel_url(here, names.DATA))}" type="application/json">library.json</a> '
                            f'{names.size_placeholder(names.DATA)} · <a href="{ESC(rel_url(here, names.DATA_SCHEMA))}" type="application/json">library.schema.json</a></p>'),
                "", self._block(f'<p><a href="{ESC(rel_url(here, names.DOWNLOADS + names.SUMS))}" type="text/plain">{ESC(self.t("downloads.sums", lang))}</a></p>'), ""]
        return "\n".join(out)

    def area_url(self, area: str, lang: str) -> str:
        return self.url(f"areas/{area}/index", lang)

    def _contents(self, pub: Publication, lang: str, here: str) -> list[str]:
        items = []
        for n in sorted(pub.chapters):
            key = f"{pub.folder}/chapter-{n}"
            items.append(f"<li>{self.link(here, self.url(key, lang), ESC(self.title(key, lang)), 'scoe-ref')}</li>")
        if not items:
            return []
        return ["", f"## {self.t('chapters.title', lang)} {{#contents}}", "", self._block(f'<ol class="scoe-contents">{"".join(items)}</ol>'), ""]

    def _changes(self, pub: Publication, lang: str) -> list[str]:
        meta = pub.meta_in(lang)
        if not meta.changes:
            return []
        out = ["", f"## {self.t('changes.title', lang)} {{#record-of-changes}}", "",
               f"| {self.t('meta.edition', lang)} | {self.t('meta.date', lang)} | {self.t('changes.summary', lang)} |", "|---|---|---|"]
        for c in meta.changes:
            out.append(f"| {ESC(self.t('meta.edition_version', lang, edition=c.edition, version=c.version))} | {fmt_date(c.date, lang)} | {c.summary.replace('|', '&#124;')} |")
        return out + [""]

    def _referenced_by(self, pub: Publication, lang: str, here: str) -> list[str]:
        keys = sorted(self.cited_by.get(pub.id, {}).get(lang, set()))
        out = ["", f"## {self.t('referenced_by.title', lang)} {{#referenced-by}}", ""]
        if not keys:
            return out + [self.t("referenced_by.none", lang), ""]
        items = []
        for key in keys:
            items.append(f"<li>{self.link(here, self.url(key, lang), ESC(self.page_label(key, lang)), 'scoe-ref')}</li>")
        return out + [self._block(f'<ul class="scoe-backlinks">{"".join(items)}</ul>'), ""]

    def _abbreviations(self, text: str, lang: str) -> list[str]:
        rx = self.abbr_res.get(lang)
        if rx is None:
            return []
        masked = re.sub(r"<[^>]*>", " ", text)  # not inside generated tags' attributes
        used = sorted(set(rx.findall(masked)))
        if not used:
            return []
        out = [""]
        for a in used:
            entry = self.index.abbrs[lang][a]
            out.append(f"*[{a}]: {self.designations(entry, lang).term}")
        return out

    # --- what changed since the previous published version (scoelib.changes) -------------------------

    def generated_keys(self) -> list[str]:
        """Pages without a source file: each publication's change page and the library's what's new."""
        return [WHATS_NEW_KEY] + [changes_key(p) for p in self.lib.publications.values()]

    def generated_markdown(self, key: str, lang: str) -> Optional[Rendered]:
        self._frags = []
        self._tip_counter = 0
        if key == WHATS_NEW_KEY:
            text = self.whats_new(lang)
        else:
            pub = next((p for p in self.lib.publications.values() if changes_key(p) == key), None)
            if pub is None:
                return None
            text = self.changes_page(pub, lang)
        frags, self._frags = self._frags, []
        return Rendered(text + "\n", frags, lang, permalink=(self.t("permalink", self.default), self.t("permalink", lang)))

    def _counts(self, pc: changes_mod.PubChanges, lang: str) -> str:
        counts = pc.counts()
        return ", ".join(self.t(f"changes.kind.{k}", lang, n=counts[k], s="s" if counts[k] > 1 else "") for k in changes_mod.KINDS if counts[k])

    def changes_summary(self, pub: Publication, lang: str) -> str:
        """One line: "3 amended, 2 added since version 2026.1.", or why nothing can be compared (HTML)."""
        ch = self.changes
        if not ch.available:
            return ESC(self.t("changes.link_none", lang))
        pc = ch.of(pub.id, lang)
        if pc is None or pc.state == "unchanged":
            return ESC(self.t("changes.nothing", lang, since=ch.since))
        if pc.state == "new":
            return ESC(self.t("changes.new_pub", lang, id=pub.id, since=ch.since))
        if not pc.paragraphs:
            return ESC(self.t("changes.counts_meta", lang, since=ch.since))
        return ESC(self.t("changes.counts", lang, list=self._counts(pc, lang), since=ch.since))

    def changes_page(self, pub: Publication, lang: str) -> str:
        ch = self.changes
        here = self.lib.url(changes_key(pub), lang)
        meta = pub.meta_in(lang)
        title = self.t("changes.page_title", lang, id=pub.id, since=ch.since) if ch.available else self.t("changes.page_title_none", lang, id=pub.id)
        back = self.link(here, self.pub_url(pub, lang), ESC(f"{pub.edition_label} – {meta.title}"), "scoe-ref")
        out = [f"# {title}", "", self._block(f'<p class="scoe-chapter-meta">{back}</p>'), ""]
        if not ch.available:
            state = self.t(f"changes.state.{ch.state}", lang, since=ch.since or "")
            return "\n".join(out + [self._block(f'<p class="scoe-changes-state">{ESC(state)}</p>')])
        pc = ch.of(pub.id, lang)
        out += [self._block(f'<p class="scoe-changes-count">{self.changes_summary(pub, lang)}</p>'), ""]
        if pc is None:
            return "\n".join(out)
        if any(c.kind in (changes_mod.AMENDED, changes_mod.MOVED) for c in pc.paragraphs):
            out += [self._block(f'<p class="scoe-changes-legend">{ESC(self.t("changes.legend", lang))}</p>'), ""]
        if pc.meta:
            rows = "".join(f"<tr><th scope=\"row\">{ESC(self.t('meta.' + m.field, lang))}</th><td>{self._meta_value(m.field, m.old, lang)}</td>"
                           f"<td>{self._meta_value(m.field, m.new, lang)}</td></tr>" for m in pc.meta)
            table = (f'<table class="scoe-changes-meta"><thead><tr><th scope="col">{ESC(self.t("changes.th.field", lang))}</th>'
                     f'<th scope="col">{ESC(self.t("changes.th.before", lang, since=ch.since))}</th><th scope="col">{ESC(self.t("changes.th.now", lang))}</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table>")
            out += [f"## {self.t('changes.h.meta', lang)} {{#metadata}}", "", self._block(table), ""]
        labels = (self.t("changes.del", lang), self.t("changes.ins", lang))
        for kind in changes_mod.KINDS:
            items = pc.of_kind(kind)
            if not items:
                continue
            out += [f"## {self.t('changes.h.' + kind, lang)} {{#{kind}}}", ""]
            parts = []
            for c in items:
                if c.number:
                    target = self.link(here, self.pub_url(pub, lang, c.number, c.chapter), ESC(self.citation(pub, c.number, lang)), "scoe-ref")
                else:
                    target = ESC(self.citation(pub, c.old_number or "", lang))
                body = [f'<section class="scoe-change scoe-change--{kind}" id="{c.anchor}">', f'<h3 class="scoe-change__para">{target}</h3>']
                if kind == changes_mod.MOVED:
                    body.append(f'<p class="scoe-change__was">{ESC(self.t("changes.was", lang, old=self.citation(pub, c.old_number or "", lang)))}</p>')
                if kind == changes_mod.DELETED:
                    body.append(f'<p class="scoe-change__was">{ESC(self.t("changes.deleted_text", lang, since=ch.since))}</p>')
                body.append(f'<p class="scoe-redline">{c.redline(labels)}</p>')
                parts.append("".join(body) + "</section>")
            out += [self._block("".join(parts)), ""]
        whats_new = self.link(here, self.url(WHATS_NEW_KEY, lang), ESC(self.t("whatsnew.title", lang)), "scoe-ref")
        out += [self._block(f'<p class="scoe-changes-more">{self.t("changes.see_also", lang, link=whats_new)}</p>')]
        return "\n".join(out)

    def _meta_value(self, name: str, value: str, lang: str) -> str:
        if not value:
            return "–"
        if name == "status":
            return ESC(self.t("status." + value, lang))
        return ESC(value)

    def whats_new(self, lang: str) -> str:
        ch = self.changes
        here = self.lib.url(WHATS_NEW_KEY, lang)
        out = [f"# {self.t('whatsnew.title', lang)}", ""]
        if not ch.available:
            state = self.t(f"changes.state.{ch.state}", lang, since=ch.since or "")
            return "\n".join(out + [self._block(f'<p class="scoe-changes-state">{ESC(state)}</p>')])
        out += [self._block(f'<p class="scoe-changes-count">{ESC(self.t("whatsnew.since", lang, since=ch.since))}</p>'), ""]
        pubs = sorted(self.lib.publications.values(), key=lambda p: [int(x) for x in re.findall(r"\d+", p.id)])
        mine = [(p, ch.of(p.id, lang)) for p in pubs]

        def item(pub: Publication) -> str:
            link = self.link(here, self.url(changes_key(pub), lang), ESC(f"{pub.id} – {self.pub_title(pub, lang)}"), "scoe-ref")
            return f"<li>{link}{colon(lang)} {self.changes_summary(pub, lang)}</li>"

        groups = [
            ("new", [p for p, pc in mine if pc and pc.state == "new"]),
            ("changed", [p for p, pc in mine if pc and pc.state == "changed"]),
            ("retired", [p for p, pc in mine if pc and any(m.field == "status" and m.new in ("superseded", "cancelled") for m in pc.meta)]),
        ]
        for name, items in groups:
            out += [f"## {self.t('whatsnew.' + name, lang)} {{#{name}}}", ""]
            body = f'<ul class="scoe-whatsnew">{"".join(item(p) for p in items)}</ul>' if items else f"<p>{ESC(self.t('whatsnew.none', lang))}</p>"
            out += [self._block(body), ""]
        if ch.removed:
            removed = "".join(f"<li>{ESC(i)} – {ESC(p.meta_in(lang).title)}</li>" for i, p in sorted(ch.removed.items()))
            out += [f"## {self.t('whatsnew.removed', lang)} {{#removed}}", "", self._block(f'<ul class="scoe-whatsnew">{removed}</ul>'), ""]
        feed = f'<a href="{ESC(rel_url(here, ("" if lang == self.default else f"{lang}/") + "feed.xml"))}" type="application/atom+xml">feed.xml</a>'
        out += [self._block(f"<p>{self.t('whatsnew.feed', lang, link=feed)}</p>")]
        return "\n".join(out)

    # --- generated pages --------------------------------------------------------------------------

    def directive(self, name: str, args: dict[str, str], page: Page, lang: str) -> str:
        """What a `<!-- scoe:name -->` line becomes (GENERATORS, by the names of scoelib.directives)."""
        generate = GENERATORS.get(name)
        if generate is None:  # `make check` refuses it first (DR001)
            return f"<!-- unknown directive {name} -->"
        return generate(self, lang, self.lib.url(page.key, lang), args)

    def _catalogue_table(self, pubs: list[Publication], lang: str, here: str) -> str:
        """One aligned table of publications by reference (cards on a phone, see scoe.css): reference, title with
        a one-line summary, core area, status, edition and version, date. Each row carries its area and status
        for the filters (scoe.js); each cell its column's name for the phone's cards."""
        cols = [self.t("meta.id", lang), self.t("meta.publication", lang), self.t("meta.core_area", lang), self.t("meta.status", lang),
                self.t("meta.edition", lang), self.t("meta.date", lang)]
        head = "".join(f'<th scope="col">{ESC(c)}</th>' for c in cols)
        rows = []
        for pub in sorted(pubs, key=lambda p: [int(x) for x in re.findall(r"\d+", p.id)]):
            meta = pub.meta_in(lang)
            summary = _first_sentence(meta.summary)
            cells = [
                self.link(here, self.pub_url(pub, lang), ESC(pub.id), "scoe-ref"),
                f'<span class="scoe-catalogue__title">{ESC(meta.title)}</span> <span class="scoe-catalogue__summary">{ESC(summary)}</span>',
                ESC(self.t("area." + pub.source.core_area, lang)),
                f'<span class="scoe-badge scoe-badge--{meta.status}">{ESC(self.t("status." + meta.status, lang))}</span>',
                ESC(self.edition_version(pub, lang)),
                fmt_date(meta.date, lang),
            ]
            tds = "".join(f'<td data-label="{ESC(c)}">{v}</td>' for c, v in zip(cols, cells))
            rows.append(f'<tr data-area="{pub.source.core_area}" data-status="{meta.status}">{tds}</tr>')
        return (f'<table class="scoe-catalogue"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')

    def _catalogue_filters(self, pubs: list[Publication], lang: str) -> str:
        """Filters by core area and status; hidden until scoe.js makes them work (nothing inert without it)."""
        def select(name: str, values: list[str], prefix: str) -> str:
            options = f'<option value="">{ESC(self.t("catalogue.filter.all", lang))}</option>' + "".join(
                f'<option value="{v}">{ESC(self.t(prefix + v, lang))}</option>' for v in values)
            return (f'<label class="scoe-filters__field">{ESC(self.t("catalogue.filter." + name, lang))} '
                    f'<select data-filter="{name}">{options}</select></label>')
        areas = [a for a in CORE_AREAS if any(p.source.core_area == a for p in pubs)]
        statuses = sorted({(p.meta_in(lang)).status for p in pubs})
        count = ESC(self.t("catalogue.shown", lang, n="{n}", total="{total}"))
        return (f'<form class="scoe-filters" hidden aria-label="{ESC(self.t("catalogue.filters", lang))}">'
                f'{select("area", areas, "area.")}{select("status", statuses, "status.")}'
                f'<p class="scoe-filters__count" role="status" data-template="{count}"></p></form>')

    def catalogue(self, lang: str, here: str, area: Optional[str] = None) -> str:
        pubs = list(self.lib.publications.values())
        if area:
            mine = [p for p in pubs if p.source.core_area == area]
            return self._block(self._catalogue_table(mine, lang, here)) if mine else self.t("catalogue.none", lang)
        out = [self.t("catalogue.count", lang, n=len(pubs)), ""]
        if not any(p.source.status == "promulgated" for p in pubs):
            out += [self.t("catalogue.in_force.none", lang), ""]
        out += [self._block(self._catalogue_filters(pubs, lang)), "", self._block(self._catalogue_table(pubs, lang, here))]
        return "\n".join(out)

    def glossary(self, lang: str, here: str) -> str:
        others = [other for other in self.lib.languages if other != lang]
        entries = sorted(self.lib.glossary, key=lambda e: sort_key(self.designations(e, lang).term, lang))
        abbrs = sorted(((a, e) for e in self.lib.glossary for a in self.designations(e, lang).abbr), key=lambda x: sort_key(x[0], lang))
        out = [self.t("glossary.count", lang, n=len(entries)), ""]
        letters = sorted({initial(self.designations(e, lang).term) for e in entries}, key=lambda c: sort_key(c, lang))
        out.append('<nav class="scoe-letters" aria-label="' + ESC(self.t("glossary.index", lang)) + '">'
                   + " ".join(f'<a href="#letter-{c.lower()}">{c}</a>' for c in letters) + "</nav>")
        out += ["", f"## {self.t('glossary.part1', lang)} {{#abbreviations}}", "", '<dl class="scoe-abbrs">']
        for a, e in abbrs:
            out.append(f'<dt><abbr>{ESC(a)}</abbr></dt><dd><a href="#{term_anchor(e)}">{ESC(self.designations(e, lang).term)}</a></dd>')
        out += ["</dl>", "", f"## {self.t('glossary.part2', lang)} {{#terms}}", ""]
        current = None
        for e in entries:
            d = self.designations(e, lang)
            letter = initial(d.term)
            if letter != current:
                out += ["", f"### {letter} {{#letter-{letter.lower()}}}", ""]
                current = letter
            status = d.status or e.status
            parts = [f'<div class="scoe-entry" id="{term_anchor(e)}">',
                     f'<p class="scoe-entry__term"><dfn>{ESC(d.term)}</dfn>' + (f" ({', '.join(ESC(a) for a in d.abbr)})" if d.abbr else "")
                     + "".join(f' <span class="scoe-entry__other">{typography.label(self.t("language." + other, lang), lang)} '
                               f'<span lang="{other}">{ESC(self.designations(e, other).term)}</span></span>' for other in others)
                     + f' <span class="scoe-badge scoe-badge--term-{status}">{ESC(self.t("term." + status, lang))}</span></p>']
            if e.status == "deprecated" and e.use in self.index.entries:
                pref = self.index.entries[e.use]
                pref_link = f'<a href="#{term_anchor(pref)}">{ESC(self.designations(pref, lang).term)}</a>'
                parts.append(f'<p>{self.t("glossary.use", lang, link=pref_link)}</p>')
            parts.append(f'<p class="scoe-entry__def">{ESC(d.definition)}</p>')
            colon = typography.colon(lang)
            if d.notes:
                parts.append(f'<p class="scoe-entry__note">{self.t("glossary.notes", lang)}{colon} {ESC(d.notes)}</p>')
            if d.admitted:
                parts.append(f'<p class="scoe-entry__syn">{self.t("glossary.admitted", lang)}{colon} {ESC(", ".join(d.admitted))}</p>')
            if d.deprecated:
                parts.append(f'<p class="scoe-entry__syn">{self.t("glossary.deprecated", lang)}{colon} <s>{ESC(", ".join(d.deprecated))}</s></p>')
            parts.append(f'<p class="scoe-entry__source">{self.t("glossary.source", lang)}{colon} {self._source_html(e.source, lang, here)}</p>')
            if e.see_also:
                links = [f'<a href="#{term_anchor(self.index.entries[s])}">{ESC(self.designations(self.index.entries[s], lang).term)}</a>' for s in e.see_also if s in self.index.entries]
                parts.append(f'<p class="scoe-entry__see">{self.t("glossary.see_also", lang)}{colon} {", ".join(links)}</p>')
            used = sorted(self.used_in.get(e.id, {}).get(lang, set()))
            if used:
                links = [self.link(here, self.url(k, lang), ESC(self.page_label(k, lang)), "scoe-ref") for k in used]
                parts.append(f'<p class="scoe-entry__used">{self.t("glossary.used_in", lang)}{colon} {", ".join(links)}</p>')
            parts.append("</div>")
            out.append("\n".join(parts))
        return "\n".join(out)

    def _source_html(self, source: str, lang: str, here: str) -> str:
        m = refs_mod.REF_RE.fullmatch(source.strip())
        if not m:  # free text, written in the default language in data/glossary.yml
            return ESC(source) if lang == self.default else f'<span lang="{self.default}">{ESC(source)}</span>'
        target, _, label = m.group("body").partition("|")
        target, _, frag = target.partition("#")
        ref = refs_mod.Ref(target.strip(), frag.strip(), label.strip(), 0, 0, 0, 0)
        res = self.index.resolve(ref, lang)
        if res.target is None or isinstance(res.target, refs_mod.TermTarget):
            return ESC(source)
        return self.ref_html(ref, res, here, lang)

    def standards(self, lang: str, here: str) -> str:
        out = []
        for s in sorted(self.lib.standards, key=lambda s: sort_key(s.id, lang)):
            colon = typography.colon(lang)
            status = self.t("standards.status.unknown", lang) if s.status == "unknown" else self.t("status." + s.status, lang)
            # the editors' notes and working sources stay in data/standards.yml; an edition not confirmed by an
            # official source says so, neutrally, in the reader's language
            edition = (ESC(s.edition) if s.edition and s.edition_confirmed
                       else f'<span class="scoe-std__unconfirmed">{ESC(self.t("standards.not_confirmed", lang))}</span>')
            rows = [f'<div class="scoe-std" id="{std_anchor(s.id)}">',
                    f'<h3 class="scoe-std__id">{ESC(s.id)} – {ESC(localized(s.title, lang, self.default))}</h3>',
                    f"<p>{ESC(localized(s.covers, lang, self.default))}</p>",
                    f'<p class="scoe-std__meta">{self.t("standards.status", lang)}{colon} <span class="scoe-badge scoe-badge--{s.status}">{ESC(status)}</span> · '
                    f'{self.t("standards.edition", lang)}{colon} {edition}']
            if s.editions:
                rows[-1] += f' · {self.t("standards.earlier", lang)}{colon} ' + ", ".join(f"{ESC(e.edition)} ({ESC(self.t('status.' + e.status, lang) if e.status != 'unknown' else self.t('standards.unknown', lang))})" for e in s.editions)
            rows[-1] += "</p>"
            if s.related:
                rows.append(f'<p>{self.t("standards.related", lang)}{colon} ' + ", ".join(f'<a href="#{std_anchor(r)}">{ESC(r)}</a>' for r in s.related) + "</p>")
            if s.official_source:
                rows.append(f'<p class="scoe-std__source">{self.t("standards.official_source", lang)}{colon} '
                            f'<a href="{ESC(s.official_source)}">{ESC(s.official_source.split("://", 1)[1].split("/", 1)[0])}</a></p>')
            rows.append("</div>")
            out.append("\n".join(rows))
        return "\n\n".join(out)

    def codes(self, lang: str) -> str:
        """The table of every diagnostic code (the guide carries it in its source: `make codes`)."""
        from .codestable import table

        return table(lang, self.strings)

    def _section_title(self, section: str, lang: str) -> str:
        """A folder of the library as readers know it: the title of its index page ("about" → "À propos")."""
        if section == "home":
            return self.t("crumbs.home", lang)
        if section == "publications":
            return self.t("section.publications", lang)
        key = f"{section}/index"
        return self.title(key, lang) if key in self._keys else section

    def translation_status(self, lang: str, here: str) -> str:
        """The state of the translations: into `lang` on its own site, into every other language on the
        default language's site (one pair of tables per language when there are several)."""
        shown = [lang] if lang in self.lib.languages.others else list(self.lib.languages.others)
        parts = []
        for target in shown:
            statuses = [st for st in self.statuses.values() if st.lang == target]
            suffix = ("", "") if len(shown) == 1 else (f" – {self.strings.language_name(target, lang)}", f"-{target}")
            parts.append(self._status_tables(statuses, lang, here, suffix))
        return "\n\n".join(parts)

    def _status_tables(self, statuses: list, lang: str, here: str, suffix: tuple[str, str]) -> str:
        title, anchor = suffix
        sections: dict[str, list] = defaultdict(list)
        for st in statuses:
            sections[st.section].append(st)
        states = [translation.UP_TO_DATE, translation.STALE, translation.UNTRACKED, translation.PENDING, translation.MISSING]
        head = f"| {self.t('tr.section', lang)} | " + " | ".join(self.t(f"tr.state.{s}", lang) for s in states) + f" | {self.t('tr.coverage', lang)} |"
        out = [f"## {self.t('tr.by_section', lang)}{title} {{#by-section{anchor}}}", "", head, "|---" * (len(states) + 2) + "|"]

        def row(name: str, items: list) -> str:
            counts = [sum(1 for x in items if x.state == s) for s in states]
            cover = 100 * counts[0] // len(items) if items else 0
            return f"| {name} | " + " | ".join(str(c) for c in counts) + f" | {typography.percent(cover, lang)} |"

        for name in sorted(sections):
            out.append(row(ESC(self._section_title(name, lang)), sections[name]))
        out.append(row(f"**{self.t('tr.total', lang)}**", statuses))
        out += ["", f"## {self.t('tr.pages', lang)}{title} {{#pages{anchor}}}", "",
                f"| {self.t('tr.page', lang)} | {self.t('tr.state', lang)} | {self.t('tr.details', lang)} |", "|---|---|---|"]
        for st in sorted(statuses, key=lambda s: s.key):
            details = ""
            if st.state == translation.STALE and st.stale_paragraphs:
                details = self.t("tr.paras", lang, list=", ".join(st.stale_paragraphs))
            page_link = self.link(here, self.url(st.key, lang), ESC(self.page_label(st.key, lang)), "scoe-ref")
            out.append(f'| {page_link} | <span class="scoe-tr scoe-tr--{st.state}">{self.t(f"tr.state.{st.state}", lang)}</span> | {details} |')
        return "\n".join(out)


def _first_sentence(text: str) -> str:
    """The first sentence of a summary: the catalogue gives one line per publication."""
    m = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    return (m.group(1) if m else text).strip()


_CHAPTER_PREFIX_RE = re.compile(r"^[^\W\d]+\.?\s+\d+\s*[–—:.-]\s*")


def _flatten(nav: list) -> list[str]:
    """The page keys of a navigation (as navigation() returns it), in order."""
    out: list[str] = []
    stack = list(reversed(nav))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item[: -len(".md")])
        elif isinstance(item, dict):
            stack.extend(reversed([x for v in item.values() for x in (v if isinstance(v, list) else [v])]))
    return out


def _code(text: str) -> str:
    """An interface string with `code` spans, as HTML."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", ESC(text))


def navigation(lib: Library, strings: Optional[ui.Catalogue] = None) -> tuple[list, dict[str, dict[str, str]]]:
    """The site's navigation, derived from the sources (new publications appear without editing any list),
    and the titles of its sections in each other language (static-i18n's `nav_translations`)."""
    strings = strings or lib.catalogue
    default, others = lib.languages.default, lib.languages.others

    def label(key: str) -> str:
        for lang in others:
            translations[lang][strings.t(key, default)] = strings.t(key, lang)
        return strings.t(key, default)

    translations: dict[str, dict[str, str]] = {lang: {} for lang in others}
    keys = set(lib.keys())
    used: set[str] = set()

    def take(key: str):
        if key in keys and key not in used:
            used.add(key)
            return key + ".md"
        return None

    nav: list = [x for x in (take("index"), take("about/index")) if x]
    # Publications: the catalogue, the core areas' overview, then each core area (its page is the section's
    # own page, navigation.indexes) with every publication of the area, by reference: one entry per area,
    # one target, and a superseded publication's successor always next to it.
    pubs: list = [x for x in (take(CATALOGUE_KEY), take("areas/index")) if x]
    by_area: dict[str, list] = defaultdict(list)
    for pub in sorted(lib.publications.values(), key=lambda p: [int(x) for x in re.findall(r"\d+", p.id)]):
        items = [take(f"{pub.folder}/index")] + [take(f"{pub.folder}/chapter-{n}") for n in sorted(pub.chapters)]
        title = f"{pub.id} {pub.source.title}"
        for lang in others:
            if lang in pub.meta:
                translations[lang][title] = f"{pub.id} {pub.meta[lang].title}"
        by_area[pub.source.core_area].append({title: [x for x in items if x]})
    for area in CORE_AREAS:
        area_page = take(f"areas/{area}/index")
        if by_area[area] or area_page:
            pubs.append({label(f"area.{area}"): ([area_page] if area_page else []) + by_area[area]})
    if pubs:
        nav.append({label("nav.publications"): pubs})
    nav += [x for x in (take(GLOSSARY_KEY), take(STANDARDS_KEY), take("downloads/index"), take("guide/index"), take("translation-status/index")) if x]
    nav += [k + ".md" for k in sorted(keys - used)]
    # section titles with the language's typography, like the pages' own titles
    return nav, {lang: {k: render_html(v, lang) for k, v in titles.items()} for lang, titles in translations.items()}


# The generated content of each directive registered in scoelib.directives: (renderer, language, page URL,
# arguments) → Markdown.
GENERATORS: dict[str, Callable[[Renderer, str, str, dict[str, str]], str]] = {
    "catalogue": lambda r, lang, here, args: r.catalogue(lang, here, args.get("area")),
    "glossary": lambda r, lang, here, args: r.glossary(lang, here),
    "standards": lambda r, lang, here, args: r.standards(lang, here),
    "translation-status": lambda r, lang, here, args: r.translation_status(lang, here),
    "downloads": lambda r, lang, here, args: r.downloads(lang, here),
    "codes": lambda r, lang, here, args: r.codes(lang),
}
if set(GENERATORS) != set(directives.DIRECTIVES):
    raise ImportError(f"scoelib.render: GENERATORS and scoelib.directives differ: {sorted(set(GENERATORS) ^ set(directives.DIRECTIVES))}")
