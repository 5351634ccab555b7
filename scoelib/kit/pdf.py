"""PDF editions: one PDF per publication and language, made with WeasyPrint from the site's own pages.

The chapters are the built pages of the site (what the safety gates passed, with the paragraph numbers,
references and abbreviations exactly as on the web), taken out of Material's frame and adapted to paper:

- glossary terms become plain text, and each term used goes to the publication's lexicon annex;
- links inside the publication become links inside the PDF (a paragraph `#2.37` is `#p-2.37`), links to
  other pages of the library go to the hosted site (`site_url`);
- the web-only controls (permalink signs, citation buttons, chapter lines) are dropped.

A cover (the publication's metadata block from its index page, in the PDF's language), the record of
changes and a table of contents with page numbers come first; the running header (identifier and title)
and footer (status, page x of y) are CSS paged media. Headings of level 1 (record of changes, contents,
foreword, each chapter, lexicon) are the PDF's bookmarks; the PDF is tagged, with its language, title
and author. WeasyPrint fetches nothing from the network: only files of the built site are read.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .. import typography
from ..model import Library, Publication
from . import names, pdfmarks

ESC = html.escape
CSS = Path(__file__).with_name("pdf.css")
PARA_ID = re.compile(r"^\d+\.\d+$")
_TERM_RE = re.compile(r'<span class="scoe-term"><a class="scoe-term__link" href="(?P<href>[^"]*)"[^>]*>(?P<label>.*?)</a>'
                      r'(?:<span class="scoe-tip"[^>]*>.*?</span>)?</span>', re.S)
_DROP = ("a.headerlink, button.scoe-cite, .scoe-chapter-meta, .scoe-tip, .md-source-file, a.md-content__button, "
         ".scoe-meta__pdf")
_STOP_IDS = ("contents", "record-of-changes", "referenced-by")


@dataclass
class Edition:
    """One PDF to make: its file name, its HTML, the folder its images are read from."""

    name: str
    pub_id: str
    lang: str
    html: str
    base: str
    chapters: list[str] = field(default_factory=list)  # chapter titles, in order (the outline)


class _Page:
    """One built page of the site, adapted to the PDF: ids prefixed, links resolved, terms collected."""

    def __init__(self, site: Path, key: str, lang: str, prefix: str, local: dict[str, str], site_url: str,
                 terms: set[str], abbrs: dict[str, str], lib_url: Callable[[str, str], str]):
        self.url = lib_url(key, lang)
        text = (site / self.url / "index.html").read_text(encoding="utf-8")
        start, end = text.find("<article"), text.rfind("</article>")
        text = text[start:end + len("</article>")]

        def term(m: re.Match[str]) -> str:
            frag = m.group("href").partition("#")[2]
            if frag.startswith("term-"):
                terms.add(frag[len("term-"):])
            label: str = m.group("label")
            return label

        tree = LexborHTMLParser(_TERM_RE.sub(term, text))
        article = tree.css_first("article")
        if article is None:
            raise ValueError(f"{site / self.url / 'index.html'}: the built page has no <article>")
        for node in article.css(_DROP):
            node.decompose()
        for node in article.css("[id]"):
            ident = node.attributes.get("id") or ""
            node.attrs["id"] = f"p-{ident}" if PARA_ID.match(ident) else f"{prefix}-{ident}"
        for node in article.css("abbr[title]"):
            abbrs.setdefault(node.text(), node.attributes.get("title") or "")
        for node in article.css("a[href]"):
            node.attrs["href"] = _link(node.attributes.get("href") or "", self.url, prefix, local, site_url)
            if "aria-describedby" in node.attributes:
                del node.attrs["aria-describedby"]
        self.article = article

    def children(self) -> list[LexborNode]:
        return list(self.article.iter(include_text=False))


def _link(href: str, here: str, prefix: str, local: dict[str, str], site_url: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
        return href  # another site, mailto:
    path, _, frag = href.partition("#")
    if not path:
        target, own = here, prefix
    else:
        target = posixpath.normpath(posixpath.join("/" + here, path)).lstrip("/")
        target = "" if target == "." else target
        if path.endswith("/") and target:
            target += "/"
        own = local.get(target, "")
    if own:
        if frag and PARA_ID.match(frag):
            return f"#p-{frag}"
        return f"#{own}-{frag}" if frag else f"#{own}"
    return site_url.rstrip("/") + "/" + target + (f"#{frag}" if frag else "")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@dataclass
class _IndexParts:
    """What the PDF takes from the publication's index page, in order of the page."""

    banner: str = ""
    metadata: str = ""
    foreword: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


def _next_part(part: str, ident: str) -> str:
    """The part of the index page that a level-2 heading with id `ident` opens, after `part`."""
    if ident == "record-of-changes":
        return "changes"
    if ident in _STOP_IDS:
        return "skip"
    return "foreword" if part in ("head", "foreword") else "skip"


