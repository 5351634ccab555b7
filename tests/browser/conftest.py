"""Browser fixtures: the built site served on 127.0.0.1 by the tests, and Debian's Chromium driven by Playwright.

Every page a test opens goes through `reader`, which records the console, uncaught errors and every request
of its browser context; after the test it fails on any JavaScript console error or request that left
127.0.0.1. Playwright never downloads a browser here: it drives /usr/bin/chromium (`make browser`).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SCOE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__tests__/axe.min.js"
LANGS = ["en", "fr"]
PREFIX = {"en": "", "fr": "fr/"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host: files as they are, and the language's 404 page for anything missing."""

    def log_message(self, *args):  # quiet
        pass

    def translate_path(self, path):
        # axe-core, for the accessibility tests: served by the site's own origin, so the pages' CSP stays on
        if urlsplit(path).path == AXE_PATH:
            return str(AXE)
        return super().translate_path(path)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        root = Path(self.directory)
        path = unquote(urlsplit(self.path).path)
        # the longest language folder that prefixes the path and has its own 404 page, else the root one
        page = root / "404.html"
        parts = [p for p in path.split("/") if p]
        for i in range(len(parts), 0, -1):
            candidate = root.joinpath(*parts[:i], "404.html")
            if candidate.is_file() and candidate.resolve().is_relative_to(root.resolve()):
                page = candidate
                break
        if not page.is_file():  # a mike checkout has no 404 page at its root
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)
        # else a page closed while its search was warming up (scoe-search.js): not the test's business


class StaticServer:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.httpd = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def server(site) -> StaticServer:
    """The real site, built once for the session (tests/conftest.py `site`), on a free port of 127.0.0.1."""
    srv = StaticServer(site)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def published(releases) -> StaticServer:
    """The session's real releases (tests/releases.py: 2026.1, 2026.2 as `latest`, a hidden pre-release), a
    checkout of their gh-pages branch on a free port of 127.0.0.1."""
    srv = StaticServer(releases["www"])
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Reader:
    """One browser context (a reader), recording what every page of it does."""

    context: BrowserContext
    base: str
    page: Page = None
    visited: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected_missing: set[str] = field(default_factory=set)  # URLs opened on purpose for their 404
    finished: set[str] = field(default_factory=set)

    def new_page(self) -> Page:
        page = self.context.new_page()
        page.on("console", lambda m: self._console(page, m))
        page.on("requestfinished", lambda r: self.finished.add(r.url))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught error on {page.url}: {e}"))
        page.on("framenavigated", lambda f: self.visited.append(f.url) if f == page.main_frame else None)
        return page

    def _console(self, page: Page, message) -> None:
        if message.type != "error":
            return
        # Chromium logs the 404 status of a page opened on purpose for its 404 page: that one is the test
        if message.location.get("url") in self.expected_missing and "status of 404" in message.text:
            return
        self.errors.append(f"console {message.type} on {page.url}: {message.text}")

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def visit(self, path: str, expect_status: int = 200) -> Page:
        """Open a site path ("fr/glossary/") and wait until Material's scripts have run."""
        if self.page is None:
            self.page = self.new_page()
        if expect_status == 404:
            self.expected_missing.add(self.url(path))
        response = self.page.goto(self.url(path))
        assert response is not None and response.status == expect_status, f"{path}: HTTP {response and response.status}"
        self.ready()
        return self.page

    def wait_finished(self, *paths: str, page: Page | None = None) -> None:
        """Wait until the page has loaded these site files (e.g. what Material fetches after `load`)."""
        page = page or self.page
        for path in paths:
            url = self.url(path)
            if url not in self.finished:
                page.wait_for_event("requestfinished", lambda r, url=url: r.url == url)

    def ready(self, page: Page | None = None) -> None:
        page = page or self.page
        page.wait_for_load_state("load")
        # Material's bundle swaps no-js for js; scoe.js adds its live region last
        page.wait_for_function("() => document.documentElement.classList.contains('js') && !!document.querySelector('.scoe-live')")

    def path(self, page: Page | None = None) -> str:
        """The current location relative to the site root, with its fragment."""
        url = (page or self.page).url
        assert url.startswith(self.base), url
        return url[len(self.base):]

    def problems(self) -> list[str]:
        host = urlsplit(self.base).hostname
        off_site = [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob", "about")
                    and urlsplit(u).hostname != host]
        return self.errors + [f"request left {host}: {u}" for u in off_site]


def new_reader(browser: Browser, base: str, **options) -> Reader:
    options.setdefault("viewport", DESKTOP)
    context = browser.new_context(base_url=base, **options)
    context.set_default_timeout(10_000)
    reader = Reader(context, base)
    context.on("request", lambda r: reader.requests.append(r.url))
    return reader


@pytest.fixture
def open_reader(browser, server):
    """Factory of readers (browser contexts); each is checked and closed after the test."""
    readers: list[Reader] = []

    def factory(base: str | None = None, **options) -> Reader:
        reader = new_reader(browser, base or server.base, **options)
        readers.append(reader)
        return reader

    yield factory
    problems = []
    for reader in readers:
        problems += reader.problems()
        reader.context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def reader(open_reader) -> Reader:
    """A desktop reader with clipboard access."""
    return open_reader(permissions=["clipboard-read", "clipboard-write"])


@pytest.fixture(params=LANGS)
def lang(request) -> str:
    return request.param


def css_id(anchor: str) -> str:
    """A selector for an id such as "2.3" (paragraph anchors are not valid CSS identifiers)."""
    return f'[id="{anchor}"]'


def in_viewport(page: Page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth; }""")

