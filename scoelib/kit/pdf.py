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

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from selectolax.lexbor import LexborHTMLParser

from ..model import Library, Publication
from . import names

ESC = html.escape
CSS = Path(__file__).with_name("pdf.css")
PARA_ID = re.compile(r"^\d+\.\d+$")
_TERM_RE = re.compile(r'<span class="scoe-term"><a class="scoe-term__link" href="(?P<href>[^"]*)"[^>]*>(?P<label>.*?)</a>'
                      r'(?:<span class="scoe-tip"[^>]*>.*?</span>)?</span>', re.S)
_DROP = "a.headerlink, button.scoe-cite, .scoe-chapter-meta, .scoe-tip, .md-source-file, a.md-content__button, .scoe-meta__pdf"
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
                 terms: set[str], abbrs: dict[str, str], lib_url):
        self.url = lib_url(key, lang)
        text = (site / self.url / "index.html").read_text(encoding="utf-8")
        start, end = text.find("<article"), text.rfind("</article>")
        text = text[start:end + len("</article>")]

        def term(m: re.Match) -> str:
            frag = m.group("href").partition("#")[2]
            if frag.startswith("term-"):
                terms.add(frag[len("term-"):])
            return m.group("label")

        tree = LexborHTMLParser(_TERM_RE.sub(term, text))
        article = tree.css_first("article")
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

    def children(self):
        return [n for n in self.article.iter(include_text=False)]


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
    pages = [_Page(site, f"{pub.folder}/chapter-{n}", lang, f"c{n}", local, site_url, terms, abbrs, page_url) for n in chapters]

    # the index page: title, banner, metadata block, foreword, record of changes
    banner, metadata, foreword, changes = "", "", [], []
    part = "head"
    for node in index.children():
        ident = (node.attributes.get("id") or "")[2:]
        if node.tag == "h1":
            continue
        if node.tag == "h2":
            part = "changes" if ident == "record-of-changes" else ("skip" if ident in _STOP_IDS else ("foreword" if part in ("head", "foreword") else "skip"))
            if part == "changes":
                continue
        cls = node.attributes.get("class") or ""
        if part == "head":
            if "scoe-banner" in cls:
                banner += node.html or ""
            elif "scoe-meta" in cls:
                metadata = node.html or ""
            elif node.tag not in ("dl",):
                foreword.append(node.html or "")
        elif part == "foreword":
            foreword.append(node.html or "")
        elif part == "changes":
            changes.append(node.html or "")

    title = f"{pub.edition_label} – {meta.title}"
    status = t("status." + meta.status, lang)
    centre = t("kit.centre", lang)
    # the cover's links (core area, superseding publications) go to the hosted site
    cover = [f'<section class="cover" id="cover"><p class="cover__centre">{ESC(centre)}</p>',
             f'<p class="cover__id">{ESC(pub.edition_label)}</p><p class="cover__title">{ESC(meta.title)}</p>',
             f'<p class="cover__summary">{ESC(meta.summary)}</p>']
    if meta.status == "study":
        cover.append(f'<p class="cover__notice">{ESC(t("kit.not_agreed", lang))}</p>')
    cover += [banner, metadata,
              f'<p class="cover__made">{ESC(t("kit.edition_of", lang, version=version, date=made))}</p>',
              f'<p class="cover__online">{ESC(t("kit.online", lang))}{chr(0xA0) if lang == "fr" else ""}: '
              f'<a href="{ESC(site_url.rstrip("/") + "/" + page_url(index_key, lang))}">{ESC(site_url.rstrip("/") + "/" + page_url(index_key, lang))}</a></p>',
              "</section>"]
    body = ["\n".join(cover)]
    toc = []
    if changes:
        body.append(f'<section class="changes" id="changes"><h1>{ESC(t("changes.title", lang))}</h1>{"".join(changes)}</section>')
        toc.append(("#changes", t("changes.title", lang)))
    contents_at = len(body)
    if foreword:
        # the foreword's own heading (a level-2 heading on the web) is its title here
        first = LexborHTMLParser(foreword[0]).css_first("h2")
        heading = first.text().strip() if first is not None and foreword[0].lstrip().startswith("<h2") else ""
        rest = foreword[1:] if heading else foreword
        label = heading or t("kit.foreword", lang)
        body.append(f'<section class="foreword" id="i"><h1>{ESC(label)}</h1>{"".join(rest)}</section>')
        toc.append(("#i", label))
    titles = []
    for n, page in zip(chapters, pages):
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

    page_css = (f"@page {{ @top-left {{ content: {_css_string(title)}; }} @bottom-left {{ content: {_css_string(status)}; }} "
                f"@bottom-right {{ content: {_css_string(t('kit.page', lang) + ' ')} counter(page) {_css_string(' ' + t('kit.page_of', lang) + ' ')} counter(pages); }} }}")
    doc = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{ESC(title)}</title>'
           f'<meta name="author" content="{ESC(centre)}"><meta name="description" content="{ESC(meta.summary)}">'
           f'<meta name="keywords" content="{ESC(pub.id)}"><meta name="dcterms.created" content="{ESC(str(meta.date))}">'
           f"<style>{page_css}</style></head><body>{''.join(body)}</body></html>")
    return Edition(name, pub.id, lang, doc, (site / index.url / "index.html").as_uri(), titles)


