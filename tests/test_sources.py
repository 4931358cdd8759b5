"""The contract every source kind keeps: a file of that kind yields rows of our tables.

One case per kind in `loaders.read.SOURCE_KINDS` (and per dataset the .csv reader knows); a new
kind without a case here fails `test_every_kind_has_a_case`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders.ingest import source_rows
from loaders.read.datasets import DATASETS
from loaders.read.pages import SOURCE_KINDS
from loaders.store.schema import ARTICLES, ORIGINS, QUOTES, REPORTS, conform
from tests.conftest import RESOURCES, SEEDS
from tests.datasets import GED_SAMPLE, acled_current_file, acled_eval_rows, write_acled


def _seed(_: Path) -> Path:
    return next(SEEDS.glob("*.txt"))


def _html(_: Path) -> Path:
    return RESOURCES / "html_afpbb_ja_nigeria_damboa_suicide_attack_2018.html"


def _feed(_: Path) -> Path:
    return RESOURCES / "reuters_world_news_feed_2018.rss"


def _acled(tmp: Path) -> Path:
    return write_acled(tmp / "acled.csv", acled_eval_rows()[:20])


def _acled_current(_: Path) -> Path:
    return acled_current_file()


def _ucdp(_: Path) -> Path:
    return GED_SAMPLE


# case -> (kind in SOURCE_KINDS, file maker, origin of its reports or None when the file has no
# incident the extractor can read: the Japanese AFPBB page yields an article and no report, as
# the extractor reads English only)
CASES = {
    "text page": ("text page", _seed, "article"),
    "HTML page": ("HTML page", _html, None),
    "feed": ("feed", _feed, "article"),
    "ACLED": ("dataset export (ACLED, UCDP GED)", _acled, "ACLED"),
    "ACLED current export": ("dataset export (ACLED, UCDP GED)", _acled_current, "ACLED"),
    "UCDP GED": ("dataset export (ACLED, UCDP GED)", _ucdp, "UCDP GED"),
}


def test_every_kind_has_a_case():
    assert {kind for kind, _, _ in CASES.values()} == set(SOURCE_KINDS)
    assert {d.name for d in DATASETS} <= set(CASES)


@pytest.mark.parametrize("case", list(CASES))
def test_source_yields_rows_of_the_schema(case, tmp_path, gazetteer):
    kind, make, origin = CASES[case]
    path = make(tmp_path)
    assert path.suffix in SOURCE_KINDS[kind]
    articles, reports, quotes = source_rows(path, gazetteer)
    assert articles
    assert bool(reports) == (origin is not None)
    # conform raises SchemaError on any value outside the schema (types, codes, ranges).
    articles = conform(pd.DataFrame(articles), ARTICLES)
    reports = conform(pd.DataFrame(reports), REPORTS)
    quotes = conform(pd.DataFrame(quotes), QUOTES) if quotes else None
    assert articles["article_id"].is_unique and reports["report_id"].is_unique
    assert set(reports["article_id"]) <= set(articles["article_id"])
    assert articles["source"].notna().all() and articles["text"].notna().all()
    if origin is not None:
        assert set(reports["origin"]) == {origin} and origin in ORIGINS
        assert reports["date"].notna().any() and reports["country"].notna().any()
    if quotes is not None:
        assert set(quotes["article_id"]) <= set(articles["article_id"])
