"""Spelling and typography of the authors' text: the rules of each language (`scoelib.typography.RULES`,
the one place they are configured) applied to Markdown sources (`make check`, `make fix`) and to rendered
pages (the build).

- TY001 spaces around punctuation (French: U+202F before `; ! ? »` and after `«`, U+00A0 before `:`).
  `make check` reports a missing or ordinary (breakable) space; either no-break space is accepted, and
  `make fix` writes the one the rules want.
- TY002 the typographic apostrophe (French `’`): fixed by `make fix`, reported only there.
- TY003 ordinal forms (French `1er`, `1re`, `2e`, `XXe`, not `2ème`, `1ère`, `XXème`).
- TY004 spelling: English `-ize` (NATO and Oxford usage: organization, standardization, recognize), words
  that take `-ise` in every spelling and a short allow-list aside; reported with the `-ize` form, never
  changed automatically.

Only running text is looked at or changed: never code, HTML comments, front matter, HTML tags and
their attributes, addresses, `[[...]]` targets, attribute lists (`{#id}`), admonition markers, or a
phrase marked with another language's `lang`. `fix_text` changes spaces, apostrophes and ordinal
endings only, so the text without them is the same before and after (tests/test_style.py proves it).
The build applies the same spacing and apostrophes to the text nodes of rendered pages (`render_html`),
so readers never see a bad space whatever the source.
"""

from __future__ import annotations

import argparse
import bisect
import html as htmllib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Optional, Protocol, Sequence

from . import codes, registry, typography
from .diagnostics import Diagnostic
from .model import Library, Page
from .terms import blank_spans, not_text_spans

if TYPE_CHECKING:
    from .refs import Index

# --- the -ize spelling (typography.Rules.spelling == "ize") ----------------------------------------------

# Words spelt -ise in every spelling (the -ize rule leaves them alone), by their stem before "is".
ALWAYS_ISE = frozenset("""
adv compr exerc expert franch otherw prom rev superv surpr telev comprom enterpr merchand prem lia
dev disgu exc chast desp likew clockw counterclockw anticlockw cru bru conc prec parad dem repr inc
circumc appr surm advert enfranch disenfranch treat mort torto porpo val chem imprec unw pra pract appra
upra turquo cer bra improv
""".split())
# Proper names and titles written with -ise that the library quotes as they are (a short allow-list).
ISE_ALLOWED = ("organisation for economic co-operation and development", "organisation for the prohibition of chemical weapons",
               "organisation for joint armament co-operation", "defence digitalisation")


@dataclass(frozen=True)
class Edit:
    start: int  # offset in the text
    end: int
    found: str
    expected: str  # "" for a report without a mechanical fix (TY004)
    code: codes.Code
    message: str
    hint: str = ""
    around: tuple[int, int] = (0, 0)  # the mark or word the edit is about, if wider than start:end

    @property
    def check(self) -> tuple[int, int]:
        return (min(self.start, self.around[0]), max(self.end, self.around[1])) if self.around != (0, 0) else (self.start, self.end)


# --- running text of a Markdown source ----------------------------------------------------------------

_MARKUP = [  # (a literal the text must hold, the expression)
    ("{", re.compile(r"\{[:#.][^}\n]*\}")),  # attribute lists: {#id}, {: .class}
    ("!!!", re.compile(r"^[ \t]*!!!\+?[^\n]*", re.M)),  # admonition markers with their title
    ("???", re.compile(r"^[ \t]*\?\?\?\+?[^\n]*", re.M)),  # collapsible details
    (":::", re.compile(r"^[ \t]*:::[^\n]*", re.M)),
    ("\n:", re.compile(r"^:(?=[ \t])", re.M)),  # a definition list's colon
    ("*[", re.compile(r"^\*\[[^\]\n]*\]:", re.M)),  # an abbreviation definition's head
]


def source_text(text: str, lang: str) -> str:
    """The running text of a Markdown body (code and comments already blanked): markup blanked too."""
    spans = not_text_spans(text, lang)
    for literal, rx in _MARKUP:
        if literal in text:
            spans += [(m.start(), m.end()) for m in rx.finditer(text)]
    return blank_spans(text, spans)


