"""Publish a version of the library with mike, or list what is published.

    python tools/release.py release 2026.1 [--alias latest] [--push] [--force] [--allow-stale] [--allow-avoided] [--hidden]
    python tools/release.py versions

`make release VERSION=…` and `make versions` wrap these. A release runs, in this order, and stops at
the first refusal (one line on stderr, exit 1, `gh-pages` untouched):

1. the version string is `YYYY.N` or semver (a pre-release such as `2026.2-rc.1` or `2.0.0-rc.1` is
   published hidden from the version selector, with no alias, and the default version stays);
2. one release at a time: a lock in the repository's git folder (a second release waits for the first);
3. `docs/`, `data/`, `mkdocs.yml`, `pyproject.toml`, `overrides/`, `scoelib/` have no uncommitted change;
4. the commit itself (HEAD) is checked out into a temporary folder (a detached `git worktree`): every
   later step reads only that, never the working tree (ignored or untracked files do not count);
5. every French page is up to date with its English page (unless --allow-stale);
6. the version is not published yet (unless --force);
7. `python -m scoelib check` passes, with no variant the glossary says to avoid (GL007, unless
   --allow-avoided), then a strict build into a temporary folder;
8. `mike deploy --update-aliases VERSION ALIAS`, `mike set-default ALIAS`;
9. the branch is verified: the version is listed in versions.json and holds every file of the strict build;
10. `git push` with --push.
11. the published commit is tagged `release/VERSION` (annotated; pushed too with --push): later builds read
   the library as it was there to show what changed (scoelib/history.py).

A publication whose text changed since the previous published version must have a new edition or version
with an entry in its `changes` front matter, or the release refuses (CH002, checked with step 5).

Any failure from step 8 on puts `gh-pages` back where it was, and only if nobody else moved it meanwhile
(a compare-and-swap on the branch: a release that finished in between is never removed).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"

# What the published site is made from: a release refuses while any of it has uncommitted changes.
SOURCES = ["docs", "data", "mkdocs.yml", "pyproject.toml", "overrides", "scoelib"]

_PRE = r"(?:-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)"
CALVER = re.compile(rf"^(?P<year>[0-9]{{4}})\.(?:0|[1-9][0-9]*)(?P<pre>{_PRE})?$")
# semver.org's regular expression (2.0.0)
SEMVER = re.compile(rf"^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?P<pre>{_PRE})?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$")
ALIAS = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


class Refused(Exception):
    """An expected refusal: printed as one line, exit status 1."""


def environment(root: Path) -> dict[str, str]:
    """mike runs `mkdocs` as a subprocess: the venv's bin/ first on PATH, whatever the caller's PATH."""
    env = dict(os.environ)
    bins = [root / ".venv" / "bin", Path(sys.executable).parent]
    path = [str(b) for b in bins if (b / "mkdocs").exists()]
    env["PATH"] = os.pathsep.join(dict.fromkeys(path + env.get("PATH", "").split(os.pathsep)))
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("MIKE_DOCS_VERSION", None)  # the checks and the strict build are plain builds
    # the engine and the `scoe` plugin of the tree being released, whichever checkout .venv was installed from
    env["PYTHONPATH"] = os.pathsep.join([str(root), *filter(None, [env.get("PYTHONPATH")])])
    return env


def kit_environment(root: Path, env: dict[str, str]) -> dict[str, str]:
    """The release kit (PDFs, open data, offline bundle, SHA256SUMS; scoelib.kit) is made by the same build
    that mike publishes, so the version carries it; copies go to dist/ for the release manager."""
    return {**env, "SCOE_KIT": "bundle", "SCOE_KIT_DIST": str(root / "dist")}


def run(args: list[str], root: Path, env: dict[str, str], *, capture: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=root, env=env, text=True, capture_output=capture)


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, text=True, capture_output=True)


def check_version(version: str) -> bool:
    """True for a pre-release. Refuses anything that is neither `YYYY.N` nor semver."""
    if not version:
        raise Refused("no version given: make release VERSION=2026.1 (YYYY.N, or semver such as 2.1.0)")
    m = CALVER.fullmatch(version) or SEMVER.fullmatch(version)  # fullmatch: `$` would accept a trailing newline
    if not m:
        raise Refused(f"version {version!r} is neither YYYY.N (e.g. 2026.1) nor semver (e.g. 2.1.0); nothing was published")
    return bool(m.group("pre"))


def check_alias(alias: str) -> None:
    if not ALIAS.fullmatch(alias) or CALVER.fullmatch(alias) or SEMVER.fullmatch(alias):
        raise Refused(f"alias {alias!r} must be a short lower-case name such as 'latest', not a version; nothing was published")


def repo_root(root: Path) -> Path:
    res = git(root, "rev-parse", "--show-toplevel")
    if res.returncode != 0:
        raise Refused(f"{root} is not a git repository: a release is made from committed sources")
    return Path(res.stdout.strip())


def git_dir(root: Path) -> Path:
    """The repository's common git folder (shared by every worktree of it)."""
    res = git(root, "rev-parse", "--git-common-dir")
    return (root / res.stdout.strip()).resolve()


