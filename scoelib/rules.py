"""Validators over the library model. Each returns diagnostics; none reads the disk or prints.

`check(lib)` runs them all in order. Each validator walks the model once; look-ups go through
dictionaries built once (`refs.Index`), never through rescans of the library.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from itertools import pairwise
from typing import TYPE_CHECKING, Callable, Iterable, Optional
from urllib.parse import SplitResult, unquote, urlsplit

from . import codeowners, codes, directives, registry, rootcause, safety, style, terms, translation  # noqa: F401 (registers their rules)
from . import refs as refs_mod
from .diagnostics import Diagnostic
from .model import Library, Page, Publication, gc_paused, validate_model
from .schema import TRANSLATED_FIELDS, GlossaryEntry, PageMeta, PublicationMeta
from .yamlutil import YamlPath

if TYPE_CHECKING:
    from .mdscan import Link

Rule = Callable[[Library, "refs_mod.Index"], Iterable[Diagnostic]]


@registry.rule(codes.FM001, codes.FM002, codes.FM003)
def page_meta(lib: Library, index: refs_mod.Index) -> Iterable[Diagnostic]:
    """FM001–FM003 on pages that are neither publication indexes nor chapters."""
    out: list[Diagnostic] = []
    for page in lib.pages.values():
        if page.publication is None and page.meta:
            validate_model(PageMeta, page.meta, page.meta_yaml, page.rel, out, missing=codes.FM001, unknown=codes.FM002, bad=codes.FM003)
        if page.lang != lib.languages.default and page.meta.get("translation") is not None:
            source, name = _name(lib, lib.languages.default), _name(lib, page.lang)
            out.append(Diagnostic(page.rel, page.line_of_key("translation"), 1, codes.FM003,
                                  f"`translation: pending` belongs in the {source} page, not the {name} one",
                                  hint=f"Remove the key here; put it in the {source} page while the {name} text is not written."))
    return out


def _name(lib: Library, lang: str) -> str:
    return lib.catalogue.language_name(lang)


@registry.rule(codes.FM003, codes.FM005, codes.FM006, codes.FM007)
def publications(lib: Library, index: refs_mod.Index) -> Iterable[Diagnostic]:
    """FM003 (custodian), FM005–FM007: lifecycle links and the languages' agreement."""
    out: list[Diagnostic] = []
    default = lib.languages.default
    for pub in lib.publications.values():
        for lang, meta in pub.meta.items():
            page = pub.index[lang]
            if page.meta_error or meta.degraded & {"status", "supersedes", "superseded_by"}:
                continue  # reported where its front matter is wrong; its lifecycle cannot be judged
            if "custodian" not in meta.degraded and meta.custodian not in lib.custodians:
                known = ", ".join(f"`{k}`" for k in lib.custodians) or "none"
                out.append(Diagnostic(page.rel, page.line_of_key("custodian"), 1, codes.FM003, f"unknown custodian `{meta.custodian}`",
                                      hint=f"Use a key of `data/custodians.yml`: {known}."))
            if lang != default:
                continue
            out += _supersedes(lib, index, pub, page, meta)
            out += _superseded_by(lib, index, pub, page, meta)
        for lang in lib.languages.others:
            if default in pub.meta and lang in pub.meta:
                out += _compare_meta(lib, pub, lang)
    return out


def _supersedes(lib: Library, index: refs_mod.Index, pub: Publication, page: Page, meta: PublicationMeta) -> list[Diagnostic]:
    """FM005–FM006 on `supersedes`: each publication named exists and says it is superseded by this one."""
    out: list[Diagnostic] = []
    default = lib.languages.default
    for other in meta.supersedes:
        if other not in lib.publications:
            out.append(Diagnostic(page.rel, page.line_of_key("supersedes"), 1, codes.FM005,
                                  f"`supersedes` names `{other}`, which does not exist", hint=index._pub_hint(other)))
        elif lib.publications[other].source.superseded_by != pub.id:
            op = lib.publications[other].index[default]
            line = op.line_of_key("superseded_by") if "superseded_by" in op.meta else op.line_of_key("status")
            out.append(Diagnostic(op.rel, line, 1, codes.FM006,
                                  f"`{pub.id}` supersedes `{other}`, but `{other}` does not say `superseded_by: {pub.id}`",
                                  hint=f"Add `superseded_by: {pub.id}` and `status: superseded` to `{other}`.",
                                  related=f"{page.rel}:{page.line_of_key('supersedes')}"))
    return out


