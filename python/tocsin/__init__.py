"""tocsin: events, places and casualties from news about armed conflict (doc/python.md).

    import pathlib, tocsin
    records = tocsin.extract(pathlib.Path("samples/armenia-azerbaijan-2022-09-13.fr.txt"),
                             date="2022-09-13")
    records.events[4]["kind"], records.casualties[0]["count"]     # ('shelling', 50)
    df = tocsin.to_frame(records)              # pandas: one row per event
    df[df.kind == "shelling"][["actor1", "actor2", "place", "territory"]]

Records are the JSON Lines records of `tocsin extract` (doc/records.md) as plain dicts. The
native part (`tocsin._tocsin`) reads, extracts and writes records with the library the CLI
uses, on its threads and without the GIL; pandas is imported on the first data frame only, so
`import tocsin` stays fast.
"""

import datetime as _datetime
import json as _json
import os as _os

from ._tocsin import Error, InputError, NotFoundError, compiled_data_dir, curated_data_dir
from . import _tocsin

__all__ = [
    "Error", "InputError", "NotFoundError", "Records", "Store", "assess", "extract",
    "geoparse", "to_frame", "to_geoframe", "EVENT_COLUMNS", "FUSED_EVENT_COLUMNS",
]


def _date_arg(date, name="date"):
    if date is None:
        return None
    if isinstance(date, _datetime.datetime):
        return date.date().isoformat()
    if isinstance(date, _datetime.date):
        return date.isoformat()
    if isinstance(date, str):
        return date
    raise TypeError(f"{name} must be a 'YYYY-MM-DD' string or a datetime.date, "
                    f"got {type(date).__name__}")


def _lang_arg(lang):
    if lang is None or isinstance(lang, str):
        return lang
    raise TypeError(f"lang must be a string ('fr', 'en', 'ru' or 'auto'), "
                    f"got {type(lang).__name__}")


def _threads_arg(threads):
    if threads is None:
        return None
    if isinstance(threads, bool) or not isinstance(threads, int):
        raise TypeError(f"threads must be an int, got {type(threads).__name__}")
    return threads


class Records(list):
    """The records of a call, in JSON Lines order (each document record, then its events and
    casualties; for geoparse, its places). A plain list of plain dicts, with views by record
    type and `errors`: the documents skipped with on_error="skip" ("origin: reason")."""

    def __init__(self, records=(), errors=()):
        super().__init__(records)
        self.errors = list(errors)

    def _of(self, kind):
        return [r for r in self if r.get("record") == kind]

    @property
    def documents(self):
        return self._of("document")

    @property
    def events(self):
        return self._of("event")

    @property
    def casualties(self):
        return self._of("casualty")

    @property
    def places(self):
        return self._of("place")


def extract(text_or_documents, lang=None, date=None, threads=None, on_error="raise"):
    """Extracts events and casualty claims (doc/records.md) from documents.

    text_or_documents: a str (the text of a .txt file: its first non-empty line is the title),
    bytes (the same, must be UTF-8), a dict with the fields of a .json document ("text", and
    optionally "id", "title", "date", "lang", "url", "source"), an os.PathLike (a .txt, .json,
    .jsonl or .html file, read as `tocsin extract FILE` reads it), or a list of these.
    Documents without an id get their position ("0", "1", ...; "text" for a single one).
    lang: None or "auto" (detected), "fr", "en" or "ru". date: publication date
    ("YYYY-MM-DD" or datetime.date) of documents that carry none. threads: default one per
    core; the output order is the input order whatever the number.
    on_error: "raise" (default: InputError naming the document and what is wrong, before any
    extraction) or "skip" (bad documents are left out and listed in the result's .errors).
    """
    records, errors = _tocsin.extract(_expand(text_or_documents), _lang_arg(lang), _date_arg(date),
                                      _threads_arg(threads), on_error)
    return Records(records, errors)


