"""Reading Markdown source the way an author wrote it: front matter, titles, code, comments, links.

Nothing here renders Markdown. The scanner produces a *masked* copy of the body in which fenced code,
inline code and HTML comments are blanked out with spaces (newlines kept), so that every offset in the
masked text is the same line and column in the author's file. Rules search the masked text for what
must not be seen inside code (references, paragraph numbers, links) and the raw text for what must be
seen everywhere (protective markings).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify as _toc_slugify

FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
ATX_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
SETEXT_RE = re.compile(r"^(=+|-+)[ \t]*$")
ATTR_ID_RE = re.compile(r"\{[^}]*#(?P<id>[^\s}]+)[^}]*\}\s*$")
# MkDocs' MultiMarkdown-style metadata: leading `Key: value` lines, swallowed without a `---` block.
MMD_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
PARA_RE = re.compile(r"^(?P<num>(?P<chapter>\d+)\.(?P<para>\d+))[ \t]+\S")
# `2.2. Text`: a paragraph number written with a dot after it (reported as PA007, read as 2.2)
PARA_DOT_RE = re.compile(r"^(?P<num>(?P<chapter>\d+)\.(?P<para>\d+))\.[ \t]+\S")


def slugify(text: str) -> str:
    """The anchor MkDocs' toc extension gives a heading (default settings)."""
    slug: str = _toc_slugify(text, "-")
    return slug


@dataclass
class FrontMatter:
    text: str  # the YAML between the fences
    start_line: int  # line of the opening `---` (1-based)
    end_line: int  # line of the closing fence


def split_front_matter(text: str) -> tuple[FrontMatter | None, int]:
    """Return the front matter and the 0-based index of the first body line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return FrontMatter("\n".join(lines[1:i]), 1, i + 1), i + 1
    # no closing fence: MkDocs treats the block as text; report it as broken front matter
    return FrontMatter("\n".join(lines[1:]), 1, len(lines)), len(lines)


_MASK_START_RE = re.compile(r"`|<!--")
_TICKS_RE = re.compile("`+")


def mask(text: str) -> str:
    """Blank out fenced code blocks, inline code spans and HTML comments, keeping offsets."""
    if "`" not in text and "~~~" not in text and "<!--" not in text:
        return text  # nothing to blank (most pages)
    out: list[str] = []
    fence: tuple[str, int] | None = None
    in_comment = False
    for line in text.split("\n"):
        if fence is not None:
            m = FENCE_RE.match(line)
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= fence[1] and not line[m.end():].strip():
                fence = None
            out.append(" " * len(line))
            continue
        if not in_comment:
            m = FENCE_RE.match(line)
            if m:
                fence = (m.group("fence")[0], len(m.group("fence")))
                out.append(" " * len(line))
                continue
        if not in_comment and "`" not in line and "<!--" not in line:
            out.append(line)  # nothing to blank on this line (most lines)
            continue
        masked, in_comment = _mask_line(line, in_comment)
        out.append(masked)
    return "\n".join(out)


def _mask_line(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line with its code spans and HTML comments blanked (`in_comment`: a comment is open at its start),
    and whether a comment is still open at its end."""
    chars = list(line)
    runs: dict[int, list[int]] | None = None
    i = 0
    while i < len(line):
        if not in_comment:  # jump to the next backtick or comment opener; other characters stay
            m = _MASK_START_RE.search(line, i)
            if m is None:
                break
            i = m.start()
        if in_comment:
            end = line.find("-->", i)
            stop = len(line) if end < 0 else end + 3
            chars[i:stop] = " " * (stop - i)
            if end < 0:
                break
            in_comment = False
            i = stop
            continue
        if line.startswith("<!--", i):
            in_comment = True
            continue
        if line[i] == "`" and (i == 0 or line[i - 1] != "\\"):
            if runs is None:  # every run of backticks of the line, by length, found once
                runs = {}
                for r in _TICKS_RE.finditer(line):
                    runs.setdefault(r.end() - r.start(), []).append(r.start())
            i = _blank_code_span(line, i, runs, chars)
            continue
        i += 1
    return "".join(chars), in_comment


