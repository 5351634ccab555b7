"""The offline bundle: one version of the site in a ZIP that a reader unzips and opens from `index.html`.

The pages are the built site's, changed only where `file://` needs it:

- links to folders (`use_directory_urls`) point to their `index.html`;
- no version selector (a bundle holds one version) and no `<link rel=alternate>` (Material would fetch each
  language's sitemap, which a browser refuses from a file); the footer says which version this is and when
  it was made;
- search is the bundle's own (`assets/bundle/search.js` over `search-<lang>.js`, the index of the pages'
  text as a script, read with `<script>`, which works from a file where Material's worker and its XHR do
  not). It does not depend on how the hosted site searches.

The policy of each page (CSP) stays what the site serves: scripts from the bundle itself only.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..model import Library

SEARCH_JS = Path(__file__).with_name("bundle-search.js")
_LINK_RE = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")')
_ALTERNATE_RE = re.compile(r'<link rel="alternate"[^>]*>')  # languages and the Atom feed: Material fetches a sitemap.xml for them
_CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_SKIP = ("search/", "pagefind/", "assets/javascripts/workers/", "sitemap.xml", "sitemap.xml.gz")
_SPACE_RE = re.compile(r"\s+")


def _to_file(href: str) -> str:
    if not href or href.startswith(("#", "/")) or _SCHEME_RE.match(href):
        return href
    path, hash_, frag = href.partition("#")
    path, q, query = path.partition("?")
    if path in (".", "..") or path.endswith("/"):
        path = (path if path.endswith("/") else path + "/") + "index.html"
    return path + (q + query) + (hash_ + frag)


def _lang(html: str, default: str) -> str:
    m = re.search(r'<html lang="([a-z]{2,3})"', html[:500])
    return m.group(1) if m else default


def page(html: str, rel: str, note: str, lang: str) -> str:
    """One page of the site as the bundle holds it. `rel`: its path in the bundle ("fr/glossary/index.html")."""
    root = "../" * rel.count("/")
    html = _LINK_RE.sub(lambda m: m.group(1) + _to_file(m.group(2)) + m.group(3), html)
    html = _ALTERNATE_RE.sub("", html)

    def config(m: re.Match[str]) -> str:
        data = json.loads(m.group(2))
        data.pop("search", None)  # Material's search stays off: the bundle has its own
        data["version"] = None  # no version selector
        return f"{m.group(1)}{json.dumps(data, ensure_ascii=False)}{m.group(3)}"

    html = _CONFIG_RE.sub(config, html, count=1)
    # the hosted site's search (Pagefind, docs/assets/scoe-search.js) needs a server: the bundle's replaces it
    html = html.replace('<div class="md-search" data-scoe-search', '<div class="md-search" data-scoe-bundle-search', 1)
    html = html.replace('<form class="md-search__form" name="scoe-search">', '<form class="md-search__form">', 1)
    html = html.replace('<p class="scoe-downloads-bundle" data-scoe-bundle></p>', f'<p class="scoe-downloads-bundle">{note}</p>', 1)
    html = html.replace('<div class="md-copyright">', f'<div class="md-copyright"><div class="scoe-bundle-note">{note}</div>', 1)
    scripts = (f'<script src="{root}assets/bundle/search-{lang}.js"></script>'
               f'<script src="{root}assets/bundle/search.js"></script>')
    return html.replace("</body>", scripts + "</body>", 1)


def search_data(lib: Library, site: Path, lang: str) -> str:
    """The text of one language's pages as a script: `[title, url from the bundle's root, text]` per entry;
    each numbered paragraph and each section is an entry of its own, so that a result opens at its place."""
    docs = []
    default = lib.languages.default
    base = site / lang if lang != default else site
    for path in sorted(base.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if lang == default and rel.startswith(tuple(f"{other}/" for other in lib.languages.others)):
            continue
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        article = tree.css_first("article.md-content__inner")
        if article is None:
            continue
        cites = {div.attributes.get("id"): (div.css_first("button.scoe-cite") or div).attributes.get("data-cite")
                 for div in article.css("div.scoe-para[id]")}
        for node in article.css("a.headerlink, button.scoe-cite, .scoe-tip, script, style"):
            node.decompose()
        h1 = article.css_first("h1")
        title = _SPACE_RE.sub(" ", h1.text()).strip() if h1 is not None else rel
        paras = article.css("div.scoe-para[id]")
        for div in paras:
            num = div.attributes.get("id") or ""
            docs.append([f"{cites.get(num) or num} – {title}", f"{rel}#{num}", _SPACE_RE.sub(" ", div.text(separator="")).strip()])
            div.decompose()
        # the rest of the page, cut at its level-2 headings
        section_title, section_id, text = title, "", list[str]()
        for node in article.iter(include_text=False):
            if node.tag == "h2":
                if text:
                    docs.append([section_title, rel + (f"#{section_id}" if section_id else ""), " ".join(text)])
                section_title = f"{title} – {_SPACE_RE.sub(' ', node.text()).strip()}"
                section_id, text = node.attributes.get("id") or "", []
            elif node.tag != "h1":
                words = _SPACE_RE.sub(" ", node.text(separator="")).strip()
                if words:
                    text.append(words)
        if text or not paras:
            docs.append([section_title, rel + (f"#{section_id}" if section_id else ""), " ".join(text)])
    t = lib.catalogue.t
    data = {"lang": lang, "strings": {"results": t("bundle.results", lang, n="#"), "none": t("bundle.no_results", lang)}, "docs": docs}
    return "window.SCOE_SEARCH=" + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def make(lib: Library, site: Path, out: Path, *, version: str, made: dict[str, str], skip: tuple[str, ...] = ()) -> Path:
    """Write the bundle of the built site in `site` to `out` (a .zip). `made`: the date in each language."""
    folder = out.stem  # the ZIP holds one folder, named like the file
    notes = {lang: lib.catalogue.t("bundle.version", lang, version=version, date=made[lang]) for lang in lib.languages}
    stamp = (1980, 1, 1, 0, 0, 0)  # same bytes for the same site: reproducible, checkable
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        def add(rel: str, data: bytes) -> None:
            info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)

        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            rel = path.relative_to(site).as_posix()
            if rel.startswith(_SKIP) or rel.endswith(("/sitemap.xml", "/sitemap.xml.gz", ".zip")) or "/search/" in rel or rel in skip:
                continue
            if rel.endswith(".html"):
                html = path.read_text(encoding="utf-8")
                lang = _lang(html, lib.languages.default)
                add(rel, page(html, rel, notes.get(lang, ""), lang).encode("utf-8"))
            else:
                add(rel, path.read_bytes())
        add("assets/bundle/search.js", SEARCH_JS.read_bytes())
        for lang in lib.languages:
            add(f"assets/bundle/search-{lang}.js", search_data(lib, site, lang).encode("utf-8"))
    os.replace(tmp, out)
    return out
