"""One copy of the real library with the edits of several tests, built strictly once for the session (fixture
`edited` in tests/conftest.py): the edits touch different pages, so each test reads only its own.

- tests/test_translation_build.py: a new English page whose translation is pending (about/history), with a
  mermaid block and a link to another site; paragraph 2.3 of SCOE-2.1 chapter 2 revised in English only (its
  French page is then stale);
- tests/test_build.py: headings, lists, tables and quotations holding references, appended to SCOE-2.1
  chapter 1 in both languages (the French page recorded as its translation again);
- tests/browser/test_print.py: a phrase of paragraph 2.1 of SCOE-1 chapter 2 made a link to another site, in
  both languages (the French page recorded as its translation again).
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import build, copy_library, make

CH2 = "docs/publications/scoe-2-1-operational-space-support/chapter-2"
AWKWARD = "docs/publications/scoe-2-1-operational-space-support/chapter-1.{lang}.md"
PRINTED = "docs/publications/scoe-1-space-support/chapter-2.{lang}.md"
HISTORY = ("---\ntranslation: pending\n---\n\n# History of the Centre\n\nThe Centre was accredited in July 2023.\n\n"
           "```mermaid\ngraph TD; A-->B\n```\n\nSee [NATO](https://www.nato.int/).\n")
AWKWARD_CHAPTER = """

## Links to [[SCOE-3.1]] and [[space domain awareness]]

1.14 A paragraph that opens a list:

- citing [[SCOE-3.1#1.2]]
- naming [[GEO]]

| Term | Reference |
|---|---|
| [[space domain awareness]] | [[SCOE-1]] |

> A quotation about [[interoperability]].

1.15 A last paragraph, with [[framework nation]] at its end: [[doctrine]]
"""
AWKWARD_CHAPTER_FR = """

## Liens vers [[SCOE-3.1]] et la [[connaissance du domaine spatial]]

1.14 Un paragraphe qui ouvre une liste :

- citant [[SCOE-3.1#1.2]]
- nommant [[orbite géostationnaire]]

| Terme | Référence |
|---|---|
| [[connaissance du domaine spatial]] | [[SCOE-1]] |

> Une citation sur l'[[interopérabilité]].

1.15 Un dernier paragraphe, avec [[nation-cadre]] à sa fin : [[doctrine]]
"""
LINKS = {  # a phrase of paragraph 2.1 made into a link to another site
    "en": ("not agreed NATO doctrine", "not agreed [NATO doctrine]({url})", "https://www.nato.int/cps/en/natohq/topics_49284.htm"),
    "fr": ("doctrine agréée par l'OTAN", "[doctrine agréée par l'OTAN]({url})", "https://www.nato.int/cps/fr/natohq/topics_49284.htm"),
}


def make_edited(tmp: Path) -> tuple[Path, Path]:
    """The copy and its site."""
    root = copy_library(tmp / "lib")
    (root / "docs/about/history.en.md").write_text(HISTORY, encoding="utf-8")
    en = root / f"{CH2}.en.md"
    en.write_text(re.sub(r"^(2\.3 )", r"\1Revised in this edition: ", en.read_text(encoding="utf-8"), count=1, flags=re.M),
                  encoding="utf-8")
    for lang, added in (("en", AWKWARD_CHAPTER), ("fr", AWKWARD_CHAPTER_FR)):
        path = root / AWKWARD.format(lang=lang)
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + added, encoding="utf-8")
    for lang, (old, new, url) in LINKS.items():
        path = root / PRINTED.format(lang=lang)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{path.name} no longer says {old!r}: pick another phrase"
        path.write_text(text.replace(old, new.format(url=url), 1), encoding="utf-8")
    # the English pages changed in both languages: the French pages recorded as their translations again
    res = make(root, "translated", PAGE=f"{AWKWARD.format(lang='fr')} {PRINTED.format(lang='fr')}")
    assert res.returncode == 0, res.stdout + res.stderr
    site = root / "site"
    res = build(root, site)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return root, site
