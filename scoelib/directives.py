"""Generated content, registered by name: a line `<!-- scoe:name arg=value -->` in a page is replaced by what
the renderer generates for `name` (the catalogue, the glossary, the standards registry, …).

Each directive declares here its arguments (with the values each accepts) and the anchors its output
contains, so that `make check` can refuse an unknown directive or argument at `file:line` (DR001, DR002)
and check links to `page.md#anchor` into generated content like any other. To add one:

    register(Directive("name", "what it generates", args={"arg": allowed_values}, anchors=its_anchors))

below, and the function that renders it in `scoelib/render/pages/`, registered by the same name in
`scoelib.render.generated.GENERATORS` (an import-time check keeps the two lists equal).
tests/test_codes.py checks that each directive's declared anchors are the ids its rendered output carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Collection, Mapping

from .model import Library, Page
from .schema import CORE_AREAS

# A directive the renderer replaces: alone on its line.
DIRECTIVE_RE = re.compile(r"^[ \t]*<!--\s*scoe:(?P<name>[\w-]+)(?P<args>(?:\s+[\w-]+=[\w-]+)*)\s*-->[ \t]*$", re.M)
# Anything that looks like one, well formed or not (found outside code and other comments).
_OPENER = "<!--"
_LOOSE_RE = re.compile(r"@!--\s*scoe:(?P<name>[^\s>-]*(?:-[^\s>-]+)*)(?P<args>.*?)(?P<end>-->|$)", re.M)

Anchors = Callable[[Library, str, Mapping[str, str]], set[str]]


@dataclass(frozen=True)
class Directive:
    name: str
    summary: str
    anchors: Anchors  # (library, language, arguments) → the ids its output carries
    args: Mapping[str, Collection[str]] = field(default_factory=dict)  # argument → the values it accepts


DIRECTIVES: dict[str, Directive] = {}


def register(directive: Directive) -> Directive:
    if directive.name in DIRECTIVES:
        raise ImportError(f"scoelib.directives: `{directive.name}` is registered twice")
    DIRECTIVES[directive.name] = directive
    return directive


@dataclass(frozen=True)
class Found:
    """A directive as written in a page: where, its name, its arguments, and what is wrong with it."""

    line: int
    column: int
    name: str
    args: dict[str, str]
    problem: str = ""  # "" when the renderer will replace it
    unknown_name: bool = False


def find(page: Page) -> list[Found]:
    """Every directive of the page's body outside code and other comments, with its line and column."""
    body = page.body
    if "scoe:" not in body:
        return []
    from . import mdscan

    marked = re.sub(r"<!--(?=\s*scoe:)", "@!--", body)
    masked = mdscan.mask(marked)
    out = []
    for m in _LOOSE_RE.finditer(masked):
        line = body.count("\n", 0, m.start())
        start = body.rfind("\n", 0, m.start()) + 1
        end = body.find("\n", m.start())
        text = body[start:len(body) if end < 0 else end]
        out.append(_parse(page.body_start + line, m.start() - start + 1, m, text))
    return out


def _parse(line: int, column: int, m: re.Match[str], text: str) -> Found:
    name, raw_args = m.group("name"), m.group("args")
    args: dict[str, str] = {}
    problem = ""
    for token in raw_args.split():
        key, eq, value = token.partition("=")
        if not eq or not key or not value:
            problem = problem or f"`{token}` is not an argument `name=value`"
            continue
        args[key] = value
    directive = DIRECTIVES.get(name)
    if directive is None:
        return Found(line, column, name, args, f"`scoe:{name}` is not a generated content of the library", unknown_name=True)
    if not m.group("end"):
        problem = "the directive is not closed by `-->` on its line"
    elif not DIRECTIVE_RE.fullmatch(text):
        problem = problem or "a directive stands alone on its line, with nothing before or after it"
    for key, value in args.items():
        allowed = directive.args.get(key)
        if allowed is None:
            known = ", ".join(f"`{k}`" for k in directive.args) or "none"
            problem = problem or f"`scoe:{name}` takes no argument `{key}` (it takes: {known})"
        elif value not in allowed:
            problem = problem or f"`{key}={value}`: `{value}` is not one of " + ", ".join(f"`{v}`" for v in allowed)
    return Found(line, column, name, args, problem)


def anchors(lib: Library, page: Page) -> set[str]:
    """The ids that the page's generated content carries, in the page's language."""
    out: set[str] = set()
    for found in find(page):
        directive = DIRECTIVES.get(found.name)
        if directive is not None and not found.problem:
            out |= directive.anchors(lib, page.lang, found.args)
    return out


# --- the directives -------------------------------------------------------------------------------------


def _catalogue_anchors(lib: Library, lang: str, args: Mapping[str, str]) -> set[str]:
    return set()  # one table (its filters are not anchors)


def _glossary_anchors(lib: Library, lang: str, args: Mapping[str, str]) -> set[str]:
    from .render import initial, term_anchor

    return ({"abbreviations", "terms"} | {f"letter-{initial(getattr(e, lang).term).lower()}" for e in lib.glossary}
            | {term_anchor(e) for e in lib.glossary})


def _standards_anchors(lib: Library, lang: str, args: Mapping[str, str]) -> set[str]:
    from .render import std_anchor

    return {std_anchor(s.id) for s in lib.standards}


def _codes_anchors(lib: Library, lang: str, args: Mapping[str, str]) -> set[str]:
    from .codes import CODES

    return set(CODES)


register(Directive("catalogue", "the publications: all of them by core area, or one core area's (`area=`)",
                   _catalogue_anchors, args={"area": CORE_AREAS}))
register(Directive("glossary", "the glossary in the page's language, with its abbreviations", _glossary_anchors))
register(Directive("standards", "the registry of NATO standards", _standards_anchors))
register(Directive("translation-status", "the state of every French translation", lambda lib, lang, args: {"by-section", "pages"}))
register(Directive("downloads", "the release's files: PDF editions, the offline library, the open data",
                   lambda lib, lang, args: {"pdf", "offline", "data"}))
register(Directive("codes", "the table of every diagnostic code (the author guide)", _codes_anchors))