def _index_parts(index: _Page) -> _IndexParts:
    """The index page's banner, metadata block, foreword and record of changes."""
    parts = _IndexParts()
    part = "head"
    for node in index.children():
        ident = (node.attributes.get("id") or "")[2:]
        if node.tag == "h1":
            continue
        if node.tag == "h2":
            part = _next_part(part, ident)
            if part == "changes":
                continue
        cls = node.attributes.get("class") or ""
        if part == "head":
            if "scoe-banner" in cls:
                parts.banner += node.html or ""
            elif "scoe-meta" in cls:
                parts.metadata = node.html or ""
            elif node.tag not in ("dl",):
                parts.foreword.append(node.html or "")
        elif part == "foreword":
            parts.foreword.append(node.html or "")
        elif part == "changes":
            parts.changes.append(node.html or "")
    return parts


def _cover(lib: Library, pub: Publication, lang: str, parts: _IndexParts, online: str, version: str, made: str) -> str:
    """The cover: centre, identifier, title, summary, banner and metadata, edition, address of the online page."""
    t = lib.catalogue.t
    meta = pub.meta_in(lang)
    # the cover's links (core area, superseding publications) go to the hosted site
    cover = [f'<section class="cover" id="cover"><p class="cover__centre">{ESC(t("kit.centre", lang))}</p>',
             f'<p class="cover__id">{ESC(pub.edition_label)}</p><p class="cover__title">{ESC(meta.title)}</p>',
             f'<p class="cover__summary">{ESC(meta.summary)}</p>']
    if meta.status == "study":
        cover.append(f'<p class="cover__notice">{ESC(t("kit.not_agreed", lang))}</p>')
    cover += [parts.banner, parts.metadata,
              f'<p class="cover__made">{ESC(t("kit.edition_of", lang, version=version, date=made))}</p>',
              f'<p class="cover__online">{ESC(typography.label(t("kit.online", lang), lang))} '
              f'<a href="{ESC(online)}">{ESC(online)}</a></p>',
              "</section>"]
    return "\n".join(cover)


def _foreword(foreword: list[str], default_label: str) -> tuple[str, str]:
    """The foreword's section and its title: its own heading (a level-2 heading on the web), else `default_label`."""
    first = LexborHTMLParser(foreword[0]).css_first("h2")
    heading = first.text().strip() if first is not None and foreword[0].lstrip().startswith("<h2") else ""
    rest = foreword[1:] if heading else foreword
    label = heading or default_label
    return f'<section class="foreword" id="i"><h1>{ESC(label)}</h1>{"".join(rest)}</section>', label


def _page_css(title: str, status: str, page: str, page_of: str) -> str:
    """The running header (title) and footer (status, page x of y)."""
    return (f"@page {{ @top-left {{ content: {_css_string(title)}; }} @bottom-left {{ content: {_css_string(status)}; }} "
            f"@bottom-right {{ content: {_css_string(page + ' ')} counter(page) {_css_string(' ' + page_of + ' ')} "
            "counter(pages); } }")


def edition(lib: Library, pub: Publication, lang: str, site: Path, site_url: str, version: str, made: str) -> Edition:
    """The HTML of one PDF edition, from the built site in `site`."""
    t, page_url = lib.catalogue.t, lib.url
    meta = pub.meta_in(lang)
    name = names.pdf_name(pub.id, meta.edition, meta.version, lang)
    chapters = sorted(pub.chapters)
    index_key = f"{pub.folder}/index"
    local = {page_url(index_key, lang): "i"}
    local.update({page_url(f"{pub.folder}/chapter-{n}", lang): f"c{n}" for n in chapters})
    terms: set[str] = set()
    abbrs: dict[str, str] = {}
    index = _Page(site, index_key, lang, "i", local, site_url, terms, abbrs, page_url)
    pages = [_Page(site, f"{pub.folder}/chapter-{n}", lang, f"c{n}", local, site_url, terms, abbrs, page_url)
             for n in chapters]
    parts = _index_parts(index)
    # the change bars (pdfmarks.py): their legend heads the record of changes, else goes on the cover
    legend = pdfmarks.prepare([page.article for page in pages], t, lang)
    if legend and parts.changes:
        parts.changes.insert(0, legend)
    elif legend:
        parts.metadata += legend

    title = f"{pub.edition_label} – {meta.title}"
    online = site_url.rstrip("/") + "/" + page_url(index_key, lang)
    body = [_cover(lib, pub, lang, parts, online, version, made)]
    toc = []
    if parts.changes:
        body.append(f'<section class="changes" id="changes"><h1>{ESC(t("changes.title", lang))}</h1>'
                    f'{"".join(parts.changes)}</section>')
        toc.append(("#changes", t("changes.title", lang)))
    contents_at = len(body)
    if parts.foreword:
        section, label = _foreword(parts.foreword, t("kit.foreword", lang))
        body.append(section)
        toc.append(("#i", label))
    titles = []
    for n, page in zip(chapters, pages, strict=True):
        h1 = page.article.css_first("h1")
        chapter_title = h1.text().strip() if h1 is not None else f"{t('chapter', lang)} {n}"
        titles.append(chapter_title)
        inner = "".join(child.html or "" for child in page.children())
        body.append(f'<section class="chapter" id="c{n}">{inner}</section>')
        toc.append((f"#c{n}", chapter_title))
    lexicon = _lexicon(lib, lang, terms, abbrs)
    if lexicon:
        body.append(lexicon)
        toc.append(("#lexicon", t("kit.lexicon", lang)))
    items = "".join(f'<li><a href="{href}">{ESC(label)}</a></li>' for href, label in toc)
    body.insert(contents_at, f'<nav class="toc" id="toc"><h1>{ESC(t("chapters.title", lang))}</h1><ol>{items}</ol></nav>')

    page_css = _page_css(title, t("status." + meta.status, lang), t("kit.page", lang), t("kit.page_of", lang))
    doc = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{ESC(title)}</title>'
           f'<meta name="author" content="{ESC(t("kit.centre", lang))}"><meta name="description" content="{ESC(meta.summary)}">'
           f'<meta name="keywords" content="{ESC(pub.id)}"><meta name="dcterms.created" content="{ESC(str(meta.date))}">'
           f"<style>{page_css}</style></head><body>{''.join(body)}</body></html>")
    return Edition(name, pub.id, lang, doc, (site / index.url / "index.html").as_uri(), titles)


