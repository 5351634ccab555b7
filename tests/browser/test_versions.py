"""Two published versions (`make release`, tools/release.py over mike) read in Chromium: the version selector and
the language switch each keep the page (and the paragraph's place in it), in both languages.

The module makes a temporary git repository from the library, releases 2026.1, changes a chapter, releases
2026.2 as `latest`, and serves a checkout of the `gh-pages` branch on 127.0.0.1."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile

import pytest

from conftest import ENV, ROOT, copy_library

from .conftest import PREFIX, StaticServer, css_id

CHAPTER = "publications/scoe-2-1-operational-space-support/chapter-1/"
GIT_ENV = {**ENV, "GIT_AUTHOR_NAME": "Browser Test", "GIT_AUTHOR_EMAIL": "browser@test.invalid",
           "GIT_COMMITTER_NAME": "Browser Test", "GIT_COMMITTER_EMAIL": "browser@test.invalid"}
MARK = {"en": "Marker of the second version.", "fr": "Marqueur de la deuxième version."}


def run(root, *args: str) -> str:
    res = subprocess.run(list(args), cwd=root, capture_output=True, text=True, env=GIT_ENV, timeout=300)
    assert res.returncode == 0, f"{' '.join(args)}:\n{res.stdout}\n{res.stderr}"
    return res.stdout


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    if not (ROOT / "tools" / "release.py").exists():
        pytest.fail("tools/release.py is missing: the release tooling publishes the versions")
    tmp = tmp_path_factory.mktemp("versions")
    root = copy_library(tmp / "lib")
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (root / ".gitignore").write_text(".venv\nsite/\n__pycache__/\n", encoding="utf-8")
    run(root, "git", "init", "-q", "-b", "main")
    run(root, "git", "add", "-A")
    run(root, "git", "commit", "-qm", "library")
    # ALLOW_STALE: the second version changes both languages at once, without the translation workflow
    run(root, "make", "--no-print-directory", "release", "VERSION=2026.1", "ALLOW_STALE=1")
    for lang in ("en", "fr"):
        about = root / f"docs/about/index.{lang}.md"
        about.write_text(about.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{MARK[lang]}\n", encoding="utf-8")
    run(root, "git", "commit", "-qam", "second version")
    run(root, "make", "--no-print-directory", "release", "VERSION=2026.2", "ALLOW_STALE=1")
    www = tmp / "www"
    www.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=root, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(www, filter="data")
    srv = StaticServer(www)
    yield srv
    srv.close()


def choose_version(reader, version: str) -> None:
    """Open Material's version selector as a reader does (pointer over it) and pick a version."""
    page = reader.page
    page.locator(".md-version .md-version__list").wait_for(state="attached")
    # the selector sits beside the site's name, which the header shows again at the top of the page
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("() => !document.querySelector('.md-header__title').classList.contains('md-header__title--active')")
    box = page.locator(".md-version__current").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the list opens on hover
    entry = page.locator(".md-version__list a.md-version__link", has_text=version)
    entry.wait_for(state="visible")
    entry.click()
    # Material checks the target version's sitemap first, then goes to the same page there
    page.wait_for_url(lambda url: f"/{version}/" in url)
    reader.ready()


def test_version_selector_keeps_page_language_and_paragraph(open_reader, published, lang):
    reader = open_reader(base=published.base)
    page = reader.visit(f"latest/{PREFIX[lang]}{CHAPTER}")
    versions = page.eval_on_selector_all(".md-version__list .md-version__link", "els => els.map(e => e.textContent.trim())")
    assert versions[:2] == ["2026.2", "2026.1"], versions
    page.click("div.scoe-para" + css_id("1.2") + " a.scoe-para__num")
    assert reader.path() == f"latest/{PREFIX[lang]}{CHAPTER}#1.2"
    choose_version(reader, "2026.1")
    assert reader.path().startswith(f"2026.1/{PREFIX[lang]}{CHAPTER}"), reader.path()
    assert page.get_attribute("html", "lang") == lang
    page.locator("[data-md-component=outdated]").wait_for(state="visible")
    # the earlier version has the same chapter and paragraph: the permalink works there too
    page.goto(reader.url(f"2026.1/{PREFIX[lang]}{CHAPTER}#1.2"))
    reader.ready()
    page.wait_for_function("() => document.querySelector(':target') && document.querySelector(':target').id === '1.2'")


def test_language_switch_stays_in_the_version(open_reader, published, lang):
    other = "fr" if lang == "en" else "en"
    reader = open_reader(base=published.base)
    page = reader.visit(f"2026.1/{PREFIX[lang]}{CHAPTER}")
    page.click(".md-header .md-select button")
    link = page.locator(f".md-header .md-select__link[hreflang='{other}']")
    link.wait_for(state="visible")
    link.click()
    reader.ready()
    assert reader.path() == f"2026.1/{PREFIX[other]}{CHAPTER}"
    assert page.get_attribute("html", "lang") == other


def test_each_version_shows_its_own_text(open_reader, published, lang):
    reader = open_reader(base=published.base)
    page = reader.visit(f"latest/{PREFIX[lang]}about/")
    assert MARK[lang] in page.inner_text("article")
    choose_version(reader, "2026.1")
    assert reader.path() == f"2026.1/{PREFIX[lang]}about/"
    assert MARK[lang] not in page.inner_text("article")
    # and a missing page of that version shows the version's own 404, in the language
    page = reader.visit(f"2026.1/{PREFIX[lang]}no-such-page/", expect_status=404)
    assert page.get_attribute("html", "lang") == lang
    assert page.eval_on_selector("article h1", "h => h.textContent").startswith("404")
