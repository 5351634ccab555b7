"""Terminology held by the glossary (scoelib.terms) over the tiny library: variants to avoid (GL007) found
with their plural and feminine forms at the author's line and column, not in code, comments, addresses,
reference targets, phrases of the other language or the entry that lists them; `agreed` entries (GL008).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CH1_EN, CH1_FR, IDX_FR, ROOT, append, edit, run
from scoelib import diagnostics, model
from scoelib.__main__ import main

GLOSSARY = "data/glossary.yml"

ENTRY = """- id: harmful-interference
  status: coe
  source: Public source
  en:
    term: harmful interference
    definition: Interference that degrades a radio service.
    avoid:
      - term: jamming capability
        reason: Jamming is deliberate; interference need not be.
  fr:
    term: brouillage préjudiciable
    definition: Brouillage qui dégrade un service de radiocommunication.
    notes: On évite « interférence », calque de l'anglais.
    avoid:
      - term: interférence
        reason: Le Règlement des radiocommunications de l'UIT dit « brouillage ».
      - term: refusé
        reason: « Denied » se rend par « interdit ».
      - term: secteur spatial
        reason: Le terme retenu est « domaine spatial ».
      - term: d'intérêt militaire
        reason: Exemple d'élision.
"""

FR_TEXT = """1.2 Les services refusés, la zone refusée, les liaisons refusées et le lien refusé subissent des interférences ; \
une Interférence isolée aussi. Les secteurs spatiaux et le secteur
spatial. L’objet d’intérêt militaire. Refuser, interférer et refusal restent permis.

