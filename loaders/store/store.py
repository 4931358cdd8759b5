"""The store of loader outputs under a data folder: append-only batches, incidents kept at write time.

Layout (standard Parquet, so DuckDB, Spark or Trino can read it in place):
- `DIR/batches/<name>/{articles,reports,quotes,assignments}.parquet`: one batch per write.
  `assignments` says which incident each report of the batch belongs to, decided when the batch
  was written (assign.py) and renamed into place with it, so a crash leaves the whole batch or
  nothing. Names sort in the order batches were stored.
- A compacted batch holds several older batches' rows, in order, and lists their names in
  `replaces.json`; readers skip the batches it replaces, which are then deleted.
- `DIR/rebuilds/<name>.parquet`: every report's assignment after `rebuild` (a rule change). It is
  written first and is in force until its values have been copied into every batch's
  assignments file; it is then renamed `<name>.folded.parquet` and only names the generation.
- `DIR/corrections/<name>.parquet`: analysts' corrections, one file per save, compacted too.

Writers take a file lock to check which articles are new, assign their reports, rename their
batch and compact. Readers take no lock: they list the batches, read them, and start again if a
compaction removed a file under them. Incidents are a group-by of reports and assignments on read
(merge.incidents_from); corrections are applied on top (corrections.py).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from filelock import FileLock

from loaders.store.assign import COLUMNS as ASSIGN_COLUMNS
from loaders.store.assign import Assigner
from loaders.store.corrections import apply_corrections
from loaders.store.merge import incidents_from
from loaders.store.schema import ARTICLES, ASSIGNMENTS, CORRECTIONS, INCIDENTS, QUOTES, REPORTS, Table, conform, empty

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data"
BATCH_TABLES = (ARTICLES, REPORTS, QUOTES, ASSIGNMENTS)
REPLACES = "replaces.json"
FOLDED = ".folded"
# Compaction: a window of COMPACT_WINDOW consecutive batches is merged into one when none of them
# holds more than a quarter of the window's articles. Batches of similar size merge (many small
# saves become one), a big batch is not rewritten for a few small ones, and the number of batches
# grows with the logarithm of the store, not with the number of writes.
COMPACT_WINDOW = 8
CORRECTION_FILES_MAX = 16
READ_ATTEMPTS = 5
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Frames:
    articles: pd.DataFrame
    reports: pd.DataFrame
    quotes: pd.DataFrame
    incidents: pd.DataFrame  # merged, with corrections applied; dismissed ones left out
    corrections: pd.DataFrame = field(default_factory=lambda: empty(CORRECTIONS))  # every one made: the audit trail
    dismissed: pd.DataFrame = field(default_factory=lambda: empty(INCIDENTS))  # marked "not an incident"


@dataclass(frozen=True)
class Layout:
    """What a reader sees of the store at one moment."""

    batches: tuple[Path, ...]  # in force, in stored order
    replaced: tuple[Path, ...]  # compacted into a batch above; left over until deleted
    rebuild: Path | None  # the latest rebuild file
    corrections: tuple[Path, ...]

    @property
    def rebuild_in_force(self) -> bool:
        return self.rebuild is not None and not self.rebuild.name.endswith(FOLDED + ".parquet")

    @property
    def generation(self) -> tuple[str, ...]:
        return (self.rebuild.name.split(".")[0],) if self.rebuild else ()


def _new_name() -> str:
    """A file or batch name that sorts in the order things were stored."""
    return f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"


def _read_files(paths: Iterable[Path], table: Table, columns: list[str] | None = None) -> pd.DataFrame:
    """The rows of `paths` in the table's schema; with `columns`, only those (read from disk)."""
    if columns is not None:
        table = Table(table.name, {c: d for c, d in table.columns.items() if c in columns}, table.key)
    parts = []
    for path in paths:
        file = pq.ParquetFile(path)
        # Old batches may lack a newer column: conform fills it in.
        present = [c for c in table.columns if c in file.schema_arrow.names] if columns is not None else None
        frame = file.read(columns=present).to_pandas()
        if not frame.empty:
            parts.append(frame)
    return conform(pd.concat(parts, ignore_index=True), table) if parts else empty(table)


