"""mkdocs-material, written for 9.8.2: the partials the theme override copies. (Its search: `material_search.py`.)"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Optional

from . import Upstream, adaptation

MATERIAL = Upstream("mkdocs-material", "9.8.2")

OVERRIDES = Path(__file__).resolve().parents[3] / "overrides"

# Partials of overrides/ copied from Material (no template block reaches what they change), with the SHA-256 of
# Material's original: when Material's file changes, the copy must be made again from the new one.
COPIED_PARTIALS = {
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/alternate.html": "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
    "partials/javascripts/outdated.html": "13165dec361fce13130f73f747aab982f7e1979608c061e5953b10286abc7447",
    "partials/header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
}
_COPIED_FROM_RE = re.compile(r"mkdocs-material (\d+\.\d+\.\d+)|Material (\d+\.\d+\.\d+)")


def templates() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates"


@adaptation(MATERIAL, "overrides/partials/*.html are copies of Material's partials with one change each")
def probe_copied_partials() -> Optional[str]:
    for rel, digest in COPIED_PARTIALS.items():
        original = templates() / rel
        if not original.is_file():
            return f"Material has no {rel} any more"
        if hashlib.sha256(original.read_bytes()).hexdigest() != digest:
            return f"Material's {rel} changed: copy it again into overrides/{rel} with the library's change, and record its new hash"
        copy = OVERRIDES / rel
        if copy.is_file():
            stated = _COPIED_FROM_RE.search(copy.read_text(encoding="utf-8"))
            if stated is None or MATERIAL.written_for not in stated.groups():
                return f"overrides/{rel} does not say it was copied from Material {MATERIAL.written_for}"
    return None
