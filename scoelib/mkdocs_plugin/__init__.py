"""The MkDocs side of the library: the `scoe` plugin (registered by pyproject.toml's `mkdocs.plugins` entry
point, so mkdocs.yml says `plugins: - scoe`). The only part of `scoelib` that imports MkDocs; the engine
(`scoelib.model`, `scoelib.rules`, `scoelib.render`, …) never imports this package."""

from .plugin import ScoeConfig, ScoePlugin

__all__ = ["ScoeConfig", "ScoePlugin"]
