"""Names and places of the release kit's artefacts, shared by the renderer (links on the pages) and the kit
(which writes the files). Nothing here imports WeasyPrint: the site builds without it."""

from __future__ import annotations

from typing import Protocol

from .. import typography


class Translate(Protocol):
    """The library's catalogue lookup (`Library.catalogue.t`): an interface string in a language."""

    def __call__(self, key: str, lang: str, **kw: object) -> str: ...

DOWNLOADS = "downloads/"  # the Downloads page's folder, at the version's root; the artefacts sit beside it
DATA = "data/library.json"
DATA_SCHEMA = "data/library.schema.json"
SUMS = "SHA256SUMS"


def pdf_name(pub_id: str, edition: str, version: int, lang: str) -> str:
    """`SCOE-2.1-A1-en.pdf`: the publication, its edition and version, the language."""
    return f"{pub_id}-{edition}{version}-{lang}.pdf"


def bundle_name(version: str) -> str:
    return f"scoe-library-{version}.zip"


def size_placeholder(name: str) -> str:
    """Where a page shows an artefact's size: the kit fills it in once the file exists."""
    return f'<span class="scoe-size" data-scoe-file="{name}"></span>'


def human_size(n: int, lang: str, t: Translate) -> str:
    """`t`: the library's catalogue (`Library.catalogue.t`)."""
    if n < 1_000_000:
        return t("downloads.size.kb", lang, n=max(1, round(n / 1000)))
    text = f"{n / 1_000_000:.1f}"
    return t("downloads.size.mb", lang, n=typography.decimal(text, lang))
