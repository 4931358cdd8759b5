"""AppTest of the analyst's pages: paste an article, review, save; correct an incident."""

from __future__ import annotations

import shutil

import pandas as pd
from streamlit.testing.v1 import AppTest

from loaders.ingest import ingest_paths
from loaders.store import Store
from tests.conftest import ROOT, SEEDS


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def empty_store(monkeypatch, tmp_path) -> Store:
    monkeypatch.setenv("CONFLICT_DATA_DIR", str(tmp_path / "store"))
    (tmp_path / "no-seeds").mkdir()
    monkeypatch.setenv("CONFLICT_SEEDS_DIR", str(tmp_path / "no-seeds"))
    return Store(tmp_path / "store")


def test_paste_review_then_save(monkeypatch, tmp_path) -> None:
    store = empty_store(monkeypatch, tmp_path)
    at = app().run()
    at.switch_page("app_pages/add.py").run()
    seed_text = next(SEEDS.iterdir()).read_text()
    at.text_area(key="add_text").set_value(seed_text)
    at.text_input(key="add_source").set_value("AFP")
    at.button(key="add_read_text").click().run()
    assert not at.exception
    review = " ".join(m.value for m in at.markdown)
    assert "Baghdad" in review and "Mosul" in review
    assert not store.version(), "nothing is stored before the analyst saves"
    at.button(key="add_save").click().run()
    assert not at.exception
    assert "Saved 2 article(s)" in at.success[0].value
    assert metrics(at)["Incidents in view"] == "2"
    # the same text again: recognised, nothing to save
    at.text_area(key="add_text").set_value(seed_text)
    at.button(key="add_read_text").click().run()
    assert any("Already in the store" in i.value for i in at.info)
    assert len(store.version()) == 1


def test_an_unreadable_paste_is_a_message(monkeypatch, tmp_path) -> None:
    empty_store(monkeypatch, tmp_path)
    at = app().run()
    at.switch_page("app_pages/add.py").run()
    at.text_area(key="add_text").set_value("Subscribe to our newsletter")
    at.button(key="add_read_text").click().run()
    assert not at.exception
    assert at.info or at.warning  # no incident or not a story: said, not raised


def test_correct_the_baghdad_wounded_figure(monkeypatch, tmp_path, seed_store) -> None:
    shutil.copytree(seed_store.root, tmp_path / "store")
    monkeypatch.setenv("CONFLICT_DATA_DIR", str(tmp_path / "store"))
    at = app().run()
    at.switch_page("app_pages/incidents.py").run()
    assert metrics(at)["Wounded (low–high)"] == "110"
    incidents = Store(tmp_path / "store").frames().incidents
    baghdad = incidents.loc[incidents["location"] == "Baghdad", "incident_id"].iloc[0]
    at.selectbox(key="fix_incident").set_value(baghdad).run()
    wounded_best = next(n for n in at.number_input if n.label == "Wounded best")
    wounded_best.set_value(120)
    next(t for t in at.text_area if t.label == "Why (note)").set_value("ministry figure")
    at.text_input(key="fix_author").set_value("Ana")
    next(b for b in at.button if b.label == "Save correction").click().run()
    assert not at.exception and not at.error
    assert "Saved 3 correction(s)" in at.success[0].value
    assert metrics(at)["Wounded (low–high)"] == "120"
    table = at.dataframe[0].value.set_index("location")
    assert table.loc["Baghdad", "wounded_best"] == 120
    assert "110 → 120 (ministry figure), by Ana" in table.loc["Baghdad", "corrections"]


def test_a_correction_without_a_name_is_refused(monkeypatch, tmp_path, seed_store) -> None:
    shutil.copytree(seed_store.root, tmp_path / "store")
    monkeypatch.setenv("CONFLICT_DATA_DIR", str(tmp_path / "store"))
    at = app().run()
    at.switch_page("app_pages/incidents.py").run()
    first = Store(tmp_path / "store").frames().incidents["incident_id"].iloc[0]
    at.selectbox(key="fix_incident").set_value(first).run()
    next(n for n in at.number_input if n.label == "Killed best").set_value(1)
    next(b for b in at.button if b.label == "Save correction").click().run()
    assert "say who makes the correction" in at.error[0].value
    assert Store(tmp_path / "store").frames().corrections.empty


def test_a_correction_records_only_what_the_analyst_changed(monkeypatch, tmp_path, gazetteer) -> None:
    # An undated story: the form must not turn its empty date precision into "day" on save.
    store = empty_store(monkeypatch, tmp_path)
    ingest_text = "Gunmen killed four guards at a checkpoint near Kandahar, police said."
    (tmp_path / "undated.txt").write_text(ingest_text)
    ingest_paths([tmp_path / "undated.txt"], store, gazetteer)
    incident = store.frames().incidents.iloc[0]
    assert pd.isna(incident["date_precision"])
    at = app().run()
    at.switch_page("app_pages/incidents.py").run()
    at.selectbox(key="fix_incident").set_value(incident["incident_id"]).run()
    next(n for n in at.number_input if n.label == "Killed best").set_value(5)
    at.text_input(key="fix_author").set_value("Ana")
    next(b for b in at.button if b.label == "Save correction").click().run()
    assert not at.exception and not at.error
    assert set(store.frames().corrections["field"]) == {"killed_low", "killed_best", "killed_high"}