def _existing(batches: Iterable[Path], table: Table) -> list[Path]:
    # A file that vanishes after this check was compacted away: the read raises and starts again.
    return [p for p in (d / f"{table.name}.parquet" for d in batches) if p.exists()]


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(f".tmp-{uuid.uuid4().hex[:8]}-{path.name}")
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def _retrying(read: Callable[[], object]) -> object:
    """Run a read of the batches again when a compaction removed a file under it."""
    for attempt in range(READ_ATTEMPTS):
        try:
            return read()
        except FileNotFoundError:
            if attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _stored_articles(batches: Iterable[Path]) -> tuple[set[str], dict[str, int]]:
    """The article ids the batches hold, and how many each holds."""
    ids: set[str] = set()
    sizes: dict[str, int] = {}
    for d in batches:
        mine = pd.read_parquet(d / "articles.parquet", columns=["article_id"])["article_id"]
        ids.update(mine)
        sizes[d.name] = len(mine)
    return ids, sizes


@dataclass
class _Writer:
    """A writer's picture of the store: the assigner over every stored report, the stored
    article ids and the size of each batch. Kept between writes and brought up to date from the
    batches other writers added, so a write costs its own rows, not the whole store."""

    assigner: Assigner
    article_ids: set[str]
    sizes: dict[str, int]  # batch name -> articles, for the batches this picture holds
    generation: tuple[str, ...]


