"""Open data: the content of a version as one JSON file, `data/library.json`, with its JSON Schema beside it.

Every publication with its metadata, every numbered paragraph by number in both languages (plain text and
HTML, taken from the built pages, so exactly what the site shows), the glossary, the standards registry,
and the reference graph (which paragraph cites which publication, paragraph, term or standard). Links in
the HTML are relative to the version's root (`publications/x/chapter-2/#2.3`), as are the `url` fields.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any, Optional

from selectolax.lexbor import LexborHTMLParser

from .. import refs as refs_mod
from ..model import Library, Page
from ..schema import PublicationMeta
from . import names

FORMAT = "scoe-library/1"
SCHEMA = Path(__file__).with_name("library.schema.json")
_TERM_RE = re.compile(r'(<span class="scoe-term">)(<a class="scoe-term__link" href="[^"]*")[^>]*(>.*?</a>)'
                      r'(?:<span class="scoe-tip"[^>]*>.*?</span>)?(</span>)', re.S)
_HREF_RE = re.compile(r'href="([^"]*)"')
_SPACE_RE = re.compile(r"\s+")


def _root_relative(href: str, here: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
        return href
    path, _, frag = href.partition("#")
    if not path:
        target = here
    else:
        target = posixpath.normpath(posixpath.join("/" + here, path)).lstrip("/")
        target = "" if target == "." else target + ("/" if path.endswith("/") and target else "")
    return target + (f"#{frag}" if frag else "")


def _paragraphs(site: Path, here: str) -> dict[str, tuple[str, str]]:
    """Number -> (plain text, HTML) of the numbered paragraphs of one built page (`here`: its URL)."""
    path = site / here / "index.html"
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    tree = LexborHTMLParser(_TERM_RE.sub(r"\1\2\3\4", text))
    out = {}
    for div in tree.css("article div.scoe-para[id]"):
        for node in div.css("a.scoe-para__num, button.scoe-cite, .scoe-stale-badge"):
            node.decompose()
        inner = _HREF_RE.sub(lambda m: f'href="{_root_relative(m.group(1), here)}"', div.inner_html or "").strip()
        plain = _SPACE_RE.sub(" ", div.text(separator="")).strip()
        out[div.attributes.get("id") or ""] = (plain, inner)
    return out


def _where(page: Page, line: int) -> Optional[str]:
    for p in page.paragraphs:
        if p.line <= line <= p.end_line:
            return p.number
    return None


def references(lib: Library, index: Optional[refs_mod.Index] = None) -> list[dict[str, Any]]:
    index = index or refs_mod.Index(lib)
    out = []
    for (key, lang), page in sorted(lib.pages.items()):
        found, _ = refs_mod.find(page)
        for ref in found:
            tgt = index.resolve(ref, lang).target
            if tgt is None:
                continue
            source: dict[str, Any] = {"page": lib.url(key, lang), "lang": lang}
            if page.publication is not None:
                source["publication"] = page.publication.id
            para = _where(page, ref.line)
            if para:
                source["paragraph"] = para
            if isinstance(tgt, refs_mod.PubTarget):
                target: dict[str, Any] = {"kind": "paragraph" if tgt.paragraph else "publication", "id": tgt.publication.id}
                if tgt.paragraph:
                    target["paragraph"] = tgt.paragraph
            elif isinstance(tgt, refs_mod.StandardTarget):
                target = {"kind": "standard", "id": tgt.entry.id}
            else:
                target = {"kind": "term", "id": tgt.entry.id}
            out.append({"from": source, "to": target, "written": f"[[{ref.written}]]"})
    return out


def library(lib: Library, site: Path, *, version: str, made: str, site_url: str) -> dict[str, Any]:
    LANGS, page_url = tuple(lib.languages), lib.url
    pubs = []
    for pub in sorted(lib.publications.values(), key=lambda p: [int(x) for x in re.findall(r"\d+", p.id)]):
        en = pub.source
        metas = {lang: pub.meta_in(lang) for lang in LANGS}
        custodian = lib.custodians.get(en.custodian)
        chapters = []
        for n in sorted(pub.chapters):
            key = f"{pub.folder}/chapter-{n}"
            texts = {lang: _paragraphs(site, page_url(key, lang)) for lang in LANGS}
            pages = pub.chapters[n]
            numbers = [p.number for p in (pages.get(lib.default_lang) or next(iter(pages.values()))).paragraphs]
            chapters.append({
                "number": n,
                "title": {lang: (pages.get(lang) or pages.get(lib.default_lang) or next(iter(pages.values()))).title for lang in LANGS},
                "url": {lang: page_url(key, lang) for lang in LANGS},
                "paragraphs": [{"number": num, "url": {lang: page_url(key, lang) + "#" + num for lang in LANGS},
                                "text": {lang: texts[lang].get(num, ("", ""))[0] for lang in LANGS},
                                "html": {lang: texts[lang].get(num, ("", ""))[1] for lang in LANGS}} for num in numbers],
            })
        pubs.append({
            "id": pub.id, "edition_label": pub.edition_label, "edition": en.edition, "version": en.version,
            "status": en.status, "date": str(en.date), "core_area": en.core_area, "releasability": en.releasability,
            "custodian": {lang: getattr(custodian, lang) if custodian else en.custodian for lang in LANGS},
            "supersedes": list(en.supersedes), "superseded_by": en.superseded_by,
            "title": {lang: metas[lang].title for lang in LANGS}, "summary": {lang: metas[lang].summary for lang in LANGS},
            "url": {lang: page_url(f"{pub.folder}/index", lang) for lang in LANGS},
            "pdf": {lang: names.DOWNLOADS + names.pdf_name(pub.id, metas[lang].edition, metas[lang].version, lang)
                    for lang in LANGS},
            "changes": [{"edition": c.edition, "version": c.version, "date": str(c.date),
                         "summary": {lang: _change_summary(metas[lang], i, c.summary) for lang in LANGS}}
                        for i, c in enumerate(en.changes)],
            "chapters": chapters,
        })
    return {
        "format": FORMAT,
        "version": version,
        "made": made,
        "site_url": site_url,
        "languages": list(LANGS),
        "publications": pubs,
        "glossary": [e.model_dump(mode="json", exclude_none=True) for e in lib.glossary],
        "standards": [s.model_dump(mode="json", exclude_none=True) for s in lib.standards],
        "references": references(lib),
    }


def _change_summary(meta: PublicationMeta, i: int, default: str) -> str:
    return meta.changes[i].summary if i < len(meta.changes) else default


def write(lib: Library, site: Path, *, version: str, made: str, site_url: str) -> Path:
    data = library(lib, site, version=version, made=made, site_url=site_url)
    out = site / names.DATA
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (site / names.DATA_SCHEMA).write_bytes(SCHEMA.read_bytes())
    return out
