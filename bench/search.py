"""The reader's search at scale, in Chromium (`make bench`): for a built site, per language, the time from
typing a query to the first result shown and the bytes the search made the browser transfer, each in a fresh
browser context (nothing cached), median of `runs`: cold (the query typed at once, nothing warmed) and, for
the project, warm (typed once the page has warmed the search engine while idle), with what that warm-up loads.

project: Pagefind (docs/assets/scoe-search.js: Pagefind's script and worker, the entry, the language's
WebAssembly and meta, then the index chunks and fragments the query needs). stock: Material's lunr search (its
worker, lunr and the whole `search_index.json`, which Material starts to fetch when the page loads: the time
still runs from typing). The site is served by Python's http.server on 127.0.0.1, without compression
(Pagefind's files are gzip-compressed by Pagefind itself; scripts and Material's JSON would be compressed by a
real server: `gzip_bytes` gives that size too); the bytes are counted from the server's log of requests.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import threading
import time
import urllib.parse
from pathlib import Path

QUERY = {"en": "satellite", "fr": "satellites"}
SEARCH_FILES = ("/pagefind/", "/search/search_index.json", "/assets/javascripts/workers/search.", "/assets/javascripts/lunr/",
                "/assets/scoe-search.js")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def index_bytes(site: Path, languages) -> dict[str, int]:
    """Bytes of the search index of each language: Pagefind's files of that language (entry and loader not
    counted), or Material's `search_index.json` files (stock: one file for every language, "en+fr")."""
    pf = site / "pagefind"
    if pf.is_dir():
        out = {}
        for lang in languages:
            files = [p for p in pf.rglob("*") if p.is_file() and (p.name.startswith((f"{lang}_", f"pagefind.{lang}_", f"wasm.{lang}.")))]
            out[lang] = sum(p.stat().st_size for p in files)
        return out
    out = {}
    for lang in languages:
        rel = "search/search_index.json" if lang == languages.default else f"{lang}/search/search_index.json"
        if (site / rel).exists():
            out[lang] = (site / rel).stat().st_size
    if list(out) == [languages.default] and languages.others:
        out = {"+".join(languages): out[languages.default]}
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        self.server.log.append((time.monotonic(), self.path))  # type: ignore[attr-defined]  # the _Server below
        return super().send_head()


class _Server(http.server.ThreadingHTTPServer):
    """Python's server, keeping the time and path of every request (the page's and its workers' alike)."""

    def __init__(self, *args, **kwargs):
        self.log: list[tuple[float, str]] = []
        super().__init__(*args, **kwargs)

    def handle_error(self, request, client_address):
        pass  # a browser that closed its context mid-download (a broken pipe): not the measurement's business


def _sizes(site: Path, paths: list[str], cache: dict[str, tuple[int, int]]) -> tuple[int, int, int]:
    """Requests of the search's files among `paths`: their number, bytes as served, bytes gzip-compressed (text
    files; Pagefind's index files are compressed already)."""
    n = raw = zipped = 0
    for path in paths:
        rel = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not any(s in rel for s in SEARCH_FILES):
            continue
        if rel not in cache:
            f = site / rel.lstrip("/")
            body = f.read_bytes() if f.is_file() else b""
            packed = rel.endswith((".pagefind", ".pf_meta", ".pf_index", ".pf_fragment"))
            cache[rel] = (len(body), len(body) if packed else len(gzip.compress(body, 6)))
        n, raw, zipped = n + 1, raw + cache[rel][0], zipped + cache[rel][1]
    return n, raw, zipped


