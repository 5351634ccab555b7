"""Words the library writes itself (banners, generated pages, labels), in English and French.

French text follows French typography: a no-break space (U+00A0) before `:` `;` `?` `!` and inside
guillemets; the test suite checks every string here.
"""

from __future__ import annotations

import datetime as dt

NBSP = "\u00a0"

STRINGS: dict[str, dict[str, str]] = {
    "para": {"en": "para", "fr": "§"},
    "paragraph": {"en": "paragraph", "fr": "paragraphe"},
    "copy_citation": {"en": "Copy citation", "fr": "Copier la référence"},
    "copied": {"en": "Citation copied", "fr": "Référence copiée"},
    "permalink_para": {"en": "Link to paragraph", "fr": "Lien vers le paragraphe"},
    "status.draft": {"en": "Draft", "fr": "Projet"},
    "status.study": {"en": "Study draft", "fr": "Projet d'étude"},
    "status.ratification-draft": {"en": "Ratification draft", "fr": "Projet de ratification"},
    "status.promulgated": {"en": "Promulgated", "fr": "Promulguée"},
    "status.superseded": {"en": "Superseded", "fr": "Remplacée"},
    "status.cancelled": {"en": "Cancelled", "fr": "Annulée"},
    "area.operational-space-support": {"en": "Operational Space Support", "fr": "Appui spatial opérationnel"},
    "area.space-domain-awareness": {"en": "Space Domain Awareness", "fr": "Connaissance du domaine spatial"},
    "area.space-domain-coordination": {"en": "Space Domain Coordination", "fr": "Coordination du domaine spatial"},
    "area.cross-cutting": {"en": "Cross-cutting", "fr": "Transverse"},
    "banner.study": {
        "en": "**Study draft of the NATO Space Centre of Excellence — not for operational use.** This text has not been agreed by NATO or by any nation; it is published to prepare discussion.",
        "fr": "**Projet d'étude du Centre d'excellence spatial de l'OTAN — ne pas utiliser en opérations.** Ce texte n'a été approuvé ni par l'OTAN ni par aucune nation{nbsp}; il est publié pour préparer les travaux.",
    },
    "banner.draft": {
        "en": "**Draft — not for operational use.** This text is still being written and may change at any time.",
        "fr": "**Projet — ne pas utiliser en opérations.** Ce texte est en cours de rédaction et peut évoluer à tout moment.",
    },
    "banner.ratification-draft": {
        "en": "**Ratification draft — not for operational use** until promulgated.",
        "fr": "**Projet de ratification — ne pas utiliser en opérations** avant sa promulgation.",
    },
    "banner.superseded": {
        "en": "**Superseded.** This publication has been replaced by {link}. It is kept for reference only.",
        "fr": "**Publication remplacée.** Elle a été remplacée par {link} et n'est conservée que pour mémoire.",
    },
    "banner.cancelled": {
        "en": "**Cancelled.** This publication is no longer in force and is kept for reference only.",
        "fr": "**Publication annulée.** Elle n'est plus en vigueur et n'est conservée que pour mémoire.",
    },
    "banner.pending": {
        "en": "Translation in progress.",
        "fr": "**Traduction en cours.** Cette page n'est pas encore traduite{nbsp}: le texte ci-dessous est la version anglaise de référence.",
    },
    "banner.stale": {
        "en": "This translation may be out of date.",
        "fr": "**Cette traduction n'est peut-être plus à jour.** Le texte anglais de référence a été modifié le {date}{paras}. Consultez la <a href='{en_url}' hreflang='en'>version anglaise</a>.",
    },
    "banner.stale_paras": {"en": " (paragraphs {list})", "fr": "{nbsp}; paragraphes concernés{nbsp}: {list}"},
    "stale_para": {"en": "translation to be revised", "fr": "traduction à revoir"},
    "meta.id": {"en": "Reference", "fr": "Référence"},
    "meta.edition": {"en": "Edition", "fr": "Édition"},
    "meta.status": {"en": "Status", "fr": "Statut"},
    "meta.date": {"en": "Date", "fr": "Date"},
    "meta.custodian": {"en": "Custodian", "fr": "Pilote"},
    "meta.core_area": {"en": "Core area", "fr": "Domaine"},
    "meta.supersedes": {"en": "Supersedes", "fr": "Remplace"},
    "meta.superseded_by": {"en": "Superseded by", "fr": "Remplacée par"},
    "meta.releasability": {"en": "Releasability", "fr": "Diffusion"},
    "meta.public": {"en": "Public", "fr": "Publique"},
    "meta.publication": {"en": "Publication", "fr": "Publication"},
    "changes.title": {"en": "Record of changes", "fr": "Relevé des modifications"},
    "changes.summary": {"en": "Change", "fr": "Modification"},
    "chapters.title": {"en": "Contents", "fr": "Sommaire"},
    "chapter": {"en": "Chapter", "fr": "Chapitre"},
    "referenced_by.title": {"en": "Referenced by", "fr": "Citée par"},
    "referenced_by.none": {"en": "No page of the library cites this publication yet.", "fr": "Aucune page de la bibliothèque ne cite encore cette publication."},
    "catalogue.all": {"en": "All publications by core area", "fr": "Toutes les publications par domaine"},
    "catalogue.in_force": {"en": "Publications in force", "fr": "Publications en vigueur"},
    "catalogue.in_force.none": {"en": "No publication of the Centre is promulgated yet: everything in this library is a draft for study.",
                                "fr": "Aucune publication du Centre n'est encore promulguée{nbsp}: tout ce que contient la bibliothèque est à l'état de projet."},
    "catalogue.none": {"en": "No publication in this area yet.", "fr": "Aucune publication dans ce domaine pour l'instant."},
    "catalogue.count": {"en": "{n} publications.", "fr": "{n}{nbsp}publications."},
    "glossary.part1": {"en": "Part I – Abbreviations", "fr": "Partie I – Abréviations"},
    "glossary.part2": {"en": "Part II – Terms and definitions", "fr": "Partie II – Termes et définitions"},
    "glossary.index": {"en": "Index", "fr": "Index"},
    "glossary.other_lang": {"en": "French", "fr": "Anglais"},
    "glossary.status": {"en": "Status", "fr": "Statut"},
    "glossary.source": {"en": "Source", "fr": "Source"},
    "glossary.see_also": {"en": "See also", "fr": "Voir aussi"},
    "glossary.used_in": {"en": "Used in", "fr": "Employé dans"},
    "glossary.notes": {"en": "Note", "fr": "Note"},
    "glossary.admitted": {"en": "Admitted", "fr": "Admis"},
    "glossary.deprecated": {"en": "Deprecated", "fr": "À éviter"},
    "glossary.use": {"en": "Use {link}.", "fr": "Employer {link}."},
    "glossary.count": {"en": "{n} entries.", "fr": "{n}{nbsp}entrées."},
    "term.agreed": {"en": "NATO Agreed", "fr": "Agréé OTAN"},
    "term.coe": {"en": "Centre working definition", "fr": "Définition de travail du Centre"},
    "term.proposed": {"en": "Proposed", "fr": "Proposé"},
    "term.deprecated": {"en": "Deprecated", "fr": "Déconseillé"},
    "standards.id": {"en": "Reference", "fr": "Référence"},
    "standards.title": {"en": "Title", "fr": "Titre"},
    "standards.covers": {"en": "Scope", "fr": "Objet"},
    "standards.status": {"en": "Status", "fr": "Statut"},
    "standards.edition": {"en": "Edition in force", "fr": "Édition en vigueur"},
    "standards.unknown": {"en": "not established", "fr": "non établie"},
    "standards.earlier": {"en": "Earlier editions", "fr": "Éditions antérieures"},
    "standards.related": {"en": "Related", "fr": "Voir aussi"},
    "standards.source": {"en": "Source", "fr": "Source"},
    "standards.status.unknown": {"en": "Status not established", "fr": "Statut non établi"},
    "tr.state.up-to-date": {"en": "Up to date", "fr": "À jour"},
    "tr.state.stale": {"en": "Out of date", "fr": "À revoir"},
    "tr.state.untracked": {"en": "Not tracked", "fr": "Non suivie"},
    "tr.state.pending": {"en": "Pending", "fr": "En attente"},
    "tr.state.missing": {"en": "Missing", "fr": "Manquante"},
    "tr.page": {"en": "Page", "fr": "Page"},
    "tr.state": {"en": "State", "fr": "État"},
    "tr.details": {"en": "Details", "fr": "Détails"},
    "tr.section": {"en": "Section", "fr": "Rubrique"},
    "tr.coverage": {"en": "Coverage", "fr": "Couverture"},
    "tr.total": {"en": "All pages", "fr": "Toutes les pages"},
    "tr.paras": {"en": "paragraphs {list}", "fr": "paragraphes {list}"},
    "tr.by_section": {"en": "By section", "fr": "Par rubrique"},
    "tr.pages": {"en": "Every page", "fr": "Toutes les pages"},
    "definition_of": {"en": "Definition", "fr": "Définition"},
    # reading (#17): publication context, paragraph actions, side by side, catalogue, registry
    "meta.edition_version": {"en": "Edition {edition}, version {version}", "fr": "édition {edition}, version {version}"},
    "chapter_short": {"en": "Ch.{nbsp}{n}", "fr": "Chap.{nbsp}{n}"},
    "crumbs": {"en": "You are here", "fr": "Vous êtes ici"},
    "crumbs.home": {"en": "Library", "fr": "Bibliothèque"},
    "pubhead": {"en": "Publication", "fr": "Publication"},
    "cite.menu": {"en": "Cite paragraph {n}", "fr": "Citer le paragraphe {n}"},
    "cite.full": {"en": "Full citation", "fr": "Référence complète"},
    "cite.short": {"en": "Short citation", "fr": "Référence abrégée"},
    "cite.other": {"en": "French citation", "fr": "Référence en anglais"},
    "cite.link": {"en": "Permanent link", "fr": "Lien permanent"},
    "cite.copied": {"en": "Copied: ", "fr": "Copié{nbsp}: "},
    "cite.full_text": {"en": "{id}, {title}, {edition}, {date}, para {n}, {url}",
                       "fr": "{id}, {title}, {edition}, {date}, §{nbsp}{n}, {url}"},
    "sbs.on": {"en": "Side by side: English – French", "fr": "Côte à côte{nbsp}: français – anglais"},
    "sbs.failed": {"en": "The French text could not be loaded.", "fr": "Le texte anglais n'a pas pu être chargé."},
    "pager.previous": {"en": "Previous: {label}", "fr": "Précédent{nbsp}: {label}"},
    "pager.next": {"en": "Next: {label}", "fr": "Suivant{nbsp}: {label}"},
    "permalink": {"en": "Link to this section", "fr": "Lien vers cette section"},
    "catalogue.filters": {"en": "Filter the publications", "fr": "Filtrer les publications"},
    "catalogue.filter.area": {"en": "Core area", "fr": "Domaine"},
    "catalogue.filter.status": {"en": "Status", "fr": "Statut"},
    "catalogue.filter.all": {"en": "All", "fr": "Tous"},
    "catalogue.shown": {"en": "{n} of {total} publications shown.", "fr": "{n}{nbsp}publications affichées sur {total}."},
    "section.publications": {"en": "Publications", "fr": "Publications"},
    "standards.not_confirmed": {"en": "edition not confirmed", "fr": "édition non confirmée"},
    "standards.official_source": {"en": "Official source", "fr": "Source officielle"},
}


def t(key: str, lang: str, **kw) -> str:
    text = STRINGS[key][lang]
    return text.format(nbsp=NBSP, **kw) if ("{" in text) else text


MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def date(d: dt.date, lang: str) -> str:
    if lang == "fr":
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day}{NBSP}{MONTHS_FR[d.month - 1]} {d.year}"
    return f"{d.day}{NBSP}{MONTHS_EN[d.month - 1]} {d.year}"


def french_typography(text: str) -> str:
    """No-break spaces before high punctuation in text the library generates in French."""
    import re

    return re.sub(r"(?<=\w) ?([:;?!])(?=\s|$)", NBSP + r"\1", text)
