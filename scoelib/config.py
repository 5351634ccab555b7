"""The site's languages, read once from `mkdocs.yml` (the i18n plugin's `languages`), without MkDocs.

    plugins:
      - i18n:
          languages:
            - locale: en
              default: true
            - locale: fr

The default language is the reference: every other language's pages translate it (parity and staleness
are checked against it), its site is at the root, the others under `/<locale>/`. A site without the i18n
plugin has one language, `theme.language` (MkDocs' own default: English).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

CONFIG_FILE = "mkdocs.yml"
LOCALE_RE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")
MKDOCS_DEFAULT_LANGUAGE = "en"  # MkDocs' theme.language when mkdocs.yml names none


@dataclass(frozen=True)
class Languages:
    """The configured languages, the default (reference) one first."""

    default: str
    all: tuple[str, ...]
    names: dict[str, str] = field(default_factory=dict, compare=False)  # locale -> its name in itself

    @property
    def others(self) -> tuple[str, ...]:
        """The languages that translate the default one."""
        return tuple(lang for lang in self.all if lang != self.default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.all)

    def __contains__(self, lang: object) -> bool:
        return lang in self.all


def single(lang: str = MKDOCS_DEFAULT_LANGUAGE) -> Languages:
    """A site in one language (MkDocs' default: English)."""
    return Languages(lang, (lang,))


class ConfigError(ValueError):
    pass


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's tags read as plain values: `!ENV [NAME, default]` is its default (the engine checks the
    sources, whatever the environment), `!!python/name:…` its name."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        return items[-1] if len(items) > 1 else None
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@functools.lru_cache(maxsize=8)  # `make serve` loads the library at each save: mkdocs.yml rarely changes
def parse(text: str) -> Languages:
    try:
        data = yaml.load(text, Loader=_Loader) or {}  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{CONFIG_FILE} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{CONFIG_FILE} must be a mapping of settings")
    i18n = _i18n(data.get("plugins"))
    theme = data.get("theme")
    theme = theme if isinstance(theme, dict) else {}
    if i18n is None or not i18n.get("languages"):
        return single(str(theme.get("language") or MKDOCS_DEFAULT_LANGUAGE))
    entries = [e for e in i18n["languages"] if isinstance(e, dict) and e.get("locale")]
    locales = [str(e["locale"]) for e in entries]
    bad = [loc for loc in locales if not LOCALE_RE.match(loc)]
    if bad:
        raise ConfigError(f"{CONFIG_FILE}: `{bad[0]}` is not a language code like `en` or `fr`")
    defaults = [str(e["locale"]) for e in entries if e.get("default")]
    default = defaults[0] if defaults else locales[0]
    names = {str(e["locale"]): str(e.get("name") or e["locale"]) for e in entries}
    return Languages(default, (default, *[loc for loc in locales if loc != default]), names)


def _i18n(plugins: Any) -> Optional[dict[str, Any]]:
    items = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(p.items())) if isinstance(p, dict) else (p, {})) for p in (plugins or []))
    for name, options in items:
        if name == "i18n":
            return options if isinstance(options, dict) else {}
    return None


def load(root: Path) -> Languages:
    """The languages of the site at `root` (its mkdocs.yml)."""
    path = Path(root) / CONFIG_FILE
    if not path.exists():
        return single()
    return parse(path.read_text(encoding="utf-8"))
