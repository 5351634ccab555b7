"""Synthetic libraries for the benchmark: the real library plus generated publications, at N pages per language.

A generated tree is a complete copy of the library (docs/, data/, overrides/, scoelib/, mkdocs.yml,
safety-allowlist.yml), so it checks and builds exactly as the real one does, plus generated publications
until each language has N pages:

- `docs/publications/bench-NNN/index.<lang>.md` in each language of mkdocs.yml: the full publication front
  matter (the real `docs/publications/scoe-1-space-support/index.<default>.md` is the template), about 850
  words of text, in the words of the language's `VOCABULARY`.
- `chapter-N.<lang>.md`: `chapter: N` front matter, numbered paragraphs `N.M ` at the start of a line,
  about 850 words each, with a table, an admonition, `[[SCOE-k]]` / `[[SCOE-k#c.p]]` references to
  paragraphs that exist and glossary terms `[[...]]` taken from data/glossary.yml, in the page's language.
- Translated pages record the default language's text they translate (`translated_from`, as `make
  translated` writes it); one translated chapter in 50 is left out of date, as in a library being worked on.

`mkdocs.stock.yml` beside `mkdocs.yml` builds the same corpus with stock settings: Material and
static-i18n, no project hooks, no custom templates, no `navigation.prune`, automatic navigation.

Usage: `python bench/generate.py DEST N` (N = pages per language, counting the real library's pages).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["docs", "data", "overrides", "scoelib", "mkdocs.yml", "pyproject.toml", "safety-allowlist.yml"]
TEMPLATE = "docs/publications/scoe-1-space-support/index.{lang}.md"  # in the default language
CHAPTERS_PER_PUB = 9  # a publication is its index and up to 9 chapters: 10 pages per language
PARAS_PER_CHAPTER = 9
FIRST_ID = 100  # generated publications are SCOE-100, SCOE-101, …
STALE_EVERY = 50

EN_WORDS = """allied joint force space support operations commander staff planning orbit satellite service
services mission effects coordination awareness domain capability capabilities requirement requirements
theatre component headquarters liaison officer officers procedure procedures process assessment risk
risks resilience continuity communications navigation timing imagery warning weather surveillance
reconnaissance information intelligence data network networks ground segment user users link links
provider providers commercial national nations partners doctrine principle principles guidance
direction control authority authorities responsibility responsibilities integration planning cycle
campaign exercise exercises training education lessons analysis evaluation posture deterrence defence
protection threat threats hazard hazards debris conjunction manoeuvre manoeuvres tracking catalogue
sensor sensors observation observations characterization attribution decision decisions advice
request requests priority priorities allocation demand supply coverage access availability degraded
contested congested competitive environment resilient redundant alternative backup mitigation
measures measure standard standards interoperability shared common picture situational understanding
effect outcome objective objectives task tasks function functions role roles structure structures
centre cell board working group meeting schedule tempo rhythm report reports product products
dissemination release releasable public policy framework approach method methods concept concepts
development experimentation test validation review revision edition version chapter annex table
figure example case cases scenario scenarios phase phases preparation execution transition recovery
the of and to in for with by on from at as through within across between under over before after
during each every all most many several some other further also therefore however because which
that this these those when where while whether must should may can will would could remains
depends relies provides supports enables requires includes describes explains identifies ensures
maintains reviews assesses informs coordinates delivers receives shares plans manages protects""".split()

FR_WORDS = """alliés force interarmées espace appui opérations commandant état-major planification orbite
satellite service services mission effets coordination connaissance milieu capacité capacités besoin
besoins théâtre composante quartier général liaison officier officiers procédure procédures processus
évaluation risque risques résilience continuité communications navigation datation imagerie alerte
météorologie surveillance reconnaissance information renseignement données réseau réseaux segment
sol utilisateur utilisateurs lien liens fournisseur fournisseurs commercial nationaux nations
partenaires doctrine principe principes orientations direction contrôle autorité autorités
responsabilité responsabilités intégration cycle campagne exercice exercices entraînement formation
enseignements analyse posture dissuasion défense protection menace menaces danger dangers débris
rapprochement manœuvre manœuvres suivi catalogue capteur capteurs observation observations
caractérisation attribution décision décisions conseil demande demandes priorité priorités
allocation offre couverture accès disponibilité dégradé contesté encombré concurrentiel
environnement résilient redondant solution secours atténuation mesures mesure norme normes
interopérabilité partagé commun situation compréhension effet résultat objectif objectifs tâche
tâches fonction fonctions rôle rôles structure structures centre cellule comité groupe travail
réunion calendrier rythme rapport rapports produit produits diffusion publique politique cadre
démarche méthode méthodes concept concepts développement expérimentation essai validation revue
révision édition version chapitre annexe tableau figure exemple cas scénario scénarios phase phases
préparation exécution transition reprise le la les de des du et à au aux en pour avec par sur dans
entre sous avant après pendant chaque tous plusieurs autres aussi donc cependant parce que qui cette
ces lorsque où tandis doit devrait peut pourra reste dépend repose fournit soutient permet exige
comprend décrit explique identifie garantit maintient examine évalue informe coordonne livre reçoit
partage planifie gère protège""".split()


@dataclass(frozen=True)
class Vocabulary:
    """What the synthetic text of one language is made of."""

    words: list[str]
    paragraph_label: str  # the label of a reference to a paragraph, `[[SCOE-k#c.p|label]]`
    chapter: str  # "Chapter" in a chapter's title
    first_change: str  # the summary of the first change
    title: str  # a publication's title, `{n}` its number


# One row per language the benchmark can write; the languages written are those of mkdocs.yml.
VOCABULARY: dict[str, Vocabulary] = {
    "en": Vocabulary(EN_WORDS, "this paragraph", "Chapter", "First study draft.", "Benchmark Study {n}"),
    "fr": Vocabulary(FR_WORDS, "ce paragraphe", "Chapitre", "Premier projet d'étude.", "Étude d'essai {n}"),
}

SAFE_TERM_RE = re.compile(r"^[^\[\]|#]+$")


# --------------------------------------------------------------------------------------------------


def _terms(root: Path, languages) -> dict[str, list[str]]:
    """Glossary designations a page can write as `[[term]]`: preferred terms, in each language."""
    from scoelib.refs import EDITION_RE, STANDARD_LIKE_RE  # noqa: PLC0415
    from scoelib.schema import PUBLICATION_ID  # noqa: PLC0415

    entries = yaml.safe_load((root / "data/glossary.yml").read_text(encoding="utf-8")) or []
    out: dict[str, list[str]] = {lang: [] for lang in languages}
    for e in entries:
        if e.get("status") == "deprecated" or e.get(languages.default, {}).get("status") == "deprecated":
            continue
        for lang in languages:
            if lang not in e:
                continue
            term = str(e[lang]["term"])
            if (SAFE_TERM_RE.match(term) and not re.match(PUBLICATION_ID, term) and not STANDARD_LIKE_RE.match(term)
                    and not EDITION_RE.match(term) and e[lang].get("status") != "deprecated"):
                out[lang].append(term)
    return out


class Writer:
    """Deterministic text in one language: plain words, `[[term]]`s, `[[SCOE-k#c.p]]` references."""

    def __init__(self, rng: random.Random, lang: str, terms: list[str], pubs: list[dict]):
        self.rng, self.lang, self.terms, self.pubs = rng, lang, terms, pubs
        self.vocabulary = VOCABULARY[lang]
        self.words = self.vocabulary.words

    def word(self) -> str:
        return self.rng.choice(self.words)

    def sentence(self, n: int) -> list[str]:
        toks = [self.word() for _ in range(n)]
        toks[0] = toks[0].capitalize()
        toks[-1] += "."
        return toks

    def ref(self) -> str:
        pub = self.rng.choice(self.pubs)
        roll = self.rng.random()
        if roll < 0.35 or not pub["chapters"]:
            return f"[[{pub['id']}]]"
        ch = self.rng.choice(pub["chapters"])
        para = f"{ch}.{self.rng.randint(1, PARAS_PER_CHAPTER)}"
        if roll > 0.9:
            label = self.vocabulary.paragraph_label
            return f"[[{pub['id']}#{para}|{label}]]"
        return f"[[{pub['id']}#{para}]]"

    def text(self, words: int, terms: int = 1, refs: int = 0) -> list[str]:
        """About `words` words as tokens; a term or reference is one token (it never spans lines)."""
        toks: list[str] = []
        while len(toks) < words:
            toks += self.sentence(self.rng.randint(9, 16))
        toks = toks[:words]
        toks[-1] = toks[-1].rstrip(".") + "."
        for _ in range(terms):
            i = self.rng.randrange(1, len(toks) - 1)
            toks[i] = f"[[{self.rng.choice(self.terms)}]]"
        for _ in range(refs):
            i = self.rng.randrange(1, len(toks) - 1)
            toks[i] = self.ref()
        return toks

    @staticmethod
    def wrap(toks: list[str], first: str = "", width: int = 100) -> list[str]:
        lines, line = [], first
        for tok in toks:
            if line and len(line) + 1 + len(tok) > width:
                lines.append(line)
                line = tok
            else:
                line = f"{line} {tok}" if line else tok
        lines.append(line)
        return lines

    def heading(self) -> str:
        return " ".join(self.sentence(self.rng.randint(3, 5))).rstrip(".")

    def table(self) -> list[str]:
        head = [self.word().capitalize() for _ in range(3)]
        rows = [f"| {' | '.join(head)} |", "|---|---|---|"]
        for _ in range(4):
            cells = [" ".join(self.word() for _ in range(self.rng.randint(1, 4))) for _ in range(3)]
            if self.rng.random() < 0.3:
                cells[1] = f"[[{self.rng.choice(self.terms)}]]"
            rows.append(f"| {' | '.join(cells)} |")
        return rows

    def admonition(self) -> list[str]:
        kind = self.rng.choice(["note", "tip", "warning", "info", "example"])
        title = self.heading()
        body = self.wrap(self.text(40, terms=1), width=96)
        return [f'!!! {kind} "{title}"'] + ["    " + ln for ln in body]


def chapter_text(w: Writer, n: int) -> str:
    title = f"{w.vocabulary.chapter} {n} – {w.heading()}"
    out = ["---", f"chapter: {n}", "---", "", f"# {title}", ""]
    for p in range(1, PARAS_PER_CHAPTER + 1):
        if p in (1, 5):
            out += [f"## {w.heading()}", ""]
        out += w.wrap(w.text(78, terms=1 if p % 2 else 0, refs=1 if p % 3 == 0 else 0), first=f"{n}.{p}")
        out.append("")
        if p == 3:
            out += w.table() + [""]
        if p == 6:
            out += w.admonition() + [""]
    return "\n".join(out)


def index_text(w: Writer, pub: dict, template: dict) -> str:
    meta = dict(template)
    meta.update(id=pub["id"], title=pub["title"][w.lang], status=pub["status"], date=pub["date"], custodian=pub["custodian"],
                core_area=pub["core_area"], summary=" ".join(w.text(28)))
    meta["changes"] = [{"edition": "A", "version": 1, "date": pub["date"],
                        "summary": w.vocabulary.first_change}]
    fm = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    out = ["---", fm.rstrip("\n"), "---", "", f"# {pub['title'][w.lang]}", ""]
    for s in range(6):
        out += [f"## {w.heading()}", ""]
        for _ in range(2):
            out += w.wrap(w.text(62, terms=1, refs=1 if s % 2 else 0)) + [""]
        if s == 2:
            out += w.table() + [""]
        if s == 4:
            out += w.admonition() + [""]
    return "\n".join(out)


def plan(n_pages: int, rng: random.Random, custodians: list[str], languages) -> list[dict]:
    """Publications of up to 1 + CHAPTERS_PER_PUB pages until `n_pages` pages per language."""
    from scoelib.schema import CORE_AREAS  # noqa: PLC0415

    pubs, left, k = [], n_pages, 0
    while left > 0:
        chapters = list(range(1, min(CHAPTERS_PER_PUB, left - 1) + 1))
        pid = f"SCOE-{FIRST_ID + k}"
        pubs.append({
            "id": pid, "folder": f"publications/bench-{FIRST_ID + k}", "chapters": chapters,
            "title": {lang: VOCABULARY[lang].title.format(n=FIRST_ID + k) for lang in languages},
            "status": rng.choice(["study", "draft", "promulgated", "ratification-draft"]),
            "date": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            "custodian": rng.choice(custodians), "core_area": rng.choice(CORE_AREAS),
        })
        left -= 1 + len(chapters)
        k += 1
    return pubs


def real_page_count(root: Path = ROOT) -> int:
    """Pages per language of the real library (its pages in the default language)."""
    from scoelib import config  # noqa: PLC0415

    return len(list((root / "docs").rglob(f"*.{config.load(root).default}.md")))


def generate(dest: Path, n: int, seed: int = 1, source: Path = ROOT) -> dict:
    """Write a synthetic library with `n` pages per language into `dest` (emptied first); return a summary.
    `source`: the checkout whose library, code and configuration are copied (default: this one)."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPIED:
        src = Path(source) / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    real = real_page_count(dest)
    synthetic = max(n - real, 0)
    rng = random.Random(seed)
    custodians = list((yaml.safe_load((dest / "data/custodians.yml").read_text(encoding="utf-8")) or {}).keys())
    from scoelib import config  # noqa: PLC0415

    languages = config.load(dest)
    unknown = [lang for lang in languages if lang not in VOCABULARY]
    if unknown:
        raise SystemExit(f"bench/generate.py has no words for {', '.join(unknown)}: add a row to VOCABULARY")
    pubs = plan(synthetic, rng, custodians, languages)
    terms = _terms(dest, languages)
    template = _template(dest, languages.default)
    written: dict[str, dict[str, Path]] = {}
    for lang in languages:
        w = Writer(random.Random(f"{seed}-{lang}"), lang, terms[lang], pubs)
        for pub in pubs:
            folder = dest / "docs" / pub["folder"]
            folder.mkdir(parents=True, exist_ok=True)
            pages = {"index": index_text(w, pub, template)}
            pages.update({f"chapter-{c}": chapter_text(w, c) for c in pub["chapters"]})
            for stem, text in pages.items():
                path = folder / f"{stem}.{lang}.md"
                path.write_text(text + "\n", encoding="utf-8")
                written.setdefault(f"{pub['folder']}/{stem}", {})[lang] = path
    _record_translations(dest, written)
    _write_stock_config(dest)
    return {"root": str(dest), "pages_per_language": real + sum(1 + len(p["chapters"]) for p in pubs), "real_pages": real,
            "synthetic_pages": sum(1 + len(p["chapters"]) for p in pubs), "publications": len(pubs)}


