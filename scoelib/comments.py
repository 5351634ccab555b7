"""National review: the comment matrices that come back from the nations, consolidated for adjudication.

Reviewers comment on numbered paragraphs in the site (docs/assets/scoe-review.js) and export a CSV matrix;
nations also send XLSX matrices. `make comments PUB=SCOE-3.1 FILES="reviews/SCOE-3.1/*.csv …"` reads them
(`consolidate`), reports every bad row as `file:row: code message` (row = the spreadsheet's row number, the
header being row 1), refuses rows carrying a protective marking (the safety gate's own matcher), and writes
one adjudication matrix, XLSX and CSV, sorted by paragraph then originator, with the custodian's decision
and adjudication rationale kept across runs (matched by the comment's `ID`).

The column names are the interface strings `review.col.*` of the catalogue (scoelib/locales/), the same the
site writes into its CSV header, in English or French. Plain Python: no MkDocs.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from . import codes, registry, safety, ui
from .diagnostics import Diagnostic, Severity
from .model import Library, Publication, paragraphs_by_version

# What `make comments` reports on the review matrices (a producer of diagnostics, not a rule: scoelib/registry.py)
registry.producer("comments.consolidate", codes.RV001, codes.RV002, codes.RV003, codes.RV004, codes.RV005, codes.RV006, codes.RV007,
                  codes.RV008, codes.RV009, codes.RV010, codes.RV011, codes.RV012)

# The matrix's columns, in order: the catalogue keys `review.col.<name>`.
COLUMNS = ["serial", "originator", "publication", "edition", "version", "language", "paragraph", "type", "comment",
           "proposed", "rationale"]
REQUIRED = ["originator", "paragraph", "type", "comment"]
# The consolidated matrix adds these (catalogue keys `review.col.<name>` too).
ADJUDICATION = ["source", "decision", "adjudication"]
TYPES = ["G", "E", "S", "C"]
DECISIONS = ["accepted", "amended", "rejected", "noted"]  # `review.decision.<name>`
WORKING = ui.REFERENCE  # the custodian's working language: the adjudication matrix's and the messages'
MAX_BYTES = 20_000_000
HEADER_SEARCH_ROWS = 10  # a nation's sheet may have a title block above the header


def _catalogue() -> ui.Catalogue:
    return ui.package_catalogue()


def _languages() -> list[str]:
    """Headers and type words are recognised in every language of the catalogue."""
    return _catalogue().languages


def header(lang: str) -> list[str]:
    """The header row of a reviewer's matrix in `lang` (what the site's export writes)."""
    return [_catalogue().t(f"review.col.{c}", lang) for c in COLUMNS]


CONSOLIDATED = ["serial", "id"] + COLUMNS[1:] + ADJUDICATION


def consolidated_header() -> list[str]:
    """The adjudication matrix's header, in the custodian's working language (the catalogue's reference one)."""
    return [_catalogue().t(f"review.col.{c}", WORKING) for c in CONSOLIDATED]


def _fold(text: str) -> str:
    """Header and type cells compared without case, accents, spaces or punctuation."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]", "", text)


def _header_map() -> dict[str, str]:
    cat = _catalogue()
    out = {}
    for lang in _languages():
        for c in COLUMNS + ADJUDICATION + ["id"]:
            out[_fold(cat.t(f"review.col.{c}", lang))] = c
    return out


def _type_words() -> dict[str, str]:
    cat = _catalogue()
    out = {_fold(code): code for code in TYPES}
    for lang in _languages():
        for code in TYPES:
            out[_fold(cat.t(f"review.type.{code}", lang))] = code
    return out


def _decision_words() -> dict[str, str]:
    cat = _catalogue()
    return {_fold(cat.t(f"review.decision.{d}", lang)): d for lang in _languages() for d in DECISIONS}


_FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?=\S))")


def protect(text: str) -> str:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe (as the site's export does)."""
    return "'" + text if _FORMULA.match(text) else text


def unprotect(text: str) -> str:
    return text[1:] if text.startswith("'") and _FORMULA.match(text[1:]) else text


@dataclass
class Row:
    file: str
    row: int  # the spreadsheet's row number
    values: dict[str, str]
    others: dict[str, str] = field(default_factory=dict)  # cells of columns the matrix does not have, by header

    @property
    def where(self) -> str:
        return f"{self.file}:{self.row}"


@dataclass
class Comment:
    """A valid row, normalised, ready for the consolidated matrix."""

    id: str
    originator: str
    publication: str
    edition: str
    version: str
    language: str
    paragraph: str
    type: str
    comment: str
    proposed: str
    rationale: str
    source: str
    decision: str = ""
    adjudication: str = ""

    def cells(self, serial: int) -> list[str]:
        return [str(serial), self.id, self.originator, self.publication, self.edition, self.version, self.language,
                self.paragraph, self.type, self.comment, self.proposed, self.rationale, self.source, self.decision,
                self.adjudication]


@dataclass
class Result:
    comments: list[Comment] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    refused: int = 0
    read: int = 0  # rows read, valid or not
    files: int = 0
    written: tuple[Path, ...] = ()  # the consolidated matrix, XLSX and CSV


def _diag(where: Row | tuple[str, int], code: codes.Code, message: str, hint: str = "", related: str = "") -> Diagnostic:
    file, row = (where.file, where.row) if isinstance(where, Row) else where
    return Diagnostic(file, row, 0, code, message, hint=hint, related=related)


def format_diagnostic(d: Diagnostic) -> str:
    """`file:row: code message`, then the hint, as `make check` prints its findings."""
    label = "" if d.severity is Severity.ERROR else f"{d.severity.name.lower()}: "
    text = f"{d.file}:{d.line}: {d.code} {label}{d.message}"
    if d.related:
        text += f"\n    see: {d.related}"
    if d.hint:
        text += f"\n    hint: {d.hint}"
    return text


# --- reading matrices -------------------------------------------------------------------------------------


NUMBER = "\x00number"  # suffix of an XLSX cell that held a number, not text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unprotect(str(value).replace("\r\n", "\n").strip())


def _table(path: Path, rel: str) -> tuple[list[tuple[int, list[str]]], list[Diagnostic]]:
    """(row number, cells) of every row of the file's first sheet (CSV: the file)."""
    hint = "Send the matrix as the site exports it (CSV) or as an XLSX workbook."
    try:
        size = path.stat().st_size
    except OSError as exc:
        return [], [_diag((rel, 1), codes.RV001, f"cannot read the file: {exc.strerror}", hint)]
    if size > MAX_BYTES:
        return [], [_diag((rel, 1), codes.RV001,
                          f"the file is {size // 1_000_000} MB; a matrix over {MAX_BYTES // 1_000_000} MB is refused", hint)]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            return [], [_diag((rel, line), codes.RV001,
                              f"byte 0x{data[exc.start]:02x} is not UTF-8 (the file was saved in another encoding)",
                              "Save it again as “CSV UTF-8” (Excel) or with the character set Unicode (UTF-8) (LibreOffice).")]
        first = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first.count)  # the French export uses `;`, as French spreadsheets do
        rows = []
        try:
            for n, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
                rows.append((n, [_cell(c) for c in cells]))
        except csv.Error as exc:
            return rows, [_diag((rel, len(rows) + 1), codes.RV001, f"not a well-formed CSV file: {exc}", hint)]
        return rows, []
    if suffix in (".xlsx", ".xlsm"):
        import zipfile

        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            return [], [_diag((rel, 1), codes.RV001, f"not an XLSX workbook ({type(exc).__name__})", hint)]
        try:
            sheet = book.worksheets[0]
            # a number typed in a cell ("2.10" stored as 2.1) is marked, so that the paragraph's check can tell
            rows = [(n, [_cell(c) + (NUMBER if isinstance(c, float) else "") for c in cells])
                    for n, cells in enumerate(sheet.iter_rows(values_only=True), 1)]
        finally:
            book.close()
        return rows, []
    return [], [_diag((rel, 1), codes.RV001, f"`{path.suffix or path.name}` is not a matrix format this command reads", "Use CSV or XLSX.")]


