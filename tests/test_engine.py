"""The rules engine, one rule at a time, over a tiny library (tests/sites/minimal) broken on purpose.

Each test asserts what an author sees: the code, the file, the line (and column where it matters),
and that the hint says how to fix it. No MkDocs here: the engine must work without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import CH1_EN, CH1_FR, IDX_EN, IDX_FR, edit, problems, put, run
from scoelib import diagnostics, model
from scoelib.diagnostics import Severity


def only(diags, code):
    found = [d for d in diags if d.code == code]
    assert found, f"no {code} in:\n" + "\n".join(d.format() for d in diags)
    return found


def test_minimal_library_is_clean(mini):
    assert problems(mini) == []


def test_engine_never_imports_mkdocs():
    """Every module of the engine, imported in a fresh interpreter, leaves MkDocs unloaded; only the plugin
    package (scoelib.mkdocs_plugin) imports it."""
    import pkgutil
    import subprocess

    import scoelib

    engine = [m.name for m in pkgutil.walk_packages(scoelib.__path__, "scoelib.") if not m.name.startswith("scoelib.mkdocs_plugin")]
    assert {"scoelib.rules", "scoelib.render", "scoelib.model", "scoelib.__main__"} <= set(engine)
    code = f"import importlib, sys; [importlib.import_module(m) for m in {engine!r}]; sys.exit('mkdocs' in sys.modules)"
    res = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent.parent)
    assert res.returncode == 0, "the rules engine must not import MkDocs"
    plugin = subprocess.run([sys.executable, "-c", "import sys, scoelib.mkdocs_plugin; sys.exit('mkdocs' not in sys.modules)"])
    assert plugin.returncode == 0, "the check above must be able to fail"


# --- loading --------------------------------------------------------------------------------------


def test_invalid_front_matter_yaml(mini):
    put(mini, "docs/about.en.md", "---\ntitle: About\nhide: [toc\n---\n\n# About\n")
    d = only(problems(mini), "LD003")[0]
    assert d.file == "docs/about.en.md" and d.line in (3, 4)
    assert "YAML" in d.hint


def test_unclosed_front_matter(mini):
    put(mini, "docs/about.en.md", "---\ntitle: About\n\n# About\n")
    assert only(problems(mini), "LD003")[0].file == "docs/about.en.md"


def test_empty_page(mini):
    put(mini, "docs/about.en.md", "")
    d = only(problems(mini), "LD004")[0]
    assert (d.file, d.line) == ("docs/about.en.md", 1)


def test_not_utf8_names_line_and_byte(mini):
    put(mini, "docs/about.en.md", "# About\n\nCaf\xe9 au lait\n".encode("latin-1"))
    d = only(problems(mini), "LD001")[0]
    assert (d.file, d.line, d.column) == ("docs/about.en.md", 3, 4)
    assert "0xe9" in d.message


def test_nul_byte(mini):
    put(mini, "docs/about.en.md", b"# About\n\nab\x00cd\n")
    d = only(problems(mini), "LD002")[0]
    assert (d.line, d.column) == (3, 3)


def test_page_without_title(mini):
    put(mini, "docs/about.en.md", "Just text, no title.\n")
    d = only(problems(mini), "LD005")[0]
    assert d.file == "docs/about.en.md" and "# Title" in d.hint


def test_leading_key_value_lines_would_be_hidden(mini):
    put(mini, "docs/about.en.md", "Classification: whatever\nOwner: me\n\n# About\n")
    d = only(problems(mini), "LD006")[0]
    assert (d.file, d.line) == ("docs/about.en.md", 1)


@pytest.mark.parametrize("name", ["About Us.en.md", "café.en.md", "about.md", "About.en.md"])
def test_bad_file_names(mini, name):
    put(mini, f"docs/{name}", "# About\n")
    d = only(problems(mini), "LD007")[0]
    assert name in d.file


def test_huge_page_is_refused_without_reading_it_all(mini, monkeypatch):
    put(mini, "docs/big.en.md", "# Big\n\n" + ("word " * 200 + "\n\n") * 1200)
    read = Path.read_bytes

    def read_bytes(self):
        assert self.name != "big.en.md", "the loader read the huge page"
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    d = only(problems(mini), "LD008")[0]
    assert (d.file, d.line) == ("docs/big.en.md", 1) and d.message.startswith("the page is 1202 kB; the limit is ")


def test_two_level_one_titles(mini):
    edit(mini, CH1_EN, "## A section", "# A section")
    d = only(problems(mini), "LD009")[0]
    assert (d.file, d.line) == (CH1_EN, 13)


# --- publication metadata ---------------------------------------------------------------------------


def test_missing_key_lands_on_first_line(mini):
    edit(mini, IDX_EN, "summary: A publication for tests.\n", "")
    d = [d for d in only(problems(mini), "FM001") if d.file == IDX_EN][0]
    assert d.line == 1 and "`summary`" in d.message


def test_unknown_key_lands_on_its_line_with_suggestion(mini):
    edit(mini, IDX_EN, "status: study\n", "status: study\ncustodain: x\n")
    d = only(problems(mini), "FM002")[0]
    assert (d.file, d.line) == (IDX_EN, 7)
    assert "custodian" in d.hint


def test_bad_status_value_lists_allowed_values(mini):
    edit(mini, IDX_EN, "status: study", "status: approved")
    d = [d for d in only(problems(mini), "FM003") if d.file == IDX_EN][0]
    assert d.line == 6 and "`promulgated`" in d.hint and "approved" in d.message


def test_bad_edition_and_releasability(mini):
    edit(mini, IDX_EN, "edition: B", "edition: 2")
    edit(mini, IDX_EN, "releasability: public", "releasability: internal")
    lines = sorted(d.line for d in only(problems(mini), "FM003") if d.file == IDX_EN)
    assert lines == [4, 11]


def test_duplicate_publication_id(mini):
    for lang in ("en", "fr"):
        src = (mini / f"docs/publications/scoe-9-test/index.{lang}.md").read_text(encoding="utf-8")
        put(mini, f"docs/publications/scoe-9-copy/index.{lang}.md", src)
    d = only(problems(mini), "FM004")[0]
    folders = {"scoe-9-copy", "scoe-9-test"}
    mine = d.file.split("/")[2]
    assert mine in folders and d.line == 2 and (folders - {mine}).pop() in d.message and d.related.endswith(":2")


def test_lifecycle_links(mini):
    edit(mini, IDX_EN, "status: study", "status: superseded")
    edit(mini, IDX_FR, "status: study", "status: superseded")
    d = only(problems(mini), "FM006")[0]
    assert (d.file, d.line) == (IDX_EN, 6) and "superseded_by" in d.hint


def test_supersedes_unknown_id(mini):
    edit(mini, IDX_EN, "releasability: public\n", "releasability: public\nsupersedes: [SCOE-8]\n")
    d = only(problems(mini), "FM005")[0]
    assert (d.file, d.line) == (IDX_EN, 12)


def test_languages_disagree_on_untranslated_key(mini):
    edit(mini, IDX_FR, "version: 1", "version: 2")
    d = only(problems(mini), "FM007")[0]
    assert (d.file, d.line) == (IDX_FR, 5)
    assert d.related == f"{IDX_EN}:5"


def test_translated_fields_may_differ(mini):
    assert not [d for d in problems(mini) if d.code == "FM007"]


def test_unknown_custodian(mini):
    edit(mini, IDX_EN, "custodian: doctrine-standardization", "custodian: nobody")
    d = [d for d in only(problems(mini), "FM003") if "custodian" in d.message][0]
    assert d.line == 8 and "doctrine-standardization" in d.hint


def test_chapter_number_must_match_file(mini):
    edit(mini, CH1_EN, "chapter: 1", "chapter: 2")
    d = only(problems(mini), "FM008")[0]
    assert (d.file, d.line) == (CH1_EN, 2)


# --- numbered paragraphs ----------------------------------------------------------------------------


def test_paragraphs_are_parsed_with_their_extent(mini):
    lib, _ = model.load(mini)
    page = lib.page("publications/scoe-9-test/chapter-1", "en")
    assert [(p.number, p.line) for p in page.paragraphs] == [("1.1", 7), ("1.2", 9), ("1.3", 15)]
    assert "list item" in page.paragraphs[1].text and "section" not in page.paragraphs[1].text


def test_duplicate_paragraph(mini):
    edit(mini, CH1_EN, "1.3 The third", "1.2 The third")
    edit(mini, CH1_FR, "1.3 Le troisième", "1.2 Le troisième")
    d = only(problems(mini), "PA001")[0]
    assert d.line == 15 and "line 9" in d.message


def test_paragraphs_must_increase(mini):
    edit(mini, CH1_EN, "1.2 The second", "1.4 The second")
    edit(mini, CH1_FR, "1.2 Le deuxième", "1.4 Le deuxième")
    d = only(problems(mini), "PA002")[0]
    assert (d.file, d.line) == (CH1_EN, 15)


def test_paragraph_from_another_chapter(mini):
    edit(mini, CH1_EN, "1.3 The third", "2.3 The third")
    d = only(problems(mini), "PA003")[0]
    assert (d.file, d.line) == (CH1_EN, 15) and "chapter 1" in d.message


def test_gap_is_a_warning(mini):
    edit(mini, CH1_EN, "1.3 The third", "1.5 The third")
    edit(mini, CH1_FR, "1.3 Le troisième", "1.5 Le troisième")
    d = only(problems(mini), "PA004")[0]
    assert d.severity is Severity.WARNING and "1.3 to 1.4" in d.message


def test_paragraph_missing_in_french_names_both_files(mini):
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.", "Le deuxième paragraphe.")
    d = only(problems(mini), "PA005")[0]
    assert d.file == CH1_FR and d.related == f"{CH1_EN}:9" and "1.2" in d.message


def test_chapter_without_numbered_paragraphs(mini):
    put(mini, "docs/publications/scoe-9-test/chapter-2.en.md", "---\nchapter: 2\n---\n\n# Chapter 2\n\nText without numbers.\n")
    put(mini, "docs/publications/scoe-9-test/chapter-2.fr.md", "---\nchapter: 2\n---\n\n# Chapitre 2\n\nTexte sans numéros.\n")
    assert {d.file for d in only(problems(mini), "PA006")} == {
        "docs/publications/scoe-9-test/chapter-2.en.md", "docs/publications/scoe-9-test/chapter-2.fr.md"}


def test_number_inside_code_or_indented_is_not_a_paragraph(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 The second paragraph.\n\n```\n1.9 in code\n```\n\n    1.8 indented")
    assert not [d for d in problems(mini) if d.code.startswith("PA")]


# --- links ------------------------------------------------------------------------------------------


def test_link_to_missing_page(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 See [the glossary](../../glossry/index.md).")
    d = only(problems(mini), "LK001")[0]
    assert (d.file, d.line, d.column) == (CH1_EN, 9, 24)


def test_link_to_missing_anchor_with_suggestion(mini):
    edit(mini, "docs/index.en.md", "A tiny", "[Para](publications/scoe-9-test/chapter-1.md#1.4) A tiny")
    d = only(problems(mini), "LK002")[0]
    assert (d.file, d.line) == ("docs/index.en.md", 3)
    assert "#1.1" in d.hint or "#1.3" in d.hint


def test_link_to_existing_paragraph_anchor(mini):
    edit(mini, "docs/index.en.md", "A tiny", "[Para](publications/scoe-9-test/chapter-1.md#1.3) A tiny")
    assert problems(mini) == []


# --- references -------------------------------------------------------------------------------------


def test_unknown_publication_suggests_nearest(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 See [[SCOE-99]].")
    d = only(problems(mini), "XR001")[0]
    assert (d.file, d.line, d.column) == (CH1_EN, 9, 9)
    assert "SCOE-9" in d.hint


def test_unknown_paragraph_suggests_existing(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 See [[SCOE-9#1.4]].")
    d = only(problems(mini), "XR002")[0]
    assert d.line == 9 and "1.1 to 1.3" in d.hint


def test_unknown_term_suggests_nearest_in_page_language(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 See [[space domain awarenes]].")
    d = only(problems(mini), "XR003")[0]
    assert "[[space domain awareness]]" in d.hint


def test_english_term_on_french_page_points_to_french_term(mini):
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.", "1.2 Voir [[space domain awareness]].")
    d = only(problems(mini), "XR003")[0]
    assert d.file == CH1_FR and "[[connaissance du domaine spatial]]" in d.hint


def test_terms_ignore_case_abbreviations_do_not(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 [[Space Domain Awareness]], [[sda]].")
    d = only(problems(mini), "XR003")
    assert len(d) == 1 and "`sda`" in d[0].message


def test_plural_finds_singular(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 Two [[space domain awarenesses|x]] and [[SSAs]].")
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.", "1.2 Les [[connaissances du domaine spatial]].")
    assert problems(mini) == []


def test_superseded_publication_is_a_warning_naming_the_one_in_force(mini):
    for lang in ("en", "fr"):
        src = (mini / f"docs/publications/scoe-9-test/index.{lang}.md").read_text(encoding="utf-8")
        src = src.replace("id: SCOE-9", "id: SCOE-8").replace("status: study", "status: superseded\nsuperseded_by: SCOE-9")
        put(mini, f"docs/publications/scoe-8-old/index.{lang}.md", src)
    for idx in (IDX_EN, IDX_FR):
        edit(mini, idx, "releasability: public\n", "releasability: public\nsupersedes: [SCOE-8]\n")
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 See [[SCOE-8]].")
    d = only(problems(mini), "XR004")[0]
    assert d.severity is Severity.WARNING and "SCOE-9" in d.message
    assert not diagnostics.has_errors(run(mini))


def test_deprecated_synonym_is_an_error_with_preferred_term(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 See [[space surveillance awareness]] and [[space picture]].")
    found = only(problems(mini), "XR005")
    assert "[[space situational awareness]]" in found[0].hint
    assert "[[space domain awareness]]" in found[1].hint


def test_standards(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 [[AJP-01]] [[AJP-01(E)]] [[AJP-01(C)]] [[STANAG 9999]].")
    diags = problems(mini)
    assert only(diags, "XR007")[0].severity is Severity.WARNING
    assert "edition F is in force" in only(diags, "XR007")[0].message
    assert only(diags, "XR006")[0].column == 30  # AJP-01(C)
    assert only(diags, "XR006")[1].column == 44  # STANAG 9999


def test_unclosed_and_empty_references(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 See [[SCOE-9 and [[]].")
    codes = [(d.code, d.column) for d in problems(mini)]
    assert ("XR008", 9) in codes and ("XR008", 22) in codes


def test_references_in_code_comments_and_escapes_are_left_alone(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.",
         "1.2 Write `[[SCOE-42]]` or \\[[nothing]].\n\n<!-- [[nope]] -->\n\n```markdown\n[[SCOE-77#9.9]]\n```")
    assert problems(mini) == []


# --- glossary ---------------------------------------------------------------------------------------


def test_glossary_duplicate_designation_with_yaml_line(mini):
    edit(mini, "data/glossary.yml", "term: space picture", "term: Space Domain Awareness")
    d = only(problems(mini), "GL002")[0]
    assert (d.file, d.line) == ("data/glossary.yml", 29) and "space-domain-awareness" in d.message


def test_glossary_duplicate_abbreviation(mini):
    edit(mini, "data/glossary.yml", "abbr: [SSA]", "abbr: [SDA]")
    d = only(problems(mini), "GL002")[0]
    assert d.line == 18


def test_glossary_term_equal_to_publication_id(mini):
    edit(mini, "data/glossary.yml", "abbr: [SSA]", "abbr: [SCOE-9]")
    assert only(problems(mini), "GL003")[0].line == 18


def test_glossary_unknown_see_also_and_source(mini):
    edit(mini, "data/glossary.yml", "see_also: [space-situational-awareness]", "see_also: [space-situational-awarenes]")
    edit(mini, "data/glossary.yml", 'source: "[[SCOE-9]]"', 'source: "[[SCOE-9#7.7]]"')
    diags = problems(mini)
    assert only(diags, "GL004")[0].line == 4 and "space-situational-awareness" in only(diags, "GL004")[0].hint
    assert only(diags, "GL005")[0].line == 3


def test_glossary_schema_errors_carry_yaml_lines(mini):
    edit(mini, "data/glossary.yml", "    definition: Compréhension du milieu spatial et de ce qu'y font les acteurs.\n", "")
    d = only(problems(mini), "GL001")[0]
    assert d.file == "data/glossary.yml" and d.line == 9 and "fr.definition" in d.message  # the `fr:` block


def test_glossary_french_source_is_checked_where_it_is_written(mini):
    """A language's own `source` (what its readers cite) is validated like the rest: an empty one is refused
    at its line, and a reference in it must resolve in that language."""
    edit(mini, "data/glossary.yml", "    status: proposed\n", '    status: proposed\n    source: ""\n')
    d = only(problems(mini), "GL001")[0]
    assert (d.file, d.line) == ("data/glossary.yml", 13) and "fr.source" in d.message
    edit(mini, "data/glossary.yml", '    source: ""\n', '    source: "[[SCOE-9#7.7]]"\n')
    d = only(problems(mini), "GL005")[0]
    assert d.line == 13 and "7.7" in d.message


def test_glossary_invalid_yaml(mini):
    put(mini, "data/glossary.yml", "- id: x\n  en: [unclosed\n")
    (d,) = problems(mini)  # one finding: the terms the pages use are held back until the file parses
    assert (d.code, d.file) == ("LD010", "data/glossary.yml") and d.line >= 2


def test_glossary_duplicate_entry_id(mini):
    text = (mini / "data/glossary.yml").read_text(encoding="utf-8")
    put(mini, "data/glossary.yml", text + text.split("- id: space-situational-awareness")[0].replace(
        "space domain awareness", "sda two").replace("[SDA]", "[SDA2]").replace("connaissance du domaine spatial", "cds deux"))
    assert only(problems(mini), "GL006")[0].line == 34


# --- translation ------------------------------------------------------------------------------------


def test_missing_translation_and_pending(mini):
    put(mini, "docs/about.en.md", "# About\n")
    assert only(problems(mini), "TR001")[0].file == "docs/about.en.md"
    put(mini, "docs/about.en.md", "---\ntranslation: pending\n---\n\n# About\n")
    assert not diagnostics.has_errors(run(mini))
    assert only(run(mini), "TR003")[0].severity is Severity.INFO


def test_pending_but_translated_and_orphan(mini):
    put(mini, "docs/about.en.md", "---\ntranslation: pending\n---\n\n# About\n")
    put(mini, "docs/about.fr.md", "# À propos\n")
    put(mini, "docs/lonely.fr.md", "# Seule\n")
    diags = problems(mini)
    assert only(diags, "TR006")[0].file == "docs/about.en.md"
    assert only(diags, "TR005")[0].file == "docs/lonely.fr.md"


def test_untracked_translation_is_a_warning(mini):
    put(mini, "docs/about.en.md", "# About\n")
    put(mini, "docs/about.fr.md", "# À propos\n")
    d = only(problems(mini), "TR004")[0]
    assert d.severity is Severity.WARNING and "make translated PAGE=docs/about.fr.md" in d.hint


def test_stale_translation_lists_changed_paragraphs(mini):
    from scoelib import translation

    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 The second paragraph, now longer.")
    stale = only(run(mini), "TR002")[0]
    assert stale.file == CH1_FR and "(paragraphs 1.2)" in stale.message
    lib, _ = model.load(mini)
    print(translation.record(lib, CH1_FR))
    assert not [d for d in run(mini) if d.code == "TR002"]


# --- safety -----------------------------------------------------------------------------------------

MARKINGS = [
    "NATO RESTRICTED", "nato confidential", "NATO SECRET", "COSMIC TOP SECRET", "NATO UNCLASSIFIED",
    "DIFFUSION RESTREINTE", "Confidentiel Défense", "SECRET DÉFENSE", "TRÈS SECRET DÉFENSE", "TRÈS SECRET",
    "SPÉCIAL FRANCE", "OFFICIAL-SENSITIVE", "NOFORN", "REL TO", "FOUO", "CUI", "VS-NfD", "RESTREINT UE",
]


@pytest.mark.parametrize("marking", MARKINGS)
def test_protective_markings_are_found_anywhere(mini, marking):
    edit(mini, CH1_EN, "1.2 The second paragraph.", f"1.2 The second paragraph.\n\n```\n{marking}\n```")
    d = only(problems(mini), "SF001")[0]
    assert (d.file, d.line) == (CH1_EN, 12)


def test_markings_in_front_matter_alt_text_and_glossary(mini):
    edit(mini, CH1_EN, "chapter: 1", "chapter: 1\ndescription: Nato Secret")
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.", "1.2 ![Diffusion Restreinte](x.png) Le deuxième paragraphe.")
    edit(mini, "data/glossary.yml", "definition: Former name.", "definition: Former name, NOFORN.")
    found = {(d.file, d.line) for d in only(problems(mini), "SF001")}
    assert {(CH1_EN, 3), (CH1_FR, 16), ("data/glossary.yml", 30)} <= found


def test_ordinary_words_are_not_markings(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.",
         "1.2 The Secretary General kept it secret; a confidential talk; circuits; relative to; restricted airspace.")
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.", "1.2 Un secret bien gardé, des circuits, le secret de la défense.")
    assert not [d for d in problems(mini) if d.code == "SF001"]


def test_allowlist_exempts_exact_line_and_reports_it(mini):
    edit(mini, "docs/index.en.md", "A tiny library", "Never write NOFORN here. A tiny library")
    put(mini, "safety-allowlist.yml", '- file: docs/index.en.md\n'
        '  line: "Never write NOFORN here. A tiny library used by the tests. See [[SCOE-9]] and [[space domain awareness]]."\n'
        '  reason: test\n')
    diags = run(mini)
    assert not [d for d in diags if d.code == "SF001"]
    assert "exempted" in only(diags, "SF007")[0].message


ACTIVE = [
    ("<script>alert(1)</script>", "SF002"),
    ('<iframe src="https://example.org"></iframe>', "SF002"),
    ('<object data="x.swf"></object>', "SF002"),
    ('<embed src="x.swf">', "SF002"),
    ('<form action="/x"><input></form>', "SF002"),
    ('<base href="https://example.org/">', "SF002"),
    ('<meta http-equiv="refresh" content="0">', "SF002"),
    ('<img src="x.png" onerror="alert(1)">', "SF003"),
    ('<svg><script>alert(1)</script></svg>', "SF002"),
    ('[click](javascript:alert(1))', "SF004"),
    ('[click](JaVaScRiPt:alert(1))', "SF004"),
    ('<a href="vbscript:msgbox">x</a>', "SF004"),
    ('[data](data:text/html;base64,PHNjcmlwdD4=)', "SF004"),
    ('<span style="background:url(https://example.org/x.png)">x</span>', "SF005"),
    ('Text{: onclick="alert(1)" }', "SF003"),
    ('![logo](https://example.org/logo.png)', "SF006"),
    ('<img src="//example.org/logo.png" alt="x">', "SF006"),
]


@pytest.mark.parametrize("snippet,code", ACTIVE)
def test_active_content_is_refused_at_its_line(mini, snippet, code):
    edit(mini, CH1_EN, "1.2 The second paragraph.", f"1.2 The second paragraph.\n\n{snippet}")
    d = only(problems(mini), code)[0]
    assert (d.file, d.line) == (CH1_EN, 11)


def test_active_content_inside_code_is_fine(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 Never write `<script>` or `onerror=`.\n\n```html\n<script>alert(1)</script>\n```")
    assert problems(mini) == []


def test_safe_images_pass(mini):
    edit(mini, CH1_EN, "1.2 The second paragraph.", '1.2 <img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"> and a [link](https://www.nato.int/).')
    assert problems(mini) == []


def test_report_format_and_github_annotations(mini, monkeypatch):
    edit(mini, CH1_EN, "1.2 The second paragraph.", "1.2 See [[SCOE-99]].")
    diags = run(mini)
    text = diagnostics.report(diags)
    assert f"{CH1_EN}:9:9: XR001 no publication has the id `SCOE-99`" in text
    assert "\n    hint: Did you mean" in text
    assert text.splitlines()[-1] == "1 error, 0 warnings in 1 file."
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert f"::error file={CH1_EN},line=9,col=9,title=XR001::XR001 no publication" in diagnostics.report(diags)
