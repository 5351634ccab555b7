"""Schemas of the library's metadata (pydantic). The JSON Schemas in `schemas/` are exported from here
(`python -m scoelib schemas`) so that editors validate front matter and the glossary as authors type."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal, Optional, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

PUBLICATION_ID = r"^SCOE-\d+(\.\d+)*$"
Status = Literal["draft", "study", "ratification-draft", "promulgated", "superseded", "cancelled"]
CoreArea = Literal["operational-space-support", "space-domain-awareness", "space-domain-coordination", "cross-cutting"]
TermStatus = Literal["agreed", "coe", "proposed", "deprecated"]
STATUSES: tuple[str, ...] = get_args(Status)
CORE_AREAS: tuple[str, ...] = get_args(CoreArea)
TERM_STATUSES: tuple[str, ...] = get_args(TermStatus)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    # keys whose value was bad or missing and stands in as a placeholder (see `model.validate_model`)
    _degraded: frozenset[str] = PrivateAttr(default=frozenset())

    @property
    def degraded(self) -> frozenset[str]:
        return self._degraded

    @degraded.setter
    def degraded(self, keys: frozenset[str]) -> None:
        self._degraded = keys


class Change(Strict):
    edition: str = Field(pattern=r"^[A-Z]$", description="Edition letter")
    version: int = Field(ge=1)
    date: dt.date
    summary: str = Field(min_length=1, description="What changed (translated)")


# Keys any page may carry, whatever its kind.
class PageMeta(Strict):
    title: Optional[str] = Field(None, description="Overrides the page title in navigation")
    description: Optional[str] = None
    hide: Optional[list[Literal["navigation", "toc", "footer", "path", "tags"]]] = None
    translation: Optional[Literal["pending"]] = Field(
        None, description="English pages only: the French translation is pending; the French site shows this page in English under a banner"
    )
    translated_from: Optional["TranslationRecord"] = Field(
        None, description="French pages only: written by `make translated`, the English text this page translates"
    )


class TranslationRecord(Strict):
    fingerprint: str = Field(pattern=r"^[0-9a-f]{12}$")
    date: dt.date
    paragraphs: Optional[dict[str, str]] = None


class ChapterMeta(PageMeta):
    chapter: int = Field(ge=1, description="Chapter number; paragraphs are numbered <chapter>.<n>")


class PublicationMeta(PageMeta):
    id: str = Field(pattern=PUBLICATION_ID, description="Unique id, e.g. SCOE-2.1")
    title: str = Field(min_length=1, description="Title of the publication (translated)")
    edition: str = Field(pattern=r"^[A-Z]$", description="Edition letter, A for the first edition")
    version: int = Field(ge=1, description="Version within the edition")
    status: Status
    date: dt.date = Field(description="Date of this edition and version")
    custodian: str = Field(min_length=1, description="Key of data/custodians.yml")
    core_area: CoreArea
    summary: str = Field(min_length=1, description="One or two sentences on what the publication covers (translated)")
    releasability: Literal["public"] = Field(description="This library publishes public material only")
    supersedes: list[str] = Field(default_factory=list)
    superseded_by: Optional[str] = None
    changes: list[Change] = Field(default_factory=list)

    @field_validator("supersedes")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        for item in v:
            if not re.match(PUBLICATION_ID, item):
                raise ValueError(f"`{item}` is not a publication id like SCOE-2.1")
        return v

    @field_validator("superseded_by")
    @classmethod
    def _id(cls, v: Optional[str]) -> Optional[str]:
        if v is not None and not re.match(PUBLICATION_ID, v):
            raise ValueError(f"`{v}` is not a publication id like SCOE-2.1")
        return v


# What stands in for a bad or missing value of a publication's front matter while the rest of the library
# is checked: the bad value is reported once, and nothing that follows from it (`model.validate_model`).
PUBLICATION_PLACEHOLDERS = {
    "title": "?", "edition": "A", "version": 1, "status": "draft", "date": dt.date(1970, 1, 1), "custodian": "?",
    "core_area": CORE_AREAS[0], "summary": "?", "releasability": "public", "supersedes": [], "superseded_by": None,
    "changes": [], "description": None, "hide": None, "translation": None, "translated_from": None,
}

# Fields of a publication that are written in each language; all others must agree.
TRANSLATED_FIELDS = {"title", "summary", "translated_from", "translation"}


class AvoidedVariant(Strict):
    """A designation of the concept that authors should not use in this language (non-preferred, deprecated
    or wrong), with the reason. `make check` reports each use in a page of that language (GL007, a warning; a
    release refuses it unless ALLOW_TERMS=1) with the preferred term in the hint. Plural and feminine forms
    are found without being listed; quoted code, HTML comments, phrases marked with the other language's
    `lang` and this glossary entry itself are not flagged. Example, on the French side of `radio-frequency-interference`:

        avoid:
          - term: "interférence"
            reason: "Le Règlement des radiocommunications de l'UIT, en français, dit « brouillage »."
    """

    term: str = Field(min_length=1, description="The variant as written in running text, singular and masculine (its plural and "
                      "feminine forms are found too)")
    reason: str = Field(min_length=1, description="Why it is avoided, in this language: shown to authors with the preferred term")
    forms: list[str] = Field(default_factory=list, description="Other written forms to find that plural and feminine endings do "
                             "not produce (irregular forms, elisions)")


class Designations(Strict):
    term: str = Field(min_length=1)
    abbr: list[str] = Field(default_factory=list)
    definition: str = Field(min_length=1)
    notes: Optional[str] = None
    admitted: list[str] = Field(default_factory=list)
    deprecated: list[str] = Field(default_factory=list, description="Former synonyms: `[[...]]` with one of them is refused "
                                  "(XR005) and running text with one is reported (GL007)")
    avoid: list[AvoidedVariant] = Field(default_factory=list, description="Variants to avoid in running text of this language, "
                                        "each with its reason (GL007)")
    status: Optional[TermStatus] = Field(None, description="Status of this language's designation, when it differs from the "
                                         "entry's")
    source: Optional[str] = Field(None, min_length=1, description="The source as this language's readers cite it (a French "
                                  "official text, a translated title), when it differs from the entry's `source`; the entry's "
                                  "is shown otherwise, marked as written in the default language")


class GlossaryEntry(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    status: TermStatus
    source: str = Field(min_length=1)
    see_also: list[str] = Field(default_factory=list)
    use: Optional[str] = Field(None, description="Deprecated entries: id of the preferred entry")
    en: Designations
    fr: Designations
    # the designations in the site's other configured languages (`de:` …), validated by the loader
    _more: dict[str, Designations] = PrivateAttr(default_factory=dict)

    def designations(self, lang: str, default: str) -> Designations:
        """The entry's designations in `lang`; in the default language if the entry has none in `lang`."""
        found = getattr(self, lang, None) if lang in type(self).model_fields else self._more.get(lang)
        if isinstance(found, Designations):
            return found
        if lang == default:
            raise LookupError(f"glossary entry `{self.id}` has no designations in its default language `{default}`")
        return self.designations(default, default)

    def source_in(self, lang: str, default: str) -> tuple[str, str]:
        """The entry's source for the readers of `lang`, and the language it is written in: this language's own
        `source`, else the entry's (written in the default language)."""
        own = self.designations(lang, default).source if self.has_language(lang) else None
        return (own, lang) if own else (self.source, default)

    def has_language(self, lang: str) -> bool:
        return isinstance(getattr(self, lang, None), Designations) if lang in type(self).model_fields else lang in self._more


