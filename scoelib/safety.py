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

import bisect
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from . import codes, mdscan, normalise, registry, yamlutil
from .diagnostics import Diagnostic
from .model import Library, Page, SourceFile
from .yamlutil import YamlPath

if TYPE_CHECKING:
    from .refs import Index

ALLOWLIST = Library.ALLOWLIST

# (pattern, flags, name). Multi-word markings are unambiguous in any case; single words that are also
# ordinary words ("secret", "cui") only count in capitals.
_ANY = re.IGNORECASE
_MARKINGS = [
    (r"COSMIC[\s_-]+TOP[\s_-]+SECRET", _ANY, "COSMIC TOP SECRET"),
    (r"NATO[\s_-]+(?:RESTRICTED|CONFIDENTIAL|SECRET|UNCLASSIFIED)", _ANY, "NATO security classification"),
    (r"OTAN[\s_-]+(?:DIFFUSION[\s_-]+RESTREINTE|CONFIDENTIEL|SECRET|NON[\s_-]+CLASSIFI[ÉE])", _ANY,
     "NATO security classification (French)"),
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
# matched in normalised text (scoelib.normalise): `_` is a space there, and a line break inside a paragraph too
_MARKING_RES = [(re.compile(r"(?<![\w-])" + p.replace(r"[\s_-]", r"[ -]").replace(r"[\s_]", " ") + r"(?![\w])", f), name)
                for p, f, name in _MARKINGS]


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
    out: list[Exemption] = []
    diags: list[Diagnostic] = []
    for i, item in enumerate(located.data or []):
        if not (isinstance(item, dict) and isinstance(item.get("file"), str) and isinstance(item.get("line"), str)
                and item.get("reason")):
            diags.append(Diagnostic(ALLOWLIST, located.line((i,)), 1, codes.SF001,
                                    "an exemption needs `file`, `line` (the exact text of the marked line) and `reason`"))
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
    r"OTAN[\s_-]+(?:DIFFUSION[\s_-]+RESTREINTE|CONFIDENTIEL|SECRET|NON[\s_-]+CLASSIFI[ÉE])":
        (("otan",), ("restreinte", "confidentiel", "secret", "classifi")),
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


def _possible(text: str) -> tuple[list[tuple[re.Pattern[str], str]], bool]:
    """The marking patterns that can match somewhere in `text`, and whether a banner line can."""
    folded = (text.translate(_FOLD) if any(c in text for c in "\u017f\u0131\u0130\u212a") else text).lower()
    seen: dict[tuple[bool, str], bool] = {}  # each word is looked for once per text

    def has(word: str, fold: bool) -> bool:
        key = (fold, word)
        if key not in seen:
            seen[key] = word in (folded if fold else text)
        return seen[key]

    out: list[tuple[re.Pattern[str], str]] = []
    for item, needs, fold in _PLAN:
        if needs is None or all(any(has(w, fold) for w in group) for group in needs):
            out.append(item)
    return out, any(w in text for w in _BANNER_WORDS)


# (compiled pattern and name, the words it needs, whether they are looked for case-insensitively), in order
_PLAN = [(item, _NEEDS.get(pattern), bool(flags & re.IGNORECASE))
         for (pattern, flags, _), item in zip(_MARKINGS, _MARKING_RES, strict=True)]


def find_markings(text: str) -> Iterable[tuple[int, int, str, str]]:
    """(line, column, marking name, matched text) for each marking in `text`, matched in the text as a
    reader sees it (scoelib.normalise: entities, emphasis, invisible characters, look-alike letters,
    line breaks inside a paragraph), located in the original text."""
    quick = normalise.quick_text(text)
    norm = normalise.normalise(text) if quick is None else None
    patterns, banner = _possible(norm.text if norm is not None else quick or "")
    if not patterns and not banner:
        return
    norm = norm or normalise.normalise(text)  # the lines and columns, for the few texts that may hold one
    hits: list[tuple[int, int, str, str]] = []
    for rx, name in patterns:
        for m in rx.finditer(norm.text):
            if any(a <= m.start() < b for a, b, _, _ in hits):
                continue
            hits.append((m.start(), m.end(), name, m.group(0)))
    found = [(*norm.locate(start), name, matched) for start, _, name, matched in hits]
    if banner:
        marked = {line for line, _, _, _ in found}
        for lineno, (line, clean) in enumerate(zip(norm.lines, norm.norm_lines, strict=True), 1):
            clean = clean.strip()
            word = _BANNER.match(clean) if clean and lineno not in marked else None
            if word:
                found.append((lineno, line.find(word.group(1)) + 1 if word.group(1) in line else 1, "classification banner",
                              word.group(1)))
    yield from sorted(found)


def yaml_markings(located: Optional[yamlutil.Located], raw_lines: set[int]) -> Iterable[tuple[int, int, str, str]]:
    """Markings in the parsed values of a YAML document (escapes such as `\\u0044IFFUSION`, quoted strings
    continued on the next line) that the raw text does not show; each at the line of its key. The values
    are searched together, a blank line apart (one search per document, not one per value)."""
    if located is None:
        return
    values = [(path, v) for path, v in _strings(located.data) if v and any(c.isalpha() for c in v)]
    if not values:
        return
    firsts, lineno = [], 1  # the line of each value in the joined text
    for _, v in values:
        firsts.append(lineno)
        lineno += v.count("\n") + 2
    ends = sorted(set(located.lines.values()))
    reported: set[int] = set()
    for line_in, _, name, matched in _markings_in("\n\n".join(v for _, v in values)):
        path = values[bisect.bisect_right(firsts, line_in) - 1][0]
        line = located.line(path)
        after = bisect.bisect_right(ends, line)
        end = ends[after] if after < len(ends) else 1 << 30
        if line not in reported and not any(line <= r < end for r in raw_lines):
            reported.add(line)
            yield line, 1, name, matched


@lru_cache(maxsize=8192)
def _markings_in(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """`find_markings`, remembered by text: the preview checks the whole library at each save, and all but
    one or two of its texts are the same as at the last save."""
    return tuple(find_markings(text))


def _all_markings(text: str, located: Optional[yamlutil.Located]) -> list[tuple[int, int, str, str]]:
    """The markings in a file's text, then those only its parsed YAML (front matter, data file) shows."""
    found = list(_markings_in(text))
    return found + list(yaml_markings(located, {line for line, _, _, _ in found}))


@registry.rule(codes.SF001, codes.SF007)
def markings_rule(lib: Library, index: Optional[Index] = None) -> Iterable[Diagnostic]:
    """SF001 (and SF007, exemptions applied) over every page and data file."""
    exemptions, out = load_allowlist(lib)
    sources: list[tuple[str, Optional[str], Optional[Page]]] = [(p.rel, p.text, p) for p in lib.pages.values()]
    sources += [(rel, text, None) for rel, text in sorted(lib.raw_data.items())]
    sources += [(a.rel, _asset_text(a), None) for a in lib.assets if a.is_text]
    # worked out once per text: kept with each page while it is unchanged, and by the text's digest for the
    # data files and assets (make serve's reloads, make check's cache: scoelib.checkcache)
    before: dict[bytes, list[tuple[int, int, str, str]]] = lib.derived.get("markings", {})
    memo: dict[bytes, list[tuple[int, int, str, str]]] = {}
    for rel, text, page in sources:
        if text is None:
            continue
        if page is not None:
            found = page.derive("markings", lambda p: _all_markings(p.text, p.meta_yaml))
        else:
            digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            found = before[digest] if digest in before else _all_markings(text, lib.data_yaml.get(rel))
            memo[digest] = found
        lines = text.split("\n")
        for line, col, name, matched in found:
            ex = next((e for e in exemptions if e.file == rel and e.line_text == lines[line - 1].strip()), None)
            if ex:
                out.append(Diagnostic(rel, line, col, codes.SF007, f"marking `{matched}` exempted by {ALLOWLIST}:{ex.line} ({ex.reason})"))
                continue
            out.append(Diagnostic(rel, line, col, codes.SF001,
                                  f"`{matched}` is a protective marking ({name}); this library publishes public material only",
                                  hint="Remove the marked material. A page that must discuss markings is exempted only through "
                                       "`safety-allowlist.yml`, reviewed."))
    lib.derived["markings"] = memo
    return out


# --- active content -----------------------------------------------------------------------------

FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link", "portal",
                  "foreignobject", "handler", "listener"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "cite", "lowsrc", "dynsrc",
             "ping", "imagesrcset"}
RESOURCE_TAGS = {"img", "video", "audio", "source", "track", "input", "image", "use", "picture", "feimage"}
# attributes that make the browser fetch something whatever the element (<table background>, <a ping>)
RESOURCE_ATTRS = {"background", "ping", "lowsrc", "dynsrc"}
# SVG animation elements set another attribute's value: `<set attributeName="href" to="javascript:…">`
ANIMATION_TAGS = {"animate", "set", "animatemotion", "animatetransform", "animatecolor"}
ANIMATION_VALUES = ("values", "to", "from", "by")
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp|avif);", re.I)
# a start tag, quoted attribute values included (`<img alt=">" src=…>` is one tag)
START_TAG_RE = re.compile(r"""<(?P<tag>[a-zA-Z][\w:-]*)"""
                          r"""(?P<attrs>(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*/(?!>))*)\s*/?>""", re.S)
