"""The release kit (scoelib/kit): PDF editions read with pypdf, the open data against its schema and the pages,
the checksums (`make verify`), the Downloads page, and the safety gates in front of the PDFs.

One build with the kit for one publication (tests/conftest.py `release_kit`); the offline bundle in Chromium is
tests/browser/test_bundle.py."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, copy_library, make
from scoelib import model

PUB = "SCOE-2.1"
SITE_URL = "http://127.0.0.1:8000/"
LIB, _ = model.load(ROOT)
WORDS = {"en": {"author": "NATO Space Centre of Excellence", "page": "Page 1 of {n}", "notice": "Study draft — not NATO-agreed doctrine",
                "changes": "Record of changes", "contents": "Contents", "lexicon": "Lexicon", "status": "Study draft"},
         "fr": {"author": "Centre d’excellence spatial de l’OTAN", "page": "Page 1 sur {n}",
                "notice": "Projet d’étude — pas une doctrine agréée par l’OTAN", "changes": "Relevé des modifications",
                "contents": "Sommaire", "lexicon": "Lexique", "status": "Projet d’étude"}}


def plain(text: str) -> str:
    """Text without the typography the build applies to French pages (apostrophes, no-break spaces)."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def pdf_path(kit, lang: str):
    pub = LIB.publications[PUB]
    meta = pub.meta[lang]
    return kit["site"] / "downloads" / f"{PUB}-{meta.edition}{meta.version}-{lang}.pdf"


@pytest.fixture(params=["en", "fr"])
def lang(request):
    return request.param


def test_pdf_is_the_publication_in_its_language(release_kit, lang):
    pub = LIB.publications[PUB]
    meta = pub.meta[lang]
    reader = PdfReader(pdf_path(release_kit, lang))
    n = len(reader.pages)
    assert n >= 8
    words = WORDS[lang]
    # document metadata and language
    assert reader.metadata.title == f"{pub.edition_label} – {meta.title}"
    assert reader.metadata.author == words["author"]
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    # cover: metadata in the PDF's language, running header and footer with page x of y
    cover = reader.pages[0].extract_text()
    for text in (pub.edition_label, meta.title, words["notice"], "2026.1", words["page"].format(n=n), words["status"],
                 f"{pub.edition_label} – {meta.title}"):
        assert text in cover, text
    assert f"Page {n} " in reader.pages[-1].extract_text().replace("\n", " ") + " "
    # outline: record of changes, contents, foreword, every chapter in order, lexicon
    outline = [plain(o.title) for o in reader.outline if not isinstance(o, list)]
    sections = [o for o in reader.outline if isinstance(o, list)]  # each chapter's sections, nested under it
    assert len(sections) >= len(pub.chapters) - 1 and all(s and not isinstance(s[0], list) for s in sections)
    chapters = [plain(pub.chapters[c][lang].title) for c in sorted(pub.chapters)]
    assert [o for o in outline if o in chapters] == chapters
    assert outline[:2] == [words["changes"], words["contents"]] and outline[-1] == words["lexicon"]
    # every numbered paragraph, with its number, as on the web
    text = "\n".join(p.extract_text() for p in reader.pages)
    for number in pub.paragraph_numbers():
        assert re.search(rf"(^|\n){re.escape(number)}\s", text), number
    para = next(p for p in pub.chapters[2][lang].paragraphs if p.number == "2.3")
    source = re.sub(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]", lambda m: m.group(2) or m.group(1), para.text[len("2.3"):])
    assert plain(" ".join(source.split()[:5])) in plain(text)


def test_pdf_links_inside_resolve_and_others_go_to_the_site(release_kit, lang):
    reader = PdfReader(pdf_path(release_kit, lang))
    names = set(reader.named_destinations)
    internal, external = [], []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            if annot.get("/Dest") is not None:
                internal.append(str(annot["/Dest"]))
            elif annot.get("/A") is not None:
                external.append(str(annot["/A"]["/URI"]))
    assert internal and not [d for d in internal if d not in names]
    # the table of contents, and references to paragraphs of the same publication, stay in the PDF
    assert "c1" in internal and any(d.startswith("p-") for d in internal)
    # other publications and the site's pages are on the hosted site, in the PDF's language
    prefix = SITE_URL + ("fr/" if lang == "fr" else "")
    assert any(u.startswith(prefix + "publications/scoe-3-1") for u in external)
    assert all(u.startswith(SITE_URL) or not u.startswith("http://127.0.0.1") for u in external)
    # glossary terms are plain text, defined in the lexicon annex: no link to the glossary
    assert not [u for u in external if "/glossary/" in u]


