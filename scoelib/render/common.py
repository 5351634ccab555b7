"""Names, anchors, relative URLs and orders shared by every renderer (pure functions, no state)."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from functools import lru_cache

from ..model import Publication
from ..schema import GlossaryEntry
from .html import Markup, esc

GLOSSARY_KEY = "glossary/index"
CATALOGUE_KEY = "catalogue/index"
STANDARDS_KEY = "standards/index"
WHATS_NEW_KEY = "whats-new/index"  # generated page, no source file (the plugin adds it per language)

# "Ch. 2 – " or "Chapitre 2 : " at the start of a chapter's title (page_label puts the publication first)
CHAPTER_PREFIX_RE = re.compile(r"^[^\W\d]+\.?\s+\d+\s*[–—:.-]\s*")


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


def sort_key(text: str, lang: str) -> tuple[str, str, str]:
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


def pub_order(pub: Publication) -> list[int]:
    """Publications by reference number: SCOE-2.10 after SCOE-2.9."""
    return [int(x) for x in re.findall(r"\d+", pub.id)]


def first_sentence(text: str) -> str:
    """The first sentence of a summary: the catalogue gives one line per publication."""
    m = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    return (m.group(1) if m else text).strip()


def code_spans(text: str) -> Markup:
    """An interface string with `code` spans, as HTML."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text)))
