"""The `[[...]]` syntax: finding references in a page and resolving them against the library.

`[[SCOE-2.1]]`, `[[SCOE-2.1#2.37]]`, `[[SCOE-2.1#2.37|label]]` cite publications and paragraphs;
`[[STANAG 4607]]`, `[[AJP-01(E)]]` cite the standards registry; anything else is a glossary term or
abbreviation, looked up in the page's language. `\\[[` is a literal `[[`. References inside code and
HTML comments are never seen (the scanner masks them).
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Optional, Union

from . import codes
from .model import Library, Page, Publication
from .schema import PUBLICATION_ID, Designations, GlossaryEntry, StandardEntry

REF_RE = re.compile(r"(?<!\\)\[\[(?P<body>[^\[\]\n]*?)\]\]")
OPEN_RE = re.compile(r"(?<!\\)\[\[")
EDITION_RE = re.compile(r"^(?P<id>.+?)\((?P<edition>[A-Z])\)$")
# What looks like a NATO standard's id: STANAG 4607, STANREC 4777, AJP-3.29, AAP-06, ADatP-34(E)
STANDARD_LIKE_RE = re.compile(r"^(STANAG|STANREC)\s+\d+|^A[A-Za-z]{0,4}P-\d")


@dataclass
class Ref:
    target: str
    fragment: str  # paragraph number, or ""
    label: str  # as written, or ""
    line: int
    column: int
    start: int  # offset in the page body
    end: int

    @property
    def written(self) -> str:
        t = self.target + (f"#{self.fragment}" if self.fragment else "")
        return t + (f"|{self.label}" if self.label else "")


@dataclass
class Problem:
    code: codes.Code
    message: str
    hint: str = ""


@dataclass
class PubTarget:
    publication: Publication
    paragraph: Optional[str] = None
    chapter: Optional[int] = None


@dataclass
class TermTarget:
    entry: GlossaryEntry
    written: str


@dataclass
class StandardTarget:
    entry: StandardEntry
    edition: Optional[str]


Target = Union[PubTarget, TermTarget, StandardTarget]


@dataclass
class Resolution:
    target: Optional[Target]
    problems: list[Problem] = field(default_factory=list)


def find(page: Page) -> tuple[list[Ref], list[tuple[int, int]]]:
    """References in the page body, and the (line, column) of any `[[` left unclosed."""
    cached: Optional[tuple[list[Ref], list[tuple[int, int]]]] = page.__dict__.get("_refs_found")  # the check and the renderer ask: once
    if cached is not None:
        return cached
    page.__dict__["_refs_found"] = found = _find(page)
    return found


def _find(page: Page) -> tuple[list[Ref], list[tuple[int, int]]]:
    refs: list[Ref] = []
    masked = page.masked
    if "[[" not in masked:
        return refs, []
    # A reference's body has no `[`, so the only `[[` inside a reference is the one that opens it.
    starts: set[int] = set()
    line, line_start, pos = 1, 0, 0  # lines counted once, forwards (matches come in order)
    for m in _iter_at(REF_RE, masked):
        body = m.group("body")
        target, _, label = body.partition("|")
        target, _, fragment = target.partition("#")
        start = m.start()
        line += masked.count("\n", pos, start)
        line_start = masked.rfind("\n", 0, start) + 1 if line > 1 else 0
        pos = start
        column = start - line_start + 1
        refs.append(Ref(target.strip(), fragment.strip(), label.strip(), page.body_start + line - 1, column, start, m.end()))
        starts.add(start)
    unclosed = []
    line_starts = None
    for m in _iter_at(OPEN_RE, masked):
        if m.start() not in starts:
            if line_starts is None:  # built once: a page of unclosed `[[` is not quadratic
                line_starts = [0] + [n.end() for n in re.finditer("\n", masked)]
            i = bisect.bisect_right(line_starts, m.start()) - 1
            unclosed.append((page.body_start + i, m.start() - line_starts[i] + 1))
    return refs, unclosed


def _iter_at(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match starts with `[[`: tried only where `[[` is
    (the lookbehind still sees the text before), which spares the regex a scan of every position."""
    pos = text.find("[[")
    while pos >= 0:
        m = pattern.match(text, pos)
        if m:
            yield m
            pos = text.find("[[", m.end())
        else:
            pos = text.find("[[", pos + 1)