def geoparse(text_or_documents, lang=None, date=None, threads=None, demonyms=True,
             on_error="raise"):
    """Every place name of the documents, resolved, with territorial status on the date
    (doc/geoparse.md): a `document` record then `place` records per document. Arguments as
    for extract()."""
    records, errors = _tocsin.geoparse(_expand(text_or_documents), _lang_arg(lang), _date_arg(date),
                                       _threads_arg(threads), bool(demonyms), on_error)
    return Records(records, errors)


def _is_records(value):
    if isinstance(value, Records):
        return True
    if isinstance(value, (list, tuple)) and value:
        return all(isinstance(r, dict) and "record" in r for r in value)
    return False


def _treaties_arg(treaties):
    if treaties is None:
        return []
    if isinstance(treaties, str):
        return [treaties]
    return [str(t) for t in treaties]


def assess(documents_or_records, date=None, as_of=None, treaties=None, window=7, lang=None,
           threads=None):
    """The collective-security assessment (doc/assessment.md) as a dict: treaty triggers,
    requests for help, ceasefires and their violations, alerts.

    documents_or_records: documents as for extract(), or the records extract() returned (or
    read from `tocsin extract` JSON Lines). treaties: names or ids ("CSTO", "OTAN", ...).
    """
    if _is_records(documents_or_records):
        jsonl = "\n".join(_json.dumps(r, ensure_ascii=False) for r in documents_or_records)
        return _tocsin.assess(None, jsonl, _date_arg(date), _date_arg(as_of, "as_of"),
                              _treaties_arg(treaties), int(window), None, None)
    return _tocsin.assess(documents_or_records, None, _date_arg(date), _date_arg(as_of, "as_of"),
                          _treaties_arg(treaties), int(window), _lang_arg(lang),
                          _threads_arg(threads))


# ---------------------------------------------------------------------------------------
# Data frames (pandas is imported here, on first use).

# One row per event record; doc/python.md describes every column.
EVENT_COLUMNS = {
    "id": "object", "doc_id": "object", "date": "datetime64[ns]", "kind": "category",
    "cameo": "object", "plover_type": "category", "plover_mode": "object",
    "acled_event_type": "category", "acled_sub_event_type": "category",
    "modality": "category", "confidence": "float64",
    "actor1": "object", "actor1_name": "object", "actor1_agent": "object",
    "actor1_type": "object", "actor1_inferred": "boolean", "actor1_text": "object",
    "actor2": "object", "actor2_name": "object", "actor2_agent": "object",
    "actor2_type": "object", "actor2_inferred": "boolean", "actor2_text": "object",
    "parties": "object",
    "place": "object", "country": "object", "admin1": "object", "lat": "float64",
    "lon": "float64", "territory": "category", "precision": "Int64", "geonameid": "Int64",
    "places": "object", "countries": "object", "territories": "object",
    "sentence": "object", "evidence_field": "object", "evidence_start": "Int64",
    "evidence_end": "Int64", "trigger_start": "Int64", "trigger_end": "Int64",
    "attribution": "object", "attribution_actors": "object",
    "fatalities": "Int64", "victims": "Int64", "casualty_claims": "int64",
    "doc_title": "object", "doc_date": "datetime64[ns]", "lang": "object",
    "url": "object", "source": "object", "date_basis": "object",
}

# One row per fused event of a Store (the jsonl export of doc/exports.md).
FUSED_EVENT_COLUMNS = {
    "id": "int64", "kind": "category", "cameo": "object", "plover_type": "category",
    "acled_event_type": "category", "acled_sub_event_type": "category",
    "date_start": "datetime64[ns]", "date_end": "datetime64[ns]",
    "actor1": "object", "actor1_name": "object", "actor1_agent": "object",
    "actor2": "object", "actor2_name": "object", "actor2_agent": "object",
    "place": "object", "country": "object", "admin1": "object", "lat": "float64",
    "lon": "float64", "precision": "Int64", "places": "object",
    "mentions": "int64", "documents": "int64", "confidence": "float64",
    "fatalities": "Int64", "fatalities_low": "Int64", "fatalities_high": "Int64",
    "casualty_claims": "int64", "doc_ids": "object", "sentence": "object",
    "sources": "object",
}