def _superseded_by(lib: Library, index: refs_mod.Index, pub: Publication, page: Page, meta: PublicationMeta) -> list[Diagnostic]:
    """FM005–FM006 on `superseded_by` and the status: the replacement exists and lists this publication."""
    out: list[Diagnostic] = []
    if not meta.superseded_by:
        if meta.status == "superseded":
            out.append(Diagnostic(page.rel, page.line_of_key("status"), 1, codes.FM006,
                                  "a superseded publication must name its replacement",
                                  hint="Add `superseded_by: <id of the publication in force>`."))
        return out
    target = lib.publications.get(meta.superseded_by)
    if target is None:
        out.append(Diagnostic(page.rel, page.line_of_key("superseded_by"), 1, codes.FM005,
                              f"`superseded_by` names `{meta.superseded_by}`, which does not exist",
                              hint=index._pub_hint(meta.superseded_by)))
    elif pub.id not in target.source.supersedes:
        tp = target.index[lib.languages.default]
        line = tp.line_of_key("supersedes") if "supersedes" in tp.meta else tp.line_of_key("id")
        out.append(Diagnostic(tp.rel, line, 1, codes.FM006,
                              f"`{pub.id}` is superseded by `{target.id}`, but `{target.id}` does not list it in `supersedes`",
                              hint=f"Add `supersedes: [{pub.id}]` to `{target.id}`.",
                              related=f"{page.rel}:{page.line_of_key('superseded_by')}"))
    if meta.status != "superseded":
        out.append(Diagnostic(page.rel, page.line_of_key("status"), 1, codes.FM006,
                              f"`superseded_by` is set but the status is `{meta.status}`",
                              hint="Set `status: superseded`, or remove `superseded_by`."))
    return out


def _compare_meta(lib: Library, pub: Publication, lang: str) -> list[Diagnostic]:
    default = lib.languages.default
    en, fr = pub.meta[default], pub.meta[lang]
    en_page, fr_page = pub.index[default], pub.index[lang]
    out: list[Diagnostic] = []
    if en_page.meta_error or fr_page.meta_error:
        return out
    for name in type(en).model_fields:
        if name in TRANSLATED_FIELDS or name in en.degraded or name in fr.degraded:
            continue
        a, b = getattr(en, name), getattr(fr, name)
        if name == "changes":
            a = [c.model_dump(exclude={"summary"}) for c in a]
            b = [c.model_dump(exclude={"summary"}) for c in b]
        if a != b:
            out.append(Diagnostic(fr_page.rel, fr_page.line_of_key(name), 1, codes.FM007,
                                  f"`{name}` differs from the {_name(lib, default)} page ({_name(lib, default)}: `{_show(a)}`, "
                                  f"{_name(lib, lang)}: `{_show(b)}`)",
                                  hint=f"Only `title`, `summary` and the text of `changes` are translated; copy `{name}` from the "
                                       f"{_name(lib, default)} page.",
                                  related=f"{en_page.rel}:{en_page.line_of_key(name)}"))
    return out


def _show(v: object) -> str:
    text = str(v)
    return text if len(text) < 60 else text[:57] + "..."


