"""Every diagnostic code, its severity and what an author does about it.

Codes never change meaning and are never reused. Families: LD loading a file, FM front matter,
PA numbered paragraphs, LK links, XR `[[...]]` references, GL glossary, SR standards registry,
TR translation, SF publication safety. The table of codes in the author guide is generated from
this file (`python -m scoelib codes`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Code:
    code: str
    slug: str
    severity: Severity
    summary: str
    fix: str


_TABLE = [
    # Loading
    Code("LD001", "not-utf8", E, "The file is not UTF-8 text.", "Save the file as UTF-8 (in most editors: Save with encoding → UTF-8)."),
    Code("LD002", "nul-byte", E, "The file contains a NUL byte.", "Remove the invisible NUL character; it usually comes from pasting binary data."),
    Code("LD003", "front-matter-yaml", E, "The front matter between the `---` lines is not valid YAML.", "Fix the YAML at the line shown: a missing space after `:`, a tab, or an unclosed quote."),
    Code("LD004", "empty-page", E, "The page has no content.", "Write at least a level-1 title (`# Title`) and some text, or delete the file."),
    Code("LD005", "no-title", E, "The page has no level-1 title.", "Start the text with one line `# Title`."),
    Code("LD006", "hidden-metadata", E, "The page starts with `Key: value` lines that MkDocs would silently hide.", "Put metadata in a front-matter block between `---` lines, or start the page with `# Title`."),
    Code("LD007", "file-name", E, "The file name does not follow `name.en.md` / `name.fr.md`.", "Rename the file with its language suffix, in lowercase, without spaces or accents."),
    Code("LD008", "page-too-large", E, "The page is larger than the library accepts.", "Split the page into chapters; a page over 1 MB is refused."),
    Code("LD009", "several-titles", E, "The page has more than one level-1 title.", "Keep one `# Title`; use `##` for sections."),
    # Front matter
    Code("FM001", "missing-key", E, "A required front-matter key is missing.", "Add the key named in the message; see the front-matter table in the author guide."),
    Code("FM002", "unknown-key", E, "The front matter has a key the library does not know.", "Remove the key or correct its spelling."),
    Code("FM003", "bad-value", E, "A front-matter value is not allowed.", "Use one of the values named in the hint."),
    Code("FM004", "duplicate-id", E, "Two publications have the same id.", "Give the new publication an unused id (`make new` picks a free one)."),
    Code("FM005", "unknown-publication-id", E, "`supersedes` or `superseded_by` names a publication that does not exist.", "Use the id of an existing publication."),
    Code("FM006", "lifecycle", E, "The supersession links are incomplete or inconsistent.", "A superseded publication names its replacement in `superseded_by`, and the replacement lists it in `supersedes`."),
    Code("FM007", "languages-disagree", E, "English and French front matter disagree on a key that is not translated.", "Make the key identical in both files; only `title`, `summary` and the text of `changes` are translated."),
    Code("FM008", "chapter-number", E, "A chapter page's `chapter` number is missing or does not match its file name.", "In `chapter-3.en.md` write `chapter: 3` in the front matter."),
    Code("FM009", "publication-layout", E, "A publication folder lacks its index page or has pages that are not chapters.", "A publication is `index.en.md`/`index.fr.md` plus `chapter-N.en.md`/`chapter-N.fr.md` files."),
    # Numbered paragraphs
    Code("PA001", "duplicate-paragraph", E, "A paragraph number is used twice in the chapter.", "Give the paragraph the next free number; never renumber published paragraphs."),
    Code("PA002", "paragraph-order", E, "Paragraph numbers do not increase.", "Numbers must increase down the page; a new paragraph between 2.4 and 2.5 takes the next free number at the end, or the chapter is renumbered in a new edition."),
    Code("PA003", "paragraph-chapter", E, "A paragraph number does not start with its chapter number.", "In chapter 2, paragraphs are numbered 2.1, 2.2, …"),
    Code("PA004", "paragraph-gap", W, "Paragraph numbering skips a number.", "Check that no paragraph was deleted by mistake; a deliberate gap (a deleted paragraph) can stay."),
    Code("PA005", "paragraph-parity", E, "English and French chapters do not have the same paragraph numbers.", "Add the missing paragraph to the other language (translation pending is marked in its text)."),
    Code("PA006", "no-paragraphs", E, "A chapter has no numbered paragraphs.", "Start each paragraph of a chapter with its number, e.g. `2.1 Text…`."),
    # Links
    Code("LK001", "missing-page", E, "A link points to a page that does not exist.", "Correct the path; link to the file without its language suffix, e.g. `../glossary/index.md`."),
    Code("LK002", "missing-anchor", E, "A link points to an anchor that does not exist on the target page.", "Use an anchor that exists: a paragraph number (`#2.37`) or a heading's anchor."),
    # References
    Code("XR001", "unknown-publication", E, "`[[...]]` names a publication that does not exist.", "Use an existing id (see the catalogue) or one of the suggestions."),
    Code("XR002", "unknown-paragraph", E, "`[[ID#N]]` names a paragraph that the publication does not have.", "Use an existing paragraph number of that publication."),
    Code("XR003", "unknown-term", E, "`[[...]]` names a term that is not in the glossary in this page's language.", "Use the term as the glossary writes it in this language, or add an entry to `data/glossary.yml`."),
    Code("XR004", "superseded-publication", W, "The reference cites a superseded or cancelled publication.", "Cite the publication in force named in the message, unless the history is the point."),
    Code("XR005", "deprecated-term", E, "The reference uses a deprecated term.", "Use the preferred term given in the hint."),
    Code("XR006", "unknown-standard", E, "The reference names a standard, or an edition of one, that the registry does not have.", "Use an id and edition from the standards registry (`data/standards.yml`)."),
    Code("XR007", "superseded-standard", W, "The reference cites a superseded edition of a standard.", "Cite the edition in force named in the message."),
    Code("XR008", "malformed-reference", E, "A `[[...]]` reference is empty or not closed.", "Write `[[ID]]`, `[[ID#2.3]]`, `[[term]]` or `[[target|label]]`; write `\\[[` for literal brackets."),
    # Glossary
    Code("GL001", "glossary-schema", E, "A glossary entry is missing a field or has a bad value.", "Complete the entry; see the glossary section of the author guide."),
    Code("GL002", "duplicate-designation", E, "Two glossary entries share a term or abbreviation in the same language.", "Keep the designation on one entry; use `see_also` to relate entries."),
    Code("GL003", "designation-is-id", E, "A glossary term or abbreviation is also a publication or standard id.", "Change the designation so that `[[...]]` stays unambiguous."),
    Code("GL004", "unknown-entry", E, "`see_also` or `use` names an entry that does not exist.", "Use an existing entry id."),
    Code("GL005", "bad-source", E, "The entry's `source` is a `[[...]]` reference that does not resolve.", "Cite an existing publication or paragraph, or name the external source in plain words."),
    Code("GL006", "duplicate-entry-id", E, "Two glossary entries have the same id.", "Entry ids are unique and never change."),
    # Standards registry
    Code("SR001", "registry-schema", E, "A standards registry entry is missing a field or has a bad value.", "Complete the entry in `data/standards.yml`."),
    Code("SR002", "duplicate-standard", E, "Two registry entries have the same id.", "Keep one entry per standard; list earlier editions under `editions`."),
    Code("SR003", "unknown-related", E, "`related` names a standard that is not in the registry.", "Add that standard or remove the link."),
    # Translation
    Code("TR001", "missing-translation", E, "A page has no counterpart in the other language.", "Add the French page, or declare `translation: pending` in the English page's front matter."),
    Code("TR002", "stale-translation", I, "The English page changed since the French page was translated.", "Update the French text, then run `make translated PAGE=<the .fr.md file>`."),
    Code("TR003", "pending-translation", I, "The page's translation is declared pending.", "Write the French page, then remove `translation: pending` from the English page."),
    Code("TR004", "untracked-translation", W, "The French page does not record which English text it translates.", "Run `make translated PAGE=<the .fr.md file>` once the translation is checked."),
    Code("TR005", "orphan-translation", E, "A French page has no English source page.", "Add the English page (English is the reference language) or remove the French one."),
    Code("TR006", "pending-and-translated", E, "The English page says its translation is pending, yet a French page exists.", "Remove `translation: pending` from the English page."),
    # Safety
    Code("SF001", "protective-marking", E, "The text contains a protective marking; this library publishes public material only.", "Remove the marked material. A page that must discuss markings is exempted only through `safety-allowlist.yml`, reviewed."),
    Code("SF002", "active-content", E, "The page contains an element that could run code or load content in readers' browsers.", "Remove the element; the library accepts no scripts, frames, objects, embeds, forms, `<base>` or `<meta>`."),
    Code("SF003", "event-handler", E, "An HTML attribute runs script (`on…=`).", "Remove the attribute."),
    Code("SF004", "dangerous-url", E, "A link or source uses a `javascript:`, `vbscript:` or non-image `data:` URL.", "Link to a page or a file of the library instead."),
    Code("SF005", "style-url", E, "A `style` loads a resource with `url(...)`.", "Remove the `url(...)`; put images in the page as images."),
    Code("SF007", "marking-exempted", I, "A marking was exempted by the reviewed allow-list; every exemption is reported.", "Nothing to do if the exemption was reviewed; otherwise remove it from `safety-allowlist.yml`."),
    Code("SF006", "external-resource", E, "The page loads an image, media or style from another site; readers on closed networks cannot reach it.", "Copy the file into `docs/assets/` (if its licence allows) and reference it there; plain links to outside pages are fine."),
]

CODES: dict[str, Code] = {c.code: c for c in _TABLE}
assert len(CODES) == len(_TABLE), "duplicate code"
