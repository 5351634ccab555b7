"""The `scoe` MkDocs plugin: the adapter from MkDocs events to the rules engine (`scoelib`). It holds no rule
of its own. pyproject.toml registers `ScoePlugin` (at the end of this module) under the `mkdocs.plugins` entry
point, so mkdocs.yml says `plugins: - scoe`, listed last (at equal priority its events run after those of
mike, search and i18n, as the former hook `hooks/scoe.py` did).

static-i18n re-runs the whole build in the same process for each language, so every event below fires
once per language. The model is built and checked once per build (in the default language's
`on_config`), reused for the other languages' passes, and the whole-site work (search index per language,
localised 404 pages, the other languages' sitemaps) runs once, after the last language.

The state is a `State` on the plugin instance, which MkDocs creates at each configuration load (so
`mkdocs serve` starts each rebuild afresh), passed to each event function below: no module globals, and
what one event leaves for another is a named field of `State`, keyed by the page, never an attribute
stuck on MkDocs' objects.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, cast
from urllib.parse import urljoin

import jinja2
import jinja2.bccache
from mkdocs import plugins
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from scoelib import (
    changes,
    codes,
    diagnostics,
    feeds,
    htmlsize,
    incremental,
    model,
    preview,
    registry,
    rules,
    safety,
    style,
    translation,
    typography,
    ui,
)
from scoelib import config as languages_config
from scoelib.diagnostics import Diagnostic
from scoelib.mkdocs_plugin import compat
from scoelib.mkdocs_plugin import preview as serve_preview
from scoelib.mkdocs_plugin.compat import material_search, mike, mkdocs_build, static_i18n
from scoelib.refs import Index
from scoelib.render import Rendered, Renderer, changes_key, navigation, rel_url

log = logging.getLogger("mkdocs.plugins.scoe")

# What only the build can find (a producer of diagnostics, not a rule: scoelib/registry.py)
registry.producer("plugin.render_limit", codes.LD013)


class ScoeConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs: Config.__init_subclass__ is untyped
    """The plugin's options in mkdocs.yml (`plugins: - scoe: {…}`), all optional."""

    root = c.Optional(c.Dir(exists=True))
    """The library's root (docs/, data/); default: the folder of mkdocs.yml."""
    navigation = c.Type(bool, default=True)
    """Build the navigation from the sources: a new publication appears without editing mkdocs.yml."""


@dataclass
class State:
    """Everything the plugin keeps between events, for one configuration load."""

    lib: model.Library | None = None
    renderer: Renderer | None = None
    render_diags: list[Diagnostic] = field(default_factory=list)
    not_found: dict[str, str] = field(default_factory=dict)  # language → its 404 page, written after the last one
    site_url: str | None = None  # site_url without mike's version, pinned at the first on_config
    # page destination → (page, Rendered), from on_page_markdown to on_page_content
    rendered: dict[str, tuple[Any, Rendered]] = field(default_factory=dict)
    # file name → text of the theme's inline scripts, made files (written after the last language)
    inline_scripts: dict[str, str] = field(default_factory=dict)
    # `mkdocs serve`: problems are shown in the pages instead of stopping the build (scoelib.preview)
    serving: bool = False
    # `mkdocs serve --dirty` (make serve): only the pages a save affects are rendered again (scoelib.incremental)
    dirty: bool = False
    snapshot: Optional[incremental.Snapshot] = None  # the library as the last build saw it
    affected: Optional[set[incremental.Key]] = None  # (key, language) of the pages to render in this build; None: all
    last_build_ok: bool = False
    made: dict[str, str] = field(default_factory=dict)  # page destination → digest of the Rendered its HTML was made from
    prepared: dict[str, Rendered] = field(default_factory=dict)  # page destination → Rendered worked out by mark_affected
    theme_listing: dict[tuple[Any, ...], list[str]] = field(default_factory=dict)  # compat/mkdocs_build.py
    templates: "TemplateCache" = field(default_factory=lambda: TemplateCache())  # the preview's compiled templates
    around: str = ""  # fingerprint of mkdocs.yml and the templates at the last build
    problems: preview.Problems = field(default_factory=preview.Problems)
    capture: serve_preview.Capture = field(default_factory=serve_preview.Capture)
    # what changed since each published version older than the previous one (the `<publication>/changes/<version>/`
    # pages; not in the preview), and since the previous one: computed once per build (scoelib.changes)
    older: dict[str, changes.LibraryChanges] = field(default_factory=dict)
    changes: changes.LibraryChanges | None = None
    generated: dict[str, str] = field(default_factory=dict)  # generated page's destination → its key
    site_name: str = ""  # the default language's (static-i18n changes config.site_name per language)


