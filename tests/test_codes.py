"""Codes and rules as registered units: every code of scoelib/codes.py is declared by a rule (or the loader) and
produced by a test; a rule produces only the codes it declares; a misspelt or duplicated code fails at import;
generated content (`<!-- scoe:… -->`) is registered by name, an unknown or malformed directive is an error at
file:line, and links into generated content are checked like any other."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

from conftest import CH1_EN, IDX_EN, ROOT, append, edit, put, run
from scoelib import codes, comments, diagnostics, directives, model, registry, rules  # noqa: F401 (comments: `make comments` registers its codes)
from scoelib.codes import CODES, Code
from scoelib.mkdocs_plugin import plugin as _plugin  # noqa: F401 (registers what only the build reports)
from scoelib.render import GENERATORS, Renderer

TESTS = Path(__file__).parent


# --- cases for the codes no other test produced (each: break the minimal library; code, file, line) -------

STANDARD = ("\n- id: {id}\n  kind: stanag\n  title: {{en: T, fr: T}}\n  covers: {{en: C., fr: C.}}\n  status: {status}\n"
            "  source: Public source\n")


def _fm009(root: Path) -> tuple[str, int]:
    put(root, "docs/publications/scoe-8-orphan/chapter-1.en.md", "---\nchapter: 1\n---\n# Chapter\n\n1.1 Text.\n")
    return "docs/publications/scoe-8-orphan/chapter-1.en.md", 1


def _sr001(root: Path) -> tuple[str, int]:
    lines = (root / "data/standards.yml").read_text(encoding="utf-8").count("\n")
    append(root, "data/standards.yml", STANDARD.format(id="STANAG 9999", status="approved"))
    return "data/standards.yml", lines + 6


def _sr002(root: Path) -> tuple[str, int]:
    lines = (root / "data/standards.yml").read_text(encoding="utf-8").count("\n")
    append(root, "data/standards.yml", STANDARD.format(id="AJP-01", status="promulgated"))
    return "data/standards.yml", lines + 2


def _sr003(root: Path) -> tuple[str, int]:
    edit(root, "data/standards.yml", "  source: Public source\n", "  related: [STANAG 0000]\n  source: Public source\n")
    return "data/standards.yml", 1


def _directive(line_text: str) -> Callable[[Path], tuple[str, int]]:
    def case(root: Path) -> tuple[str, int]:
        lines = (root / "docs/index.en.md").read_text(encoding="utf-8").rstrip("\n").split("\n")
        put(root, "docs/index.en.md", "\n".join(lines) + "\n\n" + line_text + "\n")
        return "docs/index.en.md", len(lines) + 2
    return case


CASES: dict[str, Callable[[Path], tuple[str, int]]] = {
    "FM009": _fm009,
    "SR001": _sr001,
    "SR002": _sr002,
    "SR003": _sr003,
    "DR001": _directive("<!-- scoe:glosary -->"),
    "DR002": _directive("<!-- scoe:catalogue area=moon -->"),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_case_produces_its_code_at_its_line(mini, code):
    rel, line = CASES[code](mini)
    found = [d for d in run(mini) if d.code == code]
    assert found, f"{code} not produced"
    assert (found[0].file, found[0].line) == (rel, line), found[0].format()


# --- the table -----------------------------------------------------------------------------------------


def test_every_code_is_declared_by_a_registered_unit():
    declared = registry.declared_by()
    assert sorted(set(CODES) - set(declared)) == [], "codes no rule (or the loader) declares"
    assert all(isinstance(c, Code) for c in declared)


def test_every_code_has_a_test_that_produces_it():
    """A code counts as tested when a test file other than this one names it (the tests assert the code they
    produce: `"XR003"`, `codes.XR003`, `f"{rel}:3: XR003 …"`), or when it has a case above."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py") if p.name != Path(__file__).name)
    untested = [c for c in CODES if c not in CASES and not re.search(rf"\b{c}\b", text)]
    assert untested == [], f"codes without a test that produces them: {', '.join(untested)} (add one, e.g. to CASES above)"


def test_a_code_constant_must_be_named_after_its_code_and_declared_once():
    made = len(codes._DECLARED)
    try:
        one = Code("ZZ901", "test", codes.E, "s", "f")
        with pytest.raises(ImportError, match="ZZ901"):
            codes._registry({**CODES, "ZZ900": one})  # named otherwise
        with pytest.raises(ImportError, match="twice"):
            codes._DECLARED.append(one)
            codes._registry({"ZZ901": one, **{c: CODES[c] for c in CODES}})
    finally:
        del codes._DECLARED[made:]
    assert codes._registry(vars(codes)) == CODES


def test_a_rule_declares_constants_not_strings():
    with pytest.raises(TypeError, match="codes.XR001"):
        registry.rule("XR001")  # type: ignore[arg-type]  # a string where a code is expected: the misuse under test
    with pytest.raises(TypeError):
        registry.producer("nothing")