@contextlib.contextmanager
def release_lock(root: Path):
    """One release at a time in a repository: an exclusive lock on `.git/scoe-release.lock`, released by the
    system when the process ends (even killed). A second release says who holds it and waits."""
    path = git_dir(root) / "scoe-release.lock"
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another release"
            print(f"release: waiting for {holder} to finish (one release at a time)…", file=sys.stderr)
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write(f"the release started by process {os.getpid()}\n")
        fh.flush()
        try:
            yield
        finally:
            fh.truncate(0)
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextlib.contextmanager
def commit_checkout(root: Path):
    """HEAD checked out into a temporary folder (a detached worktree sharing the repository's branches, so
    that mike commits to the same gh-pages): what is released is the commit, never the working tree."""
    git(root, "worktree", "prune")  # forget the folders of releases that were killed
    with tempfile.TemporaryDirectory(prefix="scoe-release-src-") as tmp:
        src = Path(tmp) / "src"
        res = git(root, "worktree", "add", "--quiet", "--detach", str(src), "HEAD")
        if res.returncode != 0:
            raise Refused(f"could not check out the commit to release ({res.stderr.strip() or res.returncode}); "
                          "nothing was published")
        try:
            yield src
        finally:
            git(root, "worktree", "remove", "--force", str(src))


def check_clean(root: Path) -> None:
    present = [p for p in SOURCES if (root / p).exists()]
    res = git(root, "status", "--porcelain", "--untracked-files=all", "--", *present)
    if res.returncode != 0:
        raise Refused(f"git status failed: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else res.returncode}")
    changed = [line[3:] for line in res.stdout.splitlines() if line.strip()]
    if changed:
        more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        raise Refused(f"uncommitted changes in {', '.join(changed[:3])}{more}: commit them (or set them aside) first, "
                      "so that the release is exactly a commit; nothing was published")