def _blank_code_span(line: str, i: int, runs: dict[int, list[int]], chars: list[str]) -> int:
    """Blank in `chars` the code span that opens with the run of backticks at `i` (closed by the next run of
    exactly that length, if any); the offset where the scan goes on."""
    opening = _TICKS_RE.match(line, i)
    run = (opening.end() if opening else i + 1) - i
    same = runs.get(run, [])
    k = bisect.bisect_right(same, i)
    if k < len(same):
        end = same[k] + run
        chars[i:end] = " " * (end - i)
        return end
    return i + run


@dataclass
class Heading:
    level: int
    text: str
    line: int  # 1-based line in the file
    anchor: str


def headings(masked_lines: list[str], first_line: int) -> list[Heading]:
    """ATX and setext headings of the masked body; `first_line` is the file line of masked_lines[0]."""
    found: list[Heading] = []
    used: dict[str, int] = {}
    # an ATX heading starts with `#`, a setext underline with `=` or `-`: only those lines are looked at
    for i in [i for i, line in enumerate(masked_lines) if line[:1] in _HEADING_STARTS]:
        line = masked_lines[i]
        prev = masked_lines[i - 1] if i else ""
        level, text = 0, ""
        first = line[0]
        m = ATX_RE.match(line) if first == "#" else None
        if m:
            level, text = len(m.group("hashes")), m.group("text")
        elif first != "#" and SETEXT_RE.match(line) and prev.strip() and not prev.startswith((" ", "\t", "-", "*", "|")):
            level, text = (1 if line.startswith("=") else 2), prev.strip()
            i -= 1
        if level:
            attr = ATTR_ID_RE.search(text)
            if attr:
                anchor = attr.group("id")
                text = text[: attr.start()].rstrip()
            else:
                anchor = slugify(_strip_inline(text))
                if anchor in used:
                    used[anchor] += 1
                    anchor = f"{anchor}_{used[anchor]}"
            used.setdefault(anchor, 0)
            found.append(Heading(level, text, first_line + i, anchor))
    return found


_HEADING_STARTS = frozenset("#=-")


def _strip_inline(text: str) -> str:
    text = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


# the target as Python-Markdown reads it: spaces included (`[text]({{ var }})` links to "{{ var }}")
LINK_RE = re.compile(r"""(?P<image>!?)\[(?P<text>[^\]\n]*)\]\([ \t]*(?P<target><[^>\n]*>|[^)\n]*?)"""
                     r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)""")
REF_DEF_RE = re.compile(r"^[ ]{0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<target>\S+)", re.M)
HTML_ID_RE = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")


@dataclass
class Link:
    target: str
    line: int
    column: int
    image: bool


def links(masked: str, first_line: int) -> list[Link]:
    found = []
    # `](` and `]:` are in every match of the two patterns: most pages have neither, and skip the scans
    for m in (LINK_RE.finditer(masked) if "](" in masked else ()):
        target = m.group("target").strip("<>")
        if m.group("text").startswith("["):  # part of a [[...]] reference
            continue
        line, col = offset_to_linecol(masked, m.start("target"))
        found.append(Link(target, first_line + line - 1, col, bool(m.group("image"))))
    for m in (REF_DEF_RE.finditer(masked) if "]:" in masked else ()):
        line, col = offset_to_linecol(masked, m.start("target"))
        found.append(Link(m.group("target"), first_line + line - 1, col, False))
    return found


def offset_to_linecol(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def external_links(masked: str, first_line: int) -> list[Link]:
    """Links (not images) to pages on other sites: allowed, and listed for review (`make links`)."""
    return [link for link in links(masked, first_line) if not link.image and re.match(r"^(https?:)?//", link.target)]
