"""Terminology held by the glossary: variants to avoid (GL007) and the source of `agreed` entries (GL008).

A glossary entry lists, per language, the variants authors should not use (`avoid`, each with its reason,
and the former synonyms of `deprecated`). Every use of one in running text of that language is reported
at `file:line:col` with the entry's term as the fix: in pages (body and the translated front-matter
fields) and in the other glossary entries. Plural and feminine forms are found from the singular
(`INFLECTIONS`, one function per language); `forms` adds irregular ones. Not flagged: code, HTML
comments, HTML tags and their attributes, link addresses, the targets of `[[...]]` (a wrong target is
the references rule's), phrases marked with another language's `lang`, and the entry that lists the
variant.

Speed: one combined expression per language, tried only on texts that contain one of the variants'
stems (a substring test on the case-folded text); most pages contain none and cost one `casefold()`.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from . import codes, registry
from .diagnostics import Diagnostic
from .model import Library, Page
from .schema import GlossaryEntry
from .yamlutil import Located, YamlPath

if TYPE_CHECKING:
    from .refs import Index

# --- inflection, per language ------------------------------------------------------------------------


def _fr_singular(w: str) -> str:
    """The singular of a French word written in the plural (multi-domaines, milieux, spatiaux), so that a
    variant written in the plural is found in the singular too."""
    lw = w.lower()
    if len(lw) > 4 and lw.endswith("aux"):
        return w[:-3] + "al"
    if len(lw) > 3 and (lw.endswith("ux") or lw.endswith("s") and not lw.endswith("ss")):
        return w[:-1]
    return w


def _en_singular(w: str) -> str:
    lw = w.lower()
    if len(lw) > 4 and lw.endswith("ies"):
        return w[:-3] + "y"
    if len(lw) > 4 and lw.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if len(lw) > 3 and lw.endswith("s") and not lw.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _fr_word(w: str) -> str:
    """A French word and its plural and feminine forms (un refusé, des refusées; spatial, spatiaux)."""
    w = _fr_singular(w)
    lw, e = w.casefold(), re.escape(w)
    if lw.endswith("al"):
        return re.escape(w[:-2]) + "(?:al|aux|ale|ales|als)"
    if lw.endswith(("eau", "au", "eu")):
        return e + "[sx]?"
    if lw.endswith(("s", "x", "z")):
        return e + "(?:e|es)?"
    if lw.endswith("e"):
        return e + "s?"
    if lw.endswith("er"):
        return re.escape(w[:-2]) + "(?:er|ers|ère|ères)"
    if lw.endswith("f"):
        return re.escape(w[:-1]) + "(?:f|fs|ve|ves)"
    if lw.endswith(("el", "eil", "en", "on", "et")):
        c = re.escape(w[-1])
        return e + f"(?:s|{c}e|{c}es|e|es)?"
    return e + "(?:e|s|es)?"


def _en_word(w: str) -> str:
    """An English word and its plural (interference, interferences; capability, capabilities)."""
    w = _en_singular(w)
    lw = w.casefold()
    if len(lw) > 2 and lw.endswith("y") and lw[-2] not in "aeiou":
        return re.escape(w[:-1]) + "(?:y|ies)"
    if lw.endswith(("s", "x", "z", "ch", "sh")):
        return re.escape(w) + "(?:es)?"
    return re.escape(w) + "s?"


def _fr_stem(w: str) -> str:
    """What every form of a French word starts with (for the substring pre-filter)."""
    lw = _fr_singular(w).lower()
    if lw.endswith("al"):
        return lw[:-1]  # spatial, spatiaux, spatiale: "spatia"
    if lw.endswith("er"):
        return lw[:-2]  # premier, première: "premi"
    if lw.endswith("f"):
        return lw[:-1]
    return lw


def _en_stem(w: str) -> str:
    lw = _en_singular(w).lower()
    return lw[:-1] if len(lw) > 2 and lw.endswith("y") and lw[-2] not in "aeiou" else lw


INFLECTIONS: dict[str, Callable[[str], str]] = {"fr": _fr_word, "en": _en_word}
STEMS: dict[str, Callable[[str], str]] = {"fr": _fr_stem, "en": _en_stem}
_APOSTROPHE_RE = re.compile(r"['’]")


def variant_pattern(text: str, lang: str, inflect: bool = True) -> str:
    """The expression that finds a variant in running text: each word inflected, any run of spaces
    (including no-break spaces and a line break) between words, either apostrophe."""
    word = INFLECTIONS.get(lang) if inflect else None
    parts = []
    for w in text.split():
        pieces = _APOSTROPHE_RE.split(w)
        # inflect the last piece only (d'intérêt → d'intérêts), the apostrophe matching ' or ’
        last = word(pieces[-1]) if word else re.escape(pieces[-1])
        parts.append("['’]".join([re.escape(p) for p in pieces[:-1]] + [last]))
    return r"\s+".join(parts)


def _stem(word: str, lang: str) -> str:
    """What every inflected form of a word contains: the word after any elision (d'intérêt → intérêt),
    less the letters an inflection may change, in lower case."""
    last = _APOSTROPHE_RE.split(word)[-1]
    return STEMS.get(lang, str.lower)(last) if len(last) > 3 else last.lower()


# --- the variants of a library ----------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    written: str  # as the glossary writes it
    lang: str
    entry: str  # id of the entry that lists it
    preferred: str  # the entry's term in that language
    reason: str


@dataclass
class Matcher:
    """All the variants of one language: one expression, tried only where their words occur."""

    lang: str
    variants: list[Variant]
    regex: re.Pattern[str]
    gates: dict[str, tuple[tuple[str, ...], frozenset[str]]]  # gate -> (the spellings looked for, first-word stems)

    @functools.cached_property
    def key(self) -> str:
        """What a page's findings depend on besides its text: the variants, all they say (a digest)."""
        return hashlib.blake2b(repr(self.variants).encode("utf-8"), digest_size=16).hexdigest()

    def find(self, text: str) -> list[tuple[int, int, Variant]]:
        """(start, end, variant) of each variant in the running text of `text` (code and comments already
        blanked). A variant can only be there if the text holds the stem of its rarest word (its gate: a
        substring test or two, lower case and capitalized when it is the first word); where a gate is
        found, the stems of the first words are looked for with `str.find`, the expression is tried at the
        start of each word that holds one, and a match is kept only if it is running text. Most pages hold
        no gate and cost a few substring tests."""
        firsts: set[str] = set()
        for spellings, first in self.gates.values():
            if any(g in text for g in spellings):
                firsts |= first
        if not firsts:
            return []
        starts = _word_starts(text, firsts)
        if not starts:
            return []
        out: list[tuple[int, int, Variant]] = []
        lines: dict[int, tuple[int, str]] = {}  # line start -> (line start, running text of the line)
        last_end = -1
        for pos in sorted(starts):
            if pos < last_end:
                continue
            m = self.regex.match(text, pos)
            if m is None:
                continue
            ls = text.rfind("\n", 0, pos) + 1
            if ls not in lines:
                le = text.find("\n", pos)
                lines[ls] = (ls, running_text(text[ls: le if le >= 0 else len(text)], self.lang))
            clean = lines[ls][1]
            if clean[m.start() - ls: m.end() - ls] != m.group(0)[: len(clean) - (m.start() - ls)]:
                continue  # inside a tag, an address, a reference target or a phrase of another language
            group = m.lastgroup  # `v<index>`: every alternative of the expression is a named group
            if group is None:
                continue
            out.append((m.start(), m.end(), self.variants[int(group[1:])]))
            last_end = m.end()
        return out


def _word_starts(text: str, stems: set[str]) -> set[int]:
    """The start of each word of `text` that holds one of `stems` (or its capitalized form), and each
    position after an apostrophe inside that word ("l'interférence")."""
    starts: set[int] = set()
    for stem in stems:
        for spelling in {stem, stem[:1].upper() + stem[1:]}:
            i = text.find(spelling)
            while i >= 0:
                j = i
                while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’"):
                    j -= 1
                starts.add(j)
                starts.update(k for k in range(j + 1, i + 1) if text[k - 1] in "'’")
                i = text.find(spelling, i + 1)
    return starts


def variants(lib: Library) -> dict[str, list[Variant]]:
    out: dict[str, list[Variant]] = {}
    for e in lib.glossary:
        for lang in lib.languages:
            if not e.has_language(lang):
                continue
            d = e.designations(lang, lib.languages.default)
            for a in d.avoid:
                out.setdefault(lang, []).append(Variant(a.term, lang, e.id, d.term, a.reason))
                for f in a.forms:
                    out[lang].append(Variant(f, lang, e.id, d.term, a.reason))
            for x in d.deprecated:
                why = lib.catalogue.t("terms.deprecated_reason", lang)
                out.setdefault(lang, []).append(Variant(x, lang, e.id, d.term, why))
    return out


def _sample(lib: Library, lang: str, size: int = 300_000) -> str:
    """Some of the library's text in this language, lower case (to tell rare words from common ones)."""
    parts, total = [], 0
    for (_, page_lang), page in sorted(lib.pages.items()):
        if page_lang == lang:
            parts.append(page.masked)
            total += len(page.masked)
            if total >= size:
                break
    return "\n".join(parts).lower()


def matchers(lib: Library) -> dict[str, Matcher]:
    cached: dict[str, Matcher] | None = lib.__dict__.get("_term_matchers")
    if cached is not None:
        return cached
    found: dict[str, Matcher] = {}
    for lang, vs in variants(lib).items():
        vs = sorted(vs, key=lambda v: -len(v.written))  # the longest variant wins where two overlap
        alts = "|".join(f"(?P<v{i}>{variant_pattern(v.written, lang)})" for i, v in enumerate(vs))
        regex = re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)
        # the gate of a variant is its rarest word, judged on a sample of the library's pages of that language
        sample = _sample(lib, lang)
        gates: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
        for v in vs:
            stems = [_stem(w, lang) for w in v.written.split()]
            k = min(range(len(stems)), key=lambda k: (sample.count(stems[k]), -len(stems[k])))
            gate = stems[k]
            spellings: tuple[str, ...] = (gate, gate[:1].upper() + gate[1:]) if k == 0 else (gate,)
            old = gates.get(gate, ((), frozenset()))
            gates[gate] = (tuple(dict.fromkeys(old[0] + spellings)), old[1] | {stems[0]})
        for gate in sorted(gates, key=len, reverse=True):  # "services" is found wherever "service" is: one test
            shorter = next((g for g in gates if g != gate and gate.startswith(g)), None)
            if shorter is not None:
                spellings, firsts = gates.pop(gate)
                capital = (shorter[:1].upper() + shorter[1:],) if len(spellings) > 1 else ()
                gates[shorter] = (tuple(dict.fromkeys(gates[shorter][0] + capital)), gates[shorter][1] | firsts)
        found[lang] = Matcher(lang, vs, regex, gates)
    lib.__dict__["_term_matchers"] = found
    return found