def branch_commit(root: Path, branch: str) -> str | None:
    res = git(root, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    return res.stdout.strip() if res.returncode == 0 else None


def site_ref(root: Path, branch: str, remote: str) -> str | None:
    """The published branch: the local one, else the remote-tracking one (mike starts from it too)."""
    for ref in (f"refs/heads/{branch}", f"refs/remotes/{remote}/{branch}"):
        if git(root, "rev-parse", "--verify", "--quiet", ref).returncode == 0:
            return ref
    return None


def published(root: Path, ref: str | None) -> list[dict]:
    if ref is None:
        return []
    res = git(root, "show", f"{ref}:versions.json")
    return json.loads(res.stdout) if res.returncode == 0 and res.stdout.strip() else []


def default_target(root: Path, ref: str) -> str | None:
    """Where the root of the published site redirects (the `href` mike's set-default wrote)."""
    res = git(root, "show", f"{ref}:index.html")
    if res.returncode != 0:
        return None
    m = re.search(r'url=([^"\s>]+)|replace\(\s*"([^"]+)"', res.stdout)
    return (m.group(1) or m.group(2)).strip("/") if m else None


def check_not_published(version: str, alias: str, versions: list[dict], force: bool) -> None:
    names = {v["version"] for v in versions}
    if version in names and not force:
        raise Refused(f"version {version} is already published: re-deploying it replaces what readers see; "
                      "run again with FORCE=1 if that is what you want; nothing was published")
    if alias in names:
        raise Refused(f"alias {alias!r} is the name of a published version; choose another alias; nothing was published")
    if version in {a for v in versions for a in v.get("aliases", [])}:
        raise Refused(f"{version!r} is already an alias; choose another version; nothing was published")


def check_translations(root: Path, allow_stale: bool) -> None:
    from scoelib import model, translation

    lib, _ = model.load(root)
    behind = [st for st in translation.status(lib) if st.state != translation.UP_TO_DATE]
    if not behind:
        return
    codes = {translation.STALE: "TR002 stale", translation.PENDING: "TR003 pending",
             translation.UNTRACKED: "TR004 untracked", translation.MISSING: "TR001 missing"}
    counts: dict[str, int] = {}
    for st in behind:
        counts[codes.get(st.state, st.state)] = counts.get(codes.get(st.state, st.state), 0) + 1
    pages = ", ".join((st.target or st.source).rel for st in behind[:3]) + (f" and {len(behind) - 3} more" if len(behind) > 3 else "")
    summary = ", ".join(f"{n} {c}" for c, n in counts.items())
    names = " and ".join(lib.catalogue.language_name(lang) for lang in lib.languages.others)
    if allow_stale:
        print(f"note: releasing with {names} pages not up to date ({summary}: {pages}), as ALLOW_STALE=1 asks", file=sys.stderr)
        return
    raise Refused(f"{names} translations not up to date ({summary}: {pages}); update them (make check lists them) "
                  "or run again with ALLOW_STALE=1; nothing was published")


def check_record_of_changes(root: Path, version: str) -> None:
    """A publication whose text changed since the previous published version needs a new edition or version,
    recorded in its `changes` front matter (CH002, scoelib/changes.py)."""
    from scoelib import changes, diagnostics

    found = changes.release_findings(root, version)
    if found:
        print(diagnostics.report(found), file=sys.stderr)
    missing = [d.message.split(":", 1)[0] for d in found if d.code == "CH002"]
    if missing:
        raise Refused(f"the record of changes of {', '.join(missing)} has no entry for this version (CH002, above); "
                      "nothing was published")


def check_and_build(root: Path, env: dict[str, str], allow_avoided: bool = False) -> set[str]:
    """make check, then a strict build; returns the built site's files (relative paths), which the
    published version must hold."""
    print("release: checking the sources (make check)…", file=sys.stderr)
    res = run([sys.executable, "-m", "scoelib", "check", "--quiet"] + ([] if allow_avoided else ["--refuse", "GL007"]), root, env)
    if res.returncode != 0:
        sys.stderr.write(res.stdout + res.stderr)
        terms = " (variants to avoid, GL007: use the preferred terms, or run again with ALLOW_TERMS=1)" if " GL007 " in res.stdout else ""
        raise Refused(f"make check found errors{terms} (listed above); nothing was published")
    print("release: strict build…", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="scoe-release-") as tmp:
        res = run(["mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.yml"), "--site-dir", tmp], root, env)
        files = {p.relative_to(tmp).as_posix() for p in Path(tmp).rglob("*") if p.is_file()}
    if res.returncode != 0:
        sys.stderr.write("\n".join(line for line in (res.stdout + res.stderr).splitlines() if not line.startswith("INFO")) + "\n")
        raise Refused("the strict build failed (messages above); nothing was published")
    return files


def verify(root: Path, branch: str, version: str, files: set[str]) -> None:
    """After deploying: the version is listed in versions.json and its folder holds every built file."""
    listed = {v.get("version") for v in published(root, f"refs/heads/{branch}")}
    if version not in listed:
        raise RuntimeError(f"{version} is not listed in {branch}'s versions.json after mike deploy")
    res = git(root, "ls-tree", "-r", "--name-only", f"refs/heads/{branch}", "--", f"{version}/")
    have = {name[len(version) + 1:] for name in res.stdout.splitlines()}
    # the theme's inline scripts made files are named by their text, which holds the site's path (the
    # version's, under mike): their names differ from the plain build's, by design
    missing = sorted(f for f in files - have if not f.startswith("assets/inline/"))
    if missing:
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise RuntimeError(f"{version}/ on {branch} lacks {', '.join(missing[:3])}{more} "
                           f"({len(have)} of {len(files)} files)")


def restore(root: Path, branch: str, before: str | None, expected: str | None) -> bool:
    """Put the branch back on the commit it had before the release (or remove it if it had none), only if
    it is still where this release left it (`expected`): a compare-and-swap, so that a release that
    finished in between is never removed. False when the branch was left alone for that reason."""
    ref = f"refs/heads/{branch}"
    if expected == before:
        return branch_commit(root, branch) == before
    if before is None:
        res = git(root, "update-ref", "-d", ref, expected or "")
    else:
        res = git(root, "update-ref", ref, before, expected or "0" * 40)
    return res.returncode == 0


