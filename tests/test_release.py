"""Versioned releases with mike (`make release`, tools/release.py) and self-hosting (deploy/nginx.conf).

The session's releases (tests/releases.py, shared with the what-changed tests) are a temporary git
repository from the library with three versions published on its `gh-pages` branch: 2026.1, then 2026.2 as
`latest` (pushed to a bare remote), then 2026.3-rc.1, a pre-release published hidden. The refusals run in
clones of it; Debian's nginx serves a checkout of the
branch with the shipped configuration, and Chromium reads it as a person would.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, make
from releases import GIT_ENV, MARK, add_paragraph, git, release, snapshot

SITE_URL = "http://127.0.0.1:8000"  # mkdocs.yml's site_url
MARK_EN, MARK_FR = MARK["en"], MARK["fr"]
NGINX = "/usr/sbin/nginx"


def tool(root: Path, *args: str) -> subprocess.CompletedProcess:
    """tools/release.py called directly, the way `make release` calls it, with a PATH that lacks the venv."""
    env = {**GIT_ENV, "PATH": "/usr/bin:/bin"}
    return subprocess.run([str(ROOT / ".venv/bin/python"), "tools/release.py", *args], cwd=root, capture_output=True,
                          text=True, env=env, timeout=1200)


def refused(res: subprocess.CompletedProcess, *words: str) -> str:
    """The tool refused with exit 1 and one clear line, and no traceback."""
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "Traceback" not in out, out
    last = res.stderr.strip().splitlines()[-1]
    assert last.startswith("release refused: ") and "nothing was published" in last, out
    for word in words:
        assert word in last, (word, last)
    return last


@pytest.fixture(scope="module")
def repo(releases) -> dict:
    """The session's releases (tests/releases.py): 2026.1, then 2026.2 as `latest` (pushed to a bare remote),
    then 2026.3-rc.1, a pre-release published hidden."""
    return releases


@pytest.fixture
def clone(repo, tmp_path) -> Path:
    """A private clone of the released repository (with its gh-pages branch), to break on purpose."""
    dest = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo["root"]), str(dest))
    git(dest, "branch", "-q", "gh-pages", "origin/gh-pages")
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def show(root: Path, path: str) -> str:
    return git(root, "show", f"gh-pages:{path}")


def versions_json(root: Path) -> list[dict]:
    return json.loads(show(root, "versions.json"))


# --- the releases -----------------------------------------------------------------------------------------


def test_two_releases_and_a_hidden_pre_release(repo):
    root = repo["root"]
    by_name = {v["version"]: v for v in versions_json(root)}
    assert set(by_name) == {"2026.1", "2026.2", "2026.3-rc.1"}
    assert by_name["2026.2"]["aliases"] == ["latest"] and by_name["2026.1"]["aliases"] == []
    assert by_name["2026.3-rc.1"]["aliases"] == [] and by_name["2026.3-rc.1"]["properties"] == {"hidden": True}
    assert not (by_name["2026.2"].get("properties") or {}).get("hidden")
    # the root goes to the alias; the pre-release did not move it
    assert 'url=latest/"' in show(root, "index.html")
    assert "published 2026.2 as 'latest', the default version" in repo["results"]["2026.2"].stdout
    assert "hidden from the version selector" in repo["results"]["2026.3-rc.1"].stdout


def test_make_versions_lists_what_is_published(repo):
    res = make(repo["root"], "versions")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.strip().splitlines()
    # each with the source commit it was published from, tagged release/<version>
    head = git(repo["root"], "rev-parse", "main")[:10]
    first = repo["commits"]["2026.1"][:10]
    assert f"2026.2  [latest] default commit {head}" in lines
    assert f"2026.1  commit {first}" in lines
    assert f"2026.3-rc.1  hidden commit {head}" in lines
    assert git(repo["root"], "cat-file", "-t", "release/2026.1") == "tag"  # annotated


def test_alias_is_a_copy_not_a_symlink(repo):
    tree = git(repo["root"], "ls-tree", "-r", "gh-pages")
    assert not [line for line in tree.splitlines() if line.startswith("120000")], "symlinks in gh-pages"
    top = {line.split("\t")[1]: line.split()[2] for line in git(repo["root"], "ls-tree", "gh-pages").splitlines()}
    assert top["latest"] == top["2026.2"]  # the same tree: git stores the copy once


def test_french_under_each_version(repo):
    root = repo["root"]
    for version in ("2026.1", "2026.2", "latest", "2026.3-rc.1"):
        page = LexborHTMLParser(show(root, f"{version}/fr/index.html"))
        assert page.css_first("html").attributes["lang"] == "fr", version
        assert LexborHTMLParser(show(root, f"{version}/index.html")).css_first("html").attributes["lang"] == "en"
    assert MARK_FR in show(root, "latest/fr/about/index.html")
    assert MARK_FR not in show(root, "2026.1/fr/about/index.html")


def test_push_sent_the_branch(repo):
    assert git(repo["remote"], "rev-parse", "gh-pages") == repo["pushed"]


def test_each_version_carries_its_release_kit(repo):
    """The release kit (scoelib/kit) is published with the version, in its downloads/ folder: the offline bundle,
    SHA256SUMS matching the published files, and the PDFs (2026.2: SCOE-4.1's, releases.KIT_ONLY; none in 2026.1)."""
    root = repo["root"]
    for version, pdfs in (("2026.1", set()), ("2026.2", {"SCOE-4.1-A2-en.pdf", "SCOE-4.1-A2-fr.pdf"})):
        folder = f"{version}/downloads/"
        files = {n[len(folder):] for n in git(root, "ls-tree", "-r", "--name-only", "gh-pages", "--", folder).splitlines()}
        assert {n for n in files if n.endswith(".pdf")} == pdfs, files
        sums = {name: digest for digest, name in (line.split() for line in show(root, folder + "SHA256SUMS").splitlines())}
        assert set(sums) == pdfs | {f"scoe-library-{version}.zip"}, sums
        for name, digest in sums.items():
            blob = subprocess.run(["git", "show", f"gh-pages:{folder}{name}"], cwd=root, capture_output=True, check=True).stdout
            assert hashlib.sha256(blob).hexdigest() == digest, name
            assert blob.startswith(b"%PDF-" if name.endswith(".pdf") else b"PK"), name


# --- refusals: exit 1, one clear line, gh-pages byte-identical ------------------------------------------


@pytest.mark.parametrize("version", ["2026", "v2026.1", "2026.1.1.1", "26.1", "latest", "2.0", "2026.01", "1.2.3/../x", "2026.4\n",
                                     "2.1.0\n"])
def test_refuses_a_version_that_is_not_calver_or_semver(clone, version):
    before = snapshot(clone)
    refused(tool(clone, "release", version), "neither YYYY.N")
    assert snapshot(clone) == before


def test_refuses_redeploying_a_published_version(clone):
    before = snapshot(clone)
    refused(tool(clone, "release", "2026.1"), "already published", "FORCE=1")
    res = release(clone, "2026.2")  # through make: the same message
    assert res.returncode != 0 and "release refused: version 2026.2 is already published" in res.stderr
    assert snapshot(clone) == before


def test_fresh_clone_sees_what_the_remote_published(clone):
    """No local gh-pages yet, only origin's: the versions published there still count."""
    git(clone, "branch", "-q", "-D", "gh-pages")
    refused(tool(clone, "release", "2026.2"), "already published")
    res = make(clone, "versions")
    assert res.returncode == 0 and any(line.startswith("2026.2  [latest] default commit ") for line in res.stdout.splitlines()), res.stdout


@pytest.mark.parametrize("change", ["docs/about/index.en.md", "mkdocs.yml", "scoelib/mkdocs_plugin/plugin.py", "overrides/main.html",
                                    "overrides/partials/new.html", "docs/new-page.en.md"])
def test_refuses_uncommitted_changes(clone, change):
    before = snapshot(clone)
    path = clone / change
    if path.exists():
        path.write_text(path.read_text(encoding="utf-8") + "\n# local edit\n", encoding="utf-8")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("untracked\n", encoding="utf-8")
    refused(tool(clone, "release", "2026.4"), "uncommitted changes", change)
    assert snapshot(clone) == before


def test_refuses_stale_translations_unless_allowed(clone):
    add_paragraph(clone / "docs/areas/index.en.md", "A paragraph the French page does not have yet.")
    git(clone, "commit", "-qam", "English changed")
    before = snapshot(clone)
    refused(tool(clone, "release", "2026.4"), "TR002 stale", "docs/areas/index.fr.md", "ALLOW_STALE=1")
    assert snapshot(clone) == before
    # ALLOW_STALE=1 gets past this check (the dry version string stops it right after, at no build cost)
    res = tool(clone, "release", "2026.1", "--allow-stale")
    assert "not up to date" in res.stderr and "already published" in res.stderr


def test_refuses_pending_and_untracked_translations(clone):
    fr = clone / "docs/areas/index.fr.md"
    text = fr.read_text(encoding="utf-8")
    fr.write_text(re.sub(r"translated_from:\n(?:[ \t].*\n)+", "", text, count=1), encoding="utf-8")
    git(clone, "commit", "-qam", "French page without its record")
    refused(tool(clone, "release", "2026.4"), "TR004 untracked")


def test_broken_reference_leaves_gh_pages_unchanged(clone):
    # on the French page, so that the English page and its translation stay in step
    add_paragraph(clone / "docs/about/index.fr.md", "Voir [[SCOE-9.9]].")
    git(clone, "commit", "-qam", "a broken reference")
    before = snapshot(clone)
    res = release(clone, "2026.4")
    assert res.returncode != 0
    assert "SCOE-9.9" in res.stderr and "release refused: make check found errors" in res.stderr, res.stderr
    assert snapshot(clone) == before
    assert "2026.4" not in {v["version"] for v in versions_json(clone)}


def test_failed_push_puts_gh_pages_back(clone):
    """Everything passes, mike deploys and sets the default, then the push fails: the branch goes back.
    Called with PATH=/usr/bin:/bin, so this also shows that mike finds the venv's `mkdocs` by itself:
    otherwise the failure would be mike's, not the push's."""
    git(clone, "remote", "set-url", "origin", str(clone.parent / "no-such-remote.git"))
    before = snapshot(clone)
    res = tool(clone, "release", "2026.4", "--push")
    last = refused(res, "git push origin gh-pages failed", "back where it was")
    assert "mike deploy" in res.stderr  # it got that far
    assert snapshot(clone) == before, last


def test_untracked_allowlist_does_not_count(clone, repo):
    """A release reads the commit, not the working tree: an untracked safety-allowlist.yml exempting a
    committed marking is not honoured."""
    add_paragraph(clone / "docs/about/index.fr.md", "Mention OTAN DIFFUSION RESTREINTE.")
    git(clone, "commit", "-qam", "a marking")
    (clone / "safety-allowlist.yml").write_text('- file: docs/about/index.fr.md\n  line: "Mention OTAN DIFFUSION RESTREINTE."\n'
                                               "  reason: not reviewed\n", encoding="utf-8")
    assert "safety exemption applied" in make(clone, "check").stdout  # the working tree's check honours it...
    before = snapshot(clone)
    res = tool(clone, "release", "2026.4")
    refused(res, "make check found errors")  # ...the release, made from the commit, does not
    assert re.search(r"docs/about/index\.fr\.md:\d+:\d+: SF001", res.stderr), res.stderr
    assert snapshot(clone) == before


def wait_for_lock(root: Path, proc: subprocess.Popen) -> None:
    """Until the release `proc` holds the repository's release lock (it writes its process id in it)."""
    lock = root / ".git" / "scoe-release.lock"
    deadline = time.monotonic() + 120
    while f"process {proc.pid}" not in (lock.read_text() if lock.exists() else ""):
        assert proc.poll() is None and time.monotonic() < deadline, "the first release never took the lock"
        time.sleep(0.05)


def test_two_releases_at_once_both_land_complete_from_the_commit(clone, repo):
    """Two releases started together: the second waits for the first; both versions are listed and complete;
    git-ignored files under docs/ are never published (the release builds from the commit)."""
    (clone / "docs/assets/__pycache__").mkdir(parents=True)
    (clone / "docs/assets/__pycache__/notes.txt").write_text("NATO SECRET notes\n", encoding="utf-8")
    (clone / "docs/site").mkdir()
    (clone / "docs/site/leak.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    assert git(clone, "status", "--porcelain") == ""  # both are ignored (site/, __pycache__/)
    env = {**GIT_ENV, "PATH": "/usr/bin:/bin"}
    extra: list[str] = []

    def start(version: str) -> subprocess.Popen:
        return subprocess.Popen([str(ROOT / ".venv/bin/python"), "tools/release.py", "release", version, *extra], cwd=clone,
                                env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    first = start("2026.4")
    wait_for_lock(clone, first)
    second = start("2026.5")
    outs = [p.communicate(timeout=1800) for p in (first, second)]
    for p, (out, err) in zip((first, second), outs, strict=True):
        assert p.returncode == 0, out + err
    assert "waiting for the release started by process" in outs[1][1]
    assert {"2026.4", "2026.5"} <= {v["version"] for v in versions_json(clone)}
    # the pages of 2026.2, but the changes since each older version (<publication>/changes/<version>/), more in
    # a later version by design (the what-changed tests read them)
    by_version = re.compile(r"/changes/[^/]+/index\.html$")
    reference = {p for p in version_pages(clone, "2026.2") if not by_version.search(p)}
    # every file of 2026.2 but its PDFs (releases.KIT_ONLY: the other releases make none)
    published = [f for f in git(clone, "ls-tree", "-r", "--name-only", "gh-pages", "--", "2026.2/").splitlines()
                 if not (f.startswith("2026.2/downloads/") and f.endswith(".pdf"))]
    for version in ("2026.4", "2026.5"):
        files = git(clone, "ls-tree", "-r", "--name-only", "gh-pages", "--", f"{version}/").splitlines()
        assert len(files) >= len(published)
        pages = {p for p in version_pages(clone, version) if not by_version.search(p)}
        assert pages == {p.replace("2026.2/", f"{version}/", 1) for p in reference}
        assert not [f for f in files if "__pycache__" in f or "leak.html" in f or f.endswith(".txt")], files
    assert not git(clone, "worktree", "list", "--porcelain").count("worktree ") > 1  # the checkouts are gone


def test_rollback_never_removes_a_release_that_finished_in_between(clone):
    """The branch goes back only if it is still where the failed release left it (compare-and-swap)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("release_tool_under_test", ROOT / "tools/release.py")
    tool_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool_module)

    before = git(clone, "rev-parse", "gh-pages")
    ours = git(clone, "commit-tree", "-p", before, "-m", "our deploy", f"{before}^{{tree}}")
    git(clone, "update-ref", "refs/heads/gh-pages", ours)
    theirs = git(clone, "commit-tree", "-p", ours, "-m", "another release", f"{before}^{{tree}}")
    git(clone, "update-ref", "refs/heads/gh-pages", theirs)  # another release finished in between
    assert tool_module.restore(clone, "gh-pages", before, ours) is False
    assert git(clone, "rev-parse", "gh-pages") == theirs
    git(clone, "update-ref", "refs/heads/gh-pages", ours)
    assert tool_module.restore(clone, "gh-pages", before, ours) is True
    assert git(clone, "rev-parse", "gh-pages") == before


# --- what readers get: site_url, selector, language switch, banner (from the branch's files) -------------


def version_pages(root: Path, version: str) -> list[str]:
    names = git(root, "ls-tree", "-r", "--name-only", "gh-pages", "--", f"{version}/").splitlines()
    return [n for n in names if n.endswith(".html")]


@pytest.mark.parametrize("version,real", [("2026.1", "2026.1"), ("2026.2", "2026.2"), ("latest", "2026.2"), ("2026.3-rc.1", "2026.3-rc.1")])
def test_sitemaps_and_canonical_links_stay_in_the_version(repo, version, real):
    root = repo["root"]
    prefix = f"{SITE_URL}/{real}/"
    files = set(git(root, "ls-tree", "-r", "--name-only", "gh-pages", "--", f"{version}/").splitlines())
    for sitemap in (f"{version}/sitemap.xml", f"{version}/fr/sitemap.xml"):
        xml = show(root, sitemap)
        urls = re.findall(r"<loc>([^<]+)</loc>", xml) + re.findall(r'hreflang="[a-z]+" href="([^"]+)"', xml)
        assert urls and any("/fr/" in u for u in urls), sitemap
        for url in urls:
            assert url.startswith(prefix) and f"/{real}/{real}/" not in url and f"{real}fr" not in url, (sitemap, url)
            rel = url[len(prefix):]
            assert f"{version}/{rel}index.html" in files, (sitemap, url)
    for name in version_pages(root, version):
        if name.endswith("404.html"):
            continue  # served at any missing URL: no canonical address
        doc = LexborHTMLParser(show(root, name))
        canonical = doc.css_first('link[rel="canonical"]')
        assert canonical is not None, name
        expected = prefix + name[len(version) + 1:].removesuffix("index.html")
        if doc.css_first('meta[http-equiv="refresh"]') is not None:  # a page that sends its reader on: the page it sends to
            expected = expected.rstrip("/").rpartition("/")[0] + "/"
        assert canonical.attributes["href"] == expected, name


def test_version_selector_on_every_page_of_both_languages(repo):
    root = repo["root"]
    pages = version_pages(root, "2026.1")
    assert any(p.startswith("2026.1/fr/") for p in pages) and len(pages) > 20
    for name in pages:
        config = LexborHTMLParser(show(root, name)).css_first("#__config")
        assert json.loads(config.text())["version"] == {"provider": "mike", "default": "latest"}, name


@pytest.mark.parametrize("page,lang,other", [("2026.1/fr/about/index.html", "en", "/2026.1/about/"),
                                             ("2026.1/about/index.html", "fr", "/2026.1/fr/about/"),
                                             ("2026.1/fr/index.html", "en", "/2026.1/"),
                                             ("2026.1/index.html", "fr", "/2026.1/fr/")])
def test_language_switch_keeps_the_version(repo, page, lang, other):
    html = LexborHTMLParser(show(repo["root"], page))
    here = f"{SITE_URL}/{page.removesuffix('index.html')}"
    link = html.css_first(f'a.md-select__link[hreflang="{lang}"]')
    assert urljoin(here, link.attributes["href"]) == SITE_URL + other


@pytest.mark.parametrize("page,lang,target", [("2026.1/fr/about/index.html", "fr", "/latest/fr/about/"),
                                              ("2026.1/about/index.html", "en", "/latest/about/"),
                                              ("2026.1/index.html", "en", "/latest/"),
                                              ("2026.1/fr/404.html", "fr", "/latest/fr/"),
                                              ("2026.1/404.html", "en", "/latest/")])
def test_outdated_banner_in_the_readers_language(repo, page, lang, target):
    html = LexborHTMLParser(show(repo["root"], page))
    banner = html.css_first("[data-md-component=outdated] .md-banner__inner")
    text = banner.text(separator=" ", strip=True)
    assert ("n’est pas la plus récente" in text) if lang == "fr" else ("not the latest version" in text), text
    missing = page.endswith("404.html")
    wording = {("fr", False): "Lire cette page dans la dernière version.", ("fr", True): "Aller à la dernière version.",
               ("en", False): "Read this page in the latest version.", ("en", True): "Go to the latest version."}
    assert wording[lang, missing] in text
    link = banner.css_first("a[data-scoe-latest-home]")
    here = f"{SITE_URL}/{page.removesuffix('index.html')}"
    assert urlsplit(urljoin(here, link.attributes["href"])).path == target


# --- self-hosting: Debian's nginx with deploy/nginx.conf over a checkout of gh-pages ----------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_conf(www: Path, tmp: Path, port: int) -> str:
    site = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    site, n_listen = re.subn(r"^(\s*)listen [^;]+;.*# TEST: listen.*$", rf"\g<1>listen 127.0.0.1:{port};", site, flags=re.M)
    site, n_root = re.subn(r"^(\s*)root [^;]+;.*# TEST: root.*$", lambda m: f"{m.group(1)}root {www};", site, flags=re.M)
    assert n_listen == 1 and n_root == 1, "deploy/nginx.conf lost its TEST markers"
    temp = "\n".join(f"    {name}_temp_path {tmp / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
master_process off;
pid {tmp / 'nginx.pid'};
error_log {tmp / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
{site}
}}
"""


@pytest.fixture(scope="module")
def server(repo, tmp_path_factory):
    assert Path(NGINX).exists(), "nginx is missing: `make nginx` installs Debian's nginx-light"
    tmp = tmp_path_factory.mktemp("nginx")
    www = tmp / "www"  # a checkout of its own: a test writes into its .git folder
    git(tmp, "clone", "-q", "--branch", "gh-pages", str(repo["root"]), str(www))
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_conf(www, tmp, port), encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"nginx did not start: {proc.stderr.read().decode()}")
            time.sleep(0.05)
    yield {"port": port, "base": f"http://127.0.0.1:{port}", "www": www}
    proc.terminate()
    proc.wait(timeout=10)


def fetch(server, path: str, method: str = "GET") -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", server["port"], timeout=10)
    conn.request(method, path, headers={"Accept-Encoding": "identity"})
    res = conn.getresponse()
    body = res.read().decode("utf-8", errors="replace")
    conn.close()
    return res.status, {k.lower(): v for k, v in res.getheaders()}, body


def lang_and_base(body: str) -> tuple[str, str]:
    html = LexborHTMLParser(body)
    return html.css_first("html").attributes.get("lang"), json.loads(html.css_first("#__config").text())["base"]


def test_nginx_root_redirects_to_the_default_version(server):
    status, headers, _ = fetch(server, "/")
    assert status == 302 and headers["location"] == "/latest/"
    status, headers, _ = fetch(server, "/latest")
    assert status == 301 and headers["location"] == "/latest/"


@pytest.mark.parametrize("path,lang,marker", [("/latest/", "en", None), ("/latest/fr/", "fr", None),
                                              ("/latest/about/", "en", MARK_EN), ("/latest/fr/about/", "fr", MARK_FR),
                                              ("/2026.1/", "en", None), ("/2026.1/fr/about/", "fr", None)])
def test_nginx_serves_versions_and_languages(server, path, lang, marker):
    status, headers, body = fetch(server, path)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert lang_and_base(body)[0] == lang
    if marker:
        assert marker in body
    if path.startswith("/2026.1/"):
        assert MARK_EN not in body and MARK_FR not in body
    assert headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path,lang,base", [("/2026.1/no-such-page/", "en", "/2026.1/"),
                                            ("/2026.1/fr/no-such-page/", "fr", "/2026.1/"),
                                            ("/latest/fr/publications/nope", "fr", "/2026.2/"),
                                            ("/latest/nope", "en", "/2026.2/"),
                                            ("/1999.1/fr/nope/", "fr", "/2026.2/"),  # no such version: still French
                                            ("/unknown/fr/x", "fr", "/2026.2/"),
                                            ("/fr/x", "fr", "/2026.2/"),
                                            ("/1999.1/nope/", "en", "/2026.2/"),
                                            ("/nope", "en", "/2026.2/")])
