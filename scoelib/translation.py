"""Translation workflow: parity, staleness, and the status report.

The default language of the site (`Library.languages.default`, from mkdocs.yml) is the reference; every
other configured language translates it. A translated page records which text of the reference it
translates (`translated_from:` in its front matter, written by `make translated`): a fingerprint of the
whole reference page and one of each numbered paragraph. When the reference page changes, the translation
is *stale*, and for chapters we know exactly which paragraphs changed. The date of that change comes from
the model (`Library.changed`, read from git by `model.load`); nothing here reads the disk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NotRequired, Optional, TypedDict

import yaml

from . import codes, registry, ui
from .diagnostics import Diagnostic
from .model import Library, Page

if TYPE_CHECKING:
    from .refs import Index

UP_TO_DATE, STALE, PENDING, MISSING, UNTRACKED = "up-to-date", "stale", "pending", "missing", "untracked"


@dataclass
class Status:
    key: str
    lang: str  # the language of the translation
    state: str
    source: Page  # the page in the default language
    target: Optional[Page]  # its translation into `lang`, if it exists
    stale_paragraphs: list[str] = field(default_factory=list)
    source_changed: Optional[dt.date] = None  # when the source page last changed, for a stale translation

    @property
    def section(self) -> str:
        return self.key.split("/")[0] if "/" in self.key else "home"


def status(lib: Library) -> list[Status]:
    """The state of every page's translation into every other language, computed once per library."""
    if lib.statuses is None:
        lib.statuses = _status(lib)
    return lib.statuses


def _status(lib: Library) -> list[Status]:
    out = []
    default = lib.languages.default
    for key in lib.keys():
        source = lib.page(key, default)
        if source is None:
            continue  # orphans are reported by the rule
        for lang in lib.languages.others:
            target = lib.page(key, lang)
            if target is None:
                out.append(Status(key, lang, PENDING if source.meta.get("translation") == "pending" else MISSING, source, None))
                continue
            record = target.meta.get("translated_from")
            if not isinstance(record, dict) or "fingerprint" not in record:
                out.append(Status(key, lang, UNTRACKED, source, target))
            elif record["fingerprint"] == source.fingerprint:
                out.append(Status(key, lang, UP_TO_DATE, source, target))
            else:
                old = record.get("paragraphs") or {}
                changed = [p.number for p in source.paragraphs if old.get(p.number) != p.fingerprint]
                out.append(Status(key, lang, STALE, source, target, changed, lib.changed.get(source.rel)))
    return out


def _name(lib: Library, lang: str) -> str:
    """The language's English name, for the diagnostics ("French")."""
    return lib.catalogue.language_name(lang)


def _stem(page: Page) -> str:
    return page.rel[: -len(f".{page.lang}.md")]


@registry.rule(codes.TR001, codes.TR002, codes.TR003, codes.TR004, codes.TR005, codes.TR006, codes.TR007)
def rule(lib: Library, index: Index) -> Iterable[Diagnostic]:
    """TR001–TR007."""
    out: list[Diagnostic] = []
    default = lib.languages.default
    source_name = _name(lib, default)
    for key in lib.keys():
        source = lib.page(key, default)
        translations = [p for p in (lib.page(key, lang) for lang in lib.languages.others) if p is not None]
        if source is None:
            for page in translations:
                out.append(Diagnostic(page.rel, 1, 1, codes.TR005, f"this {_name(lib, page.lang)} page has no {source_name} source page",
                                      hint=f"Add `{_stem(page)}.{default}.md` ({source_name} is the reference language) "
                                           "or remove this page."))
        elif translations and len(translations) == len(lib.languages.others) and source.meta.get("translation") == "pending":
            out.append(Diagnostic(source.rel, source.line_of_key("translation"), 1, codes.TR006,
                                  f"`translation: pending` but the {' and '.join(_name(lib, p.lang) for p in translations)} page exists",
                                  hint="Remove `translation: pending`.", related=translations[0].rel))
    for st in status(lib):
        name = _name(lib, st.lang)
        if st.state == MISSING:
            out.append(Diagnostic(st.source.rel, 1, 1, codes.TR001, f"no {name} page `{_stem(st.source)}.{st.lang}.md`",
                                  hint=f"Add the {name} page, or declare `translation: pending` in this page's front matter: the {name} "
                                       f"site then shows the {source_name} text under a banner."))
        elif st.state == PENDING:
            out.append(Diagnostic(st.source.rel, st.source.line_of_key("translation"), 1, codes.TR003,
                                  f"the {name} translation is pending"))
        elif st.state == UNTRACKED and st.target is not None:
            out.append(Diagnostic(st.target.rel, 1, 1, codes.TR004, f"this page does not record which {source_name} text it translates",
                                  hint=f"Once the translation is checked, run `make translated PAGE={st.target.rel}`."))
        elif st.state == STALE and st.target is not None:
            paras = f" (paragraphs {', '.join(st.stale_paragraphs)})" if st.stale_paragraphs else ""
            out.append(Diagnostic(st.target.rel, st.target.line_of_key("translated_from"), 1, codes.TR002,
                                  f"the {source_name} page changed since this translation{paras}",
                                  hint=f"Update the {name} text, then run `make translated PAGE={st.target.rel}`.", related=st.source.rel))
    out += catalogue_rule(lib)
    return out