@registry.rule(codes.PA001, codes.PA002, codes.PA003, codes.PA004, codes.PA005, codes.PA006, codes.PA007)
def paragraphs(lib: Library, index: refs_mod.Index) -> Iterable[Diagnostic]:
    """PA001–PA007: numbered paragraphs of every chapter, and their parity with the default language's.

    One mistake, one finding: a paragraph numbered for another chapter (`3.5` in chapter 2) is reported
    once, and read as the number it stands in place of (2.5) by the gap and parity checks, so that neither
    this chapter nor its translation gets a knock-on finding."""
    out: list[Diagnostic] = []
    default = lib.languages.default
    source_name = _name(lib, default)
    every = "both languages" if len(lib.languages.all) == 2 else "every language"
    for pub in lib.publications.values():
        for n, by_lang in pub.chapters.items():
            numbers = {lang: _chapter_paragraphs(page, n, out) for lang, page in by_lang.items()}  # number as read -> line
            for lang in lib.languages.others:
                if default not in by_lang or lang not in by_lang:
                    continue
                en, fr = by_lang[default], by_lang[lang]
                en_nums, fr_nums = numbers[default], numbers[lang]
                for num in sorted(set(en_nums) - set(fr_nums), key=_numkey):
                    out.append(Diagnostic(fr.rel, fr.title_line, 1, codes.PA005,
                                          f"paragraph {num} of the {source_name} chapter is missing here",
                                          hint=f"Translate paragraph {num} into this file, with the same number.",
                                          related=f"{en.rel}:{en_nums[num]}"))
                for num in sorted(set(fr_nums) - set(en_nums), key=_numkey):
                    out.append(Diagnostic(fr.rel, fr_nums[num], 1, codes.PA005,
                                          f"paragraph {num} does not exist in the {source_name} chapter",
                                          hint=f"Every paragraph exists in {every} with the same number; add it to the {source_name} "
                                               "page or remove it here.",
                                          related=f"{en.rel}:{en.title_line}"))
    return out


def _chapter_paragraphs(page: Page, n: int, out: list[Diagnostic]) -> dict[str, int]:
    """The paragraph numbers of one chapter page as the parity check should read them (number -> line)."""
    if not page.paragraphs and page.body.strip():
        out.append(Diagnostic(page.rel, page.title_line, 1, codes.PA006, "this chapter has no numbered paragraphs",
                              hint=f"Start each paragraph with its number at the beginning of a line: `{n}.1 Text…`."))
    seen: dict[str, int] = {}
    last = 0
    for p in page.paragraphs:
        if p.dot:
            out.append(Diagnostic(page.rel, p.line, len(p.number) + 1, codes.PA007,
                                  f"`{p.number}.` has a dot after the paragraph number",
                                  hint=f"Write `{p.number} ` followed by the text, without the dot."))
        if p.chapter != n:
            out.append(Diagnostic(page.rel, p.line, 1, codes.PA003, f"paragraph {p.number} is in chapter {n}",
                                  hint=f"Number it {n}.{last + 1}, or move it to chapter {p.chapter}. To start a paragraph with a "
                                       f"number that is not a paragraph number, write `{p.chapter}\\.{p.index}`."))
            last += 1  # it stands in the place of the next number: no gap or parity finding follows from it
            seen.setdefault(f"{n}.{last}", p.line)
            continue
        if p.number in seen:
            out.append(Diagnostic(page.rel, p.line, 1, codes.PA001, f"paragraph {p.number} already exists on line {seen[p.number]}",
                                  hint="Give this paragraph the next free number."))
            continue
        seen[p.number] = p.line
        if p.index <= last:
            out.append(Diagnostic(page.rel, p.line, 1, codes.PA002, f"paragraph {p.number} comes after {n}.{last}",
                                  hint="Paragraph numbers increase down the page."))
        elif p.index > last + 1:
            missing = f"{n}.{last + 1}" if p.index == last + 2 else f"{n}.{last + 1} to {n}.{p.index - 1}"
            out.append(Diagnostic(page.rel, p.line, 1, codes.PA004, f"numbering jumps from {n}.{last} to {p.number} ({missing} missing)",
                                  hint="If a paragraph was deleted on purpose the gap can stay; otherwise restore it."))
        last = max(last, p.index)
    return seen


def _numkey(n: str) -> tuple[int, ...]:
    return tuple(int(x) for x in n.split(".") if x.isdigit())