# --- the rules ----------------------------------------------------------------------------------------

_SPACES = " \u00a0\u202f\u2009"
_FOLLOW = set(" \t\n\u00a0\u202f\u2009<)]*_»")  # what may follow a high mark that ends a word ("nation ;")
_ISE_RE = re.compile(r"is(?:e|es|ed|ing|er|ers|ation|ations|ational|able)(?![\w-])")  # -yse (analyse) is another matter
_ENTITY_END_RE = re.compile(r"&#?\w+$")


@lru_cache(maxsize=16)
def _marks(lang: str, report: bool = False) -> tuple[dict[str, str], dict[str, str], str, str]:
    r = typography.rules(lang)
    apos = r.apostrophe if not report else ""  # apostrophes are fixed, never reported
    chars = "".join(sorted(set(r.space_before) | set(r.space_after) | ({"'"} if apos else set())))
    return dict(r.space_before), dict(r.space_after), apos, chars


def _positions(text: str, chars: str) -> list[int]:
    """Offsets of these characters, found one character at a time with `str.find` (much faster than an
    expression with a character class, which tries every position)."""
    found: list[int] = []
    for c in chars:
        i = text.find(c)
        while i >= 0:
            found.append(i)
            i = text.find(c, i + 1)
    found.sort()
    return found


def _letter_follows(text: str, k: int) -> bool:
    """A letter comes at `k` once markup is skipped: l'<a …>espace, l'[[espace]], l'*espace*."""
    for _ in range(3):
        if k >= len(text):
            return False
        c = text[k]
        if c == "<":
            k = text.find(">", k) + 1
            if k == 0:
                return False
        elif c in "[*_":
            k += 1
        else:
            return c.isalpha()
    return k < len(text) and text[k].isalpha()


def punctuation_edits(text: str, lang: str, report: bool = False) -> list[Edit]:
    """TY001 and TY002 in `text` (running text): the marks found, then a look at their neighbours.
    `report`: only what `make check` reports (a missing or breakable space)."""
    before, after, apos, chars = _marks(lang, report)
    out: list[Edit] = []
    n = len(text)
    for i in _positions(text, chars) if chars else ():
        c = text[i]
        if c == "'":
            if 0 < i < n - 1 and text[i - 1].isalpha() and (text[i + 1].isalpha() or _letter_follows(text, i + 1)):
                out.append(Edit(i, i + 1, "'", apos, codes.TY002, f"typographic apostrophe `{apos}`, not `'`"))
            continue
        if c in before:
            if not _mark_ends_a_word(text, i, before):
                continue
            edit = _space_before(text, i, before[c], report)
            if edit is not None:
                out.append(edit)
        if c in after:
            edit = _space_after(text, i, after[c], report)
            if edit is not None:
                out.append(edit)
    return out


def _space_at(text: str, k: int) -> str:
    """The space character at `k`, or ""."""
    return text[k] if 0 <= k < len(text) and text[k] in _SPACES else ""


def _mark_ends_a_word(text: str, i: int, before: dict[str, str]) -> bool:
    """Whether the mark at `i`, which wants a space before it, closes a word (so the space is checked)."""
    c = text[i]
    j = i - 1 - len(_space_at(text, i - 1))
    if j < 0 or text[j].isspace() or text[j] in before and text[j] != "»":
        return False  # a line that starts with the mark, two spaces, or a run of marks ("?!")
    if c != "»" and i + 1 < len(text) and text[i + 1] not in _FOLLOW:
        return False  # not the end of a word: "a:b", "10:30", "http:"
    if c == ";" and _ENTITY_END_RE.search(text, max(0, i - 12), i):
        return False  # a character reference: &amp;
    return True