def test_lexicon_lists_the_terms_the_publication_uses(release_kit, lang):
    from scoelib import refs

    reader = PdfReader(pdf_path(release_kit, lang))
    start = next(i for i, p in enumerate(reader.pages) if WORDS[lang]["lexicon"] + "\n" in p.extract_text()[:40])
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages[start:]))
    index = refs.Index(LIB)
    pub = LIB.publications[PUB]
    used = {res.target.entry.id for page in [pub.index[lang]] + [pub.chapters[c][lang] for c in pub.chapters]
            for ref in refs.find(page)[0] if isinstance((res := index.resolve(ref, lang)).target, refs.TermTarget)}
    assert len(used) >= 5
    for entry in (e for e in LIB.glossary if e.id in used):
        d = getattr(entry, lang)
        assert d.term in text and re.sub(r"\s+", " ", d.definition)[:40] in text, d.term
    assert not [e for e in LIB.glossary if e.id not in used and getattr(e, lang).definition[:40] in text]


def test_library_json_validates_and_matches_the_pages(release_kit):
    import jsonschema

    site = release_kit["site"]
    data = json.loads((site / "data/library.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data/library.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["version"] == "2026.1" and {p["id"] for p in data["publications"]} == set(LIB.publications)
    pub = next(p for p in data["publications"] if p["id"] == PUB)
    paragraphs = {p["number"]: p for c in pub["chapters"] for p in c["paragraphs"]}
    assert list(paragraphs) == LIB.publications[PUB].paragraph_numbers()
    for number in ("1.1", "2.3"):
        for lang in ("en", "fr"):
            para = paragraphs[number]
            page = LexborHTMLParser((site / para["url"][lang].split("#")[0] / "index.html").read_text(encoding="utf-8"))
            div = page.css_first(f'div.scoe-para[id="{number}"]')
            for node in div.css(".scoe-tip, a.scoe-para__num, button"):
                node.decompose()
            assert para["text"][lang] == re.sub(r"\s+", " ", div.text(separator="")).strip()
            assert para["text"][lang] and number not in para["text"][lang][:6]
            assert "scoe-tip" not in para["html"][lang] and "<p>" in para["html"][lang]
    # the reference graph: a paragraph of SCOE-2.1 citing a term, another publication
    refs = [r for r in data["references"] if r["from"].get("publication") == PUB and r["from"]["lang"] == "en"]
    assert {"term", "publication"} <= {r["to"]["kind"] for r in refs}
    assert any(r["from"].get("paragraph") and r["to"]["kind"] == "term" for r in refs)
    assert {e["id"] for e in data["glossary"]} == {e.id for e in LIB.glossary}


def test_downloads_page_and_publication_page_link_the_files(release_kit):
    site = release_kit["site"]
    for lang, prefix in (("en", ""), ("fr", "fr/")):
        page = site / prefix / "downloads/index.html"
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        assert tree.css_first(".scoe-downloads-none") is None  # the "no files in this build" note is gone
        links = {a.attributes["href"] for a in tree.css("article a[href]")}
        bundle = next(h for h in links if h.endswith(".zip"))
        assert (page.parent / bundle).resolve() == (site / "downloads/scoe-library-2026.1.zip").resolve()
        pdfs = [h for h in links if h.endswith(".pdf") and PUB in h]
        assert len(pdfs) == 2 and all((page.parent / h).exists() for h in pdfs)
        assert ("ko)" if lang == "fr" else "KB)") in tree.css_first(f'.scoe-size[data-scoe-file="{pdfs[0].split("/")[-1]}"]').text()
        pub_page = site / LIB.url(LIB.publications[PUB].folder + "/index", lang) / "index.html"
        meta = LexborHTMLParser(pub_page.read_text(encoding="utf-8")).css_first("dd.scoe-meta__pdf")
        hrefs = [a.attributes["href"] for a in meta.css("a")]
        assert len(hrefs) == 2 and all((pub_page.parent / h).exists() for h in hrefs)
        assert "(" in meta.text()


def test_make_verify_passes_then_fails_on_a_flipped_byte(release_kit, tmp_path):
    dist = tmp_path / "dist"
    shutil.copytree(release_kit["dist"], dist)
    names = {line.split()[1] for line in (dist / "SHA256SUMS").read_text().splitlines()}
    assert names == {p.name for p in dist.iterdir() if p.name != "SHA256SUMS"} and "scoe-library-2026.1.zip" in names
    ok = make(ROOT, "verify", FILE=str(dist / "SHA256SUMS"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    target = next(p for p in dist.iterdir() if p.suffix == ".pdf")
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    bad = make(ROOT, "verify", FILE=str(dist / "SHA256SUMS"))
    assert bad.returncode != 0 and f"{target.name}: SHA-256 does not match" in bad.stderr, bad.stderr


def test_the_site_refusing_a_page_means_no_pdf(tmp_path):
    """The kit runs only after the build's safety gates passed: a script in a chapter stops everything."""
    root = copy_library(tmp_path / "lib")
    rel = "docs/publications/scoe-2-1-operational-space-support/chapter-1.en.md"
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n\n<script>alert(1)</script>\n", encoding="utf-8")
    res = make(root, "pdf", SITE=str(tmp_path / "site"))
    assert res.returncode != 0 and rel in res.stderr, res.stderr[-2000:]
    assert not list((tmp_path / "site").rglob("*.pdf")) and not (root / "dist").exists()
