"""The sections of a rendered page for the search index, as Material's search plugin cuts them, faster.

Material (9.8.2, `material/plugins/search/plugin.py`, class `Parser`) runs the standard library's
`html.parser` over every page and builds each section's title and text in Python callbacks; at a
thousand pages per language that was a sixth of the whole build. Here the page is parsed by lexbor
(selectolax, C) and the same rules are applied while walking the tree, with plain strings instead of
objects: a section starts at every heading that has an `id`; its title is the heading's text but the
permalink; its text keeps `p`, `code`, `pre`, `li`, `ol`, `ul`, `sub`, `sup` as bare tags, drops
empty ones the way Material does, collapses whitespace outside `pre`, and leaves out `script`, `style`,
`object`, `.linenodiv` and anything marked `data-search-exclude`. The quirks are Material's, kept on
purpose (an empty element is looked for from the first opening tag of its kind; a heading nested in
an element ends its section when that element closes): `tests/test_searchtext.py` compares both
parsers on every page of the library and on awkward inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Optional

from selectolax.lexbor import LexborHTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
ALWAYS_SKIPPED = frozenset({"object", "script", "style"})
_TEXT, _COMMENT = "-text", "_comment"


@dataclass
class Section:
    tag: str  # the heading's tag, "hx" for text before the first heading
    depth: float = 0
    id: Optional[str] = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    excluded: bool = False


class _Walker:
    def __init__(self) -> None:
        self.context: list[str] = []
        self.permalinks = 0  # open <a class="headerlink">
        self.skip = set(ALWAYS_SKIPPED)
        self.section: Optional[Section] = None
        self.data: list[Section] = []
        self.skipped = False  # whether an element of the context is skipped: updated at every change

    def _update(self) -> None:
        skip = self.skip
        self.skipped = any(tag in skip for tag in self.context)

    def start(self, tag: str, attrs: dict) -> None:
        context = self.context
        context.append(tag)
        if tag in self.skip:
            self.skipped = True
        if tag == "a" and attrs.get("class") == "headerlink":
            self.permalinks += 1
        if tag in HEADINGS and "id" in attrs:
            depth = len(context)
            if tag != "h1" and not self.data:
                self.section = Section("hx", depth)
                self.data.append(self.section)
            self.section = Section(tag, depth, excluded="data-search-exclude" in attrs)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        if self.section is None:
            self.section = Section("hx")
            self.data.append(self.section)
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip.add(tag)
                self.skipped = True
                return
        if tag in KEEP and not self.skipped:
            section = self.section
            (section.title if section.tag in context else section.text).append(f"<{tag}>")

    def end(self, tag: str, attrs: dict) -> None:
        context = self.context
        if not context or context[-1] != tag:
            return
        section = self.section
        if section.depth > len(context):
            for earlier in reversed(self.data):
                if earlier.depth <= len(context):
                    section.depth = float("inf")
                    self.section = section = earlier
                    break
        context.pop()
        if tag == "a" and attrs.get("class") == "headerlink":
            self.permalinks -= 1
        if tag in self.skip:
            if tag not in ALWAYS_SKIPPED:
                self.skip.discard(tag)
            self._update()
            return
        if tag in KEEP and not self.skipped:
            data = section.title if section.tag in context else section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def text(self, data: str) -> None:
        if self.skipped:
            return
        context = self.context
        in_pre = "pre" in context
        if not in_pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        if self.section is None:
            self.section = Section("hx")
            self.data.append(self.section)
        section = self.section
        if section.tag in context:
            if not self.permalinks:
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))

    def walk(self, node) -> None:
        """Every node from `node` on, in document order (a loop, not recursion: nesting has no limit)."""
        pending: list[tuple[str, dict, object]] = []  # open elements: tag, attributes, next sibling
        while True:
            while node is not None:
                tag = node.tag
                if tag == _TEXT:
                    self.text(node.text_content)
                elif tag != _COMMENT and tag != "!doctype" and tag not in VOID:
                    attrs = node.attributes
                    self.start(tag, attrs)
                    pending.append((tag, attrs, node.next))
                    node = node.child
                    continue
                node = node.next
            if not pending:
                return
            tag, attrs, node = pending.pop()
            self.end(tag, attrs)


def sections(html: str) -> list[Section]:
    """The sections of one page's content (the HTML between Material's templates), in order."""
    walker = _Walker()
    lead = len(html) - len(html.lstrip(" \t\n\r\f"))
    if lead:
        walker.text(html[:lead])  # an HTML parser drops what precedes the first tag; html.parser does not
    tree = LexborHTMLParser(html)
    for part in (tree.head, tree.body):
        if part is not None:
            walker.walk(part.child)
    return walker.data
