"""Build and check cost of the library at scale: `make bench` (N = 100, 400, 1000) or `make bench BENCH=quick`.

For each N (pages per language) it generates a synthetic library (bench/generate.py) and measures, median
of `--runs` runs each, interleaved so that drifts of the machine hit every configuration alike:

- project: `mkdocs build --strict` with the project's configuration, hooks and templates;
- stock:   the same corpus with stock settings (`mkdocs.stock.yml`: Material + static-i18n, no hooks,
           no custom templates, no navigation.prune, automatic navigation; not strict);
- check:   `python -m scoelib --root <tree> check -q`;
- changes (with `--history`, the default): the project build of a copy of the tree that has a published previous
  version in its git history (bench/generate.py `add_history`): every page is compared with it, change pages,
  change bars and feeds are written. Its ratio to `project` is the cost of showing what changed.

Wall time, peak memory of the process tree (ru_maxrss of the waited-for process and its descendants),
HTML bytes per page, search index bytes per language and ms per page (build time / pages built, both
languages); then the reader's search in Chromium (bench/search.py), project vs stock: time from typing to
the first result and bytes transferred for that first query, per language, median of 3 fresh contexts. Prints
one table, writes bench/results.json; the last line is the build-time ratio to stock at the largest N. Targets are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from bench import search as search_bench
from bench.generate import add_history, generate
from scoelib import config

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

BIN = Path(sys.executable).parent
TARGETS = {"changes_ratio": 1.15, "ratio_to_stock": 0.35, "html_kb_per_page": 60, "linear_growth": 1.15, "check_s_2000_pages": 2.0,
           "peak_mb": 1024, "search_ms": 500, "search_mb": 1.0, "preview_ratio": 0.1}
PREVIEW_N = 400  # the author's preview (make serve) is measured at this size: save to page, median of 3 saves


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("SCOE_ONLY_LANG", "MIKE_DOCS_VERSION", "GITHUB_ACTIONS"):
        env.pop(name, None)
    return env


def timed(cmd: list[str], cwd: Path) -> dict:
    """Run `cmd`; wall seconds and peak resident memory (MB) of it and its descendants."""
    start = time.perf_counter()
    with open(cwd / "last-stdout.txt", "wb") as out, open(cwd / "last-stderr.txt", "wb") as err:
        # PYTHONPATH: the generated tree's own engine and plugin (copied from --source), not the installed checkout's;
        # SCOE_CACHE_DIR: make check's cache (scoelib/checkcache.py) of this tree, beside it
        env = {**_env(), "PYTHONPATH": str(cwd), "SCOE_CACHE_DIR": str(cwd.parent / f"{cwd.name}-check-cache")}
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = (cwd / "last-stderr.txt").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd} (exit {proc.returncode}):\n{tail}")
    return {"s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def site_sizes(site: Path, languages) -> dict:
    """HTML bytes per page (every built page, every language, 404 pages excluded) and search index bytes."""
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    html = sum(p.stat().st_size for p in pages)
    search = search_bench.index_bytes(site, languages)
    return {"pages": len(pages), "html_bytes": html, "html_kb_per_page": html / max(len(pages), 1) / 1000, "search_bytes": search}


def _cpu_seconds(pid: int) -> float | None:
    """Processor time (user + system) used so far by process `pid` (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def preview_latency(tree: Path, saves: int = 3) -> dict:
    """`make serve` on the tree (`mkdocs serve --dirty`): seconds from saving one chapter until the page served
    shows the change, for `saves` saves in a row (the first build, at start, is not counted), and the processor
    time the server used meanwhile (`cpu_s`: it does not grow with the machine's load as wall time does)."""
    import socket
    import threading
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "--strict", "-a", f"127.0.0.1:{port}"], cwd=tree,
                            env={**_env(), "PYTHONPATH": str(tree)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    serving = threading.Event()

    output = proc.stdout
    assert output is not None  # stdout=PIPE

    def read() -> None:
        for line in output:
            if "Serving on" in line:
                serving.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not serving.wait(3600):
            raise SystemExit(f"mkdocs serve did not start in {tree}")
        chapter = sorted((tree / "docs" / "publications").glob("bench-*/chapter-3.*.md"))[0]
        url = f"http://127.0.0.1:{port}/" + chapter.relative_to(tree / "docs").as_posix().rsplit(".", 2)[0] + "/"
        times, cpu = [], []
        for i in range(saves):
            word = f"Previewword{i}x{port}"
            text = chapter.read_text(encoding="utf-8")
            chapter.write_text(re.sub(r"^(3\.2 )", rf"\g<1>{word} ", text, count=1, flags=re.M), encoding="utf-8")
            start, used = time.perf_counter(), _cpu_seconds(proc.pid)
            while True:  # each request waits while the server rebuilds; it answers with the new page when done
                with urllib.request.urlopen(url, timeout=3600) as response:
                    if word in response.read().decode("utf-8", "replace"):
                        break
            times.append(time.perf_counter() - start)
            after = _cpu_seconds(proc.pid)
            if used is not None and after is not None:
                cpu.append(after - used)
            used_text = f" ({cpu[-1]:.2f} s CPU)" if cpu else ""
            print(f"  preview save {i + 1}/{saves}: {times[-1]:.2f} s{used_text}", file=sys.stderr, flush=True)
        return {"s": statistics.median(times), "runs_s": [round(t, 3) for t in times],
                "cpu_s": statistics.median(cpu) if cpu else None, "runs_cpu_s": [round(t, 3) for t in cpu]}
    finally:
        proc.terminate()
        proc.wait(60)


def measure(n: int, runs: int, work: Path, stock: bool, source: Path, search: bool = True, history: bool = False,  # noqa: C901
            pdf: bool = True) -> dict:
    tree = work / f"n{n}"
    info = generate(tree, n, source=source)
    hist = work / f"n{n}-history"
    if history:
        if hist.exists():
            shutil.rmtree(hist)
        shutil.copytree(tree, hist)
        info["history"] = add_history(hist)
    languages = config.load(tree)
    pages = len(languages.all) * info["pages_per_language"]
    mkdocs = str(BIN / "mkdocs")
    configs = {
        "project": [mkdocs, "build", "--strict", "-f", "mkdocs.yml", "-d", "site-project"],
        "stock": [mkdocs, "build", "-f", "mkdocs.stock.yml", "-d", "site-stock"],
        # make check as an author runs it, after saving one page (the others from the last check's cache), and
        # reading every file (the first check of a clone, CI)
        "check": [sys.executable, "-m", "scoelib", "--root", str(tree), "check", "-q", "--cache"],
        "check_cold": [sys.executable, "-m", "scoelib", "--root", str(tree), "check", "-q"],
    }
    if not stock:
        configs.pop("stock")
    if history:
        configs["changes"] = [mkdocs, "build", "--strict", "-f", str(hist / "mkdocs.yml"), "-d", str(hist / "site-project")]
    outputs = {"project": tree / "site-project", "stock": tree / "site-stock", "changes": hist / "site-project"}
    samples: dict[str, list[dict]] = {k: [] for k in configs}
    timed(configs["check"], tree)  # the cache an author's earlier check left (not measured)
    # a translated page (an English one would make its French page out of date); put back as generated at the end
    saved = sorted((tree / "docs" / "publications").glob("bench-*/chapter-2.fr.md"))[0]
    original = saved.read_text(encoding="utf-8")
    for i in range(runs):
        for name, cmd in configs.items():
            if name == "check":  # the page the author has just saved
                text = saved.read_text(encoding="utf-8")
                saved.write_text(re.sub(r"^(2\.1 )", rf"\g<1>Saved{i} ", text, count=1, flags=re.M), encoding="utf-8")
            # every build starts from an empty output folder, as in CI; removing the previous run's
            # output (MkDocs does it first, 2000 files) is not part of what is measured
            if name in outputs and outputs[name].exists():
                shutil.rmtree(outputs[name])
            samples[name].append(timed(cmd, tree))
            print(f"  N={n} run {i + 1}/{runs} {name}: {samples[name][-1]['s']:.2f} s", file=sys.stderr, flush=True)
    saved.write_text(original, encoding="utf-8")
    out = {"generated": info}
    if pdf and n <= 100:  # the release kit's PDFs (make pdf, make release), once, on one core: time per PDF page
        report = tree / "kit.json"
        kit = timed([sys.executable, "-m", "scoelib.kit", "build", "--root", str(tree), "--site", str(tree / "site-project"),
                     "--parts", "pdf", "--jobs", "1", "--report", str(report)], tree)
        figures = json.loads(report.read_text(encoding="utf-8"))
        out["pdf"] = {**kit, **figures, "ms_per_pdf_page": 1000 * kit["cpu_s"] / max(figures["pages"], 1)}  # CPU: load-independent
        print(f"  N={n} PDFs: {figures['pdfs']} PDFs, {figures['pages']} pages, {out['pdf']['ms_per_pdf_page']:.0f} ms per page",
              file=sys.stderr, flush=True)
    for name, runs_ in samples.items():
        wall = statistics.median(r["s"] for r in runs_)
        out[name] = {"s": wall, "runs_s": [round(r["s"], 3) for r in runs_], "cpu_s": statistics.median(r["cpu_s"] for r in runs_),
                     "peak_mb": max(r["peak_mb"] for r in runs_), "ms_per_page": 1000 * wall / pages}
    out["project"].update(site_sizes(tree / "site-project", languages))
    if history:
        out["changes"].update(site_sizes(hist / "site-project", languages))
        out["changes_ratio"] = out["changes"]["s"] / out["project"]["s"]
    if stock:
        out["stock"].update(site_sizes(tree / "site-stock", languages))
        out["ratio_to_stock"] = out["project"]["s"] / out["stock"]["s"]
    if search:  # the reader's search in Chromium, project and stock one after the other, same machine and load
        for name in ("project", "stock") if stock else ("project",):
            out[name]["first_query"] = search_bench.first_query(outputs[name], languages, runs=runs)
            print(f"  N={n} search {name}: " + ", ".join(f"{lang} {r['ms']:.0f} ms {r['bytes'] / 1000:.0f} KB"
                                                         for lang, r in out[name]["first_query"].items()), file=sys.stderr, flush=True)
    return out


def table(results: dict) -> str:
    head = (f"{'N/lang':>7} {'config':<10} {'median s':>9} {'cpu s':>7} {'ms/page':>8} {'peak MB':>8} {'HTML KB/page':>13} "
            f"{'search KB per language':>22}")
    lines = [head, "-" * len(head)]
    for n, r in results.items():
        for name in ("project", "changes", "stock", "check", "check_cold"):
            if name not in r:
                continue
            m = r[name]
            html = f"{m['html_kb_per_page']:.1f}" if "html_kb_per_page" in m else ""
            search = " / ".join(f"{v / 1000:.0f}" for v in m.get("search_bytes", {}).values())
            if name == "stock" and search:
                search += " (both)"
            lines.append(f"{n:>7} {name:<10} {m['s']:>9.2f} {m['cpu_s']:>7.2f} {m['ms_per_page']:>8.2f} {m['peak_mb']:>8.0f} "
                         f"{html:>13} {search:>22}")
    searched = [(n, name, r[name]["first_query"]) for n, r in results.items() for name in ("project", "stock")
                if "first_query" in r.get(name, {})]
    if searched:
        # cold: typed at once, nothing loaded; warm: typed after the page sat idle (the engine warmed, no index
        # loaded); idle KB: what that warm-up loads for a reader who never searches (gzipped)
        head = (f"{'N/lang':>7} {'config':<8} {'lang':<5} {'first result ms':>16} {'KB transferred':>15} {'KB gzipped':>11} "
                f"{'requests':>9} {'warm ms':>8} {'idle KB gz':>11}")
        lines += ["", head, "-" * len(head)]
        for n, name, per_lang in searched:
            for lang, q in per_lang.items():
                warm = f"{q['warm_ms']:>8.0f} {q['idle_gzip_bytes'] / 1000:>11.0f}" if "warm_ms" in q else f"{'–':>8} {'–':>11}"
                lines.append(f"{n:>7} {name:<8} {lang:<5} {q['ms']:>16.0f} {q['bytes'] / 1000:>15.0f} "
                             f"{q['gzip_bytes'] / 1000:>11.0f} {q['requests']:>9} {warm}")
    return "\n".join(lines)


def verdicts(results: dict) -> list[str]:
    sizes = sorted(results)
    big, small = results[sizes[-1]], results[sizes[0]]
    out = []
    if "ratio_to_stock" in big:
        out.append(f"build time / stock at N={sizes[-1]}: {big['ratio_to_stock']:.2f} (target ≤ {TARGETS['ratio_to_stock']})")
    out.append(f"HTML per page at N={sizes[-1]}: {big['project']['html_kb_per_page']:.1f} KB (target ≤ {TARGETS['html_kb_per_page']} KB)")
    if len(sizes) > 1:
        growth = big["project"]["ms_per_page"] / small["project"]["ms_per_page"]
        out.append(f"ms per page N={sizes[-1]} / N={sizes[0]}: {growth:.2f} (target ≤ {TARGETS['linear_growth']})")
    if "changes_ratio" in big:
        out.append(f"build with changes / without at N={sizes[-1]}: {big['changes_ratio']:.2f} (target ≤ {TARGETS['changes_ratio']})")
    pages = 2 * big["generated"]["pages_per_language"]
    out.append(f"make check on {pages} pages after saving one: {big['check']['s']:.2f} s (target ≤ {TARGETS['check_s_2000_pages']} s "
               f"for 2000 pages); reading every file (a fresh clone, CI): {big['check_cold']['s']:.2f} s")
    out.append(f"peak memory of the build at N={sizes[-1]}: {big['project']['peak_mb']:.0f} MB (target ≤ {TARGETS['peak_mb']} MB)")
    for lang, q in big["project"].get("first_query", {}).items():
        warm = (f", {q['warm_ms']:.0f} ms after the idle warm-up (which loads {q['idle_gzip_bytes'] / 1000:.0f} KB gzipped "
                "without a search)") if "warm_ms" in q else ""
        out.append(f"search ({lang}) at N={sizes[-1]}: first result {q['ms']:.0f} ms typed at once{warm} "
                   f"(target ≤ {TARGETS['search_ms']}), {q['bytes'] / 1e6:.2f} MB transferred (target ≤ {TARGETS['search_mb']} MB)")
    if "pdf" in small:
        out.append(f"PDF editions at N={sizes[0]}: {small['pdf']['ms_per_pdf_page']:.0f} ms per PDF page on one core "
                   f"({small['pdf']['pdfs']} PDFs, {small['pdf']['pages']} pages)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and check cost at library scale.")
    parser.add_argument("--quick", action="store_true", help="N = 100 only")
    parser.add_argument("--sizes", default="100,400,1000", help="pages per language, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per configuration, search in Chromium included (the median is reported)")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock build")
    parser.add_argument("--no-search", action="store_true", help="skip the search measurement in Chromium")
    parser.add_argument("--no-history", action="store_true", help="skip the build with a previous release in the history")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF editions (measured at N <= 100 otherwise)")
    parser.add_argument("--work", type=Path, default=HERE / "work", help="where the synthetic libraries are written")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout whose library, code and configuration are measured")
    args = parser.parse_args(argv)
    sizes = [100] if args.quick else sorted(int(x) for x in args.sizes.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for n in sizes:
        print(f"N={n} pages per language…", file=sys.stderr, flush=True)
        results[n] = measure(n, args.runs, args.work, not args.no_stock, args.source, not args.no_search, not args.no_history,
                             not args.no_pdf)
        if n == PREVIEW_N:  # the author's preview: save to page, against the full strict build of the same run
            preview = results[n]["preview"] = preview_latency(args.work / f"n{n}")
            preview["ratio_to_build"] = preview["s"] / results[n]["project"]["s"]
            if preview["cpu_s"] is not None:
                preview["cpu_ratio_to_build"] = preview["cpu_s"] / results[n]["project"]["cpu_s"]
    meta = {"date": time.strftime("%Y-%m-%d %H:%M"), "python": platform.python_version(), "cpus": os.cpu_count(),
            "machine": platform.machine(), "runs": args.runs,
            "versions": {p: metadata.version(p)
                         for p in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "pymdown-extensions")},
            "command": "make bench" + (" BENCH=quick" if args.quick else ""), "source": str(args.source),
            "load_average_at_end": os.getloadavg()}
    lines = [table(results), "", *verdicts(results)]
    for n, res in results.items():
        if "preview" in res:
            pv = res["preview"]
            cpu = f"; {pv['cpu_s']:.2f} s CPU, {pv['cpu_ratio_to_build']:.2f} of the build's CPU" if pv.get("cpu_s") is not None else ""
            lines.append(f"preview at N={n}: {pv['s']:.2f} s from saving a chapter to the page served "
                         f"({pv['ratio_to_build']:.2f} of the full build{cpu}; target {TARGETS.get('preview_ratio', 0.1)})")
    if "ratio_to_stock" in results[sizes[-1]]:
        lines.append(f"ratio to stock at N={sizes[-1]}: {results[sizes[-1]]['ratio_to_stock']:.2f}")
    summary = lines[lines.index("") + 1:]
    args.json.write_text(json.dumps({"meta": meta, "targets": TARGETS, "results": results, "summary": summary}, indent=2) + "\n",
                         encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
