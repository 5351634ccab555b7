"""Every contact of the library with an upstream's internals, in one place per upstream:

- `material.py`          mkdocs-material: the partials copied from it;
- `material_search.py`   Material's search plugin, kept for its search box only (search is Pagefind's);
- `static_i18n.py`       mkdocs-static-i18n: its build state, its per-language options, its language links, its sitemap;
- `mike.py`              mike: the `site_url` it sets;
- `mkdocs_build.py`      MkDocs' build: the theme's files listed once in the preview's partial rebuilds.

Each module states the upstream version it was written for and registers, for each adaptation, a probe that
checks that what it relies on is still there. `check()` runs them all when the plugin starts: in a strict
build (`make build`, `make release`) a probe that fails stops the build with a message naming the
adaptation, the version it was written for and the installed one; otherwise it is a warning. An upstream
upgrade that keeps the internals passes; one that moves them fails loudly instead of silently.

To adapt to one more upstream internal: put the code in the module of its upstream, and register its probe:

    @adaptation(MATERIAL, "what it changes, in one line")
    def probe_something() -> str | None:
        return None if <the target exists> else "what is missing"

and add a test that shows it is applied (tests/test_compat.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import metadata
from typing import Callable, Optional

log = logging.getLogger("mkdocs.plugins.scoe")

Probe = Callable[[], Optional[str]]


@dataclass(frozen=True)
class Upstream:
    distribution: str  # the name pip knows
    written_for: str  # the version the adaptations were written and tested against

    @property
    def installed(self) -> str:
        try:
            return metadata.version(self.distribution)
        except metadata.PackageNotFoundError:
            return "not installed"


@dataclass(frozen=True)
class Adaptation:
    name: str  # "module.probe"
    upstream: Upstream
    what: str
    probe: Probe


ADAPTATIONS: list[Adaptation] = []


def adaptation(upstream: Upstream, what: str) -> Callable[[Probe], Probe]:
    """Register the decorated probe: it returns None when the adaptation applies, else what is missing."""

    def register(probe: Probe) -> Probe:
        ADAPTATIONS.append(Adaptation(f"{probe.__module__.rsplit('.', 1)[-1]}.{probe.__name__.removeprefix('probe_')}",
                                      upstream, what, probe))
        return probe

    return register


def problems() -> list[str]:
    """One line per adaptation that does not apply to the installed upstreams."""
    out = []
    for a in ADAPTATIONS:
        try:
            problem = a.probe()
        except Exception as exc:  # noqa: BLE001 (a probe that breaks is a probe that fails)
            problem = f"{type(exc).__name__}: {exc}"
        if problem:
            out.append(f"upstream adaptation `{a.name}` ({a.what}) was written for {a.upstream.distribution} "
                       f"{a.upstream.written_for}, installed {a.upstream.installed}, and no longer applies: {problem}")
    return out


def check(strict: bool) -> None:
    """Run every probe; in a strict build a failed one stops the build (PluginError), otherwise it is a warning."""
    found = problems()
    if not found:
        return
    if strict:
        from mkdocs.exceptions import PluginError

        raise PluginError("scoe: " + "\n".join(found) + "\nUpdate scoelib/mkdocs_plugin/compat/ for the installed version, "
                          "or install the version in requirements.txt (make deps).")
    for line in found:
        log.warning(line)


def _register_all() -> None:
    from . import material, material_search, mike, mkdocs_build, static_i18n  # noqa: F401 (importing registers their probes)


_register_all()
