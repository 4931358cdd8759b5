"""Scale benchmark: a year of generated wire news through the real path (files -> ingest -> store -> read).

`make bench-scale` (or `.venv/bin/python benchmarks/bench_scale.py [--pages N] [--slices K]`):
writes the corpus of benchmarks/scale_corpus.py (its own generator, with truth), then ingests it
slice by slice with `python -m loaders ingest` on one core and prints, per slice:
- pages/s of the ingest and the store's size on disk;
- `python -m loaders show incidents` wall time;
- dashboard first load, and filter change -> page drawn (AppTest, server side, median of 3);
- a saved correction -> visible on the incidents page (AppTest rerun after Store.add_corrections);
- peak memory (largest resident set of any of those processes);
- merge precision, recall and F1 against the truth.
Then `python -m loaders rebuild` on the store, and on a store of --rebuild-reports reports made
by stacking the ingested reports in later years (default 1,000,000).
Goals (issue 11) at 100,000 pages: >= 200 pages/s, last slice >= 0.8 x first; show incidents <= 3 s;
first load <= 5 s; filter change <= 0.3 s; correction visible <= 1 s; peak memory <= 3 GB;
rebuild of 1M reports <= 60 s; merge precision >= 0.98, recall >= 0.95. Figures, not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ONE_CORE = ["taskset", "-c", "0"] if shutil.which("taskset") else []


def run(command: list[str], **kwargs) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall seconds, peak resident memory (MB) and the result of a command run to its end."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss // 1024, subprocess.CompletedProcess(command, process.returncode)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def dashboard_figures(data: Path) -> dict[str, float]:
    """Run in a child process (`--dashboard DATA`): AppTest over the real entry script and store."""
    os.environ["CONFLICT_DATA_DIR"] = str(data)
    os.environ["CONFLICT_SEEDS_DIR"] = str(data / "no-seeds")
    from streamlit.testing.v1 import AppTest

    from loaders.store import Store
    from loaders.store.corrections import correction_rows

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    assert not at.exception, at.exception
    changes = []
    for page in ("app_pages/map.py", "app_pages/timeline.py"):
        at.switch_page(page).run()
        for i in range(3):
            start = time.perf_counter()
            at.sidebar.number_input(key="f_min_killed").set_value(5 + i).run()
            changes.append(time.perf_counter() - start)
            assert not at.exception, at.exception
    at.sidebar.number_input(key="f_min_killed").set_value(0).run()
    at.switch_page("app_pages/incidents.py").run()
    store = Store(data)
    # The newest incident: the table lists the newest first, so it is on the page.
    incident = store.frames(article_text=False).incidents.sort_values("date", ascending=False).iloc[0].to_dict()
    new = int(incident["wounded_best"] or 0) + 1000
    start = time.perf_counter()
    store.add_corrections(correction_rows(incident, {"wounded_best": str(new)}, "benchmark", "bench"))
    at.run()
    visible = time.perf_counter() - start
    table = at.dataframe[0].value
    shown = table.loc[table["incident_id"] == incident["incident_id"], "wounded_best"]
    assert list(shown) == [new], "the correction is not on the page"
    return {"first_load": first, "filter_change": statistics.median(changes), "correction_visible": visible}


def merge_figures(data: Path, truth_file: Path) -> dict[str, float]:
    """Run in a child process (`--merge DATA TRUTH`)."""
    import csv

    from benchmarks.scale_corpus import StoryTruth, merge_scores
    from loaders.store import Store
    from loaders.store.schema import ASSIGNMENTS

    with truth_file.open(encoding="utf-8") as f:
        truth = [StoryTruth(r["file"], r["title"], int(r["event_id"])) for r in csv.DictReader(f)]
    store = Store(data)
    frames = store.uncorrected(article_text=False)
    assignments = store.read(ASSIGNMENTS)
    return merge_scores(
        truth, frames.articles, frames.reports, dict(zip(assignments["report_id"], assignments["incident_id"], strict=True))
    )


def child(args: list[str]) -> tuple[dict, int]:
    out = tempfile.NamedTemporaryFile("w+", suffix=".json", delete=False)
    elapsed, memory, result = run([sys.executable, __file__, *args, "--out", out.name], stdout=subprocess.DEVNULL)
    if result.returncode:
        raise SystemExit(f"{args[0]} failed ({result.returncode})")
    return json.loads(Path(out.name).read_text()), memory


def stacked_store(source: Path, target: Path, reports_wanted: int) -> int:
    """A store of about `reports_wanted` reports: the source's reports again in later years, with
    their own ids, as batches without assignments (so the rebuild assigns them all)."""
    import pandas as pd

    from loaders.store import Store
    from loaders.store.schema import ARTICLES, REPORTS

    store = Store(source)
    reports = store.read(REPORTS)
    articles = store.read(ARTICLES, ["article_id", "title", "outlet", "source", "published"])
    copies = max(1, -(-reports_wanted // max(len(reports), 1)))
    for k in range(copies):
        shift = pd.DateOffset(years=k)
        batch = target / "batches" / f"{k:020d}-stacked"
        batch.mkdir(parents=True)
        prefix = f"y{k}-"
        reports.assign(
            report_id=prefix + reports["report_id"], article_id=prefix + reports["article_id"], date=reports["date"] + shift
        ).to_parquet(batch / "reports.parquet", index=False)
        articles.assign(article_id=prefix + articles["article_id"]).to_parquet(batch / "articles.parquet", index=False)
        pd.DataFrame({"quote_id": pd.Series(dtype="string")}).to_parquet(batch / "quotes.parquet", index=False)
    return copies * len(reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--slices", type=int, default=10)
    parser.add_argument("--rebuild-reports", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep the corpus and store in")
    parser.add_argument("--dashboard", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--merge", type=Path, nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dashboard:
        args.out.write_text(json.dumps(dashboard_figures(args.dashboard)))
        return
    if args.merge:
        args.out.write_text(json.dumps(merge_figures(*args.merge)))
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    corpus, data = work / "corpus", work / "data"
    if data.exists():
        shutil.rmtree(data)
    from benchmarks.scale_corpus import write_corpus
    from loaders.geo.gazetteer import default_gazetteer

    start = time.perf_counter()
    if corpus.exists():
        shutil.rmtree(corpus)
    truth = write_corpus(corpus, args.pages, args.slices, default_gazetteer())
    slices = sorted(p for p in corpus.iterdir() if p.is_dir())
    pages = sum(len(list(s.iterdir())) for s in slices)
    print(
        f"corpus: {pages:,} pages, {len(truth):,} stories of {len({t.event_id for t in truth}):,} events, "
        f"{len(slices)} slices, written in {time.perf_counter() - start:.0f} s ({work})"
    )
    print(f"one core for ingest: {'taskset -c 0' if ONE_CORE else 'not pinned (no taskset)'}")
    header = f"{'pages':>8} {'pages/s':>8} {'store MB':>9} {'show s':>7} {'load s':>7} {'filter s':>8} {'fix s':>6} {'peak MB':>8} {'P':>6} {'R':>6} {'F1':>6}"
    print(header)
    total, rates = 0, []
    for folder in slices:
        count = len(list(folder.iterdir()))
        elapsed, ingest_mb, result = run(
            [*ONE_CORE, sys.executable, "-m", "loaders", "ingest", str(folder), "--data", str(data)], stdout=subprocess.DEVNULL
        )
        if result.returncode not in (0, 3):
            raise SystemExit(f"ingest failed ({result.returncode})")
        total += count
        rates.append(count / elapsed)
        show_s, show_mb, _ = run(
            [sys.executable, "-m", "loaders", "show", "incidents", "--data", str(data)], stdout=subprocess.DEVNULL
        )
        dash, dash_mb = child(["--dashboard", str(data)])
        merge, _ = child(["--merge", str(data), str(corpus / "truth.csv")])
        print(
            f"{total:>8,} {rates[-1]:>8.0f} {size_mb(data):>9.1f} {show_s:>7.2f} {dash['first_load']:>7.2f} "
            f"{dash['filter_change']:>8.3f} {dash['correction_visible']:>6.2f} {max(ingest_mb, show_mb, dash_mb):>8,} "
            f"{merge['precision']:>6.3f} {merge['recall']:>6.3f} {merge['f1']:>6.3f}",
            flush=True,
        )
    print(f"last slice / first slice ingest rate: {rates[-1] / rates[0]:.2f} (goal >= 0.8)")
    print(f"stories scored for the merge: {merge['stories_scored']:,} of {merge['stories']:,} (the rest gave no incident)")
    elapsed, memory, result = run([sys.executable, "-m", "loaders", "rebuild", "--data", str(data)], stdout=subprocess.DEVNULL)
    if result.returncode:
        raise SystemExit("rebuild failed")
    print(f"rebuild of the {total:,}-page store: {elapsed:.1f} s, peak {memory:,} MB")
    if args.rebuild_reports:
        stacked = work / "stacked"
        shutil.rmtree(stacked, ignore_errors=True)
        n = stacked_store(data, stacked, args.rebuild_reports)
        elapsed, memory, result = run(
            [*ONE_CORE, sys.executable, "-m", "loaders", "rebuild", "--data", str(stacked)], stdout=subprocess.DEVNULL
        )
        if result.returncode:
            raise SystemExit("rebuild of the stacked store failed")
        print(
            f"rebuild of {n:,} reports (the store stacked in later years), one core: {elapsed:.1f} s, peak {memory:,} MB (goal <= 60 s)"
        )
        shutil.rmtree(stacked, ignore_errors=True)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
