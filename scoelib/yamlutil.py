"""YAML with line numbers: every value keeps the line of its key, so errors land on the author's line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import yaml

# Where a value sits in a document: the keys and list indexes from its root, ('changes', 0, 'date').
YamlPath = tuple[str | int, ...]


class YamlError(Exception):
    def __init__(self, message: str, line: int, column: int, hint: str = ""):
        super().__init__(message)
        self.message, self.line, self.column, self.hint = message, line, column, hint


_KEY_VALUE_RE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[\w-]+):[ \t]+(?P<value>[^\"'\s].*?)\s*$")


def _explain(text: str, line0: int, problem: str) -> tuple[int, int, str, str] | None:
    """The two mistakes authors make most, said in their words, at the line where they made them (PyYAML
    notices them lines later, or in its own terms): `key: text: more` without quotes, and a quote that is
    opened and never closed. (0-based line in; 0-based line, 1-based column, message, hint out.)"""
    lines = text.split("\n")
    if "mapping values are not allowed" in problem and line0 < len(lines):
        m = _KEY_VALUE_RE.match(lines[line0])
        if m:
            value = m.group("value").replace("\\", "\\\\").replace('"', '\\"')
            return (line0, len(m.group("indent")) + 1,
                    f"the value of `{m.group('key')}` contains `: `, which YAML reads as the start of another key",
                    f'Put the value in double quotes: `{m.group("key")}: "{value}"`')
    for i in range(min(line0, len(lines) - 1), max(-1, line0 - 30), -1):
        line = lines[i]
        quotes = len(re.findall(r'(?<!\\)"', line.split(" #", 1)[0]))
        if quotes % 2 == 1 and re.match(r'^\s*(?:- )?[\w-]+:\s*"', line):
            return (i, line.index('"') + 1, "a double quote opened on this line is never closed",
                    'Close the value with `"` at the end of the line.')
    return None


@dataclass
class Located:
    """Parsed YAML plus the 1-based line of each path: ('changes', 0, 'date') -> 12."""

    data: Any
    lines: dict[YamlPath, int]
    first_line: int = 1  # line of the document's start, used when a key is missing

    def line(self, path: YamlPath, default: int | None = None) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line if default is None else default


MAX_DEPTH = 40  # nesting of mappings and lists; the library's files use 4


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as ISO strings' date objects but refuses duplicate keys, aliases
    (`*name`: the "billion laughs" and self-referencing values) and nesting deeper than MAX_DEPTH."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (`*name`) are not accepted: write the value out in full",
                                              self._next_mark())
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"lists and mappings nested more than {MAX_DEPTH} levels deep",
                                                  self._next_mark())
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _next_mark(self) -> yaml.Mark | None:
        """Where the next event starts (PyYAML's stubs leave `Parser.peek_event` untyped: it returns an Event)."""
        peek = cast(Callable[[], yaml.Event], self.peek_event)
        mark = peek().start_mark
        return mark if isinstance(mark, yaml.error.Mark) else None  # the pure-Python parser's marks


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> dt.date:
    """A date that does not exist (2026-02-30) is reported at its line, not raised as a ValueError."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(None, None, f"`{node.value}` is not a valid date ({exc})",
                                                node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _walk(node: yaml.Node, path: YamlPath, lines: dict[YamlPath, int], offset: int, visited: set[int] | None = None) -> None:
    visited = set() if visited is None else visited
    if id(node) in visited:  # a node met twice is an alias (whichever parser composed it): refused, never expanded
        raise YamlError("invalid YAML: aliases (`*name`) are not accepted: write the value out in full", node.start_mark.line + 1 + offset,
                        node.start_mark.column + 1)
    visited.add(id(node))
    if len(path) > MAX_DEPTH:
        raise YamlError(f"invalid YAML: lists and mappings nested more than {MAX_DEPTH} levels deep", node.start_mark.line + 1 + offset,
                        node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError("a key must be a plain word, not a list or a mapping", key_node.start_mark.line + 1 + offset,
                                key_node.start_mark.column + 1)
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                raise YamlError(f"key `{key}` appears twice (first on line {seen[key]})", line, key_node.start_mark.column + 1)
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, offset, visited)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1 + offset
            _walk(item, path + (i,), lines, offset, visited)


# libyaml's parser when PyYAML has it (about 10 times faster), with the same constructor and resolver, so
# the same values. libyaml is more lenient than the pure-Python parser in a few corners (tabs, byte-order
# marks, control characters, `|#`, `?` in flow collections, empty tags `!`), so text with any of those
# characters or with a block-scalar indicator (| >) is parsed by the pure-Python parser only; a document
# libyaml refuses is parsed again by the pure-Python parser too, whose messages are the ones reported.
# Differential fuzzing of both parsers over the library's front matter and data files (mutated) found no
# other difference.
# Anchors and aliases (`&a`, `*a`) and deep nesting are refused by the pure-Python parser only (libyaml would
# expand them), so text that may hold them, or many brackets, or deep indentation, goes to it.
_SLOW_RE = re.compile("[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff|>?!]"
                      "|(?:^[ \\t]*(?:-[ \\t]+)?|:[ \\t]+|[\\[{,][ \\t]*|\\?[ \\t]+)[&*][^\\s]|^ {64}", re.M)
_FastLoader: type[yaml.CSafeLoader] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CFastLoader(yaml.CSafeLoader):
        """libyaml's safe loader with the same date constructor."""

    _CFastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _FastLoader = _CFastLoader


def safe_load(text: str) -> Any:
    """`yaml.safe_load` with libyaml's parser when PyYAML has it (the interface catalogues: 0.4 s with the
    pure-Python parser at each start); a text libyaml refuses is parsed again by the pure-Python parser,
    whose error is the one raised."""
    if _FastLoader is not None:
        try:
            return yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 (libyaml's safe loader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def load(text: str, *, line_offset: int = 0) -> Located:
    """Parse one YAML document. `line_offset` is added to every line (for front matter inside a page)."""
    if _FastLoader is not None and not _SLOW_RE.search(text) and text.count("[") + text.count("{") < 1000:
        try:
            return _load(_FastLoader, text, line_offset)
        except (YamlError, yaml.YAMLError):
            pass  # report the error exactly as the pure-Python parser words it
    return _load(_Loader, text, line_offset)


def _load(loader_class: type[yaml.SafeLoader] | type[yaml.CSafeLoader], text: str, line_offset: int) -> Located:
    try:
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            lines: dict[YamlPath, int] = {}
            if node is not None:
                _walk(node, (), lines, line_offset)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        column = mark.column + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        explained = _explain(text, mark.line if mark else 0, problem)
        if explained is not None:
            line0, column, message, hint = explained
            raise YamlError(message, line0 + 1 + line_offset, column, hint) from None
        raise YamlError(f"invalid YAML: {problem}", line, column) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other YAML errors carry no mark
        raise YamlError(f"invalid YAML: {exc}", 1 + line_offset, 1) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting first
        raise YamlError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep", 1 + line_offset, 1) from None
    return Located(data, lines, first_line=1 + line_offset)
