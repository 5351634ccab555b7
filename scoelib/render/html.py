"""The one way the renderers write HTML: text is escaped unless it is already `Markup`.

    h("a", {"class": "scoe-ref", "href": url}, label)   # label escaped, unless it is Markup
    h("span", {"hidden": True, "lang": lang}, text)     # True: a bare attribute; None or False: left out
    join(", ", links)                                   # escapes each item that is not Markup

`Markup` is a `str` that says "this is HTML already": what `h` returns, the catalogue's trusted strings
(`Site.tm`), and fragments built by other renderers. It has `__html__`, so Jinja (the templates) leaves it as
it is too. Escaping is `html.escape` (quotes included), so the output is the same as the f-strings it replaced.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping


class Markup(str):
    """A string of HTML, safe to insert as it is."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def esc(value: object) -> Markup:
    """`value` as HTML: escaped, unless it is Markup already."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value)))


def join(sep: str, items: Iterable[object]) -> Markup:
    """The items (each escaped unless Markup) joined by `sep` (escaped unless Markup)."""
    return Markup(esc(sep).join(esc(item) for item in items))


def concat(*items: object) -> Markup:
    """The items one after another, each escaped unless Markup."""
    return join("", items)


def attrs(values: Mapping[str, object] | None) -> Markup:
    """` name="value"` for each attribute, in order: True gives a bare attribute, None and False none."""
    out = []
    for name, value in (values or {}).items():
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return Markup("".join(out))


def h(tag: str, attributes: Mapping[str, object] | None = None, *children: object) -> Markup:
    """An element: `<tag attrs>children</tag>`, the children escaped unless Markup."""
    return Markup(f"<{tag}{attrs(attributes)}>{concat(*children)}</{tag}>")


def start(tag: str, attributes: Mapping[str, object] | None = None) -> Markup:
    """An opening tag alone (for a wrapper whose content comes later, e.g. a numbered paragraph)."""
    return Markup(f"<{tag}{attrs(attributes)}>")