def release(args) -> int:
    root = repo_root(Path(args.root).resolve())
    env = environment(root)
    pre = check_version(args.version)
    hidden = args.hidden or pre
    alias = None if hidden or args.alias == "none" else args.alias
    if alias is not None:
        check_alias(alias)
    with release_lock(root):
        check_clean(root)
        with commit_checkout(root) as src:
            env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))}
            check_translations(src, args.allow_stale)
            check_record_of_changes(src, args.version)
            if args.push:  # see what is already out there, so that nothing published is overwritten by mistake
                git(root, "fetch", "--quiet", args.remote, f"refs/heads/{args.branch}:refs/remotes/{args.remote}/{args.branch}")
            versions = published(root, site_ref(root, args.branch, args.remote))
            check_not_published(args.version, alias or "", versions, args.force)
            files = check_and_build(src, env, args.allow_avoided)
            after = publish(root, src, env, args, alias, hidden, files)
            tag_release(root, args, git(src, "rev-parse", "HEAD").stdout.strip())
    report(root, args, alias, hidden, pre, after)
    return 0


def tag_release(root: Path, args, commit: str) -> None:
    """The published commit tagged `release/<version>`: what later builds compare with (scoelib/history.py)."""
    from scoelib import history

    tagged = history.record_release(root, args.version, commit)
    if tagged:
        print(f"note: could not tag the published commit {history.TAG_PREFIX}{args.version}: {tagged}", file=sys.stderr)
    elif args.push and git(root, "push", "--force", "--", args.remote, f"refs/tags/{history.TAG_PREFIX}{args.version}").returncode != 0:
        print(f"note: the tag {history.TAG_PREFIX}{args.version} was not pushed; push it with git push {args.remote} --tags",
              file=sys.stderr)


def mike_steps(args, alias: str | None, hidden: bool) -> list[tuple[str, list[str]]]:
    """The mike commands of a release, each with the name its failure is reported under."""
    deploy = ["mike", "deploy", "--branch", args.branch, "--remote", args.remote]
    if hidden:
        deploy += ["--prop-set", "hidden=true"]
    deploy += ["--update-aliases", args.version] + ([alias] if alias else [])
    steps = [("mike deploy", deploy)]
    if alias:
        steps.append(("mike set-default", ["mike", "set-default", "--branch", args.branch, "--remote", args.remote,
                                           "--template", str(TEMPLATES / "default-redirect.html"), alias]))
    return steps


def publish(root: Path, src: Path, env: dict[str, str], args, alias: str | None, hidden: bool, files: set[str]) -> str:
    """mike's steps from the checked-out commit, verification, push; on any failure the branch goes back
    (compare-and-swap) and the release is refused. Returns the branch's new commit."""
    before = expected = branch_commit(root, args.branch)
    step = "mike deploy"
    try:
        for step, command in mike_steps(args, alias, hidden):
            print(f"release: {' '.join(command)}", file=sys.stderr)
            # the deploy's build makes the release kit too (kit_environment); set-default builds nothing
            res = run(command, src, kit_environment(root, env) if step == "mike deploy" else env)
            expected = branch_commit(root, args.branch)
            if res.returncode != 0:
                raise RuntimeError(_last_error(res))
        step = "verification"
        verify(root, args.branch, args.version, files)
        if args.push:
            step = f"git push {args.remote} {args.branch}"
            res = git(root, "push", "--", args.remote, args.branch)
            if res.returncode != 0:
                raise RuntimeError(_last_error(res))
    except (RuntimeError, OSError) as exc:
        raise Refused(f"{step} failed ({exc}); {_rollback(root, args.branch, before, expected)}") from None
    except KeyboardInterrupt:
        raise Refused(f"interrupted during {step}; {_rollback(root, args.branch, before, expected)}") from None
    return expected or ""


def _rollback(root: Path, branch: str, before: str | None, expected: str | None) -> str:
    if restore(root, branch, before, expected):
        return f"{branch} is back where it was, nothing was published"
    return (f"{branch} moved during the release (another release or push?) and was left as it is; "
            "nothing was published by this release")