def _i18n(config: MkDocsConfig) -> Any:
    return static_i18n.plugin(config)


def _default(state: State) -> str:
    """The default language (mkdocs.yml's i18n configuration, as the engine read it)."""
    return state.lib.languages.default if state.lib is not None else languages_config.MKDOCS_DEFAULT_LANGUAGE


def _lang(state: State, config: MkDocsConfig) -> str:
    return static_i18n.current_language(config, _default(state))


def _site_path(config: MkDocsConfig) -> str:
    """The path part of site_url ("/" or "/2026.1/" under mike): where absolute site links start."""
    return "/" + (config.site_url or "/").split("://", 1)[-1].partition("/")[2]


def _fail(diags: list[Diagnostic], where: str, held: dict[str, int] | None = None, state: State | None = None) -> None:
    found = diagnostics.sort(diags)
    if found or held:
        print(diagnostics.report(found, held=held), file=sys.stderr)
    for d in found:
        if d.code == codes.SF007:
            print(f"safety exemption applied: {d.file}:{d.line}: {d.message}", file=sys.stderr)
    if state is not None and state.serving:  # the preview builds anyway and shows them in every page
        state.problems.findings += [d for d in found if d.severity >= diagnostics.Severity.WARNING]
        state.problems.held.update(held or {})
        return
    if diagnostics.has_errors(found):
        n = sum(d.severity is diagnostics.Severity.ERROR for d in found)
        raise PluginError(f"{n} error{'s' if n != 1 else ''} in the library sources ({where}); nothing was published. "
                          "Fix them (`make check` lists the same) and build again.")


_IMPORTED_AT = time.time()


def reload_edited_engine() -> bool:
    """`make serve` rebuilds in one process, with the engine imported once: when a file of the engine changed
    since (mkdocs.yml watches scoelib/), its modules are imported again, so the preview never shows what the
    old rules made of the library. True if it did."""
    global _IMPORTED_AT
    folder = Path(__file__).resolve().parent.parent
    changed = [p for p in folder.rglob("*") if p.suffix in (".py", ".yml") and p.stat().st_mtime > _IMPORTED_AT]
    if not changed:
        return False
    _IMPORTED_AT = time.time()
    for name, module in list(sys.modules.items()):  # import order: a module after those it imports
        if (name == "scoelib" or name.startswith("scoelib.")) and not name.startswith("scoelib.mkdocs_plugin"):
            importlib.reload(module)
    for name, value in list(globals().items()):  # `from scoelib.x import Y` here: Y of the new module
        origin = sys.modules.get(getattr(value, "__module__", "") or "")
        if isinstance(value, type) and origin is not None and origin.__name__.startswith("scoelib.") and hasattr(origin, name):
            globals()[name] = getattr(origin, name)
    return True


