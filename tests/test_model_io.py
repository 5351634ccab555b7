"""The model is the only reader of disk and git: `model.load` reads everything once; the rules and the
renderer are functions of the model (translation dates, the safety allow-list, the catalogue included)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import CH1_EN
from scoelib import model, rules, translation
from scoelib.render import Renderer


def test_checking_and_rendering_read_neither_disk_nor_git(mini, monkeypatch):
    path = mini / CH1_EN
    path.write_text(path.read_text(encoding="utf-8").replace("The second paragraph.", "The second paragraph, revised."), encoding="utf-8")
    (mini / "safety-allowlist.yml").write_text("[]\n", encoding="utf-8")
    lib, _ = model.load(mini)
    assert lib.allowlist == "[]\n" and set(lib.changed) == {CH1_EN}  # read once, by the loader

    def refuse(*args, **kwargs):
        raise AssertionError("the disk or git was read after model.load")

    for name in ("read_text", "read_bytes", "open", "stat"):
        monkeypatch.setattr(Path, name, refuse)
    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    found = rules.check(lib)
    assert [d.code for d in found if d.code == "TR002"] == ["TR002"]
    renderer = Renderer(lib)
    for page in lib.pages.values():
        for lang in lib.languages:
            renderer.page_markdown(page, lang)
    # one computation of the statuses, shared by the rules and the renderer
    assert translation.status(lib) is lib.statuses
    stale = next(st for st in lib.statuses if st.state == translation.STALE)
    assert stale.source_changed == lib.changed[CH1_EN] and stale.stale_paragraphs == ["1.2"]


def test_no_translation_dates_read_when_no_translation_is_behind(mini, monkeypatch):
    calls = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    lib, _ = model.load(mini)
    assert lib.changed == {} and [c for c in calls if c[:2] in (["git", "log"], ["git", "status"])] == []