def read_matrix(path: Path, rel: str) -> tuple[list[Row], list[Diagnostic]]:
    """The data rows of a matrix, keyed by column name, and the problems of the file as a whole."""
    table, diags = _table(path, rel)
    if diags and not table:
        return [], diags
    head = _header_row(table)
    if head is None:
        return [], diags + [_diag((rel, 1), codes.RV001, "no header row: none of the first rows names the matrix's columns",
                                  "The first row is the header: " + ", ".join(header(WORKING)) + " (or its French translation).")]
    i, found = head
    missing = [c for c in REQUIRED if c not in found.values()]
    if missing:
        columns = ", ".join(f"`{_catalogue().t('review.col.' + c, WORKING)}`" for c in missing)
        return [], diags + [_diag((rel, table[i][0]), codes.RV001, "the header has no column " + columns,
                                  "Add the missing columns: " + ", ".join(header(WORKING)) + ".")]
    rows = []
    for m, cells in table[i + 1:]:
        values = {found[j]: c for j, c in enumerate(cells) if j in found}
        head_cells = table[i][1]
        others = {(head_cells[j] if j < len(head_cells) and head_cells[j] else f"column {j + 1}"): c.removesuffix(NUMBER)
                  for j, c in enumerate(cells) if j not in found and c}
        numbers = {k for k, c in values.items() if c.endswith(NUMBER)}
        values = {k: c.removesuffix(NUMBER) for k, c in values.items()}
        if "paragraph" in numbers:
            values["paragraph_is_number"] = "1"
        if not any(values.get(c) for c in COLUMNS):
            continue  # an empty row
        rows.append(Row(rel, m, values, others))
    return rows, diags


