"""National review, custodian side: `make comments` reads the matrices that came back (the site's CSV, nations'
XLSX, English or French headers), reports each bad row as `file:row: code message` with a hint, refuses marked
rows, and writes one adjudication matrix whose decisions survive a re-run (scoelib/comments.py)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import ENV, ROOT, make
from scoelib import comments, model
from scoelib.codes import CODES

PUB = "SCOE-3.1"
EN = comments.header("en")
FR = comments.header("fr")


def test_headers_are_the_sites_in_both_languages():
    assert ",".join(EN) == "Serial,Originator,Publication,Edition,Version,Language,Paragraph,Type,Comment,Proposed change,Rationale"
    assert FR == ["Numéro", "Émetteur", "Publication", "Édition", "Version", "Langue", "Paragraphe", "Type", "Commentaire",
                  "Modification proposée", "Justification"]


def write_csv(path: Path, head: list[str], rows: list[list[str]], sep: str = ",") -> Path:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=sep, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(head)
    w.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\ufeff" + buf.getvalue(), encoding="utf-8", newline="")
    return path


def write_xlsx(path: Path, head: list[str], rows: list[list[object]], title: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])  # a nation's title line above the header: rows keep the sheet's numbers
    sheet.append(head)
    for r in rows:
        sheet.append(r)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


@pytest.fixture(scope="module")
def lib():
    return model.load(ROOT)[0]


def run(lib, files, out):
    result = comments.consolidate(lib, PUB, files, out)
    return result, [comments.format_diagnostic(d).split("\n")[0] for d in sorted(result.diagnostics, key=lambda d: d.sort_key)]


def test_every_kind_of_bad_row_is_reported_at_its_row(lib, tmp_path):
    fra = write_csv(tmp_path / "reviews/FRA.csv", EN, [
        ["1", "FRA – CDE", PUB, "A", "1", "en", "2.3", "S", "Too vague.", "Say which sensors.", "Clarity."],
        ["2", "FRA – CDE", PUB, "A", "1", "en", "2.37", "E", "Typo.", "", ""],  # unknown paragraph
        ["3", "FRA – CDE", "SCOE-2.1", "A", "1", "en", "2.3", "E", "Other publication.", "", ""],
        ["4", "FRA – CDE", PUB, "A", "1", "en", "2.4", "Q", "Odd type.", "", ""],
        ["5", "FRA – CDE", PUB, "A", "1", "en", "2.5", "G", "  ", "", ""],  # empty comment
        ["6", "FRA – CDE", PUB, "A", "1", "en", "2.3", "S", "Too  vague.", "", ""],  # duplicate of row 2
    ])
    # a French matrix from the site (`;`, French header) and a nation's XLSX with a title line above its header
    bel = write_csv(tmp_path / "reviews/BEL.csv", FR, [
        ["1", "BEL – DGMR", PUB, "A", "1", "fr", "1.2", "C", "Inacceptable en l'état.", "Supprimer.", ""],
        ["2", "BEL – DGMR", PUB, "A", "1", "fr", "1.3", "Rédactionnel", "Coquille.", "", ""],
    ], sep=";")
    deu = write_xlsx(tmp_path / "reviews/DEU.xlsx", EN, [
        [1, "DEU – Bundeswehr", PUB, "A", 1, "en", "3.1", "G", "Good structure.", None, None],
        [2, "DEU – Bundeswehr", PUB, "A", 1, "en", "3.2", "S", "Marked VS-NUR FÜR DEN DIENSTGEBRAUCH here.", None, None],
        [3, "", PUB, "A", 1, "en", "3.3", "E", "Who sent this?", None, None],
        [4, "DEU – Bundeswehr", PUB, "A", 1, "en", 1.1, "E", "A number: 1.1 or 1.10?", None, None],
        [5, "DEU – Bundeswehr", PUB, "A", 1, "en", "3.4", "E", "Fine, but a remark.", None, None, "NATO RESTRICTED"],
    ], title="Comment matrix SCOE-3.1")
    result, lines = run(lib, [fra, bel, deu], tmp_path / "out/adjudication")
    assert f"{fra}:3: RV003 paragraph `2.37` does not exist in SCOE-3.1 (the current text); did you mean 2.7, 2.3 or 2.14?" in lines
    assert f"{fra}:4: RV002 the row comments on `SCOE-2.1`, not on SCOE-3.1" in lines
    assert f"{fra}:5: RV006 `Q` is not a comment type" in lines
    assert f"{fra}:6: RV007 the row has no comment (empty `Comment`)" in lines
    assert f"{fra}:7: RV009 the row repeats another row: same originator, paragraph, type and comment" in lines
    assert (f"{deu}:4: RV010 the `Comment` cell carries the protective marking `VS-NUR FÜR DEN DIENSTGEBRAUCH` (VS-NfD); "
            "the row is refused and not copied") in lines
    assert f"{deu}:5: RV008 the row does not say who sent the comment (empty `Originator`)" in lines
    assert (f"{deu}:6: RV003 the paragraph cell holds the number 1.1, which a spreadsheet also shows for 1.10: "
            "which paragraph is meant?") in lines
    assert (f"{deu}:7: RV010 the `column 12` cell carries the protective marking `NATO RESTRICTED` (NATO security classification); "
            "the row is refused and not copied") in lines
    assert not any(line.startswith(str(bel)) for line in lines), lines  # French header, `;`, French type word: fine
    assert len(lines) == 9, lines
    dup = next(d for d in result.diagnostics if d.code == "RV009")
    assert dup.related == f"{fra}:2" and dup.hint
    assert all(d.hint for d in result.diagnostics)
    assert result.refused == 9 and len(result.comments) == 4

    # the consolidated matrix: valid rows only, sorted by paragraph then originator, marked text never copied
    xlsx, csv_out = result.written
    text = csv_out.read_text(encoding="utf-8")
    assert text.startswith("\ufeff\"Serial\",\"ID\",\"Originator\"") and "DIENSTGEBRAUCH" not in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][-3:] == ["Source", "Decision", "Adjudication rationale"]
    assert [(r[7], r[2], r[8]) for r in rows[1:]] == [("1.2", "BEL – DGMR", "C"), ("1.3", "BEL – DGMR", "E"),
                                                       ("2.3", "FRA – CDE", "S"), ("3.1", "DEU – Bundeswehr", "G")]
    sheet = openpyxl.load_workbook(xlsx).active
    assert [c.value for c in sheet[1]] == rows[0]
    assert [[("" if c.value is None else str(c.value)) for c in r] for r in sheet.iter_rows(min_row=2)] == rows[1:]
    assert "DIENSTGEBRAUCH" not in str([c.value for r in sheet.iter_rows() for c in r]) and "RESTRICTED" not in text


def test_decisions_survive_a_rerun(lib, tmp_path):
    a = write_csv(tmp_path / "r/FRA.csv", EN, [["1", "FRA", PUB, "A", "1", "en", "2.3", "S", "Too vague.", "", ""],
                                                ["2", "FRA", PUB, "A", "1", "en", "1.1", "E", "Typo.", "", ""]])
    out = tmp_path / "r/adjudication"
    result, _ = run(lib, [a], out)
    xlsx, _ = result.written
    book = openpyxl.load_workbook(xlsx)
    sheet = book.active
    head = [c.value for c in sheet[1]]
    by_para = {r[head.index("Paragraph")].value: r for r in sheet.iter_rows(min_row=2)}
    by_para["2.3"][head.index("Decision")].value = "Accepted with amendment"
    by_para["2.3"][head.index("Adjudication rationale")].value = "Sensors named in 2.3."
    by_para["1.1"][head.index("Decision")].value = "Maybe"
    book.save(xlsx)
    # a second nation's matrix arrives; the first one is read again
    b = write_xlsx(tmp_path / "r/DEU.xlsx", FR, [[1, "DEU", PUB, "A", 1, "fr", "1.1", "G", "Bien.", None, None]])
    result, lines = run(lib, [a, b], out)
    got = {(c.paragraph, c.originator): (c.decision, c.adjudication) for c in result.comments}
    assert got == {("1.1", "DEU"): ("", ""), ("1.1", "FRA"): ("Maybe", ""),
                   ("2.3", "FRA"): ("Accepted with amendment", "Sensors named in 2.3.")}
    assert lines == [f"{xlsx}:2: RV011 warning: `Maybe` is not one of the matrix's decisions; kept as written"]
    rows = list(csv.reader(io.StringIO(result.written[1].read_text(encoding="utf-8").lstrip("\ufeff"))))
    assert [r[1:3] + r[-2:] for r in rows[1:]][2][2:] == ["Accepted with amendment", "Sensors named in 2.3."]
    # the French matrix dropped: its comment had no decision; the FRA one removed from the inputs is reported
    write_csv(a, EN, [["1", "FRA", PUB, "A", "1", "en", "1.1", "E", "Typo.", "", ""]])
    result, lines = run(lib, [a], out)
    assert any(" RV012 warning: " in line and "Accepted with amendment" in line for line in lines), lines


def test_formulas_are_never_run(lib, tmp_path):
    a = write_csv(tmp_path / "FRA.csv", EN, [["1", "FRA", PUB, "A", "1", "en", "2.3", "S", "=HYPERLINK(\"http://x\")", "-delete", ""]])
    result, lines = run(lib, [a], tmp_path / "adj")
    assert lines == []
    assert result.comments[0].comment == "=HYPERLINK(\"http://x\")"
    assert '"\'=HYPERLINK(""http://x"")","\'-delete"' in result.written[1].read_text(encoding="utf-8")
    cell = openpyxl.load_workbook(result.written[0]).active["J2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_unreadable_matrices(lib, tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(",".join(EN).encode()
                      + b"\r\n\"1\",\"FRA\",\"SCOE-3.1\",\"A\",\"1\",\"fr\",\"2.3\",\"S\",\"R\xe9vis\xe9\",\"\",\"\"\r\n")
    nohead = write_csv(tmp_path / "nohead.csv", ["a", "b"], [["1", "2"]])
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    _, lines = run(lib, [latin, nohead, fake], tmp_path / "adj")
    assert lines == [f"{fake}:1: RV001 not an XLSX workbook (BadZipFile)",
                     f"{latin}:2: RV001 byte 0xe9 is not UTF-8 (the file was saved in another encoding)",
                     f"{nohead}:1: RV001 no header row: none of the first rows names the matrix's columns"]


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """A repository where SCOE-3.1 went from version 1 to version 2, paragraph 2.14 deleted on the way."""
    root = tmp_path_factory.mktemp("history")
    folder = "docs/publications/scoe-3-1-space-domain-awareness"
    shutil.copytree(ROOT / folder, root / folder)
    shutil.copytree(ROOT / "data", root / "data")
    who = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env={**ENV, **who})

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "version 1")
    index = root / folder / "index.en.md"
    index.write_text(index.read_text(encoding="utf-8").replace("version: 1\n", "version: 2\n", 1), encoding="utf-8")
    chapter = root / folder / "chapter-2.en.md"
    text = chapter.read_text(encoding="utf-8")
    start = text.index("\n2.14 ")
    chapter.write_text(text[:start] + "\n", encoding="utf-8")
    git("commit", "-q", "-am", "version 2")
    return root


def test_paragraph_deleted_since_the_version_commented_on(history, tmp_path):
    lib = model.load(history)[0]
    assert lib.publications[PUB].source.version == 2
    a = write_csv(tmp_path / "FRA.csv", EN, [
        ["1", "FRA", PUB, "A", "1", "en", "2.14", "S", "On the old 2.14.", "", ""],
        ["2", "FRA", PUB, "A", "1", "en", "2.15", "S", "No such paragraph then.", "", ""],
        ["3", "FRA", PUB, "A", "7", "en", "2.1", "S", "Version 7?", "", ""],
        ["4", "FRA", PUB, "A", "2", "en", "2.14", "S", "Gone in version 2.", "", ""],
        ["5", "FRA", PUB, "A", "1", "en", "2.13", "E", "Still there.", "", ""],
    ])
    result, lines = run(lib, [a], tmp_path / "adj")
    assert lines == [
        f"{a}:2: RV004 warning: paragraph 2.14 of edition A, version 1 has been deleted since (current text: edition A, version 2); "
        "the comment is kept",
        f"{a}:3: RV003 paragraph `2.15` does not exist in SCOE-3.1 (edition A, version 1); did you mean 2.5, 2.1 or 2.14?",
        f"{a}:4: RV005 SCOE-3.1 edition A, version 7 is neither the current text (edition A, version 2) nor a version in git's history",
        f"{a}:5: RV003 paragraph `2.14` does not exist in SCOE-3.1 (the current text); did you mean 2.4, 2.1 or 2.13?",
    ]
    assert [(c.paragraph, c.version) for c in result.comments] == [("2.13", "1"), ("2.14", "1")]


def test_make_comments_exit_codes_and_report(tmp_path):
    """The command as custodians run it: wildcards, `file:row: code`, counts, exit 1 on a refused row, 0 otherwise."""
    root = tmp_path / "lib"
    for name in ["docs", "data", "scoelib", "Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml"]:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    (root / ".venv").symlink_to(ROOT / ".venv")
    write_csv(root / "reviews/SCOE-3.1/FRA.csv", EN, [["1", "FRA", PUB, "A", "1", "en", "2.3", "S", "Too vague.", "", ""],
                                                       ["2", "FRA", PUB, "A", "1", "en", "2.4", "C", "Wrong.", "", ""]])
    write_xlsx(root / "reviews/SCOE-3.1/DEU.xlsx", FR, [[1, "DEU", PUB, "A", 1, "fr", "2.3", "E", "Coquille.", None, None]])
    files = "reviews/SCOE-3.1/*.csv reviews/SCOE-3.1/*.xlsx"
    res = make(root, "comments", PUB=PUB, FILES=files)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "3 comments consolidated from 2 matrices (3 rows), 0 refused" in res.stdout
    assert "comments by type: G (general) 0, E (editorial) 1, S (substantive) 1, C (critical) 1" in res.stdout
    assert "comments by paragraph: 2.3 2, 2.4 1" in res.stdout
    assert (root / "reviews/SCOE-3.1/adjudication.xlsx").is_file() and (root / "reviews/SCOE-3.1/adjudication.csv").is_file()
    # re-run: the consolidated CSV matched by the wildcard is not read as a nation's matrix
    write_csv(root / "reviews/SCOE-3.1/ITA.csv", EN, [["1", "ITA", PUB, "A", "1", "en", "9.9", "S", "Where?", "", ""]])
    # the command itself (make adds its own status on top): exit 1 when a row is refused
    res = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "scoelib", "--root", str(root), "comments", "--pub", PUB,
                          *files.split()], check=False, capture_output=True, text=True, env=ENV, cwd=root)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "reviews/SCOE-3.1/ITA.csv:2: RV003 paragraph `9.9` does not exist in SCOE-3.1 (the current text); did you mean 5.9 or 4.9?\n" \
           "    hint: Correct the Paragraph cell with the number the site shows next to the paragraph." in res.stdout
    assert "3 comments consolidated from 3 matrices (4 rows), 1 refused" in res.stdout
    assert "Traceback" not in res.stdout + res.stderr


def test_every_review_code_is_declared_in_both_languages():
    for code in [c for c in CODES if c.startswith("RV")]:
        entry = CODES[code]
        assert entry.summary and entry.fix and entry.summary_fr and entry.fix_fr, code
        assert " :" not in entry.fix_fr + entry.summary_fr and " ;" not in entry.fix_fr + entry.summary_fr, code
