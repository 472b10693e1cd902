"""tocsin.extract / geoparse / assess: the records of the CLI, from Python values."""
import concurrent.futures
import json
import pathlib
import subprocess
import sys

import pytest

import tocsin
from conftest import SEED, SEED_DATE


def test_import_is_light():
    # pandas costs more than the 0.3 s import budget: it must load on the first data frame only.
    out = subprocess.run(
        [sys.executable, "-c",
         "import sys, tocsin; print('pandas' in sys.modules, 'numpy' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_seed_events_and_casualties(seed_text):
    records = tocsin.extract(seed_text, date=SEED_DATE)
    assert isinstance(records, list) and all(type(r) is dict for r in records)
    doc = records.documents[0]
    assert doc["lang"] == "fr" and doc["date"] == SEED_DATE and doc["frame"] == ["AZE", "ARM"]
    shelling = [e for e in records.events if e["kind"] == "shelling"][0]
    assert shelling["actor1"]["code"] == "AZE" and shelling["actor1"]["inferred"] is True
    assert shelling["actor2"]["code"] == "ARM"
    places = {p["name"]: p for p in shelling["places"]}
    for name in ("Goris", "Sotk", "Jermuk"):
        assert places[name]["country"] == "ARM"
        assert places[name]["territory"] == "sovereign"
    assert "Goris" in shelling["evidence"]["sentence"]
    kinds = {e["kind"] for e in records.events}
    assert {"request_assistance", "ceasefire"} <= kinds
    claims = {(c["qualifier"], c["count"], c["side"]) for c in records.casualties}
    assert ("approx", 50, "ARM") in claims and ("at_least", 7, "AZE") in claims
    # Evidence offsets point into the document's text, as in doc/records.md.
    title, text = seed_text.split("\n", 1)
    ev = shelling["evidence"]
    assert text.encode()[ev["start"]:ev["end"]].decode() == ev["sentence"]


def test_seed_round_trip_equals_cli(cli):
    """The records of a file are the CLI's JSON Lines, parsed."""
    out = subprocess.run([cli, "extract", "--date", SEED_DATE, str(SEED)],
                         capture_output=True, text=True, check=True).stdout
    expected = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert tocsin.extract(SEED, date=SEED_DATE) == expected
    assert tocsin.extract([SEED], date=SEED_DATE, threads=1) == expected


def test_text_and_dict_and_file_give_the_same_events(seed_text):
    title, text = seed_text.split("\n", 1)
    from_text = tocsin.extract(seed_text, date=SEED_DATE)
    from_dict = tocsin.extract({"id": "text", "title": title, "text": text, "date": SEED_DATE})
    strip = lambda rs: [{k: v for k, v in r.items() if k != "chars"} for r in rs.events]
    assert strip(from_text) == strip(from_dict)
    import datetime
    from_date = tocsin.extract({"id": "text", "title": title, "text": text,
                                "date": datetime.date(2022, 9, 13)})
    assert strip(from_date) == strip(from_text)
    aliases = tocsin.extract({"id": "text", "title": title, "body": text,
                              "published": "2022-09-13T06:30:00Z"})
    assert strip(aliases) == strip(from_text)


def test_batch_ids_order_and_threads(seed_text):
    docs = [seed_text, "Russian forces shelled Kharkiv on Monday, killing three civilians.",
            {"id": "mine", "text": "Des frappes aériennes ont visé Gaza hier.", "lang": "fr"}]
    one = tocsin.extract(docs, date=SEED_DATE, threads=1)
    two = tocsin.extract(docs, date=SEED_DATE, threads=2)
    assert one == two
    assert [d["doc_id"] for d in one.documents] == ["0", "1", "mine"]
    assert all(e["id"].startswith(e["doc_id"] + "#e") for e in one.events)


def test_concurrent_extract_calls_are_thread_safe(seed_text):
    # Russian loads its lemmatizer on the first Russian sentence: concurrent first uses too.
    docs = [seed_text] * 6 + ["Azerbaijani troops shelled Jermuk overnight."] * 6 + \
        ["Азербайджанские войска обстреляли Джермук ночью, погибли трое военных."] * 6
    expected = tocsin.extract(docs, date=SEED_DATE, threads=1)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda n: tocsin.extract(docs, date=SEED_DATE, threads=n),
                                [1, 2, 1, 2, 2, 1, 2, 2]))
    assert all(r == expected for r in results)