def on_config(state: State, config: MkDocsConfig, options: ScoeConfig) -> MkDocsConfig:
    if not static_i18n.building_other_language(config):  # once per build: do the upstream adaptations still apply?
        compat.check(strict=bool(config.strict) and not state.serving)
    version = mike.deployed_version()
    if version and config.site_url:
        state.site_url = mike.pin_site_url(config, version, state.site_url)  # compat/mike.py
    elif not version:
        # outside a mike deployment there is no versions.json: no version selector to fetch it
        config.extra.pop("version", None)
    material_search.silence(config)  # compat/material_search.py: search is Pagefind's
    if state.serving:  # each language's build: the preview shows MkDocs' warnings instead of stopping on them
        serve_preview.not_strict()
    i18n = _i18n(config)
    if not static_i18n.building_other_language(config):  # the outer pass; static-i18n's inner passes reuse the model
        _new_build(state)
        root = Path(options.root or Path(config.config_file_path or "mkdocs.yml").resolve().parent)
        # the preview parses again only the pages whose file changed since the last build (model.load's reuse)
        lib, diags = model.load(root, reuse=state.lib if state.serving else None)
        index = Index(lib)
        checked, held = rules.check_and_count(lib, index)
        # what changed since the previous published version (the one before the version mike builds)
        previous, found = model.load_previous(lib.root, version or None)
        checked += found
        _fail(diags + checked, "checked before rendering", held, state)
        _log_translations(lib)
        state.changes = changes.compare(previous, lib)
        state.older = {} if state.serving else changes.compare_older(lib.root, lib, version or None, state.changes.since)
        state.site_name = config.site_name
        state.lib, state.renderer = lib, Renderer(lib, index, changes=state.changes, older=state.older)
        if state.serving and state.dirty:
            _plan_preview(state, config, lib, index)
            if state.affected is not None:  # a partial rebuild: the 404 pages of the last full build stay as they are
                config.theme.static_templates.difference_update(PREVIEW_KEEPS)
                mkdocs_build.reuse_theme_listing(config, state.theme_listing)
        if options.navigation:
            # the navigation follows the sources: a new publication appears without editing mkdocs.yml
            config.nav, titles = navigation(lib, state.renderer.strings)
            if i18n is not None:
                # the other languages' section titles come from the catalogue (mkdocs.yml may add some); the
                # renderer titles admonitions itself (static-i18n's admonition_translations apply to the
                # Markdown this plugin replaces)
                for lang_config in i18n.config.languages:
                    if lang_config.locale in titles:
                        lang_config.nav_translations = {**(lang_config.nav_translations or {}), **titles[lang_config.locale]}
        state.render_diags, state.not_found, state.rendered, state.generated = [], {}, {}, {}
        state.inline_scripts = {}
    return config


PREVIEW_KEEPS = ("404.html",)  # the theme's pages a partial preview build does not render again (`*.html`: never a theme file)


PAGEFIND_EXCLUDE = "[data-search-exclude], .headerlink, .md-source-file, .scoe-para-actions, .scoe-crumbs, .scoe-pubhead"


def _pagefind_index(site: Path) -> None:
    """The reader's search index (Pagefind, from PyPI; no network): one per language, from each page's
    `<html lang>` (French stemming built in), over the articles only (`data-pagefind-body`, set in
    `on_post_page`), without tooltips and banners (`data-search-exclude`)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind",
           "--exclude-selectors", PAGEFIND_EXCLUDE, "--silent"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PluginError(f"the search index (Pagefind) failed: {(done.stderr or done.stdout).strip()[-2000:]}")


def on_env(state: State, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Templates take the library's strings from the same catalogue as the engine: `scoe_t(key, lang)`, and
    `scoe_strings(lang)` for the scripts (a JSON object, safe inside `<script type="application/json">`)."""
    strings = state.renderer.strings if state.renderer is not None else ui.package_catalogue()
    if state.serving:  # the preview's rebuilds compile the theme's templates once, not once per rebuild and language
        env.bytecode_cache = state.templates
    env.globals["scoe_t"] = strings.t
    default = _default(state)
    env.globals["scoe_strings"] = lambda lang: _script_strings(strings, lang, default)
    env.globals["scoe_default_language"] = default
    return env