def _frame(rows, columns):
    import pandas as pd

    data = {name: [row.get(name) for row in rows] for name in columns}
    frame = pd.DataFrame(data, columns=list(columns))
    for name, dtype in columns.items():
        if dtype.startswith("datetime"):
            frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d", errors="coerce")
        elif dtype == "object":
            continue
        elif dtype in ("Int64", "int64", "float64"):
            values = frame[name].tolist()
            if dtype == "int64":
                values = [0 if v is None else v for v in values]
            frame[name] = pd.Series(values, dtype=dtype, index=frame.index)
        else:
            frame[name] = frame[name].astype(dtype)
    return frame


def _actor(row, prefix, actor):
    actor = actor or {}
    row[prefix] = actor.get("code")
    row[prefix + "_name"] = actor.get("name")
    row[prefix + "_agent"] = actor.get("agent")
    row[prefix + "_type"] = actor.get("type")
    row[prefix + "_inferred"] = actor.get("inferred")
    row[prefix + "_text"] = actor.get("text")


def _nan(value):
    return float("nan") if value is None else value


def to_frame(records):
    """A pandas DataFrame with one row per event of `records` (what extract() returns, or any
    iterable of record dicts, e.g. `tocsin extract` JSON Lines read with json.loads):
    actors, the first place and the lists of every place, country and territory, the evidence
    sentence, casualty figures linked to the event, and its document's fields. Columns and
    dtypes: EVENT_COLUMNS (doc/python.md)."""
    if isinstance(records, dict):
        records = [records]
    documents, events, casualties = {}, [], {}
    for r in records:
        if not isinstance(r, dict):
            raise TypeError(f"records must be dicts (extract() records), got {type(r).__name__}")
        kind = r.get("record")
        if kind == "document":
            documents[r.get("doc_id")] = r
        elif kind == "event":
            events.append(r)
        elif kind == "casualty" and r.get("event_id"):
            casualties.setdefault(r["event_id"], []).append(r)
    rows = []
    for e in events:
        row = {k: e.get(k) for k in ("id", "doc_id", "date", "kind", "cameo", "modality",
                                      "confidence", "date_basis")}
        plover = e.get("plover") or {}
        row["plover_type"], row["plover_mode"] = plover.get("type"), plover.get("mode")
        acled = e.get("acled") or {}
        row["acled_event_type"] = acled.get("event_type")
        row["acled_sub_event_type"] = acled.get("sub_event_type")
        _actor(row, "actor1", e.get("actor1"))
        _actor(row, "actor2", e.get("actor2"))
        row["parties"] = list(e.get("parties") or [])
        places = e.get("places") or []
        first = places[0] if places else {}
        row["place"] = first.get("name") or first.get("text")
        row["country"] = first.get("country")
        row["admin1"] = first.get("admin1")
        row["lat"], row["lon"] = _nan(first.get("lat")), _nan(first.get("lon"))
        row["territory"] = first.get("territory")
        row["precision"] = first.get("precision")
        row["geonameid"] = first.get("geonameid")
        row["places"] = [p.get("name") or p.get("text") for p in places]
        row["countries"] = list(dict.fromkeys(p["country"] for p in places if p.get("country")))
        row["territories"] = [p.get("territory") for p in places]
        ev = e.get("evidence") or {}
        row["sentence"] = ev.get("sentence")
        row["evidence_field"] = ev.get("field")
        row["evidence_start"], row["evidence_end"] = ev.get("start"), ev.get("end")
        trigger = ev.get("trigger") or [None, None]
        row["trigger_start"], row["trigger_end"] = trigger[0], trigger[1]
        attribution = e.get("attribution") or {}
        row["attribution"] = attribution.get("text")
        row["attribution_actors"] = list(attribution.get("actors") or [])
        claims = casualties.get(e.get("id"), [])
        # As the HTTP API's summaries (doc/api.md): killed, and killed + wounded + unspecified.
        killed = [c.get("count") or 0 for c in claims if c.get("victims") == "killed"]
        hurt = [c.get("count") or 0 for c in claims
                if c.get("victims") in ("killed", "wounded", "unspecified")]
        row["fatalities"] = sum(killed) if killed else None
        row["victims"] = sum(hurt) if hurt else None
        row["casualty_claims"] = len(claims)
        doc = documents.get(e.get("doc_id"), {})
        row["doc_title"] = doc.get("title")
        row["doc_date"] = doc.get("date")
        for k in ("lang", "url", "source"):
            row[k] = doc.get(k)
        rows.append(row)
    return _frame(rows, EVENT_COLUMNS)