def test_extract_releases_the_gil(seed_text):
    """While a batch is extracted, other Python threads run: the longest pause of a ticking
    thread is far shorter than the call (holding the GIL would pause it for all of it)."""
    import threading
    import time
    tocsin.extract(seed_text)  # the extractor is loaded: the call below is extraction only
    docs, done, span = [seed_text] * 400, threading.Event(), {}

    def work():
        t0 = time.perf_counter()
        tocsin.extract(docs, threads=1)
        span["call"] = time.perf_counter() - t0
        done.set()

    worker = threading.Thread(target=work)
    last, longest = time.perf_counter(), 0.0
    worker.start()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    worker.join()
    assert longest < span["call"] / 2, (longest, span["call"])


def test_concurrent_first_calls_in_a_fresh_process():
    """The extractor, geoparser and Russian lemmatizer are created by whichever call comes first."""
    script = r"""
import concurrent.futures, sys, tocsin
docs = ["Azerbaijani troops shelled Jermuk overnight.",
        "Азербайджанские войска обстреляли Джермук ночью, погибли трое военных."] * 4
calls = [lambda: tocsin.extract(docs, threads=2), lambda: tocsin.geoparse(docs, threads=2)] * 4
with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
    results = [f.result() for f in [pool.submit(c) for c in calls]]
assert all(r == results[0] for r in results[0::2]) and all(r == results[1] for r in results[1::2])
assert results[0] == tocsin.extract(docs, threads=1)
print(len(results[0].events), len(results[1].places))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    events, places = map(int, out.stdout.split())
    assert events == 8 and places >= 8


def test_language_forced_and_unsupported():
    records = tocsin.extract("Unos soldados bombardearon la ciudad de Goris ayer por la noche.",
                             date=SEED_DATE)
    doc = records.documents[0]
    assert doc["lang"] not in ("fr", "en", "ru") and doc["warnings"] and not records.events
    forced = tocsin.extract("Shelling hit Goris.\nShelling hit Goris.", lang="en")
    assert forced.documents[0]["lang"] == "en"


def test_geoparse_seed(seed_text):
    records = tocsin.geoparse(seed_text, date=SEED_DATE)
    assert records.documents[0]["places"] == len(records.places)
    goris = [p for p in records.places if p["text"] == "Goris"]
    assert goris and goris[0]["country"] == "ARM" and goris[0]["territory"] == "sovereign"


def test_assess_seed_from_documents_and_from_records(seed_text):
    report = tocsin.assess(seed_text, date=SEED_DATE, treaties=["OTSC"])
    csto = [t for t in report["treaty_triggers"] if t["treaty"].startswith("CSTO")]
    assert csto and csto[0]["conditions_met"] is True
    assert csto[0]["member"] == "ARM" and csto[0]["aggressor"] == "AZE"
    records = tocsin.extract(seed_text, date=SEED_DATE)
    assert tocsin.assess(records, treaties="CSTO") == report


# --- bad input raises a clean exception, never crashes -------------------------------------

@pytest.mark.parametrize("bad, message", [
    (b"Shelling hit \xff\xfe Goris", "UTF-8"),
    (b"\x00\x01\x02\x03binary\x00", "invalid UTF-8 at byte 0"),
    ("", "empty document"),
    ("  \n\n  ", "empty document"),
    ("Shelling \x00 hit Goris.", "invalid UTF-8 at byte 9"),
    ({"text": "Shelling \x00 hit Goris."}, 'field "text" contains a NUL'),
    ("Shelling hit \ud800 Goris.", "Unicode"),
    ({"title": "no text"}, 'field "text" is missing'),
    ({"text": "Goris was shelled.", "date": "13/09/2022"}, 'field "date" is not a date'),
    ({"text": "Goris was shelled.", "published": "13/09/2022"}, 'field "published" is not a date'),
    ({"text": "  "}, "empty document"),
])
def test_bad_documents_raise_input_error(bad, message):
    with pytest.raises(tocsin.InputError, match=message) as e:
        tocsin.extract(bad)
    assert isinstance(e.value, ValueError) and isinstance(e.value, tocsin.Error)


def test_bad_document_in_a_batch_is_named_and_skippable():
    docs = ["Shelling hit Goris.\nArtillery hit Goris overnight.", b"\xc3\x28",
            "Jermuk was shelled."]
    with pytest.raises(tocsin.InputError, match=r"documents\[1\]"):
        tocsin.extract(docs)
    records = tocsin.extract(docs, on_error="skip")
    assert [d["doc_id"] for d in records.documents] == ["0", "2"]
    assert len(records.errors) == 1 and records.errors[0].startswith("documents[1]")


@pytest.mark.parametrize("bad", [42, None, 3.5, [1], [["nested"]], object(),
                                 {"text": object()}, [{"text": "Goris.", "title": b"x"}],
                                 {"text": "Goris was shelled.", "date": 20220913}])
def test_wrong_types_raise_type_error(bad):
    with pytest.raises(TypeError):
        tocsin.extract(bad)


def test_wrong_field_type_names_document_and_field():
    with pytest.raises(TypeError, match=r'documents\[1\]: field "date" must be a str or a '
                                        r"datetime.date, got int"):
        tocsin.extract(["Goris.", {"text": "Goris was shelled.", "date": 20220913}])


@pytest.mark.parametrize("kwargs, error", [
    ({"lang": "xx"}, tocsin.InputError), ({"lang": 3}, TypeError),
    ({"date": "13 September"}, tocsin.InputError), ({"date": 2022}, TypeError),
    ({"threads": 0}, tocsin.InputError), ({"threads": "2"}, TypeError),
    ({"on_error": "ignore"}, tocsin.InputError),
])
def test_bad_arguments(kwargs, error):
    with pytest.raises(error):
        tocsin.extract("Shelling hit Goris.", **kwargs)


def test_file_errors_name_file_and_line(tmp_path):
    with pytest.raises(tocsin.NotFoundError, match="no such file") as e:
        tocsin.extract(tmp_path / "missing.txt")
    assert isinstance(e.value, FileNotFoundError)
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text('{"text": "Goris was shelled."}\n{"text": oops}\n{"text": "Sotk too."}\n')
    with pytest.raises(tocsin.InputError, match=r"news\.jsonl:2: malformed JSON"):
        tocsin.extract(jsonl)
    records = tocsin.extract(jsonl, on_error="skip")
    assert len(records.documents) == 2 and "news.jsonl:2" in records.errors[0]


def test_assess_bad_treaty_and_records():
    with pytest.raises(tocsin.InputError, match="unknown treaty"):
        tocsin.assess("Shelling hit Goris.", treaties=["NOPE"])
    with pytest.raises(tocsin.InputError, match="records"):
        tocsin.assess([{"record": "event", "kind": 5}])


def test_random_bytes_never_crash():
    import random
    rng = random.Random(17)
    blobs = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(200)]
    blobs += [b"\xef\xbb\xbf", b"{", b"<html>", "é".encode("utf-16")]
    records = tocsin.extract(blobs, on_error="skip")
    assert len(records.documents) + len(records.errors) == len(blobs)
    assert all(isinstance(e, str) and e.startswith("documents[") for e in records.errors)


def test_document_over_the_size_limit():
    with pytest.raises(tocsin.InputError, match="max_document_bytes"):
        tocsin.extract({"text": "Goris was shelled. " * 900_000})
