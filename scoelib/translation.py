"""Translation workflow: parity, staleness, and the status report.

English is the reference language. A French page records which English text it translates
(`translated_from:` in its front matter, written by `make translated`): a fingerprint of the whole
English page and one of each numbered paragraph. When the English page changes, the French page is
*stale*, and for chapters we know exactly which paragraphs changed. No git history is needed.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import yaml

from . import codes, registry
from .diagnostics import Diagnostic
from .model import Library, Page

UP_TO_DATE, STALE, PENDING, MISSING, UNTRACKED = "up-to-date", "stale", "pending", "missing", "untracked"


@dataclass
class Status:
    key: str
    state: str
    en: Optional[Page]
    fr: Optional[Page]
    stale_paragraphs: list[str] = field(default_factory=list)
    english_changed: Optional[dt.date] = None

    @property
    def section(self) -> str:
        return self.key.split("/")[0] if "/" in self.key else "home"


def status(lib: Library) -> list[Status]:
    out = []
    for key in lib.keys():
        en, fr = lib.page(key, "en"), lib.page(key, "fr")
        if en is None:
            continue  # orphans are reported by the rule
        if en.meta.get("translation") == "pending" and fr is None:
            out.append(Status(key, PENDING, en, None))
        elif fr is None:
            out.append(Status(key, MISSING, en, None))
        else:
            record = fr.meta.get("translated_from")
            if not isinstance(record, dict) or "fingerprint" not in record:
                out.append(Status(key, UNTRACKED, en, fr))
            elif record["fingerprint"] == en.fingerprint:
                out.append(Status(key, UP_TO_DATE, en, fr))
            else:
                old = record.get("paragraphs") or {}
                changed = [p.number for p in en.paragraphs if old.get(p.number) != p.fingerprint]
                out.append(Status(key, STALE, en, fr, changed))
    stale = [st for st in out if st.state == STALE]
    if stale:
        dates = english_change_dates(lib, [st.en for st in stale])
        for st in stale:
            st.english_changed = dates[st.en.rel]
    return out


def english_change_dates(lib: Library, pages: list[Page]) -> dict[str, dt.date]:
    """Date of the last change of each English file: git's last commit date if the file is committed and
    unchanged since, else the file's modification time. Three git commands for all the files."""
    dates: dict[str, dt.date] = {}
    rels = [p.rel for p in pages]

    def git(*args: str) -> str | None:
        res = subprocess.run(["git", *args], cwd=lib.root, capture_output=True, text=True, timeout=30)
        return res.stdout if res.returncode == 0 else None

    try:
        top = git("rev-parse", "--show-toplevel")
        if top:
            # git names files from the top of the repository; the library may sit below it
            prefix = Path(lib.root).resolve().relative_to(Path(top.strip()).resolve()).as_posix()
            prefix = "" if prefix == "." else prefix + "/"
            status_out = git("status", "--porcelain", "-z", "--untracked-files=all", "--", *rels) or ""
            dirty = {entry[3:] for entry in status_out.split("\0") if len(entry) > 3}
            clean = [r for r in rels if prefix + r not in dirty]
            log = git("log", "--format=%x01%cs", "--name-only", "--", *clean) if clean else None
            wanted = {prefix + r: r for r in clean}
            for commit in (log or "").split("\x01")[1:]:
                day, *names = commit.strip().split("\n")
                for name in names:
                    rel = wanted.get(name.strip())
                    if rel and rel not in dates and re.match(r"^\d{4}-\d{2}-\d{2}$", day):
                        dates[rel] = dt.date.fromisoformat(day)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    for page in pages:
        if page.rel not in dates:
            dates[page.rel] = dt.date.fromtimestamp((lib.root / page.rel).stat().st_mtime)
    return dates