def _header_row(table: list[tuple[int, list[str]]]) -> Optional[tuple[int, dict[int, str]]]:
    """The index of the header among the first rows (the first that names two required columns), and the
    column name of each of its cells that names a column."""
    names = _header_map()
    for i, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        found = {j: names[_fold(c)] for j, c in enumerate(cells) if _fold(c) in names}
        if len(set(found.values()) & set(REQUIRED)) >= 2:
            return i, found
    return None


# --- checking rows ----------------------------------------------------------------------------------------


def _para_key(number: str) -> tuple[int, int]:
    a, _, b = number.partition(".")
    return (int(a), int(b)) if a.isdigit() and b.isdigit() else (10**9, 10**9)


def _near(number: str, known: list[str]) -> list[str]:
    """The numbers a reviewer most probably meant: the closest spellings, then the nearest in that chapter."""
    out = difflib.get_close_matches(number, known, n=2, cutoff=0.6)
    m = re.match(r"^(\d+)\D+(\d+)$", number)
    if m:
        written = f"{int(m.group(1))}.{int(m.group(2))}"  # "2,37", "2-37", "02.37"
        if written in known:
            out.insert(0, written)
        chapter = [k for k in known if k.split(".")[0] == str(int(m.group(1)))]
        target = int(m.group(2))
        out += sorted(chapter, key=lambda k: abs(int(k.split(".")[1]) - target))[:1]
    return list(dict.fromkeys(out))[:3]


def _alternatives(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _key(originator: str, paragraph: str, type_: str, comment: str) -> str:
    norm = "\x1f".join(" ".join(x.split()).casefold() for x in (originator, paragraph, type_, comment))
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:8].upper()


