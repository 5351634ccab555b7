"""Material's search, written for mkdocs-material 9.8.2: every adaptation of it in one module, so that a change of
search engine removes this module (and docs/assets/scoe-early.js, scoe-search-worker.js) and nothing else.

1. The section parser: Material's search index cuts each page with `html.parser`; the plugin rebinds the
   index's `add_entry_from_context` so that `scoelib.searchtext` makes the same cut (three times faster), on the
   page without its tooltips. Material still builds every entry and writes the index.
2. One index per language (`/search/`, `/<lang>/search/`), each with the language's stemmer in `pipeline`
   (Material's worker drops every lunr stage missing from it).
3. In the browser (docs/assets/): scoe-early.js starts scoe-search-worker.js in place of Material's worker and
   points the index request of a page in another language at that language's index (XMLHttpRequest and fetch);
   scoe-search-worker.js stems the query words with the index's stemmer, reading Material's worker messages
   (type 0: setup with the index's config; type 2: a query). Both mark <html> and log an error when Material's
   scripts no longer match what they expect (data-scoe-search-worker, data-scoe-search-index).
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any, Callable, Optional

from scoelib import searchtext

from . import adaptation
from .material import MATERIAL, templates

PIPELINE = ["stemmer", "stopWordFilter", "trimmer"]


def search_plugin(config: Any) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


def index_with_lexbor(config: Any, search_html: Callable[[], dict[str, tuple[str, str]]]) -> bool:
    """Rebind the search index's page parser (once per language: Material's search plugin makes a new index at each
    `on_config`, before the scoe plugin's). `search_html()`: the plugin's current table, page destination → (the
    HTML for the index, the page's HTML it was made from), filled by its on_page_content. True when in place."""
    index = getattr(search_plugin(config), "search_index", None)
    if index is None or not hasattr(index, "create_entry_for_section"):
        return False

    def add_entry_from_context(page: Any) -> None:
        # the page without its tooltips (Rendered.html(search=True)), if nothing changed the page since
        for_search, content = search_html().pop(page.file.dest_uri, (None, None))
        if (page.meta.get("search") or {}).get("exclude"):
            return
        for section in searchtext.sections(for_search if for_search is not None and content == page.content else page.content):
            if not section.excluded:
                index.create_entry_for_section(section, page.toc, page.url, page)

    index.add_entry_from_context = add_entry_from_context
    return True


@adaptation(MATERIAL, "the search index cuts pages with scoelib.searchtext instead of html.parser")
def probe_section_parser() -> Optional[str]:
    from material.plugins.search.plugin import SearchIndex

    for name, params in (("add_entry_from_context", ["self", "page"]), ("create_entry_for_section", ["self", "section", "toc", "url", "page"])):
        method: Optional[Callable[..., Any]] = getattr(SearchIndex, name, None)
        if method is None:
            return f"SearchIndex.{name} is gone"
        if list(inspect.signature(method).parameters) != params:
            return f"SearchIndex.{name} now takes ({', '.join(inspect.signature(method).parameters)})"
    return None


def split_search_index(site: Path, languages: list[str], default: str) -> None:
    """One search index per language, each with its own stemmer: `/search/` the default language, `/<lang>/search/`
    the others."""
    path = site / "search" / "search_index.json"
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = data.get("docs", [])
    others = [lang for lang in languages if lang != default]
    for lang in languages:
        if lang == default:
            mine = [d for d in docs if not any(d["location"].startswith(f"{o}/") for o in others)]
        else:
            mine = [d for d in docs if d["location"].startswith(f"{lang}/")]
        cfg = dict(data.get("config", {}))
        cfg["lang"] = [lang]
        # Material's worker drops every lunr stage missing from `pipeline`, whose default (from its English
        # strings) is the stop-word filter alone: keep the language's stemmer ("spatiale" finds "spatiaux").
        # Queries are stemmed alike by docs/assets/scoe-search-worker.js.
        cfg["pipeline"] = PIPELINE
        out = site / ("search" if lang == default else f"{lang}/search") / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"config": cfg, "docs": mine}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _script(pattern: str) -> tuple[Optional[Path], str]:
    found = sorted((templates() / "assets/javascripts").glob(pattern))
    return (found[0], found[0].read_text(encoding="utf-8")) if found else (None, "")


@adaptation(MATERIAL, "search_index.json: one index per language, with a `pipeline` that keeps the stemmer")
def probe_index_pipeline() -> Optional[str]:
    path, worker = _script("workers/search.*.min.js")
    if path is None:
        return "no assets/javascripts/workers/search.*.min.js"
    if not re.search(r'\["trimmer","stopWordFilter","stemmer"\],\w+\.pipeline\)', worker):
        return f"{path.name} no longer keeps the lunr stages named in the index's `pipeline`"
    return None


@adaptation(MATERIAL, "scoe-early.js and scoe-search-worker.js wrap Material's search worker and its index request")
def probe_search_scripts() -> Optional[str]:
    path, worker = _script("workers/search.*.min.js")
    if path is None or not re.fullmatch(r"search\.[0-9a-f]+\.min\.js", path.name):
        return "Material's search worker is not assets/javascripts/workers/search.<hash>.min.js (scoe-early.js looks for it)"
    if not re.search(r"case 0:return yield \w+\(\w+\.data\.config\)", worker) or not re.search(r"case 2:let \w+=\w+\.data;", worker):
        return f"{path.name} no longer reads messages of type 0 (setup with data.config) and 2 (the query in data)"
    _, bundle = _script("bundle.*.min.js")
    if "new XMLHttpRequest" not in bundle or '"search/search_index.json"' not in bundle or "new Worker(" not in bundle:
        return "Material's bundle no longer loads search/search_index.json with XMLHttpRequest in a new Worker"
    return None