def _fused_frame(records):
    rows = []
    for e in records:
        row = {k: e.get(k) for k in ("id", "kind", "cameo", "plover_type", "date_start",
                                      "date_end", "mentions", "documents", "confidence")}
        acled = e.get("acled") or {}
        row["acled_event_type"] = acled.get("event_type")
        row["acled_sub_event_type"] = acled.get("sub_event_type")
        for prefix in ("actor1", "actor2"):
            actor = e.get(prefix) or {}
            row[prefix] = actor.get("code")
            row[prefix + "_name"] = actor.get("name")
            row[prefix + "_agent"] = actor.get("agent")
        place = e.get("place") or {}
        row["place"] = place.get("name")
        row["country"] = place.get("country")
        row["admin1"] = place.get("admin1")
        row["lat"], row["lon"] = _nan(place.get("lat")), _nan(place.get("lon"))
        row["precision"] = place.get("precision")
        row["places"] = [p.get("name") or p.get("text") for p in e.get("places") or []]
        f = e.get("fatalities") or {}
        has = bool(f.get("claims"))
        row["fatalities"] = f.get("figure") if has else None
        row["fatalities_low"] = f.get("low") if has else None
        row["fatalities_high"] = f.get("high") if has else None
        claims = e.get("casualty_claims") or []
        row["casualty_claims"] = len(claims)
        sources = e.get("sources") or []
        row["doc_ids"] = list(dict.fromkeys(s.get("doc_id") for s in sources))
        row["sentence"] = ((sources[0].get("evidence") or {}).get("sentence")
                           if sources else None)
        row["sources"] = sources
        rows.append(row)
    return _frame(rows, FUSED_EVENT_COLUMNS)


def to_geoframe(frame_or_records):
    """A geopandas GeoDataFrame (points, EPSG:4326) of to_frame(records), a DataFrame from
    to_frame() or Store.events(); events without coordinates get no geometry. Needs geopandas
    (Debian: python3-geopandas), imported only here."""
    try:
        import geopandas
        from shapely.geometry import Point
    except ImportError as e:
        raise ImportError("tocsin.to_geoframe needs geopandas (Debian: apt-get install "
                          "python3-geopandas); to_frame() gives lat/lon columns without it") from e
    import pandas as pd

    frame = frame_or_records if isinstance(frame_or_records, pd.DataFrame) \
        else to_frame(frame_or_records)
    geometry = [Point(lon, lat) if pd.notna(lat) and pd.notna(lon) else None
                for lat, lon in zip(frame["lat"], frame["lon"])]
    return geopandas.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


# ---------------------------------------------------------------------------------------
# The store.

def _bbox_arg(bbox):
    if bbox is None:
        return None
    if isinstance(bbox, str):
        bbox = bbox.split(",")
    try:
        values = tuple(float(v) for v in bbox)
    except (TypeError, ValueError):
        raise TypeError("bbox must be 4 numbers (min_lon, min_lat, max_lon, max_lat)") from None
    if len(values) != 4:
        raise InputError(f"bbox takes 4 numbers (min_lon, min_lat, max_lon, max_lat), "
                         f"got {len(values)}")
    return values


