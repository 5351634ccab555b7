"""One diagnostic type for every problem the library can have.

A rule never prints and never raises: it returns `Diagnostic`s. Callers (the command line, the MkDocs
plugin, the tests) collect them all, sort them, print them, then decide whether to fail.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, cast

from .codes import CODES, Code, Severity

__all__ = ["Diagnostic", "Severity", "has_errors", "report", "sort", "summary"]


@dataclass(frozen=True)
class Diagnostic:
    file: str  # path relative to the repository root, with forward slashes
    line: int  # 1-based; 1 when the problem is the file as a whole
    column: int  # 1-based
    code: Code  # a constant of scoelib.codes, e.g. codes.FM001 (a str: "FM001")
    message: str  # what is wrong, in the author's words
    hint: str = ""  # how to fix it
    severity: Severity = field(default=cast(Severity, None))  # the code's, unless given (`check --refuse` raises it)
    related: str = ""  # another location involved, "path:line"

    def __post_init__(self) -> None:
        # a plain string is refused by the type checker; looked up here for the JSON and tests that carry one
        code = self.code if isinstance(self.code, Code) else CODES[self.code]
        object.__setattr__(self, "code", code)
        if self.severity is None:
            object.__setattr__(self, "severity", code.severity)

    @property
    def sort_key(self) -> tuple[object, ...]:
        # files that did not load (LD) are root causes: they come first
        return (not self.code.startswith("LD"), self.file, self.line, self.column, self.code, self.message)

    def format(self) -> str:
        label = "" if self.severity is Severity.ERROR else f"{self.severity.name.lower()}: "
        text = f"{self.file}:{self.line}:{self.column}: {self.code} {label}{self.message}"
        if self.related:
            text += f"\n    see: {self.related}"
        if self.hint:
            text += "\n    hint: " + self.hint.replace("\n", "\n          ")
        return text

    def github(self) -> str:
        """A GitHub Actions workflow command, so the finding lands on the pull request's line."""
        level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(self.severity, "notice")
        msg = f"{self.code} {self.message}" + (f" — {self.hint}" if self.hint else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.file},line={self.line},col={self.column},title={self.code}::{msg}"


def sort(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted, with exact duplicates removed (the same problem found by two paths is shown once)."""
    seen: dict[tuple[object, ...], Diagnostic] = {}
    for d in diags:
        seen.setdefault((d.sort_key, d.severity), d)
    return sorted(seen.values(), key=lambda d: d.sort_key)


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diags)


def summary(diags: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = sum(d.severity is Severity.WARNING for d in diags)
    files = len({d.file for d in diags if d.severity >= Severity.WARNING})

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not errors and not warnings:
        return "No problems found."
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}."


def report(diags: list[Diagnostic], *, min_severity: Severity = Severity.WARNING, held: dict[str, int] | None = None) -> str:
    """The text printed by `make check` and by the build: sorted findings (root causes first), then a
    summary line, then what was held back because of a file that did not load (`scoelib.rootcause`)."""
    shown = [d for d in sort(diags) if d.severity >= min_severity]
    lines = [d.format() for d in shown]
    if os.environ.get("GITHUB_ACTIONS") == "true":
        lines += [d.github() for d in shown]
    lines.append(summary(shown))
    for why, n in sorted((held or {}).items()):
        lines.append(f"{n} more finding{'s' if n != 1 else ''} held back because {why}: fix that first, then check again.")
    return "\n".join(lines)