CHANGED_EVERY = 20  # with a history: one generated publication in 20 changes between the two versions


def add_history(dest: Path, version: str = "2026.1") -> dict:
    """Give a generated tree a published previous version, as `make release` leaves it: a git repository whose
    first commit is tagged `release/<version>` and listed in the `gh-pages` branch's versions.json; then, in
    one generated publication in CHANGED_EVERY, in both languages, the first paragraph of each chapter is
    amended, the last one deleted and a new one added, and the publication moves to version 2 with a record
    of changes (committed). Builds of the tree then compare every page with that version."""
    import json
    import subprocess

    env = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@bench.invalid", "GIT_COMMITTER_NAME": "bench",
           "GIT_COMMITTER_EMAIL": "bench@bench.invalid", "PATH": "/usr/bin:/bin"}

    def git(*args: str, input: str | None = None) -> str:
        return subprocess.run(["git", *args], cwd=dest, env=env, input=input, capture_output=True, text=True, check=True).stdout.strip()

    (dest / ".gitignore").write_text("site*/\nlast-*.txt\n__pycache__/\n", encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "bench library")
    git("tag", "-a", "-m", f"Published as version {version} of the library", f"release/{version}")
    commit = git("rev-parse", "HEAD")
    blob = git("hash-object", "-w", "--stdin", input=json.dumps([{"version": version, "title": version, "aliases": ["latest"]}]))
    tree = git("mktree", input=f"100644 blob {blob}\tversions.json\n")
    git("update-ref", "refs/heads/gh-pages", git("commit-tree", tree, "-m", f"Deployed {commit[:7]} to {version} with MkDocs and mike"))
    changed = sorted((dest / "docs" / "publications").glob("bench-*"))[::CHANGED_EVERY]
    for folder in changed:
        for lang in ("en", "fr"):
            for chapter in sorted(folder.glob(f"chapter-*.{lang}.md")):
                text = chapter.read_text(encoding="utf-8")
                numbers = re.findall(r"^(\d+\.\d+) ", text, re.M)
                text = re.sub(rf"^{re.escape(numbers[0])} ", f"{numbers[0]} Amended in version 2: ", text, count=1, flags=re.M)
                text = re.sub(rf"\n{re.escape(numbers[-1])} .*", "\n", text, count=1, flags=re.S)
                chapter.write_text(text.rstrip("\n") + f"\n\n{numbers[-1]} A paragraph added in version 2.\n", encoding="utf-8")
            index = folder / f"index.{lang}.md"
            text = index.read_text(encoding="utf-8").replace("version: 1\n", "version: 2\n", 1)
            change = "- edition: A\n  version: 2\n  date: 2026-12-01\n  summary: Version 2.\n"
            index.write_text(text.replace("changes:\n", "changes:\n" + change, 1), encoding="utf-8")
    git("commit", "-qam", "version 2")  # their French pages are now stale, as after any edit
    return {"previous": version, "changed_publications": len(changed)}


