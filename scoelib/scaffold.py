"""`make new`: scaffold a publication in every language of the library, valid from the first minute."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from . import config, model
from .schema import CORE_AREAS, PUBLICATION_ID


def slug_for(pub_id: str, title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", title.lower().encode("ascii", "ignore").decode()).strip("-")
    words = "-".join(words.split("-")[:4])
    return f"{pub_id.lower().replace('.', '-')}-{words}".strip("-")


def create(root: Path, pub_id: str, area: str, titles: dict[str, str], custodian: str = "doctrine-standardization",
           today: dt.date | None = None) -> list[str]:
    """The pages of a new publication in every configured language (`titles`: language -> title), the
    translations recorded as translating the default language's pages."""
    if not re.match(PUBLICATION_ID, pub_id or ""):
        raise ValueError(f"`{pub_id}` is not a publication id: write SCOE- followed by numbers, e.g. SCOE-3.2")
    if area not in CORE_AREAS:
        raise ValueError(f"`{area}` is not a core area: use one of {', '.join(CORE_AREAS)}")
    lib, _ = model.load(root)
    languages = lib.languages
    if not all((titles.get(lang) or "").strip() for lang in languages):
        names = [f"TITLE_{lang.upper()}" for lang in languages]
        raise ValueError(("both " if len(names) == 2 else "") + " and ".join(names) + (" are" if len(names) > 1 else " is") + " needed")
    if pub_id in lib.publications:
        raise ValueError(f"`{pub_id}` already exists in docs/{lib.publications[pub_id].folder}/")
    folder = root / "docs" / "publications" / slug_for(pub_id, titles[languages.default])
    if folder.exists():
        raise ValueError(f"{folder.relative_to(root)} already exists")
    today = today or dt.date.today()
    folder.mkdir(parents=True)
    t = lib.catalogue.t

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def fm(title: str, summary: str, change: str) -> str:
        return (f"---\nid: {pub_id}\ntitle: {q(title)}\nedition: A\nversion: 1\nstatus: draft\ndate: {today.isoformat()}\n"
                f"custodian: {custodian}\ncore_area: {area}\nsummary: {q(summary)}\nreleasability: public\nchanges:\n"
                f"  - edition: A\n    version: 1\n    date: {today.isoformat()}\n    summary: {q(change)}\n---\n\n")

    files = {f"index.{lang}.md": fm(titles[lang], t("new.summary", lang), t("new.change", lang))
             + f"# {titles[lang]}\n\n{t('new.preface', lang)}\n" for lang in languages}
    files.update({f"chapter-1.{lang}.md": f"---\nchapter: 1\n---\n\n# {t('new.chapter_title', lang)}\n\n1.1 {t('new.paragraph', lang)}\n"
                  for lang in languages})
    written = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append((folder / name).relative_to(root).as_posix())
    # record the translations as translating the default language's pages
    from . import translation

    lib, _ = model.load(root)
    for rel in written:
        if not rel.endswith(f".{languages.default}.md"):
            translation.record(lib, rel, today)
    return written


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="scaffold a publication in every language of the library")
    p.add_argument("--id", required=True)
    p.add_argument("--area", required=True)
    p.add_argument("--title", action="append", default=[], metavar="LANG=TITLE",
                   help="the title in one language (repeat for each); else the variable TITLE_<LANG> (`make new TITLE_EN=…`)")
    p.add_argument("--custodian", default="doctrine-standardization")
    p.set_defaults(func=_cmd)


def _cmd(args: argparse.Namespace) -> int:
    import os
    import sys

    root = Path(args.root)
    titles = {lang.upper(): text for lang, _, text in (t.partition("=") for t in args.title)}
    try:
        langs = config.load(root)
        given = {lang: titles.get(lang.upper(), os.environ.get(f"TITLE_{lang.upper()}", "")) for lang in langs}
        written = create(root, args.id, args.area, given, args.custodian)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for rel in written:
        print(f"created {rel}")
    from . import codeowners

    lib, _ = model.load(root)
    try:
        owners = codeowners.render(lib)
    except ValueError as exc:  # a custodian unknown to data/custodians.yml: `make check` reports it at its line
        print(f"{codeowners.OUTPUT} not updated: {exc}")
    else:
        (root / codeowners.OUTPUT).parent.mkdir(exist_ok=True)
        (root / codeowners.OUTPUT).write_text(owners, encoding="utf-8")
        print(f"updated {codeowners.OUTPUT} (the custodian reviews changes to the new folder)")
    folder = written[0].rsplit("/", 1)[0]
    default, others = langs.default, [lang for lang in langs if lang != langs.default]
    record = "\n".join(f"       make translated PAGE={rel}" for rel in written if not rel.endswith(f".{default}.md"))
    print(f"""Next:
  1. Write the preface in {folder}/index.{default}.md and the first chapter in chapter-1.{default}.md,
     then the same in the {", ".join(f".{lang}.md" for lang in others)} pages (same paragraph numbers).
  2. Each time a translated page renders its {default} page as it now is, record it:
{record}
  3. make check        (every problem with its file:line and how to fix it; `make serve` to read the pages)
  4. Commit the folder and {codeowners.OUTPUT}, and open a pull request.""")
    return 0