@registry.rule(codes.TR001, codes.TR002, codes.TR003, codes.TR004, codes.TR005, codes.TR006)
def rule(lib: Library, index) -> Iterable[Diagnostic]:
    """TR001–TR006."""
    out = []
    for key in lib.keys():
        en, fr = lib.page(key, "en"), lib.page(key, "fr")
        if en is None and fr is not None:
            out.append(Diagnostic(fr.rel, 1, 1, codes.TR005, "this French page has no English source page",
                                  hint=f"Add `{fr.rel[:-6]}.en.md` (English is the reference language) or remove this page."))
        elif en is not None and fr is not None and en.meta.get("translation") == "pending":
            out.append(Diagnostic(en.rel, en.line_of_key("translation"), 1, codes.TR006, "`translation: pending` but the French page exists",
                                  hint="Remove `translation: pending`.", related=fr.rel))
    for st in status(lib):
        if st.state == MISSING:
            out.append(Diagnostic(st.en.rel, 1, 1, codes.TR001, f"no French page `{st.en.rel[:-6]}.fr.md`",
                                  hint="Add the French page, or declare `translation: pending` in this page's front matter: the French site then shows the English text under a banner."))
        elif st.state == PENDING:
            out.append(Diagnostic(st.en.rel, st.en.line_of_key("translation"), 1, codes.TR003, "the French translation is pending"))
        elif st.state == UNTRACKED:
            out.append(Diagnostic(st.fr.rel, 1, 1, codes.TR004, "this page does not record which English text it translates",
                                  hint=f"Once the translation is checked, run `make translated PAGE={st.fr.rel}`."))
        elif st.state == STALE:
            paras = f" (paragraphs {', '.join(st.stale_paragraphs)})" if st.stale_paragraphs else ""
            out.append(Diagnostic(st.fr.rel, st.fr.line_of_key("translated_from"), 1, codes.TR002,
                                  f"the English page changed since this translation{paras}",
                                  hint=f"Update the French text, then run `make translated PAGE={st.fr.rel}`.", related=st.en.rel))
    return out


def summary_lines(statuses: list[Status]) -> list[str]:
    counts = {s: 0 for s in (UP_TO_DATE, STALE, UNTRACKED, PENDING, MISSING)}
    for st in statuses:
        counts[st.state] += 1
    total = len(statuses) or 1
    line = (f"Translations: {counts[UP_TO_DATE]} up to date, {counts[STALE]} out of date, {counts[UNTRACKED]} not tracked, "
            f"{counts[PENDING]} pending, {counts[MISSING]} missing — {100 * counts[UP_TO_DATE] // total}% of {len(statuses)} pages current.")
    lines = [line]
    for st in statuses:
        if st.state == STALE:
            lines.append(f"  out of date: {st.fr.rel}" + (f" (paragraphs {', '.join(st.stale_paragraphs)})" if st.stale_paragraphs else ""))
        elif st.state == PENDING:
            lines.append(f"  pending: {st.en.rel}")
    return lines


def translation_record(en: Page, date: dt.date | str) -> dict:
    """The `translated_from` record of a French page that renders `en` as it is now."""
    rec: dict = {"fingerprint": en.fingerprint, "date": date}
    if en.paragraphs:
        rec["paragraphs"] = {p.number: p.fingerprint for p in en.paragraphs}
    return rec


def record(lib: Library, fr_rel: str, today: Optional[dt.date] = None) -> str:
    """Write the `translated_from` record into a French page; returns a one-line report."""
    fr = next((p for p in lib.pages.values() if p.rel == fr_rel), None)
    if fr is None or fr.lang != "fr":
        raise ValueError(f"{fr_rel} is not a French page of the library (expected docs/…/name.fr.md)")
    en = lib.page(fr.key, "en")
    if en is None:
        raise ValueError(f"{fr_rel} has no English page to record")
    rec = translation_record(en, today or dt.date.today())
    block = yaml.safe_dump({"translated_from": rec}, sort_keys=False, allow_unicode=True, default_flow_style=False)
    text = fr.text
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
        fm = lines[1:end]
        kept, skipping = [], False
        for line in fm:
            if line.startswith("translated_from:"):
                skipping = True
                continue
            if skipping and (line.startswith((" ", "\t")) or not line.strip()):
                continue
            skipping = False
            kept.append(line)
        new = ["---", *kept, *block.rstrip("\n").split("\n"), *lines[end:]]
    else:
        new = ["---", *block.rstrip("\n").split("\n"), "---", "", *lines]
    Path(lib.root / fr_rel).write_text("\n".join(new), encoding="utf-8")
    return f"{fr_rel}: recorded as the translation of {en.rel} ({en.fingerprint}, {len(en.paragraphs)} paragraphs)"
