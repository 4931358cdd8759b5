"""Loader benchmarks (a script that prints figures; no test asserts on time).

- ingest pages/s on one core: the seed page and the real pages of tests/resources, copied
  into N distinct pages (a line is appended so each is a new article), ingested into an empty store;
- gazetteer lookups/s over a mix of place names (cache warm and cold);
- gazetteer cold load: a fresh process loading the pickled index.
Goals (issue 2): >= 200 pages/s, >= 50,000 lookups/s, cold load <= 2 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.sched_setaffinity(0, {0}) if hasattr(os, "sched_setaffinity") else None  # one core

from loaders.geo.gazetteer import Gazetteer, default_gazetteer  # noqa: E402
from loaders.ingest import ingest_paths  # noqa: E402
from loaders.store import Store  # noqa: E402

PAGES = int(os.environ.get("BENCH_PAGES", "1000"))


def bench_ingest() -> None:
    sources = [p for p in [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "tests/resources").glob("*.txt"))]]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i in range(PAGES):
            src = sources[i % len(sources)]
            (folder / f"{i:05d}-{src.name}").write_text(
                src.read_text() + f"\n\nThis copy is number {i} of the benchmark corpus.\n"
            )
        default_gazetteer()  # loaded once per process, as in a real ingest
        start = time.perf_counter()
        summary = ingest_paths([folder], Store(Path(tmp) / "data"))
        elapsed = time.perf_counter() - start
    print(
        f"ingest: {summary.pages_read} pages, {summary.stories} stories, {summary.reports} reports in {elapsed:.2f} s "
        f"= {summary.pages_read / elapsed:.0f} pages/s on one core (goal >= 200)"
    )


def bench_geocoder() -> None:
    g: Gazetteer = default_gazetteer()
    names = ["Baghdad", "Mosul", "Falluja", "Kabul", "Logar", "Mogadishu", "Paris", "Maiduguri", "Aleppo", "Idlib",
             "Tayaran Square, Baghdad", "Kharwar, Logar", "Qwzxyv", "Gao", "Goma", "Kherson", "Sanaa", "Tripoli"]  # fmt: skip
    queries = [f"{n}" for n in names] * 5000
    start = time.perf_counter()
    for q in queries:
        g.geocode(q)
    warm = len(queries) / (time.perf_counter() - start)
    fresh = Gazetteer()  # empty lookup cache: every distinct query resolved from the index
    distinct = [f"{n}" for n in names]
    start = time.perf_counter()
    for _ in range(2000):
        fresh._lookup.cache_clear()
        for q in distinct:
            fresh.geocode(q)
    cold = 2000 * len(distinct) / (time.perf_counter() - start)
    print(f"geocoder: {warm:,.0f} lookups/s with the lookup cache, {cold:,.0f} lookups/s uncached (goal >= 50,000)")


def bench_cold_load() -> None:
    default_gazetteer()  # make sure the index is built and cached on disk
    code = "import time; t=time.perf_counter(); from loaders.geo.gazetteer import Gazetteer; Gazetteer(); print(time.perf_counter()-t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout) for _ in range(3)
    ]
    print(f"geocoder cold load (fresh process, import + index): best {min(times):.2f} s of 3 (goal <= 2 s)")


if __name__ == "__main__":
    bench_cold_load()
    bench_geocoder()
    bench_ingest()
