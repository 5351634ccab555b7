"""`make check`'s cache (scoelib/checkcache.py): a check that takes unchanged pages from the last check
reports exactly what a check reading every file reports, whatever changed in between; a change the cache
could miss (same size, modification time put back) is read again; a damaged or foreign cache is ignored;
nothing is written inside the library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_hostile import CASES

from conftest import CH1_EN, IDX_EN, edit
from scoelib import checkcache, model
from scoelib.__main__ import main


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("SCOE_CACHE_DIR", str(folder))
    # files written by a test are seconds old at most: without this, the racy-file rule (model.RACY_NS)
    # would read every one of them again and the cache would never be used
    monkeypatch.setattr(model, "RACY_NS", 0)
    return folder


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The page files each check parsed (the others came from the cache)."""
    seen: list[str] = []
    original = model._load_page

    def spy(root, path, languages, diags):
        seen.append(path.relative_to(root).as_posix())
        return original(root, path, languages, diags)

    monkeypatch.setattr(model, "_load_page", spy)
    return seen


def check(root: Path, capsys, *, cache: bool = True) -> tuple[int, str]:
    status = main(["--root", str(root), "check", *(["--cache"] if cache else [])])
    return status, capsys.readouterr().out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_cached_check_reports_what_a_full_check_reports(mini, capsys, parsed, case):
    check(mini, capsys)  # the cache of the library before the change
    case.apply(mini)
    full = check(mini, capsys, cache=False)
    assert check(mini, capsys) == full  # the changed files read again, the others from the cache
    parsed.clear()
    assert check(mini, capsys) == full  # everything from the cache
    assert parsed == []


def test_the_second_check_reads_no_page_and_the_first_after_a_save_reads_only_that_page(mini, capsys, parsed):
    first = check(mini, capsys)
    pages = len(parsed)
    assert pages >= 6
    parsed.clear()
    assert check(mini, capsys) == first and parsed == []
    edit(mini, CH1_EN, "1.1 ", "1.1 See [[SCOE-9 1.99]]. ")
    status, out = check(mini, capsys)
    assert parsed == [CH1_EN]
    assert status == 1 and f"{CH1_EN}:" in out and "XR" in out
    assert (status, out) == check(mini, capsys, cache=False)


def test_a_change_that_keeps_the_size_and_the_modification_time_is_read_again(mini, capsys, parsed):
    """Tools can put a file's modification time back (`touch -r`, some editors and archivers); the stamp
    also holds the inode change time, which no tool sets."""
    path = mini / CH1_EN
    before = path.stat()
    check(mini, capsys)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("The second paragraph", "NATO SECRET here too", 1), encoding="utf-8")  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    status, out = check(mini, capsys)
    assert status == 1 and f"{CH1_EN}:" in out and "SF001" in out


def test_a_damaged_or_foreign_cache_is_ignored(mini, capsys, cache_dir, monkeypatch):
    edit(mini, IDX_EN, "# ", "# Voir [[nowhere]] ")
    full = check(mini, capsys, cache=False)
    check(mini, capsys)
    (cache_file,) = cache_dir.glob("*.sqlite")
    cache_file.write_bytes(cache_file.read_bytes()[:100])  # cut short
    assert check(mini, capsys) == full
    assert checkcache.load(mini) is not None  # written again, whole
    monkeypatch.setattr(checkcache, "_engine", lambda: "another version of the engine")
    assert checkcache.load(mini) is None
    assert check(mini, capsys) == full


def test_the_cache_is_kept_outside_the_library(mini, capsys, cache_dir):
    before = sorted(p.relative_to(mini).as_posix() for p in mini.rglob("*"))
    check(mini, capsys)
    assert sorted(p.relative_to(mini).as_posix() for p in mini.rglob("*")) == before
    assert len(list(cache_dir.glob("*.sqlite"))) == 1
