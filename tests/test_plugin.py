"""The MkDocs side is a registered plugin of an installed package: mkdocs.yml names it `scoe`, MkDocs finds it
by its entry point, its options are typed, its state lives on each instance, and no file edits `sys.path`."""

from __future__ import annotations

import re
from importlib import metadata

import pytest
from mkdocs.config import load_config
from mkdocs.config.base import ValidationError

from conftest import ROOT
from scoelib.mkdocs_plugin import ScoeConfig, ScoePlugin


def test_mkdocs_finds_the_plugin_by_its_entry_point():
    (entry,) = [e for e in metadata.entry_points(group="mkdocs.plugins") if e.name == "scoe"]
    assert entry.load() is ScoePlugin
    import scoelib.mkdocs_plugin

    assert scoelib.mkdocs_plugin.__file__.startswith(str(ROOT / "scoelib")), "the code of this checkout runs"


def test_mkdocs_yml_lists_the_plugin_last_and_no_hook():
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert list(config.plugins)[-1] == "scoe", "at equal priority its events must run after search's and i18n's"
    assert isinstance(config.plugins["scoe"], ScoePlugin)
    assert not config.hooks
    assert config.plugins["scoe"].config.navigation is True and config.plugins["scoe"].config.root is None


def test_options_are_typed():
    plugin = ScoePlugin()
    errors, _ = plugin.load_config({"navigation": "yes"})
    assert errors and errors[0][0] == "navigation"
    errors, _ = plugin.load_config({"root": str(ROOT / "no-such-folder")})
    assert errors and errors[0][0] == "root" and isinstance(errors[0][1], ValidationError)
    assert issubclass(plugin.config_class, ScoeConfig)


def test_state_belongs_to_each_instance():
    first, second = ScoePlugin(), ScoePlugin()
    first.state.not_found["en"] = "<html>"
    first.state.render_diags.append(object())  # type: ignore[arg-type]  # any object: only where it lands matters
    assert second.state.not_found == {} and second.state.render_diags == []


@pytest.mark.parametrize("folder", ["scoelib", "tools", "bench", "tests"])
def test_no_file_edits_sys_path(folder):
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*.py")
                 if re.search(r"sys\.path\.(insert|append)|sys\.path\s*[+]?=", p.read_text(encoding="utf-8"))]
    assert offenders == []
    assert not (ROOT / "hooks").exists()
