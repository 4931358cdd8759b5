"""What every browser test and the load benchmark share: `streamlit run` on a free loopback port
over a given store, Debian's Chromium with the project's flags, and waiting for a drawn page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
TIMEOUT_MS = 60_000
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


class ServerDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(
    data: Path,
    log_path: Path,
    extra_env: dict[str, str] | None = None,
    started: list[subprocess.Popen] | None = None,
    secrets: Path | None = None,
) -> Iterator[str]:
    """`streamlit run dashboard.py` over the store at `data`; yields its base URL, stops it after.
    The process is appended to `started` when given (the load benchmark reads its CPU time).
    `secrets` is the one secrets.toml it reads (--secrets.files), in place of the usual places."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "dashboard.py",
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--browser.gatherUsageStats",
                "false",
                *(["--secrets.files", str(secrets)] if secrets else []),
            ],
            cwd=ROOT,
            env={**os.environ, "CONFLICT_DATA_DIR": str(data), **(extra_env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        if started is not None:
            started.append(process)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise ServerDidNotStart(f"streamlit did not start; see {log_path}")
                time.sleep(0.3)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


SETTLED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    return state === 'notRunning' && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]');
}"""


def settled(page, timeout_ms: int = TIMEOUT_MS, paint_ms: int = 500) -> None:
    """Wait until Streamlit has finished running the script and drawn the page."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(SETTLED_JS, timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stMetric"], [data-testid="stAlert"]', timeout=timeout_ms)
    page.wait_for_timeout(paint_ms)  # let charts and the deck paint before a screenshot


def shot(page, name: str) -> None:
    """A full-page screenshot in tests/screenshots/ (gitignored), to look at after the run."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]', has_text=label)
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def download(page, label: str) -> bytes:
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def loopback_only(context, blocked: list[str]) -> None:
    """Abort every request of a browser context that is not to 127.0.0.1 (or a data:/blob: URL);
    the aborted URLs go into `blocked`."""
    from urllib.parse import urlsplit

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlsplit(url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
