"""mike, written for 2.2.0: in a deployment (`mike deploy`, environment variable MIKE_DOCS_VERSION) mike's
plugin joins the version to `site_url` without a trailing slash, at every `on_config` (once per language with
static-i18n): sitemaps and canonical links then read "…/2026.1fr/". The plugin pins it, with the slash."""

from __future__ import annotations

import inspect
import os
from typing import Any, Optional

from . import Upstream, adaptation

MIKE = Upstream("mike", "2.2.0")
VERSION_VARIABLE = "MIKE_DOCS_VERSION"


def deployed_version() -> Optional[str]:
    return os.environ.get(VERSION_VARIABLE) or None


def pin_site_url(config: Any, version: str, pinned: Optional[str]) -> str:
    """Set `config.site_url` to `<site_url without mike's version>/<version>/`; return the base to pin."""
    if pinned is None:
        pinned = config.site_url[: -len(version)] if config.site_url.endswith(version) else config.site_url
    config.site_url = pinned.rstrip("/") + "/" + version + "/"
    return pinned


@adaptation(MIKE, "site_url under mike ends with `/<version>/`")
def probe_site_url() -> Optional[str]:
    from mike import mkdocs_plugin

    if getattr(mkdocs_plugin, "docs_version_var", None) != VERSION_VARIABLE:
        return f"mike no longer passes the version in {VERSION_VARIABLE}"
    if "urljoin(config['site_url'], version)" not in inspect.getsource(mkdocs_plugin.MikePlugin.on_config):
        return "mike's on_config no longer joins the version to site_url"
    return None
