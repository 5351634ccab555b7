"""`python -m scoelib.kit verify dist/SHA256SUMS` (make verify) and `python -m scoelib.kit build --site site/ …`
(the kit over a site already built, e.g. by the benchmark)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoelib.kit",
                                     description="The release kit: PDFs, offline bundle, open data, checksums.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("verify", help="check every file listed in a SHA256SUMS file")
    v.add_argument("file", help="the SHA256SUMS file (files are looked for beside it)")
    b = sub.add_parser("build", help="make the kit from a built site")
    b.add_argument("--root", default=".", help="the library's sources")
    b.add_argument("--site", required=True, help="the built site")
    b.add_argument("--version", default="")
    b.add_argument("--site-url", default="http://127.0.0.1:8000/")
    b.add_argument("--parts", default="all", help="pdf, data, bundle or all")
    b.add_argument("--dist", default=None)
    b.add_argument("--jobs", type=int, default=2)
    b.add_argument("--report", default=None, help="write the figures (PDFs, pages, seconds) to this JSON file")
    args = parser.parse_args(argv)
    from . import build, parts_from, verify

    if args.command == "verify":
        problems = verify(Path(args.file))
        for p in problems:
            print(f"FAILED {p}", file=sys.stderr)
        if problems:
            print(f"verify: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {args.file}: do not use these files; "
                  "fetch them again from the release", file=sys.stderr)
            return 1
        n = sum(1 for line in Path(args.file).read_text(encoding="utf-8").splitlines() if line.strip())
        print(f"verify: the {n} files listed in {args.file} are intact")
        return 0
    from ..model import load

    lib, _ = load(Path(args.root))
    res = build(lib, Path(args.site), site_url=args.site_url, version=args.version or "dev", parts=parts_from(args.parts),
                dist=Path(args.dist) if args.dist else None, jobs=args.jobs)
    pages = sum(res.pages.values())
    if args.report:
        import json

        Path(args.report).write_text(json.dumps({"pdfs": len(res.pdfs), "pages": pages, "seconds": res.seconds}) + "\n", encoding="utf-8")
    print(f"kit: {len(res.pdfs)} PDFs ({pages} pages) in {res.seconds.get('pdf', 0):.1f} s"
          + (f", bundle {res.bundle.name}" if res.bundle else "") + (f", {res.data}" if res.data else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
