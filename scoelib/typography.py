"""Typography per language, in one place: spaces around punctuation, dates, ordinals, citations, numbers.

Each language is a row of `RULES` (a `Rules`); the functions below take the language and look its row up.
A language without a row gets `NEUTRAL`: no space added around punctuation, dates as day.month.year in
figures (no month name is guessed).

French (Imprimerie nationale usage, as the French armed forces write it):
- a narrow no-break space (U+202F) before `;` `!` `?` and `»`, and after `«`;
- a no-break space (U+00A0) before `:`;
- the first day of a month is written `1er`; `§ 2.3` for a paragraph;
- in the authors' text (scoelib/style.py): the typographic apostrophe `’`, ordinals `1er`, `1re`, `2e`, `XXe`.

English: the -ize spelling of NATO and Oxford usage (organization, standardization, recognize).

The interface strings (`scoelib/locales/*.yml`) are written with ordinary spaces and passed through
`apply()` when they are loaded; the renderer asks `label()`, `date()`, `citation()`, `percent()` for what it
writes itself. `problems()` lists what `apply()` would change, for a typography lint of the authors' text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space
_SPACES = " \u00a0\u202f\u2009"


@dataclass(frozen=True)
class Rules:
    """What a language wants around punctuation and in the forms the library writes."""

    lang: str
    space_before: dict[str, str] = field(default_factory=dict)  # punctuation -> the space written before it
    space_after: dict[str, str] = field(default_factory=dict)  # opening mark -> the space written after it
    months: tuple[str, ...] = ()
    date_format: str = "{day}{nbsp}{month} {year}"  # fields: day, month, year, nbsp
    first_day: str = ""  # how day 1 is written ("1er"); empty: the number
    citation_space: str = " "  # between "para" / "§" and the paragraph number
    percent_space: str = NBSP  # between a number and "%"
    decimal_mark: str = "."  # in a number written with a fraction: "1.5 MB", "1,5 Mo"
    list_separator: str = ","  # between the fields of a CSV file that this language's spreadsheets open as columns
    # Checked and fixed in the authors' text by scoelib/style.py (`make check`, `make fix`):
    apostrophe: str = ""  # the apostrophe written between two letters ("’"); empty: as typed
    ordinals: bool = False  # French ordinal endings: 1er, 1re, 2e, XXe (not 2ème, 1ère)
    spelling: str = ""  # "ize": English -ize spelling, NATO and Oxford usage (organization, recognize)


_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")

RULES: dict[str, Rules] = {
    "en": Rules("en", months=_EN_MONTHS, spelling="ize"),
    "fr": Rules(
        "fr",
        space_before={";": NNBSP, "!": NNBSP, "?": NNBSP, "»": NNBSP, ":": NBSP},
        space_after={"«": NNBSP},
        months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"),
        first_day="1er",
        citation_space=NBSP,
        decimal_mark=",",
        apostrophe="’",
        ordinals=True,
        list_separator=";",
    ),
    "de": Rules(
        "de",
        months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                "November", "Dezember"),
        date_format="{day}.{nbsp}{month} {year}",
        citation_space=NBSP,
        list_separator=";",
        decimal_mark=",",
    ),
}

NEUTRAL = Rules("", months=tuple(str(m) for m in range(1, 13)), date_format="{day}.{month}.{year}")


def rules(lang: str) -> Rules:
    return RULES.get(lang, NEUTRAL)


# --- spaces around punctuation ------------------------------------------------------------------------


class Problem(NamedTuple):
    """A place where the text's spacing differs from the language's rule: `text[start:end]` should read
    `expected`."""

    start: int
    end: int
    found: str
    expected: str
    message: str


MarkPattern = tuple[re.Pattern[str], str, str]  # the pattern, the mark, the space it wants


def _patterns(r: Rules) -> list[MarkPattern]:
    out = []
    for mark, space in r.space_before.items():
        # a mark that ends a word or stands alone: "nation ;" "nation;" — not "http://" nor "a:b"
        follow = r"(?=[\s<)\]*_»]|$)" if mark != "»" else ""
        out.append((re.compile(rf"(?:(?<=\S)|^)([{_SPACES}]?)({re.escape(mark)}){follow}"), mark, space))
    return out


def _after_patterns(r: Rules) -> list[MarkPattern]:
    return [(re.compile(rf"({re.escape(mark)})([{_SPACES}]?)(?=\S)"), mark, space) for mark, space in r.space_after.items()]


_CACHE: dict[str, tuple[list[MarkPattern], list[MarkPattern]]] = {}


def _compiled(lang: str) -> tuple[list[MarkPattern], list[MarkPattern]]:
    if lang not in _CACHE:
        r = rules(lang)
        _CACHE[lang] = (_patterns(r), _after_patterns(r))
    return _CACHE[lang]


def problems(text: str, lang: str) -> list[Problem]:
    """Every space before or after punctuation that the language's rules write differently, in order."""
    before, after = _compiled(lang)
    found: list[Problem] = []
    for rx, mark, space in before:
        for m in rx.finditer(text):
            if m.group(1) != space:
                found.append(Problem(m.start(1), m.end(1), m.group(1), space,
                                     f"{_name(space)} before `{mark}`" + (f", not {_name(m.group(1))}" if m.group(1) else "")))
    for rx, mark, space in after:
        for m in rx.finditer(text):
            if m.group(2) != space:
                found.append(Problem(m.start(2), m.end(2), m.group(2), space,
                                     f"{_name(space)} after `{mark}`" + (f", not {_name(m.group(2))}" if m.group(2) else "")))
    return sorted(found)


def apply(text: str, lang: str) -> str:
    """`text` with every problem fixed."""
    for p in reversed(problems(text, lang)):
        text = text[: p.start] + p.expected + text[p.end:]
    return text


def _name(space: str) -> str:
    return {NBSP: "a no-break space (U+00A0)", NNBSP: "a narrow no-break space (U+202F)", " ": "an ordinary space",
            "\u2009": "a thin space (U+2009)", "": "no space"}.get(space, repr(space))


# --- forms the library writes -------------------------------------------------------------------------


def label(text: str, lang: str) -> str:
    """`text` followed by a colon, as the language spaces it: "Source:" / "Source :" (no-break)."""
    return text + rules(lang).space_before.get(":", "") + ":"


def colon(lang: str) -> str:
    """A colon with the space the language puts before it."""
    return label("", lang)


def ordinal_day(day: int, lang: str) -> str:
    r = rules(lang)
    return r.first_day if day == 1 and r.first_day else str(day)


def date(d: dt.date, lang: str) -> str:
    """A date in words: "26 November 2026", "1er mars 2026", "6. Dezember 2026" (a no-break space after the
    day)."""
    r = rules(lang)
    return r.date_format.format(day=ordinal_day(d.day, lang), month=r.months[d.month - 1], year=d.year, nbsp=NBSP)


def citation(edition_label: str, para_word: str, number: str, lang: str) -> str:
    """How a paragraph is cited: "SCOE-2.1(A) para 2.3", "SCOE-2.1(A) § 2.3" (no-break space)."""
    return f"{edition_label} {para_word}{rules(lang).citation_space}{number}"


def percent(n: int, lang: str) -> str:
    return f"{n}{rules(lang).percent_space}%"


def decimal(number: str, lang: str) -> str:
    """A number written with the language's decimal mark: "1.5" stays "1.5" in English, "1,5" in French."""
    return number.replace(".", rules(lang).decimal_mark)


def iter_languages() -> Iterator[str]:
    """The languages with their own rules."""
    return iter(RULES)