class _Checker:
    def __init__(self, lib: Library, pub: Publication):
        self.lib, self.pub = lib, pub
        self.current = (pub.source.edition, pub.source.version)
        self.numbers = pub.paragraph_numbers()
        self._history: Optional[dict[tuple[str, int], list[str]]] = None
        self.types = _type_words()
        self.seen: dict[str, Row] = {}

    def history(self) -> dict[tuple[str, int], list[str]]:
        if self._history is None:
            self._history = paragraphs_by_version(self.lib.root, self.pub)
        return self._history

    def check(self, row: Row) -> tuple[Optional[Comment], list[Diagnostic]]:
        v = row.values
        # the safety gate first: a marked row is named and never copied
        out = self._markings(row)
        if out:
            return None, out
        out += self._cells(row)
        originator = " ".join(v.get("originator", "").split())
        comment = v.get("comment", "").strip()
        type_ = self.types.get(_fold(v.get("type", "")), "")
        edition = v.get("edition", "").strip().upper() or self.current[0]
        version_cell = v.get("version", "").strip() or str(self.current[1])
        paragraph = v.get("paragraph", "").strip()
        version: Optional[tuple[str, int]] = (edition, int(version_cell)) if version_cell.isdigit() else None
        known = self._known(row, version, edition, version_cell, out)
        deleted = self._paragraph(row, paragraph, known, version, edition, version_cell, out)
        errors = [d for d in out if d.severity is Severity.ERROR]
        key = _key(originator, paragraph, type_, comment)
        if not errors:
            first = self.seen.get(key)
            if first is not None:
                errors.append(_diag(row, codes.RV009, "the row repeats another row: same originator, paragraph, type and comment",
                                    "Delete one of the two rows.", related=first.where))
                out.append(errors[-1])
            else:
                self.seen[key] = row
        if deleted:
            out.append(_diag(row, codes.RV004, f"paragraph {paragraph} of edition {edition}, version {version_cell} has been "
                             f"deleted since (current text: edition {self.current[0]}, version {self.current[1]}); the comment is kept",
                             "Adjudicate it against the current text (often Noted) and tell the originator where the text went."))
        if errors:
            return None, out
        return Comment(key, originator, self.pub.id, edition, version_cell, v.get("language", "").strip().lower(), paragraph, type_,
                       comment, v.get("proposed", "").strip(), v.get("rationale", "").strip(), row.where), out

    def _markings(self, row: Row) -> list[Diagnostic]:
        """RV010 for each cell that carries a protective marking."""
        out: list[Diagnostic] = []
        cells = ([(_catalogue().t("review.col." + k, WORKING), t) for k, t in row.values.items() if k in COLUMNS]
                 + list(row.others.items()))
        for column, text in cells:
            for _, _, name, matched in safety.find_markings(text):
                out.append(_diag(row, codes.RV010, f"the `{column}` cell carries the protective marking `{matched}` ({name}); "
                                 "the row is refused and not copied",
                                 "Ask the originator for a public version of the comment; this library handles public material only."))
        return out

    def _cells(self, row: Row) -> list[Diagnostic]:
        """The publication, originator, comment and type cells: another publication, or empty or unknown values."""
        v = row.values
        out: list[Diagnostic] = []
        pub_cell = v.get("publication", "")
        if pub_cell and _fold(pub_cell) != _fold(self.pub.id):
            out.append(_diag(row, codes.RV002, f"the row comments on `{pub_cell}`, not on {self.pub.id}",
                             f"Move the row to the matrix of {pub_cell}, or write `{self.pub.id}` in the Publication cell."))
        if not " ".join(v.get("originator", "").split()):
            out.append(_diag(row, codes.RV008, "the row does not say who sent the comment (empty `Originator`)",
                             "Fill in the nation or organization, and a name or post."))
        if not v.get("comment", "").strip():
            out.append(_diag(row, codes.RV007, "the row has no comment (empty `Comment`)", "Write the comment, or delete the row."))
        type_cell = v.get("type", "")
        if not self.types.get(_fold(type_cell), ""):
            out.append(_diag(row, codes.RV006, f"`{type_cell}` is not a comment type" if type_cell else "the row has no comment type",
                             "Write G (general), E (editorial), S (substantive) or C (critical)."))
        return out

    def _known(self, row: Row, version: Optional[tuple[str, int]], edition: str, version_cell: str,
               out: list[Diagnostic]) -> list[str]:
        """The paragraph numbers of the version the row comments on; RV005 (in `out`) if there is no such version."""
        if version == self.current:
            return self.numbers
        if version is not None and version in self.history():
            return self.history()[version]
        out.append(_diag(row, codes.RV005, f"{self.pub.id} edition {edition}, version {version_cell} is neither the current text "
                         f"(edition {self.current[0]}, version {self.current[1]}) nor a version in git's history",
                         f"Correct the Edition and Version cells; the current ones are {self.current[0]} and {self.current[1]}."))
        return []

    def _paragraph(self, row: Row, paragraph: str, known: list[str], version: Optional[tuple[str, int]], edition: str,
                   version_cell: str, out: list[Diagnostic]) -> bool:
        """Check the paragraph cell (RV003 in `out`); True if it names a paragraph deleted since that version."""
        if not paragraph:
            out.append(_diag(row, codes.RV003, "the row has no paragraph number",
                             f"Write the number of the paragraph commented on, as the site shows it ({(self.numbers or ['1.1'])[0]})."))
            return False
        if not known:
            return False
        # "2.1" typed as a number also stands for 2.10, 2.100: the spreadsheet dropped the zeros
        longer = next((k for k in known if k != paragraph and k.startswith(paragraph) and not k[len(paragraph):].strip("0")), None)
        if row.values.get("paragraph_is_number") and longer is not None:
            out.append(_diag(row, codes.RV003, f"the paragraph cell holds the number {paragraph}, which a spreadsheet also shows "
                             f"for {longer}: which paragraph is meant?",
                             "Format the Paragraph column as Text and type the number again (2.10 stays 2.10)."))
            return False
        if paragraph not in known:
            near = _near(paragraph, known)
            label = "the current text" if version == self.current else f"edition {edition}, version {version_cell}"
            out.append(_diag(row, codes.RV003, f"paragraph `{paragraph}` does not exist in {self.pub.id} ({label})"
                             + (f"; did you mean {_alternatives(near)}?" if near else ""),
                             "Correct the Paragraph cell with the number the site shows next to the paragraph."))
            return False
        return version != self.current and paragraph not in self.numbers