def test_nginx_localised_404(server, path, lang, base):
    status, headers, body = fetch(server, path)
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert lang_and_base(body) == (lang, base)
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_nginx_hides_the_checkouts_git_folder(server):
    # a file under .git/ named like a hashed asset: the rule hiding dot folders comes first
    hidden = Path(server["www"]) / ".git" / "x.12345678.min.js"
    hidden.write_text("secret();\n", encoding="utf-8")
    for path in ("/.git/config", "/.git/HEAD", "/.nojekyll", "/.git/x.12345678.min.js"):
        status, headers, body = fetch(server, path)
        assert status == 404 and "[core]" not in body and "ref:" not in body and "secret()" not in body, path
        assert headers["cache-control"] == "no-cache", path


def test_nginx_caches_hashed_assets_for_long(server):
    _, _, body = fetch(server, "/latest/")
    css = LexborHTMLParser(body).css_first('link[rel="stylesheet"][href*="main."]').attributes["href"]
    js = [s.attributes["src"] for s in LexborHTMLParser(body).css("script[src]") if "bundle." in s.attributes["src"]][0]
    for asset in (css, js):
        status, headers, _ = fetch(server, urljoin("/latest/", asset))
        assert status == 200, asset
        assert headers["cache-control"] == "public, max-age=31536000, immutable", asset
        assert headers["x-content-type-options"] == "nosniff"
    status, headers, _ = fetch(server, "/latest/assets/scoe.css")  # no hash in its name: revalidated
    assert status == 200 and headers["cache-control"] == "no-cache"
    status, headers, body = fetch(server, "/versions.json")
    assert status == 200 and headers["content-type"].startswith("application/json") and headers["cache-control"] == "no-cache"