_CSS_ESCAPE_RE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.S)
_CSS_LOADS_RE = re.compile(r"url\s*\(|image-set\s*\(|image\s*\(|cross-fade\s*\(|element\s*\(|expression\s*\(|@import"
                           r"|behavior\s*:|-moz-binding", re.I)
_CSS_URL_RE = re.compile(r"""(?:url|image-set|image|cross-fade)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))"""
                         r"""|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


def css_text(css: str) -> str:
    """CSS as the browser reads it: comments removed, escapes decoded (`u\\72l(` is `url(`)."""
    css = re.sub(r"/\*.*?(?:\*/|$)", "", css, flags=re.S) if "/*" in css else css
    if "\\" not in css:
        return css

    def unescape(m: re.Match[str]) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        escaped: str = m.group(2)
        return escaped

    return _CSS_ESCAPE_RE.sub(unescape, css)


def css_problems(css: str, *, inline: bool) -> list["Finding"]:
    """What a stylesheet (or a `style` attribute, `inline`) would load. A style attribute or a `<style>`
    block in a page loads nothing at all (SF005); the site's own stylesheets may use their own files and
    `data:` images, never another site's (SF006) or script (SF004)."""
    text = css_text(css)
    if not _CSS_LOADS_RE.search(text):
        return []
    if inline:
        return [Finding(codes.SF005, "a style loads a resource (`url(...)`, `image-set(...)`, `@import`)",
                        "url(" if "url(" in css.lower() else "", "Remove the `url(...)`; put images in the page as images.")]
    out: list[Finding] = []
    if re.search(r"expression\s*\(|behavior\s*:|-moz-binding", text, re.I):
        out.append(Finding(codes.SF004, "the stylesheet runs script (`expression()`, `behavior`, `-moz-binding`)", "", "Remove it."))
    for m in _CSS_URL_RE.finditer(text):
        url = next((g for g in m.groups() if g is not None), "").strip()
        v = re.sub(r"[\s\x00-\x1f]", "", url).lower()
        if v.startswith(("javascript:", "vbscript:")):
            out.append(Finding(codes.SF004, f"`{url}` is a script URL", url, "Remove it."))
        elif v.startswith("data:") and not v.startswith("data:image/"):
            out.append(Finding(codes.SF004, f"`{url[:40]}` is a `data:` URL that is not an image", url[:40],
                               "Put the file in `docs/assets/`."))
        elif re.match(r"^[a-z][a-z0-9+.-]*:", v) and not v.startswith("data:") or v.startswith("//"):
            out.append(Finding(codes.SF006, f"`{url}` is loaded from another site; readers on closed networks cannot reach it", url,
                               "Copy the file into `docs/assets/` (if its licence allows) and reference it there."))
    return out
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
        return Finding(codes.SF004, f"`{attr}` uses a `data:` URL that is not an image", value,
                       "Put the file in `docs/assets/` and link to it.")
    if ((tag in RESOURCE_TAGS and attr in ("src", "srcset", "poster", "href", "xlink:href")) or attr in RESOURCE_ATTRS) \
            and (scheme in ("http", "https", "ftp") or v.startswith("//")):
        return Finding(codes.SF006, f"`<{tag}>` loads `{value}` from another site; readers on closed networks cannot reach it", value,
                       "Copy the file into `docs/assets/` (if its licence allows) and reference it there.")
    return None


def check_element(tag: str, attrs: dict[str, Optional[str]]) -> list[Finding]:
    tag = tag.lower()
    out: list[Finding] = []
    if tag in ANIMATION_TAGS:
        out += _animation_findings(tag, attrs)
    if tag in FORBIDDEN_TAGS:
        out.append(Finding(codes.SF002, f"`<{tag}>` is not allowed in the library's pages", f"<{tag}",
                           "Remove the element; pages carry no scripts, frames, objects, embeds, forms, `<base>`, `<meta>` or "
                           "`<link>`."))
    out += _attribute_findings(tag, attrs)
    return out


def _animation_findings(tag: str, attrs: dict[str, Optional[str]]) -> list[Finding]:
    """An SVG animation element that sets a script URL, or animates a link's or an event's attribute."""
    out: list[Finding] = []
    target = (attrs.get("attributeName") or attrs.get("attributename") or "").strip().lower()
    for name in ANIMATION_VALUES:
        for part in (attrs.get(name) or "").split(";"):
            prob = _url_problem("href", part.strip(), "a") if part.strip() else None
            if prob:
                out.append(Finding(prob.code, f"`<{tag} {name}=…>` sets a `{part.strip()[:30]}` URL", part.strip(), prob.hint))
    if target in ("href", "xlink:href", "src") or target.startswith("on"):
        out.append(Finding(codes.SF002, f"`<{tag}>` animates `{target}`, which can turn a link into script", f"<{tag}",
                           "Remove the animation of links; animate presentation attributes only."))
    return out


def _attribute_findings(tag: str, attrs: dict[str, Optional[str]]) -> list[Finding]:
    """Event handlers, URLs that run script or load from another site, styles that load a resource."""
    out: list[Finding] = []
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
        elif lname == "style":
            for f in css_problems(value, inline=True):
                out.append(Finding(codes.SF005, f"`style` on `<{tag}>` loads a resource (`url(...)`, `image-set(...)`)",
                                   f.needle or "style", f.hint))
    return out


def check_html(html: str) -> list[Finding]:
    """Active content in rendered HTML (a page's content as the build produced it)."""
    out: list[Finding] = []
    tree = HTMLParser(html)
    root = tree.root
    if root is None:
        return out
    for node in root.traverse(include_text=False):
        tag = node.tag
        if tag is None or tag.startswith("-"):  # text/comment pseudo-nodes
            continue
        attrs = node.attributes
        # most elements have no attribute that can load or run anything: only those go through the checks
        if tag in _HTML_CHECKED_TAGS or any(_risky_attr(name) for name in attrs):
            out += check_element(tag, attrs)
        if tag == "style" and css_problems(node.text() or "", inline=True):
            out.append(Finding(codes.SF005, "a `<style>` block loads a resource", "<style", "Remove the `<style>` block."))
    return out


_HTML_CHECKED_TAGS = FORBIDDEN_TAGS | ANIMATION_TAGS | {"foreignObject", "animateMotion", "animateTransform", "animateColor"}
_HTML_CHECKED_TAGS |= {t.upper() for t in _HTML_CHECKED_TAGS}
_RISKY_ATTRS = URL_ATTRS | {"style"}


def _risky_attr(name: str) -> bool:
    name = name.lower()
    return name in _RISKY_ATTRS or name.startswith("on")


def check_source(masked: str) -> list[tuple[int, Finding]]:
    """Active content in what the author wrote: raw HTML tags, attribute lists, Markdown links."""
    out: list[tuple[int, Finding]] = []
    # each scan below needs a character most pages lack (`<`, `{`, `](`): skip it then
    if "<" in masked:
        out += _tag_findings(masked)
        for m in re.finditer(r"<\s*/?\s*style\b", masked, re.I):
            end = masked.find("</style", m.end())
            if end > 0 and css_problems(masked[m.end():end], inline=True):
                out.append((m.start(), Finding(codes.SF005, "a `<style>` block loads a resource", "<style", "Remove the `<style>` block.")))
        # the same text through a real HTML parser: what the tag scan above missed
        seen = {(f.code, f.message) for _, f in out}
        for f in check_html(masked):
            if (f.code, f.message) not in seen:
                seen.add((f.code, f.message))
                out.append((_find(masked, f.needle, 0, len(masked)) if f.needle else 0, f))
    for m in (ATTR_LIST_RE.finditer(masked) if "{" in masked else ()):
        listed: dict[str, Optional[str]] = {a.group("name"): a.group("value").strip("\"'")
                                            for a in ATTR_IN_LIST_RE.finditer(m.group("body"))}
        for f in check_element("a", listed):
            out.append((_find(masked, f.needle, m.start(), m.end()), f))
    out += _script_url_findings(masked)
    return out


def _tag_findings(masked: str) -> list[tuple[int, Finding]]:
    """Active content in the raw HTML start tags of what the author wrote, each at its offset."""
    out: list[tuple[int, Finding]] = []
    for m in START_TAG_RE.finditer(masked):
        tag = m.group("tag")
        node = HTMLParser(f"<div>{m.group(0)}</div>").css_first("div")
        attrs: dict[str, Optional[str]] = {}
        if node is not None and node.child is not None and (node.child.tag or "").lower() == tag.lower():
            attrs = dict(node.child.attributes)
        elif m.group("attrs").strip():  # tags the parser moves out of a div (meta, base, frame...)
            attrs = dict(re.findall(r"([\w:-]+)\s*=\s*[\"']?([^\"'\s>]*)", m.group("attrs")))
        for f in check_element(tag, attrs):
            pos = m.start() if f.code == codes.SF002 else _find(masked, f.needle, m.start(), m.end())
            out.append((pos, f))
    return out


def _script_url_findings(masked: str) -> list[tuple[int, Finding]]:
    """Script URLs (SF004) in Markdown links, images and link reference definitions (`[t]: javascript:…`)."""
    out: list[tuple[int, Finding]] = []
    for link in (mdscan.LINK_RE.finditer(masked) if "](" in masked else ()):
        target = link.group("target").strip("<>")
        prob = _url_problem("src" if link.group("image") else "href", target, "img" if link.group("image") else "a")
        if prob and prob.code == codes.SF004:
            out.append((link.start("target"), prob))
    for ref in (mdscan.REF_DEF_RE.finditer(masked) if "]:" in masked else ()):
        prob = _url_problem("href", ref.group("target").strip("<>"), "a")
        if prob and prob.code == codes.SF004:
            out.append((ref.start("target"), prob))
    return out


def _find(text: str, needle: str, start: int, end: int) -> int:
    pos = text.lower().find(needle.lower(), start, end)
    return pos if pos >= 0 else start


@registry.rule(codes.SF002, codes.SF003, codes.SF004, codes.SF005, codes.SF006)
def active_content_rule(lib: Library, index: Optional[Index] = None) -> Iterable[Diagnostic]:
    out: list[Diagnostic] = []
    for page in lib.pages.values():
        out += page.derive("active", _page_active_content)  # from the page's text alone (scoelib.checkcache)
    for e in lib.glossary:
        for lang in [lang for lang in lib.languages if e.has_language(lang)]:
            d = e.designations(lang, lib.languages.default)
            for text in (d.definition, d.notes or ""):
                for _, f in check_source(text):
                    out.append(Diagnostic(lib.GLOSSARY, lib.glossary_lines.get(e.id, 1), 1, f.code, f"entry `{e.id}` ({lang}): {f.message}",
                                          hint=f.hint))
    return out


def _page_active_content(page: Page) -> list[Diagnostic]:
    out = []
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
    return out


def _strings(value: object, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str]]:
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

    hashes: list[str] = []
    for m in _INLINE_SCRIPT_RE.finditer(html):
        attrs = m.group("attrs").lower()
        if "src=" in attrs or ("type=" in attrs and "javascript" not in attrs and "module" not in attrs):
            continue  # external files are 'self'; data blocks (application/json) never run
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    # 'wasm-unsafe-eval': the search (Pagefind) compiles its WebAssembly; it allows no eval() of text
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *dict.fromkeys(hashes)])
    return ("default-src 'self'; script-src " + scripts + "; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'")


