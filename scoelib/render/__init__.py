"""From author Markdown to the Markdown MkDocs renders: references, paragraphs, banners, generated pages.

Everything here is a pure function of the model: `Renderer(lib).page_markdown(page, site_lang)` returns
a `Rendered`: the text to hand to the Markdown engine, and the HTML it stands for (see `fragments`).
`site_lang` is the language of the site being built; it differs from `page.lang` when the French site shows
an English page whose translation is pending.

The package, by what it renders:

- `site.Site`: what every renderer looks up (the library, its strings, links, names), built once per build;
- `fragments`: `PageContext`, the page being rendered (its language, URL, fragments), made per page and
  dropped with it; `Rendered`, the result, and the tokens that stand for generated HTML in the Markdown;
- `html`: the escaping helper every renderer writes HTML with (`h`, `Markup`, `esc`, `join`);
- `common`: the names, anchors, relative URLs and orders the renderers share (pure functions);
- `references`: references become links and glossary tooltips; the page's abbreviations;
- `paragraphs`: numbered paragraphs (head, change mark, stale badge), admonitions' titles;
- `apparatus`: breadcrumbs, publication line, banners, metadata block, PDF links, pager, a publication's
  contents, record of changes and "referenced by";
- `pages/`: generated content, one module per page (catalogue, glossary, standards, translation status,
  downloads, codes; change pages and what's new), the directives' registered by name in `generated.GENERATORS`;
- `navigation`: the site's navigation derived from the sources.

`Renderer` (below) is the facade the MkDocs plugin, the feeds and the tests use.
"""

from __future__ import annotations

import re
from typing import Optional

from .. import translation
from ..directives import DIRECTIVE_RE
from ..model import Page, Publication
from . import apparatus, paragraphs, references
from .common import (
    CATALOGUE_KEY,
    GLOSSARY_KEY,
    STANDARDS_KEY,
    WHATS_NEW_KEY,
    changes_key,
    initial,
    rel_url,
    sort_key,
    std_anchor,
    term_anchor,
)
from .fragments import PageContext, Rendered
from .generated import GENERATORS
from .html import Markup, esc, start
from .navigation import navigation
from .pages.changes import changes_page, since_previous, summary, whats_new
from .site import Site

__all__ = ["CATALOGUE_KEY", "GENERATORS", "GLOSSARY_KEY", "STANDARDS_KEY", "WHATS_NEW_KEY", "PageContext", "Rendered", "Renderer",
           "changes_key", "initial", "navigation", "rel_url", "sort_key", "std_anchor", "term_anchor"]


class Renderer(Site):
    """The library's renderer: a page's Markdown, the generated pages, a directive's content."""

    def context(self, page: Optional[Page], key: str, lang: str) -> PageContext:
        """A new context for the page `key` (its source `page`, None for a generated page) in the site `lang`."""
        return PageContext(lang, self.lib.url(key, lang), page)

    def page_markdown(self, page: Page, site_lang: str) -> Rendered:
        ctx = self.context(page, page.key, site_lang)
        lines = page.body.split("\n")
        # 1. references, line by line; admonitions titled in the page's language; escaped \[[ become literal [[
        references.link_references(self, ctx, page, lines)
        paragraphs.title_admonitions(self, page, lines)
        lines = [re.sub(r"\\\[\[", "&#91;&#91;", ln) if "\\[[" in ln else ln for ln in lines]
        # 2. numbered paragraphs
        status = self.statuses.get((page.key, page.lang))
        stale = set(status.stale_paragraphs) if status and status.state == translation.STALE else set()
        if page.paragraphs:
            lines = paragraphs.wrap_paragraphs(self, ctx, page, lines, stale)
        text = "\n".join(lines)
        # 3. generated content
        text = DIRECTIVE_RE.sub(lambda m: self.directive(m.group("name"), _args(m.group("args")), ctx), text)
        # 4. banners and metadata under the title, publication apparatus at the end
        top, bottom = apparatus.apparatus(self, ctx, page)
        out = _under_title(ctx, page, text.split("\n"), top) + bottom
        # 5. abbreviations used in the page, expanded in the page's language
        out.extend(references.abbreviations(self, text, page.lang))
        context = apparatus.breadcrumbs(self, page, site_lang, ctx.here) + apparatus.pubhead(self, page, site_lang, ctx.here)
        search_title = self.page_label(page.key, site_lang) if page.publication is not None else None
        return Rendered("\n".join(out) + "\n", ctx.fragments, site_lang, {"scoe_pager": apparatus.pager(self, page.key, site_lang)},
                        search_title, context, self._permalink(site_lang))

    def _permalink(self, lang: str) -> tuple[str, str]:
        return (self.t("permalink", self.default), self.t("permalink", lang))

    def directive(self, name: str, args: dict[str, str], ctx: PageContext) -> str:
        """What a `<!-- scoe:name -->` line becomes (generated.GENERATORS, by the names of scoelib.directives)."""
        generate = GENERATORS.get(name)
        if generate is None:  # `make check` refuses it first (DR001)
            return f"<!-- unknown directive {esc(name)} -->"
        return generate(self, ctx, args)

    # --- what changed since the previous published version (scoelib.changes) -------------------------

    def generated_keys(self) -> list[str]:
        """Pages without a source file: each publication's change page, its changes since each older published
        version (`<publication>/changes/<version>/`, for the readers of that version) and the library's what's new."""
        pubs = self.lib.publications.values()
        return [WHATS_NEW_KEY] + [changes_key(p) for p in pubs] + [f"{changes_key(p)}/{v}" for v in self.older for p in pubs]

    def generated_markdown(self, key: str, lang: str) -> Optional[Rendered]:
        ctx = self.context(None, key, lang)
        if key == WHATS_NEW_KEY:
            text = whats_new(self, ctx)
        else:
            page_key, version = key, ""
            head, _, tail = key.rpartition("/")
            if tail in self.older:  # `<publication>/changes/<older version>`
                page_key, version = head, tail
            pub = next((p for p in self.lib.publications.values() if changes_key(p) == page_key), None)
            if pub is None:
                return None
            text = changes_page(self, ctx, pub, self.older.get(version))
        return Rendered(text + "\n", ctx.fragments, lang, permalink=self._permalink(lang))

    def since_previous(self, pub: Publication, lang: str, canonical: str = "../", icon: Optional[str] = None) -> str:
        """`<publication>/changes/<previous version>/` (HTML): sends its reader to the change page itself."""
        return since_previous(self, pub, lang, canonical, icon)

    def changes_summary(self, pub: Publication, lang: str) -> Markup:
        """One line: "3 amended, 2 added since version 2026.1." (the feeds' entries say it too)."""
        return summary(self, pub, lang)


def _args(text: str) -> dict[str, str]:
    """`area=x other=y` as a mapping."""
    return dict(a.split("=", 1) for a in text.split())


def _under_title(ctx: PageContext, page: Page, lines: list[str], top: list[str]) -> list[str]:
    """The lines with the blocks of `top` after the title (before everything when there is none); a page shown
    in another language than the site's (a translation pending) wrapped in its own language."""
    fallback = page.lang != ctx.lang
    out = []
    inserted = False
    blocks = [x for b in top for x in ("", ctx.block(b), "")]
    for ln in lines:
        out.append(ln)
        if not inserted and ln.lstrip().startswith("# "):
            out.append("")
            out.extend(blocks)
            if fallback:
                out += ["", ctx.block(start("div", {"lang": page.lang})), ""]
            inserted = True
    if not inserted:
        out = blocks + out
    if fallback and inserted:
        out += ["", ctx.block("</div>"), ""]
    return out