def test_nginx_security_headers(server):
    _, headers, _ = fetch(server, "/latest/fr/")
    csp = headers["content-security-policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"):
        assert directive in csp
    assert "http" not in csp  # nothing from another host
    # the policy does not rely on the pages; the search (Pagefind) compiles WebAssembly, nothing may eval() text
    assert "script-src 'self' 'wasm-unsafe-eval';" in csp and "unsafe-inline" not in csp and "'unsafe-eval'" not in csp
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "nginx/" not in headers.get("server", "")  # server_tokens off


# --- in Chromium, through nginx ----------------------------------------------------------------------------


def in_chromium(server, check) -> None:
    """Run check(page) in a fresh Chromium. Playwright's sync API runs in a thread of its own, so these tests
    do not depend on (nor disturb) the browser that tests/browser/ keeps open for the session. Fails on any
    console error or uncaught exception, except the 404 status of a page opened on purpose."""
    from playwright.sync_api import sync_playwright

    outcome: dict = {}

    def work():
        try:
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                      args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                            "--disable-component-update", "--disable-sync", "--no-first-run"])
                try:
                    context = b.new_context()
                    context.set_default_timeout(10_000)
                    page = context.new_page()
                    problems: list[str] = []
                    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}")
                            if m.type == "error" and "status of 404" not in m.text else None)
                    page.on("pageerror", lambda e: problems.append(f"{page.url}: uncaught {e}"))
                    check(page)
                    assert problems == [], "\n".join(problems)
                finally:
                    b.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "Chromium did not finish in 120 s"
    if "error" in outcome:
        raise outcome["error"]


