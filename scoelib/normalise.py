"""Text as a reader sees it, for finding protective markings however they are written.

`NATO **RESTR**ICTED`, `_NATO SECRET_`, `NATO&nbsp;CONFIDENTIAL`, `&#83;ECRET`, `DE\u0301FENSE`, a soft
hyphen or a zero-width space inside a word, a non-breaking hyphen, a Cyrillic `Е` in `SECRET`, a marking
wrapped across two lines of a paragraph: each reads as a marking in the published page, so each is matched
as one. `normalise(text)` returns the text with:

- HTML character references decoded, HTML tags removed;
- NFKC applied and combining accents composed (`E` + U+0301 is `É`); invisible characters removed
  (soft hyphen, zero-width characters, word joiner, byte-order mark, other format characters);
- dashes and hyphens made `-`, every space made ` `, letters that look like Latin ones (Cyrillic, Greek)
  folded to them;
- Markdown emphasis and code markers (`*`, `` ` ``, `~`, `^`) removed, `_` made a space;
- the lines of a paragraph joined by a space (after removing their indentation and blockquote `>`);
  a blank line stays a line break, so a marking is never assembled across two paragraphs;

and `Normalised.locate(offset)` gives the (line, column) in the original text of an offset in it.

Most lines are plain (ASCII without `&`, `<` or emphasis, or accented text NFKC leaves alone): they go
through C-speed string methods only; the character-by-character path runs on the others.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass

_CONFUSABLES = {
    # Cyrillic
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M", "О": "O", "Р": "P",
    "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "а": "a", "с": "c", "е": "e", "і": "i", "ј": "j", "о": "o", "р": "p",
    "ѕ": "s", "х": "x", "у": "y", "Ԁ": "D", "ԁ": "d", "Ԛ": "Q", "ԛ": "q", "Ԝ": "W", "ԝ": "w", "Ү": "Y", "Ғ": "F",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "υ": "u",
    # dashes and hyphens
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    # Markdown emphasis, code and marks
    "_": " ",
}
_REMOVED = "*`~^"
_SPACES = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"  # the others NFKC makes U+0020
_FOLD_MAP = {**_CONFUSABLES, **{c: " " for c in _SPACES}}
# the same folding as byte tables, for ASCII lines (bytes.translate is a C loop; str.translate with a dict is not)
_ASCII_FOLDED = {c: r for c, r in _FOLD_MAP.items() if c.isascii()}
_FOLD_BYTES = bytes.maketrans("".join(_ASCII_FOLDED).encode("ascii"), "".join(_ASCII_FOLDED.values()).encode("ascii"))
_REMOVED_BYTES = _REMOVED.encode("ascii")
# what the folding changes in a line the fast path takes (its confusable letters are not on that path)
_FOLDED_RE = re.compile("[" + re.escape(_REMOVED + "".join(_FOLD_MAP)) + "]+")
_FOLD_STR = {**_FOLD_MAP, **{c: "" for c in _REMOVED}}


def _folded(text: str) -> str:
    """`text` with its look-alike letters, dashes and spaces folded and emphasis marks removed (`_FOLD_STR`),
    found by a regex: fast on long texts with few characters to fold."""
    return _FOLDED_RE.sub(lambda m: "".join(_FOLD_STR[c] for c in m.group(0)), text)
# a line the fast path can take: no entity, tag, invisible or combining character, no confusable letter
_SPECIAL_RE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u0600-\u0605\u06dd\u070f\u08e2\U000110bd\U000110cd\ufff9-\ufffb\U000e0000-\U000e007f\U0001d173-\U0001d17a"
    + "".join(k for k in _CONFUSABLES if ord(k) > 127 and not ("\u2010" <= k <= "\u2015" or k == "\u2212"))
    + "]"
)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]*>|<!--|-->")


def _is_invisible(c: str) -> bool:
    return unicodedata.category(c) == "Cf" or c in "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0" or "\ufe00" <= c <= "\ufe0f"


def _fold_char(c: str) -> str:
    c = _CONFUSABLES.get(c, c)
    if c in _REMOVED:
        return ""
    return " " if c.isspace() else c


def chars(line: str) -> list[tuple[str, int]]:
    """The reference normalisation of one line: each output character with the index it comes from."""
    out: list[tuple[str, int]] = []
    i, n = _lead(line), len(line)
    while i < n:
        c = line[i]
        if c == "&":
            end = _entity(line, i, out)
            if end > i:
                i = end
                continue
        elif c == "<" or (c == "-" and line.startswith("-->", i)):
            m = _TAG_RE.match(line, i)
            if m:
                i = m.end()
                continue
        if _is_invisible(c):
            i += 1
            continue
        if unicodedata.combining(c):
            _compose(out, c)
            i += 1
            continue
        for d in unicodedata.normalize("NFKC", c):
            out.extend((x, i) for x in _fold_char(d))
        i += 1
    return out


def _entity(line: str, i: int, out: list[tuple[str, int]]) -> int:
    """If a character reference (`&eacute;`, `&#233;`) starts at `i`, its normalised characters appended to
    `out`, and the offset after it; else `i`."""
    m = _ENTITY_RE.match(line, i)
    if not m:
        return i
    decoded = html.unescape(m.group(0))
    if decoded == m.group(0):
        return i
    for d in unicodedata.normalize("NFKC", decoded):
        if not _is_invisible(d):
            out.extend((x, i) for x in _fold_char(d))
    return m.end()


def _compose(out: list[tuple[str, int]], mark: str) -> None:
    """A combining mark composed with the previous letter of `out` (E + U+0301 -> É), when they compose."""
    if out:
        prev, at = out[-1]
        composed = unicodedata.normalize("NFC", prev + mark)
        if len(composed) == 1:
            out[-1] = (composed, at)


def _lead(line: str) -> int:
    """Length of the line's indentation and blockquote markers (not part of the text)."""
    return len(line) - len(line.lstrip(" \t>")) if line[:1] in (" ", "\t", ">") else 0


