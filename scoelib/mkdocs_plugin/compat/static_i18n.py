"""mkdocs-static-i18n, written for 1.3.1 (with Material 9.8.2's language links):

- its build state: `building` (True during the passes it runs for the other languages, inside its own
  `on_post_build`) and `current_language`;
- its per-language option `nav_translations`, filled from the catalogue (admonitions are titled by the renderer);
- the language metadata of the pages the plugin generates (the change pages, what's new): static-i18n's own
  `on_files` runs before they exist, so the plugin gives each generated file the attributes static-i18n sets
  on the files it makes (`locale`, `locale_alternate_of`, `alternates`), which its page context, language
  selector and sitemap read;
- its sitemap (`sitemap.xml`, its own template, which lists the files it kept for each language in its
  `on_files`, not MkDocs' `pages`): the generated pages are added to its list of the language being built;
- the language links of each page: `<link rel="alternate" hreflang>` (Material's base.html, from static-i18n's
  `extra.alternate`) point to the language roots, and the selector's links (overrides/partials/alternate.html)
  are made relative on the home pages and lead to the homes on the 404 pages. The links are found by their
  attributes, in any order.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any, Callable, Optional

from . import Upstream, adaptation
from .material import templates

STATIC_I18N = Upstream("mkdocs-static-i18n", "1.3.1")


def plugin(config: Any) -> Any:
    return config.plugins.get("i18n")


def building_other_language(config: Any) -> bool:
    """True during static-i18n's passes for the languages after the first (inside its on_post_build)."""
    i18n = plugin(config)
    return bool(i18n is not None and i18n.building)


def current_language(config: Any, default: str) -> str:
    i18n = plugin(config)
    return i18n.current_language if i18n is not None and i18n.current_language else default


def language_configs(config: Any) -> list[Any]:
    i18n = plugin(config)
    return list(i18n.config.languages) if i18n is not None else []


@adaptation(STATIC_I18N, "the plugin reads static-i18n's `building` and `current_language`, and fills its per-language titles")
def probe_build_state() -> Optional[str]:
    from mkdocs_static_i18n import config as i18n_config
    from mkdocs_static_i18n.plugin import I18n

    source = inspect.getsource(I18n)
    for name in ("self.building = True", "self.building = False", "self.current_language = "):
        if name not in source:
            return f"I18n no longer sets `{name.split(' =')[0].removeprefix('self.')}`"
    options = inspect.getsource(i18n_config)
    for name in ("nav_translations",):
        if name not in options:
            return f"the language options have no `{name}`"
    return None


# --- the language metadata of the generated pages -------------------------------------------------------------

# What static-i18n's `create_i18n_file` (suffix.py and folder.py) sets on each file it makes, and what reads it
_FILE_ATTRIBUTES = ("alternates", "locale", "locale_alternate_of")
_READERS = {  # module: what it must still read
    "plugin": ("page.file.locale",),
    "reconfigure": ("page.file.locale_alternate_of", "page.file.alternates"),
}


def mark_generated(files: dict[str, Any]) -> None:
    """Give the generated files of one page, one per language (`{lang: File}`), the language metadata
    static-i18n gives the files it makes: each is its own language's, and lists the others as alternates."""
    for lang, f in files.items():
        f.locale = f.locale_alternate_of = lang
        f.alternates = dict(files)


@adaptation(STATIC_I18N, "the generated pages get static-i18n's language metadata (locale, locale_alternate_of, alternates)")
def probe_generated_files() -> Optional[str]:
    from mkdocs_static_i18n import folder, plugin, reconfigure, suffix

    for module in (suffix, folder):
        source = inspect.getsource(module.create_i18n_file)
        for name in _FILE_ATTRIBUTES:
            if f"file.{name} = " not in source:
                return f"{module.__name__}.create_i18n_file no longer sets `file.{name}`"
    for module in (plugin, reconfigure):
        source = inspect.getsource(module)
        for read in _READERS[module.__name__.rsplit(".", 1)[-1]]:
            if read not in source:
                return f"{module.__name__} no longer reads `{read}`"
    return None