# --- the consolidated matrix ------------------------------------------------------------------------------


def outputs(root: Path, pub_id: str, out: Optional[Path] = None) -> tuple[Path, Path]:
    """Where the consolidated matrix is written: reviews/<PUB>/adjudication.{xlsx,csv} (never under docs/)."""
    base = Path(out) if out else Path(root) / "reviews" / pub_id / "adjudication"
    base = base.with_suffix("") if base.suffix in (".xlsx", ".csv") else base
    return base.with_suffix(".xlsx"), base.with_suffix(".csv")


def _previous(paths: Iterable[Path], root: Path) -> tuple[dict[str, tuple[str, str, str]], list[Diagnostic]]:
    """Decisions already made: ID -> (decision, adjudication rationale, where). Both files are written alike at
    each run; the custodian fills in one of them, so the one changed last is read."""
    found: dict[str, tuple[str, str, str]] = {}
    existing = sorted((p for p in paths if p.exists()), key=lambda p: p.stat().st_mtime_ns)
    if not existing:
        return found, []
    rows, diags = read_matrix(existing[-1], _rel(root, existing[-1]))
    for row in rows:
        v = row.values
        key = v.get("id") or _key(" ".join(v.get("originator", "").split()), v.get("paragraph", ""),
                                  _type_words().get(_fold(v.get("type", "")), ""), v.get("comment", "").strip())
        found.setdefault(key, (v.get("decision", ""), v.get("adjudication", ""), row.where))
    return found, diags


