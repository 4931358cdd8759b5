"""AppTest smoke tests: every page on the seed data and on an empty store; URL <-> filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.store import Store
from tests.conftest import PAGES, ROOT

TITLES = {
    "app_pages/overview.py": "Conflict monitor",
    "app_pages/map.py": "Map",
    "app_pages/timeline.py": "Timeline",
    "app_pages/quotes.py": "Quotes",
    "app_pages/incidents.py": "Incidents",
    "app_pages/add.py": "Add articles",
}


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


@pytest.fixture
def seeded(monkeypatch, seed_store: Store) -> Store:
    monkeypatch.setenv("CONFLICT_DATA_DIR", str(seed_store.root))
    return seed_store


@pytest.fixture
def empty(monkeypatch, tmp_path) -> Path:
    monkeypatch.setenv("CONFLICT_DATA_DIR", str(tmp_path / "store"))
    (tmp_path / "no-seeds").mkdir()
    monkeypatch.setenv("CONFLICT_SEEDS_DIR", str(tmp_path / "no-seeds"))  # stay empty
    return tmp_path


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_seed_data(seeded, page: str) -> None:
    at = app().run()
    at.switch_page(page).run()
    assert not at.exception
    assert not at.error
    assert at.title[0].value == TITLES[page]
    assert metrics(at)["Incidents in view"] == "2"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_an_empty_store(empty, page: str) -> None:
    at = app().run()
    at.switch_page(page).run()
    assert not at.exception
    assert not at.error
    assert any("store is empty" in i.value for i in at.info)


def test_empty_data_dir_gets_the_seeds(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("CONFLICT_DATA_DIR", str(tmp_path))
    at = app().run()
    assert not at.exception
    assert metrics(at)["Incidents in view"] == "2"
    assert Store(tmp_path).version()


def test_unreadable_store_is_a_message_not_a_traceback(monkeypatch, tmp_path) -> None:
    batch = tmp_path / "batches" / "0001-broken"
    batch.mkdir(parents=True)
    (batch / "articles.parquet").write_bytes(b"not parquet")
    monkeypatch.setenv("CONFLICT_DATA_DIR", str(tmp_path))
    at = app().run()
    assert not at.exception
    assert "could not be read" in at.error[0].value


def test_query_params_restore_the_filters(seeded) -> None:
    at = app()
    at.query_params.update({"min_killed": "40", "country": "Iraq", "precision": ["3", "2"]})
    at.run()
    assert not at.exception
    assert at.sidebar.number_input(key="f_min_killed").value == 40
    assert at.sidebar.multiselect(key="f_country").value == ["Iraq"]
    assert metrics(at) == {"Incidents in view": "1", "Killed (low–high)": "42", "Wounded (low–high)": "not reported"}
    assert at.query_params == {"country": "Iraq", "min_killed": "40", "precision": ["2", "3"]}


def test_junk_in_the_url_is_a_notice(seeded) -> None:
    at = app()
    at.query_params.update({"min_killed": "lots", "from": "2021-02-30", "utm_source": "mail", "type": "Riots"})
    at.run()
    assert not at.exception
    text = at.warning[0].value
    assert "min_killed=lots" in text and "utm_source" in text and "from=2021-02-30" in text
    assert at.query_params == {"type": "Riots"}  # the junk leaves the URL, the valid part stays
    assert metrics(at)["Incidents in view"] == "0"


def test_switching_page_keeps_the_filters(seeded) -> None:
    at = app().run()
    at.sidebar.number_input(key="f_min_killed").set_value(40).run()
    assert at.query_params == {"min_killed": "40"}
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception
        assert at.sidebar.number_input(key="f_min_killed").value == 40
        assert metrics(at)["Incidents in view"] == "1"
        assert at.query_params == {"min_killed": "40"}


def test_quotes_page_search_and_speaker(seeded) -> None:
    at = app().run()
    at.switch_page("app_pages/quotes.py").run()
    assert len(at.dataframe[0].value) == 10
    at.multiselect(key="quotes_speaker").set_value(["Alex Mello"]).run()
    assert list(at.dataframe[0].value["quote"]) == ["a gap to exploit"]
    at.text_input(key="quotes_find").set_value("nothing like this").run()
    assert not at.dataframe and "No quotes match" in at.info[0].value


def test_incidents_table_shows_evidence(seeded) -> None:
    at = app().run()
    at.switch_page("app_pages/incidents.py").run()
    table = at.dataframe[0].value
    assert set(table["location"]) == {"Baghdad", "Mosul"}
    assert table["evidence"].str.contains("At least 32 people were killed").any()


def test_quotes_read_in_full(seeded) -> None:
    at = app().run()
    at.switch_page("app_pages/quotes.py").run()
    at.multiselect(key="quotes_speaker").set_value(["Alex Mello"]).run()
    assert at.expander[0].label.startswith("Read the quotes in full (1 shown)")
    text = " ".join(m.value for m in at.expander[0].markdown)
    assert "a gap to exploit" in text and "Alex Mello" in " ".join(c.value for c in at.expander[0].caption)