def report(root: Path, args, alias: str | None, hidden: bool, pre: bool, after: str) -> None:
    where = f"{args.branch} {after[:10]}"
    if hidden:
        print(f"published {args.version} hidden from the version selector{' (a pre-release)' if pre else ''} on {where}; "
              "the default is unchanged")
    elif alias is None:
        print(f"published {args.version} without an alias on {where}; the default is unchanged")
    else:
        print(f"published {args.version} as {alias!r}, the default version, on {where}")
        wanted = _material_default(root)
        if wanted and alias not in wanted:
            print(f"note: mkdocs.yml's extra.version.default is {wanted}: pages show the 'not the latest version' banner "
                  f"unless their version carries one of those aliases, and deploy/nginx.conf redirects to /latest/",
                  file=sys.stderr)
    if not args.push:
        print(f"to publish it: git push {args.remote} {args.branch}   (or release with PUSH=1)")


def _material_default(root: Path) -> list[str]:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/name: …
    try:
        cfg = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    except (OSError, yaml.YAMLError):
        return []
    default = ((cfg.get("extra") or {}).get("version") or {}).get("default", "latest")
    return default if isinstance(default, list) else [default]


def _last_error(res: subprocess.CompletedProcess) -> str:
    """Shows what the failed command said (less MkDocs' INFO lines); returns its last error line."""
    lines = [line.strip() for line in (res.stdout + "\n" + res.stderr).splitlines()
             if line.strip() and not line.startswith("INFO")]
    if lines:
        print("\n".join(lines), file=sys.stderr)
    errors = [line for line in lines if line.lower().startswith(("error", "fatal", "aborted"))]
    return (errors or lines or [f"exit status {res.returncode}"])[-1]


def list_versions(args) -> int:
    root = repo_root(Path(args.root).resolve())
    ref = site_ref(root, args.branch, args.remote)
    versions = published(root, ref)
    if args.json:
        print(json.dumps(versions, indent=2))
        return 0
    if not versions:
        print(f"nothing published yet (no versions.json on the {args.branch} branch)")
        return 0
    default = default_target(root, ref)
    from scoelib import history

    commits = {r.version: r.commit for r in history.releases(root, args.branch, args.remote)}
    for v in versions:
        aliases = v.get("aliases") or []
        flags = []
        if aliases:
            flags.append("[" + ", ".join(aliases) + "]")
        if default and (default == v["version"] or default in aliases):
            flags.append("default")
        if (v.get("properties") or {}).get("hidden"):
            flags.append("hidden")
        title = f' "{v["title"]}"' if v.get("title") not in (None, v["version"]) else ""
        commit = commits.get(str(v["version"]))
        flags.append(f"commit {commit[:10]}" if commit else "(source commit not recorded)")
        print(f"{v['version']}{title}  {' '.join(flags)}".rstrip())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release", description="Publish versions of the library with mike.")
    parser.add_argument("--root", default=str(ROOT), help="the library's git checkout (default: this one)")
    parser.add_argument("--branch", default="gh-pages", help="the branch that holds the published site")
    parser.add_argument("--remote", default="origin", help="where --push sends the branch")
    sub = parser.add_subparsers(dest="command", required=True)
    rel = sub.add_parser("release", help="check, build and publish a version")
    rel.add_argument("version", nargs="?", default="", help="YYYY.N (e.g. 2026.1) or semver (e.g. 2.1.0)")
    rel.add_argument("--alias", default="latest",
                     help="alias moved to this version and made the default (default: latest; 'none': no alias, default unchanged)")
    rel.add_argument("--push", action="store_true", help="push the branch after a successful release")
    rel.add_argument("--force", action="store_true", help="re-deploy a version that is already published")
    rel.add_argument("--allow-stale", action="store_true", help="release even with stale, pending or untracked translations")
    rel.add_argument("--allow-avoided", action="store_true", help="release even with variants the glossary says to avoid (GL007)")
    rel.add_argument("--hidden", action="store_true", help="publish hidden from the version selector, no alias, default unchanged")
    rel.set_defaults(func=release)
    ls = sub.add_parser("versions", help="list the published versions")
    ls.add_argument("--json", action="store_true", help="print versions.json as it is")
    ls.set_defaults(func=list_versions)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Refused as exc:
        print(f"release refused: {exc}" if args.command == "release" else f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