def test_codes_read_as_strings():
    d = diagnostics.Diagnostic("docs/a.en.md", 3, 1, codes.XR003, "message")
    assert d.code == "XR003" and f"{d.code}" == "XR003" and d.severity is codes.XR003.severity
    assert d.format().startswith("docs/a.en.md:3:1: XR003 ")
    # a string where a code is expected (the misuse under test) becomes the code
    assert diagnostics.Diagnostic("docs/a.en.md", 3, 1, "XR003", "m").code is codes.XR003  # type: ignore[arg-type]


def test_each_rule_produces_only_the_codes_it_declares(mini):
    """Over every case above and a battery of breakages: what each rule returns is among its declared codes."""
    breakages = [lambda r: append(r, CH1_EN, "\nSee [[SCOE-404]] and [[no such term]] and [x](nope.md) and [y](index.md#nope).\n"),
                 lambda r: edit(r, IDX_EN, "status:", "superseded_by: SCOE-404\nstatus:"),
                 lambda r: append(r, CH1_EN, "\n1.1 Duplicate.\n\n<script>alert(1)</script>\n\nNATO SECRET\n"),
                 *CASES.values()]
    for break_it in breakages:
        break_it(mini)
    lib, _ = model.load(mini)
    index = rules.refs_mod.Index(lib)
    seen: set[str] = set()
    for unit in registry.RULES:
        assert unit.run is not None
        produced = {d.code for d in unit.run(lib, index)}
        assert produced <= set(unit.codes), f"{unit.name} produced {sorted(produced - set(unit.codes))} without declaring them"
        seen |= produced
    assert {"XR001", "XR003", "LK001", "LK002", "FM005", "PA001", "SF001", "SF002", "SR003", "DR001", "DR002"} <= seen


# --- generated content ------------------------------------------------------------------------------------


def test_generated_content_is_registered_by_name_with_its_renderer():
    assert set(directives.DIRECTIVES) == set(GENERATORS) == {"catalogue", "glossary", "standards", "translation-status", "downloads",
                                                              "codes"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_declared_anchors_are_the_ids_of_the_generated_content(lang):
    lib, _ = model.load(ROOT)
    renderer = Renderer(lib)
    page = lib.page("glossary/index", lang)
    assert page is not None
    for name, directive in directives.DIRECTIVES.items():
        for args in ({}, {"area": "space-domain-awareness"}) if name == "catalogue" else ({},):
            ctx = renderer.context(page, page.key, lang)  # its fragments: the generated HTML the Markdown's tokens stand for
            text = renderer.directive(name, dict(args), ctx)
            text += "\n".join(frag for _, frag in ctx.fragments)
            ids = set(re.findall(r'\{#([^}\s]+)\}', text)) | set(re.findall(r'<[a-z0-9]+ [^>]*\bid="([^"]+)"', text))
            assert directive.anchors(lib, lang, args) == ids, (name, args)


def test_unknown_directive_is_an_error_with_the_known_names(mini):
    rel, line = _directive("<!-- scoe:glosary -->")(mini)
    (d,) = [d for d in run(mini) if d.code == "DR001"]
    assert (d.file, d.line, d.column) == (rel, line, 1) and d.severity is diagnostics.Severity.ERROR
    assert "`glossary`" in d.hint and "Did you mean" in d.hint


@pytest.mark.parametrize("text, says", [
    ("<!-- scoe:catalogue area=moon -->", "`moon` is not one of"),
    ("<!-- scoe:glossary lang=fr -->", "takes no argument `lang`"),
    ("<!-- scoe:glossary", "not closed"),
    ("See <!-- scoe:glossary --> here.", "alone on its line"),
    ("<!-- scoe:catalogue area -->", "not an argument `name=value`"),
])
def test_malformed_directive_is_an_error_at_its_line(mini, text, says):
    rel, line = _directive(text)(mini)
    found = [d for d in run(mini) if d.code == "DR002"]
    assert [(d.file, d.line) for d in found] == [(rel, line)] and says in found[0].message, [d.format() for d in found]


def test_directive_in_code_or_in_a_comment_is_text(mini):
    append(mini, "docs/index.en.md",
           "\nWrite `<!-- scoe:nope -->` on a line.\n\n```\n<!-- scoe:nope -->\n```\n\n<!-- a note: scoe:nope -->\n")
    assert [d.format() for d in run(mini) if d.code.startswith("DR")] == []


def test_links_into_generated_content_are_checked(mini):
    """The anchor check no longer skips a page that holds generated content."""
    put(mini, "docs/glossary/index.en.md", "# Glossary\n\n<!-- scoe:glossary -->\n")
    put(mini, "docs/glossary/index.fr.md", "# Glossaire\n\n<!-- scoe:glossary -->\n")
    lib, _ = model.load(mini)
    entry = lib.glossary[0]
    append(mini, "docs/index.en.md", f"\n[ok](glossary/index.md#term-{entry.id}) and [bad](glossary/index.md#term-nope).\n")
    found = [d for d in run(mini) if d.code == "LK002"]
    assert [d.message for d in found] == ["`#term-nope` is not an anchor of `docs/glossary/index.en.md`"]