def _space_before(text: str, i: int, want: str, report: bool) -> Optional[Edit]:
    """TY001 for the space before the mark at `i` (which wants `want`), if it is wrong."""
    c = text[i]
    sp = _space_at(text, i - 1)
    if sp == want or report and sp not in ("", " "):
        return None
    message = f"{typography._name(want)} before `{c}`" + (f", not {typography._name(sp)}" if sp else "")
    return Edit(i - len(sp), i, sp, want, codes.TY001, message, around=(i, i + 1))


def _space_after(text: str, i: int, want: str, report: bool) -> Optional[Edit]:
    """TY001 for the space after the mark at `i` (which wants `want`), if it is wrong."""
    k = i + 1
    sp = _space_at(text, k)
    if k + len(sp) >= len(text) or text[k + len(sp)].isspace():
        return None
    if sp == want or report and sp not in ("", " "):
        return None
    message = f"{typography._name(want)} after `{text[i]}`" + (f", not {typography._name(sp)}" if sp else "")
    return Edit(k, k + len(sp), sp, want, codes.TY001, message, around=(i, i + 1))


_ORD_FORMS = ("ème", "1ère", "1ere", "1ier")  # looked for with `str.find`; "ère" and "ier" alone are too common


def ordinal_edits(text: str) -> list[Edit]:
    """TY003: `2ème`, `2ième`, `XXème`, `1ère`, `1ier` (forms found with `str.find`, the number read backwards)."""
    out: list[Edit] = []
    for form in _ORD_FORMS:
        i = text.find(form)
        while i >= 0:
            if form == "ème":
                start_suf = i - 1 if i and text[i - 1] == "i" else i
                end_suf = i + 3
            else:
                start_suf, end_suf = i + 1, i + len(form)
            pl = "s" if text[end_suf:end_suf + 1] == "s" else ""
            after = end_suf + len(pl)
            num_start = start_suf
            if num_start and (text[num_start - 1].isdigit() or text[num_start - 1] in "IVX"):
                digits = text[num_start - 1].isdigit()
                while num_start > 0 and (text[num_start - 1].isdigit() if digits else text[num_start - 1] in "IVXLC"):
                    num_start -= 1
                ok_before = num_start == 0 or not (text[num_start - 1].isalnum() or text[num_start - 1] == "-")
                ok_after = after >= len(text) or not (text[after].isalnum() or text[after] in "-_")
                n, suf = text[num_start:start_suf], text[start_suf:end_suf]
                if ok_before and ok_after and 0 < len(n) <= 6 and (form == "ème" or n == "1"):
                    want = "e" if form == "ème" else "er" if form == "1ier" else "re"
                    message = f"ordinal `{n}{want}{pl}`, not `{n}{suf}{pl}`"
                    out.append(Edit(start_suf, end_suf, suf, want, codes.TY003, message, around=(num_start, after)))
            i = text.find(form, i + 1)
    return out


def edits(text: str, lang: str, clean: Optional[str] = None, report: bool = False) -> list[Edit]:
    """What the language's rules would change or report in `text`; `clean` is its running text (offsets
    kept), where the rules look. `report`: only what `make check` reports."""
    out = punctuation_edits(text, lang, report)
    r = typography.rules(lang)
    if r.ordinals:
        out += ordinal_edits(text)
    if r.spelling == "ize":
        out += _ise(text)
    if not out:
        return out  # most pages: no running text computed
    clean = source_text(text, lang) if clean is None else clean
    # kept where the mark or word itself is running text (not in a tag, an address, a reference target…)
    return sorted((e for e in out if clean[e.check[0]:e.check[1]] == text[e.check[0]:e.check[1]]), key=lambda e: e.start)