def line_text(line: str) -> str:
    """The normalised text of one line (the same string as `chars`, faster on plain lines)."""
    rest = line[_lead(line):]
    if "&" in rest and _ENTITY_RE.search(rest):
        return "".join(c for c, _ in chars(line))
    if "<" in rest or "-->" in rest:
        rest = _TAG_RE.sub("", rest)
    if rest.isascii():
        return rest.encode("ascii").translate(_FOLD_BYTES, _REMOVED_BYTES).decode("ascii")
    if not _SPECIAL_RE.search(rest):
        nfkc = unicodedata.normalize("NFKC", rest)
        if len(nfkc) == len(rest):
            return _folded(nfkc)
    return "".join(c for c, _ in chars(line))


@dataclass
class Normalised:
    text: str
    lines: list[str]  # the original lines
    norm_lines: list[str]  # each line normalised (not joined)
    starts: list[int]  # offset in `text` where each line's normalised text starts

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original text of an offset in the normalised text."""
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        within = offset - self.starts[i]
        mapped = chars(self.lines[i])
        col = mapped[within][1] if within < len(mapped) else len(self.lines[i])
        return i + 1, col + 1


def normalise(text: str) -> Normalised:
    lines = text.split("\n")
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for i, line in enumerate(lines):
        norm = line_text(line)
        if i:
            # a line break inside a paragraph reads as a space; a blank line (either side) stays a break
            sep = "\n" if not norm.strip() or not parts[-1].strip() else " "
            parts.append(sep)
            pos += 1
        starts.append(pos)
        parts.append(norm)
        pos += len(norm)
    return Normalised("".join(parts), lines, parts[::2], starts)


# a line break between two lines that both have text (after folding, the only spaces left are U+0020; a
# line ending in spaces takes the per-line path): the `\n` first, so that the search skips to each one
_JOIN_RE = re.compile(r"\n(?<=[^ \n]\n)(?= *[^ \n])")
_LEAD_RE = re.compile(r"\n[ \t>]+")  # what `_lead` takes off each line (but the first)
_ASCII = bytes(range(128))
_ASCII_FOLD = [c for c in _FOLD_STR if c.isascii()]
_HANGUL_JAMO = {chr(c) for c in [*range(0x1100, 0x1200), *range(0x3130, 0x3190)]}  # letters NFKC composes


def quick_text(text: str) -> str | None:
    """`normalise(text).text` computed over the whole text at once with C-speed string methods, for texts
    without entities, tags or characters the per-line path treats one by one (invisible, combining,
    look-alike letters): most pages. None for the others. What finds no marking needs no more (no line and
    column to locate)."""
    if "&" in text or "<" in text or "-->" in text:
        return None
    body = _LEAD_RE.sub("\n", "\n" + text)[1:]
    others = set(body.encode("utf-8").translate(None, _ASCII).decode("utf-8"))  # its characters beyond ASCII
    if others:
        if any(_SPECIAL_RE.match(c) for c in others) or others & _HANGUL_JAMO:
            return None
        nfkc = unicodedata.normalize("NFKC", body)
        if len(nfkc) != len(body):
            return None
        body, others = nfkc, {x for c in others for x in unicodedata.normalize("NFKC", c)}
    for c in [*(c for c in _ASCII_FOLD if c in body), *(c for c in others if c in _FOLD_STR)]:
        body = body.replace(c, _FOLD_STR[c])
    if " \n" in body:
        return None
    return _JOIN_RE.sub(" ", body)
