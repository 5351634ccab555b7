"""Material's search, written for mkdocs-material 9.8.2: the reader's search is Pagefind's (the scoe plugin's
`_pagefind_index`, docs/assets/scoe-search.js); Material's search plugin stays listed in mkdocs.yml only because its
header draws the search box (partials/search.html) when it is listed and enabled. Every contact with it is here:

1. `silence(config)`: the plugin's events (a lunr index of every page, written to search/search_index.json, and the
   removal of `data-search-*` attributes from the pages) are taken out of MkDocs' event lists.
2. The copied partials/search.html names neither the component (`data-md-component="search"`) nor the form
   (`name="search"`) Material's bundle looks for: the bundle starts no search worker and loads no index.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from . import adaptation
from .material import MATERIAL, templates


def search_plugin(config: Any) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


def silence(config: Any) -> bool:
    """Remove the search plugin's event handlers, except `on_config` (the list MkDocs is going through when the scoe
    plugin's on_config runs; Material's only reads its options). True when the plugin is listed."""
    plugin = search_plugin(config)
    if plugin is None:
        return False
    for name, handlers in config.plugins.events.items():
        if name != "config":
            handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not plugin]
    return True


@adaptation(MATERIAL, "the header draws the search box when the search plugin is listed and enabled")
def probe_header_box() -> Optional[str]:
    header = (templates() / "partials/header.html").read_text(encoding="utf-8")
    if '"material/search" in config.plugins' not in header or 'include "partials/search.html"' not in header:
        return "partials/header.html no longer includes partials/search.html when material/search is listed"
    return None


@adaptation(MATERIAL, "the bundle starts its search only for data-md-component=\"search\" and a form named \"search\"")
def probe_bundle_search_off() -> Optional[str]:
    found = sorted((templates() / "assets/javascripts").glob("bundle.*.min.js"))
    if not found:
        return "no assets/javascripts/bundle.*.min.js"
    bundle = found[0].read_text(encoding="utf-8")
    if 'document.forms.namedItem("search")' not in bundle or not re.search(r'me\("search"\)|"search"\)\.map', bundle):
        return f"{found[0].name} no longer keys its search on the form named \"search\" and the component \"search\""
    return None