# --- the sitemap ------------------------------------------------------------------------------------------------


def add_to_sitemap(config: Any, lang: str, files: list[Any]) -> None:
    """List generated pages of the language being built in static-i18n's sitemap (its template reads
    `i18n_alternates`, the documentation pages its own `on_files` kept for each language, which ran before
    these pages existed). Without static-i18n, MkDocs' sitemap lists every documentation page already."""
    i18n = plugin(config)
    if i18n is None:
        return
    i18n.i18n_files_per_language.setdefault(lang, []).extend(files)


# What static-i18n's sitemap template must still read, and where it takes it from
_SITEMAP_READS = ("i18n_alternates", "file.page.canonical_url", "file.alternates")


@adaptation(STATIC_I18N, "the generated pages are listed in static-i18n's sitemap.xml (its per-language list of pages)")
def probe_sitemap() -> Optional[str]:
    from mkdocs_static_i18n import plugin as i18n_plugin
    from mkdocs_static_i18n import reconfigure

    source = inspect.getsource(i18n_plugin.I18n.on_files)
    if "self.i18n_files_per_language[self.current_language] = " not in source:
        return "its on_files no longer fills `i18n_files_per_language` for the language being built"
    if 'context["i18n_alternates"] = self.i18n_files_per_language' not in inspect.getsource(i18n_plugin.I18n.on_template_context):
        return "its templates no longer receive `i18n_alternates` from `i18n_files_per_language`"
    if "custom_i18n_sitemap" not in inspect.getsource(reconfigure):
        return "it no longer installs its own sitemap.xml template"
    template = Path(inspect.getfile(i18n_plugin)).parent / "custom_i18n_sitemap" / "sitemap.xml"
    text = template.read_text(encoding="utf-8") if template.is_file() else ""
    for read in _SITEMAP_READS:
        if read not in text:
            return f"its sitemap.xml template no longer reads `{read}`"
    return None


# --- the language links of a page -----------------------------------------------------------------------------

_TAG_RE = re.compile(r'<(?P<tag>link|a)\b[^>]*\shreflang="(?P<lang>[a-z]{2})"[^>]*>')
_HREF_RE = re.compile(r'(\shref=")([^"]*)(")')
_REL_ALTERNATE_RE = re.compile(r'\srel="alternate"')
_SELECT_RE = re.compile(r'\sclass="[^"]*\bmd-select__link\b')


def rewrite_language_links(html: str, alternate: Callable[[str, str], str], select: Callable[[str, str], str]) -> str:
    """Each `<link rel="alternate" hreflang="xx" href>` gets the href `alternate(lang, href)`; each selector link
    `<a class="md-select__link" hreflang="xx" href>` the href `select(lang, href)`. Attribute order does not matter."""

    def one(m: re.Match[str]) -> str:
        tag, lang = m.group(0), m.group("lang")
        if m.group("tag") == "link" and _REL_ALTERNATE_RE.search(tag):
            new = alternate
        elif m.group("tag") == "a" and _SELECT_RE.search(tag):
            new = select
        else:
            return tag
        return _HREF_RE.sub(lambda h: h.group(1) + new(lang, h.group(2)) + h.group(3), tag, count=1)

    return _TAG_RE.sub(one, html)


@adaptation(STATIC_I18N, "the language links of each page are rewritten (roots, relative home links, 404 pages)")
def probe_language_links() -> Optional[str]:
    base = (templates() / "base.html").read_text(encoding="utf-8")
    if not re.search(r'<link rel="alternate" href="\{\{ alt\.link \| url \}\}" hreflang="', base):
        return "Material's base.html no longer writes `<link rel=\"alternate\" hreflang>` from extra.alternate"
    from mkdocs_static_i18n import reconfigure

    if "alternate" not in inspect.getsource(reconfigure):
        return "static-i18n no longer fills Material's extra.alternate"
    return None