def _script_strings(strings: ui.Catalogue, lang: str, default: str) -> str:
    data: dict[str, Any] = {"lang": lang, "default_lang": default, "copied": typography.label(strings.t("copied", lang), lang) + " "}
    # the national review's form, panel and CSV matrix (scoe-review.js): its strings as written, `{fields}` left
    # for the script to fill in, and the language's CSV separator (`;` where spreadsheets expect it)
    data["review"] = {k[len("review."):]: strings.strings.get(lang, {}).get(k, v) for k, v in strings.strings[ui.REFERENCE].items()
                      if k.startswith("review.")}
    data["review"]["csv_separator"] = typography.rules(lang).list_separator
    data["search"] = {k[len("search."):]: strings.strings.get(lang, {}).get(k, v) for k, v in strings.strings[ui.REFERENCE].items()
                      if k.startswith("search.")}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def on_files(state: State, files: Files, config: MkDocsConfig) -> Files:
    """The generated pages of the language being built (after static-i18n's own on_files, which would not
    know them): each publication's change page and the library's what's new. Reachable from the pages
    that link to them, not listed in the navigation, listed in sitemap.xml."""
    from mkdocs.structure.files import File, InclusionLevel

    renderer = state.renderer
    if renderer is None:
        return files
    lang = _lang(state, config)

    def made(key: str, in_lang: str) -> File:
        url = model.page_url(key, in_lang, _default(state))
        f = File.generated(config, f"{key}.{in_lang}.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
        f.dest_uri = url + "index.html"
        f.url = url
        f.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, f.dest_uri))
        return f

    languages = list(state.lib.languages) if state.lib else [lang]
    this_language = []
    for key in renderer.generated_keys():
        made_files = {other: made(key, other) for other in languages}
        static_i18n.mark_generated(made_files)  # compat/static_i18n.py: what its selector and sitemap read
        mine = made_files[lang]
        state.generated[mine.dest_uri] = key
        files.append(mine)
        this_language.append(mine)
    static_i18n.add_to_sitemap(config, lang, this_language)  # compat/static_i18n.py: its sitemap lists its own files
    return files