def catalogue_rule(lib: Library) -> list[Diagnostic]:
    """TR007: the interface strings a configured language lacks (its pages show the English ones)."""
    out = []
    for lang in lib.languages:
        missing = lib.catalogue.missing(lang)
        if not missing:
            continue
        rel = lib.catalogue.files.get(lang)
        if rel is None:
            out.append(Diagnostic(f"locales/{lang}.yml", 1, 1, codes.TR007,
                                  f"the {_name(lib, lang)} language (`{lang}`) has no catalogue of interface strings: "
                                  "its pages show the English ones",
                                  hint=f"Copy `scoelib/locales/en.yml` to `locales/{lang}.yml` and translate each line."))
            continue
        for key in missing:
            out.append(Diagnostic(rel, 1, 1, codes.TR007, f"the key `{key}` is missing: {_name(lib, lang)} pages show the English text "
                                  f"“{lib.catalogue.strings[ui.REFERENCE][key].replace(chr(10), ' ')[:60]}”",
                                  hint=f"Add a line `{key}: …` with the {_name(lib, lang)} text."))
    return out


def summary_lines(statuses: list[Status], lib: Optional[Library] = None) -> list[str]:
    """The summary `make check` prints: one line per translated language, then the pages behind."""
    langs: list[Optional[str]] = list(dict.fromkeys(st.lang for st in statuses)) or [None]
    lines = []
    for lang in langs:
        mine = [st for st in statuses if st.lang == lang]
        counts = {s: 0 for s in (UP_TO_DATE, STALE, UNTRACKED, PENDING, MISSING)}
        for st in mine:
            counts[st.state] += 1
        total = len(mine) or 1
        head = f"Translations ({_name(lib, lang)})" if len(langs) > 1 and lib is not None and lang else "Translations"
        lines.append(f"{head}: {counts[UP_TO_DATE]} up to date, {counts[STALE]} out of date, {counts[UNTRACKED]} not tracked, "
                     f"{counts[PENDING]} pending, {counts[MISSING]} missing — "
                     f"{100 * counts[UP_TO_DATE] // total}% of {len(mine)} pages current.")
        for st in mine:
            if st.state == STALE and st.target is not None:
                paras = f" (paragraphs {', '.join(st.stale_paragraphs)})" if st.stale_paragraphs else ""
                lines.append(f"  out of date: {st.target.rel}{paras}: update it, then run `make translated PAGE={st.target.rel}`")
            elif st.state == PENDING:
                lines.append(f"  pending: {st.source.rel}")
    return lines


class TranslatedFrom(TypedDict):
    """The `translated_from` record of a translation's front matter (`schema.TranslationRecord`)."""

    fingerprint: str
    date: dt.date | str
    paragraphs: NotRequired[dict[str, str]]  # paragraph number -> fingerprint of its text


def translation_record(source: Page, date: dt.date | str) -> TranslatedFrom:
    """The `translated_from` record of a translation that renders `source` as it is now."""
    rec: TranslatedFrom = {"fingerprint": source.fingerprint, "date": date}
    if source.paragraphs:
        rec["paragraphs"] = {p.number: p.fingerprint for p in source.paragraphs}
    return rec


def record(lib: Library, rel: str, today: Optional[dt.date] = None) -> str:
    """Write the `translated_from` record into a translated page; returns a one-line report."""
    default = lib.languages.default
    page = next((p for p in lib.pages.values() if p.rel == rel), None)
    if page is None or page.lang == default:
        names = " or ".join(_name(lib, lang) for lang in lib.languages.others) or "translated"
        files = " or ".join(f"docs/…/name.{lang}.md" for lang in lib.languages.others) or "docs/…/name.<language>.md"
        raise ValueError(f"{rel} is not a {names} page of the library (expected {files})")
    source = lib.page(page.key, default)
    if source is None:
        raise ValueError(f"{rel} has no {_name(lib, default)} page to record")
    rec = translation_record(source, today or dt.date.today())
    block = yaml.safe_dump({"translated_from": rec}, sort_keys=False, allow_unicode=True, default_flow_style=False)
    text = page.text
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
        fm = lines[1:end]
        kept, skipping = [], False
        for line in fm:
            if line.startswith("translated_from:"):
                skipping = True
                continue
            if skipping and (line.startswith((" ", "\t")) or not line.strip()):
                continue
            skipping = False
            kept.append(line)
        new = ["---", *kept, *block.rstrip("\n").split("\n"), *lines[end:]]
    else:
        new = ["---", *block.rstrip("\n").split("\n"), "---", "", *lines]
    Path(lib.root / rel).write_text("\n".join(new), encoding="utf-8")
    return f"{rel}: recorded as the translation of {source.rel} ({source.fingerprint}, {len(source.paragraphs)} paragraphs)"
