"""MkDocs' build, written for 1.6.1: the theme's files in the preview's partial rebuilds.

- `mkdocs.structure.files.Files.add_files_from_theme(env, config)` walks every file of the theme's folders
  (Material's: about 14,000, its icons included) through `env.list_templates(filter_func=…)` at each build and in each language's pass,
  to copy them; `Theme.get_env()` makes that environment. A partial preview rebuild (`make serve`, nothing but
  pages changed: scoelib.incremental) takes the listing made by the previous rebuild with the same theme folders
  and the same static templates. Any change under the theme folders (overrides/) makes the next build a full
  one, which lists them again.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Optional

from . import Upstream, adaptation

MKDOCS = Upstream("mkdocs", "1.6.1")


def reuse_theme_listing(config: Any, listings: dict[tuple[Any, ...], list[str]]) -> None:
    """This build's theme environment answers MkDocs' listing of the theme's files from `listings` (filled on
    first use): for a partial preview rebuild only."""
    theme = config.theme
    make_env: Callable[[], Any] = theme.get_env
    key = (tuple(theme.dirs), tuple(sorted(theme.static_templates)))

    def get_env() -> Any:
        env = make_env()
        listing = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
            if extensions is not None or getattr(filter_func, "__qualname__", "") != _FILTER:
                return list(listing(extensions, filter_func))
            if key not in listings:
                listings[key] = list(listing(filter_func=filter_func))
            return list(listings[key])

        env.list_templates = list_templates
        return env

    theme.get_env = get_env


_FILTER = "Files.add_files_from_theme.<locals>.filter"


@adaptation(MKDOCS, "the preview's partial rebuilds list the theme's files once (Files.add_files_from_theme)")
def probe_theme_listing() -> Optional[str]:
    from mkdocs.structure.files import Files
    from mkdocs.theme import Theme

    source = inspect.getsource(Files.add_files_from_theme)
    if "env.list_templates(filter_func=filter)" not in source or "def filter(name)" not in source:
        return "Files.add_files_from_theme no longer lists the theme through `env.list_templates(filter_func=filter)`"
    if "config.theme.static_templates" not in source:
        return "the theme listing no longer depends on the static templates only"
    if not callable(getattr(Theme, "get_env", None)):
        return "Theme has no `get_env`"
    return None
