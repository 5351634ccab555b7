"""Generated content registered by name: `GENERATORS` maps each directive of scoelib.directives
(`<!-- scoe:name arg=value -->`) to what it becomes: (site, page context, arguments) → Markdown. An
import-time check keeps the two lists equal. The pages themselves are in `pages/`, one module each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .. import directives
from .fragments import PageContext
from .pages.catalogue import catalogue
from .pages.codes import codes
from .pages.downloads import downloads
from .pages.glossary import glossary
from .pages.standards import standards
from .pages.translation_status import translation_status
from .site import Site

Generator = Callable[[Site, PageContext, Mapping[str, str]], str]

GENERATORS: dict[str, Generator] = {
    "catalogue": lambda site, ctx, args: catalogue(site, ctx, args.get("area")),
    "glossary": lambda site, ctx, args: glossary(site, ctx),
    "standards": lambda site, ctx, args: standards(site, ctx),
    "translation-status": lambda site, ctx, args: translation_status(site, ctx),
    "downloads": lambda site, ctx, args: downloads(site, ctx),
    "codes": lambda site, ctx, args: codes(site, ctx),
}
if set(GENERATORS) != set(directives.DIRECTIVES):
    raise ImportError(f"scoelib.render: GENERATORS and scoelib.directives differ: {sorted(set(GENERATORS) ^ set(directives.DIRECTIVES))}")
