"""Languages, the catalogue of interface strings and typography: what a reader of each language sees in the
words the library writes itself. No MkDocs, no build: the engine's modules over strings and tiny sites."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import run
from scoelib import typography, ui
from scoelib.typography import NBSP, NNBSP

CAT = ui.package_catalogue()


def test_every_language_file_has_the_keys_of_the_english_one():
    assert set(CAT.languages) >= {"en", "fr"}
    for lang in CAT.languages:
        assert CAT.missing(lang) == [], f"scoelib/locales/{lang}.yml lacks {CAT.missing(lang)}"
        assert set(CAT.strings[lang]) <= set(CAT.strings["en"]), f"{lang}.yml has keys English lacks"


@pytest.mark.parametrize("lang", ["fr"])
def test_strings_follow_the_languages_typography(lang):
    for key in CAT.strings["en"]:
        text = re.sub(r"\{\w+\}", "x", CAT.strings[lang].get(key, ""))  # every field filled in
        plain = re.sub(r"<[^>]+>|\([^)]*\)|\{[^}]*\}", "", text)
        for m in re.finditer(r"(.)([:;?!])(?=\s|$)", plain):
            assert m.group(1) in (NBSP, NNBSP), f"{key}: no no-break space before {m.group(2)!r} in {text!r}"
    assert CAT.t("banner.study", "fr").count(f"nation{NNBSP};") == 1  # narrow before ;
    if typography.rules(lang).apostrophe:  # the language's apostrophe between letters, never the typewriter's
        straight = [k for k, v in CAT.strings[lang].items() if re.search(r"(?<=\w)'(?=\w)", v)]
        assert not straight, f"{lang}.yml: a straight apostrophe in {straight}"
        assert CAT.t("status.study", lang) == "Projet d’étude"
    assert f"traduite{NBSP}:" in CAT.t("banner.pending", "fr")  # no-break before :


def test_french_typography_rules():
    fix = typography.apply
    assert fix("Note : texte ; suite ! Vraiment ?", "fr") == f"Note{NBSP}: texte{NNBSP}; suite{NNBSP}! Vraiment{NNBSP}?"
    assert fix("« Bonjour »", "fr") == f"«{NNBSP}Bonjour{NNBSP}»"
    assert fix("voir:", "fr") == f"voir{NBSP}:"  # a missing space is added
    # addresses, times and markup are left alone
    for text in ("https://www.nato.int/", "à 10:30", "<a href='x'>y</a>", "a?b=c"):
        assert fix(text, "fr") == text
    assert fix("Note : as is; really?", "en") == "Note : as is; really?"  # English adds nothing


def test_typography_problems_say_what_and_where():
    text = "Texte ; suite"
    (p,) = typography.problems(text, "fr")
    assert (p.start, p.end, p.found, p.expected) == (5, 6, " ", NNBSP)
    assert "narrow no-break space (U+202F) before `;`" in p.message
    assert typography.problems(f"Texte{NNBSP}; suite", "fr") == []


def test_dates_ordinals_and_citations():
    assert typography.date(dt.date(2026, 11, 26), "fr") == f"26{NBSP}novembre 2026"
    assert typography.date(dt.date(2026, 3, 1), "fr") == f"1er{NBSP}mars 2026"
    assert typography.date(dt.date(2026, 11, 26), "en") == f"26{NBSP}November 2026"
    assert typography.date(dt.date(2026, 12, 6), "de") == f"6.{NBSP}Dezember 2026"
    assert typography.citation("SCOE-2.1(A)", "§", "2.3", "fr") == f"SCOE-2.1(A) §{NBSP}2.3"
    assert typography.citation("SCOE-2.1(A)", "para", "2.3", "en") == "SCOE-2.1(A) para 2.3"
    assert typography.label("Source", "fr") == f"Source{NBSP}:" and typography.label("Source", "en") == "Source:"
    assert (typography.decimal("1.5", "fr"), typography.decimal("1.5", "en"), typography.decimal("1.5", "de")) == ("1,5", "1.5", "1,5")


def test_a_missing_string_falls_back_to_english():
    cat = ui.Catalogue(["en", "de"], site={"de": ("locales/de.yml", "para: Abs.\n")})
    assert cat.t("para", "de") == "Abs."
    assert cat.t("copied", "de") == "Citation copied"
    assert "copied" in cat.missing("de") and "para" not in cat.missing("de")
    assert cat.files["de"] == "locales/de.yml"


def test_a_broken_catalogue_names_its_file_and_line():
    with pytest.raises(ui.CatalogueError) as exc:
        ui.Catalogue(["en", "de"], site={"de": ("locales/de.yml", "para: Abs.\n  copied: x\n")})
    assert (exc.value.rel, exc.value.line) == ("locales/de.yml", 2)


# --- languages from configuration -----------------------------------------------------------------------

from pathlib import Path  # noqa: E402

from scoelib import config, diagnostics  # noqa: E402

GERMAN = Path(__file__).parent / "sites" / "german"


def test_languages_come_from_mkdocs_yml():
    langs = config.load(Path(__file__).parent.parent)
    assert (langs.default, langs.all, langs.others) == ("en", ("en", "fr"), ("fr",))
    assert config.load(GERMAN).all == ("en", "fr", "de")
    text = ("theme: {name: material}\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
            "plugins:\n  - search\n  - i18n:\n      build_only_locale: !ENV [SCOE_ONLY_LANG]\n      languages:\n"
            "        - locale: fr\n        - locale: de\n          default: true\n")
    assert config.parse(text) == config.Languages("de", ("de", "fr"))  # the default first, whatever the order
    assert config.parse("theme:\n  name: material\n  language: fr\n") == config.Languages("fr", ("fr",))


@pytest.fixture
def german(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "de"
    shutil.copytree(GERMAN, root)
    return root


def test_third_language_is_checked_like_the_second(german):
    found = run(german)
    # only the German catalogue's missing keys (`stale_para` on purpose; keys added since, until translated)
    assert {(d.file, d.code) for d in found if d.severity >= diagnostics.Severity.WARNING} == {("locales/de.yml", "TR007")}
    (stale,) = [d for d in found if d.code == "TR002"]
    assert stale.file == "docs/publications/scoe-9-test/chapter-1.de.md" and "(paragraphs 1.2)" in stale.message
    assert stale.related == "docs/publications/scoe-9-test/chapter-1.en.md"
    # parity: a paragraph missing from the German chapter only
    ch = german / "docs/publications/scoe-9-test/chapter-1.de.md"
    ch.write_text(ch.read_text(encoding="utf-8").replace("1.3 Der dritte Absatz", "Der dritte Absatz"), encoding="utf-8")
    # a German page missing, metadata that disagree with the English page
    index = german / "docs/publications/scoe-9-test/index.de.md"
    index.write_text(index.read_text(encoding="utf-8").replace("version: 1\n", "version: 2\n", 1), encoding="utf-8")
    (german / "docs/about.en.md").write_text("# About\n", encoding="utf-8")
    (german / "docs/about.fr.md").write_text("---\ntranslated_from:\n  fingerprint: 5c3ac0bb7e95\n  date: 2026-12-01\n---\n\n"
                                             "# À propos\n", encoding="utf-8")
    found = {(d.code, d.file): d for d in run(german)}
    parity = found[("PA005", "docs/publications/scoe-9-test/chapter-1.de.md")]
    assert parity.message == "paragraph 1.3 of the English chapter is missing here"
    assert found[("TR001", "docs/about.en.md")].message == "no German page `docs/about.de.md`"
    assert ("TR001", "docs/about.fr.md") not in found and not any(c == "TR001" and "French" in d.message for (c, _), d in found.items())
    meta = found[("FM007", "docs/publications/scoe-9-test/index.de.md")]
    assert "`version` differs from the English page (English: `1`, German: `2`)" in meta.message


def test_a_missing_string_is_a_warning_naming_its_key(german):
    (d,) = [d for d in run(german) if d.code == "TR007" and "`stale_para`" in d.message]
    assert (d.file, d.line, d.severity) == ("locales/de.yml", 1, diagnostics.Severity.WARNING)
    assert "`stale_para`" in d.message and "translation to be revised" in d.message
    (german / "locales/de.yml").unlink()
    (d,) = [d for d in run(german) if d.code == "TR007"]
    assert "has no catalogue" in d.message and d.file == "locales/de.yml"


def test_a_broken_catalogue_is_an_error_at_its_line(german):
    path = german / "locales/de.yml"
    path.write_text(path.read_text(encoding="utf-8") + "para: Ziff.\n  copied: x\n", encoding="utf-8")
    (d,) = [d for d in run(german) if d.code == "TR008"]
    assert d.file == "locales/de.yml" and d.line == path.read_text(encoding="utf-8").count("\n")
    assert d.severity is diagnostics.Severity.ERROR


def test_pages_in_an_unconfigured_language_are_refused(german):
    (german / "docs/index.es.md").write_text("# Inicio\n", encoding="utf-8")
    (d,) = [d for d in run(german) if d.code == "LD007"]
    assert d.file == "docs/index.es.md" and "`es` is not one of its languages: en, fr, de" in d.message
    assert "`name.en.md` and `name.fr.md` and `name.de.md`" in d.hint


def test_terms_resolve_in_the_third_language(german):
    index = german / "docs/index.de.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nSiehe [[space domain awareness]].\n", encoding="utf-8")
    (d,) = [d for d in run(german) if d.code == "XR003"]
    assert d.message == "`space domain awareness` is not a term or abbreviation of the German glossary"
    assert "`space domain awareness` is the English term; on this page write `[[Weltraumlagebewusstsein]]`" in d.hint


def test_make_new_writes_every_language(german):
    from scoelib import scaffold

    titles = {"en": "Orbit Basics", "fr": "Notions d'orbite", "de": "Grundlagen der Umlaufbahn"}
    written = scaffold.create(german, "SCOE-9.1", "space-domain-awareness", titles)
    assert sorted(Path(r).name for r in written) == ["chapter-1.de.md", "chapter-1.en.md", "chapter-1.fr.md",
                                                    "index.de.md", "index.en.md", "index.fr.md"]
    chapter = next(german / r for r in written if r.endswith("chapter-1.de.md")).read_text(encoding="utf-8")
    assert "# Kapitel 1 – Einleitung\n\n1.1 Erste nummerierte Ziffer" in chapter and "translated_from:" in chapter
    assert [d for d in run(german) if d.severity is diagnostics.Severity.ERROR or d.code == "TR002" and "9-1" in d.file] == []
    with pytest.raises(ValueError, match="TITLE_EN and TITLE_FR and TITLE_DE are needed"):
        scaffold.create(german, "SCOE-9.2", "space-domain-awareness", {"en": "x", "fr": "y"})


# --- the third language built -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def german_build(tmp_path_factory) -> tuple[Path, Path]:
    """The German fixture with the real library's plugin, templates and assets, built strictly once."""
    import shutil

    from conftest import ROOT, build

    root = tmp_path_factory.mktemp("german") / "lib"
    shutil.copytree(GERMAN, root)
    for name in ("overrides", "scoelib", "pyproject.toml", "Makefile", "requirements.txt", "requirements-test.txt"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, root / name)
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    (root / ".venv").symlink_to(ROOT / ".venv")
    res = build(root)
    assert res.returncode == 0, res.stdout + res.stderr
    return root, root / "site"


