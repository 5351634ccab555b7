"""Spelling and typography of the authors' text (scoelib/style.py): what `make check` reports (TY001,
TY003, TY004) at file:line:col, what `make fix` changes (only spaces, apostrophes and ordinal endings, never
in code, addresses, attributes, `[[...]]` targets or front matter; idempotent), and the rendered French
text nodes (the build).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import CH1_EN, CH1_FR, ROOT, edit, run
from scoelib import diagnostics, model, rules, style
from scoelib.__main__ import main
from scoelib.typography import NBSP, NNBSP

SOURCE_FR = """1.2 Le Centre d'excellence : une question ? Oui ; et « bien » ! Le XXème siècle, la 1ère fois, le 2ème jour.
Dans `l'espace : code`, [l'adresse](https://example.org/l'a:b?c=d;e) et [[SCOE-9#1.1|l'exemple]] ; \
<span title="Titre : x">l'infobulle</span>.
Déjà bien : « fine », 10:30, http://example.org/a?b et <span lang="en">the Centre's point: yes?</span>

!!! note "Attention : à lire"
    Contenu{#a-b}."""

FIXED_FR = (f"1.2 Le Centre d’excellence{NBSP}: une question{NNBSP}? Oui{NNBSP}; et «{NNBSP}bien{NNBSP}»{NNBSP}! "
            "Le XXe siècle, la 1re fois, le 2e jour.\n"
            f"Dans `l'espace : code`, [l’adresse](https://example.org/l'a:b?c=d;e) et [[SCOE-9#1.1|l’exemple]]{NNBSP}; "
            "<span title=\"Titre : x\">l’infobulle</span>.\n"
            f"Déjà bien{NBSP}: «{NNBSP}fine{NNBSP}», 10:30, http://example.org/a?b et <span lang=\"en\">the Centre's point: yes?</span>\n"
            "\n"
            "!!! note \"Attention : à lire\"\n"
            "    Contenu{#a-b}.")


def found(root: Path, *codes: str) -> list[diagnostics.Diagnostic]:
    return [d for d in run(root) if d.code in codes]


def where(root: Path, rel: str, needle: str) -> tuple[int, int]:
    text = (root / rel).read_text(encoding="utf-8")
    pos = text.index(needle)
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def test_fix_text_changes_running_text_only():
    from scoelib import mdscan

    fixed, done = style.fix_text(SOURCE_FR, "fr", style.source_text(mdscan.mask(SOURCE_FR), "fr"))
    assert fixed == FIXED_FR
    assert {e.code for e in done} == {"TY001", "TY002", "TY003"}
    again, more = style.fix_text(fixed, "fr", style.source_text(mdscan.mask(fixed), "fr"))
    assert again == fixed and more == []


def test_check_reports_missing_spaces_ordinals_and_ise_at_line_and_column(mini):
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.", "1.2 Le deuxième paragraphe : vraiment? Le XXème siècle. `a; b` l'apostrophe.")
    edit(mini, CH1_EN, "1.2 ", "1.2 The organisation will prioritise it; otherwise advise and exercise. ")
    diags = found(mini, "TY001", "TY002", "TY003", "TY004")
    assert [(d.file, d.line, d.column, d.code) for d in diags] == [
        (CH1_EN, *where(mini, CH1_EN, "organisation"), "TY004"),
        (CH1_EN, *where(mini, CH1_EN, "prioritise"), "TY004"),
        (CH1_FR, *where(mini, CH1_FR, " : vraiment"), "TY001"),
        (CH1_FR, where(mini, CH1_FR, "?")[0], where(mini, CH1_FR, "?")[1], "TY001"),
        (CH1_FR, where(mini, CH1_FR, "ème siècle")[0], where(mini, CH1_FR, "ème siècle")[1], "TY003"),
    ], "\n".join(d.format() for d in diags)
    assert "`organization`" in diags[0].hint and diags[0].severity is diagnostics.Severity.WARNING
    assert "U+00A0" in diags[2].message and "make fix" in diags[2].hint
    assert "`XXe`" in diags[4].message


def test_either_no_break_space_is_accepted_by_check(mini):
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.", f"1.2 Le deuxième{NBSP}; le troisième{NNBSP}; «{NBSP}cité{NBSP}».")
    assert found(mini, "TY001") == []


def test_ise_words_of_every_spelling_and_allowed_names_are_not_reported():
    text = ("They advise, comprise, exercise, otherwise revise, supervise, surprise, televise, compromise, enterprise, "
            "merchandise, premise, improvise, devise, disguise, excise, chastise, despise, arise, rise, wise, raised "
            "noise, praise, precise, concise, expertise, franchise, promise, the Organisation for Economic Co-operation "
            "and Development, analyse, crisis, liaising, practised, `organise` and [[organisation]].")
    from scoelib import mdscan

    assert [e.found for e in style.edits(mdscan.mask(text), "en") if e.code == "TY004"] == []
    assert [e.found for e in style.edits("Standardisation, recognised, realising, Characterisation.", "en")] == [
        "Standardisation", "recognised", "realising", "Characterisation"]


def test_make_fix_is_idempotent_and_changes_only_spaces_and_apostrophes(tmp_path, capsys):
    root = tmp_path / "lib"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")  # the library's languages
    before = {p: p.read_text(encoding="utf-8") for p in root.rglob("*.md")}
    assert main(["--root", str(root), "fix"]) == 0
    out = capsys.readouterr().out
    changed = {p for p, text in before.items() if p.read_text(encoding="utf-8") != text}
    assert changed and all(p.name.endswith(".fr.md") for p in changed)
    first = min(changed)
    assert f"{first.relative_to(root).as_posix()}:" in out and re.search(r"changed \d+ spaces, apostrophes or ordinals in \d+ files", out)

    def meaning(text: str) -> str:  # the text without what make fix may change
        return re.sub(r"[\s'’]", "", text)

    for p in changed:
        new = p.read_text(encoding="utf-8")
        assert meaning(new) == meaning(before[p]), p
        head_old, head_new = before[p].split("\n---\n", 1)[0], new.split("\n---\n", 1)[0]
        assert head_old == head_new, f"front matter changed in {p}"
    after = {p: p.read_text(encoding="utf-8") for p in changed}
    assert main(["--root", str(root), "fix"]) == 0
    assert capsys.readouterr().out.strip() == "Nothing to fix."
    assert all(p.read_text(encoding="utf-8") == text for p, text in after.items())
    # the fixed library still checks clean
    lib, diags = model.load(root)
    assert not diagnostics.has_errors(diags + rules.check(lib))


def test_make_fix_narrowed_to_files(mini, capsys):
    edit(mini, CH1_FR, "1.2 Le deuxième paragraphe.", "1.2 Le deuxième : l'autre.")
    edit(mini, "docs/index.fr.md", "\n\n", "\n\nL'accueil ?\n\n")
    assert main(["--root", str(mini), "fix", "--dry-run", CH1_FR]) == 0
    out = capsys.readouterr().out
    line = where(mini, CH1_FR, "1.2 Le deuxième")[0]
    assert out.splitlines()[0] == f"{CH1_FR}:{line}: TY001 no-break space before `:`, TY002 apostrophe ’"
    assert "docs/index.fr.md" not in out and "would change 2 " in out
    assert "Le deuxième : l'autre." in (mini / CH1_FR).read_text(encoding="utf-8")  # a dry run changes nothing
    assert main(["--root", str(mini), "fix", str(mini / CH1_FR)]) == 0
    assert f"Le deuxième{NBSP}: l’autre." in (mini / CH1_FR).read_text(encoding="utf-8")
    assert "L'accueil ?" in (mini / "docs/index.fr.md").read_text(encoding="utf-8")


def test_rendered_french_text_nodes():
    html = ('<p>L\'espace : « ici » ; <code>a ; b</code> <a href="x?a=b;c" title="Quoi ?">R&amp;D ; l&#39;autre</a> '
            '<span lang="en">Centre\'s: yes</span> <pre><code>x : y</code></pre> <img alt="a ; b"> fin !</p>')
    want = (f'<p>L’espace{NBSP}: «{NNBSP}ici{NNBSP}»{NNBSP}; <code>a ; b</code> '
            f'<a href="x?a=b;c" title="Quoi ?">R&amp;D{NNBSP}; l’autre</a> '
            f'<span lang="en">Centre\'s: yes</span> <pre><code>x : y</code></pre> <img alt="a ; b"> fin{NNBSP}!</p>')
    assert style.render_html(html, "fr") == want
    assert style.render_html(want, "fr") == want
    assert style.render_html(html, "en") == html


def test_rendered_french_ordinals_are_superscripts():
    """1re, 2e, XXIe siècle, François Ier as French sets them; never in code, an address, an attribute, a word
    ("Ce", "Les"), a number (1,5e) or an identifier (a-2e), nor in English; once only."""
    html = ('<p>La 1re fois, les 1res, le 29e centre, au XXIe siècle, sous la Ve République, François Ier, 2es. '
            'Ce que Les Ces disent. <code>2e</code> <a href="/x/2e" title="3e">https://a.int/2e</a> a-2e 1,5e 1e 2e-3</p>'
            '<p lang="en">the 2e</p>')
    want = ('<p>La 1<sup>re</sup> fois, les 1<sup>res</sup>, le 29<sup>e</sup> centre, au XXI<sup>e</sup> siècle, sous la '
            'V<sup>e</sup> République, François I<sup>er</sup>, 2<sup>es</sup>. Ce que Les Ces disent. <code>2e</code> '
            '<a href="/x/2e" title="3e">https://a.int/2e</a> a-2e 1,5e 1e 2e-3</p><p lang="en">the 2e</p>')
    assert style.render_html(html, "fr", ordinals=True) == want
    assert style.render_html(want, "fr", ordinals=True) == want
    assert style.render_html(html, "fr") == html  # titles, labels and attributes stay plain text
    assert style.render_html(html, "en", ordinals=True) == html


def test_built_french_pages_show_french_typography(site):
    """Readers see French spaces and apostrophes in the text, the headings and the table of contents,
    whatever the source; code and English phrases keep theirs."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser((site / "fr/publications/scoe-1-space-support/chapter-1/index.html").read_text(encoding="utf-8"))
    article = tree.css_first("article")
    for node in article.css("code, pre, [lang=en]"):
        node.decompose()
    text = article.text()
    assert "l’Alliance" in text and not re.search(r"[^\W\d_]'[^\W\d_]", text)
    assert not re.search(r"[^\u202f\u00a0\s][;!?»]|[ \u00a0][;!?»]", text.replace("&", ""))
    toc = tree.css_first("nav.md-nav--secondary").text()
    assert "l’espace" in toc and "l'espace" not in toc