- `interférence` en code, <!-- interférence en commentaire --> et le « <span lang="en">interférence</span> » d'un texte anglais.
- Voir [[SCOE-9#1.1|les interférences]], [[interférence]] et [le lien](https://example.org/interf%C3%A9rence/interférence).

```text
interférence dans un bloc de code
```
"""


@pytest.fixture
def mini(mini: Path) -> Path:
    """The minimal library (conftest's `mini`) with a glossary entry that lists variants to avoid."""
    append(mini, GLOSSARY, ENTRY)
    return mini


def found(root: Path, code: str = "GL007") -> list[diagnostics.Diagnostic]:
    return [d for d in run(root) if d.code == code]


def where(root: Path, rel: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Line and column of the nth occurrence of `needle` in the file, found independently of the engine."""
    text = (root / rel).read_text(encoding="utf-8")
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def test_avoided_variants_found_with_inflections_at_line_and_column(mini):
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.\n", FR_TEXT)
    diags = [d for d in found(mini) if d.file == CH1_FR]
    got = {(d.line, d.column, d.message.split("`")[1]) for d in diags}
    expected = {(*where(mini, CH1_FR, w, n), w) for w, n in [
        ("refusés", 0), ("refusée", 0), ("refusées", 0), ("refusé", 3), ("interférences", 0), ("Interférence", 0),
        ("secteurs spatiaux", 0), ("interférences", 1)]}
    expected.add((*where(mini, CH1_FR, "secteur\nspatial"), "secteur\nspatial"))
    expected.add((*where(mini, CH1_FR, "d’intérêt militaire"), "d’intérêt militaire"))
    assert got == expected, "\n".join(d.format() for d in diags)
    d = diags[0]
    assert d.severity is diagnostics.Severity.WARNING
    assert "`brouillage préjudiciable`" in d.hint and "harmful-interference" in d.message


def test_not_flagged_in_code_comments_addresses_targets_or_other_language(mini):
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.\n", FR_TEXT)
    lines = {d.line for d in found(mini) if d.file == CH1_FR}
    code_line = where(mini, CH1_FR, "`interférence` en code")[0]
    block_line = where(mini, CH1_FR, "interférence dans un bloc")[0]
    link_line = where(mini, CH1_FR, "Voir [[SCOE-9")[0]
    assert code_line not in lines and block_line not in lines
    cols = [d.column for d in found(mini) if d.file == CH1_FR and d.line == link_line]
    assert cols == [where(mini, CH1_FR, "interférences]]")[1]], "only the label of the reference is text"


def test_english_pages_have_their_own_variants(mini):
    edit(mini, CH1_EN, "1.2 ", "1.2 Jamming capabilities and a jamming capability. ")
    edit(mini, CH1_FR, "1.2 ", "1.2 Une <span lang=\"en\">jamming capability</span> citée. ")
    diags = found(mini)
    assert [(d.file, d.line, d.column) for d in diags] == [(CH1_EN, *where(mini, CH1_EN, "Jamming")),
                                                           (CH1_EN, *where(mini, CH1_EN, "jamming"))]
    assert "`harmful interference`" in diags[0].hint


def test_front_matter_title_and_other_glossary_entries_are_checked_not_the_entry_itself(mini):
    edit(mini, IDX_FR, "title: ", "title: Interférences et ")
    edit(mini, GLOSSARY, "definition: Connaissance des objets en orbite",
         "definition: Connaissance des interférences et des objets en orbite")
    diags = found(mini)
    assert [(d.file, d.line, d.column) for d in diags] == [
        (GLOSSARY, *where(mini, GLOSSARY, "interférences et des objets")),
        (IDX_FR, *where(mini, IDX_FR, "Interférences et")),
    ]
    # the entry's own notes name the variant, and are not flagged
    assert where(mini, GLOSSARY, "On évite « interférence »")[0] not in {d.line for d in diags}


def test_deprecated_synonyms_are_variants_to_avoid_too(mini):
    edit(mini, CH1_EN, "1.2 ", "1.2 Space surveillance awareness is the old name. ")
    diags = found(mini)
    assert [(d.file, d.column) for d in diags] == [(CH1_EN, 5)]
    assert "variant to avoid in `en` text" in diags[0].message and "Why: former synonym, deprecated" in diags[0].hint


def test_clean_library_has_no_variant_and_check_refuses_them_on_request(mini, capsys):
    assert found(mini) == []
    edit(mini, CH1_FR, "1.2 ", "1.2 Des interférences. ")
    assert main(["--root", str(mini), "check", "-q"]) == 0  # a warning
    out = capsys.readouterr().out
    assert f"{CH1_FR}:" in out and "GL007 warning:" in out
    assert main(["--root", str(mini), "check", "-q", "--refuse", "GL007"]) == 1  # what a release runs
    assert "GL007 `interférences`" in capsys.readouterr().out


def test_release_refuses_avoided_variants_unless_allowed(mini):
    from tools import release
    shutil.copytree(ROOT / "scoelib", mini / "scoelib", ignore=shutil.ignore_patterns("__pycache__"))
    edit(mini, CH1_FR, "1.2 ", "1.2 Des interférences. ")
    with pytest.raises(release.Refused, match="ALLOW_TERMS=1"):
        release.check_and_build(mini, release.environment(mini))


def test_agreed_entry_needs_a_nato_source(mini):
    edit(mini, GLOSSARY, "- id: space-situational-awareness\n  status: coe", "- id: space-situational-awareness\n  status: agreed")
    diags = found(mini, "GL008")
    assert [(d.file, d.line) for d in diags] == [(GLOSSARY, where(mini, GLOSSARY, "source: Public source")[0])]
    assert diags[0].severity is diagnostics.Severity.ERROR and "NATOTerm" in diags[0].hint
    edit(mini, GLOSSARY, "source: Public source", "source: NATOTerm, record 12345")
    assert found(mini, "GL008") == []
    edit(mini, GLOSSARY, "  fr:\n    term: brouillage", "  fr:\n    status: agreed\n    term: brouillage")
    diags = found(mini, "GL008")
    assert len(diags) == 1 and "the fr designation of `harmful-interference`" in diags[0].message


def test_variant_expressions():
    import re

    from scoelib.terms import variant_pattern

    def hits(variant: str, lang: str, text: str) -> list[str]:
        return re.findall(rf"(?<!\w)(?:{variant_pattern(variant, lang)})(?!\w)", text, re.I)

    assert hits("soutien spatial opérationnel", "fr", "Soutiens spatiaux opérationnels ; soutien\u00a0spatial opérationnelle") == [
        "Soutiens spatiaux opérationnels", "soutien\u00a0spatial opérationnelle"]
    assert hits("offensif", "fr", "offensive, offensifs, offensives") == ["offensive", "offensifs", "offensives"]
    assert hits("premier", "fr", "première premiers premièrement") == ["première", "premiers"]
    assert hits("capability", "en", "capabilities, capability, capable") == ["capabilities", "capability"]
    assert hits("l'interférence", "fr", "l’interférence, l'interférences") == ["l’interférence", "l'interférences"]
    # a variant written in the plural is found in the singular too
    assert hits("opérations multi-domaines", "fr", "une opération multi-domaine, des opérations multi-domaines") == [
        "opération multi-domaine", "opérations multi-domaines"]
    assert hits("milieux spatiaux", "fr", "le milieu spatial") == ["milieu spatial"]
    assert hits("denied services", "en", "a denied service") == ["denied service"]


def test_check_never_lints_pages_without_a_stem(mini, monkeypatch):
    """Speed: a page with none of the variants' stems costs a `lower()` and a few `find`s, no expression."""
    from scoelib import terms

    calls = []
    monkeypatch.setattr(terms, "running_text", lambda *a: calls.append(a) or a[0])
    lib, _ = model.load(mini)
    matcher = terms.matchers(lib)["fr"]
    assert [terms.page_findings(p, matcher) for p in lib.pages.values() if p.lang == "fr"] == [[], [], []]
    assert calls == []


def test_real_library_uses_no_variant_to_avoid():
    from scoelib import terms

    lib, _ = model.load(ROOT)
    assert terms.matchers(lib).get("fr"), "the glossary records French variants to avoid"
    diags = list(terms.avoided_rule(lib)) + list(terms.agreed_rule(lib))
    assert diags == [], "\n".join(d.format() for d in diags)


def test_a_variant_to_avoid_cannot_be_the_entrys_own_designation(mini):
    edit(mini, GLOSSARY, "      - term: secteur spatial\n",
         "      - term: Brouillage  préjudiciable\n        reason: Non.\n      - term: secteur spatial\n")
    diags = found(mini, "GL001")
    assert [(d.file, d.line) for d in diags] == [(GLOSSARY, where(mini, GLOSSARY, "- term: Brouillage")[0])]
    assert "harmful-interference" in diags[0].message and "avoid" in diags[0].hint

