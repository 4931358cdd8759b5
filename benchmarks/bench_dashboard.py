"""Dashboard benchmarks (a script that prints figures; no test asserts on time).

The incidents are SYNTHETIC (they skip ingest and the store: for the real path, from files to the
page, see bench_scale.py): the seed incidents' rows resampled to N rows, each with its own id,
coordinates jittered across a ~2,000 km wide region, dates spread over five years and killed /
wounded counts drawn at random. They have the real schema and dtypes, not real-world
distributions. For each N it prints, server side:
- first load: AppTest's first run of dashboard.py (store read into st.cache_resource, option lists,
  filters, totals, the map page drawn);
- filter change -> page drawn: AppTest rerun after setting minimum killed, on the map and the
  timeline page (median of RUNS), plus its parts: Filter.apply, timeline figure, deck build;
- bytes for the map: the deck JSON Streamlit sends (goal <= 5 MB at 1M, via server-side cells).
Usage: .venv/bin/python benchmarks/bench_dashboard.py [N ...]   (default 100000 1000000)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.ingest import ingest_paths  # noqa: E402
from loaders.store import Frames, Store  # noqa: E402
from views.charts import timeline_figure  # noqa: E402
from views.filters import Filter  # noqa: E402
from views.maps import build_deck  # noqa: E402

RUNS = 5


def synthetic(seed: Frames, n: int) -> Frames:
    rng = np.random.default_rng(7)
    rows = seed.incidents.sample(n, replace=True, random_state=7).reset_index(drop=True)
    rows["incident_id"] = pd.array([f"syn-{i:07d}" for i in range(n)], dtype="string")
    rows["latitude"] = pd.array(33 + rng.normal(0, 4, n), dtype="Float64")
    rows["longitude"] = pd.array(44 + rng.normal(0, 6, n), dtype="Float64")
    rows["date"] = (pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 5 * 365, n), unit="D")).astype("datetime64[s]")
    killed = rng.geometric(0.15, n) - 1
    wounded = rng.geometric(0.08, n) - 1
    for kind, values in (("killed", killed), ("wounded", wounded)):
        rows[f"{kind}_low"] = pd.array(values, dtype="Int64")
        rows[f"{kind}_best"] = pd.array(values, dtype="Int64")
        rows[f"{kind}_high"] = pd.array(values + rng.integers(0, 3, n), dtype="Int64")
    rows["actor1"] = pd.array(
        rng.choice(["Islamic State", "US-led coalition", "Iraqi army", "PKK", "Unknown gunmen"], n), dtype="string"
    )
    quotes = seed.quotes.copy()
    quotes["incident_id"] = pd.array(["syn-0000000"] * len(quotes), dtype="string")
    return Frames(seed.articles, seed.reports, quotes, rows)


def timed(fn, runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench(seed: Frames, n: int) -> None:
    frames = synthetic(seed, n)
    value = Filter(min_killed=3)
    apply_s, shown = timed(lambda: value.apply(frames))
    timeline_s, _ = timed(lambda: timeline_figure(shown.incidents, "month"))
    deck_s, view = timed(lambda: build_deck(shown.incidents), runs=3)
    deck_bytes = len(view.deck.to_json().encode())
    full_deck = build_deck(frames.incidents)
    full_bytes = len(full_deck.deck.to_json().encode())

    # AppTest runs the real entry script in this process: serve it the synthetic frames.
    from streamlit.testing.v1 import AppTest

    Store.uncorrected = lambda self, article_text=True: frames  # type: ignore[method-assign]
    Store.corrected = lambda self, base: base  # type: ignore[method-assign]
    Store.data_version = lambda self: (f"synthetic-{n}",)  # type: ignore[method-assign]
    Store.corrections_version = lambda self: ()  # type: ignore[method-assign]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=900)
    start = time.perf_counter()
    at.run()
    at.switch_page("app_pages/map.py").run()
    first_s = time.perf_counter() - start
    assert not at.exception, at.exception
    page_s = {}
    for page in ("app_pages/map.py", "app_pages/timeline.py"):
        at.switch_page(page)
        times = []
        for i in range(RUNS):
            start = time.perf_counter()
            at.sidebar.number_input(key="f_min_killed").set_value(3 + i % 2).run()
            times.append(time.perf_counter() - start)
            assert not at.exception, at.exception
        page_s[page] = statistics.median(times)

    print(f"\n== {n:,} synthetic incidents ==")
    print(f"first load (AppTest run, entry + map page):      {first_s:8.2f} s")
    print(f"filter change -> map page drawn (AppTest):       {page_s['app_pages/map.py']:8.2f} s  (median of {RUNS})")
    print(f"filter change -> timeline page drawn (AppTest):  {page_s['app_pages/timeline.py']:8.2f} s  (median of {RUNS})")
    print(f"  Filter.apply(min_killed=3) -> {len(shown.incidents):,} rows: {apply_s * 1000:8.0f} ms")
    print(f"  timeline figure (month, by event type):        {timeline_s * 1000:8.0f} ms")
    print(f"  deck build (aggregated={view.aggregated}, cell {view.cell_deg}°): {deck_s * 1000:8.0f} ms")
    print(f"map bytes (deck JSON), filtered view:            {deck_bytes / 1e6:8.2f} MB")
    print(f"map bytes (deck JSON), all {n:,}:            {full_bytes / 1e6:8.2f} MB  (goal <= 5 MB at 1M)")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        ingest_paths([ROOT / "seeds"], store)
        seed = store.frames()
    os.environ["CONFLICT_DATA_DIR"] = tmp  # never read: Store.uncorrected is replaced below
    print("Synthetic data: seed rows resampled, coordinates/dates/counts randomised (see module docstring).")
    for n in sizes:
        bench(seed, n)


if __name__ == "__main__":
    main()