def _template(root: Path, default: str) -> dict:
    from scoelib import mdscan  # noqa: PLC0415

    fm, _ = mdscan.split_front_matter((root / TEMPLATE.format(lang=default)).read_text(encoding="utf-8"))
    return yaml.safe_load(fm.text)


def _record_translations(dest: Path, written: dict[str, dict[str, Path]]) -> None:
    """`translated_from` in each generated translated page, as `make translated` records it (fingerprints
    computed by the engine itself); one translated chapter in STALE_EVERY is left out of date."""
    from scoelib import model, translation  # noqa: PLC0415

    lib, _ = model.load(dest)
    default = lib.languages.default
    chapters = [key for key in sorted(written) if lib.page(key, default).paragraphs]
    stale = set(chapters[STALE_EVERY - 1::STALE_EVERY])
    for key, paths in sorted(written.items()):
        source = lib.page(key, default)
        record = translation.translation_record(source, "2026-11-20")
        if key in stale:
            record["fingerprint"] = "0" * 12
            record["paragraphs"][source.paragraphs[0].number] = "0" * 8
        block = yaml.safe_dump({"translated_from": record}, allow_unicode=True, sort_keys=False, width=1000)
        for lang in lib.languages.others:
            text = paths[lang].read_text(encoding="utf-8")
            head, rest = text.split("\n---\n", 1)
            paths[lang].write_text(f"{head}\n{block.rstrip()}\n---\n{rest}", encoding="utf-8")


