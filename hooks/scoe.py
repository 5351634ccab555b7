"""MkDocs adapter for the rules engine (`scoelib`). It holds no rule of its own.

static-i18n re-runs the whole build in the same process for each language, so every event below fires
once per language. The model is built and checked once per build (in the default language's
`on_config`), reused for the French pass, and the whole-site work (search index per language,
localised 404 pages, the French sitemap) runs once, after the last language.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
from pathlib import Path

from mkdocs import plugins
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scoelib import diagnostics, htmlsize, model, rules, safety, searchtext  # noqa: E402
from scoelib.diagnostics import Diagnostic  # noqa: E402
from scoelib.model import DEFAULT_LANG  # noqa: E402
from scoelib.refs import Index  # noqa: E402
from scoelib.render import Renderer, navigation  # noqa: E402

log = logging.getLogger("mkdocs.hooks.scoe")


class _State:
    lib: model.Library | None = None
    renderer: Renderer | None = None
    render_diags: list[Diagnostic] = []
    not_found: dict[str, str] = {}
    site_url: str | None = None
    rendered: tuple | None = None  # (page, Rendered) between on_page_markdown and on_page_content


S = _State()


def _i18n(config):
    return config.plugins.get("i18n")


def _lang(config) -> str:
    plugin = _i18n(config)
    return plugin.current_language if plugin is not None and plugin.current_language else DEFAULT_LANG


def _site_path(config) -> str:
    """The path part of site_url ("/" or "/2026.1/" under mike): where absolute site links start."""
    return "/" + (config.site_url or "/").split("://", 1)[-1].partition("/")[2]


def _fail(diags: list[Diagnostic], where: str) -> None:
    found = diagnostics.sort(diags)
    if found:
        print(diagnostics.report(found), file=sys.stderr)
    for d in found:
        if d.code == "SF007":
            print(f"safety exemption applied: {d.file}:{d.line}: {d.message}", file=sys.stderr)
    if diagnostics.has_errors(found):
        n = sum(d.severity is diagnostics.Severity.ERROR for d in found)
        raise PluginError(f"{n} error{'s' if n != 1 else ''} in the library sources ({where}); nothing was published. "
                          "Fix them (`make check` lists the same) and build again.")


@plugins.event_priority(-50)
def on_config(config):
    version = os.environ.get("MIKE_DOCS_VERSION")
    if version and config.site_url:
        # mike joins the version to site_url without a trailing slash, on every on_config (once per
        # language): sitemaps and canonical links then break ("…/2.0fr/"). Pin it, with the slash.
        if S.site_url is None:
            S.site_url = config.site_url[: -len(version)] if config.site_url.endswith(version) else config.site_url
        config.site_url = S.site_url.rstrip("/") + "/" + version + "/"
    elif not version:
        # outside a mike deployment there is no versions.json: no version selector to fetch it
        config.extra.pop("version", None)
    _index_with_lexbor(config)
    i18n = _i18n(config)
    if i18n is None or not i18n.building:  # the outer pass; static-i18n's inner passes reuse the model
        lib, diags = model.load(Path(config.config_file_path).parent if config.config_file_path else ROOT)
        index = Index(lib)
        diags += rules.check(lib, index)
        _fail(diags, "checked before rendering")
        S.lib, S.renderer = lib, Renderer(lib, index)
        # the navigation follows the sources: a new publication appears without editing mkdocs.yml
        config.nav, titles = navigation(lib)
        if i18n is not None:
            for lang_config in i18n.config.languages:
                if lang_config.locale != DEFAULT_LANG:
                    lang_config.nav_translations = {**(lang_config.nav_translations or {}), **titles}
        S.render_diags = []
        S.not_found = {}
    return config


def _index_with_lexbor(config) -> None:
    """Material's search plugin cuts each page into sections with `html.parser`; `scoelib.searchtext` does
    the same cut, with the same result, three times faster. Material still builds every entry (titles,
    locations, tags, boosts) and writes the index. Its search plugin makes a new index at each `on_config`
    (once per language), which runs before this hook's."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if index is None or not hasattr(index, "create_entry_for_section"):
        return

    def add_entry_from_context(page):
        if (page.meta.get("search") or {}).get("exclude"):
            return
        # the page without its tooltips (Rendered.html(search=True)), if nothing changed the page since
        for_search, content = getattr(page, "scoe_search_content", (None, None))
        for section in searchtext.sections(for_search if for_search is not None and content == page.content else page.content):
            if not section.excluded:
                index.create_entry_for_section(section, page.toc, page.url, page)

    index.add_entry_from_context = add_entry_from_context


def on_page_markdown(markdown, page, config, files):
    lib, renderer = S.lib, S.renderer
    src = page.file.src_uri  # "publications/x/chapter-1.en.md" (suffix layout) or fallback
    key = src.rsplit(".", 2)[0]
    lang_text = getattr(page.file, "locale", None) or DEFAULT_LANG
    source = lib.page(key, lang_text) if lib else None
    if source is None:
        return markdown
    S.rendered = (page, renderer.page_markdown(source, _lang(config)))
    page.meta.update(S.rendered[1].meta)  # scoe_pager: previous and next for overrides/partials/footer.html
    return S.rendered[1].markdown


