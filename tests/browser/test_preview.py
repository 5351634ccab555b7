"""The author's preview (`mkdocs serve --dirty`, as `make serve` runs it) on a small library: the page reloads by
itself at each save (its live-reload script runs under the page's Content-Security-Policy), a save that
breaks something shows the problem at the top of the page instead of hanging the browser, a save that
cannot be built at all keeps the last good pages, and fixing the file brings the page back by itself."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading

import pytest

from conftest import ENV, MINIMAL, ROOT

from .conftest import new_reader

CHAPTER = "docs/publications/scoe-9-test/chapter-1.en.md"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview") / "lib"
    shutil.copytree(MINIMAL, root)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "scoelib").mkdir()  # mkdocs.yml watches the engine's folder too
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "mkdocs"), "serve", "--dirty", "--strict", "-a", f"127.0.0.1:{port}"],
                            cwd=root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    serving, log = threading.Event(), []

    def read() -> None:
        for line in proc.stdout:
            log.append(line)
            if "Serving on" in line:
                serving.set()

    threading.Thread(target=read, daemon=True).start()
    assert serving.wait(180), "".join(log)
    yield root, f"http://127.0.0.1:{port}/", log
    proc.terminate()
    proc.wait(30)


def test_a_broken_save_shows_in_the_page_and_fixing_it_brings_the_page_back(preview, browser):
    root, base, log = preview
    reader = new_reader(browser, base)
    page = reader.new_page()
    page.goto(base + "publications/scoe-9-test/chapter-1/")
    assert page.locator(".scoe-preview").count() == 0
    # the preview writes no search index: the search says so at once, and nothing asks for the index (no 404 in
    # the browser, none in the preview's list of problems)
    page.fill("[data-scoe-search-query]", "space")
    assert page.inner_text(".md-search-result__meta") == "Search is not available on this copy of the site."
    page.keyboard.press("Escape")
    chapter = root / CHAPTER
    good = chapter.read_text(encoding="utf-8")
    line = next(i for i, text in enumerate(good.split("\n"), 1) if text.startswith("1.2 "))

    chapter.write_text(good.replace("\n1.2 ", "\n1.2 See [[SCOE-77]]. ", 1), encoding="utf-8")
    panel = page.wait_for_selector(".scoe-preview", timeout=120_000)  # the page reloaded by itself, and answers
    text = panel.inner_text()
    assert f"{CHAPTER}:{line}:" in text and "XR001" in text and "[[SCOE-9]]" in text, text
    assert page.locator("article h1").count() == 1  # the page itself is still there, under the panel

    french = reader.new_page()
    french.goto(base + "fr/publications/scoe-9-test/chapter-1/")
    assert "L’aperçu a trouvé 1" in french.inner_text(".scoe-preview").replace("'", "’")

    chapter.write_text(good, encoding="utf-8")
    page.wait_for_selector(".scoe-preview", state="detached", timeout=120_000)
    assert reader.problems() == []
    reader.context.close()


def test_a_save_that_cannot_be_built_keeps_the_last_good_pages(preview, browser):
    root, base, log = preview
    reader = new_reader(browser, base)
    page = reader.new_page()
    page.goto(base + "publications/scoe-9-test/chapter-1/")
    config = root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "\nnav: [unclosed\n", encoding="utf-8")
    panel = page.wait_for_selector(".scoe-preview", timeout=120_000)
    assert "last good" in panel.inner_text()
    assert page.locator("article h1").inner_text().strip(" ¶")  # the last good page, not a hung request
    config.write_text(good, encoding="utf-8")
    page.wait_for_selector(".scoe-preview", state="detached", timeout=120_000)
    assert "Traceback" not in "".join(log)
    reader.context.close()


def test_a_save_reaches_the_other_language_and_undoing_it_clears_it(preview, browser):
    """Only what a save affects is rendered again (scoelib.incremental): the French page, whose own file did
    not change, shows the English paragraph as changed since its translation, and no longer once undone."""
    root, base, log = preview
    reader = new_reader(browser, base)
    french = reader.new_page()
    french.goto(base + "fr/publications/scoe-9-test/chapter-1/")
    assert french.locator(".scoe-para--stale").count() == 0
    chapter = root / CHAPTER
    good = chapter.read_text(encoding="utf-8")
    chapter.write_text(good.replace("\n1.3 ", "\n1.3 Revised wording. ", 1), encoding="utf-8")
    stale = french.wait_for_selector(".scoe-para--stale", timeout=120_000)  # reloaded by itself after the build
    assert "1.3" in stale.inner_text()
    english = reader.new_page()
    english.goto(base + "publications/scoe-9-test/chapter-1/")
    assert "Revised wording." in english.inner_text("article")
    chapter.write_text(good, encoding="utf-8")
    french.wait_for_selector(".scoe-para--stale", state="detached", timeout=120_000)
    reader.context.close()
