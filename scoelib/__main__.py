"""Command line of the rules engine: `python -m scoelib <command>`. The Makefile wraps each command."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import codes, diagnostics, model, rules, translation
from .codes import CODES
from .diagnostics import Severity

ROOT = Path(__file__).resolve().parent.parent


def cmd_check(args: argparse.Namespace) -> int:
    cached = None
    if args.cache:
        from . import checkcache

        cached = checkcache.load(args.root)
    lib, diags = model.load(args.root, reuse=cached.lib if cached else None)
    only: set[str] | None = None
    if args.files:
        only = {Path(f).resolve().relative_to(Path(args.root).resolve()).as_posix() if Path(f).is_absolute() or Path(f).exists()
                else f for f in args.files}
        only = _touched(lib, only)
    checked, held = rules.check_and_count(lib)
    diags += checked
    if args.refuse:  # a release refuses these warnings (avoided variants) unless told otherwise
        import dataclasses

        diags = [dataclasses.replace(d, severity=Severity.ERROR) if d.code in args.refuse else d for d in diags]
    if only is not None:  # narrowed report; data files always count
        diags = [d for d in diags if d.file in only or d.file.startswith("data/")]
    found = diagnostics.sort(diags)
    exemptions = [d for d in found if d.code == codes.SF007]
    print(diagnostics.report(found, held=held))
    for d in exemptions:
        print(f"safety exemption applied: {d.file}:{d.line}: {d.message}")
    if not args.quiet:
        for line in translation.summary_lines(translation.status(lib), lib):
            print(line)
    if args.cache:
        sys.stdout.flush()  # the report first: keeping the cache is for the next check
        checkcache.save(lib, cached)
    return 1 if diagnostics.has_errors(found) else 0


def _touched(lib: model.Library, files: set[str]) -> set[str]:
    """The given files plus their counterparts in the other languages and their publication's pages."""
    out = set(files)
    for (key, _lang), page in lib.pages.items():
        if page.rel in files:
            for other in lib.languages:
                p = lib.page(key, other)
                if p:
                    out.add(p.rel)
            if page.publication:
                out |= {p.rel for p in page.publication.index.values()}
                out |= {p.rel for ch in page.publication.chapters.values() for p in ch.values()}
    return out


def cmd_translated(args: argparse.Namespace) -> int:
    lib, _ = model.load(args.root)
    try:
        for page in args.pages:
            if not (Path(page).exists() or (Path(args.root) / page).exists()):
                raise ValueError(f"{page} does not exist (give the path of a French page, e.g. docs/guide/index.fr.md)")
            rel = Path(page).resolve().relative_to(Path(args.root).resolve()).as_posix() if Path(page).exists() else page
            print(translation.record(lib, rel))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    """Every link to another site, for review: readers on closed networks cannot follow them."""
    from . import mdscan

    lib, _ = model.load(args.root)
    found = [(page.rel, link.line, link.target) for page in model.iter_pages(lib)
             for link in mdscan.external_links(page.masked, page.body_start)]
    for rel, line, target in found:
        print(f"{rel}:{line}: {target}")
    hosts = sorted({t.split("//", 1)[1].split("/", 1)[0] for _, _, t in found})
    print(f"{len(found)} links to other sites ({', '.join(hosts) or 'none'}); pages load nothing from them.")
    return 0


def cmd_codes(args: argparse.Namespace) -> int:
    if args.write:
        from . import codestable

        written = codestable.write_guides(Path(args.root))
        print("\n".join(f"wrote the table of codes in {rel}" for rel in written) or "The guides' tables of codes are up to date.")
        return 0
    if args.format == "json":
        table = {c.code: {"slug": c.slug, "severity": c.severity.name.lower(), "summary": c.summary, "fix": c.fix}
                 for c in CODES.values()}
        print(json.dumps(table, indent=2))
        return 0
    print("| Code | Severity | What it means | How to fix it |")
    print("|---|---|---|---|")
    for c in CODES.values():
        sev = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "report"}[c.severity]
        print(f"| `{c.code}` {c.slug} | {sev} | {c.summary} | {c.fix} |")
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    from .schema import json_schemas

    out = Path(args.root) / "schemas"
    out.mkdir(exist_ok=True)
    for name, schema in json_schemas().items():
        (out / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote schemas/{name}")
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    """What changed in a publication since a published version (default: the latest published), per language."""
    from . import changes, history

    lib, _ = model.load(args.root)
    pub = lib.publications.get(args.pub)
    if pub is None:
        known = ", ".join(sorted(lib.publications)) or "none"
        print(f"error: no publication `{args.pub}` in the library (publications: {known})", file=sys.stderr)
        return 1
    if args.since:
        found = next((r for r in history.releases(args.root) if r.version == args.since), None)
        if found is None:
            listed = ", ".join(r.version for r in history.releases(args.root)) or "none"
            print(f"error: version {args.since} is not published (published: {listed}); `make versions` lists them", file=sys.stderr)
            return 1
        previous, diags = model.load_release(args.root, found)
    else:
        previous, diags = model.load_previous(args.root)
    if diags:
        print(diagnostics.report(diags), file=sys.stderr)
    result = changes.compare(previous, lib)
    if not result.available:
        print(f"nothing to compare with: {changes.STATE_TEXT[result.state]}")
        return 1 if result.state == history.UNREADABLE else 0
    for lang in (lib.languages if args.lang == "all" else [args.lang]):
        pc = result.of(pub.id, lang)
        if pc is not None:
            print("\n".join(changes.summary_lines(pc, result.since or "")))
    for d in changes.record_diagnostics(result, lib):
        if d.message.startswith(pub.id + ":"):
            print(d.format())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoelib", description="Checks and tools for the NATO Space COE library.")
    parser.add_argument("--root", default=str(ROOT), help="repository root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate the library without rendering it")
    p.add_argument("files", nargs="*", help="only report on these files (and what they touch)")
    p.add_argument("-q", "--quiet", action="store_true", help="no translation summary")
    p.add_argument("--refuse", action="append", default=[], metavar="CODE", help="count these codes as errors (a release refuses GL007)")
    p.add_argument("--cache", action="store_true",
                   help="take the pages unchanged since the last check from its cache (`make check`; see scoelib/checkcache.py)")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("translated", help="record that translated pages translate their default-language page as it is now")
    p.add_argument("pages", nargs="+")
    p.set_defaults(func=cmd_translated)
    p = sub.add_parser("links", help="list the links to other sites (allowed, reported for review)")
    p.set_defaults(func=cmd_links)
    p = sub.add_parser("codes", help="print the table of diagnostic codes")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown")
    p.add_argument("--write", action="store_true", help="write the table into the author guide's Markdown (both languages)")
    p.set_defaults(func=cmd_codes)
    p = sub.add_parser("schemas", help="export the JSON Schemas for editors into schemas/")
    p.set_defaults(func=cmd_schemas)
    p = sub.add_parser("changes", help="what changed in a publication since a published version")
    p.add_argument("--pub", required=True, help="publication id, e.g. SCOE-3.1")
    p.add_argument("--since", default="", help="a published version (default: the latest published)")
    p.add_argument("--lang", default="all", help="one language (default: all of them)")
    p.set_defaults(func=cmd_changes)
    from . import codeowners, comments, glossaryfile, scaffold, style

    scaffold.register(sub)
    comments.register(sub)
    codeowners.register(sub)
    glossaryfile.register(sub)
    style.register(sub)
    args = parser.parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