def _rel(root: Path, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def consolidate(lib: Library, pub_id: str, files: list[Path], out: Optional[Path] = None) -> Result:
    """Read the matrices, check every row, carry the decisions over, write the consolidated matrix."""
    result = Result()
    root = lib.root
    pub = lib.publications.get(pub_id) or next((p for p in lib.publications.values() if _fold(p.id) == _fold(pub_id)), None)
    if pub is None:
        near = difflib.get_close_matches(pub_id, sorted(lib.publications), n=1)
        result.diagnostics.append(_diag(("PUB", 1), codes.RV002,
                                        f"there is no publication `{pub_id}`" + (f"; did you mean {near[0]}?" if near else ""),
                                        "PUB= takes a publication id such as SCOE-3.1."))
        result.refused = 1
        return result
    xlsx_out, csv_out = outputs(root, pub.id, out)
    checker = _Checker(lib, pub)
    skip = {xlsx_out.resolve(), csv_out.resolve()}
    for path in files:
        if Path(path).resolve() in skip:
            continue  # the consolidated matrix itself, matched by a wildcard in FILES
        rel = _rel(root, path)
        rows, problems = read_matrix(Path(path), rel)
        result.files += 1
        result.diagnostics += problems
        result.refused += sum(d.severity is Severity.ERROR for d in problems)
        for row in rows:
            result.read += 1
            comment, diags = checker.check(row)
            result.diagnostics += diags
            if comment is None:
                result.refused += 1
            else:
                result.comments.append(comment)
    previous, problems = _previous([xlsx_out, csv_out], root)
    result.diagnostics += problems
    decisions = _decision_words()
    cat = _catalogue()
    ids = {c.id for c in result.comments}
    for c in result.comments:
        if c.id in previous:
            decision, why, where = previous[c.id]
            c.adjudication = why
            known = decisions.get(_fold(decision))
            c.decision = cat.t(f"review.decision.{known}", WORKING) if known else decision
            if decision and not known:
                file, _, line = where.rpartition(":")
                result.diagnostics.append(_diag((file, int(line)), codes.RV011,
                                                f"`{decision}` is not one of the matrix's decisions; kept as written",
                                                "Write " + ", ".join(cat.t(f"review.decision.{d}", WORKING) for d in DECISIONS) + "."))
    for key, (decision, why, where) in sorted(previous.items(), key=lambda kv: kv[1][2]):
        if key not in ids and (decision or why):
            file, _, line = where.rpartition(":")
            result.diagnostics.append(_diag((file, int(line)), codes.RV012, f"comment {key} was adjudicated (`{decision}`) but is in "
                                            "none of the matrices read; its row is dropped",
                                            "Add its originator's matrix to FILES again if the comment still stands."))
    result.comments.sort(key=lambda c: (_para_key(c.paragraph), c.paragraph, c.originator.casefold(), c.source))
    write_xlsx(xlsx_out, result.comments)
    write_csv(csv_out, result.comments)
    result.written = (xlsx_out, csv_out)
    return result


def write_csv(path: Path, comments: list[Comment]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(consolidated_header())
    for n, c in enumerate(comments, 1):
        writer.writerow([protect(x) for x in c.cells(n)])
    path.write_text("\ufeff" + buf.getvalue(), encoding="utf-8", newline="")


def write_xlsx(path: Path, comments: list[Comment]) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    cat = _catalogue()
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = cat.t("review.sheet", WORKING)
    head = consolidated_header()
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"comment": 60, "proposed": 45, "rationale": 40, "adjudication": 45, "originator": 24, "decision": 24, "source": 28}
    names = CONSOLIDATED
    for n, c in enumerate(comments, 1):
        sheet.append(c.cells(n))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for j, name in enumerate(names, 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(j)].width = widths.get(name, 11)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    choices = ",".join(cat.t(f"review.decision.{d}", WORKING) for d in DECISIONS)
    col = openpyxl.utils.get_column_letter(names.index("decision") + 1)
    rule = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=False)
    rule.add(f"{col}2:{col}{max(len(comments) + 1, 2) + 500}")
    sheet.add_data_validation(rule)
    book.save(path)


