"""Hostile and malformed input: each case is dropped into a fresh copy of the real library, then
`make check` and `make build` run as an author would run them. Both must fail (or pass, for the
legitimate cases) naming the file and line, and never with a Python traceback."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import build, check, copy_library

CHAPTER = "docs/publications/scoe-2-1-operational-space-support/chapter-1.en.md"
CHAPTER_FR = "docs/publications/scoe-2-1-operational-space-support/chapter-1.fr.md"
INDEX = "docs/publications/scoe-2-1-operational-space-support/index.en.md"


def append(rel: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return apply


def new_file(rel: str, content) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return apply


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def last_line(rel: str) -> Callable[[Path], int]:
    return lambda root: len((root / rel).read_text(encoding="utf-8").rstrip("\n").split("\n"))


@dataclass
class Case:
    name: str
    apply: Callable[[Path], None]
    file: str = ""  # expected in the messages ("" for legitimate input)
    code: str = ""
    line: Callable[[Path], int] | int | None = None
    render_time: bool = False  # caught only in the rendered HTML (make check cannot see it)


def duplicate_id(root: Path) -> None:
    src = root / "docs/publications/scoe-2-1-operational-space-support"
    dst = root / "docs/publications/scoe-2-1-copy"
    dst.mkdir()
    for lang in ("en", "fr"):
        (dst / f"index.{lang}.md").write_text((src / f"index.{lang}.md").read_text(encoding="utf-8"), encoding="utf-8")


CASES = [
    # protective markings, every family, wherever they hide
    Case("nato-marking-in-body", append(CHAPTER, "This annex is NATO SECRET."), CHAPTER, "SF001", last_line(CHAPTER)),
    Case("cosmic-in-code-block", append(CHAPTER, "```\nCOSMIC TOP SECRET\n```"), CHAPTER, "SF001", lambda r: last_line(CHAPTER)(r) - 1),
    Case("marking-in-front-matter", replace(CHAPTER, "chapter: 1", "chapter: 1\ndescription: Diffusion Restreinte"), CHAPTER, "SF001", 3),
    Case("marking-in-alt-text", append(CHAPTER_FR, "![Confidentiel Défense](../../assets/favicon.svg)"), CHAPTER_FR, "SF001", last_line(CHAPTER_FR)),
    Case("swallowed-metadata-lines", new_file("docs/hidden.en.md", "Classification: NATO RESTRICTED\n\n# Hidden\n"), "docs/hidden.en.md", "SF001", 1),
    Case("marking-in-glossary", replace("data/glossary.yml", "definition:", "definition: NOFORN."), "data/glossary.yml", "SF001"),
    Case("rel-to-in-french", append(CHAPTER_FR, "Texte REL TO FRA."), CHAPTER_FR, "SF001", last_line(CHAPTER_FR)),
    Case("official-sensitive", append(CHAPTER, "OFFICIAL-SENSITIVE"), CHAPTER, "SF001", last_line(CHAPTER)),
    Case("national-marking", append(CHAPTER, "Marked VS-NfD by the originator."), CHAPTER, "SF001", last_line(CHAPTER)),
    Case("speciale-france", append(CHAPTER_FR, "Mention spécial France."), CHAPTER_FR, "SF001", last_line(CHAPTER_FR)),
    Case("fouo", append(CHAPTER, "(FOUO) text"), CHAPTER, "SF001", last_line(CHAPTER)),
    # active content
    Case("script", append(CHAPTER, "<script>alert(1)</script>"), CHAPTER, "SF002", last_line(CHAPTER)),
    Case("iframe", append(CHAPTER, '<iframe src="https://example.org/"></iframe>'), CHAPTER, "SF002", last_line(CHAPTER)),
    Case("object-embed", append(CHAPTER, '<object data="x.swf"></object>'), CHAPTER, "SF002", last_line(CHAPTER)),
    Case("form", append(CHAPTER, '<form action="https://example.org/"><input name="q"></form>'), CHAPTER, "SF002", last_line(CHAPTER)),
    Case("base-meta", append(CHAPTER, '<meta http-equiv="refresh" content="0;url=https://example.org/">'), CHAPTER, "SF002", last_line(CHAPTER)),
    Case("event-handler", append(CHAPTER, '<img src="../../assets/favicon.svg" alt="x" onerror="alert(1)">'), CHAPTER, "SF003", last_line(CHAPTER)),
    Case("attr-list-handler", append(CHAPTER, 'A paragraph.\n{: onmouseover="alert(1)" }'), CHAPTER, "SF003", last_line(CHAPTER)),
    Case("javascript-link", append(CHAPTER, "[click me](javascript:alert(document.cookie))"), CHAPTER, "SF004", last_line(CHAPTER)),
    Case("data-link", append(CHAPTER, "[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"), CHAPTER, "SF004", last_line(CHAPTER)),
    Case("svg-script", append(CHAPTER, '<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>'), CHAPTER, "SF002", last_line(CHAPTER)),
    Case("style-url", append(CHAPTER, '<span style="background:url(https://example.org/t.png)">x</span>'), CHAPTER, "SF005", last_line(CHAPTER)),
    Case("external-image", append(CHAPTER, "![map](https://example.org/map.png)"), CHAPTER, "SF006", last_line(CHAPTER)),
    Case("handler-in-front-matter-title", replace(INDEX, "title: Operational Space Support",
                                                  'title: "Operational Space Support <img src=x onerror=alert(1)>"'), INDEX, "SF003", 3),
    Case("reference-style-javascript", append(CHAPTER, "[trap][t]\n\n[t]: javascript:alert(1)"), CHAPTER, "SF004", last_line(CHAPTER), render_time=True),
    # malformed input
    Case("invalid-front-matter", new_file("docs/broken.en.md", "---\ntitle: [unclosed\n---\n\n# Broken\n"), "docs/broken.en.md", "LD003"),
    Case("empty-page", new_file("docs/empty.en.md", ""), "docs/empty.en.md", "LD004", 1),
    Case("not-utf8", new_file("docs/latin.en.md", "# Latin\n\nd\xe9fense\n".encode("latin-1")), "docs/latin.en.md", "LD001", 3),
    Case("nul-byte", new_file("docs/nul.en.md", b"# Nul\n\nx\x00y\n"), "docs/nul.en.md", "LD002", 3),
    Case("no-title", new_file("docs/untitled.en.md", "Some text.\n"), "docs/untitled.en.md", "LD005"),
    Case("missing-page", append(CHAPTER, "[gone](../nowhere/index.md)"), CHAPTER, "LK001", last_line(CHAPTER)),
    Case("missing-anchor", append(CHAPTER, "[para](chapter-2.md#2.99)"), CHAPTER, "LK002", last_line(CHAPTER)),
    Case("unknown-reference", append(CHAPTER, "See [[SCOE-7.7]]."), CHAPTER, "XR001", last_line(CHAPTER)),
    Case("unknown-term", append(CHAPTER, "About [[space domain awarness]]."), CHAPTER, "XR003", last_line(CHAPTER)),
    Case("duplicate-id", duplicate_id, "docs/publications/scoe-2-1-", "FM004", 2),
    Case("five-megabyte-page", new_file("docs/huge.en.md", "# Huge\n\n" + ("lorem ipsum " * 400 + "\n\n") * 1100), "docs/huge.en.md", "LD008", 1),
    Case("accents-and-spaces-in-names", new_file("docs/Réunion du comité.en.md", "# Réunion\n"), "docs/Réunion du comité.en.md", "LD007", 1),
    # legitimate input that must pass
    Case("reference-syntax-in-code", append(CHAPTER, "Write `[[SCOE-2.1#2.3]]` or:\n\n```markdown\n[[unknown term]] <script>\n```")),
    Case("escaped-reference", append(CHAPTER, "Literal \\[[brackets]] are fine.")),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(tmp_path, case):
    root = copy_library(tmp_path / "lib")
    case.apply(root)
    results = {"check": check(root)} if case.render_time else {"check": check(root), "build": build(root, tmp_path / "site")}
    if case.render_time:
        results["build"] = build(root, tmp_path / "site")
    for command, res in results.items():
        out = res.stdout + res.stderr
        assert "Traceback" not in out, f"make {command} printed a traceback:\n{out[-3000:]}"
        if not case.code:
            assert res.returncode == 0, f"make {command} refused legitimate input:\n{out[-3000:]}"
            continue
        if case.render_time and command == "check":
            continue  # only the rendered HTML shows it; the build must catch it
        assert res.returncode != 0, f"make {command} accepted {case.name}:\n{out[-2000:]}"
        line = case.line(root) if callable(case.line) else case.line
        pattern = re.escape(case.file) + r"[^:\n]*:" + (str(line) if line else r"\d+") + r":\d+: " + case.code
        assert re.search(pattern, out), f"make {command}: expected {pattern!r} in:\n{out[-3000:]}"
