"""The state of the translations (`<!-- scoe:translation-status -->`): counts by section, then page by page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ... import translation, typography
from ..fragments import PageContext
from ..html import esc, h
from ..site import Site

STATES = [translation.UP_TO_DATE, translation.STALE, translation.UNTRACKED, translation.PENDING, translation.MISSING]


def translation_status(site: Site, ctx: PageContext) -> str:
    """The state of the translations: into `lang` on its own site, into every other language on the
    default language's site (one pair of tables per language when there are several)."""
    lang = ctx.lang
    shown = [lang] if lang in site.lib.languages.others else list(site.lib.languages.others)
    parts = []
    for target in shown:
        statuses = [st for st in site.statuses.values() if st.lang == target]
        suffix = ("", "") if len(shown) == 1 else (f" – {site.strings.language_name(target, lang)}", f"-{target}")
        parts.append(_tables(site, ctx, statuses, suffix))
    return "\n\n".join(parts)


def _row(name: str, items: Sequence[translation.Status], lang: str) -> str:
    counts = [sum(1 for x in items if x.state == s) for s in STATES]
    cover = 100 * counts[0] // len(items) if items else 0
    return f"| {name} | " + " | ".join(str(c) for c in counts) + f" | {typography.percent(cover, lang)} |"


def _tables(site: Site, ctx: PageContext, statuses: list[translation.Status], suffix: tuple[str, str]) -> str:
    lang = ctx.lang
    title, anchor = suffix
    sections: dict[str, list[translation.Status]] = defaultdict(list)
    for st in statuses:
        sections[st.section].append(st)
    columns = [site.t("tr.section", lang), *(site.t(f"tr.state.{s}", lang) for s in STATES), site.t("tr.coverage", lang)]
    head = "| " + " | ".join(columns) + " |"
    out = [f"## {site.t('tr.by_section', lang)}{title} {{#by-section{anchor}}}", "", head, "|---" * (len(STATES) + 2) + "|"]
    for name in sorted(sections):
        out.append(_row(esc(site.section_title(name, lang)), sections[name], lang))
    out.append(_row(f"**{site.t('tr.total', lang)}**", statuses, lang))
    out += ["", f"## {site.t('tr.pages', lang)}{title} {{#pages{anchor}}}", "",
            f"| {site.t('tr.page', lang)} | {site.t('tr.state', lang)} | {site.t('tr.details', lang)} |", "|---|---|---|"]
    for st in sorted(statuses, key=lambda s: s.key):
        details = ""
        if st.state == translation.STALE and st.stale_paragraphs:
            details = site.t("tr.paras", lang, list=", ".join(st.stale_paragraphs))
        state = h("span", {"class": f"scoe-tr scoe-tr--{st.state}"}, site.tm(f"tr.state.{st.state}", lang))
        out.append(f"| {site.page_link(ctx.here, st.key, lang)} | {state} | {details} |")
    return "\n".join(out)