INLINE_SCRIPTS = "assets/inline/"  # where the themes' inline scripts go, as files (see external_scripts)


def external_scripts(html: str, prefix: str) -> tuple[str, dict[str, str]]:
    """The page with each inline script (Material writes three small ones) replaced by a script file of the
    same text, `<prefix><hash>.js`, and those files' names and texts. Classic scripts run in document
    order whether inline or not, so nothing changes for the reader; the server's Content-Security-Policy
    header can then say `script-src 'self'` for every page, without 'unsafe-inline' or per-page hashes."""
    import hashlib

    files: dict[str, str] = {}

    def put(m: re.Match[str]) -> str:
        attrs, body, whole = m.group("attrs", "body", 0)
        low = attrs.lower()
        if "src=" in low or ("type=" in low and "javascript" not in low) or not body.strip():
            return str(whole)  # a file already, or a data block (application/json) that never runs
        name = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16] + ".js"
        files[name] = body
        return f'<script{attrs} src="{prefix}{name}"></script>'

    return _INLINE_SCRIPT_RE.sub(put, html), files


def with_csp(html: str) -> str:
    """Insert the policy as the first element of <head>, before any script can run."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + meta, html, count=1)


# --- the other published files under docs/ (assets) -----------------------------------------------

_MAGIC = {
    "png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",), "gif": (b"GIF87a", b"GIF89a"),
    "ico": (b"\x00\x00\x01\x00",), "woff2": (b"wOF2",),
}
# script that reaches another host: a full URL in a script (XML namespaces are names, not requests)
_JS_URL_RE = re.compile(r"""(?:https?:|wss?:|ftp:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'`)]*""")
_NAMESPACES = ("http://www.w3.org/", "https://www.w3.org/")


def _asset_text(asset: SourceFile) -> Optional[str]:
    try:
        return asset.data.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None


def _binary_kind_ok(asset: SourceFile) -> bool:
    data = asset.data
    if asset.ext == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if asset.ext == "avif":
        return data[4:8] == b"ftyp"
    return data.startswith(_MAGIC.get(asset.ext, (b"",)))


def asset_findings(asset: SourceFile, text: str) -> list[Finding]:
    """Active content and off-site requests in one of the site's own text files (SVG, CSS, JavaScript)."""
    if asset.ext == "css":
        return css_problems(text, inline=False)
    if asset.ext == "svg":
        out = check_html(text)
        for node in HTMLParser(text).css("style"):
            out += css_problems(node.text() or "", inline=False)
        return out
    # JavaScript: nothing from another site (the reader's network may not reach it; the CSP would block it)
    out = []
    code = re.sub(r"^\s*//.*$", "", text, flags=re.M)  # line comments
    for m in _JS_URL_RE.finditer(code):
        url = m.group(0)
        if url.startswith(_NAMESPACES) or not re.match(r"^(?:https?:|wss?:|ftp:)?//", url) or code[max(0, m.start() - 1)] in "/*":
            continue
        if m.start() > 0 and code[m.start() - 1] not in "\"'`(= ":
            continue  # `a//b.c` is a division or a comment, not a URL
        out.append(Finding(codes.SF006, f"the script refers to `{url}`, on another site; the site loads nothing from outside",
                           url,
                           "Serve the resource from `docs/assets/`, or remove the request."))
    return out


@registry.rule(codes.LD001, codes.SF002, codes.SF003, codes.SF004, codes.SF005, codes.SF006, codes.SF009)
def published_files_rule(lib: Library, index: Optional[Index] = None) -> Iterable[Diagnostic]:
    """LD001, SF002–SF006 and SF009 on every published file under docs/ that is not a page (markings
    are markings_rule's): the build copies these bytes as they are, so they are checked as they are."""
    out: list[Diagnostic] = []
    for asset in lib.assets:
        if not asset.is_text:
            if not _binary_kind_ok(asset):
                out.append(Diagnostic(asset.rel, 1, 1, codes.SF009, f"the file's content is not a `.{asset.ext}` image or font",
                                      hint="Save the file in the format its name says, or rename it; a disguised file is refused."))
            continue
        text = _asset_text(asset)
        if text is None:
            model_diags: list[Diagnostic] = []
            from .model import decode
            decode(asset.rel, asset.data, model_diags)
            out += model_diags
            continue
        if asset.ext == "svg" and "<svg" not in text[:4096].lower():
            out.append(Diagnostic(asset.rel, 1, 1, codes.SF009, "the file's content is not an SVG image",
                                  hint="Save the file in the format its name says, or rename it; a disguised file is refused."))
        for f in asset_findings(asset, text):
            pos = _find(text, f.needle, 0, len(text)) if f.needle else 0
            line, col = mdscan.offset_to_linecol(text, pos)
            out.append(Diagnostic(asset.rel, line, col, f.code, f.message, hint=f.hint))
    return out
