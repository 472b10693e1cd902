"""tocsin.to_frame, tocsin.Store: data frames analysts filter on, and the event store."""
import csv
import io
import json
import threading

import pandas as pd
import pytest

import tocsin
from conftest import SEED, SEED_DATE


@pytest.fixture(scope="module")
def seed_records(seed_text):
    return tocsin.extract(seed_text, date=SEED_DATE)


def test_frame_one_row_per_event_with_columns_and_dtypes(seed_records):
    df = tocsin.to_frame(seed_records)
    assert list(df.columns) == list(tocsin.EVENT_COLUMNS)
    assert len(df) == len(seed_records.events)
    assert pd.api.types.is_datetime64_dtype(df["date"])
    assert pd.api.types.is_datetime64_dtype(df["doc_date"])
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert isinstance(df["modality"].dtype, pd.CategoricalDtype)
    assert df["confidence"].dtype == "float64"
    assert df["lat"].dtype == "float64" and df["lon"].dtype == "float64"
    assert str(df["fatalities"].dtype) == "Int64" and str(df["precision"].dtype) == "Int64"
    assert str(df["actor1_inferred"].dtype) == "boolean"
    assert df["casualty_claims"].dtype == "int64"
    for name, dtype in tocsin.EVENT_COLUMNS.items():
        assert str(df[name].dtype) == dtype, name


def test_frame_filters_an_analyst_writes(seed_records):
    df = tocsin.to_frame(seed_records)
    shelling = df[(df.kind == "shelling") & (df.actor1 == "AZE")].iloc[0]
    assert shelling.place == "Goris" and shelling.country == "ARM"
    assert shelling.territory == "sovereign" and shelling.actor2 == "ARM"
    assert shelling.places[:3] == ["Goris", "Sotk", "Jermuk"]
    assert shelling.countries == ["ARM"]
    assert "Goris" in shelling.sentence
    assert shelling.date == pd.Timestamp(SEED_DATE)
    assert 39 < shelling.lat < 40 and 46 < shelling.lon < 47
    assert df[df.country == "ARM"].shape[0] >= 2
    assert df.doc_title.iloc[0].startswith("L’Arménie demande")


def test_frame_of_nothing_keeps_columns_and_dtypes():
    df = tocsin.to_frame([])
    assert list(df.columns) == list(tocsin.EVENT_COLUMNS) and len(df) == 0
    assert pd.api.types.is_datetime64_dtype(df["date"]) and str(df["victims"].dtype) == "Int64"


def test_frame_reads_cli_json_lines(seed_records):
    lines = [json.dumps(r, ensure_ascii=False) for r in seed_records]
    again = tocsin.to_frame(json.loads(line) for line in lines)
    pd.testing.assert_frame_equal(again, tocsin.to_frame(seed_records))


def test_documents_from_a_data_frame_with_missing_values(seed_text):
    title, text = seed_text.split("\n", 1)
    docs = pd.DataFrame({"id": ["a", "b"], "title": [title, None],
                         "text": [text, "Jermuk was shelled."],
                         "url": ["https://example.org/a", float("nan")],
                         "date": [pd.Timestamp(SEED_DATE), pd.NaT]})
    records = tocsin.extract(docs.to_dict("records"), date="2022-09-14")
    a, b = records.documents
    assert a["url"] == "https://example.org/a" and a["date"] == SEED_DATE
    assert "url" not in b and b["date"] == "2022-09-14" and b["title"] == ""


def test_frame_rejects_non_records():
    with pytest.raises(TypeError):
        tocsin.to_frame(["not a record"])


def test_geoframe():
    gpd = pytest.importorskip("geopandas")
    records = tocsin.extract(SEED, date=SEED_DATE)
    gdf = tocsin.to_geoframe(records)
    assert isinstance(gdf, gpd.GeoDataFrame) and gdf.crs.to_epsg() == 4326
    assert len(gdf) == len(records.events)
    goris = gdf[gdf.place == "Goris"].geometry.iloc[0]
    assert 46 < goris.x < 47 and 39 < goris.y < 40
    assert gdf[gdf.lat.isna()].geometry.isna().all()
    armenia = gdf.cx[43.4:46.7, 38.8:41.3]
    assert "Goris" in set(armenia.place)