class _Tagged:
    """A tagged YAML value of mkdocs.yml (`!ENV [...]`, `!!python/name:...`), kept as written."""

    def __init__(self, tag: str, node: yaml.Node):
        self.tag, self.node = tag, node


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged("!" + suffix, node))
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: _Tagged("tag:yaml.org,2002:python/" + suffix, node))
_ConfigDumper.add_representer(_Tagged, lambda dumper, t: t.node)


def _write_stock_config(dest: Path) -> None:
    """The same corpus with stock settings: Material and static-i18n (and search) only, no hooks, no custom
    templates, no navigation.prune, automatic navigation, MkDocs' default validation (the build is not
    strict: `[[...]]` stays text, and anchors that the project's hooks create do not exist)."""
    config = yaml.load((dest / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (SafeLoader)
    config.pop("validation", None)
    config.pop("nav", None)
    config["strict"] = False
    theme = config["theme"]
    theme.pop("custom_dir", None)
    theme["features"] = [f for f in theme.get("features", []) if f != "navigation.prune"]
    extra = config.get("extra") or {}
    extra.pop("version", None)
    keep = ("search", "i18n")
    config["plugins"] = [p for p in config.get("plugins", []) if (next(iter(p)) if isinstance(p, dict) else p) in keep]
    (dest / "mkdocs.stock.yml").write_text("# Stock settings for the benchmark (generated by bench/generate.py)\n"
                                          + yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("n", type=int, help="pages per language (the real library's pages included)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout to copy the library, code and configuration from")
    args = parser.parse_args(argv)
    print(generate(args.dest, args.n, args.seed, args.source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
