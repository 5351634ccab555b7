"""An author's ordinary mistakes, one at a time, on a copy of the real library: one root cause gives one
finding, first, at its line; every hint that names something to write works when pasted; `make new` and
the guide leave nothing to discover by reading code. In process (no MkDocs), except the Makefile cases."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, make
from scoelib import __main__ as cli
from scoelib import codestable, diagnostics, glossaryfile, model, rules

PUB = "docs/publications/scoe-3-1-space-domain-awareness"
CH2_EN, CH2_FR = f"{PUB}/chapter-2.en.md", f"{PUB}/chapter-2.fr.md"


@pytest.fixture
def lib_root(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    for name in ("docs", "data", ".github"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")  # the languages
    return root


def findings(root: Path) -> tuple[list[diagnostics.Diagnostic], dict[str, int], str]:
    lib, diags = model.load(root)
    checked, held = rules.check_and_count(lib)
    found = [d for d in diagnostics.sort(diags + checked) if d.severity >= diagnostics.Severity.WARNING]
    return found, held, diagnostics.report(found, held=held)


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def sub(root: Path, rel: str, pattern: str, repl: str) -> None:
    path = root / rel
    text, n = re.subn(pattern, repl, path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert n == 1, f"{pattern!r} not in {rel}"
    path.write_text(text, encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    return next(i for i, line in enumerate((root / rel).read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def pasted(hint: str) -> str:
    """What the hint tells the author to write: its first `code span`."""
    return re.search(r"`([^`]+)`", hint).group(1)


def test_the_library_copy_is_clean(lib_root):
    found, held, _ = findings(lib_root)
    assert [d for d in found if d.severity is diagnostics.Severity.ERROR] == [] and held == {}


# --- one root cause, one finding ------------------------------------------------------------------------

def test_a_bad_status_in_both_languages_is_two_findings_and_nothing_else(lib_root):
    for lang in ("en", "fr"):
        sub(lib_root, f"{PUB}/index.{lang}.md", r"^status: \w+", "status: Draft")
    found, held, _ = findings(lib_root)
    assert [(d.file, d.line, d.code) for d in found] == [
        (f"{PUB}/index.en.md", line_of(lib_root, f"{PUB}/index.en.md", "status:"), "FM003"),
        (f"{PUB}/index.fr.md", line_of(lib_root, f"{PUB}/index.fr.md", "status:"), "FM003")]
    assert "Did you mean `draft`?" in found[0].hint and "`ratification-draft`" in found[0].hint


def test_front_matter_that_does_not_parse_is_one_finding_at_its_line_and_the_hint_fixes_it(lib_root):
    rel = f"{PUB}/index.fr.md"
    sub(lib_root, rel, r"^summary: .*$", "summary: Une étude : la connaissance du domaine spatial")
    found, held, text = findings(lib_root)
    assert [(d.file, d.line, d.code) for d in found] == [(rel, line_of(lib_root, rel, "summary:"), "LD003")]
    assert "contains `: `" in found[0].message
    assert held and "held back" in text and text.index("LD003") < text.index("held back")
    fixed = pasted(found[0].hint)
    assert fixed == 'summary: "Une étude : la connaissance du domaine spatial"'
    sub(lib_root, rel, r"^summary: .*$", fixed.replace("\\", "\\\\"))
    assert [d.code for d in findings(lib_root)[0] if d.severity is diagnostics.Severity.ERROR] == []


def test_a_glossary_that_does_not_parse_is_said_once_and_holds_back_the_terms(lib_root):
    rel = "data/glossary.yml"
    text = (lib_root / rel).read_text(encoding="utf-8")
    first_term = re.search(r'^    term: "([^"]+)"$', text, re.M)
    (lib_root / rel).write_text(text[: first_term.end() - 1] + text[first_term.end():], encoding="utf-8")  # drop the closing quote
    found, held, report = findings(lib_root)
    assert [(d.file, d.code) for d in found] == [(rel, "LD010")]
    assert found[0].line == text[: first_term.start()].count("\n") + 1 and "never closed" in found[0].message
    assert sum(held.values()) > 100 and "`data/glossary.yml` does not parse" in report


def test_a_paragraph_numbered_for_another_chapter_is_one_finding(lib_root):
    sub(lib_root, CH2_EN, r"^2\.5 ", "3.5 ")
    found, _, _ = findings(lib_root)
    assert [(d.file, d.line, d.code) for d in found] == [(CH2_EN, line_of(lib_root, CH2_EN, "3.5 "), "PA003")]
    assert "Number it 2.5" in found[0].hint


def test_a_dot_after_a_paragraph_number_is_reported_at_its_line(lib_root):
    sub(lib_root, CH2_EN, r"^2\.2 ", "2.2. ")
    found, _, _ = findings(lib_root)
    assert [(d.file, d.line, d.code) for d in found] == [(CH2_EN, line_of(lib_root, CH2_EN, "2.2. "), "PA007")]


def test_files_that_do_not_load_come_first(lib_root):
    sub(lib_root, "docs/about/index.en.md", r"^# ", "Not closed [[SCOE-99]]\n\n# ")  # XR001 in an early file
    edit(lib_root, "docs/translation-status/index.fr.md", "---\n", "---\nx: [\n", 1)  # LD003 in a late file
    found, _, _ = findings(lib_root)
    assert found[0].code == "LD003" and any(d.code == "XR001" for d in found[1:])


# --- hints that work when pasted ---------------------------------------------------------------------------

@pytest.mark.parametrize("written, code", [
    ("../../glosary/index.md", "LK001"),         # a misspelt folder: the suggestion is relative to the page
    ("/catalogue/", "LK001"),                     # an absolute address: the relative link to that page
    ("chapter-1.fr.md#1.2", "LK003"),            # the language suffix: the link without it
])
def test_link_hints_work_when_pasted(lib_root, written, code):
    edit(lib_root, CH2_FR, "\n2.1 ", f"\nVoir [ce lien]({written}).\n\n2.1 ")
    found, _, _ = findings(lib_root)
    assert [d.code for d in found] == [code], "\n".join(d.format() for d in found)
    edit(lib_root, CH2_FR, f"]({written})", f"]({pasted(found[0].hint)})")
    assert findings(lib_root)[0] == []


def test_an_id_spelt_otherwise_gets_the_id(lib_root):
    edit(lib_root, CH2_EN, "\n2.1 ", "\n2.1 See [[STANAG2437]] and [[scoe 3.0]]. ")
    found, _, _ = findings(lib_root)
    assert [pasted(d.hint) for d in found] == ["[[STANAG 2437]]", "[[SCOE-3.0]]"]


def test_an_unknown_term_offers_the_glossary_entry_to_add_and_it_works(lib_root):
    edit(lib_root, CH2_EN, "\n2.1 ", "\n2.1 The [[xylophone quux]] is new. ")
    (finding,) = findings(lib_root)[0]
    assert finding.code == "XR003" and "add an entry to `data/glossary.yml`" in finding.hint
    skeleton = finding.hint[finding.hint.index("\n- id:") + 1:].replace("…", "Filled in by the author.")
    with (lib_root / "data/glossary.yml").open("a", encoding="utf-8") as f:
        f.write("\n" + skeleton + "\n")
    assert [d.code for d in findings(lib_root)[0]] == []  # `xylophone-quux` is also last in alphabetical order


def test_french_suggestions_are_never_deprecated_terms(lib_root):
    edit(lib_root, CH2_FR, "\n2.1 ", "\n2.1 Voir [[image de la situation spatialle]]. ")
    (finding,) = findings(lib_root)[0]
    assert "image de la situation spatiale" not in finding.hint


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=a@example.org", "-c", "user.name=A", *args], cwd=root, check=True, capture_output=True)


def test_a_duplicate_abbreviation_is_reported_at_the_entry_just_added(lib_root):
    git(lib_root, "init", "-q", "-b", "main")
    git(lib_root, "add", "-A")
    git(lib_root, "commit", "-qm", "library")
    text = (lib_root / "data/glossary.yml").read_text(encoding="utf-8")
    first = text.index("\n- id:") + 1
    new = ('- id: aaa-added-entry\n  status: proposed\n  source: "[[SCOE-1]]"\n  en:\n    term: "added entry"\n'
           '    abbr: ["ADR"]\n    definition: "An entry added on this branch."\n  fr:\n    term: "entrée ajoutée"\n'
           '    definition: "Entrée ajoutée sur cette branche."\n\n')
    (lib_root / "data/glossary.yml").write_text(text[:first] + new + text[first:], encoding="utf-8")
    found, _, _ = findings(lib_root)
    (dup,) = [d for d in found if d.code == "GL002"]
    assert dup.line == text[:first].count("\n") + 6 and "active-debris-removal" in dup.message


# --- the commands say what to do ---------------------------------------------------------------------------

def test_check_names_the_command_for_an_out_of_date_translation(lib_root, capsys):
    sub(lib_root, CH2_EN, r"^(2\.3 )", r"\1Revised: ")
    cli.main(["--root", str(lib_root), "check"])
    out = capsys.readouterr().out
    assert f"out of date: {CH2_FR} (paragraphs 2.3): update it, then run `make translated PAGE={CH2_FR}`" in out


def test_translated_on_a_missing_file_says_it_does_not_exist(lib_root, capsys):
    assert cli.main(["--root", str(lib_root), "translated", "docs/nowhere/page.fr.md"]) == 1
    assert "docs/nowhere/page.fr.md does not exist" in capsys.readouterr().err


def test_new_keeps_codeowners_in_sync_and_lists_every_step(lib_root, capsys):
    assert cli.main(["--root", str(lib_root), "new", "--id", "SCOE-3.2", "--area", "space-domain-awareness",
                     "--title", "EN=Space Weather", "--title", "FR=Météorologie de l'espace"]) == 0
    out = capsys.readouterr().out
    assert "updated .github/CODEOWNERS" in out
    assert "/docs/publications/scoe-3-2-space-weather/" in (lib_root / ".github/CODEOWNERS").read_text()
    assert "make translated PAGE=docs/publications/scoe-3-2-space-weather/chapter-1.fr.md" in out and "make check" in out
    assert [d.code for d in findings(lib_root)[0]] == []


def test_codeowners_out_of_step_with_the_custodians_is_reported(lib_root):
    sub(lib_root, f"{PUB}/index.en.md", r"^custodian: .*$", "custodian: lessons-learned")
    sub(lib_root, f"{PUB}/index.fr.md", r"^custodian: .*$", "custodian: lessons-learned")
    found, _, _ = findings(lib_root)
    assert [(d.file, d.code) for d in found] == [(".github/CODEOWNERS", "FM010")] and "make codeowners" in found[0].hint


def test_make_new_refuses_a_title_without_quotes(lib_root):
    shutil.copy(ROOT / "Makefile", lib_root / "Makefile")
    res = make(lib_root, "new", "Support", ID="SCOE-2.3", AREA="operational-space-support", TITLE_EN="Space", TITLE_FR="Appui")
    assert res.returncode != 0 and 'TITLE_EN="Space Support"' in res.stderr
    assert not (lib_root / "docs/publications/scoe-2-3-space").exists()


def test_glossary_order_is_checked_and_sort_glossary_restores_it(lib_root):
    rel = lib_root / "data/glossary.yml"
    text = rel.read_text(encoding="utf-8")
    blocks = text.split("\n\n- id: ")
    blocks[1], blocks[2] = blocks[2], blocks[1]
    rel.write_text("\n\n- id: ".join(blocks), encoding="utf-8")
    (finding,) = findings(lib_root)[0]
    assert finding.code == "GL009" and "make sort-glossary" in finding.hint
    assert glossaryfile.sorted_text(rel.read_text(encoding="utf-8")) == text
    assert glossaryfile.sorted_text(text) == text  # idempotent


def test_the_guides_table_of_codes_in_the_markdown_is_current():
    assert codestable.stale_guides(ROOT) == [], "run `make codes` and commit the guides"
    for rel in codestable.guides(ROOT).values():
        source = (ROOT / rel).read_text(encoding="utf-8")
        assert "| <span id=\"LD010\">`LD010`</span>" in source  # readable in an editor, not only in the site


def test_the_preview_panel_in_french_marks_the_english_words_of_a_finding_as_english():
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    from scoelib import codes, preview
    found = diagnostics.Diagnostic(file=CH2_FR, line=12, column=3, code=codes.XR001, severity=diagnostics.Severity.ERROR,
                                   message="[[SCOE-9]] names no publication", hint="[[SCOE-1]]")
    panel = HTMLParser(preview.panel(preview.Problems(findings=[found]), "fr"))
    assert panel.css_first(".scoe-preview").attributes["lang"] == "fr"
    item = panel.css_first(".scoe-preview__list li")
    english = [n for n in item.css("[lang=en]") if "names no publication" in n.text()]
    assert english, item.html  # the message is the terminal's, in English: a French screen reader must say so
    assert f"{CH2_FR}:12:3" in item.text() and "XR001" in item.text() and "(erreur)" in item.text()