def _page(site: Path, rel: str):
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser((site / rel).read_text(encoding="utf-8"))


def test_third_language_builds_in_its_own_words(german_build):
    root, site = german_build
    page = _page(site, "de/publications/scoe-9-test/chapter-1/index.html")
    assert page.css_first("html").attributes["lang"] == "de"
    stale = page.css_first(".scoe-banner--stale").text()
    months = "|".join(typography.RULES["de"].months)
    assert re.search(rf"am \d{{1,2}}\.{NBSP}({months}) \d{{4}} geändert", stale)
    assert "Ziffern" in stale and page.css_first(".scoe-banner--stale a[hreflang=en]") is not None
    assert page.css_first(".scoe-cite").attributes["data-cite"] == f"SCOE-9(B) Ziff.{NBSP}1.1"
    assert "Veröffentlichungen" in [a.text(strip=True) for a in page.css(".md-nav__link")]
    # the key missing from the German catalogue: the English text, nothing else English around it
    assert page.css_first(".scoe-stale-badge").text(strip=True) == "translation to be revised"
    home = _page(site, "de/index.html")
    assert home.css_first(".admonition-title").text(strip=True) == "Hinweis"
    assert home.css_first(".scoe-tip").text().startswith("Weltraumlagebewusstsein: Verständnis")
    assert _page(site, "de/404.html").css_first("h1").text(strip=True) == "404 – Seite nicht gefunden"
    import json

    assert "de" in json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert json.loads(_page(site, "de/index.html").css_first("#scoe-strings").text())["copied"] == "Fundstelle kopiert: "


def test_make_check_reports_the_third_language(german_build):
    from conftest import check

    root, _ = german_build
    res = check(root)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "locales/de.yml:1:1: TR007 warning: the key `stale_para` is missing" in res.stdout
    assert "Translations (German): 2 up to date, 1 out of date" in res.stdout
    assert "  out of date: docs/publications/scoe-9-test/chapter-1.de.md (paragraphs 1.2)" in res.stdout


def test_sizes_of_downloads_use_the_languages_decimal_mark():
    from scoelib.kit.names import human_size
    assert human_size(1_450_000, "en", CAT.t) == CAT.t("downloads.size.mb", "en", n="1.4")
    assert human_size(1_450_000, "fr", CAT.t) == CAT.t("downloads.size.mb", "fr", n="1,4")
    assert human_size(1_450_000, "fr", CAT.t).startswith("1,4")
