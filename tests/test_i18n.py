"""Languages, the catalogue of interface strings and typography: what a reader of each language sees in the
words the library writes itself. No MkDocs, no build: the engine's modules over strings and tiny sites."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from scoelib import typography, ui
from scoelib.typography import NBSP, NNBSP

CAT = ui.package_catalogue()
FIELDS = dict(date="1er janvier 2026", paras="", source_url="x", source_lang="en", link="x", list="1.1", n=3,
              edition="A", version=1)


def test_every_language_file_has_the_keys_of_the_english_one():
    assert set(CAT.languages) >= {"en", "fr"}
    for lang in CAT.languages:
        assert CAT.missing(lang) == [], f"scoelib/locales/{lang}.yml lacks {CAT.missing(lang)}"
        assert set(CAT.strings[lang]) <= set(CAT.strings["en"]), f"{lang}.yml has keys English lacks"


@pytest.mark.parametrize("lang", ["fr"])
def test_strings_follow_the_languages_typography(lang):
    for key in CAT.strings["en"]:
        text = CAT.t(key, lang, **FIELDS)
        plain = re.sub(r"<[^>]+>|\([^)]*\)|\{[^}]*\}", "", text)
        for m in re.finditer(r"(.)([:;?!])(?=\s|$)", plain):
            assert m.group(1) in (NBSP, NNBSP), f"{key}: no no-break space before {m.group(2)!r} in {text!r}"
    assert CAT.t("banner.study", "fr").count(f"nation{NNBSP};") == 1  # narrow before ;
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
