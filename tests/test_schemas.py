"""The JSON Schemas in schemas/ that editors use while authors type, and their wiring.

If the committed schemas lag behind scoelib/schema.py, editors underline valid metadata or let wrong
metadata through; the test says which file to regenerate (`make schemas`).
"""

from __future__ import annotations

import json
import re

from conftest import ROOT
from scoelib.schema import json_schemas

SCHEMAS = ROOT / "schemas"
WIRED = {"data/glossary.yml": "schemas/glossary.schema.json", "data/standards.yml": "schemas/standards.schema.json"}


def test_committed_schemas_are_what_scoelib_exports():
    exported = json_schemas()
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(exported), "run `make schemas` and commit schemas/"
    for name, schema in exported.items():
        committed = (SCHEMAS / name).read_text(encoding="utf-8")
        assert json.loads(committed) == schema, f"schemas/{name} is out of date: run `make schemas` and commit it"
        assert committed == json.dumps(schema, indent=2, ensure_ascii=False) + "\n", f"schemas/{name}: run `make schemas`"


def test_vscode_maps_the_data_files_to_their_schemas():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = {}
    for schema, globs in settings["yaml.schemas"].items():
        for glob in [globs] if isinstance(globs, str) else globs:
            mapping[glob] = schema.removeprefix("./")
    assert mapping == WIRED
    assert all((ROOT / schema).exists() for schema in mapping.values())


def test_data_files_name_their_schema_for_any_yaml_language_server():
    for data, schema in WIRED.items():
        first = (ROOT / data).read_text(encoding="utf-8").split("\n", 1)[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, f"{data} must start with `# yaml-language-server: $schema=…`"
        assert ((ROOT / data).parent / m.group(1)).resolve() == (ROOT / schema).resolve(), data