def _ise(clean: str) -> list[Edit]:
    out: list[Edit] = []
    for m in _ISE_RE.finditer(clean):
        i = m.start()
        start = i
        while start > 0 and clean[start - 1].isalpha():
            start -= 1
        stem = clean[start:i].lower()
        if len(stem) < 3 or stem in ALWAYS_ISE or not stem.isascii() or (start > 0 and clean[start - 1] in "-_'’"):
            continue
        window = clean[max(0, start - 100): m.end() + 100].lower()
        if any(name in window for name in ISE_ALLOWED) and any(a <= start < b for a, b in _allowed_spans(clean.lower())):
            continue
        word = clean[start:m.end()]
        ize = word[: i - start + 1] + "z" + word[i - start + 2:]
        out.append(Edit(start, m.end(), word, "", codes.TY004, f"`{word}`: the library spells it `{ize}` (NATO -ize spelling)",
                        hint=f"Write `{ize}`. A name or title spelt -ise, quoted as it is, goes in `ISE_ALLOWED` (scoelib/style.py)."))
    return out


def _allowed_spans(low: str) -> list[tuple[int, int]]:
    spans = []
    for name in ISE_ALLOWED:
        i = low.find(name)
        while i >= 0:
            spans.append((i, i + len(name)))
            i = low.find(name, i + 1)
    return spans


MECHANICAL = (codes.TY001, codes.TY002, codes.TY003)


def fix_text(text: str, lang: str, clean: Optional[str] = None) -> tuple[str, list[Edit]]:
    """`text` with the mechanical edits applied, and those edits (offsets in the original text)."""
    done = [e for e in edits(text, lang, clean) if e.code in MECHANICAL]
    return _apply(text, done), done


def _apply(text: str, done: list[Edit]) -> str:
    out, last = [], 0
    for e in done:
        if e.start < last:
            continue
        out.append(text[last:e.start])
        out.append(e.expected)
        last = e.end
    out.append(text[last:])
    return "".join(out)


# --- pages: check and fix ----------------------------------------------------------------------------


def _wanted(lang: str) -> bool:
    r = typography.rules(lang)
    return bool(r.space_before or r.space_after or r.apostrophe or r.ordinals or r.spelling)


def page_edits(page: Page, report: bool = False) -> list[Edit]:
    return edits(page.masked, page.lang, report=report) if _wanted(page.lang) else []


def _reported(e: Edit) -> bool:
    """What `make check` shows: a missing or breakable space (either no-break space is accepted), a wrong
    ordinal, an -ise spelling; apostrophes are left to `make fix`."""
    if e.code == codes.TY001:
        return e.found in ("", " ")
    return e.code in (codes.TY003, codes.TY004)


@registry.rule(codes.TY001, codes.TY002, codes.TY003, codes.TY004)
def rule(lib: Library, index: Optional[Index] = None) -> Iterable[Diagnostic]:
    """TY001, TY003, TY004 in the pages' running text."""
    out: list[Diagnostic] = []
    for page in lib.pages.values():
        if _wanted(page.lang):
            out += page.derive("typography", _page_diagnostics)  # from the page's text alone (scoelib.checkcache)
    return out


def _page_diagnostics(page: Page) -> list[Diagnostic]:
    out = []
    text = page.masked
    for e in page_edits(page, report=True):
        if not _reported(e):
            continue
        line = text.count("\n", 0, e.start)
        col = e.start - (text.rfind("\n", 0, e.start) + 1) + 1
        hint = e.hint or (f"Write {typography._name(e.expected)} there; `make fix` does it." if e.code == codes.TY001
                          else f"Write `{e.expected}`; `make fix` does it.")
        out.append(Diagnostic(page.rel, page.body_start + line, col, e.code, e.message, hint=hint))
    return out


def fix_page(page: Page) -> tuple[str, list[tuple[int, Edit]]]:
    """The page's whole file text with the mechanical edits applied to its body, and (file line, edit)."""
    body, done = fix_text(page.body, page.lang, source_text(page.masked, page.lang))
    head = page.text[: len(page.text) - len(page.body)]
    lines = [(page.body_start + page.body.count("\n", 0, e.start), e) for e in done]
    return head + body, lines


# --- rendered pages ------------------------------------------------------------------------------------

_SKIPPED_ELEMENTS = ("code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math")
_LANG_VALUE_RE = re.compile(r"""\slang\s*=\s*["']?([A-Za-z]+)""")
_APOS_ENTITIES = ("&#39;", "&#x27;")