def _kinds_arg(kind):
    if kind is None:
        return []
    if isinstance(kind, str):
        return [k for k in kind.split(",") if k]
    return [str(k) for k in kind]


class Store:
    """The event store (doc/schema.md): `tocsin ingest --db PATH` from Python.

        store = tocsin.Store("tocsin.db")
        store.ingest(pathlib.Path("samples"), date="2022-09-13")
        df = store.events(since="2022-09-01", country="ARM")

    A SQLite file path (created unless create=False). Methods may be called from several
    threads (one runs at a time); batch work runs without the GIL. Usable as a context manager.
    """

    def __init__(self, path, read_only=False, create=True):
        self._store = _tocsin.Store(_os.fspath(path), bool(read_only), bool(create))

    @property
    def path(self):
        return self._store.location

    def ingest(self, documents, lang=None, date=None, threads=None, on_error="raise"):
        """Stores documents (as for extract(); a directory path is read recursively), their
        events fused across sources and their casualty claims. Returns the counts of
        `tocsin ingest` as a dict. With on_error="raise" nothing is written when a document
        is bad; with "skip" the others are stored and the bad ones listed in "failures"."""
        documents = _expand(documents)
        return self._store.ingest(documents, _lang_arg(lang), _date_arg(date),
                                  _threads_arg(threads), on_error)

    def _filters(self, since, until, kind, country, bbox, min_documents):
        return dict(since=_date_arg(since, "since"), until=_date_arg(until, "until"),
                    kinds=_kinds_arg(kind), country=country, bbox=_bbox_arg(bbox),
                    min_documents=int(min_documents))

    def event_records(self, since=None, until=None, kind=None, country=None, bbox=None,
                      min_documents=0, limit=0):
        """The fused events as dicts (the jsonl export of doc/exports.md)."""
        return self._store.events(**self._filters(since, until, kind, country, bbox,
                                                  min_documents), limit=int(limit))

    def events(self, since=None, until=None, kind=None, country=None, bbox=None,
               min_documents=0, limit=0):
        """Fused events as a pandas DataFrame (FUSED_EVENT_COLUMNS), ordered by start date.
        since/until: events whose date range overlaps; kind: one kind, a list or "a,b";
        country: alpha-3 of the event's place; bbox: (min_lon, min_lat, max_lon, max_lat)."""
        return _fused_frame(self.event_records(since, until, kind, country, bbox,
                                               min_documents, limit))

    def export(self, format="csv", path=None, since=None, until=None, kind=None, country=None,
               bbox=None, min_documents=0):
        """An export (doc/exports.md: jsonl, csv, geojson, acled-csv, gdelt-tsv) as a str, or
        written to `path` (through a temporary file renamed at the end; returns the path)."""
        text = self._store.export(format, **self._filters(since, until, kind, country, bbox,
                                                          min_documents))
        if path is None:
            return text
        path = _os.fspath(path)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        _os.replace(tmp, path)
        return path

    def assess(self, date=None, as_of=None, treaties=None, window=7):
        """The assessment of everything the store holds (`tocsin assess --db`), as a dict."""
        return self._store.assess(_date_arg(date), _date_arg(as_of, "as_of"),
                                  _treaties_arg(treaties), int(window))

    def stats(self):
        return self._store.stats()

    def close(self):
        self._store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"tocsin.Store({self.path!r})"


def _expand(documents):
    """Directories (os.PathLike) -> their readable files, sorted, recursively."""
    def files(path):
        if not _os.path.isdir(path):
            return [path]
        found = []
        for root, _, names in _os.walk(path):
            for name in names:
                if name.lower().endswith((".txt", ".json", ".jsonl", ".ndjson", ".html", ".htm")):
                    found.append(type(path)(_os.path.join(root, name)))
        return sorted(found, key=_os.fspath)

    if hasattr(documents, "__fspath__"):
        return files(documents)
    if isinstance(documents, (list, tuple)):
        out = []
        for d in documents:
            out.extend(files(d) if hasattr(d, "__fspath__") else [d])
        return out
    return documents