def on_page_markdown(state: State, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lib, renderer = state.lib, state.renderer
    dest = page.file.dest_uri
    generated = state.generated.get(dest)
    prepared = state.prepared.pop(dest, None)  # mark_affected worked it out already
    if generated is not None and renderer is not None:
        made = prepared or renderer.generated_markdown(generated, _lang(state, config))
        if made is not None:
            state.rendered[dest] = (page, made)
            if state.serving:
                state.made[dest] = _digest(made)
            return made.markdown
    src = page.file.src_uri  # "publications/x/chapter-1.en.md" (suffix layout) or fallback
    key = src.rsplit(".", 2)[0]
    lang_text = getattr(page.file, "locale", None) or _default(state)
    source = lib.page(key, lang_text) if lib else None
    if source is None or renderer is None:
        return markdown
    rendered = prepared or renderer.page_markdown(source, _lang(state, config))
    state.rendered[dest] = (page, rendered)
    if state.serving:
        state.made[dest] = _digest(rendered)
    page.meta.update(rendered.meta)  # scoe_pager: previous and next for overrides/partials/footer.html
    render_limit(source.rel, RENDER_SECONDS)  # Python-Markdown converts the page between the two events
    return rendered.markdown


# Processor time one page may take to render (a page of the library takes a few hundredths of a second).
# The check's limits (size, nesting, brackets per paragraph) stop every slow input known; this is the net
# under them: the build stops with a diagnostic instead of hanging.
RENDER_SECONDS = 30.0


def render_limit(rel: str, seconds: float) -> None:
    """Arm (seconds > 0) or disarm (0) the render time limit of page `rel`: processor time, so a busy
    machine does not trip it. Only the main thread can take the signal (`mkdocs serve` rebuilds elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def expired(signum: int, frame: Any) -> None:
        raise PluginError(f"{rel}:1:1: {codes.LD013} the page took more than {seconds:g} s of processor time to render; "
                          "nothing was published. Hint: split it, or simplify what `make check` cannot see.")

    signal.signal(signal.SIGPROF, expired if seconds else signal.SIG_IGN)
    signal.setitimer(signal.ITIMER_PROF, seconds)


def on_page_content(state: State, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Active content in what the author's text became, reported at the author's line; then the generated
    fragments put back into the page. The fragments are not scanned again: the renderer builds them from
    escaped text and from the library's own addresses, so they cannot carry active content (and half the
    elements of a page are theirs)."""
    render_limit("", 0)
    lib = state.lib
    key = page.file.src_uri.rsplit(".", 2)[0]
    source = lib.page(key, getattr(page.file, "locale", None) or _default(state)) if lib else None
    if source is None and page.file.dest_uri in state.generated:
        made = state.rendered.pop(page.file.dest_uri, None)  # made by the renderer alone: nothing to scan
        lang = _lang(state, config)
        if made is not None and made[0] is page:
            html = style.render_html(made[1].html(html), lang, ordinals=True)
        return html
    if source is None:
        return html
    for f in safety.check_html(html):
        line, col = safety.locate(source.body, source.body_start, f)
        state.render_diags.append(Diagnostic(source.rel, line, col, f.code, f.message + " (in the rendered page)", hint=f.hint))
    made = state.rendered.pop(page.file.dest_uri, None)
    if made is not None and made[0] is page:
        rendered = made[1]
        html = style.render_html(rendered.html(html), source.lang, ordinals=True)  # the language's spaces and ordinals, whatever the source
    else:
        html = style.render_html(html, source.lang, ordinals=True)
    style.render_titles(cast(Any, page), source.lang)  # MkDocs' title is a property with a setter
    return html


def on_page_context(state: State, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    cast(dict[str, Any], context)["scoe_changes_link"] = _changes_link(state, page, config)
    return context


def _changes_link(state: State, page: Page, config: MkDocsConfig) -> dict[str, str] | None:
    """For the outdated-version banner of a publication's pages (overrides/main.html): the path, in the latest
    version, of its changes since the version being built (`<publication>/changes/<version>/`, which the
    latest version writes for each older one), the path of its change page (`<publication>/changes/`, where
    scoe-outdated.js goes if the first is not there), and the link's words."""
    if state.lib is None or state.renderer is None:
        return None
    key = state.generated.get(page.file.dest_uri) or page.file.src_uri.rsplit(".", 2)[0]
    lang = _lang(state, config)
    version = mike.deployed_version()
    for pub in state.lib.publications.values():
        if key.startswith(pub.folder + "/"):
            page_path = state.lib.url(changes_key(pub), lang)
            return {"path": page_path + (f"{version}/" if version else ""), "fallback": page_path,
                    "label": state.renderer.t("changes.banner_link", lang)}
    return None


def on_post_page(state: State, output: str, page: Page, config: MkDocsConfig) -> str:
    """`<link rel=alternate hreflang>` point to the language roots: Material fetches `sitemap.xml` next to each
    of them to switch language (static-i18n's per-page links made it fetch missing files). Per-page
    alternates stay in the visible language selector and in the sitemap."""
    depth = page.url.count("/") if page.url else 0
    root = "../" * depth or "./"
    default = _default(state)

    def alternate(lang: str, href: str) -> str:
        return root + ("" if lang == default else lang + "/")

    def relative(lang: str, href: str) -> str:
        # static-i18n makes the home pages' language links absolute ("/fr/"): under mike they would
        # leave the version folder. Make them relative to the page, like the other pages' links.
        if not href.startswith("/"):
            return href
        base = _site_path(config)
        if href.startswith(base):
            href = root + href[len(base):]
        return href or "./"

    output = static_i18n.rewrite_language_links(output, alternate, relative)  # compat/static_i18n.py
    output = _external_scripts(state, output, root + safety.INLINE_SCRIPTS)
    article = '<article class="md-content__inner md-typeset"'
    output = output.replace(article + ">", article + " data-pagefind-body>", 1)
    return safety.with_csp(htmlsize.squeeze(output))  # the same page without the templates' indentation


def _external_scripts(state: State, output: str, prefix: str) -> str:
    """Inline scripts become files (written after the last language): the server's policy needs no
    'unsafe-inline' (deploy/nginx.conf)."""
    output, files = safety.external_scripts(output, prefix)
    state.inline_scripts.update(files)
    return output


def on_post_template(state: State, output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        output = _not_found_languages(output, config, _default(state))
        output = safety.with_csp(_external_scripts(state, output, _site_path(config) + safety.INLINE_SCRIPTS))
        state.not_found[_lang(state, config)] = output
    return output


def _not_found_languages(output: str, config: MkDocsConfig, default: str) -> str:
    """static-i18n leaves the last rendered page's language links in the French 404 page (which then fetches
    that page's missing sitemap). A missing page has no counterpart: its language links go to the homes."""
    base = _site_path(config)

    def home(lang: str) -> str:
        return base + ("" if lang == default else lang + "/")

    return static_i18n.rewrite_language_links(output, lambda lang, href: home(lang), lambda lang, href: home(lang))


def on_post_build(state: State, config: MkDocsConfig) -> None:
    if static_i18n.building_other_language(config):
        return  # a language pass inside static-i18n; the whole-site work waits for the last one
    _fail(state.render_diags, "found while rendering", state=state)
    site = Path(config.site_dir)
    if state.lib is None:
        return
    languages = state.lib.languages
    scripts = site / safety.INLINE_SCRIPTS
    scripts.mkdir(parents=True, exist_ok=True)
    for name, body in state.inline_scripts.items():
        (scripts / name).write_text(body, encoding="utf-8")
    _write_feeds(state, site, config)
    _write_since_previous(state, site, config.site_url, config.theme.get("favicon"))
    for lang, html in state.not_found.items():
        target = site / ("404.html" if lang == languages.default else f"{lang}/404.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    for lang in languages.others:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).exists() and (site / lang).is_dir():
                shutil.copyfile(site / name, site / lang / name)
    shutil.rmtree(site / "search", ignore_errors=True)  # static-i18n's empty lunr index: Material's search is off
    if not state.serving:  # the preview stays fast; `make build` and releases index the site
        _pagefind_index(site)
    if os.environ.get("SCOE_KIT"):
        _release_kit(state, config, site, os.environ["SCOE_KIT"])
    state.last_build_ok = True


def _log_translations(lib: model.Library) -> None:
    """Stale translations pass the build (a release refuses them): say so, as `make check` does."""
    for line in translation.summary_lines(translation.status(lib), lib):
        if not line.startswith("Translations") or " 0 out of date" not in line:
            log.info(line)


def _new_build(state: State) -> None:
    """A build starts: an edited engine is imported again; the preview forgets what the last build found."""
    if reload_edited_engine():
        state.snapshot = None  # the rules changed: every page is rendered again
        state.lib = None  # and every page is parsed again
    if state.serving:
        state.problems = preview.Problems()
        state.capture.messages.clear()
        state.prepared.clear()


def _plan_preview(state: State, config: MkDocsConfig, lib: model.Library, index: Index) -> None:
    """The preview (`make serve`, `--dirty`) renders again only what this save affects (scoelib.incremental)."""
    snap = incremental.snapshot(lib, index)
    around = _around_the_sources(config)  # mkdocs.yml and the templates: every page shows them
    same = state.last_build_ok and state.around == around
    state.affected = incremental.affected(state.snapshot if same else None, snap)
    state.snapshot, state.around, state.last_build_ok = snap, around, False
    if state.affected is not None:
        log.info(f"Preview: {len(state.affected)} page(s) affected by this save are rendered again")


def _around_the_sources(config: MkDocsConfig) -> str:
    """A fingerprint of what every page depends on besides the library's sources: mkdocs.yml and the
    theme's overrides (a change there renders every page again in the preview)."""
    digest = hashlib.blake2b(digest_size=12)
    if config.config_file_path and Path(config.config_file_path).is_file():
        digest.update(Path(config.config_file_path).read_bytes())
    custom = config.theme.custom_dir
    for path in sorted(Path(custom).rglob("*")) if custom else []:
        if path.is_file():
            digest.update(f"{path}:{path.stat().st_mtime_ns}\n".encode())
    return digest.hexdigest()


def mark_affected(state: State, files: Files, config: MkDocsConfig) -> Files:
    """`make serve` rebuilds with `--dirty`: MkDocs then renders only the pages whose source is newer than
    their HTML. Of the pages that depend on the saved one (scoelib.incremental: its other languages, the
    translation status, citing pages; the generated change pages and what's new), those whose text for the
    Markdown engine differs from the one their HTML was made from are marked modified too; when a save
    affects the whole site, every page is."""
    if not (state.serving and state.dirty) or state.lib is None:
        return files
    affected = state.affected
    keys = None if affected is None else {key for key, _ in affected}
    for file in files.documentation_pages():
        generated = state.generated.get(file.dest_uri)
        if affected is None:
            _mark(file, _modified)
        elif generated is not None:  # no source file: MkDocs would render it at every rebuild
            wanted = incremental.shows_changes_of(affected, generated) and _changed_for_engine(state, file, config)
            _mark(file, _modified if wanted else _unmodified)
        elif keys is not None and file.src_uri.rsplit(".", 2)[0] in keys and not file.is_modified():
            if _changed_for_engine(state, file, config):
                _mark(file, _modified)
    return files


def _prepare(state: State, file: File, config: MkDocsConfig) -> Optional[Rendered]:
    """What `on_page_markdown` hands the Markdown engine for this page (None: MkDocs' own text)."""
    renderer, lib = state.renderer, state.lib
    if renderer is None or lib is None:
        return None
    generated = state.generated.get(file.dest_uri)
    if generated is not None:
        return renderer.generated_markdown(generated, _lang(state, config))
    source = lib.page(file.src_uri.rsplit(".", 2)[0], getattr(file, "locale", None) or _default(state))
    return renderer.page_markdown(source, _lang(state, config)) if source is not None else None


def _changed_for_engine(state: State, file: File, config: MkDocsConfig) -> bool:
    """Whether the page's text for the Markdown engine differs from the one its HTML was last made from
    (kept for `on_page_markdown` when it does)."""
    made = _prepare(state, file, config)
    if made is None or state.made.get(file.dest_uri) != _digest(made):
        if made is not None:
            state.prepared[file.dest_uri] = made
        return True
    return False


def _digest(made: Rendered) -> str:
    return hashlib.blake2b(repr(made).encode("utf-8"), digest_size=16).hexdigest()


def _mark(file: File, modified: Callable[[], bool]) -> None:
    """`is_modified` set on this File object (not its class): MkDocs asks it, not the files' times."""
    file.is_modified = modified  # type: ignore[method-assign]


def _modified() -> bool:
    return True


def _unmodified() -> bool:
    return False


class TemplateCache(jinja2.BytecodeCache):
    """The theme's templates compiled, kept in memory from one preview rebuild to the next (Jinja checks
    each template's source against what it compiled, so an edited template is compiled again)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _release_kit(state: State, config: MkDocsConfig, site: Path, asked: str) -> None:
    """PDFs, open data, offline bundle and checksums (scoelib.kit), over the finished site, after every check
    passed: only when SCOE_KIT asks (`make pdf`, `make bundle`, `make release`), never in `make build`/`serve`."""
    from scoelib import kit

    try:
        parts = kit.parts_from(asked)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    version = os.environ.get("MIKE_DOCS_VERSION") or os.environ.get("SCOE_KIT_VERSION") or ""
    if "bundle" in parts and not version:
        raise PluginError("the offline bundle needs a version: make bundle VERSION=2026.1")
    lib = state.lib
    assert lib is not None
    only = {x for x in os.environ.get("SCOE_KIT_ONLY", "").split(",") if x}  # tests: fewer PDFs
    res = kit.build(lib, site, site_url=config.site_url or "/", version=kit.version_label(lib, version), parts=parts,
                    dist=Path(os.environ.get("SCOE_KIT_DIST") or lib.root / "dist"), only=only or None)
    log.info(f"release kit: {len(res.pdfs)} PDFs ({sum(res.pages.values())} pages)"
             + (f", {res.bundle.name}" if res.bundle else "") + (", data/library.json" if res.data else "") + ", SHA256SUMS")


def _write_feeds(state: State, site: Path, config: MkDocsConfig) -> None:
    """`feed.xml` and `<language>/feed.xml`: the publications changed since the previous published version (Atom)."""
    if state.renderer is None or state.lib is None:
        return
    languages = state.lib.languages
    i18n = _i18n(config)
    names = {languages.default: state.site_name or config.site_name}
    if i18n is not None:
        for lang_config in i18n.config.languages:
            names[lang_config.locale] = lang_config.site_name or names[languages.default]
    for lang in languages:
        folder = site if lang == languages.default else site / lang
        if not folder.is_dir():
            continue  # a one-language preview (make serve-en)
        data = feeds.atom(state.renderer, lang, config.site_url or "http://127.0.0.1:8000/", names.get(lang) or config.site_name)
        (site / feeds.feed_path(lang, languages.default)).write_bytes(data)


def _write_since_previous(state: State, site: Path, site_url: str | None, favicon: str | None = None) -> None:
    """`<publication>/changes/<previous version>/` in each language: the changes since the previous version are
    the change page itself (`<publication>/changes/`), where this small page sends the reader. A reader of
    that version comes here from its outdated-version banner. It names the site's icon (theme.favicon), as
    every page does: a browser would otherwise ask for /favicon.ico, which the site does not have."""
    if state.renderer is None or state.lib is None or not state.changes or not state.changes.available or not state.changes.since:
        return
    for lang in state.lib.languages:
        if not (site / state.lib.url("index", lang)).is_dir():
            continue  # a one-language preview (make serve-en)
        for pub in state.lib.publications.values():
            target = state.lib.url(changes_key(pub), lang)
            path = site / target / state.changes.since / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            canonical = urljoin(site_url, target) if site_url else "../"
            icon = rel_url(f"{target}{state.changes.since}/", favicon) if favicon else None
            path.write_text(safety.with_csp(state.renderer.since_previous(pub, lang, canonical, icon)), encoding="utf-8")


class ScoePlugin(plugins.BasePlugin[ScoeConfig]):  # type: ignore[no-untyped-call]  # the same, in BasePlugin
    """The events MkDocs calls, each handed to the function above with this instance's state. The priorities
    are the ones the functions' docstrings rely on: `on_config` after mike's (site_url) and search's (its
    index), `on_post_build` after static-i18n's (−100), which builds the other languages."""

    def __init__(self) -> None:
        self.state = State()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.state.serving = command == "serve"
        self.state.dirty = dirty
        if self.state.serving:
            logging.getLogger("mkdocs").addHandler(self.state.capture)

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.state.capture)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """The preview never hangs after a failed save and shows the problems in the page."""
        state = self.state

        def problems() -> preview.Problems:  # the library's findings, MkDocs' own warnings, a failed build
            return dataclasses.replace(state.problems, messages=[*state.capture.messages, *state.problems.messages])

        def failed(text: str) -> None:
            state.problems.failed = True
            state.problems.messages.append(text)

        strings = lambda: state.renderer.strings if state.renderer else None
        served: LiveReloadServer = serve_preview.install(server, problems, strings, failed)
        return served

    @plugins.event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        return on_config(self.state, config, self.config)

    @plugins.event_priority(-200)  # after static-i18n's, which makes each language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return mark_affected(self.state, on_files(self.state, files, config), config)

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        return on_env(self.state, env, config, files)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return on_page_markdown(self.state, markdown, page, config, files)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return on_page_content(self.state, html, page, config, files)

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        return on_page_context(self.state, context, page, config, nav)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return on_post_page(self.state, output, page, config)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return on_post_template(self.state, output_content, template_name, config)

    @plugins.event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        return on_post_build(self.state, config)