def render_html(html: str, lang: str, ordinals: bool = False) -> str:
    """`html` with the language's spaces and apostrophes in its text (never in tags and their attributes,
    comments, code, or elements of another language); with `ordinals`, the endings of the ordinals the
    language writes (`ordinal_marks`) set as superscripts: `1<sup>re</sup>`, `XXI<sup>e</sup>`. Idempotent; a
    no-op for a language without such rules. Cost: a few `str.find` passes and a look at each mark, not a
    parse of the page."""
    r = typography.rules(lang)
    ordinals = ordinals and r.ordinals
    if not (r.space_before or r.space_after or r.apostrophe or ordinals):
        return html
    found = punctuation_edits(html, lang)
    if ordinals:
        found += ordinal_marks(html)
    if r.apostrophe:
        for ent in _APOS_ENTITIES:  # the renderer escapes apostrophes of generated text (tooltips)
            i = html.find(ent)
            while i >= 0:
                j = i + len(ent)
                if i and html[i - 1].isalpha() and j < len(html) and html[j].isalpha():
                    found.append(Edit(i, j, ent, r.apostrophe, codes.TY002, ""))
                i = html.find(ent, j)
    if not found:
        return html
    skipped = _skipped_spans(html, lang)
    keep = []
    for e in sorted(found, key=lambda e: e.start):
        at = e.check[0]
        if html.rfind("<", 0, at + 1) > html.rfind(">", 0, at + 1):
            continue  # inside a tag: an attribute value
        k = bisect.bisect_right(skipped, (at, float("inf"))) - 1
        if k >= 0 and skipped[k][0] <= at < skipped[k][1]:
            continue
        keep.append(e)
    return _apply(html, keep)


# A number and its ordinal ending as French writes them (the forms TY003 asks for): 1er, 1re, 1ers, 1res, 2e,
# 2es, XXIe, Ier; neither inside a word, an address, a number (1,5e) nor an identifier (a-2e, 2e-3).
_ORDINAL_RE = re.compile(r"(?<![\w\-/.,#=&@%+~:'’])(?:(1|I)(ers?|res?)|([1-9]\d{0,3}|[IVXLC]+)(es?))(?![\w\-/@]|\.\w)")
_ROMAN_RE = re.compile(r"^(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")


def ordinal_marks(html: str) -> list[Edit]:
    """The ordinal endings of `html` to set as superscripts (`1re` -> `1<sup>re</sup>`). A Roman numeral must
    be well formed and more than one of `C` or `L` alone, so that "Ce", "Les" stay words; "1e" is not an
    ordinal (TY003 wants 1er or 1re)."""
    out: list[Edit] = []
    for m in _ORDINAL_RE.finditer(html):
        number, ending = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if number == "1" and m.group(3) or number in ("C", "L") or not (number[0].isdigit() or _ROMAN_RE.match(number)):
            continue
        start = m.start() + len(number)
        out.append(Edit(start, m.end(), ending, f"<sup>{ending}</sup>", codes.TY003, "", around=(m.start(), m.end())))
    return out


def render_text(text: str, lang: str) -> str:
    """Plain text (a page's title in the pager, an abbreviation's expansion in a `title` attribute) with the
    spaces and apostrophes render_html() gives the page's text: "L'espace" -> "L’espace" in French."""
    return htmllib.unescape(render_html(htmllib.escape(text, quote=False), lang))


class _TocItem(Protocol):
    """An entry of a page's table of contents (MkDocs' `AnchorLink`)."""

    title: str

    @property
    def children(self) -> Sequence[_TocItem]: ...


class _TitledPage(Protocol):
    """A page of the site with its title and table of contents (MkDocs' `Page`)."""

    title: Optional[str]

    @property
    def toc(self) -> Iterable[_TocItem]: ...


def render_titles(page: _TitledPage, lang: str) -> None:
    """The page's title and table of contents (MkDocs objects) with the same typography as its text."""
    r = typography.rules(lang)
    if not (r.space_before or r.space_after or r.apostrophe):
        return
    if page.title:
        page.title = render_html(page.title, lang)
    items = list(page.toc or [])
    while items:
        item = items.pop()
        item.title = render_html(item.title, lang)
        items += item.children