# --- what is not running text -----------------------------------------------------------------------

_LANG_ELEMENT_RE = re.compile(r"""<(?P<tag>[A-Za-z][\w-]*)\b[^>]*?\blang\s*=\s*["']?(?P<lang>[A-Za-z]+)[^>]*>""")
# What is not running text, each expression with the literal it starts with (tried only if the text has
# it: an expression that starts with a literal is searched for quickly, one with alternatives is not).
_NOT_TEXT = [
    ("<", re.compile(r"<[A-Za-z/!][^>\n]*>")),  # HTML tags and their attributes
    ("](", re.compile(r"\]\([^)\n]*\)")),  # the address of a Markdown link
    ("://", re.compile(r"://[^\s>)\]]*")),  # an address (its scheme is added below)
    ("mailto:", re.compile(r"mailto:[^\s>)\]]*")),
    ("[[", re.compile(r"\[\[[^\[\]|\n]*(?=[|\]])")),  # the target of a [[...]] reference (its label is text)
]


_REF_DEF_RE = re.compile(r"[ ]{0,3}\[[^\]\n]+\]:.*")


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span replaced by spaces (line breaks kept, so offsets and lines stay)."""
    if not spans:
        return text
    out, last = [], 0
    for start, end in sorted(spans):
        if end <= last:
            continue
        start = max(start, last)
        out.append(text[last:start])
        seg = text[start:end]
        out.append(" " * len(seg) if "\n" not in seg else re.sub(r"[^\n]", " ", seg))
        last = end
    out.append(text[last:])
    return "".join(out)


def not_text_spans(text: str, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "lang" in text:
        for m in _LANG_ELEMENT_RE.finditer(text):
            if m.group("lang").lower().split("-")[0] != lang:
                close = text.find(f"</{m.group('tag')}>", m.end())
                spans.append((m.start(), close + len(m.group("tag")) + 3 if close >= 0 else m.end()))
    pos = text.find("]:")
    while pos >= 0:  # a link reference definition: `[label]: address` on a line of its own
        ls = text.rfind("\n", 0, pos) + 1
        ref = _REF_DEF_RE.match(text, ls)
        if ref:
            spans.append((ls, ref.end()))
        pos = text.find("]:", pos + 2)
    for literal, rx in _NOT_TEXT:
        if literal in text:
            for m in rx.finditer(text):
                start = m.start()
                if literal == "://":
                    while start > 0 and text[start - 1].isalpha():
                        start -= 1
                spans.append((start, m.end()))
    return spans


def running_text(text: str, lang: str) -> str:
    """`text` (already masked for code and comments) with what is not running text of `lang` blanked by
    spaces, offsets kept."""
    return blank_spans(text, not_text_spans(text, lang))


# --- the rules ----------------------------------------------------------------------------------------


def _diag(rel: str, line: int, col: int, found: str, v: Variant) -> Diagnostic:
    return Diagnostic(rel, line, col, codes.GL007,
                      f"`{found}` is a variant to avoid in `{v.lang}` text "
                      f"(glossary entry `{v.entry}`)",
                      hint=f"Write `{v.preferred}` (or an inflected form of it). Why: {v.reason}")


@registry.rule(codes.GL007)
def avoided_rule(lib: Library, index: Optional[Index] = None) -> Iterable[Diagnostic]:
    """GL007: variants to avoid, in pages and in the glossary."""
    found = matchers(lib)
    if not found:
        return []
    out: list[Diagnostic] = []
    for page in lib.pages.values():
        m = found.get(page.lang)
        if m is not None:
            # from the page's text and the variants alone: once per text while the variants are the same
            # (a page's findings are kept with it: scoelib.checkcache)
            before = page.derived.get("avoided")
            if before is None or before[0] != m.key:
                before = page.derived["avoided"] = (m.key, page_findings(page, m))
            out += before[1]
    out += _glossary_findings(lib, found)
    return out


def page_findings(page: Page, matcher: Matcher) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    text = page.masked
    for start, end, v in matcher.find(text):
        line = text.count("\n", 0, start)
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        out.append(_diag(page.rel, page.body_start + line, col, text[start:end], v))
    for key in ("title", "summary", "description"):
        value = page.meta.get(key)
        if isinstance(value, str):
            hits = matcher.find(value)
            if hits:
                line = page.line_of_key(key)
                raw = page.text.split("\n")[line - 1] if line >= 1 else ""
                for start, end, v in hits:
                    col = raw.find(value[start:end])
                    out.append(_diag(page.rel, line, col + 1 if col >= 0 else 1, value[start:end], v))
    return out


def _glossary_findings(lib: Library, found: dict[str, Matcher]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    located = lib.glossary_yaml
    raw_lines = lib.raw_data.get(lib.GLOSSARY, "").split("\n")
    pos = _positions(located)
    sep = "\n\x00\n"  # between two texts: no variant matches across it
    for lang, matcher in found.items():
        # every text of this language in one string, searched once; offsets lead back to entry and field
        texts: list[tuple[GlossaryEntry, YamlPath, str]] = []
        for e in lib.glossary:
            d = e.designations(lang, lib.languages.default) if e.has_language(lang) else None
            if d is not None:
                fields: list[tuple[YamlPath, str]] = [(("definition",), d.definition), (("notes",), d.notes or ""), (("term",), d.term)]
                fields += [(("admitted", k), a) for k, a in enumerate(d.admitted)]
                texts += [(e, path, value) for path, value in fields if value]
        starts, offset = [], 0
        for _, _, value in texts:
            starts.append(offset)
            offset += len(value) + len(sep)
        whole = sep.join(value for _, _, value in texts)
        for hit_start, hit_end, v in matcher.find(whole):
            k = bisect.bisect_right(starts, hit_start) - 1
            e, path, value = texts[k]
            start, end = hit_start - starts[k], hit_end - starts[k]
            if v.entry == e.id:
                continue  # the entry that lists the variant may name it (in its notes, say)
            i = pos.get(e.id)
            line = located.line((i, lang, *path)) if located is not None and i is not None else lib.glossary_lines.get(e.id, 1)
            raw = raw_lines[line - 1] if 0 < line <= len(raw_lines) else ""
            col = raw.find(value[start:end])
            out.append(_diag(lib.GLOSSARY, line, col + 1 if col >= 0 else 1, value[start:end], v))
    return out


# --- GL008: `agreed` means quoted from a NATO source --------------------------------------------------

# What names a NATO agreed source of terminology: the NATOTerm database, the NATO Glossary of Terms and
# Definitions (AAP-06) or a NATO standard or allied publication (also a `[[...]]` to the registry).
AGREED_SOURCE_RE = re.compile(r"\bNATOTerm\b|\bAAP-0?6\b|\bSTANAG\s+\d+|\bA[A-Z][A-Za-z]{0,3}P-\d", re.IGNORECASE)


@registry.rule(codes.GL008)
def agreed_rule(lib: Library, index: Optional[Index] = None) -> Iterable[Diagnostic]:
    """GL008: an `agreed` entry (or designation) whose `source` names no NATO agreed source."""
    out: list[Diagnostic] = []
    located = lib.glossary_yaml
    pos = _positions(located)
    for e in lib.glossary:
        langs = [lang for lang in lib.languages
                 if e.has_language(lang) and e.designations(lang, lib.languages.default).status == "agreed"]
        if e.status != "agreed" and not langs:
            continue
        if AGREED_SOURCE_RE.search(e.source):
            continue
        i = pos.get(e.id)
        line = located.line((i, "source")) if located is not None and i is not None else lib.glossary_lines.get(e.id, 1)
        what = (f"entry `{e.id}` is `agreed`" if e.status == "agreed"
                else f"the {' and '.join(langs)} designation of `{e.id}` is `agreed`")
        out.append(Diagnostic(lib.GLOSSARY, line, 1, codes.GL008, f"{what}, but its source `{e.source}` is not a NATO agreed source",
                              hint="`agreed` means the term and its definition are quoted verbatim from NATOTerm, AAP-06 or a NATO "
                                   "standard: name it in `source` (e.g. `NATOTerm, record 12345`). A paraphrase, or a term from another "
                                   "source, is `coe`."))
    return out


@registry.rule(codes.GL001)
def avoid_list_rule(lib: Library, index: Optional[Index] = None) -> Iterable[Diagnostic]:
    """GL001: a variant to avoid that is also a designation of its own entry (term, admitted synonym or
    abbreviation) in that language: the check would flag the entry's own term."""
    out: list[Diagnostic] = []
    located = lib.glossary_yaml
    pos = _positions(located)
    for e in lib.glossary:
        for lang in lib.languages:
            if not e.has_language(lang):
                continue
            d = e.designations(lang, lib.languages.default)
            own = {_normal(t) for t in [d.term, *d.admitted, *d.abbr]}
            for k, a in enumerate(d.avoid):
                for text in [a.term, *a.forms]:
                    if _normal(text) in own:
                        i = pos.get(e.id)
                        line = (located.line((i, lang, "avoid", k)) if located is not None and i is not None
                                else lib.glossary_lines.get(e.id, 1))
                        out.append(Diagnostic(lib.GLOSSARY, line, 1, codes.GL001,
                                              f"`{text}` is both a designation of entry `{e.id}` and a variant to avoid in `{lang}`",
                                              hint="Remove it from `avoid`, or from `term`, `admitted` or `abbr`."))
    return out


def _positions(located: Optional[Located]) -> dict[object, int]:
    """Entry id -> its index in the glossary file (for the lines of its fields)."""
    if located is None or not isinstance(located.data, list):
        return {}
    return {raw.get("id"): i for i, raw in enumerate(located.data) if isinstance(raw, dict)}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().casefold()

