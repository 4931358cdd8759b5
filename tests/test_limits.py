"""Size limits: one number for uploads and files, shown to the user in the same words."""

from __future__ import annotations

import tomllib

from loaders.ingest import ingest_paths
from loaders.read.pages import MAX_BYTES, MAX_UPLOAD_MB, SIZE_LIMIT_TEXT, ReadError, decode, read_page
from loaders.store import Store
from tests.conftest import ROOT


def test_streamlit_upload_limit_is_the_reader_limit() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    assert MAX_BYTES == MAX_UPLOAD_MB * 1024 * 1024  # Streamlit counts upload megabytes this way
    assert f"{MAX_UPLOAD_MB} MB" in SIZE_LIMIT_TEXT


def test_a_page_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path) -> None:
    sentence = b"Gunmen killed three people in Mosul on Monday, police said. "
    at_limit = tmp_path / "at_limit.txt"
    at_limit.write_bytes((sentence * (MAX_BYTES // len(sentence) + 1))[:MAX_BYTES])
    assert len(read_page(at_limit).text) == MAX_BYTES
    over = tmp_path / "over.txt"
    over.write_bytes(at_limit.read_bytes() + b".")
    summary = ingest_paths([over], Store(tmp_path / "d"))
    assert summary.skipped == [(str(over), f"file too large (20 MB; the limit is {MAX_UPLOAD_MB} MB)")]


def test_decode_names_what_it_refused() -> None:
    for raw, reason in (
        (b"", "empty file"),
        (b" \n\t ", "empty file (nothing but white space)"),
        (b"\x00\x01abc", "binary file, not text"),
    ):
        try:
            decode(raw)
        except ReadError as error:
            assert str(error) == reason
        else:
            raise AssertionError(f"{raw!r} was read")
