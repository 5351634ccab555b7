"""Words the library writes itself (banners, generated pages, labels, templates, scripts): one catalogue.

The strings live in one YAML file per language, `scoelib/locales/<language>.yml`; a site may add a
language, or override strings, with its own `locales/<language>.yml` next to `mkdocs.yml`. English
(`en.yml`) is the reference: it holds every key, and a key missing from another language's file falls
back to it (`Catalogue.missing` lists those keys; `make check` warns about each).

The files are written with ordinary spaces; each language's typography (`scoelib.typography`) is applied
when a file is loaded, so French strings get their no-break spaces before `; : ! ?`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

import yaml

from . import typography, yamlutil

NBSP = typography.NBSP
LOCALES = Path(__file__).resolve().parent / "locales"
REFERENCE = "en"  # the catalogue every other language falls back to: it holds every key


class CatalogueError(ValueError):
    def __init__(self, rel: str, line: int, message: str):
        super().__init__(f"{rel}:{line}: {message}")
        self.rel, self.line, self.message = rel, line, message


def parse(text: str, rel: str, lang: str) -> dict[str, str]:
    """One language's file: a flat mapping of keys to strings, typography applied."""
    try:
        data = yamlutil.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CatalogueError(rel, mark.line + 1 if mark else 1, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise CatalogueError(rel, 1, "a catalogue is a list of `key: text` lines")
    return {k: typography.apply(v, lang) for k, v in data.items()}


@lru_cache(maxsize=None)
def _package(lang: str) -> Optional[dict[str, str]]:
    path = LOCALES / f"{lang}.yml"
    if not path.exists():
        return None
    return parse(path.read_text(encoding="utf-8"), f"scoelib/locales/{lang}.yml", lang)


class Catalogue:
    """The strings of the given languages: the package's files, overridden key by key by a site's files
    (`site`: language -> (relative path, text), as `model.load` read them)."""

    def __init__(self, languages: Iterable[str], site: Optional[dict[str, tuple[str, str]]] = None):
        self.languages = list(dict.fromkeys([REFERENCE, *languages]))
        self.strings: dict[str, dict[str, str]] = {}
        self.files: dict[str, str] = {}  # language -> the file a reader fixes (the site's if it has one)
        for lang in self.languages:
            strings = dict(_package(lang) or {})
            if site is not None and lang in site:
                rel, text = site[lang]
                strings.update(parse(text, rel, lang))
                self.files[lang] = rel
            elif _package(lang) is not None:
                self.files[lang] = f"scoelib/locales/{lang}.yml"
            self.strings[lang] = strings

    def t(self, key: str, lang: str, **kw: object) -> str:
        """The string `key` in `lang` (in English if `lang`'s file lacks it), its `{fields}` filled in."""
        text = self.strings.get(lang, {}).get(key)
        if text is None:
            text = self.strings[REFERENCE][key]
        return text.format(nbsp=NBSP, **kw) if "{" in text else text

    def language_name(self, lang: str, in_lang: str = REFERENCE) -> str:
        """A language's name in `in_lang` ("French"), from the `language.<code>` keys; the code if unnamed."""
        return self.strings.get(in_lang, {}).get(f"language.{lang}") or self.strings[REFERENCE].get(f"language.{lang}") or lang

    def has(self, key: str, lang: str) -> bool:
        return key in self.strings.get(lang, {})

    def missing(self, lang: str) -> list[str]:
        """The keys of the reference catalogue that `lang`'s file lacks, in the reference file's order."""
        mine = self.strings.get(lang, {})
        return [k for k in self.strings[REFERENCE] if k not in mine]

    def section(self, prefix: str, lang: str) -> dict[str, str]:
        """Every key starting with `prefix` ("admonition."), without it, in `lang` (English where missing)."""
        return {k[len(prefix):]: self.t(k, lang) for k in self.strings[REFERENCE] if k.startswith(prefix)}

    def date(self, d: dt.date, lang: str) -> str:
        return typography.date(d, lang)


@lru_cache(maxsize=None)
def package_catalogue(languages: Sequence[str] = ()) -> Catalogue:
    """The package's own files, for every language it has (or the ones given)."""
    return Catalogue(languages or sorted(p.stem for p in LOCALES.glob("*.yml")))


def t(key: str, lang: str, **kw: object) -> str:
    """A string of the package's catalogue (the library's own site uses `Library.catalogue`)."""
    return package_catalogue().t(key, lang, **kw)


def date(d: dt.date, lang: str) -> str:
    return typography.date(d, lang)
