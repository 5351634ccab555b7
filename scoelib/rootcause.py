"""One root cause, one finding.

A file that does not load (front matter that does not parse, a data file that is not YAML) is reported
once, first, at its line. What other rules would then say because of it (required keys "missing" from a
front matter that was never read, 718 "unknown terms" because the glossary did not parse, a translation
"not tracked" because its record could not be read) is held back, counted, and named in the summary, so
that an author fixes the cause and runs `make check` again.

Safety findings (SF) and loading findings (LD) are never held back.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from . import codes
from .diagnostics import Diagnostic
from .model import Library

# What depends on each data file, by code (and, for a code shared by several checks, the message's words)
_NEEDS_GLOSSARY = {codes.XR003, codes.XR005, codes.GL002, codes.GL003, codes.GL004, codes.GL005}
_NEEDS_STANDARDS = {codes.XR006, codes.XR007, codes.SR003, codes.GL003}  # GL003 compares with standard ids too


def _reason(lib: Library, d: Diagnostic, broken_pages: set[str], broken_files: set[str]) -> str | None:
    if d.code.startswith(("LD", "SF")):
        return None
    if lib.GLOSSARY in lib.unreadable and d.code in _NEEDS_GLOSSARY:
        return f"`{lib.GLOSSARY}` does not parse"
    if lib.STANDARDS in lib.unreadable and d.code in _NEEDS_STANDARDS:
        return f"`{lib.STANDARDS}` does not parse"
    if lib.CUSTODIANS in lib.unreadable and d.code == codes.FM003 and "custodian" in d.message:
        return f"`{lib.CUSTODIANS}` does not parse"
    if d.file in broken_pages and (d.code.startswith("TR") or d.code == codes.FM007
                                   or (d.file in broken_files and d.code.startswith("FM"))):
        return "a page's front matter does not parse"
    return None


def hold_back(lib: Library, diags: Iterable[Diagnostic]) -> tuple[list[Diagnostic], dict[str, int]]:
    """The findings to show, and how many were held back for each root cause."""
    broken_keys = {page.key for page in lib.pages.values() if page.meta_error}
    # a page whose front matter does not parse, and its other languages (parity and translation records)
    broken_pages = {page.rel for page in lib.pages.values() if page.key in broken_keys}
    broken_files = {page.rel for page in lib.pages.values() if page.meta_error}
    kept: list[Diagnostic] = []
    held: Counter[str] = Counter()
    for d in diags:
        why = _reason(lib, d, broken_pages, broken_files) if (lib.unreadable or broken_pages) else None
        if why is None:
            kept.append(d)
        else:
            held[why] += 1
    return kept, dict(held)