@registry.rule(codes.LK001, codes.LK002, codes.LK003, codes.LK004, codes.SF006)
def links(lib: Library, index: refs_mod.Index) -> Iterable[Diagnostic]:
    """LK001–LK002 and SF006 on Markdown links and images."""
    from . import mdscan

    out: list[Diagnostic] = []
    published = {a.rel for a in lib.assets} | {p.rel for p in lib.pages.values()}
    for rel in list(published):  # a folder (`../assets/`) is there too
        while "/" in rel:
            rel = posixpath.dirname(rel)
            published.add(rel)
    generated: dict[str, set[str]] = {}  # page.rel → the ids of its generated content
    for page in lib.pages.values():
        for link in mdscan.links(page.masked, page.body_start):
            parts = urlsplit(link.target)
            if parts.scheme or link.target.startswith("//"):
                if link.image and parts.scheme in ("http", "https", "ftp") or link.target.startswith("//"):
                    out.append(Diagnostic(page.rel, link.line, link.column, codes.SF006,
                                          f"the image `{link.target}` is loaded from another site",
                                          hint="Copy it into `docs/assets/` (if its licence allows) and reference it there."))
                continue  # scheme checks (javascript:, data:) are the safety rule's
            target_page = page if not parts.path else _linked_page(lib, page, link, parts, published, out)
            if target_page is None:
                continue
            if target_page.rel not in generated:
                generated[target_page.rel] = directives.anchors(lib, target_page) if parts.fragment else set()
            if parts.fragment and unquote(parts.fragment) not in target_page.anchors | generated[target_page.rel]:
                out.append(Diagnostic(page.rel, link.line, link.column, codes.LK002,
                                      f"`#{parts.fragment}` is not an anchor of `{target_page.rel}`",
                                      hint=_anchor_hint(target_page, parts.fragment)))
    return out


def _linked_page(lib: Library, page: Page, link: Link, parts: SplitResult, published: set[str],
                 out: list[Diagnostic]) -> Optional[Page]:
    """The page a relative link with a path points to; None (with LK001, LK003 or LK004 in `out` if the link is
    wrong) when it points to no page, or to a published file that is not a page."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page.key), unquote(parts.path)))
    if parts.path.startswith("/"):
        out.append(Diagnostic(page.rel, link.line, link.column, codes.LK001,
                              f"`{link.target}` is an absolute path; it breaks under `/fr/` and in versioned releases",
                              hint=_absolute_hint(lib, page, parts.path, parts.fragment)))
        return None
    if path.endswith(".md"):
        stem, _, suffix = path[:-3].rpartition(".")
        if stem and suffix in lib.languages:
            written = parts.path[: parts.path.rindex("." + suffix)] + ".md" + (f"#{parts.fragment}" if parts.fragment else "")
            out.append(Diagnostic(page.rel, link.line, link.column, codes.LK003,
                                  f"`{link.target}` names the page with its language suffix `.{suffix}`",
                                  hint=f"Write `{written}`: each language's site then links to its own page."))
            return None
        key = path[:-3]
        target_page = lib.page(key, page.lang) or lib.page(key, lib.languages.default)
        if target_page is None:
            out.append(Diagnostic(page.rel, link.line, link.column, codes.LK001, f"`{link.target}` points to a page that does not exist",
                                  hint=_page_hint(lib, key, page, parts.fragment)))
        return target_page
    if path == ".." or path.startswith("../"):
        out.append(Diagnostic(page.rel, link.line, link.column, codes.LK004,
                              f"`{link.target}` points outside `docs/`: that file is not published",
                              hint="Link to a page or a file under `docs/`; files elsewhere in the repository are not part of the site."))
    elif f"docs/{path}" not in published:
        out.append(Diagnostic(page.rel, link.line, link.column, codes.LK001, f"`{link.target}` points to a file that does not exist",
                              hint="Link to a Markdown page (`page.md`) or to a file in `docs/`."))
    return None


def _relative(page: Page, key: str, fragment: str = "") -> str:
    """The link to write in `page` for the page `key`: relative to the page's folder, as it must be pasted."""
    return posixpath.relpath(key + ".md", posixpath.dirname(page.key) or ".") + (f"#{fragment}" if fragment else "")


