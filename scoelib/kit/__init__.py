"""The release kit: what a version carries for readers off the hosted site.

- one PDF edition per publication and language (`pdf.py`, WeasyPrint), in `downloads/`;
- the open data, `data/library.json` and its JSON Schema (`opendata.py`);
- the offline bundle, `downloads/scoe-library-<version>.zip` (`bundle.py`);
- `downloads/SHA256SUMS`, and a copy of the PDFs, the bundle and the sums in `dist/`.

`build()` runs over a built site, after the build's safety gates have passed: everything in a PDF or a
bundle comes from pages the site itself accepted. It is called by the MkDocs adapter when `SCOE_KIT` is
set (`make pdf`, `make bundle`, `make release`), never by `make build` or `make serve`. The pages that
name an artefact (the Downloads page, each publication's metadata) get its size once the file exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import re
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..model import Library
from . import names

if TYPE_CHECKING:
    from .pdf import Edition

PARTS = ("pdf", "data", "bundle")
_SIZE_RE = re.compile(r'<span class="scoe-size" data-scoe-file="(?P<name>[^"]+)"></span>')
_NONE_RE = re.compile(r'<p class="scoe-downloads-none">.*?</p>\s*', re.S)
_BUNDLE_RE = re.compile(r'<p class="scoe-downloads-bundle" data-scoe-bundle></p>')


@dataclass
class Result:
    pdfs: list[Path] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)  # PDF name -> pages
    data: Optional[Path] = None
    bundle: Optional[Path] = None
    sums: Optional[Path] = None
    seconds: dict[str, float] = field(default_factory=dict)


def parts_from(value: str) -> set[str]:
    """`SCOE_KIT=pdf`, `bundle` (everything), `all`, or a comma list of pdf, data, bundle."""
    asked = {p.strip() for p in value.replace(",", " ").split() if p.strip()}
    if asked & {"all", "bundle", "release", "1", "yes", "true"}:
        return set(PARTS)
    unknown = asked - set(PARTS)
    if unknown:
        raise ValueError(f"SCOE_KIT: unknown part {', '.join(sorted(unknown))} (pdf, data, bundle or all)")
    return asked


def _render(job: tuple[Edition, Path, Path]) -> tuple[str, int]:
    from . import pdf

    edition, site, out = job
    return edition.name, pdf.write(edition, site, out)


def build(lib: Library, site: Path, *, site_url: str, version: str, parts: set[str], dist: Optional[Path] = None,
          made_on: Optional[dt.date] = None, jobs: int = 2, only: Optional[set[str]] = None) -> Result:
    from . import bundle, opendata, pdf

    site = Path(site)
    made_on = made_on or dt.date.today()
    made = {lang: lib.catalogue.date(made_on, lang) for lang in lib.languages}
    result = Result()
    downloads = site / names.DOWNLOADS
    downloads.mkdir(parents=True, exist_ok=True)
    if "pdf" in parts or "bundle" in parts:
        start = time.perf_counter()
        editions = pdf.editions(lib, site, site_url, version, made_on, only)
        jobs_list = [(e, site, downloads / e.name) for e in editions]
        if jobs > 1 and len(jobs_list) > 1:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                done = list(pool.map(_render, jobs_list))
        else:
            done = [_render(j) for j in jobs_list]
        result.pages = dict(done)
        result.pdfs = [downloads / e.name for e in editions]
        result.seconds["pdf"] = time.perf_counter() - start
    if "data" in parts or "bundle" in parts:
        start = time.perf_counter()
        result.data = opendata.write(lib, site, version=version, made=made_on.isoformat(), site_url=site_url)
        result.seconds["data"] = time.perf_counter() - start
    fill_sizes(lib, site)
    if "bundle" in parts:
        start = time.perf_counter()
        result.bundle = bundle.make(lib, site, downloads / names.bundle_name(version), version=version, made=made)
        fill_sizes(lib, site)
        result.seconds["bundle"] = time.perf_counter() - start
    artefacts = result.pdfs + ([result.bundle] if result.bundle else [])
    result.sums = write_sums(downloads / names.SUMS, artefacts)
    if dist is not None:
        dist.mkdir(parents=True, exist_ok=True)
        for path in artefacts + [result.sums]:
            shutil.copyfile(path, dist / path.name)
    return result


def fill_sizes(lib: Library, site: Path) -> None:
    """Each page that names an artefact shows its size; the Downloads page links the bundle once it exists."""
    downloads = site / names.DOWNLOADS
    bundles = sorted(downloads.glob("scoe-library-*.zip"))
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "data-scoe-file" not in html and "data-scoe-bundle" not in html:
            continue
        m = re.search(r'<html lang="([a-z]{2,3})"', html[:500])
        lang = m.group(1) if m else lib.languages.default
        new = _with_sizes(html, lang, lib.catalogue.t, site, downloads)
        if any(downloads.glob("*.pdf")):
            new = _NONE_RE.sub("", new)
        if bundles:
            root = "../" * (len(path.relative_to(site).parts) - 1)
            new = _BUNDLE_RE.sub(_bundle_link(bundles[-1], root, lang, lib.catalogue.t), new)
        if new != html:
            path.write_text(new, encoding="utf-8")


def _with_sizes(html: str, lang: str, t: names.Translate, site: Path, downloads: Path) -> str:
    """The page with each size placeholder of an existing artefact filled in."""

    def size(m: re.Match[str]) -> str:
        name: str = m.group("name")
        target = site / name if "/" in name else downloads / name
        if not target.exists():
            return m.group(0)
        return f'<span class="scoe-size" data-scoe-file="{name}">({names.human_size(target.stat().st_size, lang, t)})</span>'

    return _SIZE_RE.sub(size, html)


def _bundle_link(bundle: Path, root: str, lang: str, t: names.Translate) -> str:
    """The Downloads page's link to the offline bundle, with its size."""
    return (f'<p class="scoe-downloads-bundle"><a href="{root}{names.DOWNLOADS}{bundle.name}" type="application/zip">'
            f'{bundle.name}</a> <span class="scoe-size">({names.human_size(bundle.stat().st_size, lang, t)})</span></p>')


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_sums(out: Path, files: list[Path]) -> Path:
    """`sha256sum` format (`<hex>  <name>`), names relative to the sums file: `sha256sum -c` reads it too."""
    lines = [f"{sha256(p)}  {os.path.relpath(p, out.parent)}\n" for p in sorted(files)]
    out.write_text("".join(lines), encoding="utf-8")
    return out


def verify(sums: Path) -> list[str]:
    """Problems found checking every file listed in `sums` (empty: all good)."""
    problems = []
    if not sums.exists():
        return [f"{sums}: no such file"]
    lines = [ln for ln in sums.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if not lines:
        return [f"{sums}: lists no file"]
    for n, line in enumerate(lines, 1):
        m = re.match(r"^([0-9a-f]{64}) [ *](.+)$", line)
        if not m:
            problems.append(f"{sums}:{n}: not a `sha256sum` line")
            continue
        path = sums.parent / m.group(2)
        if not path.exists():
            problems.append(f"{m.group(2)}: missing")
        elif sha256(path) != m.group(1):
            problems.append(f"{m.group(2)}: SHA-256 does not match (the file changed since the sums were written)")
    return problems


def version_label(lib: Library, version: Optional[str]) -> str:
    return version or lib.catalogue.t("kit.unreleased", lib.languages.default)