def on_page_content(html, page, config, files):
    """Active content in what the author's text became, reported at the author's line; then the generated
    fragments put back into the page. The fragments are not scanned again: the renderer builds them from
    escaped text and from the library's own addresses, so they cannot carry active content (and half the
    elements of a page are theirs)."""
    lib = S.lib
    key = page.file.src_uri.rsplit(".", 2)[0]
    source = lib.page(key, getattr(page.file, "locale", None) or DEFAULT_LANG) if lib else None
    if source is None:
        return html
    for f in safety.check_html(html):
        line, col = safety.locate(source.body, source.body_start, f)
        S.render_diags.append(Diagnostic(source.rel, line, col, f.code, f.message + " (in the rendered page)", hint=f.hint))
    if S.rendered is not None and S.rendered[0] is page:
        rendered, S.rendered = S.rendered[1], None
        for_search = rendered.html(html, search=True)
        html = rendered.html(html)
        page.scoe_search_content = (for_search, html)  # the indexer checks that the page is still `html`
    return html


def on_post_page(output, page, config):
    """`<link rel=alternate hreflang>` point to the language roots: Material fetches `sitemap.xml` next to each
    of them to switch language (static-i18n's per-page links made it fetch missing files). Per-page
    alternates stay in the visible language selector and in the sitemap."""
    depth = page.url.count("/") if page.url else 0
    root = "../" * depth or "./"

    def fix(match):
        lang = match.group("lang")
        return f'<link rel="alternate" href="{root}{"" if lang == DEFAULT_LANG else lang + "/"}" hreflang="{lang}">'

    def relative(match):
        # static-i18n makes the home pages' language links absolute ("/fr/"): under mike they would
        # leave the version folder. Make them relative to the page, like the other pages' links.
        href = match.group("href")
        base = _site_path(config)
        if href.startswith(base):
            href = root + href[len(base):]
        return f'<a href="{href or "./"}" hreflang="{match.group("lang")}" class="md-select__link"'

    output = _SELECT_RE.sub(relative, _ALTERNATE_RE.sub(fix, output))
    return safety.with_csp(htmlsize.squeeze(output))  # the same page without the templates' indentation


_SELECT_RE = re.compile(r'<a href="(?P<href>/[^"]*)" hreflang="(?P<lang>[a-z]{2})" class="md-select__link"')
_ALTERNATE_RE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="(?P<lang>[a-z]{2})">')


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        output = safety.with_csp(_not_found_languages(output, config))
        S.not_found[_lang(config)] = output
    return output


def _not_found_languages(output: str, config) -> str:
    """static-i18n leaves the last rendered page's language links in the French 404 page (which then fetches
    that page's missing sitemap). A missing page has no counterpart: its language links go to the homes."""
    base = _site_path(config)

    def home(lang: str) -> str:
        return base + ("" if lang == DEFAULT_LANG else lang + "/")

    output = _ALTERNATE_RE.sub(lambda m: f'<link rel="alternate" href="{home(m["lang"])}" hreflang="{m["lang"]}">', output)
    return re.sub(r'<a href="[^"]*" hreflang="(?P<lang>[a-z]{2})" class="md-select__link"',
                  lambda m: f'<a href="{home(m["lang"])}" hreflang="{m["lang"]}" class="md-select__link"', output)


@plugins.event_priority(-200)
def on_post_build(config):
    i18n = _i18n(config)
    if i18n is not None and i18n.building:
        return  # a language pass inside static-i18n; the whole-site work waits for the last one
    _fail(S.render_diags, "found while rendering")
    site = Path(config.site_dir)
    _split_search_index(site)
    for lang, html in S.not_found.items():
        target = site / ("404.html" if lang == DEFAULT_LANG else f"{lang}/404.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    for lang in ("fr",):
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).exists() and (site / lang).is_dir():
                shutil.copyfile(site / name, site / lang / name)


def _split_search_index(site: Path) -> None:
    """One search index per language, each with its own stemmer: `/search/` English, `/fr/search/` French."""
    path = site / "search" / "search_index.json"
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = data.get("docs", [])
    for lang in ("en", "fr"):
        mine = [d for d in docs if (d["location"].startswith(f"{lang}/") if lang != DEFAULT_LANG else not d["location"].startswith("fr/"))]
        cfg = dict(data.get("config", {}))
        cfg["lang"] = [lang]
        # Material's worker drops every lunr stage missing from `pipeline`, whose default (from its English
        # strings) is the stop-word filter alone: keep the language's stemmer ("spatiale" finds "spatiaux").
        # Queries are stemmed alike by docs/assets/scoe-search-worker.js.
        cfg["pipeline"] = ["stemmer", "stopWordFilter", "trimmer"]
        out = site / ("search" if lang == DEFAULT_LANG else f"{lang}/search") / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"config": cfg, "docs": mine}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