# a browser that is never idle before the first word: the project's search warms up nothing (docs/assets/scoe-search.js
# waits for requestIdleCallback), as for a reader who types at once
NEVER_IDLE = "window.requestIdleCallback = function () { return 0; };"
READY = "() => document.querySelector('[data-scoe-search-ready]')"
# types the query at once (focusing the box in the same instant when asked) and resolves with the ms to the first result
TYPE = """([q, focus]) => new Promise(resolve => {
    const input = document.querySelector('input.md-search__input');
    const start = performance.now();
    new MutationObserver((_, obs) => {
      if (document.querySelector('.md-search-result__item')) { obs.disconnect(); resolve(performance.now() - start); }
    }).observe(document.body, {childList: true, subtree: true});
    if (focus) input.focus();
    input.value = q;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: q.slice(-1)}));
})"""


def _sample(browser, server: _Server, site: Path, url: str, query: str, warm: bool, cache: dict) -> dict:
    """One fresh browser context. Cold: nothing cached and nothing warmed, the box focused and the query typed in
    the same instant. Warm: the page loaded and left idle until the search says it is ready, then the box clicked
    and the query typed (the click not timed). The search's files requested before typing (what a reader who
    never searches pays; docs/assets/scoe-search.js not counted, every reader loads it) and in all."""
    context = browser.new_context()
    if not warm:
        context.add_init_script(NEVER_IDLE)
    page = context.new_page()
    mark = len(server.log)
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => document.querySelector('input.md-search__input')")
    if warm:
        page.wait_for_function(READY, timeout=60_000)
        page.click("input.md-search__input")
    typed = time.monotonic()
    ms = page.evaluate(TYPE, [query, not warm])
    page.wait_for_load_state("networkidle")
    context.close()
    log = server.log[mark:]
    n, raw, zipped = _sizes(site, [p for _, p in log], cache)
    before = [p for t, p in log if t < typed and "/assets/scoe-search.js" not in p]
    bn, braw, bzipped = _sizes(site, before, cache)
    return {"ms": ms, "bytes": raw, "gzip_bytes": zipped, "requests": n,
            "before_bytes": braw, "before_gzip_bytes": bzipped, "before_requests": bn}


def first_query(site: Path, languages, runs: int = 3) -> dict[str, dict]:
    """Per language, median of `runs` fresh contexts: ms from typing to the first result, bytes of the search's
    requests (as served, and gzip-compressed for text files), cold (`ms`, `bytes`: nothing loaded before the
    first word; `before_requests` says how many search files were loaded before it anyway: 0 for the project);
    for the project (Pagefind) also warm (`warm_ms`: the engine warmed while the page was idle) and what the
    warm-up loads without a search (`idle_bytes`, `idle_gzip_bytes`, `idle_requests`)."""
    from playwright.sync_api import sync_playwright

    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    cache: dict[str, tuple[int, int]] = {}
    pagefind = (site / "pagefind").is_dir()
    out: dict[str, dict] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for lang in languages:
                url = base + ("" if lang == languages.default else f"{lang}/")
                cold, warm = [], []
                for _ in range(runs):  # cold and warm interleaved: the same machine load for both
                    cold.append(_sample(browser, server, site, url, QUERY[lang], False, cache))
                    if pagefind:
                        warm.append(_sample(browser, server, site, url, QUERY[lang], True, cache))
                r = out[lang] = {"query": QUERY[lang], "ms": statistics.median(s["ms"] for s in cold),
                                 "bytes": statistics.median(s["bytes"] for s in cold),
                                 "gzip_bytes": statistics.median(s["gzip_bytes"] for s in cold),
                                 "requests": max(s["requests"] for s in cold), "runs_ms": [round(s["ms"]) for s in cold],
                                 "before_requests": max(s["before_requests"] for s in cold)}
                if warm:
                    r.update({"warm_ms": statistics.median(s["ms"] for s in warm), "warm_runs_ms": [round(s["ms"]) for s in warm],
                              "idle_bytes": statistics.median(s["before_bytes"] for s in warm),
                              "idle_gzip_bytes": statistics.median(s["before_gzip_bytes"] for s in warm),
                              "idle_requests": max(s["before_requests"] for s in warm)})
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out