def wait_for_selector_ready(page) -> None:
    page.wait_for_selector(".md-version .md-version__list", state="attached")


def test_browser_old_version_banner_selector_and_csp(server):
    base = server["base"]

    def check(page):
        page.goto(f"{base}/2026.1/fr/about/")
        wait_for_selector_ready(page)
        versions = page.eval_on_selector_all(".md-version__list .md-version__link", "els => els.map(e => e.textContent.trim())")
        assert versions == ["2026.2", "2026.1"]  # the hidden pre-release is not offered
        banner = page.locator("[data-md-component=outdated]")
        banner.wait_for(state="visible")
        assert "n’est pas la plus récente" in banner.inner_text()
        page.click("[data-md-component=outdated] a[data-scoe-latest-home]")
        page.wait_for_url(f"{base}/latest/fr/about/")
        wait_for_selector_ready(page)
        assert MARK_FR in page.content()
        assert page.locator("[data-md-component=outdated]").is_hidden()

    in_chromium(server, check)  # a CSP violation is a console error: none here


def test_browser_banner_falls_back_to_the_latest_home(server):
    """The page is gone from the latest version: the banner's link goes to its home, same language."""
    base = server["base"]

    def check(page):
        page.route(f"{base}/latest/fr/about/", lambda route: route.fulfill(status=404, body="gone"))
        page.goto(f"{base}/2026.1/fr/about/")
        page.locator("[data-md-component=outdated]").wait_for(state="visible")
        page.click("[data-md-component=outdated] a[data-scoe-latest-home]")
        page.wait_for_url(f"{base}/latest/fr/")

    in_chromium(server, check)


def test_browser_version_selector_keeps_page_and_language(server):
    base = server["base"]

    def check(page):
        page.goto(f"{base}/latest/fr/about/")
        wait_for_selector_ready(page)
        # the list opens on hover and then covers the button; a click on the entry is what counts
        page.locator(".md-version__list a", has_text="2026.1").dispatch_event("click")
        page.wait_for_url(f"{base}/2026.1/fr/about/")
        page.locator("[data-md-component=outdated]").wait_for(state="visible")

    in_chromium(server, check)


def test_browser_localised_404_of_an_old_version(server):
    base = server["base"]

    def check(page):
        response = page.goto(f"{base}/2026.1/fr/no-such-page/")
        assert response.status == 404
        page.locator("[data-md-component=outdated]").wait_for(state="visible")
        assert page.locator("h1").inner_text().startswith("404 – Page non trouvée")
        assert page.locator(".md-version__current").inner_text().strip() == "2026.1"

    in_chromium(server, check)