def _page_hint(lib: Library, key: str, page: Page, fragment: str = "") -> str:
    import difflib

    close = difflib.get_close_matches(key, lib.keys(), n=1)
    if close:
        return f"Did you mean `{_relative(page, close[0], fragment)}`?"
    return "Check the path: a link is relative to this page's folder and names the Markdown file without its language suffix."


def _absolute_hint(lib: Library, page: Page, path: str, fragment: str) -> str:
    """`/catalogue/` or `/fr/glossary/` -> the relative link to the page it means, when there is one."""
    stripped = path.strip("/")
    for lang in lib.languages.others:
        if stripped == lang or stripped.startswith(lang + "/"):
            stripped = stripped[len(lang):].strip("/")
    stripped = re.sub(r"(\.[a-z]{2,3}(_[A-Z]{2})?)?\.md$", "", re.sub(r"/index\.html$|\.html$", "", stripped))
    for key in ([stripped, f"{stripped}/index"] if stripped else ["index"]):
        if lib.page(key, page.lang) or lib.page(key, lib.languages.default):
            return f"Write `{_relative(page, key, fragment)}`."
    return "Write a relative link to the Markdown file, e.g. `" + _relative(page, "glossary/index") + "`."


def _anchor_hint(page: Page, fragment: str) -> str:
    import difflib

    close = difflib.get_close_matches(fragment, sorted(page.anchors), n=3)
    return ("Did you mean " + ", ".join(f"`#{c}`" for c in close) + "?") if close else "Use a paragraph number or a heading's anchor."


@registry.rule(codes.XR001, codes.XR002, codes.XR003, codes.XR004, codes.XR005, codes.XR006, codes.XR007, codes.XR008)
def references(lib: Library, index: refs_mod.Index) -> Iterable[Diagnostic]:
    """XR001–XR008 on every `[[...]]` of every page."""
    out: list[Diagnostic] = []
    for page in lib.pages.values():
        found, unclosed = refs_mod.find(page)
        for line, col in unclosed:
            out.append(Diagnostic(page.rel, line, col, codes.XR008, "`[[` is not closed by `]]` on the same line",
                                  hint="Close the reference with `]]`, or write `\\[[` for literal brackets."))
        for ref in found:
            res = index.resolve(ref, page.lang)
            for prob in res.problems:
                out.append(Diagnostic(page.rel, ref.line, ref.column, prob.code, prob.message, hint=prob.hint))
    return out


class _GlossaryLines:
    """The line of a field of a glossary entry in data/glossary.yml (the entry's line if the field has none)."""

    def __init__(self, lib: Library):
        located = lib.glossary_yaml
        self.located = located
        self.pos: dict[object, int] = ({raw.get("id"): i for i, raw in enumerate(located.data) if isinstance(raw, dict)}
                                       if located and isinstance(located.data, list) else {})
        self.entry_lines = lib.glossary_lines

    def __call__(self, entry: GlossaryEntry, *path: str | int) -> int:
        i = self.pos.get(entry.id)
        if i is None or self.located is None:
            return self.entry_lines.get(entry.id, 1)
        return self.located.line((i, *path))


@registry.rule(codes.GL001, codes.GL002, codes.GL003, codes.GL004, codes.GL005)
def glossary(lib: Library, index: refs_mod.Index) -> Iterable[Diagnostic]:
    """GL002–GL005: unambiguous designations, resolvable links and sources."""
    out: list[Diagnostic] = []
    line = _GlossaryLines(lib)
    for lang in lib.languages:
        out += _designation_clashes(lib, index, lang, line)
    ids = {e.id for e in lib.glossary}
    for e in lib.glossary:
        out += _entry_links(lib, index, e, ids, line)
    return out