class Store:
    def __init__(self, root: Path = DEFAULT_DATA):
        self.root = Path(root)
        self.batches = self.root / "batches"
        self.corrections = self.root / "corrections"
        self.rebuilds = self.root / "rebuilds"
        self._lock = FileLock(str(self.root / ".ingest.lock"))
        self._writer: _Writer | None = None

    # --- what is there -------------------------------------------------------------------

    def layout(self) -> Layout:
        dirs = (
            sorted(p for p in self.batches.iterdir() if p.is_dir() and not p.name.startswith("."))
            if self.batches.is_dir()
            else []
        )
        replaced_names: set[str] = set()
        for d in dirs:
            try:
                replaced_names.update(json.loads((d / REPLACES).read_text()))
            except FileNotFoundError:
                continue
            except (OSError, ValueError):
                log.warning("unreadable %s in %s", REPLACES, d)
        rebuilds = sorted(self.rebuilds.glob("*.parquet")) if self.rebuilds.is_dir() else []
        rebuilds = [p for p in rebuilds if not p.name.startswith(".")]
        return Layout(
            batches=tuple(d for d in dirs if d.name not in replaced_names),
            replaced=tuple(d for d in dirs if d.name in replaced_names),
            rebuild=rebuilds[-1] if rebuilds else None,
            corrections=tuple(self.correction_files()),
        )

    def batch_dirs(self) -> list[Path]:
        return list(self.layout().batches)

    def correction_files(self) -> list[Path]:
        if not self.corrections.is_dir():
            return []
        return sorted(p for p in self.corrections.glob("*.parquet") if not p.name.startswith("."))

    def data_version(self) -> tuple[str, ...]:
        """Changes whenever a batch lands, is compacted or assignments are rebuilt."""
        layout = self.layout()
        return tuple(p.name for p in layout.batches) + layout.generation

    def corrections_version(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.correction_files())

    def version(self) -> tuple[str, ...]:
        """Changes whenever a batch or a correction lands: the key for caching what was read."""
        return self.data_version() + self.corrections_version()

    # --- reading -------------------------------------------------------------------------

    def read(self, table: Table, columns: list[str] | None = None) -> pd.DataFrame:
        """One stored table (articles, reports, quotes, assignments) across the batches, in stored order."""

        def read() -> pd.DataFrame:
            return _read_files(_existing(self.layout().batches, table), table, columns)

        return _retrying(read)

    def read_corrections(self) -> pd.DataFrame:
        def read() -> pd.DataFrame:
            frame = _read_files(self.correction_files(), CORRECTIONS)
            # A compaction writes its merged file before it removes the files it merged.
            return frame.drop_duplicates("correction_id").reset_index(drop=True)

        return _retrying(read)

    def article_ids(self) -> set[str]:
        return set(self.read(ARTICLES, ["article_id"])["article_id"])

    def article_sources(self) -> dict[str, str]:
        """article_id -> the file or URL it was first stored from (to name a duplicate's original)."""
        frame = self.read(ARTICLES, ["article_id", "source"])
        return dict(zip(frame["article_id"][::-1], frame["source"][::-1], strict=True))

    def _incident_of(self, layout: Layout, reports: pd.DataFrame) -> pd.Series:
        """Each report's incident id in force: the batches' assignments, a rebuild's over them,
        and for reports of batches written before assignments were stored, assigned now."""
        stored = _read_files(_existing(layout.batches, ASSIGNMENTS), ASSIGNMENTS)
        mapping = pd.Series(stored["incident_id"].to_numpy(), index=stored["report_id"].to_numpy())
        if layout.rebuild_in_force:
            rebuilt = pd.read_parquet(layout.rebuild)
            mapping = pd.Series(rebuilt["incident_id"].to_numpy(), index=rebuilt["report_id"].to_numpy()).combine_first(mapping)
        if not mapping.index.is_unique:
            mapping = mapping[~mapping.index.duplicated(keep="last")]
        incident_of = reports["report_id"].map(mapping).astype("string")
        if incident_of.isna().any():
            log.warning(
                "%d reports have no stored incident; assigning them now (python -m loaders rebuild stores it)",
                incident_of.isna().sum(),
            )
            known = [None if pd.isna(i) else i for i in incident_of]
            incident_of = pd.Series(Assigner().add_frame(reports, known), index=reports.index, dtype="string")
        return incident_of

    def uncorrected(self, article_text: bool = True) -> Frames:
        """Every table, incidents grouped from reports by their stored assignments; no corrections.
        `article_text=False` leaves the articles' text out (the pages never show it)."""

        def read() -> Frames:
            layout = self.layout()
            article_columns = None if article_text else [c for c in ARTICLES.columns if c != "text"]
            paths = {t.name: _existing(layout.batches, t) for t in (ARTICLES, REPORTS, QUOTES)}
            articles = _read_files(paths["articles"], ARTICLES, article_columns)
            if not article_text:
                articles = articles.assign(text=pd.Series(pd.NA, index=articles.index, dtype="string"))
            reports = _read_files(paths["reports"], REPORTS)
            quotes = _read_files(paths["quotes"], QUOTES)
            incident_of = self._incident_of(layout, reports)
            incidents = incidents_from(reports, incident_of, articles)
            by_report = pd.Series(incident_of.to_numpy(), index=reports["report_id"].to_numpy())
            quotes["incident_id"] = quotes["report_id"].map(by_report).astype("string")
            return Frames(articles, reports, quotes, incidents)

        return _retrying(read)

    def corrected(self, base: Frames) -> Frames:
        """`base` (from `uncorrected`) with every analyst's correction applied on top."""
        corrections = self.read_corrections()
        incidents, dismissed = apply_corrections(base.incidents, corrections)
        return replace(base, incidents=incidents, corrections=corrections, dismissed=dismissed)

    def frames(self, article_text: bool = True) -> Frames:
        """Every table, incidents merged from reports, quotes tied to them, corrections applied."""
        return self.corrected(self.uncorrected(article_text))

    # --- writing -------------------------------------------------------------------------

    def add_corrections(self, rows: list[dict]) -> int:
        """Store corrections (rows of CORRECTIONS) in one new file, atomically. Returns rows stored."""
        if not rows:
            return 0
        frame = conform(pd.DataFrame(rows), CORRECTIONS)  # a bad row raises before anything is written
        self.corrections.mkdir(parents=True, exist_ok=True)
        self._ensure_root()
        with self._lock:
            _write_parquet(frame, self.corrections / f"{_new_name()}.parquet")
            self._compact_corrections()
        return len(frame)

    def _ensure_root(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)

    def append(self, articles: list[dict], reports: list[dict], quotes: list[dict]) -> int:
        """Store one batch atomically, its reports assigned to incidents; articles already stored
        are dropped. Returns articles added."""
        if not articles:
            return 0
        self._ensure_root()
        self.batches.mkdir(parents=True, exist_ok=True)
        with self._lock:
            writer = self._sync()
            new_ids = {a["article_id"] for a in articles} - writer.article_ids
            if not new_ids:
                return 0
            new_articles = [a for a in articles if a["article_id"] in new_ids]
            rows = {
                ARTICLES.name: conform(pd.DataFrame(new_articles), ARTICLES),
                REPORTS.name: conform(pd.DataFrame([r for r in reports if r["article_id"] in new_ids]), REPORTS)
                if reports
                else empty(REPORTS),
                QUOTES.name: conform(pd.DataFrame([q for q in quotes if q["article_id"] in new_ids]), QUOTES)
                if quotes
                else empty(QUOTES),
            }
            # A bad row raised above, before the assigner saw anything; from here on a failure
            # leaves the assigner ahead of the store, so it is dropped and rebuilt from disk.
            try:
                incident_ids = writer.assigner.add_frame(rows[REPORTS.name])
                rows[ASSIGNMENTS.name] = conform(
                    pd.DataFrame({"report_id": rows[REPORTS.name]["report_id"], "incident_id": incident_ids}), ASSIGNMENTS
                )
                name = self._write_batch(rows)
            except BaseException:
                self._writer = None
                raise
            writer.article_ids |= new_ids
            writer.sizes[name] = len(new_ids)
            self._compact(writer)
            return len(new_ids)

    def _write_batch(self, rows: dict[str, pd.DataFrame], name: str | None = None, replaces: list[str] | None = None) -> str:
        name = name or _new_name()
        tmp = self.root / f".tmp-{name}"
        tmp.mkdir(parents=True)
        try:
            for table in BATCH_TABLES:
                rows.get(table.name, empty(table)).to_parquet(tmp / f"{table.name}.parquet", index=False)
            if replaces:
                (tmp / REPLACES).write_text(json.dumps(replaces))
            os.rename(tmp, self.batches / name)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return name

    def _load_writer(self, layout: Layout) -> _Writer:
        reports = _read_files(_existing(layout.batches, REPORTS), REPORTS, ASSIGN_COLUMNS)
        incident_of = self._incident_of(layout, reports)
        assigner = Assigner()
        assigner.add_frame(reports, incident_of.tolist())
        ids, sizes = _stored_articles(layout.batches)
        return _Writer(assigner, ids, sizes, layout.generation)

    def _sync(self) -> _Writer:
        """Under the lock: the writer's picture brought up to date with what is on disk. Stores
        written before assignments existed, and a rebuild a crash left half copied, are finished first."""
        layout = self.layout()
        for leftover in layout.replaced:
            shutil.rmtree(leftover, ignore_errors=True)
        if any(not (d / "assignments.parquet").exists() for d in layout.batches) or layout.rebuild_in_force:
            self._rebuild(layout)
            layout = self.layout()
        writer = self._writer
        names = {d.name for d in layout.batches}
        if writer is not None and writer.generation == layout.generation and set(writer.sizes) <= names:
            new = [d for d in layout.batches if d.name not in writer.sizes]
            # Another writer's compaction replaced batches this picture holds: start afresh.
            if any(json.loads((d / REPLACES).read_text()) for d in new if (d / REPLACES).exists()):
                writer = None
            else:
                try:
                    reports = _read_files(_existing(new, REPORTS), REPORTS, ASSIGN_COLUMNS)
                    stored = _read_files(_existing(new, ASSIGNMENTS), ASSIGNMENTS)
                    by_report = pd.Series(stored["incident_id"].to_numpy(), index=stored["report_id"].to_numpy())
                    writer.assigner.add_frame(reports, reports["report_id"].map(by_report).tolist())
                    ids, sizes = _stored_articles(new)
                    writer.article_ids |= ids
                    writer.sizes |= sizes
                except BaseException:
                    writer = None
                    raise
        else:
            writer = None
        if writer is None:
            writer = self._load_writer(layout)
        self._writer = writer
        return writer

    # --- rebuild and compaction ----------------------------------------------------------

    def rebuild(self, progress: Callable[[str], None] | None = None) -> dict[str, float]:
        """Assign every stored report again, in stored order, under the current rules; store it.
        Returns figures: reports, incidents before and after, seconds."""
        self._ensure_root()
        with self._lock:
            layout = self.layout()
            # Incidents as stored before (reports of batches written before assignments existed have none).
            before = self.read(ASSIGNMENTS)["incident_id"].nunique()
            started = time.perf_counter()
            figures = self._rebuild(layout, progress)
            return {"incidents_before": before, **figures, "seconds": time.perf_counter() - started}

    def _rebuild(self, layout: Layout, progress: Callable[[str], None] | None = None) -> dict[str, float]:
        say = progress or (lambda _: None)
        say("reading reports")
        reports = _read_files(_existing(layout.batches, REPORTS), REPORTS, ASSIGN_COLUMNS)
        say(f"assigning {len(reports):,} reports")
        assigner = Assigner()
        incident_ids = assigner.add_frame(reports)
        assignments = conform(pd.DataFrame({"report_id": reports["report_id"], "incident_id": incident_ids}), ASSIGNMENTS)
        say("storing assignments")
        self.rebuilds.mkdir(parents=True, exist_ok=True)
        generation = _new_name()
        # In force as soon as it lands: readers take it over the batches' own assignments ...
        rebuilt = self.rebuilds / f"{generation}.parquet"
        _write_parquet(assignments, rebuilt)
        # ... while its values are copied into each batch, so the batches alone say it again.
        by_report = assignments.set_index("report_id")["incident_id"]
        for d in layout.batches:
            mine = pd.read_parquet(d / "reports.parquet", columns=["report_id"])["report_id"]
            own = pd.DataFrame({"report_id": mine.to_numpy(), "incident_id": mine.map(by_report).to_numpy()})
            _write_parquet(conform(own, ASSIGNMENTS), d / "assignments.parquet")
        os.replace(rebuilt, self.rebuilds / f"{generation}{FOLDED}.parquet")
        for old in self.rebuilds.glob("*.parquet"):
            if not old.name.startswith(generation):
                old.unlink(missing_ok=True)
        ids, sizes = _stored_articles(layout.batches)
        self._writer = _Writer(assigner, ids, sizes, (generation,))
        return {"reports": len(reports), "incidents": len(assigner)}

    def _compact(self, writer: _Writer) -> None:
        """Merge windows of similar-sized batches until none is left (see COMPACT_WINDOW)."""
        while True:
            names = sorted(writer.sizes)
            window = None
            for start in range(len(names) - COMPACT_WINDOW, -1, -1):  # the newest windows first
                run = names[start : start + COMPACT_WINDOW]
                sizes = [writer.sizes[n] for n in run]
                if max(sizes) * 4 <= sum(sizes):
                    window = run
                    break
            if window is None:
                return
            rows = {
                t.name: conform(
                    pd.concat([pd.read_parquet(self.batches / n / f"{t.name}.parquet") for n in window], ignore_index=True), t
                )
                for t in BATCH_TABLES
            }
            # Named after the first batch it replaces, so it sorts where its rows were stored.
            merged = self._write_batch(rows, name=f"{window[0]}-c{uuid.uuid4().hex[:6]}", replaces=window)
            for n in window:
                shutil.rmtree(self.batches / n, ignore_errors=True)
                del writer.sizes[n]
            writer.sizes[merged] = len(rows[ARTICLES.name])

    def _compact_corrections(self) -> None:
        files = self.correction_files()
        if len(files) <= CORRECTION_FILES_MAX:
            return
        merged = conform(pd.concat([pd.read_parquet(p) for p in files], ignore_index=True), CORRECTIONS)
        _write_parquet(merged, self.corrections / f"{files[0].stem}-c{uuid.uuid4().hex[:6]}.parquet")
        for p in files:
            p.unlink(missing_ok=True)

    def clean_stale_temporaries(self, older_than_s: float = 3600) -> None:
        """Remove half-written batches a killed ingest left behind (never read, only clutter)."""
        if not self.root.is_dir():
            return
        for p in self.root.glob(".tmp-*"):
            if time.time() - p.stat().st_mtime > older_than_s:
                shutil.rmtree(p, ignore_errors=True)