def _lexicon(lib: Library, lang: str, terms: set[str], abbrs: dict[str, str]) -> str:
    t = lib.catalogue.t
    entries = [e for e in lib.glossary if e.id in terms]
    from ..render import sort_key

    default = lib.default_lang
    entries.sort(key=lambda e: sort_key(e.designations(lang, default).term, lang))
    for e in entries:
        for a in e.designations(lang, default).abbr:
            abbrs.setdefault(a, e.designations(lang, default).term)
    if not entries and not abbrs:
        return ""
    colon = typography.colon(lang)
    out = [f'<section class="lexicon" id="lexicon"><h1>{ESC(t("kit.lexicon", lang))}</h1>'
           f'<p>{ESC(t("kit.lexicon.intro", lang))}</p>']
    if abbrs:
        out.append(f'<h2>{ESC(t("glossary.part1", lang))}</h2><dl class="lexicon__abbrs">')
        out += [f"<dt>{ESC(a)}</dt><dd>{ESC(abbrs[a])}</dd>" for a in sorted(abbrs, key=lambda a: sort_key(a, lang))]
        out.append("</dl>")
    if entries:
        out.append(f'<h2>{ESC(t("glossary.part2", lang))}</h2><dl class="lexicon__terms">')
        for e in entries:
            d = e.designations(lang, default)
            abbr = f" ({', '.join(d.abbr)})" if d.abbr else ""
            note = (f'<br><span class="lexicon__note">{ESC(t("glossary.notes", lang))}{colon} {ESC(d.notes)}</span>'
                    if d.notes else "")
            out.append(f'<dt id="term-{ESC(e.id)}">{ESC(d.term)}{ESC(abbr)}</dt><dd>{ESC(d.definition)}{note}</dd>')
        out.append("</dl>")
    out.append("</section>")
    return "".join(out)


def editions(lib: Library, site: Path, site_url: str, version: str, made_on: dt.date,
             only: Optional[set[str]] = None) -> list[Edition]:
    out = []
    for pub in sorted(lib.publications.values(), key=lambda p: [int(x) for x in re.findall(r"\d+", p.id)]):
        if only and pub.id not in only:
            continue
        for lang in lib.languages:
            if (site / lib.url(f"{pub.folder}/index", lang) / "index.html").exists():
                out.append(edition(lib, pub, lang, site, site_url, version, lib.catalogue.date(made_on, lang)))
    return out


def _fetcher(site: Path) -> Callable[..., dict[str, Any]]:
    root = site.resolve().as_uri() + "/"

    def fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from weasyprint import default_url_fetcher

        if not url.startswith(root) and not url.startswith("data:"):
            raise ValueError(f"the PDF may read only files of the built site, not {url}")
        found: dict[str, Any] = default_url_fetcher(url, *args, **kwargs)
        return found

    return fetch


def write(job: Edition, site: Path, out: Path) -> int:
    """Render one edition to `out`; returns the number of pages."""
    import weasyprint

    doc = weasyprint.HTML(string=job.html, base_url=job.base, url_fetcher=_fetcher(site)).render(
        stylesheets=[weasyprint.CSS(filename=str(CSS))])
    doc.write_pdf(out, pdf_tags=True)
    return len(doc.pages)