def _designation_clashes(lib: Library, index: refs_mod.Index, lang: str, line: _GlossaryLines) -> list[Diagnostic]:
    """GL002–GL003 in one language: a designation or abbreviation of two entries, or also a publication's or
    standard's id."""
    out: list[Diagnostic] = []
    rel = lib.GLOSSARY
    std_ids = set(index.standards)
    new_lines = lib.new_lines.get(rel, set())
    owners: dict[str, tuple[str, int]] = {}
    abbr_owner: dict[str, tuple[str, int]] = {}
    for e in lib.glossary:
        if not e.has_language(lang):
            continue  # the entry is shown in the default language there; checked under it
        d = e.designations(lang, lib.languages.default)
        designations: list[tuple[str, YamlPath]] = [(d.term, ("term",))]
        designations += [(a, ("admitted", k)) for k, a in enumerate(d.admitted)]
        designations += [(x, ("deprecated", k)) for k, x in enumerate(d.deprecated)]
        for text, path in designations:
            key = refs_mod.normalise_term(text)
            ln = line(e, lang, *path)
            clash = _claim(owners, key, (e.id, ln), new_lines)
            if clash is not None:
                here, there = clash
                out.append(Diagnostic(rel, here[1], 1, codes.GL002,
                                      f"{lang} designation `{text}` also belongs to entry `{there[0]}` (line {there[1]})",
                                      hint="A designation belongs to one entry per language; relate the entries with `see_also`."))
            if text in lib.publications or text in std_ids:
                out.append(Diagnostic(rel, ln, 1, codes.GL003,
                                      f"`{text}` is also a publication or standard id; `[[{text}]]` would be ambiguous",
                                      hint="Change the designation."))
        for k, a in enumerate(d.abbr):
            ln = line(e, lang, "abbr", k)
            clash = _claim(abbr_owner, a, (e.id, ln), new_lines)
            if clash is not None:
                here, there = clash
                out.append(Diagnostic(rel, here[1], 1, codes.GL002,
                                      f"{lang} abbreviation `{a}` also belongs to entry `{there[0]}` (line {there[1]})",
                                      hint="An abbreviation expands to one entry per language; drop it from one of them."))
            if a in lib.publications or a in std_ids:
                out.append(Diagnostic(rel, ln, 1, codes.GL003, f"abbreviation `{a}` is also a publication or standard id",
                                      hint="Change the abbreviation."))
    return out


def _entry_links(lib: Library, index: refs_mod.Index, e: GlossaryEntry, ids: set[str], line: _GlossaryLines) -> list[Diagnostic]:
    """GL001, GL004–GL005 on one entry: `see_also` and `use` name entries, `source` resolves."""
    out: list[Diagnostic] = []
    rel = lib.GLOSSARY
    for k, other in enumerate(e.see_also):
        if other not in ids:
            out.append(Diagnostic(rel, line(e, "see_also", k), 1, codes.GL004, f"`see_also` names `{other}`, which is not an entry id",
                                  hint=_close(other, ids)))
    if e.status == "deprecated" and not e.use:
        out.append(Diagnostic(rel, line(e, "status"), 1, codes.GL001, f"deprecated entry `{e.id}` does not say which entry to use",
                              hint="Add `use: <id of the preferred entry>`."))
    if e.use and e.use not in ids:
        out.append(Diagnostic(rel, line(e, "use"), 1, codes.GL004, f"`use` names `{e.use}`, which is not an entry id",
                              hint=_close(e.use, ids)))
    default = lib.languages.default
    sources = [(e.source, default, line(e, "source"))]  # and each language's own `source`, resolved in that language
    sources += [(own, lang, line(e, lang, "source")) for lang in lib.languages
                if e.has_language(lang) and (own := e.designations(lang, default).source)]
    for source, lang, ln in sources:
        m = refs_mod.REF_RE.fullmatch(source.strip())
        if not m:
            continue
        target, _, label = m.group("body").partition("|")
        target, _, fragment = target.partition("#")
        res = index.resolve(refs_mod.Ref(target.strip(), fragment.strip(), label, 0, 0, 0, 0), lang)
        for prob in res.problems:
            if prob.code in (codes.XR001, codes.XR002, codes.XR003, codes.XR006, codes.XR008):
                out.append(Diagnostic(rel, ln, 1, codes.GL005, f"source {source}: {prob.message}", hint=prob.hint))
    return out