def _linecol(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _singular(word: str) -> str:
    for suffix, repl in (("sses", "ss"), ("aux", "al"), ("ies", "y"), ("s", ""), ("x", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + repl
    return word


def normalise_term(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().replace("\u00a0", " ").replace("’", "'")).casefold()


def glossary_skeleton(term: str, lang: str, languages: list[str]) -> str:
    """The hint's last part: the entry to add to the glossary for a new term, ready to fill in."""
    ascii_term = unicodedata.normalize("NFKD", term.casefold()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_term).strip("-") or "new-term"
    lines = [f"- id: {slug}", "  status: proposed", '  source: "…"']
    for other in languages:
        lines += [f"  {other}:", f'    term: "{term if other == lang else "…"}"', '    definition: "…"']
    return "If it is a new term, add an entry to `data/glossary.yml` (in alphabetical order of `id`):\n" + "\n".join(lines)


class Index:
    """Everything `[[...]]` can name, built once per library."""

    def __init__(self, lib: Library):
        self.lib = lib
        self._resolved: dict[tuple[str, str, str], Resolution] = {}
        self.entries = {e.id: e for e in lib.glossary}
        self.standards = {s.id: s for s in lib.standards}
        # per language: normalised term -> (entry, kind) where kind is term|admitted|deprecated
        self.default = lib.languages.default
        self.terms: dict[str, dict[str, tuple[GlossaryEntry, str]]] = {lang: {} for lang in lib.languages}
        self.abbrs: dict[str, dict[str, GlossaryEntry]] = {lang: {} for lang in lib.languages}
        for e in lib.glossary:
            for lang in lib.languages:
                d = self.designations(e, lang)
                kind_main = "deprecated" if e.status == "deprecated" else "term"
                for t, kind in [(d.term, kind_main)] + [(a, "admitted") for a in d.admitted] + [(x, "deprecated") for x in d.deprecated]:
                    self.terms[lang].setdefault(normalise_term(t), (e, kind))
                for a in d.abbr:
                    self.abbrs[lang].setdefault(a, e)

    def designations(self, entry: GlossaryEntry, lang: str) -> Designations:
        """The entry's designations in `lang` (in the default language if it has none in `lang`)."""
        return entry.designations(lang, self.default)

    def preferred(self, entry: GlossaryEntry) -> GlossaryEntry:
        seen = set()
        while entry.status == "deprecated" and entry.use in self.entries and entry.id not in seen:
            seen.add(entry.id)
            entry = self.entries[entry.use]
        return entry

    def lookup_term(self, text: str, lang: str) -> Optional[tuple[GlossaryEntry, str]]:
        if text in self.abbrs[lang]:
            return self.abbrs[lang][text], "abbr"
        key = normalise_term(text)
        if key in self.terms[lang]:
            return self.terms[lang][key]
        # a plural finds its singular entry: every word at once ("capacités spatiales", "moyens spatiaux"),
        # then one word at a time ("objects in orbit", "accords de normalisation")
        words = key.split(" ")
        singular = [_singular(w) for w in words]
        candidates = [" ".join(singular)] + [" ".join(words[:i] + [singular[i]] + words[i + 1:]) for i in range(len(words))]
        for cand in candidates:
            if cand != key and cand in self.terms[lang]:
                return self.terms[lang][cand]
        if text.endswith("s") and text[:-1] in self.abbrs[lang]:  # "RSOs"
            return self.abbrs[lang][text[:-1]], "abbr"
        return None

    def suggestions(self, text: str, lang: str) -> list[str]:
        """Terms close to `text` in `lang`, never a deprecated one (an author would paste it)."""
        pool = [self.designations(e, lang).term for e in self.lib.glossary if e.status != "deprecated"]
        pool += [a for a, e in self.abbrs[lang].items() if e.status != "deprecated"]
        by_norm = {normalise_term(p): p for p in pool}
        close = difflib.get_close_matches(normalise_term(text), list(by_norm), n=3, cutoff=0.6)
        return [by_norm[c] for c in close]

    def same_id_spelt_otherwise(self, target: str) -> Optional[str]:
        """`STANAG4607`, `stanag 4607`, `SCOE 3.1`: the id of a standard or publication written with other
        spaces, hyphens or case."""
        compact = re.sub(r"[\s_-]", "", target).upper()
        for known in [*self.standards, *self.lib.publications]:
            if re.sub(r"[\s_-]", "", known).upper() == compact:
                return known
        return None

    def resolve(self, ref: Ref, lang: str) -> Resolution:
        """What `ref` names on a page in `lang` (the check and the renderer ask for the same ones: once each)."""
        key = (ref.target, ref.fragment, lang)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(ref, lang)
        return found

    def _resolve(self, ref: Ref, lang: str) -> Resolution:
        target = ref.target
        if not target:
            return Resolution(None, [Problem(codes.XR008, "empty reference `[[]]`", "Write `[[ID]]`, `[[ID#2.3]]` or `[[term]]`.")])
        if re.match(PUBLICATION_ID, target):
            return self._resolve_publication(ref)
        std = self._standard(target)
        if std is not None:
            return std
        if STANDARD_LIKE_RE.match(target):
            ids = list(self.standards)
            close = difflib.get_close_matches(target, ids, n=3, cutoff=0.5)
            hint = ("Did you mean " + ", ".join(f"`[[{c}]]`" for c in close) + "? ") if close else ""
            hint += "Add the standard to `data/standards.yml` (facts with their source) or correct the id."
            return Resolution(None, [Problem(codes.XR006, f"the standards registry has no `{target}`", hint)])
        if ref.fragment:
            return Resolution(None, [Problem(codes.XR001, f"`{target}` is not a publication id, so `#{ref.fragment}` cannot be a paragraph",
                                             self._pub_hint(target))])
        return self._resolve_term(target, lang)

    def _resolve_term(self, target: str, lang: str) -> Resolution:
        found = self.lookup_term(target, lang)
        if found is None:
            return self._unknown_term(target, lang)
        entry, kind = found
        problems = []
        if kind == "deprecated":
            preferred = self.preferred(entry) if entry.status == "deprecated" else entry
            pref_term = self.designations(preferred, lang).term
            problems.append(Problem(codes.XR005, f"`{target}` is a deprecated term", f"Use `[[{pref_term}]]`."))
            entry = preferred
        return Resolution(TermTarget(entry, target), problems)

    def _unknown_term(self, target: str, lang: str) -> Resolution:
        """Why `target` names nothing: an id spelt otherwise (XR001, XR006), or not a term (XR003) with
        the close terms, the term in another language, or the entry to add."""
        known_id = self.same_id_spelt_otherwise(target)
        if known_id is not None:
            code = codes.XR001 if known_id in self.lib.publications else codes.XR006
            return Resolution(None, [Problem(code, f"`{target}` is not an id; the id is written `{known_id}`", f"Write `[[{known_id}]]`.")])
        hint = ""
        sugg = self.suggestions(target, lang)
        if sugg:
            hint = "Did you mean " + ", ".join(f"`[[{s}]]`" for s in sugg) + "?"
        for other in self.lib.languages:
            in_other = self.lookup_term(target, other) if other != lang else None
            if in_other:
                hint = (f"`{target}` is the {self.lib.catalogue.language_name(other)} term; on this page write "
                        f"`[[{self.designations(in_other[0], lang).term}]]`. ") + hint
                break
        if re.match(r"^[A-Z]{2,}-?\d", target):
            hint = (hint + " " if hint else "") + ("If this is a publication or a standard, check its id in the catalogue or the "
                                                   "standards registry.")
        if hint:
            hint += " If it is a new term, add an entry for it to `data/glossary.yml`."
        else:
            hint = "Check the spelling. " + glossary_skeleton(target, lang, list(self.lib.languages))
        glossary = self.lib.catalogue.language_name(lang)
        return Resolution(None, [Problem(codes.XR003, f"`{target}` is not a term or abbreviation of the {glossary} glossary", hint)])

    def _pub_hint(self, target: str) -> str:
        close = difflib.get_close_matches(target, list(self.lib.publications), n=3, cutoff=0.5)
        return ("Did you mean " + ", ".join(f"`[[{c}]]`" for c in close) + "?") if close else "See the catalogue for the publication ids."

    def _resolve_publication(self, ref: Ref) -> Resolution:
        pub = self.lib.publications.get(ref.target)
        if pub is None:
            return Resolution(None, [Problem(codes.XR001, f"no publication has the id `{ref.target}`", self._pub_hint(ref.target))])
        problems = []
        meta = pub.source
        if meta.status in ("superseded", "cancelled"):
            in_force = f"; the publication in force is `{meta.superseded_by}`" if meta.superseded_by else ""
            hint = (f"Cite `[[{meta.superseded_by}]]` instead, unless you mean the old text." if meta.superseded_by
                    else "Cite a publication in force.")
            problems.append(Problem(codes.XR004, f"`{pub.id}` is {meta.status}{in_force}", hint))
        if not ref.fragment:
            return Resolution(PubTarget(pub), problems)
        found = pub.paragraph(ref.fragment)
        if found is None:
            numbers = pub.paragraph_numbers()
            close = difflib.get_close_matches(ref.fragment, numbers, n=3, cutoff=0.5)
            hint = ("Did you mean " + ", ".join(f"`[[{pub.id}#{c}]]`" for c in close) + "? ") if close else ""
            if numbers:
                hint += f"{pub.id} has paragraphs {numbers[0]} to {numbers[-1]}."
            else:
                hint += f"{pub.id} has no numbered paragraphs yet."
            problems.append(Problem(codes.XR002, f"`{pub.id}` has no paragraph {ref.fragment}", hint))
            return Resolution(None, problems)
        chapter, _ = found
        return Resolution(PubTarget(pub, ref.fragment, chapter), problems)

    def _standard(self, target: str) -> Optional[Resolution]:
        if target in self.standards:
            return Resolution(StandardTarget(self.standards[target], None))
        m = EDITION_RE.match(target)
        if not m or m.group("id") not in self.standards:
            return None
        entry = self.standards[m.group("id")]
        edition = m.group("edition")
        if edition == entry.edition:
            return Resolution(StandardTarget(entry, edition))
        known = {e.edition: e for e in entry.editions}
        if edition not in known:
            editions = ", ".join(sorted({*(known), *([entry.edition] if entry.edition else [])}))
            hint = f"Known editions: {editions or 'none recorded'}; `[[{entry.id}]]` cites the edition in force."
            return Resolution(None, [Problem(codes.XR006, f"the registry has no edition {edition} of `{entry.id}`", hint)])
        problems = []
        if known[edition].status in ("superseded", "cancelled"):
            in_force = f"edition {entry.edition} is in force" if entry.edition else "no edition in force is recorded"
            problems.append(Problem(codes.XR007, f"`{target}` is a {known[edition].status} edition; {in_force}",
                                    f"Cite `[[{entry.id}]]` for the edition in force."))
        return Resolution(StandardTarget(entry, edition), problems)
