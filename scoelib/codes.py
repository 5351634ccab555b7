"""Every diagnostic code, its severity and what an author does about it: the registry of codes.

Codes never change meaning and are never reused. Families: LD loading a file, FM front matter,
PA numbered paragraphs, LK links, XR `[[...]]` references, GL glossary, SR standards registry,
TR translation, SF publication safety, TY spelling and typography, DR generated-content directives,
CH changes between published versions.
The table of codes in the author guide is generated from this file (`python -m scoelib codes`).

How to add a code (this is the only place a code is declared):

    XR009 = Code("XR009", "short-slug", E, "What is wrong.", "How to fix it.",
                 summary_fr="Ce qui ne va pas.", fix_fr="Comment corriger.")

at the end of its family below (never renumber, never reuse). The constant's name must be the code: a
mismatch or a duplicate fails at import. Code uses the constant, `codes.XR009`, never the string "XR009":
`Diagnostic.code` is typed `Code`, so the type checker (`make lint`) refuses a string or a misspelt code.
The rule that produces it declares it when it registers (`@registry.rule(codes.XR009)`, see
`scoelib/registry.py`), and a test must produce it (tests/test_codes.py enumerates this table and names
every code that no test produces).

A `Code` is a `str` ("XR009" == codes.XR009), so reports, JSON and comparisons read as before.
"""

from __future__ import annotations

import enum
from typing import Callable


