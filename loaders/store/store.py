"""The append-only store of loader outputs under a data folder.

Layout: `DIR/batches/<time>-<id>/{articles,reports,quotes}.parquet`, and analysts' corrections
in `DIR/corrections/<time>-<id>.parquet` (one file per save, kept apart from what the loaders
produced). A batch is written into a
temporary folder and renamed into `batches/` in one step, so a crash mid-ingest leaves either
the whole batch or nothing, and a reader never sees half of one. Writers take a file lock
while they check which articles are new and rename their batch, so two ingests of the same
page store it once. Nothing is ever rewritten: incidents are derived on read (merge.py), and
corrections are applied on top of them (corrections.py).
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from filelock import FileLock

from loaders.store.corrections import apply_corrections
from loaders.store.merge import merge_reports
from loaders.store.schema import ARTICLES, CORRECTIONS, INCIDENTS, QUOTES, REPORTS, Table, conform, empty

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data"
STORED_TABLES = (ARTICLES, REPORTS, QUOTES)


@dataclass(frozen=True)
class Frames:
    articles: pd.DataFrame
    reports: pd.DataFrame
    quotes: pd.DataFrame
    incidents: pd.DataFrame  # merged, with corrections applied; dismissed ones left out
    corrections: pd.DataFrame = field(default_factory=lambda: empty(CORRECTIONS))  # every one made: the audit trail
    dismissed: pd.DataFrame = field(default_factory=lambda: empty(INCIDENTS))  # marked "not an incident"


def _new_name() -> str:
    """A file or batch name that sorts in the order things were stored."""
    return f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"


def _read_files(paths: list[Path], table: Table) -> pd.DataFrame:
    parts = [frame for frame in (pd.read_parquet(p) for p in paths) if not frame.empty]
    return conform(pd.concat(parts, ignore_index=True), table) if parts else empty(table)


class Store:
    def __init__(self, root: Path = DEFAULT_DATA):
        self.root = Path(root)
        self.batches = self.root / "batches"
        self.corrections = self.root / "corrections"
        self._lock = FileLock(str(self.root / ".ingest.lock"))

    def _ensure(self) -> None:
        self.batches.mkdir(parents=True, exist_ok=True)

    def batch_dirs(self) -> list[Path]:
        if not self.batches.is_dir():
            return []
        return sorted(p for p in self.batches.iterdir() if p.is_dir() and not p.name.startswith("."))

    def correction_files(self) -> list[Path]:
        if not self.corrections.is_dir():
            return []
        return sorted(p for p in self.corrections.glob("*.parquet") if not p.name.startswith("."))

    def version(self) -> tuple[str, ...]:
        """Changes whenever a batch or a correction lands: the key for caching what was read."""
        return tuple(p.name for p in self.batch_dirs()) + tuple(p.name for p in self.correction_files())

    def read_corrections(self) -> pd.DataFrame:
        return _read_files(self.correction_files(), CORRECTIONS)

    def add_corrections(self, rows: list[dict]) -> int:
        """Store corrections (rows of CORRECTIONS) in one new file, atomically. Returns rows stored."""
        if not rows:
            return 0
        frame = conform(pd.DataFrame(rows), CORRECTIONS)  # a bad row raises before anything is written
        self.corrections.mkdir(parents=True, exist_ok=True)
        name = f"{_new_name()}.parquet"
        tmp = self.corrections / f".tmp-{name}"
        frame.to_parquet(tmp, index=False)
        os.rename(tmp, self.corrections / name)
        return len(frame)

    def read(self, table: Table) -> pd.DataFrame:
        paths = [d / f"{table.name}.parquet" for d in self.batch_dirs()]
        return _read_files([p for p in paths if p.exists()], table)

    def article_ids(self) -> set[str]:
        ids: set[str] = set()
        for d in self.batch_dirs():
            path = d / f"{ARTICLES.name}.parquet"
            if path.exists():
                ids.update(pd.read_parquet(path, columns=["article_id"])["article_id"])
        return ids

    def article_sources(self) -> dict[str, str]:
        """article_id -> the file or URL it was first stored from (to name a duplicate's original)."""
        sources: dict[str, str] = {}
        for d in self.batch_dirs():
            path = d / f"{ARTICLES.name}.parquet"
            if path.exists():
                frame = pd.read_parquet(path, columns=["article_id", "source"])
                for article, source in zip(frame["article_id"], frame["source"], strict=True):
                    sources.setdefault(article, source)
        return sources

    def append(self, articles: list[dict], reports: list[dict], quotes: list[dict]) -> int:
        """Store one batch atomically; articles already stored are dropped. Returns articles added."""
        if not articles:
            return 0
        self._ensure()
        with self._lock:
            known = self.article_ids()
            new_ids = {a["article_id"] for a in articles} - known
            if not new_ids:
                return 0
            frames = [
                (ARTICLES, [a for a in articles if a["article_id"] in new_ids]),
                (REPORTS, [r for r in reports if r["article_id"] in new_ids]),
                (QUOTES, [q for q in quotes if q["article_id"] in new_ids]),
            ]
            name = _new_name()
            tmp = self.root / f".tmp-{name}"
            tmp.mkdir(parents=True)
            try:
                for table, rows in frames:
                    frame = conform(pd.DataFrame(rows), table) if rows else empty(table)
                    frame.to_parquet(tmp / f"{table.name}.parquet", index=False)
                os.rename(tmp, self.batches / name)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            return len(new_ids)

    def frames(self) -> Frames:
        """Every table, incidents merged from reports and quotes tied to their incidents."""
        articles = self.read(ARTICLES)
        reports = self.read(REPORTS)
        quotes = self.read(QUOTES)
        merged, incident_of = merge_reports(reports, articles)
        quotes["incident_id"] = quotes["report_id"].map(incident_of).astype("string")
        corrections = self.read_corrections()
        incidents, dismissed = apply_corrections(merged, corrections)
        return Frames(articles, reports, quotes, incidents, corrections, dismissed)

    def clean_stale_temporaries(self, older_than_s: float = 3600) -> None:
        """Remove half-written batches a killed ingest left behind (never read, only clutter)."""
        if not self.root.is_dir():
            return
        for p in self.root.glob(".tmp-*"):
            if time.time() - p.stat().st_mtime > older_than_s:
                shutil.rmtree(p, ignore_errors=True)
