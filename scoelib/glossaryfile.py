"""`make sort-glossary`: the entries of `data/glossary.yml` in alphabetical order of `id`.

The file is rearranged as text, entry by entry, so that comments, quotes and line breaks stay as the
authors wrote them; the result is checked to hold exactly the same entries before it is written.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

GLOSSARY = "data/glossary.yml"
_ENTRY_START = re.compile(r"^- ")
_ID = re.compile(r"^-?\s*id:\s*[\"']?(?P<id>[^\"'\s#]+)")


def sorted_text(text: str) -> str:
    """The same YAML text with its top-level entries in alphabetical order of `id`; raises ValueError
    when the file does not parse or an entry has no `id` line."""
    try:
        before = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"{GLOSSARY} does not parse; fix it first (`make check` shows where): {exc}") from None
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _ENTRY_START.match(line)]
    if not starts:
        return text
    # comment lines just above an entry belong to it
    bounds = []
    for i in starts:
        j = i
        while j > 0 and lines[j - 1].startswith("#") and (j - 1) not in starts:
            j -= 1
        bounds.append(j)
    header = lines[: bounds[0]]
    chunks = []
    for k, start in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else len(lines)
        chunk = lines[start:end]
        while chunk and not chunk[-1].strip():
            chunk.pop()
        entry_id = next((m.group("id") for line in chunk[:8]
                         if (m := _ID.match(line.strip() if not line.startswith("- ") else line))), None)
        if entry_id is None:
            raise ValueError(f"{GLOSSARY}:{starts[k] + 1}: this entry has no `id:` line near its start")
        chunks.append((entry_id, chunk))
    chunks.sort(key=lambda c: c[0])
    while header and not header[-1].strip():
        header.pop()
    out = header + ([""] if header else [])
    for n, (_, chunk) in enumerate(chunks):
        out += chunk + ([""] if n + 1 < len(chunks) else [])
    result = "\n".join(out) + "\n"
    after = yaml.safe_load(result)
    key = lambda e: str(e.get("id")) if isinstance(e, dict) else ""  # noqa: E731
    if sorted(before or [], key=key) != sorted(after or [], key=key):  # pragma: no cover - a safety net
        raise ValueError(f"{GLOSSARY}: sorting would change the entries; sort it by hand")
    return result


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sort-glossary", help=f"put the entries of {GLOSSARY} in alphabetical order of id")
    p.set_defaults(func=_cmd)


def _cmd(args: argparse.Namespace) -> int:
    path = Path(args.root) / GLOSSARY
    text = path.read_text(encoding="utf-8")
    try:
        result = sorted_text(text)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if result == text:
        print(f"{GLOSSARY} is already in order.")
        return 0
    path.write_text(result, encoding="utf-8")
    print(f"{GLOSSARY}: entries put in alphabetical order of id (nothing else changed).")
    return 0
