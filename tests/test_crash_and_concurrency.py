"""Crashes and concurrent use: an ingest killed at any moment loses nothing already stored and
leaves only whole batches; two ingests at once store each article once; reading the store while
an ingest writes never fails. Real `python -m loaders ingest` processes, real SIGKILLs.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from loaders.ingest import ingest_paths
from loaders.store import Store
from loaders.store.schema import ARTICLES, QUOTES, REPORTS
from tests.conftest import RESOURCES, ROOT

KILLS = 12
SMALL_BATCHES = {"CONFLICT_BATCH_PAGES": "20"}  # many batches land in a few seconds


def make_pages(folder: Path, count: int, start: int = 0) -> Path:
    """`count` distinct news pages: real articles, each with its own filing line."""
    folder.mkdir(parents=True, exist_ok=True)
    originals = sorted(RESOURCES.glob("*.txt"))
    for i in range(start, start + count):
        original = originals[i % len(originals)]
        (folder / f"{i:05d}_{original.name}").write_text(
            f"{original.read_text()}\n\nThis copy was filed as report number {i}, the desk said.\n"
        )
    return folder


def ingest_command(data: Path, *folders: Path) -> list[str]:
    return [sys.executable, "-m", "loaders", "ingest", *map(str, folders), "--data", str(data)]


def assert_whole_batches(store: Store) -> set[str]:
    """Every batch holds its three tables and only rows of its own articles; no article twice.
    Returns the stored article ids."""
    seen: set[str] = set()
    for batch in store.batch_dirs():
        tables = {t.name: pd.read_parquet(batch / f"{t.name}.parquet") for t in (ARTICLES, REPORTS, QUOTES)}
        ids = set(tables["articles"]["article_id"])
        assert ids and len(ids) == len(tables["articles"]), batch
        assert set(tables["reports"]["article_id"]) <= ids and set(tables["quotes"]["article_id"]) <= ids, batch
        assert not ids & seen, f"article stored twice ({batch.name})"
        seen |= ids
    frames = store.frames()  # what the dashboard does: must open whatever the kill left
    assert set(frames.articles["article_id"]) == seen
    return seen


def test_sigkill_at_random_points_leaves_whole_batches_and_a_rerun_completes(tmp_path) -> None:
    pages = make_pages(tmp_path / "in", 400)
    reference = Store(tmp_path / "reference")
    ingest_paths([pages], reference)
    expected = set(reference.frames().articles["article_id"])

    data = tmp_path / "data"
    rng = random.Random(20261125)
    env = {**os.environ, **SMALL_BATCHES}
    landed = []
    for _ in range(KILLS):
        process = subprocess.Popen(
            ingest_command(data, pages), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.3, 2.5))
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait()
        stored = assert_whole_batches(Store(data))
        assert stored <= expected
        landed.append((len(stored), finished))
    # the kills interrupted real work: batches landed between them, and most runs were cut short
    assert landed[-1][0] > 0 and sum(not finished for _, finished in landed) >= KILLS // 2, landed

    rerun = subprocess.run(ingest_command(data, pages), cwd=ROOT, capture_output=True, text=True, env=env)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert assert_whole_batches(Store(data)) == expected
    frames = Store(data).frames()
    assert len(frames.reports) == len(reference.frames().reports)


def test_two_ingests_of_overlapping_folders_store_each_article_once(tmp_path) -> None:
    first = make_pages(tmp_path / "a", 240, start=0)
    second = make_pages(tmp_path / "b", 240, start=120)  # pages 120-239 are in both
    data = tmp_path / "data"
    env = {**os.environ, **SMALL_BATCHES}
    # Output goes to files, not pipes: nobody reads a pipe while the loop below polls, and a
    # summary over 64 KB (one line per page met twice) would block its writer for ever.
    logs = [(tmp_path / f"ingest-{n}.log").open("w+") for n in range(2)]
    runs = [
        subprocess.Popen(ingest_command(data, folder), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        for folder, log in zip((first, second), logs, strict=True)
    ]
    # Meanwhile the dashboard's read: it must never fail, and never go backwards.
    reads, counts = 0, []
    while any(run.poll() is None for run in runs):
        counts.append(len(Store(data).frames().articles))
        reads += 1
    for run, log in zip(runs, logs, strict=True):
        run.wait()
        log.seek(0)
        assert run.returncode == 0, log.read()[-2000:]
        log.close()
    assert reads >= 3 and counts == sorted(counts)
    stored = assert_whole_batches(Store(data))
    reference = Store(tmp_path / "reference")
    ingest_paths([first, second], reference)
    assert stored == set(reference.frames().articles["article_id"])


@pytest.mark.parametrize("batch_pages", ["1", "7"])
def test_store_reads_during_an_ingest_never_fail(tmp_path, batch_pages) -> None:
    pages = make_pages(tmp_path / "in", 120)
    data = tmp_path / "data"
    run = subprocess.Popen(
        ingest_command(data, pages), cwd=ROOT, env={**os.environ, "CONFLICT_BATCH_PAGES": batch_pages}, stdout=subprocess.DEVNULL
    )
    versions = set()
    while run.poll() is None:
        store = Store(data)
        frames = store.frames()
        versions.add(store.version())
        assert frames.incidents["incident_id"].is_unique
    assert run.returncode == 0
    assert len(versions) >= 2  # the reads really overlapped the writes
    assert_whole_batches(Store(data))