def _skipped_spans(html: str, lang: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) of code-like elements and elements of another language."""
    spans: list[tuple[int, int]] = []
    for name in _SKIPPED_ELEMENTS:
        opening = "<" + name
        i = html.find(opening)
        while i >= 0:
            after = html[i + len(opening): i + len(opening) + 1]
            if after in (">", " ", "\n", "\t"):
                end = _element_end(html, name, i)
                spans.append((i, end))
                i = html.find(opening, end)
            else:
                i = html.find(opening, i + 1)
    for marker in (" lang=", "\nlang="):
        i = html.find(marker)
        while i >= 0:
            start = html.rfind("<", 0, i)
            m = _LANG_VALUE_RE.match(html, i)
            tag = re.match(r"<([A-Za-z][\w-]*)", html[start: start + 40]) if start >= 0 else None
            if m and tag and m.group(1).lower().split("-")[0] != lang and html.rfind(">", 0, i) < start:
                spans.append((start, _element_end(html, tag.group(1), start)))
            i = html.find(marker, i + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _element_end(html: str, name: str, start: int) -> int:
    """The end of the element that opens at `start` (nested elements of the same name counted)."""
    depth, pos = 0, start
    opening, closing = "<" + name, "</" + name + ">"
    while True:
        nxt_close = html.find(closing, pos)
        if nxt_close < 0:
            return len(html)
        nxt_open = html.find(opening, pos)
        if 0 <= nxt_open < nxt_close:
            depth += 1
            pos = nxt_open + len(opening)
            continue
        depth -= 1
        pos = nxt_close + len(closing)
        if depth <= 0:
            return pos


# --- make fix -----------------------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("fix", help="apply the mechanical typography rules (spaces, apostrophes, ordinals) to pages in place")
    p.add_argument("files", nargs="*", help="only these pages (default: every page)")
    p.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
    p.set_defaults(func=cmd_fix)


def cmd_fix(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import model

    root = Path(args.root).resolve()
    lib, _ = model.load(root)
    wanted = None
    if args.files:
        wanted = set()
        for f in args.files:
            path = Path(f)
            path = path.resolve() if path.is_absolute() or path.exists() else root / f
            try:
                wanted.add(path.relative_to(root).as_posix())
            except ValueError:
                wanted.add(f)
    changes = files = 0
    for page in model.iter_pages(lib):
        if wanted is not None and page.rel not in wanted or not _wanted(page.lang):
            continue
        new, done = fix_page(page)
        if not done or new == page.text:
            continue
        by_line: dict[int, list[Edit]] = {}
        for line, e in done:
            by_line.setdefault(line, []).append(e)
        for line, es in sorted(by_line.items()):
            counts: dict[str, int] = {}
            for e in es:
                what = f"{e.code} " + (_short(e) if e.code != codes.TY003 else e.message)
                counts[what] = counts.get(what, 0) + 1
            print(f"{page.rel}:{line}: " + ", ".join(w + (f" ×{n}" if n > 1 else "") for w, n in counts.items()))
        if not args.dry_run:
            path = root / page.rel
            raw = path.read_bytes()
            text = new.replace("\n", "\r\n") if b"\r\n" in raw else new
            path.write_bytes((b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b"") + text.encode("utf-8"))
        changes += len(done)
        files += 1
    if changes:
        verb = "would change" if args.dry_run else "changed"
        print(f"{verb} {changes} space{'s' if changes != 1 else ''}, apostrophes or ordinals in {files} file{'s' if files != 1 else ''}.")
    else:
        print("Nothing to fix.")
    return 0


def _short(e: Edit) -> str:
    if e.code == codes.TY002:
        return f"apostrophe {e.expected}"
    short = e.message.split(", not ")[0]
    return short.replace("a narrow no-break space (U+202F)", "narrow no-break space").replace("a no-break space (U+00A0)", "no-break space")
