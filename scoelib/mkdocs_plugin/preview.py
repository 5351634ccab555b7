"""The author's preview (`mkdocs serve`, `make serve`) that never hangs and shows the problems in the page.

Upstream contact — MkDocs 1.6.1's development server, `mkdocs.livereload.LiveReloadServer`:
- `server.builder`, the function its build loop calls after each save. When it raises, MkDocs logs "the
  server will appear stuck" and every page request then waits until a build succeeds: the browser hangs.
  The preview's builder never raises: a failed build keeps the last good pages and records why.
- `mkdocs.utils.CountHandler`, which a strict build (`strict: true` in mkdocs.yml) adds to the `mkdocs`
  logger to stop at the end of a build that logged a warning: in the preview it is taken off at each
  build, so the pages are written and the warnings shown in them (`make build` stays strict).
- `server._inject_js_into_html(content, epoch)`, which appends the live-reload `<script>` to each HTML
  page. The library's pages carry a Content-Security-Policy that allows inline scripts only by hash, so
  that script never ran: the page did not reload. The preview adds the script's hash to the page's policy
  (the policy stays on, as readers get it) and puts the problems panel at the top of the page.
`check()` verifies both at start; when MkDocs changes them, the preview fails at once, naming this file.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import traceback
from typing import Any, Callable

import mkdocs
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import CountHandler

from scoelib import preview, ui

WRITTEN_FOR = "mkdocs 1.6.1"
_SCRIPT_RE = re.compile(rb"<script>(?P<body>(?:(?!<script).)*?)</script>(?=[^<]*(?:</body>|$))", re.S)
_CSP_RE = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src )')
_BODY_RE = re.compile(rb"<body[^>]*>")
_LANG_RE = re.compile(rb'<html[^>]*\blang="(?P<lang>[^"]+)"')


class PreviewError(RuntimeError):
    """The development server is not the one this adaptation was written for."""


def check(server: Any) -> None:
    if not isinstance(server, LiveReloadServer) or not callable(getattr(server, "builder", None)) \
            or not callable(getattr(server, "_inject_js_into_html", None)):
        raise PreviewError(f"scoelib/mkdocs_plugin/preview.py was written for {WRITTEN_FOR}'s LiveReloadServer (`builder`, "
                           f"`_inject_js_into_html`); mkdocs {mkdocs.__version__} has another: the preview cannot show problems "
                           "or reload. Update that file.")


def not_strict() -> None:
    """Take the strict build's warning counter off the `mkdocs` logger, for this build of the preview."""
    logger = logging.getLogger("mkdocs")
    for handler in [h for h in logger.handlers if isinstance(h, CountHandler)]:
        logger.removeHandler(handler)


class Capture(logging.Handler):
    """MkDocs' own warnings during a build (a strict build would stop on them; the preview shows them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs") and not record.name.startswith("mkdocs.plugins.scoe") \
                and "'dirty' build" not in record.getMessage() \
                and not (record.name == "mkdocs.livereload" and _REQUEST_RE.match(record.getMessage())):
            # the preview's rebuilds are dirty on purpose; the server's log of a request a browser made (a 404 for
            # the search index, which only `make build` writes) says nothing of the sources
            self.messages.append(self.format(record))


_REQUEST_RE = re.compile(r'^"[A-Z]+ \S* HTTP/[\d.]+" code \d{3}$')  # mkdocs/livereload's _Handler.log_request


def install(server: Any, problems: Callable[[], preview.Problems], strings: Callable[[], ui.Catalogue | None],
            failed: Callable[[str], None]) -> Any:
    """Make `server` a preview that never hangs: `problems()` is what the last build found, `failed(text)`
    records a build that raised."""
    check(server)
    build: Callable[[], None] = server.builder
    inject: Callable[[bytes, int], bytes] = server._inject_js_into_html

    def builder() -> None:
        try:
            build()
        except Exception as exc:  # noqa: BLE001 - whatever failed, the author reads it in the page and the terminal
            text = str(exc) if type(exc).__module__.startswith(("mkdocs", "scoelib")) else traceback.format_exc(limit=3)
            failed(text)
            logging.getLogger("mkdocs.plugins.scoe").error("The preview could not build this save; it shows the last good "
                                                          "pages with the problem at the top. Fix the file and save again.")

    def inject_js(content: bytes, epoch: int) -> bytes:
        out = inject(content, epoch)
        script = next(iter(reversed(list(_SCRIPT_RE.finditer(out)))), None)
        if script is not None:  # allow the live-reload script by its hash, as the page's own scripts are
            digest = base64.b64encode(hashlib.sha256(script.group("body")).digest())
            out = _CSP_RE.sub(lambda m: m.group(1) + b"'sha256-" + digest + b"' ", out, count=1)
        found = problems()
        if found:
            lang_m = _LANG_RE.search(out)
            lang = lang_m.group("lang").decode() if lang_m else ui.REFERENCE
            panel = preview.panel(found, lang, strings()).encode("utf-8")
            body = _BODY_RE.search(out)
            out = out[: body.end()] + panel + out[body.end():] if body else panel + out
        return out

    server.builder = builder
    server._inject_js_into_html = inject_js
    return server
