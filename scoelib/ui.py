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
    "area.operational-space-support": {"en": "Operational Space Support", "fr": "Soutien spatial opérationnel"},
    "area.space-domain-awareness": {"en": "Space Domain Awareness", "fr": "Connaissance du domaine spatial"},
    "area.space-domain-coordination": {"en": "Space Domain Coordination", "fr": "Coordination du domaine spatial"},
    "area.cross-cutting": {"en": "Cross-cutting", "fr": "Transverse"},
    "banner.study": {
        "en": "**Study draft of the NATO Space Centre of Excellence — not for operational use.** This text has not been agreed by NATO or by any nation; it is published to prepare discussion.",
        "fr": "**Projet d'étude du centre d'excellence spatial de l'OTAN — ne pas utiliser en opérations.** Ce texte n'a été approuvé ni par l'OTAN ni par aucune nation{nbsp}; il est publié pour préparer les travaux.",
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
    "meta.edition_version": {"en": "Edition {edition}, version {version}", "fr": "Édition {edition}, version {version}"},
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
    # what changed between published versions (scoelib/changes.py): change pages, change bars, what's new, feeds
    "meta.title": {"en": "Title", "fr": "Titre"},
    "meta.version": {"en": "Version", "fr": "Version"},
    "meta.changes": {"en": "Changes", "fr": "Modifications"},
    "changes.page_title": {"en": "Changes to {id} since version {since}", "fr": "Modifications de {id} depuis la version {since}"},
    "changes.page_title_none": {"en": "Changes to {id}", "fr": "Modifications de {id}"},
    "changes.kind.amended": {"en": "{n} amended", "fr": "{n}{nbsp}paragraphe{s} modifié{s}"},
    "changes.kind.added": {"en": "{n} added", "fr": "{n}{nbsp}paragraphe{s} ajouté{s}"},
    "changes.kind.deleted": {"en": "{n} deleted", "fr": "{n}{nbsp}paragraphe{s} supprimé{s}"},
    "changes.kind.moved": {"en": "{n} moved or renumbered", "fr": "{n}{nbsp}paragraphe{s} déplacé{s} ou renuméroté{s}"},
    "changes.counts": {"en": "{list} since version {since}.", "fr": "Depuis la version {since}{nbsp}: {list}."},
    "changes.counts_meta": {"en": "Metadata changed since version {since}; no paragraph changed.", "fr": "Depuis la version {since}, seules les métadonnées ont changé{nbsp}; aucun paragraphe n'a été modifié."},
    "changes.nothing": {"en": "Nothing changed since version {since}.", "fr": "Rien n'a changé depuis la version {since}."},
    "changes.new_pub": {"en": "{id} is new since version {since}: every paragraph is added.", "fr": "{id} est nouvelle depuis la version {since}{nbsp}: tous ses paragraphes sont ajoutés."},
    "changes.h.meta": {"en": "Metadata", "fr": "Métadonnées"},
    "changes.h.amended": {"en": "Amended paragraphs", "fr": "Paragraphes modifiés"},
    "changes.h.added": {"en": "Added paragraphs", "fr": "Paragraphes ajoutés"},
    "changes.h.deleted": {"en": "Deleted paragraphs", "fr": "Paragraphes supprimés"},
    "changes.h.moved": {"en": "Moved or renumbered paragraphs", "fr": "Paragraphes déplacés ou renumérotés"},
    "changes.th.field": {"en": "Field", "fr": "Rubrique"},
    "changes.th.before": {"en": "Version {since}", "fr": "Version {since}"},
    "changes.th.now": {"en": "This version", "fr": "Cette version"},
    "changes.was": {"en": "Was {old}.", "fr": "Anciennement {old}."},
    "changes.deleted_text": {"en": "Text in version {since}:", "fr": "Texte de la version {since}{nbsp}:"},
    "changes.del": {"en": "deleted:", "fr": "supprimé{nbsp}:"},
    "changes.ins": {"en": "inserted:", "fr": "ajouté{nbsp}:"},
    "changes.legend": {"en": "In the amended text, deleted words are struck through and inserted words are underlined.",
                       "fr": "Dans le texte modifié, les mots supprimés sont barrés et les mots ajoutés sont soulignés."},
    "changes.state.no-git": {"en": "This copy of the library has no history (it is not a git repository): changes cannot be shown.",
                             "fr": "Cette copie de la bibliothèque n'a pas d'historique (ce n'est pas un dépôt git){nbsp}: les modifications ne peuvent pas être affichées."},
    "changes.state.no-release": {"en": "No version of the library has been published yet: there is nothing to compare with.",
                                 "fr": "Aucune version de la bibliothèque n'a encore été publiée{nbsp}: il n'y a rien à comparer."},
    "changes.state.unrecorded": {"en": "Version {since} does not record the text it was published from: changes cannot be shown.",
                                 "fr": "La version {since} n'indique pas le texte à partir duquel elle a été publiée{nbsp}: les modifications ne peuvent pas être affichées."},
    "changes.state.shallow": {"en": "This copy of the library does not hold its history (a shallow clone): changes since version {since} cannot be shown.",
                              "fr": "Cette copie de la bibliothèque ne contient pas son historique (clone partiel){nbsp}: les modifications depuis la version {since} ne peuvent pas être affichées."},
    "changes.state.unreadable": {"en": "The text of version {since} cannot be read in this copy of the library: changes cannot be shown.",
                                 "fr": "Le texte de la version {since} est illisible dans cette copie de la bibliothèque{nbsp}: les modifications ne peuvent pas être affichées."},
    "changes.mark.added": {"en": "Added since version {since}: see the change", "fr": "Ajouté depuis la version {since}{nbsp}: voir la modification"},
    "changes.mark.amended": {"en": "Amended since version {since}: see the change", "fr": "Modifié depuis la version {since}{nbsp}: voir la modification"},
    "changes.link": {"en": "What changed since version {since}", "fr": "Modifications depuis la version {since}"},
    "changes.link_none": {"en": "What changed", "fr": "Modifications"},
    "changes.banner_link": {"en": "What changed since this version", "fr": "Ce qui a changé depuis cette version"},
    "changes.see_also": {"en": "What's new in the whole library: {link}.", "fr": "Nouveautés de toute la bibliothèque{nbsp}: {link}."},
    "whatsnew.title": {"en": "What's new", "fr": "Nouveautés"},
    "whatsnew.since": {"en": "Since version {since} of the library.", "fr": "Depuis la version {since} de la bibliothèque."},
    "whatsnew.new": {"en": "New publications", "fr": "Nouvelles publications"},
    "whatsnew.changed": {"en": "Changed publications", "fr": "Publications modifiées"},
    "whatsnew.retired": {"en": "Superseded or cancelled", "fr": "Publications remplacées ou annulées"},
    "whatsnew.removed": {"en": "Removed from the library", "fr": "Publications retirées de la bibliothèque"},
    "whatsnew.none": {"en": "None.", "fr": "Aucune."},
    "whatsnew.feed": {"en": "Follow the changes with the Atom feed: {link}.", "fr": "Suivre les modifications avec le flux Atom{nbsp}: {link}."},
    "feed.title": {"en": "{site}: what changed", "fr": "{site}{nbsp}: modifications"},
    "feed.subtitle": {"en": "Publications changed in each published version of the library.", "fr": "Publications modifiées dans chaque version publiée de la bibliothèque."},
    "feed.entry": {"en": "{id} {title}: {counts}", "fr": "{id} {title}{nbsp}: {counts}"},
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
