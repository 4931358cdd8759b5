"""Load benchmark: many people on one dashboard at once (a script that prints figures; no test
asserts on time).

Starts `streamlit run dashboard.py` on a free 127.0.0.1 port over a store of the seed and test
articles, then drives SESSIONS browser sessions at once (one context each, in one headless
Debian Chromium) for SECONDS. Each session, in a loop: opens a random page with random filters
in the URL (a shared link), or switches page with the sidebar link (keeping its filters). It
counts a page as drawn when the page's heading is shown, Streamlit has finished the script run
and the totals are on screen, and it counts errors: exceptions shown on the page, the page's own
"could not be drawn" message, JavaScript errors, failed or timed-out loads.
Traffic goes to 127.0.0.1 only, and the loops stop by themselves after SECONDS.

Usage: .venv/bin/python benchmarks/bench_load.py [--sessions 20] [--seconds 60] [--data DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.ingest import ingest_paths  # noqa: E402
from loaders.store import Store  # noqa: E402
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, SETTLED_JS, streamlit_server  # noqa: E402

PAGES = {"": "Conflict monitor", "map": "Map", "timeline": "Timeline", "quotes": "Quotes", "incidents": "Incidents"}
NAV_LABELS = {"": "Overview", "map": "Map", "timeline": "Timeline", "quotes": "Quotes", "incidents": "Incidents"}
FILTERS = [
    "",
    "min_killed=10",
    "country=Iraq",
    "type=Explosions%2FRemote+violence",
    "from=2020-01-01",
    "q=bomb",
    "precision=2",
    "outlet=AFP",
    "country=Pakistan&min_killed=3",
    "to=2019-12-31&type=Battles",
]
LOAD_TIMEOUT_MS = 60_000


async def drawn(page, heading: str) -> None:
    """The page's heading is shown, the script run is over and the totals (or a notice) are drawn."""
    await page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=LOAD_TIMEOUT_MS)
    await page.wait_for_function(SETTLED_JS, timeout=LOAD_TIMEOUT_MS)
    await page.wait_for_selector('[data-testid="stMetric"], [data-testid="stAlert"]', timeout=LOAD_TIMEOUT_MS)


async def problems_shown(page) -> list[str]:
    found = []
    if await page.locator('[data-testid="stException"]').count():
        found.append("exception shown")
    if await page.get_by_text("could not be drawn").count() or await page.get_by_text("could not be read").count():
        found.append("page error message")
    return found


async def session(
    browser,
    base: str,
    deadline: float,
    rng: random.Random,
    times: list[tuple[str, float]],
    errors: Counter,
    think: tuple[float, float] = (0.2, 1.0),
) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    js_errors: list[str] = []
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    current: str | None = None
    try:
        while time.monotonic() < deadline:
            path = rng.choice(list(PAGES))
            started = time.monotonic()

            async def load(path: str = path, switch: bool = current is not None and rng.random() < 0.5) -> None:
                if switch:  # switch page inside the session, the way a reader does
                    await page.get_by_role("link", name=NAV_LABELS[path], exact=True).first.click(timeout=LOAD_TIMEOUT_MS)
                else:  # open a shared link
                    query = rng.choice(FILTERS)
                    await page.goto(f"{base}/{path}" + (f"?{query}" if query else ""), timeout=LOAD_TIMEOUT_MS)
                await drawn(page, PAGES[path])

            try:
                # One budget for the whole load: a page not drawn within it is a failed load.
                await asyncio.wait_for(load(), LOAD_TIMEOUT_MS / 1000)
                times.append((path, time.monotonic() - started))
                current = path
                for problem in await problems_shown(page):
                    errors[problem] += 1
            except Exception as error:  # a load that failed or timed out is what we count
                errors[f"failed load ({type(error).__name__})"] += 1
                current = None
            if js_errors:
                errors["JavaScript error"] += len(js_errors)
                js_errors.clear()
            await asyncio.sleep(rng.uniform(*think))  # a person reads before the next click
    finally:
        await context.close()


async def run(
    base: str, sessions: int, seconds: float, server_pids: set[int], think: tuple[float, float] = (0.2, 1.0)
) -> tuple[list[tuple[str, float]], Counter, float, float]:
    from playwright.async_api import async_playwright

    times: list[tuple[str, float]] = []
    errors: Counter = Counter()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(session(browser, base, deadline, random.Random(n), times, errors, think) for n in range(sessions)))
        elapsed = time.monotonic() - started
        client_cpu = cpu_seconds(descendants(os.getpid()) - server_pids)
        await browser.close()
    return times, errors, elapsed, client_cpu


def cpu_seconds(pids: set[int]) -> float:
    """CPU time of these processes and of their children that have ended (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.2, 1.0),
        metavar=("MIN", "MAX"),
        help="seconds a session waits between clicks (default 0.2 1.0: far busier than a person reading)",
    )
    parser.add_argument("--data", type=Path, default=None, help="an existing store (default: seeds and test pages)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print("needs Debian's Chromium at /usr/bin/chromium (make chromium)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            data = Path(tmp) / "data"
            ingest_paths(
                [ROOT / "seeds", *sorted(p for p in (ROOT / "tests" / "resources").iterdir() if p.is_file())], Store(data)
            )
        incidents = len(Store(data).frames().incidents)
        servers: list = []
        with streamlit_server(data, Path(tmp) / "streamlit.log", started=servers) as base:
            server_pids = {servers[0].pid} | descendants(servers[0].pid)
            server_before = cpu_seconds(server_pids)
            times, errors, elapsed, client_cpu = asyncio.run(
                run(base, args.sessions, args.seconds, server_pids, tuple(args.think))
            )
            server_cpu = cpu_seconds(server_pids) - server_before
    print(f"load: {args.sessions} concurrent browser sessions for {elapsed:.0f} s against streamlit run on 127.0.0.1")
    print(
        f"cpu: streamlit server {server_cpu:.0f} s, headless Chromium and its driver {client_cpu:.0f} s, "
        f"of {os.cpu_count()} cores x {elapsed:.0f} s = {os.cpu_count() * elapsed:.0f} s (os.getloadavg: "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        + ")"
    )
    print(f"store: {incidents} incidents")
    if times:
        seconds = [t for _, t in times]
        print(f"pages drawn: {len(times)} ({len(times) / elapsed:.1f}/s)")
        print(
            f"time to a drawn page: median {statistics.median(seconds):.2f} s, p95 {percentile(seconds, 0.95):.2f} s, "
            f"max {max(seconds):.2f} s"
        )
        for path, heading in PAGES.items():
            mine = [t for p, t in times if p == path]
            if mine:
                print(
                    f"  {heading:<16} {len(mine):>4} drawn, median {statistics.median(mine):.2f} s, p95 {percentile(mine, 0.95):.2f} s"
                )
    else:
        print("pages drawn: 0")
    print(
        f"errors: {sum(errors.values())}"
        + (" (" + ", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) + ")" if errors else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