def counts(comments: list[Comment]) -> list[str]:
    """The summary printed after the diagnostics: per type, then per paragraph."""
    cat = _catalogue()
    by_type = {t: sum(c.type == t for c in comments) for t in TYPES}
    lines = ["comments by type: " + ", ".join(f"{t} ({cat.t(f'review.type.{t}', WORKING).lower()}) {by_type[t]}" for t in TYPES)]
    paras: dict[str, int] = {}
    for c in comments:
        paras[c.paragraph] = paras.get(c.paragraph, 0) + 1
    by_paragraph = ", ".join(f"{p} {n}" for p, n in sorted(paras.items(), key=lambda kv: _para_key(kv[0])))
    lines.append("comments by paragraph: " + (by_paragraph or "none"))
    return lines


# --- command line: `make comments PUB=… FILES="…"` ---------------------------------------------------------


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("comments", help="consolidate the national review's comment matrices into an adjudication matrix")
    p.add_argument("--pub", required=True, help="the publication reviewed, e.g. SCOE-3.1")
    p.add_argument("--out", default=None, help="the consolidated matrix, without extension (default reviews/<PUB>/adjudication)")
    p.add_argument("files", nargs="*", help="the matrices that came back (CSV, XLSX); wildcards allowed")
    p.set_defaults(func=cmd_comments)


def _expand(root: Path, names: list[str]) -> tuple[list[Path], list[str]]:
    import glob

    found: list[Path] = []
    unmatched: list[str] = []
    for name in names:
        path = Path(name) if Path(name).is_absolute() or Path(name).exists() else root / name
        if path.exists():
            found.append(path)
            continue
        matches = sorted(glob.glob(str(path))) if any(ch in name for ch in "*?[") else []
        if matches:
            found += [Path(m) for m in matches]
        else:
            unmatched.append(name)
    return list(dict.fromkeys(found)), unmatched


def cmd_comments(args: argparse.Namespace) -> int:
    from . import diagnostics, model

    root = Path(args.root).resolve()
    files, unmatched = _expand(root, args.files)
    for name in unmatched:
        print(f"{name}: no such file (wildcards are matched from the repository's root)")
    if not files:
        print('usage: make comments PUB=SCOE-3.1 FILES="reviews/SCOE-3.1/*.csv reviews/SCOE-3.1/*.xlsx"')
        return 2
    lib, _ = model.load(root)
    if not any(_fold(p) == _fold(args.pub) for p in lib.publications):
        near = difflib.get_close_matches(args.pub, sorted(lib.publications), n=1)
        print(f"there is no publication `{args.pub}`" + (f"; did you mean {near[0]}?" if near else "")
              + " PUB= takes a publication id such as SCOE-3.1.")
        return 2
    result = consolidate(lib, args.pub, files, Path(args.out) if args.out else None)
    found = diagnostics.sort(result.diagnostics)
    for d in found:
        print(format_diagnostic(d))
    if not result.written:
        return 1
    xlsx_out, csv_out = result.written
    print(f"{len(result.comments)} comment{'s' if len(result.comments) != 1 else ''} consolidated from {result.files} "
          f"matri{'ces' if result.files != 1 else 'x'} ({result.read} rows), {result.refused} refused; "
          f"decisions kept: {sum(bool(c.decision or c.adjudication) for c in result.comments)}")
    print(f"written: {_rel(root, xlsx_out)} and {_rel(root, csv_out)} (not published: keep them out of docs/)")
    for line in counts(result.comments):
        print(line)
    return 1 if unmatched or result.refused or diagnostics.has_errors(found) else 0
