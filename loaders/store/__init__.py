"""The store: the one schema, the append-only batches on disk, the merge of reports into
incidents, and analysts' corrections on top. Everything outside reads data through `Store`
and the `Frames` it returns."""

from loaders.store.store import DEFAULT_DATA, Frames, Store

__all__ = ["DEFAULT_DATA", "Frames", "Store"]