class Localized(Strict):
    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)


def localized(value: BaseModel, lang: str, default: str) -> str:
    """A text of the data files (`title: {en: …, fr: …}`, a custodian's name) in `lang`, else in `default`."""
    text = getattr(value, lang, None) or getattr(value, default)
    return str(text)


class Edition(Strict):
    edition: str
    status: Literal["promulgated", "ratification-draft", "study", "superseded", "cancelled", "unknown"]
    date: Optional[str] = None


class StandardEntry(Strict):
    id: str = Field(min_length=2)
    kind: Literal["ajp", "aap", "atp", "adatp", "stanag", "other"]
    title: Localized
    covers: Localized
    status: Literal["promulgated", "ratification-draft", "study", "superseded", "cancelled", "unknown"]
    edition: Optional[str] = None
    editions: list[Edition] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    source: str = Field(min_length=1, description="Where the editors found the facts: for the editors, never shown to readers")
    note: Optional[Localized] = Field(None, description="Editing note: for the editors, never shown to readers")
    edition_confirmed: bool = Field(True, description="False when `edition` is not confirmed by an official source: readers see "
                                    "\"edition not confirmed\" (as they do when `edition` is null)")
    official_source: Optional[str] = Field(None, pattern=r"^https://", description="Address of the official public page "
                                           "(NATO, a national MoD, the UN, the ITU): the only source shown to readers")


class Custodian(Strict):
    en: str
    fr: str
    github: str = Field(pattern=r"^@[\w.-]+(/[\w.-]+)?$")


PageMeta.model_rebuild()
ChapterMeta.model_rebuild()
PublicationMeta.model_rebuild()


def json_schemas() -> dict[str, dict[str, Any]]:
    """The schemas exported for editors."""
    from pydantic import TypeAdapter

    return {
        "publication.schema.json": PublicationMeta.model_json_schema(),
        "chapter.schema.json": ChapterMeta.model_json_schema(),
        "page.schema.json": PageMeta.model_json_schema(),
        "glossary.schema.json": TypeAdapter(list[GlossaryEntry]).json_schema(),
        "standards.schema.json": TypeAdapter(list[StandardEntry]).json_schema(),
    }
