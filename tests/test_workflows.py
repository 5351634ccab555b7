"""The GitHub side of the author workflow: workflows, pull-request and issue templates, pre-commit.

What runs on GitHub must be what runs on an author's machine: the workflows call `make` targets that
exist (nothing else but checkout, Python and apt), findings of `make check` land on the pull request's
lines as annotations, and the pre-commit hook refuses a commit that `make check` would refuse.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ENV, ROOT, break_first_paragraph
from scoelib import model
from scoelib.render import Renderer
from scoelib.schema import CORE_AREAS

WORKFLOWS = ROOT / ".github" / "workflows"
ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
PAGE = "docs/publications/scoe-1-space-support/chapter-1.en.md"


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def triggers(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True
    return workflow.get("on", workflow.get(True))


def workflow(name: str) -> dict:
    data = load_yaml(WORKFLOWS / name)
    assert isinstance(data, dict) and data.get("jobs"), f"{name} has no jobs"
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def make_targets(makefile_dir: Path) -> set[str]:
    """Targets with a rule in the Makefile (a recipe or prerequisites), from make's database (`make -p`).

    A name listed only in `.PHONY` has no rule: `make X` then prints "Nothing to be done" and exits 0,
    so a workflow calling it would pass while doing nothing. Such names do not count."""
    res = subprocess.run(["make", "-pRrnq", "--no-print-directory", "-C", str(makefile_dir)],
                         capture_output=True, text=True, env=ENV, timeout=60)
    targets = set()
    for block in re.split(r"\n\s*\n", res.stdout):
        lines = block.strip("\n").splitlines()
        if not lines or lines[0].startswith("# Not a target:"):
            continue
        m = re.match(r"^([A-Za-z0-9_/-][^:=#\s]*)\s*::?(?!=)(.*)$", lines[0])
        if m and (m.group(2).strip() or any(ln.startswith("#  recipe to execute") for ln in lines)):
            targets.add(m.group(1))
    return targets


def make_invocations(script: str) -> list[list[str]]:
    """The target lists of every `make …` command in a shell script (variables and options dropped)."""
    calls = []
    for line in script.splitlines():
        for command in re.split(r"&&|\|\||;", line):
            words = shlex.split(command, comments=True)
            if words and words[0] == "make":
                calls.append([w for w in words[1:] if "=" not in w and not w.startswith("-")])
    return calls


def test_make_target_parser_ignores_names_without_a_rule(tmp_path):
    (tmp_path / "Makefile").write_text(".PHONY: real alias phony-only\nreal:\n\t@echo real\nalias: real\n", encoding="utf-8")
    assert make_targets(tmp_path) == {"real", "alias"}


@pytest.mark.parametrize("name", ["pull-request.yml", "release.yml"])
def test_workflow_runs_only_make_targets_that_exist(name):
    data = workflow(name)
    targets = make_targets(ROOT)
    called = []
    for step in steps(data):
        if "uses" in step:
            assert step["uses"].split("@")[0] in {"actions/checkout", "actions/setup-python"}, step
            continue
        script = step["run"]
        calls = make_invocations(script)
        others = [ln for ln in script.splitlines() if ln.strip() and not re.match(r"\s*(make|sudo apt-get|apt-get)\b", ln)]
        assert not others, f"{name}: a step runs something other than make or apt: {others}"
        called += [t for call in calls for t in call]
    assert called, f"{name} runs no make target"
    missing = sorted(set(called) - targets)
    assert not missing, f"{name} runs `make {' '.join(missing)}`, which the Makefile does not define"


def test_pull_request_workflow_checks_builds_and_tests_every_pull_request():
    data = workflow("pull-request.yml")
    assert "pull_request" in triggers(data)
    called = [t for step in steps(data) if "run" in step for call in make_invocations(step["run"]) for t in call]
    assert called == ["check", "build", "test"]


def test_release_workflow_publishes_the_pushed_version_tag():
    data = workflow("release.yml")
    assert triggers(data)["push"]["tags"], "release.yml must run on version tags"
    assert "branches" not in triggers(data)["push"]
    job = next(iter(data["jobs"].values()))
    assert job["env"]["VERSION"] == "${{ github.ref_name }}"
    releases = [shlex.split(step["run"]) for step in job["steps"] if "run" in step and "make release" in step["run"]]
    assert releases == [["make", "release", "VERSION=$VERSION", "PUSH=1"]]
    assert data["permissions"]["contents"] == "write"  # mike pushes gh-pages



def test_check_prints_github_annotations_under_github_actions(library):
    line, column = break_first_paragraph(library, PAGE, "SCOE-99")
    env = {**ENV, "GITHUB_ACTIONS": "true"}
    res = subprocess.run([sys.executable, "-m", "scoelib", "--root", str(library), "check"], cwd=library,
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 1, res.stdout + res.stderr
    annotations = re.findall(r"^::error file=(docs/[^,]+),line=(\d+),col=(\d+)(?:,title=([A-Z]+\d+))?::(.+)$", res.stdout, re.M)
    assert (PAGE, str(line), str(column), "XR001") in [a[:4] for a in annotations], res.stdout
    # and nothing of the kind outside GitHub Actions
    plain = subprocess.run([sys.executable, "-m", "scoelib", "--root", str(library), "check"], cwd=library,
                           capture_output=True, text=True, env=ENV, timeout=120)
    assert f"{PAGE}:{line}:{column}: XR001" in plain.stdout and "::error" not in plain.stdout


# --- pre-commit --------------------------------------------------------------------------------------

def precommit_hook() -> dict:
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    hooks = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    assert len(hooks) == 1
    return hooks[0]


def test_precommit_hook_selects_pages_and_data_files():
    hook = precommit_hook()
    assert hook["language"] == "system"
    selected = re.compile(hook["files"])
    for rel in [PAGE, "docs/index.fr.md", "data/glossary.yml", "data/standards.yml"]:
        assert selected.search(rel), rel
    for rel in ["docs/assets/scoe.css", "scoelib/rules.py", "mkdocs.yml", "tests/sites/minimal/data/glossary.yml"]:
        assert not selected.search(rel), rel


def test_precommit_hook_refuses_a_broken_page_and_accepts_a_clean_one(library):
    hook = precommit_hook()
    command = shlex.split(hook["entry"])
    assert command[0] == ".venv/bin/python", "the hook must use the library's own .venv"
    line, column = break_first_paragraph(library, PAGE, "SCOE-99")
    # pre-commit runs the entry from the repository root with the staged file names appended
    broken = subprocess.run(command + [PAGE], cwd=library, capture_output=True, text=True, env=ENV, timeout=120)
    assert broken.returncode != 0
    assert f"{PAGE}:{line}:{column}: XR001" in broken.stdout
    clean = subprocess.run(command + ["docs/about/index.en.md", "data/glossary.yml"], cwd=library,
                           capture_output=True, text=True, env=ENV, timeout=120)
    assert clean.returncode == 0, clean.stdout + clean.stderr


# --- templates ---------------------------------------------------------------------------------------

ELEMENT_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def issue_form(name: str) -> dict:
    form = load_yaml(ISSUE_FORMS / name)
    assert form["name"] and form["description"], name
    ids = [el["id"] for el in form["body"] if "id" in el]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    for el in form["body"]:
        assert el["type"] in ELEMENT_TYPES, el
        if el["type"] == "markdown":
            assert el["attributes"]["value"].strip()
        else:
            assert el["attributes"]["label"].strip() and re.match(r"^[a-z0-9_-]+$", el["id"]), el
    return form


def field(form: dict, id_: str) -> dict:
    return next(el for el in form["body"] if el.get("id") == id_)


def test_proposal_form_offers_the_library_areas_and_custodians():
    form = issue_form("propose-publication.yml")
    lib, _ = model.load(ROOT)
    assert field(form, "core-area")["attributes"]["options"] == list(CORE_AREAS)
    assert set(field(form, "custodian")["attributes"]["options"]) == set(lib.custodians)


def test_error_report_form_asks_for_the_paragraph_as_the_site_cites_it():
    form = issue_form("report-error.yml")
    paragraph = field(form, "paragraph")
    assert paragraph["validations"]["required"] is True
    lib, _ = model.load(ROOT)
    cited = Renderer(lib).citation(lib.publications["SCOE-2.1"], "2.37", "en")
    assert paragraph["attributes"]["placeholder"] == cited


def test_pull_request_template_has_the_authors_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(items) >= 5
    for must in ["make check", "make serve", "make translated", "make codeowners", "protective marking"]:
        assert any(must in item for item in items), must


def test_contributing_points_to_the_author_guide_and_the_readme():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    assert "docs/guide/index.en.md" in links and "README.md" in links
    for link in links:
        if not re.match(r"^[a-z]+://", link):
            assert (ROOT / link).exists(), f"CONTRIBUTING.md links to missing {link}"
