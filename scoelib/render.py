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

from . import refs as refs_mod
from .directives import DIRECTIVE_RE
from . import directives, translation, typography, ui
from .kit import names
from .model import Library, Page, Publication
from .schema import CORE_AREAS, Designations, GlossaryEntry, localized
from .style import render_html
from .typography import colon, date as fmt_date

# an admonition without a title of its own (`!!! note`, `??? tip`): Material would title it in English
ADMONITION_RE = re.compile(r"^(?P<head>[ \t]*(?:!!!|\?\?\?\+?) ?(?P<type>[\w-]+))[ \t]*$", re.M)
GLOSSARY_KEY = "glossary/index"
CATALOGUE_KEY = "catalogue/index"
STANDARDS_KEY = "standards/index"
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

    def html(self, converted: str) -> str:
        """The converted page with every token replaced by its fragment.

        An inline fragment replaces its token; a block fragment (a token alone between blank lines)
        replaces the paragraph Markdown made of it; a numbered paragraph's opening wrapper goes before
        the paragraph that starts with its token, and its closing one replaces the paragraph of its own.
        """
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


class Renderer:
    def __init__(self, lib: Library, index: Optional[refs_mod.Index] = None, catalogue: Optional[ui.Catalogue] = None):
        self.lib = lib
        self.strings = catalogue or lib.catalogue
        self.t = self.strings.t
        self.default = lib.languages.default
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
        return Rendered("\n".join(out) + "\n", frags)

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
        return (f'<span class="scoe-term"><a class="scoe-term__link" href="{href}" aria-describedby="{tip_id}">{label}</a>'
                f'<span class="scoe-tip" role="tooltip" id="{tip_id}" lang="{lang}" data-search-exclude><strong>{ESC(d.term)}{ESC(abbr)}</strong>{colon(lang)} {ESC(d.definition)}</span></span>')

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
                start = (f'<div class="{cls}" id="{p.number}"{review}>\n'
                         f'<a class="scoe-para__num" href="#{p.number}" title="{ESC(self.t("permalink_para", lang))} {p.number}">{p.number}</a>'
                         f'<button type="button" class="scoe-cite" data-cite="{ESC(cite)}" aria-label="{ESC(self.t("copy_citation", lang))} {ESC(cite)}" '
                         f'title="{ESC(self.t("copy_citation", lang))}"></button> {badge}')
                out += ["", self._stash(PARA_START, start) + rest]
            else:
                out.append(line)
            if i in ends:
                out += ["", self._stash(PARA_END, "</div>"), ""]
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
        meta = pub.meta_in(lang)
        top.append(self._status_banner(pub, lang, here))
        if page.chapter is None:
            top.append(self.metadata_block(pub, lang, here))
            bottom += self._contents(pub, lang, here) + self._changes(pub, lang) + self._referenced_by(pub, lang, here)
        else:
            index_link = self.link(here, self.pub_url(pub, lang), ESC(f"{pub.edition_label} – {meta.title}"), "scoe-ref")
            top.append(f'<p class="scoe-chapter-meta">{index_link} · {ESC(self.t("meta.edition_version", lang, edition=meta.edition, version=meta.version))}'
                       f' · <span class="scoe-badge scoe-badge--{meta.status}">{ESC(self.t("status." + meta.status, lang))}</span> · {fmt_date(meta.date, lang)}</p>')
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
            (self.t("meta.edition", lang), ESC(self.t("meta.edition_version", lang, edition=meta.edition, version=meta.version))),
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
            out.append(f"| {c.edition}/{c.version} | {fmt_date(c.date, lang)} | {c.summary.replace('|', '&#124;')} |")
        return out + [""]

    def _referenced_by(self, pub: Publication, lang: str, here: str) -> list[str]:
        keys = sorted(self.cited_by.get(pub.id, {}).get(lang, set()))
        out = ["", f"## {self.t('referenced_by.title', lang)} {{#referenced-by}}", ""]
        if not keys:
            return out + [self.t("referenced_by.none", lang), ""]
        items = []
        for key in keys:
            page = self.lib.page(key, lang)
            prefix = f"{page.publication.id} – " if page and page.publication else ""
            items.append(f"<li>{self.link(here, self.url(key, lang), ESC(prefix + self.title(key, lang)), 'scoe-ref')}</li>")
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

    # --- generated pages --------------------------------------------------------------------------

    def directive(self, name: str, args: dict[str, str], page: Page, lang: str) -> str:
        """What a `<!-- scoe:name -->` line becomes (GENERATORS, by the names of scoelib.directives)."""
        generate = GENERATORS.get(name)
        if generate is None:  # `make check` refuses it first (DR001)
            return f"<!-- unknown directive {name} -->"
        return generate(self, lang, self.lib.url(page.key, lang), args)

    def _pub_rows(self, pubs: list[Publication], lang: str, here: str) -> list[str]:
        head = [f"| {self.t('meta.id', lang)} | {self.t('meta.publication', lang)} | {self.t('meta.status', lang)} | {self.t('meta.edition', lang)} | {self.t('meta.date', lang)} |",
                "|---|---|---|---|---|"]
        rows = []
        for pub in sorted(pubs, key=lambda p: [int(x) for x in re.findall(r"\d+", p.id)]):
            meta = pub.meta_in(lang)
            rows.append(f"| {self.link(here, self.pub_url(pub, lang), ESC(pub.id), 'scoe-ref')} | {ESC(meta.title)} | "
                        f'<span class="scoe-badge scoe-badge--{meta.status}">{ESC(self.t("status." + meta.status, lang))}</span> | '
                        f"{meta.edition}/{meta.version} | {fmt_date(meta.date, lang)} |")
        return head + rows

    def catalogue(self, lang: str, here: str, area: Optional[str] = None) -> str:
        pubs = list(self.lib.publications.values())
        if area:
            mine = [p for p in pubs if p.source.core_area == area]
            return "\n".join(self._pub_rows(mine, lang, here)) if mine else self.t("catalogue.none", lang)
        out = [self.t("catalogue.count", lang, n=len(pubs)), "", f"## {self.t('catalogue.in_force', lang)} {{#in-force}}", ""]
        in_force = [p for p in pubs if p.source.status == "promulgated"]
        out += self._pub_rows(in_force, lang, here) if in_force else [self.t("catalogue.in_force.none", lang)]
        out += ["", f"## {self.t('catalogue.all', lang)} {{#by-area}}", ""]
        for a in CORE_AREAS:
            mine = [p for p in pubs if p.source.core_area == a]
            out += [f"### {self.t('area.' + a, lang)} {{#{a}}}", ""]
            out += (self._pub_rows(mine, lang, here) if mine else [self.t("catalogue.none", lang)]) + [""]
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
                links = [self.link(here, self.url(k, lang), ESC(self.title(k, lang)), "scoe-ref") for k in used]
                parts.append(f'<p class="scoe-entry__used">{self.t("glossary.used_in", lang)}{colon} {", ".join(links)}</p>')
            parts.append("</div>")
            out.append("\n".join(parts))
        return "\n".join(out)

    def _source_html(self, source: str, lang: str, here: str) -> str:
        m = refs_mod.REF_RE.fullmatch(source.strip())
        if not m:
            return ESC(source)
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
            rows = [f'<div class="scoe-std" id="{std_anchor(s.id)}">',
                    f'<h3 class="scoe-std__id">{ESC(s.id)} – {ESC(localized(s.title, lang, self.default))}</h3>',
                    f"<p>{ESC(localized(s.covers, lang, self.default))}</p>",
                    f'<p class="scoe-std__meta">{self.t("standards.status", lang)}{colon} <span class="scoe-badge scoe-badge--{s.status}">{ESC(status)}</span> · '
                    f'{self.t("standards.edition", lang)}{colon} {ESC(s.edition) if s.edition else self.t("standards.unknown", lang)}']
            if s.editions:
                rows[-1] += f' · {self.t("standards.earlier", lang)}{colon} ' + ", ".join(f"{ESC(e.edition)} ({ESC(self.t('status.' + e.status, lang) if e.status != 'unknown' else self.t('standards.unknown', lang))})" for e in s.editions)
            rows[-1] += "</p>"
            if s.related:
                rows.append(f'<p>{self.t("standards.related", lang)}{colon} ' + ", ".join(f'<a href="#{std_anchor(r)}">{ESC(r)}</a>' for r in s.related) + "</p>")
            if s.note:
                rows.append(f'<p class="scoe-std__note">{ESC(localized(s.note, lang, self.default))}</p>')
            rows.append(f'<p class="scoe-std__source">{self.t("standards.source", lang)}{colon} {ESC(s.source)}</p>')
            rows.append("</div>")
            out.append("\n".join(rows))
        return "\n\n".join(out)

    def codes(self, lang: str) -> str:
        """The table of every diagnostic code (the guide carries it in its source: `make codes`)."""
        from .codestable import table

        return table(lang, self.strings)

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
            out.append(row(name, sections[name]))
        out.append(row(f"**{self.t('tr.total', lang)}**", statuses))
        out += ["", f"## {self.t('tr.pages', lang)}{title} {{#pages{anchor}}}", "",
                f"| {self.t('tr.page', lang)} | {self.t('tr.state', lang)} | {self.t('tr.details', lang)} |", "|---|---|---|"]
        for st in sorted(statuses, key=lambda s: s.key):
            details = ""
            if st.state == translation.STALE and st.stale_paragraphs:
                details = self.t("tr.paras", lang, list=", ".join(st.stale_paragraphs))
            page_link = self.link(here, self.url(st.key, lang), ESC(self.title(st.key, lang)), "scoe-ref")
            out.append(f'| {page_link} | <span class="scoe-tr scoe-tr--{st.state}">{self.t(f"tr.state.{st.state}", lang)}</span> | {details} |')
        return "\n".join(out)


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
    areas = [x for x in [take("areas/index")] + [take(f"areas/{a}/index") for a in CORE_AREAS] if x]
    if areas:
        nav.append({label("nav.core_areas"): areas})
    pubs: list = [x for x in (take(CATALOGUE_KEY),) if x]
    # publications grouped under their core area; a publication's own pages show only that publication
    # (the scoe plugin gives each page its view), the catalogue and the area pages list them all
    by_area: dict[str, list] = defaultdict(list)
    for pub in sorted(lib.publications.values(), key=lambda p: [int(x) for x in re.findall(r"\d+", p.id)]):
        items = [take(f"{pub.folder}/index")] + [take(f"{pub.folder}/chapter-{n}") for n in sorted(pub.chapters)]
        title = f"{pub.id} {pub.source.title}"
        for lang in others:
            if lang in pub.meta:
                translations[lang][title] = f"{pub.id} {pub.meta[lang].title}"
        by_area[pub.source.core_area].append({title: [x for x in items if x]})
    for area in CORE_AREAS:
        if by_area[area]:
            pubs.append({label(f"area.{area}"): by_area[area]})
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