@registry.rule(codes.GL009)
def glossary_order(lib: Library, index: refs_mod.Index) -> Iterable[Diagnostic]:
    """GL009: entries in alphabetical order of `id`, as the author guide says (`make sort-glossary`)."""
    ids = [e.id for e in lib.glossary]
    for before, after in pairwise(ids):
        if after < before:
            return [Diagnostic(lib.GLOSSARY, lib.glossary_lines.get(after, 1), 1, codes.GL009,
                               f"entry `{after}` comes after `{before}`; entries are in alphabetical order of `id`",
                               hint="Run `make sort-glossary`: it puts every entry in its place and changes nothing else.")]
    return []


def _claim(owners: dict[str, tuple[str, int]], key: str, entry: tuple[str, int],
           new_lines: set[int]) -> Optional[tuple[tuple[str, int], tuple[str, int]]]:
    """`key` claimed for `entry` (id, line) if no entry has it yet; if another entry has it, the two as
    `_newer` orders them (the one to report first)."""
    first = owners.setdefault(key, entry)
    return None if first[0] == entry[0] else _newer(entry, first, new_lines)


def _newer(current: tuple[str, int], first: tuple[str, int], new_lines: set[int]) -> tuple[tuple[str, int], tuple[str, int]]:
    """Of two clashing entries (id, line), the one to report (the one this branch adds) and the other."""
    if first[1] in new_lines and current[1] not in new_lines:
        return first, current
    return current, first


def _close(word: str, pool: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(pool), n=1)
    return f"Did you mean `{close[0]}`?" if close else ""


@registry.rule(codes.DR001, codes.DR002)
def generated_content(lib: Library, index: refs_mod.Index) -> Iterable[Diagnostic]:
    """DR001–DR002: every `<!-- scoe:… -->` outside code names registered generated content, correctly."""
    out: list[Diagnostic] = []
    for page in lib.pages.values():
        for found in directives.find(page):
            if found.unknown_name:
                known = ", ".join(f"`{name}`" for name in directives.DIRECTIVES)
                close = difflib.get_close_matches(found.name, list(directives.DIRECTIVES), n=1)
                out.append(Diagnostic(page.rel, found.line, found.column, codes.DR001, found.problem,
                                      hint=(f"Did you mean `{close[0]}`? " if close else "") + f"The library generates: {known}."))
            elif found.problem:
                out.append(Diagnostic(page.rel, found.line, found.column, codes.DR002, found.problem,
                                      hint=f"Write `<!-- scoe:{found.name} -->` alone on its line"
                                      + (f" (arguments: {', '.join(f'`{a}=…`' for a in directives.DIRECTIVES[found.name].args)})."
                                         if directives.DIRECTIVES[found.name].args else ".")))
    return out


@registry.rule(codes.SR003)
def standards(lib: Library, index: refs_mod.Index) -> Iterable[Diagnostic]:
    out: list[Diagnostic] = []
    for s in lib.standards:
        for other in s.related:
            if other not in index.standards:
                out.append(Diagnostic(lib.STANDARDS, lib.standards_lines.get(s.id, 1), 1, codes.SR003,
                                      f"`{s.id}` is related to `{other}`, which is not in the registry",
                                      hint=_close(other, index.standards) or "Add it to the registry or remove the link."))
    return out


# Every rule of the engine, registered by `@registry.rule` in this module and in the modules imported above.
RULES = registry.RULES


def check(lib: Library, index: refs_mod.Index | None = None) -> list[Diagnostic]:
    """Run every rule over the whole library; what follows from a file that did not load is held back."""
    return check_and_count(lib, index)[0]


def check_and_count(lib: Library, index: refs_mod.Index | None = None) -> tuple[list[Diagnostic], dict[str, int]]:
    """`check`, with the number of findings held back for each root cause (`scoelib.rootcause`)."""
    index = index or refs_mod.Index(lib)
    out: list[Diagnostic] = []
    with gc_paused():
        for unit in registry.RULES:
            assert unit.run is not None
            out.extend(unit.run(lib, index))
    return rootcause.hold_back(lib, out)
