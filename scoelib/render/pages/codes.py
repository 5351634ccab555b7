"""The table of every diagnostic code (`<!-- scoe:codes -->`; the guide carries it in its source: `make codes`)."""

from __future__ import annotations

from ..fragments import PageContext
from ..site import Site


def codes(site: Site, ctx: PageContext) -> str:
    from ...codestable import table

    return table(ctx.lang, site.strings)
