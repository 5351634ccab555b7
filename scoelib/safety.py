"""Publication safety: protective markings and active content.

These rules cannot be downgraded or silenced inline. The only exemption is for markings, through the
reviewed allow-list `safety-allowlist.yml`, which names the file and the exact text of each marked line;
every exemption applied is reported.

Markings are searched in the raw text of every page (front matter, body, code blocks, alt text, and
the leading `Key: value` lines MkDocs would hide) and of the data files. Active content is searched in
what authors write (raw HTML, Markdown links, attribute lists) without rendering, and again in the
rendered HTML of each page during the build (`check_html`), with a real HTML parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from . import codes, mdscan, registry, yamlutil
from .diagnostics import Diagnostic
from .model import Library

ALLOWLIST = Library.ALLOWLIST

# (pattern, flags, name). Multi-word markings are unambiguous in any case; single words that are also
# ordinary words ("secret", "cui") only count in capitals.
_ANY = re.IGNORECASE
_MARKINGS = [
    (r"COSMIC[\s_-]+TOP[\s_-]+SECRET", _ANY, "COSMIC TOP SECRET"),
    (r"NATO[\s_-]+(?:RESTRICTED|CONFIDENTIAL|SECRET|UNCLASSIFIED)", _ANY, "NATO security classification"),
    (r"OTAN[\s_-]+(?:DIFFUSION[\s_-]+RESTREINTE|CONFIDENTIEL|SECRET|NON[\s_-]+CLASSIFI[ÉE])", _ANY, "NATO security classification (French)"),
    (r"DIFFUSION[\s_-]+RESTREINTE", _ANY, "DIFFUSION RESTREINTE"),
    (r"CONFIDENTIEL[\s_-]+D[ÉE]FENSE", _ANY, "CONFIDENTIEL DÉFENSE"),
    (r"TR[ÈE]S[\s_-]+SECRET[\s_-]+D[ÉE]FENSE", _ANY, "TRÈS SECRET DÉFENSE"),
    (r"(?<!TRÈS )(?<!TRES )SECRET[\s_-]+D[ÉE]FENSE", _ANY, "SECRET DÉFENSE"),
    (r"TR[ÈE]S[\s_-]+SECRET", 0, "TRÈS SECRET"),
    (r"SP[ÉE]CIAL[\s_-]+FRANCE", _ANY, "SPÉCIAL FRANCE"),
    (r"OFFICIAL[\s_-]+SENSITIVE", _ANY, "OFFICIAL-SENSITIVE"),
    (r"UK[\s_-]+EYES[\s_-]+ONLY", _ANY, "UK EYES ONLY"),
    (r"NOFORN", _ANY, "NOFORN"),
    (r"NOT[\s_-]+RELEASABLE[\s_-]+TO[\s_-]+FOREIGN[\s_-]+NATIONALS", _ANY, "NOFORN"),
    (r"REL[\s_]+TO", 0, "REL TO"),
    (r"FOUO", _ANY, "FOUO"),
    (r"FOR[\s_-]+OFFICIAL[\s_-]+USE[\s_-]+ONLY", _ANY, "FOR OFFICIAL USE ONLY"),
    (r"CUI", 0, "CUI"),
    (r"CONTROLLED[\s_-]+UNCLASSIFIED[\s_-]+INFORMATION", _ANY, "CUI"),
    (r"VS[\s_-]*-?[\s_-]*NfD", _ANY, "VS-NfD"),
    (r"VS[\s_-]+NUR[\s_-]+F[ÜU]R[\s_-]+DEN[\s_-]+DIENSTGEBRAUCH", _ANY, "VS-NfD"),
    (r"VS[\s_-]+VERTRAULICH", _ANY, "VS-VERTRAULICH"),
    (r"STRENG[\s_-]+GEHEIM", _ANY, "STRENG GEHEIM"),
    (r"(?:RESTREINT|CONFIDENTIEL|SECRET)[\s_-]+UE(?:/EU)?", 0, "EU classification"),
    (r"EU[\s_-]+(?:RESTRICTED|CONFIDENTIAL|SECRET|TOP[\s_-]+SECRET)", _ANY, "EU classification"),
    (r"TOP[\s_-]+SECRET", 0, "TOP SECRET"),
]
# A line that is nothing but a classification word, as in a page banner: "SECRET", "// CONFIDENTIAL //".
_BANNER = re.compile(r"^[\W_]*(SECRET|CONFIDENTIAL|RESTRICTED|CONFIDENTIEL|GEHEIM)[\W_]*$")
_MARKING_RES = [(re.compile(r"(?<![\w-])" + p + r"(?![\w])", f), name) for p, f, name in _MARKINGS]


@dataclass(frozen=True)
class Exemption:
    file: str
    line_text: str
    reason: str
    line: int  # line in the allow-list


def load_allowlist(lib: Library) -> tuple[list[Exemption], list[Diagnostic]]:
    """The exemptions of the allow-list, as `model.load` read it (none if the library has no allow-list)."""
    if lib.allowlist is None:
        return [], []
    try:
        located = yamlutil.load(lib.allowlist)
    except yamlutil.YamlError as exc:
        return [], [Diagnostic(ALLOWLIST, exc.line, exc.column, codes.SF001, f"the safety allow-list is not valid YAML: {exc.message}",
                               hint="Until it is fixed, no exemption applies.")]
    out, diags = [], []
    for i, item in enumerate(located.data or []):
        if not (isinstance(item, dict) and isinstance(item.get("file"), str) and isinstance(item.get("line"), str) and item.get("reason")):
            diags.append(Diagnostic(ALLOWLIST, located.line((i,)), 1, codes.SF001, "an exemption needs `file`, `line` (the exact text of the marked line) and `reason`"))
            continue
        out.append(Exemption(item["file"], item["line"].strip(), str(item["reason"]), located.line((i,))))
    return out, diags


# Words a marking cannot be written without: every group must be present (any one word of a group). Words
# of case-insensitive patterns are looked for in the text lowered (after folding the four letters that `re`
# matches to ASCII letters without ignoring case: ſ, ı, İ, K); words of case-sensitive patterns as written.
# A text that lacks them cannot match the pattern, so the pattern is not run line by line on it; that skips
# the line-by-line search on almost every page. A pattern missing here is always run.
_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    r"COSMIC[\s_-]+TOP[\s_-]+SECRET": (("cosmic",), ("secret",)),
    r"NATO[\s_-]+(?:RESTRICTED|CONFIDENTIAL|SECRET|UNCLASSIFIED)": (("nato",), ("restricted", "confidential", "secret", "unclassified")),
    r"OTAN[\s_-]+(?:DIFFUSION[\s_-]+RESTREINTE|CONFIDENTIEL|SECRET|NON[\s_-]+CLASSIFI[ÉE])": (("otan",), ("restreinte", "confidentiel", "secret", "classifi")),
    r"DIFFUSION[\s_-]+RESTREINTE": (("diffusion",), ("restreinte",)),
    r"CONFIDENTIEL[\s_-]+D[ÉE]FENSE": (("confidentiel",), ("fense",)),
    r"TR[ÈE]S[\s_-]+SECRET[\s_-]+D[ÉE]FENSE": (("secret",), ("fense",)),
    r"(?<!TRÈS )(?<!TRES )SECRET[\s_-]+D[ÉE]FENSE": (("secret",), ("fense",)),
    r"TR[ÈE]S[\s_-]+SECRET": (("SECRET",),),
    r"SP[ÉE]CIAL[\s_-]+FRANCE": (("cial",), ("france",)),
    r"OFFICIAL[\s_-]+SENSITIVE": (("official",), ("sensitive",)),
    r"UK[\s_-]+EYES[\s_-]+ONLY": (("eyes",), ("only",)),
    r"NOFORN": (("noforn",),),
    r"NOT[\s_-]+RELEASABLE[\s_-]+TO[\s_-]+FOREIGN[\s_-]+NATIONALS": (("releasable",), ("foreign",)),
    r"REL[\s_]+TO": (("REL",), ("TO",)),
    r"FOUO": (("fouo",),),
    r"FOR[\s_-]+OFFICIAL[\s_-]+USE[\s_-]+ONLY": (("official",), ("only",)),
    r"CUI": (("CUI",),),
    r"CONTROLLED[\s_-]+UNCLASSIFIED[\s_-]+INFORMATION": (("controlled",), ("unclassified",)),
    r"VS[\s_-]*-?[\s_-]*NfD": (("nfd",),),
    r"VS[\s_-]+NUR[\s_-]+F[ÜU]R[\s_-]+DEN[\s_-]+DIENSTGEBRAUCH": (("dienstgebrauch",),),
    r"VS[\s_-]+VERTRAULICH": (("vertraulich",),),
    r"STRENG[\s_-]+GEHEIM": (("geheim",),),
    r"(?:RESTREINT|CONFIDENTIEL|SECRET)[\s_-]+UE(?:/EU)?": (("RESTREINT", "CONFIDENTIEL", "SECRET"), ("UE",)),
    r"EU[\s_-]+(?:RESTRICTED|CONFIDENTIAL|SECRET|TOP[\s_-]+SECRET)": (("restricted", "confidential", "secret"),),
    r"TOP[\s_-]+SECRET": (("TOP",), ("SECRET",)),
}
_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})
_BANNER_WORDS = ("SECRET", "CONFIDENTIAL", "RESTRICTED", "CONFIDENTIEL", "GEHEIM")


def _possible(text: str) -> tuple[list, bool]:
    """The marking patterns that can match somewhere in `text`, and whether a banner line can."""
    folded = (text.translate(_FOLD) if any(c in text for c in "\u017f\u0131\u0130\u212a") else text).lower()
    seen: dict[tuple[bool, str], bool] = {}  # each word is looked for once per text

    def has(word: str, fold: bool) -> bool:
        key = (fold, word)
        if key not in seen:
            seen[key] = word in (folded if fold else text)
        return seen[key]

    out = []
    for item, needs, fold in _PLAN:
        if needs is None or all(any(has(w, fold) for w in group) for group in needs):
            out.append(item)
    return out, any(w in text for w in _BANNER_WORDS)


# (compiled pattern and name, the words it needs, whether they are looked for case-insensitively), in order
_PLAN = [(item, _NEEDS.get(pattern), bool(flags & re.IGNORECASE)) for (pattern, flags, _), item in zip(_MARKINGS, _MARKING_RES)]


def find_markings(text: str) -> Iterable[tuple[int, int, str, str]]:
    """(line, column, marking name, matched text) for each marking in `text`."""
    patterns, banner = _possible(text)
    if not patterns and not banner:
        return
    for lineno, line in enumerate(text.split("\n"), 1):
        hits = []
        for rx, name in patterns:
            for m in rx.finditer(line):
                if any(a <= m.start() < b for a, b, _, _ in hits):
                    continue
                hits.append((m.start(), m.end(), name, m.group(0)))
        if not hits and _BANNER.match(line.strip()) and line.strip():
            m = _BANNER.match(line.strip())
            hits.append((line.find(m.group(1)), 0, "classification banner", m.group(1)))
        for start, _, name, matched in sorted(hits):
            yield lineno, start + 1, name, matched


@registry.rule(codes.SF001, codes.SF007)
def markings_rule(lib: Library, index=None) -> Iterable[Diagnostic]:
    """SF001 (and SF007, exemptions applied) over every page and data file."""
    exemptions, out = load_allowlist(lib)
    sources = [(p.rel, p.text) for p in lib.pages.values()] + sorted(lib.raw_data.items())
    for rel, text in sources:
        lines = text.split("\n")
        for line, col, name, matched in find_markings(text):
            ex = next((e for e in exemptions if e.file == rel and e.line_text == lines[line - 1].strip()), None)
            if ex:
                out.append(Diagnostic(rel, line, col, codes.SF007, f"marking `{matched}` exempted by {ALLOWLIST}:{ex.line} ({ex.reason})"))
                continue
            out.append(Diagnostic(rel, line, col, codes.SF001, f"`{matched}` is a protective marking ({name}); this library publishes public material only",
                                  hint="Remove the marked material. A page that must discuss markings is exempted only through `safety-allowlist.yml`, reviewed."))
    return out


# --- active content -----------------------------------------------------------------------------

FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link", "portal"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "cite", "lowsrc", "dynsrc"}
RESOURCE_TAGS = {"img", "video", "audio", "source", "track", "input", "image", "use", "picture"}
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp|avif);", re.I)
START_TAG_RE = re.compile(r"<(?P<tag>[a-zA-Z][\w:-]*)(?P<attrs>(?:\s[^<>]*?)?)/?>", re.S)
ATTR_LIST_RE = re.compile(r"\{:?[ \t]*(?P<body>(?:[#.][\w.-]+[ \t]*|[\w:-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]*)[ \t]*)+)\}")
ATTR_IN_LIST_RE = re.compile(r"(?P<name>[\w:-]+)=(?P<value>\"[^\"\n]*\"|'[^'\n]*'|[^\s}]*)")


@dataclass
class Finding:
    code: codes.Code
    message: str
    needle: str  # text to find in the source to place the finding
    hint: str = ""


def _url_problem(attr: str, value: str, tag: str) -> Optional[Finding]:
    v = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    scheme = v.split(":", 1)[0] if ":" in v else ""
    if scheme in ("javascript", "vbscript", "livescript"):
        return Finding(codes.SF004, f"`{attr}` uses a `{scheme}:` URL", value, "Link to a page or file of the library instead.")
    if scheme == "data":
        if tag in ("img", "source", "picture") and attr in ("src", "srcset") and SAFE_DATA_IMAGE.match(v):
            return None
        return Finding(codes.SF004, f"`{attr}` uses a `data:` URL that is not an image", value, "Put the file in `docs/assets/` and link to it.")
    if tag in RESOURCE_TAGS and attr in ("src", "srcset", "poster", "href", "xlink:href") and (scheme in ("http", "https", "ftp") or v.startswith("//")):
        return Finding(codes.SF006, f"`<{tag}>` loads `{value}` from another site; readers on closed networks cannot reach it", value,
                       "Copy the file into `docs/assets/` (if its licence allows) and reference it there.")
    return None


def check_element(tag: str, attrs: dict[str, Optional[str]]) -> list[Finding]:
    tag = tag.lower()
    out = []
    if tag in FORBIDDEN_TAGS:
        out.append(Finding(codes.SF002, f"`<{tag}>` is not allowed in the library's pages", f"<{tag}",
                           "Remove the element; pages carry no scripts, frames, objects, embeds, forms, `<base>`, `<meta>` or `<link>`."))
    for name, value in attrs.items():
        lname = name.lower()
        value = value or ""
        if lname.startswith("on"):
            out.append(Finding(codes.SF003, f"`{name}=` on `<{tag}>` would run script", name, "Remove the attribute."))
        elif lname in URL_ATTRS:
            for part in (value.split(",") if lname == "srcset" else [value]):
                prob = _url_problem(lname, part.strip().split(" ")[0] if lname == "srcset" else part.strip(), tag)
                if prob:
                    out.append(prob)
        elif lname == "style" and re.search(r"url\s*\(|expression\s*\(|@import", value, re.I):
            out.append(Finding(codes.SF005, f"`style` on `<{tag}>` loads a resource with `url(...)`", "url(", "Remove the `url(...)`."))
    return out


def check_html(html: str) -> list[Finding]:
    """Active content in rendered HTML (a page's content as the build produced it)."""
    out = []
    tree = HTMLParser(html)
    root = tree.root
    if root is None:
        return out
    for node in root.traverse(include_text=False):
        tag = node.tag
        if tag.startswith("-"):  # text/comment pseudo-nodes
            continue
        attrs = node.attributes
        # most elements have no attribute that can load or run anything: only those go through the checks
        if tag in _HTML_CHECKED_TAGS or any(_risky_attr(name) for name in attrs):
            out += check_element(tag, attrs)
        if tag == "style" and re.search(r"url\s*\(|@import|expression\s*\(", node.text() or "", re.I):
            out.append(Finding(codes.SF005, "a `<style>` block loads a resource", "<style", "Remove the `<style>` block."))
    return out


_HTML_CHECKED_TAGS = FORBIDDEN_TAGS | {t.upper() for t in FORBIDDEN_TAGS}
_RISKY_ATTRS = URL_ATTRS | {"style"}


def _risky_attr(name: str) -> bool:
    name = name.lower()
    return name in _RISKY_ATTRS or name.startswith("on")


def check_source(masked: str) -> list[tuple[int, Finding]]:
    """Active content in what the author wrote: raw HTML tags, attribute lists, Markdown links."""
    out: list[tuple[int, Finding]] = []
    # each scan below needs a character most pages lack (`<`, `{`, `](`): skip it then
    for m in (START_TAG_RE.finditer(masked) if "<" in masked else ()):
        tag = m.group("tag")
        node = HTMLParser(f"<div>{m.group(0)}</div>").css_first("div")
        attrs = {}
        if node is not None and node.child is not None and node.child.tag.lower() == tag.lower():
            attrs = dict(node.child.attributes)
        elif m.group("attrs").strip():  # tags the parser moves out of a div (meta, base, frame...)
            attrs = dict(re.findall(r"([\w:-]+)\s*=\s*[\"']?([^\"'\s>]*)", m.group("attrs")))
        for f in check_element(tag, attrs):
            pos = m.start() if f.code == codes.SF002 else _find(masked, f.needle, m.start(), m.end())
            out.append((pos, f))
    for m in (re.finditer(r"<\s*/?\s*style\b", masked, re.I) if "<" in masked else ()):
        end = masked.find("</style", m.end())
        if end > 0 and re.search(r"url\s*\(|@import", masked[m.end():end], re.I):
            out.append((m.start(), Finding(codes.SF005, "a `<style>` block loads a resource", "<style", "Remove the `<style>` block.")))
    for m in (ATTR_LIST_RE.finditer(masked) if "{" in masked else ()):
        attrs = {a.group("name"): a.group("value").strip("\"'") for a in ATTR_IN_LIST_RE.finditer(m.group("body"))}
        for f in check_element("a", attrs):
            out.append((_find(masked, f.needle, m.start(), m.end()), f))
    for link in (mdscan.LINK_RE.finditer(masked) if "](" in masked else ()):
        target = link.group("target").strip("<>")
        f = _url_problem("src" if link.group("image") else "href", target, "img" if link.group("image") else "a")
        if f and f.code == codes.SF004:
            out.append((link.start("target"), f))
    return out


def _find(text: str, needle: str, start: int, end: int) -> int:
    pos = text.lower().find(needle.lower(), start, end)
    return pos if pos >= 0 else start


@registry.rule(codes.SF002, codes.SF003, codes.SF004, codes.SF005, codes.SF006)
def active_content_rule(lib: Library, index=None) -> Iterable[Diagnostic]:
    out = []
    for page in lib.pages.values():
        for pos, f in check_source(page.masked):
            line, col = mdscan.offset_to_linecol(page.masked, pos)
            out.append(Diagnostic(page.rel, page.body_start + line - 1, col, f.code, f.message, hint=f.hint))
        # front matter values (a title, a summary) reach the navigation, the page's <title> and the
        # catalogue; the theme inserts some of them as HTML
        for path, text in _strings(page.meta) if page.meta and "<" in page.text else ():
            for _, f in check_source(text):
                line = page.meta_yaml.line(path) if page.meta_yaml else 1
                key = ".".join(str(p) for p in path)
                out.append(Diagnostic(page.rel, line, 1, f.code, f"front matter `{key}`: {f.message}",
                                      hint="Front matter values are plain text: remove the markup."))
    for e in lib.glossary:
        for lang in [lang for lang in lib.languages if e.has_language(lang)]:
            d = e.designations(lang, lib.languages.default)
            for text in (d.definition, d.notes or ""):
                for pos, f in check_source(text):
                    out.append(Diagnostic(lib.GLOSSARY, lib.glossary_lines.get(e.id, 1), 1, f.code, f"entry `{e.id}` ({lang}): {f.message}", hint=f.hint))
    return out


def _strings(value, path: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """Every string in a parsed YAML value, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


def locate(source: str, body_start: int, finding: Finding) -> tuple[int, int]:
    """Where in the author's file a finding of the rendered HTML comes from (best effort)."""
    pos = source.lower().find(finding.needle.lower())
    if pos < 0:
        return body_start, 1
    line, col = mdscan.offset_to_linecol(source, pos)
    return body_start + line - 1, col


# --- Content-Security-Policy ----------------------------------------------------------------------

_INLINE_SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def content_security_policy(html: str) -> str:
    """The page's policy: everything from the site itself, inline scripts only by their hash."""
    import base64
    import hashlib

    hashes = []
    for m in _INLINE_SCRIPT_RE.finditer(html):
        attrs = m.group("attrs").lower()
        if "src=" in attrs or ("type=" in attrs and "javascript" not in attrs and "module" not in attrs):
            continue  # external files are 'self'; data blocks (application/json) never run
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    scripts = " ".join(["'self'", *dict.fromkeys(hashes)])
    return ("default-src 'self'; script-src " + scripts + "; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'")


def with_csp(html: str) -> str:
    """Insert the policy as the first element of <head>, before any script can run."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + meta, html, count=1)
