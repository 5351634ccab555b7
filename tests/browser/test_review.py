"""National review, reader side (docs/assets/scoe-review.js): comment on numbered paragraphs in either language,
with the keyboard only; the comments stay in the browser across a reload; edit one; export the matrix, whose CSV
has exactly those rows and the language's header; axe-core finds nothing in the form or the panel. The same from
file:// in the offline bundle: tests/browser/test_bundle.py."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import expect

from .conftest import AXE_PATH, PREFIX
from .test_accessibility import TAGS

CHAPTER = "publications/scoe-3-1-space-domain-awareness/chapter-2/"
HEADER = {
    "en": ["Serial", "Originator", "Publication", "Edition", "Version", "Language", "Paragraph", "Type", "Comment",
           "Proposed change", "Rationale"],
    "fr": ["Numéro", "Émetteur", "Publication", "Édition", "Version", "Langue", "Paragraphe", "Type", "Commentaire",
           "Modification proposée", "Justification"],
}
SEPARATOR = {"en": ",", "fr": ";"}  # what each language's spreadsheets split a CSV on
NAME = {"en": "Comment", "fr": "Commenter"}
TEXT = {
    "en": ("The sensors are not named.", "Name the sensors.", "Readers cannot tell whose data it is.",
           "Typo, \"orbit\"; see 2.4", "Shorter, clearer."),
    "fr": ("Les capteurs ne sont pas nommés.", "Nommer les capteurs.", "Le lecteur ignore à qui sont les données.",
           "Coquille, « orbite » ; voir 2.4", "Plus court, plus clair."),
}


def axe(reader, selector: str) -> list[str]:
    """axe-core (WCAG 2.2 AA) on one dialog, as it is now: one line per violation and element."""
    page = reader.page
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=reader.url(AXE_PATH))
    return page.evaluate("""async ([selector, tags]) => {
        const found = await axe.run(document.querySelector(selector), {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return found.violations.flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`));
    }""", [selector, TAGS + ["wcag22aa"]])


def read_csv(data: bytes, lang: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    text = data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert all(cell.startswith('"') and cell.endswith('"') for cell in lines[0].split(SEPARATOR[lang])), "fields are not quoted"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=SEPARATOR[lang]))


def export(page) -> tuple[str, bytes]:
    with page.expect_download() as info:
        label = page.evaluate("JSON.parse(document.getElementById('scoe-strings').textContent).review.export")
        page.get_by_role("button", name=label).click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def test_comment_reload_edit_export(open_reader, lang):
    scheme = "dark" if lang == "fr" else "light"  # the schemes take turns: axe checks the colours of both
    reader = open_reader(accept_downloads=True, color_scheme=scheme)
    page = reader.visit(PREFIX[lang] + CHAPTER)
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    comment, proposed, rationale, editorial, edited = TEXT[lang]

    # keyboard only: from the paragraph's number, Tab reaches the Comment button, Enter opens the form
    page.locator('[id="2.3"] .scoe-para__num').focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('scoe-comment')"):
            break
    button = page.locator('[id="2.3"] button.scoe-comment')
    expect(button).to_be_focused()
    assert NAME[lang] in button.get_attribute("aria-label") and button.evaluate("b => b.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.scoe-review-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#scoe-review-originator")).to_be_focused()  # asked the first time
    assert axe(reader, "dialog.scoe-review-dialog") == []
    page.keyboard.type("FRA – CDE, J5")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # G
    page.keyboard.press("ArrowDown")  # E
    page.keyboard.press("ArrowDown")  # S
    page.keyboard.press("Tab")
    page.keyboard.type(comment)
    page.keyboard.press("Tab")
    page.keyboard.type(proposed)
    page.keyboard.press("Tab")
    page.keyboard.type(rationale)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Save
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()  # back where the reader was

    # a second paragraph: the originator is remembered, the form opens on the type
    page.locator('[id="2.5"] button.scoe-comment').click()
    expect(page.locator("#scoe-review-originator")).to_have_value("FRA – CDE, J5")
    page.locator("#scoe-review-type-E").check()
    page.locator("#scoe-review-comment").fill(editorial)
    page.locator(".scoe-review-form button[type=submit]").click()

    # kept across a reload
    page.reload()
    reader.ready()
    opener = page.locator("button.scoe-review-open")
    expect(opener).to_contain_text("2")
    assert page.locator('[id="2.3"] button.scoe-comment').get_attribute("data-count") == "1"

    # the panel: edit the first comment, keyboard again
    opener.focus()
    page.keyboard.press("Enter")
    panel = page.locator("dialog.scoe-review-panel")
    expect(panel).to_be_visible()
    assert axe(reader, "dialog.scoe-review-panel") == []
    assert panel.locator("li.scoe-review-item").count() == 2
    panel.locator("[data-scoe-edit]").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#scoe-review-comment")).to_have_value(comment)
    page.locator("#scoe-review-comment").fill(edited)
    page.locator(".scoe-review-form button[type=submit]").click()
    expect(panel.locator(".scoe-review-item__text").first).to_have_text(edited)

    name, data = export(page)
    assert name == f"SCOE-3.1-A1-{'comments' if lang == 'en' else 'commentaires'}-FRA-CDE-J5.csv"
    rows = read_csv(data, lang)
    assert rows == [
        HEADER[lang],
        ["1", "FRA – CDE, J5", "SCOE-3.1", "A", "1", lang, "2.3", "S", edited, proposed, rationale],
        ["2", "FRA – CDE, J5", "SCOE-3.1", "A", "1", lang, "2.5", "E", editorial, "", ""],
    ]

    # delete one: the matrix has the other only
    page.once("dialog", lambda d: d.accept())
    panel.locator("[data-scoe-delete]").first.click()
    expect(panel.locator("li.scoe-review-item")).to_have_count(1)
    assert [r[6] for r in read_csv(export(page)[1], lang)[1:]] == ["2.5"]

