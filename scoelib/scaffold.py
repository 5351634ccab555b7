"""`make new`: scaffold a publication in both languages, valid from the first minute."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from . import model
from .schema import CORE_AREAS, PUBLICATION_ID


def slug_for(pub_id: str, title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", title.lower().encode("ascii", "ignore").decode()).strip("-")
    words = "-".join(words.split("-")[:4])
    return f"{pub_id.lower().replace('.', '-')}-{words}".strip("-")


def create(root: Path, pub_id: str, area: str, title_en: str, title_fr: str, custodian: str = "doctrine-standardization",
           today: dt.date | None = None) -> list[str]:
    if not re.match(PUBLICATION_ID, pub_id or ""):
        raise ValueError(f"`{pub_id}` is not a publication id: write SCOE- followed by numbers, e.g. SCOE-3.2")
    if area not in CORE_AREAS:
        raise ValueError(f"`{area}` is not a core area: use one of {', '.join(CORE_AREAS)}")
    if not title_en.strip() or not title_fr.strip():
        raise ValueError("both TITLE_EN and TITLE_FR are needed")
    lib, _ = model.load(root)
    if pub_id in lib.publications:
        raise ValueError(f"`{pub_id}` already exists in docs/{lib.publications[pub_id].folder}/")
    folder = root / "docs" / "publications" / slug_for(pub_id, title_en)
    if folder.exists():
        raise ValueError(f"{folder.relative_to(root)} already exists")
    today = today or dt.date.today()
    folder.mkdir(parents=True)

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def fm(title: str, summary: str, change: str) -> str:
        return (f"---\nid: {pub_id}\ntitle: {q(title)}\nedition: A\nversion: 1\nstatus: draft\ndate: {today.isoformat()}\n"
                f"custodian: {custodian}\ncore_area: {area}\nsummary: {q(summary)}\nreleasability: public\nchanges:\n"
                f"  - edition: A\n    version: 1\n    date: {today.isoformat()}\n    summary: {q(change)}\n---\n\n")

    files = {
        "index.en.md": fm(title_en, "To be written: what this publication covers, in one or two sentences.", "First draft.")
        + f"# {title_en}\n\nPreface to be written: purpose, scope and status of this publication.\n",
        "index.fr.md": fm(title_fr, "À rédiger : l'objet de cette publication, en une ou deux phrases.".replace(" :", "\u00a0:"), "Premier projet.")
        + f"# {title_fr}\n\nPréface à rédiger\u00a0: objet, domaine d'application et statut de la publication.\n",
        "chapter-1.en.md": "---\nchapter: 1\n---\n\n# Chapter 1 – Introduction\n\n1.1 First numbered paragraph, to be written.\n",
        "chapter-1.fr.md": "---\nchapter: 1\n---\n\n# Chapitre 1 – Introduction\n\n1.1 Premier paragraphe numéroté, à rédiger.\n",
    }
    written = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append((folder / name).relative_to(root).as_posix())
    # record the French pages as translations of the English ones
    from . import translation

    lib, _ = model.load(root)
    for rel in written:
        if rel.endswith(".fr.md"):
            translation.record(lib, rel, today)
    return written


def register(sub) -> None:
    p = sub.add_parser("new", help="scaffold a publication in English and French")
    p.add_argument("--id", required=True)
    p.add_argument("--area", required=True)
    p.add_argument("--title-en", required=True)
    p.add_argument("--title-fr", required=True)
    p.add_argument("--custodian", default="doctrine-standardization")
    p.set_defaults(func=_cmd)


def _cmd(args) -> int:
    import sys

    root = Path(args.root)
    try:
        written = create(root, args.id, args.area, args.title_en, args.title_fr, args.custodian)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for rel in written:
        print(f"created {rel}")
    from . import codeowners

    lib, _ = model.load(root)
    (root / codeowners.OUTPUT).parent.mkdir(exist_ok=True)
    (root / codeowners.OUTPUT).write_text(codeowners.render(lib), encoding="utf-8")
    print(f"updated {codeowners.OUTPUT} (the custodian reviews changes to the new folder)")
    folder = written[0].rsplit("/", 1)[0]
    print(f"""Next:
  1. Write the preface in {folder}/index.en.md and the first chapter in chapter-1.en.md,
     then the same in the .fr.md pages (same paragraph numbers).
  2. Each time a French page translates its English page as it now is, record it:
       make translated PAGE={folder}/index.fr.md
       make translated PAGE={folder}/chapter-1.fr.md
  3. make check        (every problem with its file:line and how to fix it; `make serve` to read the pages)
  4. Commit the folder and {codeowners.OUTPUT}, and open a pull request.""")
    return 0