def test_geoframe_without_geopandas_says_what_to_install(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_geopandas(name, *args, **kwargs):
        if name.split(".")[0] in ("geopandas", "shapely"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_geopandas)
    with pytest.raises(ImportError, match="python3-geopandas"):
        tocsin.to_geoframe([])


# --- Store -----------------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    with tocsin.Store(tmp_path / "t.db") as s:
        yield s


def test_store_ingest_query_export(store):
    stats = store.ingest(SEED, date=SEED_DATE)
    assert stats["stored"] == 1 and stats["failed"] == 0 and stats["mentions"] >= 4
    df = store.events()
    assert list(df.columns) == list(tocsin.FUSED_EVENT_COLUMNS)
    for name, dtype in tocsin.FUSED_EVENT_COLUMNS.items():
        assert str(df[name].dtype) == dtype, name
    shelling = df[df.kind == "shelling"].iloc[0]
    assert shelling.actor1 == "AZE" and shelling.country == "ARM"
    assert shelling.date_start == pd.Timestamp(SEED_DATE)
    assert shelling.doc_ids == ["armenia-azerbaijan-2022-09-13.fr.txt"]

    assert set(store.events(kind="shelling").kind) == {"shelling"}
    assert len(store.events(kind=["shelling", "ceasefire"])) >= 1
    assert (store.events(country="ARM").country == "ARM").all()
    assert len(store.events(since="2022-09-14")) == 0
    assert len(store.events(until="2022-09-12")) == 0
    armenia = (43.4, 38.8, 46.7, 41.3)
    assert len(store.events(bbox=armenia)) >= 1 and len(store.events(bbox=(0, 0, 1, 1))) == 0

    rows = list(csv.DictReader(io.StringIO(store.export("csv"))))
    assert len(rows) == len(df) and rows[0]["event_id"]
    geo = json.loads(store.export("geojson", kind="shelling"))
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"]["type"] == "Point"
    assert store.stats()["documents"] == 1
    report = store.assess(treaties="CSTO")
    assert any(t["conditions_met"] for t in report["treaty_triggers"])


def test_store_ingest_is_idempotent_and_bad_input_writes_nothing(store, seed_text):
    store.ingest(seed_text, date=SEED_DATE)
    assert store.ingest(seed_text, date=SEED_DATE)["duplicates"] == 1
    with pytest.raises(tocsin.InputError, match=r"documents\[1\]"):
        store.ingest(["Jermuk was shelled overnight by Azerbaijani troops.", b"\xff"])
    assert store.stats()["documents"] == 1
    stats = store.ingest(["Jermuk was shelled overnight by Azerbaijani troops.", b"\xff"],
                         date=SEED_DATE, on_error="skip")
    assert stats["stored"] == 1 and stats["failed"] == 1
    assert stats["failures"][0].startswith("documents[1]")


def test_store_export_to_file(store, tmp_path):
    store.ingest(SEED, date=SEED_DATE)
    path = store.export("geojson", path=tmp_path / "events.geojson")
    assert json.load(open(path))["features"]
    assert not (tmp_path / "events.geojson.tmp").exists()


@pytest.mark.parametrize("kwargs", [
    {"since": "yesterday"}, {"bbox": (10, 10, 0, 0)}, {"bbox": (1, 2, 3)},
])
def test_store_bad_filters(store, kwargs):
    with pytest.raises(tocsin.InputError):
        store.events(**kwargs)


def test_store_errors(tmp_path):
    with pytest.raises(tocsin.InputError, match="format"):
        tocsin.Store(tmp_path / "a.db").export("xlsx")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(tocsin.Error, match="junk.db"):
        tocsin.Store(junk)
    with pytest.raises(tocsin.Error):
        tocsin.Store(tmp_path / "none.db", create=False)
    s = tocsin.Store(tmp_path / "b.db")
    s.close()
    with pytest.raises(tocsin.Error, match="closed"):
        s.events()


def test_store_used_from_several_threads(store, seed_text):
    texts = [f"{seed_text}\nMise à jour {i}." for i in range(4)]
    errors = []

    def work(i):
        try:
            store.ingest(texts[i], date=SEED_DATE, threads=1)
            store.events()
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and store.stats()["documents"] == 4