class Severity(enum.IntEnum):
    INFO = 1  # printed in reports, never fails anything
    WARNING = 2  # printed, does not fail `make check` or the build
    ERROR = 3  # fails `make check`, the build and a release


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (the table's shorthand)

_DECLARED: list[Code] = []


class Code(str):
    """A diagnostic code: the string itself ("XR003"), with its slug, severity and texts for authors."""

    slug: str
    severity: Severity
    summary: str
    fix: str
    summary_fr: str  # French texts of the author guide; French typography (U+00A0 before : ; ? !)
    fix_fr: str

    def __new__(cls, code: str, slug: str, severity: Severity, summary: str, fix: str,
                summary_fr: str = "", fix_fr: str = "") -> Code:
        self = super().__new__(cls, code)
        self.slug, self.severity, self.summary, self.fix = slug, severity, summary, fix
        self.summary_fr, self.fix_fr = summary_fr, fix_fr
        _DECLARED.append(self)
        return self

    @property
    def code(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"codes.{self.code}"

    def __reduce__(self) -> tuple[Callable[[str], Code], tuple[str]]:
        """Pickled as its name (the check cache keeps diagnostics): the same declared constant when read back."""
        return (declared, (self.code,))


# Loading
LD001 = Code("LD001", "not-utf8", E, "The file is not UTF-8 text.", "Save the file as UTF-8 (in most editors: Save with encoding → UTF-8).",
         summary_fr="Le fichier n'est pas un texte en UTF-8.",
         fix_fr="Enregistrez le fichier en UTF-8 (dans la plupart des éditeurs : Enregistrer sous, encodage → UTF-8).")
LD002 = Code("LD002", "nul-byte", E, "The file contains a NUL byte.", "Remove the invisible NUL character; it usually comes from pasting binary data.",
         summary_fr="Le fichier contient un octet NUL.",
         fix_fr="Supprimez ce caractère NUL invisible ; il provient le plus souvent d'un copier-coller de données binaires.")
LD003 = Code("LD003", "front-matter-yaml", E, "The front matter between the `---` lines is not valid YAML.", "Fix the YAML at the line shown: a missing space after `:`, a tab, or an unclosed quote.",
         summary_fr="L'en-tête compris entre les lignes `---` n'est pas du YAML valide.",
         fix_fr="Corrigez le YAML à la ligne indiquée : il manque souvent un espace après `:`, ou bien une tabulation s'est glissée, ou un guillemet n'est pas refermé.")
LD004 = Code("LD004", "empty-page", E, "The page has no content.", "Write at least a level-1 title (`# Title`) and some text, or delete the file.",
         summary_fr="La page est vide.",
         fix_fr="Écrivez au moins un titre de niveau 1 (`# Titre`) et quelques lignes de texte, ou supprimez le fichier.")
LD005 = Code("LD005", "no-title", E, "The page has no level-1 title.", "Start the text with one line `# Title`.",
         summary_fr="La page n'a pas de titre de niveau 1.",
         fix_fr="Commencez le texte par une ligne `# Titre`.")
LD006 = Code("LD006", "hidden-metadata", E, "The page starts with `Key: value` lines that MkDocs would silently hide.", "Put metadata in a front-matter block between `---` lines, or start the page with `# Title`.",
         summary_fr="La page commence par des lignes `Clé: valeur` que MkDocs ferait disparaître sans prévenir.",
         fix_fr="Placez les métadonnées dans un en-tête encadré par deux lignes `---`, ou commencez la page par `# Titre`.")
LD007 = Code("LD007", "file-name", E, "The file name does not follow `name.en.md` / `name.fr.md`.", "Rename the file with its language suffix, in lowercase, without spaces or accents.",
         summary_fr="Le nom du fichier ne suit pas le modèle `nom.en.md` / `nom.fr.md`.",
         fix_fr="Renommez le fichier avec son suffixe de langue, en minuscules, sans espace ni accent.")
LD008 = Code("LD008", "page-too-large", E, "The page is larger than the library accepts.", "Split the page into chapters; a page over 256 kB is refused (no page of the library comes near it).",
         summary_fr="La page dépasse la taille admise par la bibliothèque.",
         fix_fr="Découpez la page en chapitres ; au-delà de 256 ko, une page est refusée (aucune page de la bibliothèque n'en approche).")
LD009 = Code("LD009", "several-titles", E, "The page has more than one level-1 title.", "Keep one `# Title`; use `##` for sections.",
         summary_fr="La page comporte plusieurs titres de niveau 1.",
         fix_fr="Gardez un seul `# Titre` et employez `##` pour les sections.")
LD010 = Code("LD010", "data-yaml", E, "A data file (`data/*.yml`) is not valid YAML; what depends on it is held back until it parses.",
         "Fix the YAML at the line shown: often a missing or extra quote, a missing space after `:`, or a tab.",
         summary_fr="Un fichier de données (`data/*.yml`) n'est pas du YAML valide ; ce qui en dépend n'est pas vérifié tant qu'il n'est pas corrigé.",
         fix_fr="Corrigez le YAML à la ligne indiquée : il s'agit souvent d'un guillemet manquant ou en trop, d'un espace manquant après `:` ou d'une tabulation.")
LD011 = Code("LD011", "not-a-file", E, "An entry under `docs/` is not an ordinary file (a named pipe, socket or device) or cannot be read.", "Remove it; `docs/` holds pages and the site's own files only.",
         summary_fr="Une entrée de `docs/` n'est pas un fichier ordinaire (tube nommé, socket, périphérique) ou ne peut pas être lue.",
         fix_fr="Supprimez-la ; `docs/` ne contient que des pages et les fichiers propres au site.")
LD012 = Code("LD012", "too-deep", E, "Lists, quotations or HTML blocks are nested deeper, or a paragraph holds more brackets or tags, than any page needs.", "Flatten the structure or split the paragraph; the limit is given in the message.",
         summary_fr="Des listes, citations ou blocs HTML sont imbriqués plus profondément, ou un paragraphe contient plus de crochets ou de balises, qu'aucune page n'en a besoin.",
         fix_fr="Aplatissez la structure ou découpez le paragraphe ; la limite figure dans le message.")
LD013 = Code("LD013", "render-time", E, "The page took too long to render (the build only: the net under the check's limits).", "Split the page, or simplify long runs of brackets, tags or nesting.",
         summary_fr="La mise en page de cette page a pris trop de temps (construction seulement : le filet sous les limites de la vérification).",
         fix_fr="Découpez la page, ou simplifiez les longues suites de crochets, de balises ou d'imbrications.")

# Front matter
FM001 = Code("FM001", "missing-key", E, "A required front-matter key is missing.", "Add the key named in the message; see the front-matter table in the author guide.",
         summary_fr="Une clé obligatoire manque dans l'en-tête.",
         fix_fr="Ajoutez la clé nommée dans le message ; le guide de l'auteur donne le tableau complet des clés.")
FM002 = Code("FM002", "unknown-key", E, "The front matter has a key the library does not know.", "Remove the key or correct its spelling.",
         summary_fr="L'en-tête contient une clé que la bibliothèque ne connaît pas.",
         fix_fr="Supprimez la clé ou corrigez son orthographe.")
FM003 = Code("FM003", "bad-value", E, "A front-matter value is not allowed.", "Use one of the values named in the hint.",
         summary_fr="Une valeur de l'en-tête n'est pas admise.",
         fix_fr="Employez l'une des valeurs proposées à la ligne `hint`.")
FM004 = Code("FM004", "duplicate-id", E, "Two publications have the same id.", "Give the new publication an unused id (`make new` refuses one that is taken).",
         summary_fr="Deux publications portent le même identifiant.",
         fix_fr="Donnez à la nouvelle publication un identifiant encore libre (`make new` refuse un identifiant déjà pris).")
FM005 = Code("FM005", "unknown-publication-id", E, "`supersedes` or `superseded_by` names a publication that does not exist.", "Use the id of an existing publication.",
         summary_fr="`supersedes` ou `superseded_by` renvoie à une publication qui n'existe pas.",
         fix_fr="Indiquez l'identifiant d'une publication existante.")
FM006 = Code("FM006", "lifecycle", E, "The supersession links are incomplete or inconsistent.", "A superseded publication names its replacement in `superseded_by`, and the replacement lists it in `supersedes`.",
         summary_fr="Les liens de remplacement entre publications sont incomplets ou contradictoires.",
         fix_fr="Une publication remplacée désigne sa remplaçante dans `superseded_by`, et la remplaçante la cite dans `supersedes`.")
FM007 = Code("FM007", "languages-disagree", E, "English and French front matter disagree on a key that is not translated.", "Make the key identical in both files; only `title`, `summary` and the text of `changes` are translated.",
         summary_fr="Les en-têtes anglais et français diffèrent sur une clé qui ne se traduit pas.",
         fix_fr="Rendez la clé identique dans les deux fichiers ; seuls `title`, `summary` et le texte de `changes` se traduisent.")
FM008 = Code("FM008", "chapter-number", E, "A chapter page's `chapter` number is missing or does not match its file name.", "In `chapter-3.en.md` write `chapter: 3` in the front matter.",
         summary_fr="Le numéro `chapter` d'une page de chapitre manque ou ne correspond pas au nom du fichier.",
         fix_fr="Dans `chapter-3.fr.md`, écrivez `chapter: 3` dans l'en-tête.")
FM009 = Code("FM009", "publication-layout", E, "A publication folder lacks its index page or has pages that are not chapters.", "A publication is `index.en.md`/`index.fr.md` plus `chapter-N.en.md`/`chapter-N.fr.md` files.",
         summary_fr="Un dossier de publication n'a pas de page d'index, ou contient des pages qui ne sont pas des chapitres.",
         fix_fr="Une publication se compose de `index.en.md` et `index.fr.md`, puis de fichiers `chapter-N.en.md` et `chapter-N.fr.md`.")
FM010 = Code("FM010", "codeowners-out-of-date", W, "`.github/CODEOWNERS` does not match the publications' custodians, so a pull request would not ask the right people for review.",
         "Run `make codeowners` and commit `.github/CODEOWNERS` with your change (`make new` does it for a new publication).",
         summary_fr="Le fichier `.github/CODEOWNERS` ne correspond plus aux pilotes des publications ; une demande de fusion ne solliciterait pas les bons relecteurs.",
         fix_fr="Lancez `make codeowners` et validez `.github/CODEOWNERS` avec votre modification (`make new` le fait pour une nouvelle publication).")

# Numbered paragraphs
PA001 = Code("PA001", "duplicate-paragraph", E, "A paragraph number is used twice in the chapter.", "Give the paragraph the next free number; never renumber published paragraphs.",
         summary_fr="Un numéro de paragraphe figure deux fois dans le chapitre.",
         fix_fr="Donnez au paragraphe le prochain numéro libre ; ne renumérotez jamais des paragraphes déjà publiés.")
PA002 = Code("PA002", "paragraph-order", E, "Paragraph numbers do not increase.", "Numbers increase down the page. A new paragraph takes the next free number at the end of the chapter; renumbering waits for a new edition.",
         summary_fr="Les numéros de paragraphe ne se suivent pas dans l'ordre croissant.",
         fix_fr="Les numéros croissent du haut vers le bas de la page. Un paragraphe nouveau ne s'intercale pas entre 2.4 et 2.5 : il prend le prochain numéro libre, en fin de chapitre, à moins que le chapitre ne soit renuméroté dans une nouvelle édition.")
PA003 = Code("PA003", "paragraph-chapter", E, "A paragraph number does not start with its chapter number.", "In chapter 2, paragraphs are numbered 2.1, 2.2, …",
         summary_fr="Un numéro de paragraphe ne commence pas par le numéro de son chapitre.",
         fix_fr="Dans le chapitre 2, les paragraphes sont numérotés 2.1, 2.2, etc.")
PA004 = Code("PA004", "paragraph-gap", W, "Paragraph numbering skips a number.", "Check that no paragraph was deleted by mistake; a deliberate gap (a deleted paragraph) can stay.",
         summary_fr="La numérotation des paragraphes saute un numéro.",
         fix_fr="Vérifiez qu'aucun paragraphe n'a été supprimé par erreur ; une lacune voulue (un paragraphe supprimé) peut rester.")
PA005 = Code("PA005", "paragraph-parity", E, "English and French chapters do not have the same paragraph numbers.", "Add the missing paragraph to the other language, with the same number.",
         summary_fr="Les chapitres anglais et français n'ont pas les mêmes numéros de paragraphe.",
         fix_fr="Ajoutez le paragraphe manquant dans l'autre langue, sous le même numéro ; s'il n'est pas encore traduit, indiquez-le dans son texte.")
PA006 = Code("PA006", "no-paragraphs", E, "A chapter has no numbered paragraphs.", "Start each paragraph of a chapter with its number, e.g. `2.1 Text…`.",
         summary_fr="Un chapitre ne contient aucun paragraphe numéroté.",
         fix_fr="Commencez chaque paragraphe du chapitre par son numéro, par exemple `2.1 Texte…`.")
PA007 = Code("PA007", "paragraph-number-dot", E, "A paragraph number is followed by a dot (`2.2.`).", "Write the number without the final dot: `2.2 Text`.",
         summary_fr="Un numéro de paragraphe est suivi d'un point (`2.2.`).",
         fix_fr="Écrivez le numéro sans point final : `2.2 Texte`.")

# Links
LK001 = Code("LK001", "missing-page", E, "A link points to a page that does not exist.", "Correct the path; link to the file without its language suffix, e.g. `../glossary/index.md`.",
         summary_fr="Un lien pointe vers une page qui n'existe pas.",
         fix_fr="Corrigez le chemin, en visant le fichier sans son suffixe de langue, par exemple `../glossary/index.md`.")
LK002 = Code("LK002", "missing-anchor", E, "A link points to an anchor that does not exist on the target page.", "Use an anchor that exists: a paragraph number (`#2.37`) or a heading's anchor.",
         summary_fr="Un lien pointe vers une ancre absente de la page visée.",
         fix_fr="Employez une ancre qui existe : un numéro de paragraphe (`#2.37`) ou l'ancre d'un intertitre.")
LK003 = Code("LK003", "language-suffix-link", E, "A link names a page with its language suffix (`page.en.md`); the build cannot follow it from the other language.",
         "Link to the file without its language suffix (`page.md`): each language then links to its own page.",
         summary_fr="Un lien désigne une page avec son suffixe de langue (`page.en.md`) ; la construction du site ne peut pas le suivre depuis l'autre langue.",
         fix_fr="Faites le lien vers le fichier sans suffixe de langue (`page.md`) : chaque langue renvoie alors à sa propre page.")
LK004 = Code("LK004", "link-outside-docs", E, "A link points to a file outside `docs/`, which is not published.", "Link to a page or a file under `docs/`.",
         summary_fr="Un lien pointe vers un fichier situé hors de `docs/`, qui n'est pas publié.",
         fix_fr="Faites un lien vers une page ou un fichier de `docs/`.")

# References
XR001 = Code("XR001", "unknown-publication", E, "`[[...]]` names a publication that does not exist.", "Use an existing id (see the catalogue) or one of the suggestions.",
         summary_fr="`[[...]]` renvoie à une publication qui n'existe pas.",
         fix_fr="Employez un identifiant existant (voir le catalogue) ou l'une des suggestions.")
XR002 = Code("XR002", "unknown-paragraph", E, "`[[ID#N]]` names a paragraph that the publication does not have.", "Use an existing paragraph number of that publication.",
         summary_fr="`[[ID#N]]` renvoie à un paragraphe que la publication ne contient pas.",
         fix_fr="Employez un numéro de paragraphe existant de cette publication.")
XR003 = Code("XR003", "unknown-term", E, "`[[...]]` names a term that is not in the glossary in this page's language.", "Use the term as the glossary writes it in this language, or add an entry to `data/glossary.yml`.",
         summary_fr="`[[...]]` renvoie à un terme absent du glossaire dans la langue de la page.",
         fix_fr="Écrivez le terme tel que le glossaire le donne dans cette langue, ou ajoutez une entrée à `data/glossary.yml`.")
XR004 = Code("XR004", "superseded-publication", W, "The reference cites a superseded or cancelled publication.", "Cite the publication in force named in the message, unless the history is the point.",
         summary_fr="La référence cite une publication remplacée ou annulée.",
         fix_fr="Citez la publication en vigueur indiquée dans le message, sauf si c'est précisément l'ancien texte que vous visez.")
XR005 = Code("XR005", "deprecated-term", E, "The reference uses a deprecated term.", "Use the preferred term given in the hint.",
         summary_fr="La référence emploie un terme déconseillé.",
         fix_fr="Employez le terme privilégié indiqué à la ligne `hint`.")
XR006 = Code("XR006", "unknown-standard", E, "The reference names a standard, or an edition of one, that the registry does not have.", "Use an id and edition from the standards registry (`data/standards.yml`).",
         summary_fr="La référence désigne une norme, ou une édition de norme, absente du registre.",
         fix_fr="Employez un identifiant et une édition qui figurent dans le registre des normes (`data/standards.yml`).")
XR007 = Code("XR007", "superseded-standard", W, "The reference cites a superseded edition of a standard.", "Cite the edition in force named in the message.",
         summary_fr="La référence cite une édition remplacée d'une norme.",
         fix_fr="Citez l'édition en vigueur indiquée dans le message.")
XR008 = Code("XR008", "malformed-reference", E, "A `[[...]]` reference is empty or not closed.", "Write `[[ID]]`, `[[ID#2.3]]`, `[[term]]` or `[[target|label]]`; write `\\[[` for literal brackets.",
         summary_fr="Une référence `[[...]]` est vide ou n'est pas refermée.",
         fix_fr="Écrivez `[[ID]]`, `[[ID#2.3]]`, `[[terme]]` ou `[[cible|libellé]]` ; pour des crochets ordinaires, écrivez `\\[[`.")

# Glossary
GL001 = Code("GL001", "glossary-schema", E, "A glossary entry is missing a field or has a bad value.", "Complete the entry; see the glossary section of the author guide.",
         summary_fr="Une entrée du glossaire a un champ manquant ou une valeur incorrecte.",
         fix_fr="Complétez l'entrée ; voir la partie du guide de l'auteur consacrée au glossaire.")
GL002 = Code("GL002", "duplicate-designation", E, "Two glossary entries share a term or abbreviation in the same language.", "Keep the designation on one entry; use `see_also` to relate entries.",
         summary_fr="Deux entrées du glossaire partagent un terme ou une abréviation dans la même langue.",
         fix_fr="Ne laissez la désignation qu'à une seule entrée ; reliez les entrées entre elles par `see_also`.")
GL003 = Code("GL003", "designation-is-id", E, "A glossary term or abbreviation is also a publication or standard id.", "Change the designation so that `[[...]]` stays unambiguous.",
         summary_fr="Un terme ou une abréviation du glossaire est aussi l'identifiant d'une publication ou d'une norme.",
         fix_fr="Changez la désignation pour que `[[...]]` reste sans ambiguïté.")
GL004 = Code("GL004", "unknown-entry", E, "`see_also` or `use` names an entry that does not exist.", "Use an existing entry id.",
         summary_fr="`see_also` ou `use` renvoie à une entrée qui n'existe pas.",
         fix_fr="Employez l'identifiant d'une entrée existante.")
GL005 = Code("GL005", "bad-source", E, "The entry's `source` is a `[[...]]` reference that does not resolve.", "Cite an existing publication or paragraph, or name the external source in plain words.",
         summary_fr="La `source` de l'entrée est une référence `[[...]]` qui ne mène nulle part.",
         fix_fr="Citez une publication ou un paragraphe existants, ou nommez la source extérieure en toutes lettres.")
GL006 = Code("GL006", "duplicate-entry-id", E, "Two glossary entries have the same id.", "Entry ids are unique and never change.",
         summary_fr="Deux entrées du glossaire ont le même identifiant.",
         fix_fr="Les identifiants d'entrée sont uniques et ne changent jamais.")
GL007 = Code("GL007", "avoided-term", W, "The text uses a variant that the glossary says to avoid in this language.", "Write the preferred term given in the hint; the glossary entry says why. A release refuses avoided variants unless run with `ALLOW_TERMS=1`.",
         summary_fr="Le texte emploie une variante que le glossaire demande d'éviter dans cette langue.",
         fix_fr="Écrivez le terme privilégié indiqué à la ligne `hint` ; l'entrée du glossaire dit pourquoi. Une publication de version refuse les variantes à éviter, sauf avec `ALLOW_TERMS=1`.")
GL008 = Code("GL008", "agreed-without-source", E, "A glossary entry is `agreed` but its `source` names no NATO agreed source.", "Quote the term and definition verbatim from NATOTerm, AAP-06 or a NATO standard and name it in `source`; a paraphrase is `coe`.",
         summary_fr="Une entrée du glossaire est `agreed` mais sa `source` ne nomme aucune source agréée de l'OTAN.",
         fix_fr="Citez mot pour mot le terme et sa définition tirés de NATOTerm, de l'AAP-06 ou d'une norme de l'OTAN, et nommez cette source dans `source` ; une reformulation relève de `coe`.")
GL009 = Code("GL009", "glossary-order", W, "The glossary entries are not in alphabetical order of `id`.", "Run `make sort-glossary`: it puts the entries in order and changes nothing else.",
         summary_fr="Les entrées du glossaire ne sont pas classées par ordre alphabétique d'identifiant (`id`).",
         fix_fr="Lancez `make sort-glossary` : la commande classe les entrées sans rien modifier d'autre.")

# Standards registry
SR001 = Code("SR001", "registry-schema", E, "A standards registry entry is missing a field or has a bad value.", "Complete the entry in `data/standards.yml`.",
         summary_fr="Une entrée du registre des normes a un champ manquant ou une valeur incorrecte.",
         fix_fr="Complétez l'entrée dans `data/standards.yml`.")
SR002 = Code("SR002", "duplicate-standard", E, "Two registry entries have the same id.", "Keep one entry per standard; list earlier editions under `editions`.",
         summary_fr="Deux entrées du registre ont le même identifiant.",
         fix_fr="Une seule entrée par norme ; les éditions antérieures se rangent sous `editions`.")
SR003 = Code("SR003", "unknown-related", E, "`related` names a standard that is not in the registry.", "Add that standard or remove the link.",
         summary_fr="`related` renvoie à une norme absente du registre.",
         fix_fr="Ajoutez cette norme au registre ou supprimez le lien.")

# Translation
TR001 = Code("TR001", "missing-translation", E, "A page has no counterpart in the other language.", "Add the French page, or declare `translation: pending` in the English page's front matter.",
         summary_fr="Une page n'a pas d'équivalent dans l'autre langue.",
         fix_fr="Ajoutez la page française, ou déclarez `translation: pending` dans l'en-tête de la page anglaise.")
TR002 = Code("TR002", "stale-translation", I, "The English page changed since the French page was translated.", "Update the French text, then run `make translated PAGE=<the .fr.md file>`.",
         summary_fr="La page anglaise a changé depuis la traduction de la page française.",
         fix_fr="Mettez le texte français à jour, puis lancez `make translated PAGE=<le fichier .fr.md>`.")
TR003 = Code("TR003", "pending-translation", I, "The page's translation is declared pending.", "Write the French page, then remove `translation: pending` from the English page.",
         summary_fr="La traduction de la page est déclarée en attente.",
         fix_fr="Rédigez la page française, puis retirez `translation: pending` de la page anglaise.")
TR004 = Code("TR004", "untracked-translation", W, "The French page does not record which English text it translates.", "Run `make translated PAGE=<the .fr.md file>` once the translation is checked.",
         summary_fr="La page française n'indique pas quel texte anglais elle traduit.",
         fix_fr="Une fois la traduction vérifiée, lancez `make translated PAGE=<le fichier .fr.md>`.")
TR005 = Code("TR005", "orphan-translation", E, "A French page has no English source page.", "Add the English page (English is the reference language) or remove the French one.",
         summary_fr="Une page française n'a pas de page anglaise source.",
         fix_fr="Ajoutez la page anglaise (l'anglais est la langue de référence) ou supprimez la page française.")
TR006 = Code("TR006", "pending-and-translated", E, "The English page says its translation is pending, yet a French page exists.", "Remove `translation: pending` from the English page.",
         summary_fr="La page anglaise déclare sa traduction en attente alors que la page française existe.",
         fix_fr="Retirez `translation: pending` de la page anglaise.")
TR007 = Code("TR007", "missing-interface-string", W, "A language's catalogue of interface strings lacks a key; its pages show the English text there.", "Add the key, translated, to the language's catalogue (`locales/<language>.yml`, or `scoelib/locales/`).",
         summary_fr="Il manque une clé au catalogue des textes d'interface d'une langue ; ses pages affichent là le texte anglais.",
         fix_fr="Ajoutez la clé, traduite, au catalogue de la langue (`locales/<langue>.yml`, ou `scoelib/locales/`).")
TR008 = Code("TR008", "interface-catalogue", E, "A language's catalogue of interface strings is not a valid list of `key: text` lines.", "Fix the line shown; quote a text that contains `: ` or starts with a quote.",
         summary_fr="Le catalogue des textes d'interface d'une langue n'est pas une liste valide de lignes `clé: texte`.",
         fix_fr="Corrigez la ligne indiquée ; mettez entre guillemets un texte qui contient `: ` ou commence par un guillemet.")

# Safety
SF001 = Code("SF001", "protective-marking", E, "The text contains a protective marking; this library publishes public material only.", "Remove the marked material. A page that must discuss markings is exempted only through `safety-allowlist.yml`, reviewed.",
         summary_fr="Le texte porte une mention de protection ; cette bibliothèque ne publie que des documents publics.",
         fix_fr="Retirez le passage concerné. Une page qui doit traiter des mentions de protection ne peut en être exemptée que par `safety-allowlist.yml`, après revue.")
SF002 = Code("SF002", "active-content", E, "The page contains an element that could run code or load content in readers' browsers.", "Remove the element; the library accepts no scripts, frames, objects, embeds, forms, `<base>` or `<meta>`.",
         summary_fr="La page contient un élément qui pourrait exécuter du code ou charger du contenu dans le navigateur du lecteur.",
         fix_fr="Supprimez l'élément ; la bibliothèque n'admet ni script, ni cadre, ni objet ou contenu incorporé, ni formulaire, ni `<base>`, ni `<meta>`.")
SF003 = Code("SF003", "event-handler", E, "An HTML attribute runs script (`on…=`).", "Remove the attribute.",
         summary_fr="Un attribut HTML exécute un script (`on…=`).",
         fix_fr="Supprimez l'attribut.")
SF004 = Code("SF004", "dangerous-url", E, "A link or source uses a `javascript:`, `vbscript:` or non-image `data:` URL.", "Link to a page or a file of the library instead.",
         summary_fr="Un lien ou une source emploie une adresse `javascript:`, `vbscript:` ou `data:` autre qu'une image.",
         fix_fr="Faites plutôt un lien vers une page ou un fichier de la bibliothèque.")
SF005 = Code("SF005", "style-url", E, "A `style` loads a resource with `url(...)`.", "Remove the `url(...)`; put images in the page as images.",
         summary_fr="Un `style` charge une ressource par `url(...)`.",
         fix_fr="Supprimez le `url(...)` ; insérez les images dans la page en tant qu'images.")
SF006 = Code("SF006", "external-resource", E, "The page loads an image, media or style from another site; readers on closed networks cannot reach it.", "Copy the file into `docs/assets/` (if its licence allows) and reference it there; plain links to outside pages are fine.",
         summary_fr="La page charge une image, un média ou un style depuis un autre site, inaccessible aux lecteurs sur réseau fermé.",
         fix_fr="Copiez le fichier dans `docs/assets/` (si sa licence le permet) et faites-y référence ; les simples liens vers des pages extérieures restent admis.")
SF007 = Code("SF007", "marking-exempted", I, "A marking was exempted by the reviewed allow-list; every exemption is reported.", "Nothing to do if the exemption was reviewed; otherwise remove it from `safety-allowlist.yml`.",
         summary_fr="Une mention a été exemptée par la liste d'exceptions revue ; chaque exemption est signalée.",
         fix_fr="Rien à faire si l'exemption a bien été revue ; sinon, retirez-la de `safety-allowlist.yml`.")
SF008 = Code("SF008", "symbolic-link", E, "A file or folder under `docs/` is a symbolic link; links are never followed nor published.", "Replace the link by the file itself, committed under `docs/`.",
         summary_fr="Un fichier ou dossier de `docs/` est un lien symbolique ; les liens ne sont ni suivis ni publiés.",
         fix_fr="Remplacez le lien par le fichier lui-même, versionné dans `docs/`.")
SF009 = Code("SF009", "file-type", E, "A file under `docs/` is of a type the library does not publish, or its content is not what its name says.", "Keep only pages and the site's own CSS, JavaScript, SVG, images and WOFF2 fonts under `docs/`.",
         summary_fr="Un fichier de `docs/` est d'un type que la bibliothèque ne publie pas, ou son contenu ne correspond pas à son nom.",
         fix_fr="Ne gardez dans `docs/` que les pages et les fichiers CSS, JavaScript, SVG, images et polices WOFF2 du site.")

# Spelling and typography (scoelib/style.py; rules per language in scoelib/typography.py)
TY001 = Code("TY001", "punctuation-space", W, "French punctuation lacks its no-break space, or has an ordinary one that can break the line.", "Write a narrow no-break space (U+202F) before `;` `!` `?` `»` and after `«`, a no-break space (U+00A0) before `:`; `make fix` does it.",
         summary_fr="Il manque à une ponctuation française son espace insécable, ou elle est précédée d'une espace ordinaire qui peut couper la ligne.",
         fix_fr="Mettez une espace fine insécable (U+202F) avant `;` `!` `?` `»` et après `«`, une espace insécable (U+00A0) avant `:` ; `make fix` s'en charge.")
TY002 = Code("TY002", "apostrophe", I, "French text uses the straight apostrophe `'`.", "`make fix` writes the typographic apostrophe `’`; the build shows it in any case.",
         summary_fr="Le texte français emploie l'apostrophe droite `'`.",
         fix_fr="`make fix` la remplace par l'apostrophe typographique `’` ; le site l'affiche de toute façon.")
TY003 = Code("TY003", "ordinal", W, "A French ordinal is written `2ème`, `1ère` or `XXème`.", "Write `1er`, `1re`, `2e`, `XXe`; `make fix` does it.",
         summary_fr="Un ordinal français est écrit `2ème`, `1ère` ou `XXème`.",
         fix_fr="Écrivez `1er`, `1re`, `2e`, `XXe` ; `make fix` s'en charge.")
TY004 = Code("TY004", "ise-spelling", W, "An English word is spelt -ise where the library writes -ize (NATO and Oxford usage).", "Write the -ize form given in the hint (organization, recognize); words spelt -ise in every spelling (advise, exercise, otherwise) are never reported.",
         summary_fr="Un mot anglais est écrit en -ise là où la bibliothèque écrit -ize (usage OTAN et Oxford).",
         fix_fr="Écrivez la forme en -ize indiquée à la ligne `hint` (organization, recognize) ; les mots en -ise dans toutes les orthographes (advise, exercise, otherwise) ne sont jamais signalés.")

# National review: comment matrices read by `make comments` (scoelib/comments.py); `file:row`, the header being row 1
RV001 = Code("RV001", "unreadable-matrix", E, "A comment matrix cannot be read: not a CSV or XLSX file, not UTF-8, or no header row with the matrix's columns.", "Send the matrix as exported by the site (CSV) or as an XLSX whose first row is the header `Serial, Originator, Publication, Edition, Version, Language, Paragraph, Type, Comment, Proposed change, Rationale` (English or French).",
         summary_fr="Une matrice de commentaires est illisible : ni CSV ni XLSX, pas en UTF-8, ou sans ligne d'en-tête portant les colonnes de la matrice.",
         fix_fr="Faites parvenir la matrice telle que le site l'exporte (CSV) ou un XLSX dont la première ligne est l'en-tête `Numéro, Émetteur, Publication, Édition, Version, Langue, Paragraphe, Type, Commentaire, Modification proposée, Justification` (en français ou en anglais).")
RV002 = Code("RV002", "wrong-publication", E, "A row comments on another publication than the one being consolidated.", "Move the row to that publication's matrix, or correct the `Publication` cell.",
         summary_fr="Une ligne commente une autre publication que celle dont on consolide les commentaires.",
         fix_fr="Déplacez la ligne dans la matrice de cette publication, ou corrigez la cellule `Publication`.")
RV003 = Code("RV003", "unknown-paragraph", E, "The paragraph number does not exist in the version commented on.", "Correct the number (the hint suggests the nearest ones); a comment on the publication as a whole goes on its first paragraph with type G.",
         summary_fr="Le numéro de paragraphe n'existe pas dans la version commentée.",
         fix_fr="Corrigez le numéro (la ligne `hint` propose les plus proches) ; un commentaire sur l'ensemble de la publication se place sur son premier paragraphe, avec le type G.")
RV004 = Code("RV004", "paragraph-deleted", W, "The paragraph existed in the version commented on but has been deleted since; the comment is kept in the matrix.", "Adjudicate it against the current text (often `Noted`), and tell the originator which paragraph now holds the text if it moved.",
         summary_fr="Le paragraphe existait dans la version commentée mais a été supprimé depuis ; le commentaire reste dans la matrice.",
         fix_fr="Statuez au regard du texte actuel (souvent « Noté ») et indiquez à l'émetteur quel paragraphe porte désormais le texte s'il a été déplacé.")
RV005 = Code("RV005", "unknown-version", E, "The edition or version commented on is neither the current one nor one that git's history holds.", "Correct the `Edition` and `Version` cells (the publication's front matter gives the current ones), or consolidate from a clone with the full history.",
         summary_fr="L'édition ou la version commentée n'est ni l'actuelle ni une version présente dans l'historique git.",
         fix_fr="Corrigez les cellules `Édition` et `Version` (l'en-tête de la publication donne les valeurs actuelles), ou consolidez depuis un clone doté de tout l'historique.")
RV006 = Code("RV006", "unknown-type", E, "The comment type is not one of G, E, S, C.", "Write G (general), E (editorial), S (substantive) or C (critical).",
         summary_fr="Le type de commentaire n'est pas l'un de G, E, S, C.",
         fix_fr="Écrivez G (général), E (rédactionnel), S (de fond) ou C (critique).")
RV007 = Code("RV007", "empty-comment", E, "The row has no comment.", "Write the comment, or delete the row.",
         summary_fr="La ligne ne contient pas de commentaire.",
         fix_fr="Rédigez le commentaire, ou supprimez la ligne.")
RV008 = Code("RV008", "no-originator", E, "The row does not say who sent the comment.", "Fill in the `Originator` cell: the nation or organization, and a name or post.",
         summary_fr="La ligne n'indique pas qui a émis le commentaire.",
         fix_fr="Remplissez la cellule `Émetteur` : la nation ou l'organisation, et un nom ou une fonction.")
RV009 = Code("RV009", "duplicate-comment", E, "The row repeats another row: same originator, paragraph, type and comment.", "Delete one of the two rows (a matrix sent twice is read once).",
         summary_fr="La ligne répète une autre ligne : même émetteur, même paragraphe, même type, même commentaire.",
         fix_fr="Supprimez l'une des deux lignes (une matrice envoyée deux fois n'est lue qu'une fois).")
RV010 = Code("RV010", "marking-in-comment", E, "A cell carries a protective marking; the row is refused and not copied into the consolidated matrix.", "Ask the originator for a public version of the comment; this library handles public material only.",
         summary_fr="Une cellule porte une mention de protection ; la ligne est refusée et n'est pas recopiée dans la matrice consolidée.",
         fix_fr="Demandez à l'émetteur une version publique du commentaire ; cette bibliothèque ne traite que des documents publics.")
RV011 = Code("RV011", "unknown-decision", W, "A decision in the consolidated matrix is not one of the four the matrix uses; it is kept as written.", "Write Accepted, Accepted with amendment, Rejected or Noted.",
         summary_fr="Une décision de la matrice consolidée n'est pas l'une des quatre qu'elle emploie ; elle est conservée telle quelle.",
         fix_fr="Écrivez Accepted (accepté), Accepted with amendment (accepté avec amendement), Rejected (rejeté) ou Noted (noté).")
RV012 = Code("RV012", "decision-dropped", W, "A comment adjudicated in the consolidated matrix is no longer in any matrix read; its row and decision are dropped.", "Add the originator's matrix to FILES again if the comment still stands.",
         summary_fr="Un commentaire sur lequel la matrice consolidée avait statué ne figure plus dans aucune des matrices lues ; sa ligne et sa décision disparaissent.",
         fix_fr="Remettez la matrice de l'émetteur dans FILES si le commentaire tient toujours.")

# Generated content (`<!-- scoe:… -->` directives, scoelib/directives.py)
DR001 = Code("DR001", "unknown-directive", E, "The page asks for generated content that does not exist (`<!-- scoe:… -->`).", "Use one of the names listed in the hint, or remove the line.",
             summary_fr="La page demande un contenu généré qui n'existe pas (`<!-- scoe:… -->`).",
             fix_fr="Employez l'un des noms donnés à la ligne `hint`, ou supprimez la ligne.")
DR002 = Code("DR002", "directive-form", E, "A generated-content directive is malformed, is not alone on its line, or has an argument it does not take.", "Write it alone on its line, as `<!-- scoe:name -->` or `<!-- scoe:name arg=value -->` with an argument and value from the message.",
             summary_fr="Une directive de contenu généré est mal formée, n'est pas seule sur sa ligne ou porte un argument qu'elle n'accepte pas.",
             fix_fr="Écrivez-la seule sur sa ligne, sous la forme `<!-- scoe:nom -->` ou `<!-- scoe:nom argument=valeur -->`, avec un argument et une valeur donnés dans le message.")

# Changes between published versions (scoelib/changes.py, scoelib/history.py)
CH001 = Code("CH001", "unreadable-release", W, "The source commit of the previous published version cannot be read, so the change pages cannot compare with it.", "Fetch the full history (`git fetch --tags origin`), or point the `release/<version>` tag at the commit that was published.",
             summary_fr="Le commit source de la version publiée précédente est illisible : les pages de modifications ne peuvent pas s'y comparer.",
             fix_fr="Récupérez tout l'historique (`git fetch --tags origin`) ou faites pointer l'étiquette `release/<version>` sur le commit publié.")
CH002 = Code("CH002", "record-of-changes", E, "A publication's text changed since the previous published version, but its edition or version was not raised, or its `changes` front matter has no entry for it.", "Raise `version` (or `edition`) in both index pages and add an entry for it at the top of `changes`; `make changes PUB=<id>` lists what changed.",
             summary_fr="Le texte d'une publication a changé depuis la version publiée précédente, mais son édition ou sa version n'a pas été relevée, ou son relevé `changes` n'en fait pas mention.",
             fix_fr="Relevez `version` (ou `edition`) dans les deux pages d'index et ajoutez l'entrée correspondante en tête de `changes` ; `make changes PUB=<id>` liste les modifications.")


def _registry(names: dict[str, object]) -> dict[str, Code]:
    """The table, in declaration order; a duplicate code, or a constant not named after its code, fails here."""
    table: dict[str, Code] = {}
    for c in _DECLARED:
        if c in table:
            raise ImportError(f"scoelib.codes: {c.code} is declared twice")
        if names.get(c.code) is not c:
            raise ImportError(f"scoelib.codes: {c.code} must be declared as `{c.code} = Code({c.code!r}, …)`")
        table[c.code] = c
    return table


CODES: dict[str, Code] = _registry(globals())


def declared(code: str) -> Code:
    """The declared constant of a code's name ("XR009" -> codes.XR009)."""
    return CODES[code]
