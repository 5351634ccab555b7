"""The reader's search at scale, in Chromium (`make bench`): for a built site, per language, the time from
typing a query to the first result shown and the bytes the search made the browser transfer, each in a fresh
browser context (nothing cached), median of `runs`.

project: Pagefind (docs/assets/scoe-search.js fetches the entry, the language's WebAssembly, meta and the
index chunks and fragments the query needs). stock: Material's lunr search (its worker, lunr and the whole
`search_index.json`, which Material starts to fetch when the page loads: the time still runs from typing).
The site is served by Python's http.server on 127.0.0.1, without compression (Pagefind's files are
gzip-compressed by Pagefind itself; Material's JSON would be compressed by a real server: `gzip_bytes`
gives that size too).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import threading
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


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that closed its context mid-download (a broken pipe): not the measurement's business


def first_query(site: Path, languages, runs: int = 3) -> dict[str, dict]:
    """Per language: median ms from typing to the first result, bytes of the search's requests (their sum as
    served, and gzip-compressed for text files), of `runs` fresh contexts."""
    from playwright.sync_api import sync_playwright

    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict[str, dict] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for lang in languages:
                url = base + ("" if lang == languages.default else f"{lang}/")
                samples = []
                for _ in range(runs):
                    context = browser.new_context()
                    page = context.new_page()
                    sizes: list[tuple[str, int, int]] = []

                    def done(response, sizes=sizes):
                        path = response.url[len(base) - 1:]
                        if any(s in path for s in SEARCH_FILES):
                            try:
                                body = response.body()
                            except Exception:  # a redirect or an aborted request: no body
                                return
                            packed = path.endswith((".pagefind", ".pf_meta", ".pf_index", ".pf_fragment"))  # already compressed
                            zipped = len(body) if packed else len(gzip.compress(body, 6))
                            sizes.append((path, len(body), zipped))

                    page.on("response", done)
                    page.goto(url, wait_until="domcontentloaded")
                    page.wait_for_function("() => document.querySelector('input.md-search__input')")
                    page.click("input.md-search__input")
                    ms = page.evaluate("""q => new Promise(resolve => {
                        const input = document.querySelector('input.md-search__input');
                        const start = performance.now();
                        new MutationObserver((_, obs) => {
                          if (document.querySelector('.md-search-result__item')) { obs.disconnect(); resolve(performance.now() - start); }
                        }).observe(document.body, {childList: true, subtree: true});
                        input.value = q;
                        input.dispatchEvent(new Event('input', {bubbles: true}));
                        input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: q.slice(-1)}));
                    })""", QUERY[lang])
                    page.wait_for_load_state("networkidle")
                    samples.append({"ms": ms, "bytes": sum(s[1] for s in sizes), "gzip_bytes": sum(s[2] for s in sizes),
                                    "requests": len(sizes)})
                    context.close()
                out[lang] = {"query": QUERY[lang], "ms": statistics.median(s["ms"] for s in samples),
                             "bytes": statistics.median(s["bytes"] for s in samples),
                             "gzip_bytes": statistics.median(s["gzip_bytes"] for s in samples),
                             "requests": max(s["requests"] for s in samples), "runs_ms": [round(s["ms"]) for s in samples]}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out