def _lexicon(lib: Library, lang: str, terms: set[str], abbrs: dict[str, str]) -> str:
    t = lib.catalogue.t
    entries = [e for e in lib.glossary if e.id in terms]
    from ..render import sort_key

    entries.sort(key=lambda e: sort_key(getattr(e, lang).term, lang))
    for e in entries:
        for a in getattr(e, lang).abbr:
            abbrs.setdefault(a, getattr(e, lang).term)
    if not entries and not abbrs:
        return ""
    colon = "\u00a0:" if lang == "fr" else ":"
    out = [f'<section class="lexicon" id="lexicon"><h1>{ESC(t("kit.lexicon", lang))}</h1><p>{ESC(t("kit.lexicon.intro", lang))}</p>']
    if abbrs:
        out.append(f'<h2>{ESC(t("glossary.part1", lang))}</h2><dl class="lexicon__abbrs">')
        out += [f"<dt>{ESC(a)}</dt><dd>{ESC(abbrs[a])}</dd>" for a in sorted(abbrs, key=lambda a: sort_key(a, lang))]
        out.append("</dl>")
    if entries:
        out.append(f'<h2>{ESC(t("glossary.part2", lang))}</h2><dl class="lexicon__terms">')
        for e in entries:
            d = getattr(e, lang)
            abbr = f" ({', '.join(d.abbr)})" if d.abbr else ""
            out.append(f'<dt id="term-{ESC(e.id)}">{ESC(d.term)}{ESC(abbr)}</dt><dd>{ESC(d.definition)}'
                       + (f'<br><span class="lexicon__note">{ESC(t("glossary.notes", lang))}{colon} {ESC(d.notes)}</span>' if d.notes else "")
                       + "</dd>")
        out.append("</dl>")
    out.append("</section>")
    return "".join(out)


def editions(lib: Library, site: Path, site_url: str, version: str, made_on, only: Optional[set[str]] = None) -> list[Edition]:
    out = []
    for pub in sorted(lib.publications.values(), key=lambda p: [int(x) for x in re.findall(r"\d+", p.id)]):
        if only and pub.id not in only:
            continue
        for lang in lib.languages:
            if (site / lib.url(f"{pub.folder}/index", lang) / "index.html").exists():
                out.append(edition(lib, pub, lang, site, site_url, version, lib.catalogue.date(made_on, lang)))
    return out


def _fetcher(site: Path):
    root = site.resolve().as_uri() + "/"

    def fetch(url: str, *args, **kwargs):
        from weasyprint import default_url_fetcher

        if not url.startswith(root) and not url.startswith("data:"):
            raise ValueError(f"the PDF may read only files of the built site, not {url}")
        return default_url_fetcher(url, *args, **kwargs)

    return fetch


def write(job: Edition, site: Path, out: Path) -> int:
    """Render one edition to `out`; returns the number of pages."""
    import weasyprint

    doc = weasyprint.HTML(string=job.html, base_url=job.base, url_fetcher=_fetcher(site)).render(
        stylesheets=[weasyprint.CSS(filename=str(CSS))])
    doc.write_pdf(out, pdf_tags=True)
    return len(doc.pages)
