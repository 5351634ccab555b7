"""What the author's preview (`make serve`) shows over the page when the sources have problems.

The preview never stops answering: when a save breaks something, the pages are still built (or the last
good ones kept, when the build itself failed), and every page carries a panel with the findings, as
`make check` words them (file:line:column, code, message, hint), in the page's language. When the
file is fixed, the next build clears the panel and the browser reloads by itself.

Plain Python, no MkDocs: the MkDocs side (`scoelib.mkdocs_plugin.preview`) only calls `panel()`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from . import ui
from .codes import CODES
from .diagnostics import Diagnostic, Severity


@dataclass
class Problems:
    """What the last build of the preview found."""

    findings: list[Diagnostic] = field(default_factory=list)  # the library's own (errors and warnings)
    held: dict[str, int] = field(default_factory=dict)  # findings held back, by root cause
    messages: list[str] = field(default_factory=list)  # MkDocs' own warnings, or why the build failed
    failed: bool = False  # the build itself failed: the pages shown are the last good ones

    def __bool__(self) -> bool:
        return bool(self.findings or self.messages or self.failed)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _code_text(code: str, lang: str, attr: str) -> str:
    entry = CODES.get(code)
    return (getattr(entry, f"{attr}_{lang}", "") or getattr(entry, attr, "")) if entry else ""


def panel(problems: Problems, lang: str, strings: ui.Catalogue | None = None) -> str:
    """The panel put at the top of every page of the preview while `problems` is not empty."""
    t = (strings or ui.package_catalogue()).t
    errors = sum(d.severity is Severity.ERROR for d in problems.findings)
    items = []
    for d in problems.findings:
        summary = _code_text(d.code, lang, "summary")
        fix = _code_text(d.code, lang, "fix")
        level = t("codes.level.error" if d.severity is Severity.ERROR else "codes.level.warning", lang)
        # the finding's own words are the reference language's (the terminal's): marked so for screen readers
        message = _esc(d.message) if lang == ui.REFERENCE else f'<span lang="{ui.REFERENCE}">{_esc(d.message)}</span>'
        parts = [f'<code class="scoe-preview__where">{_esc(d.file)}:{d.line}:{d.column}</code> '
                 f'<strong>{_esc(d.code)}</strong> ({_esc(level)}) {message}']
        if d.hint:
            parts.append(f'<br><span class="scoe-preview__hint">{_esc(t("preview.hint", lang))} <code>{_esc(d.hint)}</code></span>')
        if summary and lang != ui.REFERENCE:
            parts.append(f'<br><span lang="{_esc(lang)}">{_esc(summary)} {_esc(fix)}</span>')
        items.append(f"<li>{''.join(parts)}</li>")
    ref = ui.REFERENCE
    items += [f'<li><pre class="scoe-preview__message" lang="{ref}">{_esc(m)}</pre></li>' for m in problems.messages]
    held = [_esc(t("preview.held", lang, n=n, why="\0")).replace("\0", f'<span lang="{ref}">{_esc(why)}</span>'
                                                                  if lang != ref else _esc(why))
            for why, n in sorted(problems.held.items())]
    title = t("preview.failed" if problems.failed else "preview.title", lang, n=errors or len(items))
    return (f'<div class="scoe-preview" role="alert" lang="{_esc(lang)}" data-search-exclude>'
            f'<p class="scoe-preview__title"><strong>{_esc(title)}</strong> {_esc(t("preview.then", lang))}</p>'
            f'<ol class="scoe-preview__list">{"".join(items)}</ol>'
            + "".join(f'<p class="scoe-preview__held">{h}</p>' for h in held)
            + "</div>")
