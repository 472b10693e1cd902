// tocsin._tocsin: the native half of the Python module `tocsin` (doc/python.md).
//
// A thin layer over the library, as the CLI is: documents given as Python values are read by
// the library's own parsers (io/), extracted on the library's threads with the GIL released,
// and written by the library's JSON writers (output/, store/export); the JSON is parsed back
// with Python's json module, so a record is the same dict whether it comes from here or from
// `tocsin extract` JSON Lines. The pure-Python half (python/tocsin/__init__.py) turns records
// into data frames.
//
// Errors: a Status becomes tocsin.Error (tocsin.InputError, also a ValueError, for bad input;
// tocsin.NotFoundError, also a FileNotFoundError, for missing files) carrying the library's
// message; wrong Python types are TypeError. No C++ exception reaches a worker thread's edge.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <array>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tocsin/assess/assess.h"
#include "tocsin/assess/knowledge_base.h"
#include "tocsin/assess/records_in.h"
#include "tocsin/assess/report.h"
#include "tocsin/core/calendar.h"
#include "tocsin/core/data_dir.h"
#include "tocsin/core/document.h"
#include "tocsin/core/parallel.h"
#include "tocsin/core/status.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/geoparse/geoparser.h"
#include "tocsin/io/reader.h"
#include "tocsin/output/geoparse_json.h"
#include "tocsin/output/json.h"
#include "tocsin/serve/store_backend.h"
#include "tocsin/store/export.h"
#include "tocsin/store/ingest.h"
#include "tocsin/store/store.h"

namespace py = pybind11;

namespace tocsin::python {
namespace {

// ---------------------------------------------------------------------------------------
// Errors.

struct StatusError : std::exception {
  explicit StatusError(Status s) : status(std::move(s)) {}
  const char* what() const noexcept override { return status.message().c_str(); }
  Status status;
};

[[noreturn]] void Raise(const Status& s) { throw StatusError(s); }

PyObject* g_error = nullptr;        // tocsin.Error
PyObject* g_input_error = nullptr;  // tocsin.InputError(Error, ValueError)
PyObject* g_not_found = nullptr;    // tocsin.NotFoundError(Error, FileNotFoundError)

PyObject* ErrorClass(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kUnsupported:
    case StatusCode::kResourceExhausted:
      return g_input_error;
    case StatusCode::kNotFound:
      return g_not_found;
    default:
      return g_error;
  }
}

// ---------------------------------------------------------------------------------------
// Shared library objects, created on first use (import stays fast) and kept for the process.

template <typename T>
class Lazy {
 public:
  // Called without the GIL. A failed creation is reported each time and retried.
  template <typename Make>
  StatusOr<const T*> Get(Make make) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!value_) {
      auto made = make();
      if (!made.ok()) return made.status();
      value_ = std::move(*made);
    }
    return static_cast<const T*>(value_.get());
  }

 private:
  std::mutex mu_;
  std::unique_ptr<T> value_;
};

const extract::Extractor& GetExtractor() {
  static Lazy<extract::Extractor> lazy;
  auto got = lazy.Get([] { return extract::Extractor::Create(extract::ExtractorOptions{}); });
  if (!got.ok()) Raise(got.status());
  return **got;
}

const geoparse::Geoparser& GetGeoparser(bool demonyms) {
  static Lazy<geoparse::Geoparser> lazy[2];
  auto got = lazy[demonyms ? 1 : 0].Get([demonyms] {
    geoparse::GeoparserOptions o;
    o.demonyms = demonyms;
    return geoparse::Geoparser::Create(o);
  });
  if (!got.ok()) Raise(got.status());
  return **got;
}

// KnowledgeBase::Default() aborts on broken data, which would kill the interpreter.
const assess::KnowledgeBase& GetKnowledgeBase() {
  static Lazy<assess::KnowledgeBase> lazy;
  auto got = lazy.Get([]() -> StatusOr<std::unique_ptr<assess::KnowledgeBase>> {
    auto kb = assess::KnowledgeBase::Load(CuratedDataDir() + "/kb");
    if (!kb.ok()) return kb.status();
    return std::make_unique<assess::KnowledgeBase>(std::move(*kb));
  });
  if (!got.ok()) Raise(got.status());
  return **got;
}

// ---------------------------------------------------------------------------------------
// Arguments.

const char* const kLanguages[] = {"fr", "en", "ru"};

io::ReadOptions MakeReadOptions(const std::optional<std::string>& lang,
                                const std::optional<std::string>& date) {
  io::ReadOptions read;
  if (date && !date->empty()) {
    if (!calendar::IsIsoDate(*date))
      Raise(Status::InvalidArgument("date must be YYYY-MM-DD, got \"" + *date + "\""));
    read.default_date = *date;
  }
  if (lang && !lang->empty() && *lang != "auto") {
    bool known = false;
    for (const char* l : kLanguages) known = known || *lang == l;
    if (!known)
      Raise(Status::InvalidArgument("lang must be one of auto, fr, en, ru (or None: detected by "
                                    "CLD2), got \"" + *lang + "\""));
    read.forced_lang = *lang;
  }
  return read;
}

unsigned Threads(const std::optional<int>& threads) {
  if (!threads) return DefaultThreads();
  if (*threads < 1 || *threads > 256)
    Raise(Status::InvalidArgument("threads must be between 1 and 256, got " +
                                  std::to_string(*threads)));
  return static_cast<unsigned>(*threads);
}

bool SkipErrors(const std::string& on_error) {
  if (on_error == "raise") return false;
  if (on_error == "skip") return true;
  Raise(Status::InvalidArgument("on_error must be \"raise\" or \"skip\", got \"" + on_error +
                                "\""));
}

// ---------------------------------------------------------------------------------------
// Documents from Python values: str (the text of a .txt file: first non-empty line is the
// title), bytes (the same, UTF-8 checked), dict (the fields of a .json document), os.PathLike
// (a file, read as `tocsin extract FILE` reads it), or an iterable of these.

struct Inputs {
  std::vector<Document> docs;
  std::vector<std::string> errors;  // documents that could not be read, "origin: reason"
};

std::string TypeName(py::handle h) { return py::str(py::type::handle_of(h).attr("__name__")); }

// The UTF-8 of a str, or an InputError naming `origin` (lone surrogates cannot be encoded).
std::string_view Utf8Of(py::handle s, const std::string& origin) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(s.ptr(), &size);
  if (!data) {
    py::error_already_set e;
    Raise(Status::InvalidArgument(origin + ": text is not valid Unicode (" +
                                  std::string(py::str(e.value())) +
                                  "); decode the source with errors=\"replace\""));
  }
  return {data, static_cast<size_t>(size)};
}

// The first present, non-None key among `names`: a str (or, for dates, a datetime.date or
// datetime.datetime). *used is the key found ("" when none was).
bool Field(const py::dict& d, std::initializer_list<const char*> names, const std::string& origin,
           bool is_date, std::string* out, std::string* used) {
  for (const char* name : names) {
    PyObject* v = PyDict_GetItemString(d.ptr(), name);  // borrowed; no exception
    if (!v || v == Py_None) continue;
    py::handle h(v);
    // pandas' missing values (rows of df.to_dict("records")): NaN, pd.NA, pd.NaT.
    if (PyFloat_Check(v) && std::isnan(PyFloat_AsDouble(v))) continue;
    if (const std::string t = TypeName(h); t == "NAType" || t == "NaTType") continue;
    if (py::isinstance<py::str>(h)) {
      *out = std::string(Utf8Of(h, origin + ": field \"" + name + "\""));
    } else if (is_date && PyObject_HasAttrString(v, "isoformat") &&
               !py::isinstance<py::bytes>(h)) {
      *out = py::str(h.attr("isoformat")());
    } else {
      throw py::type_error(origin + ": field \"" + name + "\" must be a str" +
                           (is_date ? " or a datetime.date" : "") + ", got " + TypeName(h));
    }
    *used = name;
    return true;
  }
  return false;
}

// A dict with the fields of a .json document (doc/input-formats.md), same names and aliases.
io::DocumentFields FieldsOf(const py::dict& d, const std::string& origin) {
  io::DocumentFields f;
  std::string used;
  f.has_text = Field(d, {"text", "body", "content"}, origin, false, &f.text, &used);
  Field(d, {"id"}, origin, false, &f.id, &used);
  Field(d, {"title"}, origin, false, &f.title, &used);
  Field(d, {"lang"}, origin, false, &f.lang, &used);
  Field(d, {"url"}, origin, false, &f.url, &used);
  Field(d, {"source"}, origin, false, &f.source, &used);
  if (Field(d, {"date", "published", "publication_date"}, origin, true, &f.date, &used))
    f.date_field = used;
  return f;
}

void AddOne(py::handle item, const std::string& origin, const std::string& default_id,
            const io::ReadOptions& read, Inputs& in) {
  auto add = [&](StatusOr<Document> d) {
    if (!d.ok()) Raise(d.status());
    if (d->id == origin) d->id = default_id;
    in.docs.push_back(std::move(*d));
  };
  if (py::isinstance<py::str>(item)) {
    add(io::ParseTextDocument(Utf8Of(item, origin), origin, read));
  } else if (py::isinstance<py::bytes>(item) || PyByteArray_Check(item.ptr())) {
    std::string bytes = py::isinstance<py::bytes>(item)
                            ? std::string(py::reinterpret_borrow<py::bytes>(item))
                            : std::string(PyByteArray_AsString(item.ptr()),
                                          static_cast<size_t>(PyByteArray_Size(item.ptr())));
    add(io::ParseTextDocument(bytes, origin, read));
  } else if (py::isinstance<py::dict>(item)) {
    add(io::DocumentFromFields(FieldsOf(py::reinterpret_borrow<py::dict>(item), origin), origin,
                               read));
  } else if (PyObject_HasAttrString(item.ptr(), "__fspath__")) {
    std::string path = py::str(py::module_::import("os").attr("fspath")(item));
    Status st = io::ReadDocuments(path, read, [&](io::DocumentOrError d) {
      if (d.document.ok()) {
        in.docs.push_back(std::move(*d.document));
      } else {
        in.errors.push_back(d.document.status().message());
      }
    });
    if (!st.ok()) Raise(st);
  } else {
    throw py::type_error(origin + ": expected str, bytes, dict or os.PathLike, got " +
                         TypeName(item));
  }
}

// Reads every document; with skip, a bad one is listed in `errors` instead of raising.
Inputs ReadInputs(py::handle documents, const io::ReadOptions& read, bool skip) {
  Inputs in;
  auto one = [&](py::handle item, const std::string& origin, const std::string& id) {
    if (!skip) return AddOne(item, origin, id, read, in);
    try {
      AddOne(item, origin, id, read, in);
    } catch (const StatusError& e) {
      in.errors.push_back(e.status.message());
    }
  };
  if (py::isinstance<py::str>(documents) || py::isinstance<py::bytes>(documents) ||
      PyByteArray_Check(documents.ptr()) || py::isinstance<py::dict>(documents) ||
      PyObject_HasAttrString(documents.ptr(), "__fspath__")) {
    one(documents, "text", "text");
  } else if (documents.is_none() || !PyObject_HasAttrString(documents.ptr(), "__iter__")) {
    throw py::type_error(
        "documents: expected str, bytes, dict, os.PathLike or a list of them, got " +
        TypeName(documents));
  } else {
    size_t i = 0;
    for (py::handle item : documents) {
      one(item, "documents[" + std::to_string(i) + "]", std::to_string(i));
      ++i;
    }
  }
  if (!skip && !in.errors.empty()) {
    std::string m = in.errors.front();
    if (in.errors.size() > 1)
      m += " (and " + std::to_string(in.errors.size() - 1) +
           " more; on_error=\"skip\" processes the others)";
    Raise(Status::InvalidArgument(m));
  }
  return in;
}

// ---------------------------------------------------------------------------------------
// JSON records back into Python objects.

// `json` holds records each followed by ",": parses "[" json "]" with Python's json module.
py::list ParseRecords(std::string& json) {
  if (json.empty()) return py::list();
  json.back() = ']';
  json.insert(json.begin(), '[');
  py::object loads = py::module_::import("json").attr("loads");
  py::object text = py::reinterpret_steal<py::object>(
      PyUnicode_DecodeUTF8(json.data(), static_cast<Py_ssize_t>(json.size()), "strict"));
  if (!text) throw py::error_already_set();
  std::string().swap(json);
  return loads(text);
}

// Replaces the newline of each record with a comma (the geoparse writers end records in '\n').
void NewlinesToCommas(std::string& s, size_t from) {
  for (size_t i = from; i < s.size(); ++i)
    if (s[i] == '\n') s[i] = ',';  // JSON strings escape newlines: only record ends remain
}

void AppendExtraction(const Document& doc, const extract::Extraction& x, std::string& out) {
  output::AppendDocumentRecord(doc, x, out);
  out += ',';
  for (const auto& e : x.events) {
    output::AppendEventRecord(doc, e, out);
    out += ',';
  }
  for (const auto& c : x.casualties) {
    output::AppendCasualtyRecord(doc, c, out);
    out += ',';
  }
}

// Runs `work(i, out_i)` on every document with the GIL released and joins the outputs in
// input order. A C++ exception of one document becomes an error of that document.
template <typename Work>
std::string ForDocuments(const std::vector<Document>& docs, unsigned threads,
                         std::vector<std::string>& errors, Work work) {
  std::vector<std::string> outs(docs.size()), errs(docs.size());
  {
    py::gil_scoped_release release;
    ParallelFor(docs.size(), threads, [&](size_t i) {
      try {
        work(docs[i], outs[i]);
      } catch (const std::exception& e) {
        outs[i].clear();
        errs[i] = docs[i].origin + ": internal error: " + e.what() + " (a bug in tocsin)";
      }
    });
  }
  size_t total = 0;
  for (const auto& o : outs) total += o.size();
  std::string all;
  all.reserve(total + 2);
  for (size_t i = 0; i < docs.size(); ++i) {
    all += outs[i];
    std::string().swap(outs[i]);
    if (!errs[i].empty()) errors.push_back(errs[i]);
  }
  return all;
}

py::tuple Extract(py::handle documents, std::optional<std::string> lang,
                  std::optional<std::string> date, std::optional<int> threads,
                  const std::string& on_error) {
  const bool skip = SkipErrors(on_error);
  const unsigned n = Threads(threads);
  Inputs in = ReadInputs(documents, MakeReadOptions(lang, date), skip);
  const extract::Extractor* extractor;
  {
    py::gil_scoped_release release;
    extractor = &GetExtractor();
  }
  std::string json = ForDocuments(in.docs, n, in.errors, [&](const Document& d, std::string& o) {
    AppendExtraction(d, extractor->Extract(d), o);
  });
  return py::make_tuple(ParseRecords(json), in.errors);
}

py::tuple Geoparse(py::handle documents, std::optional<std::string> lang,
                   std::optional<std::string> date, std::optional<int> threads, bool demonyms,
                   const std::string& on_error) {
  const bool skip = SkipErrors(on_error);
  const unsigned n = Threads(threads);
  Inputs in = ReadInputs(documents, MakeReadOptions(lang, date), skip);
  const geoparse::Geoparser* parser;
  {
    py::gil_scoped_release release;
    parser = &GetGeoparser(demonyms);
  }
  std::string json = ForDocuments(in.docs, n, in.errors, [&](const Document& d, std::string& o) {
    geoparse::GeoparseResult r = parser->Parse(d);
    output::AppendGeoDocumentRecord(d, r, o);
    for (const auto& t : r.toponyms) output::AppendPlaceRecord(d, t, o);
    NewlinesToCommas(o, 0);
  });
  return py::make_tuple(ParseRecords(json), in.errors);
}

// ---------------------------------------------------------------------------------------
// Assessment.

assess::AssessOptions MakeAssessOptions(const std::optional<std::string>& as_of,
                                        const std::vector<std::string>& treaties, int window) {
  const assess::KnowledgeBase& kb = GetKnowledgeBase();
  assess::AssessOptions options;
  if (as_of && !as_of->empty()) {
    if (!calendar::IsIsoDate(*as_of))
      Raise(Status::InvalidArgument("as_of must be YYYY-MM-DD, got \"" + *as_of + "\""));
    options.as_of = *as_of;
  }
  if (window < 2 || window > 366)
    Raise(Status::InvalidArgument("window must be between 2 and 366 days, got " +
                                  std::to_string(window)));
  options.window_days = window;
  for (const std::string& name : treaties) {
    const assess::Treaty* t = kb.ResolveTreaty(name);
    if (!t) {
      std::string known;
      for (const auto& k : kb.treaties()) known += (known.empty() ? "" : ", ") + k.id;
      Raise(Status::InvalidArgument("treaties: unknown treaty or organisation '" + name +
                                    "' (known: " + known +
                                    "; names and acronyms in en/fr/ru also work)"));
    }
    options.treaties.push_back(t->id);
  }
  return options;
}

py::object ReportToDict(const assess::Assessment& a) {
  return py::module_::import("json").attr("loads")(py::str(assess::ReportJson(a)));
}

// Documents (extracted here) or, with records_jsonl, `tocsin extract` records.
py::object Assess(py::handle documents, std::optional<std::string> records_jsonl,
                  std::optional<std::string> date, std::optional<std::string> as_of,
                  std::vector<std::string> treaties, int window, std::optional<std::string> lang,
                  std::optional<int> threads) {
  io::ReadOptions read = MakeReadOptions(lang, date);
  const unsigned n = Threads(threads);
  std::vector<assess::DocumentEvents> input;
  assess::AssessOptions options;
  {
    py::gil_scoped_release release;
    options = MakeAssessOptions(as_of, treaties, window);
  }
  if (records_jsonl) {
    std::istringstream s(*records_jsonl);
    Status st = assess::ReadExtractRecords(s, "records", input);
    if (!st.ok()) Raise(st);
    for (auto& d : input)
      if (d.date.empty()) d.date = read.default_date;
  } else {
    Inputs in = ReadInputs(documents, read, false);
    input.resize(in.docs.size());
    py::gil_scoped_release release;
    const extract::Extractor& extractor = GetExtractor();
    ParallelFor(in.docs.size(), n, [&](size_t i) {
      try {
        extract::Extraction x = extractor.Extract(in.docs[i]);
        input[i] = assess::DocumentEvents{in.docs[i].id, in.docs[i].date, x.frame,
                                          std::move(x.events), std::move(x.casualties)};
      } catch (const std::exception&) {
        input[i] = assess::DocumentEvents{in.docs[i].id, in.docs[i].date, {}, {}, {}};
      }
    });
  }
  assess::Assessment a;
  {
    py::gil_scoped_release release;
    a = assess::Assess(GetKnowledgeBase(), input, options);
  }
  return ReportToDict(a);
}

// ---------------------------------------------------------------------------------------
// The store.

py::dict StatsDict(const store::IngestStats& s) {
  py::dict d;
  d["read"] = s.read;
  d["stored"] = s.stored;
  d["duplicates"] = s.duplicates;
  d["failed"] = s.failed;
  d["mentions"] = s.mentions;
  d["new_events"] = s.new_events;
  d["merged"] = s.merged;
  d["unfused"] = s.unfused;
  d["claims"] = s.claims;
  d["failures"] = s.failures;
  return d;
}

class PyStore {
 public:
  PyStore(const std::string& location, bool read_only, bool create) : location_(location) {
    store::OpenOptions o;
    o.read_only = read_only;
    o.create = create && !read_only;
    StatusOr<std::unique_ptr<store::Store>> st = Status::Internal("not opened");
    {
      py::gil_scoped_release release;
      st = store::OpenStore(location, o);
    }
    if (!st.ok()) Raise(st.status());
    store_ = std::move(*st);
  }

  py::dict Ingest(py::handle documents, std::optional<std::string> lang,
                  std::optional<std::string> date, std::optional<int> threads,
                  const std::string& on_error) {
    const bool skip = SkipErrors(on_error);
    const unsigned n = Threads(threads);
    Inputs in = ReadInputs(documents, MakeReadOptions(lang, date), skip);
    store::IngestStats stats;
    Status fatal;
    {
      py::gil_scoped_release release;
      const extract::Extractor& extractor = GetExtractor();
      std::lock_guard<std::mutex> lock(mu_);
      store::Store& s = Open();
      store::Ingester ingester(s, extractor, n);
      for (const std::string& e : in.errors) ingester.Fail(e);
      for (Document& d : in.docs) {
        std::string origin = d.origin;
        fatal = ingester.Add(io::DocumentOrError{origin, std::move(d)});
        if (!fatal.ok()) break;
      }
      if (fatal.ok()) fatal = ingester.Flush();
      stats = ingester.stats();
    }
    if (!fatal.ok())
      Raise(Status(fatal.code(), fatal.message() +
                                     "; every document before this one is committed, call "
                                     "ingest again to resume"));
    return StatsDict(stats);
  }

  // Fused events matching the filter, as the records of the jsonl export.
  py::list Events(std::optional<std::string> since, std::optional<std::string> until,
                  std::vector<std::string> kinds, std::optional<std::string> country,
                  std::optional<std::array<double, 4>> bbox, int min_documents, int64_t limit) {
    store::EventQuery q = Query(since, until, kinds, country, bbox, min_documents);
    std::string json;
    Status st;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mu_);
      int64_t n = 0;
      st = Open().ForEachEvent(q, [&](const store::EventDetail& d) {
        store::AppendEventJson(d, json);
        json += ',';
        return limit <= 0 || ++n < limit;
      });
    }
    if (!st.ok()) Raise(st);
    return ParseRecords(json);
  }

  std::string Export(const std::string& format, std::optional<std::string> since,
                     std::optional<std::string> until, std::vector<std::string> kinds,
                     std::optional<std::string> country, std::optional<std::array<double, 4>> bbox,
                     int min_documents) {
    bool known = false;
    std::string formats;
    for (const auto& f : store::ExportFormats()) {
      known = known || f == format;
      formats += (formats.empty() ? "" : ", ") + f;
    }
    if (!known)
      Raise(Status::InvalidArgument("format must be one of " + formats + ", got \"" + format +
                                    "\""));
    store::EventQuery q = Query(since, until, kinds, country, bbox, min_documents);
    std::string out;
    Status st;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mu_);
      store::Exporter ex(format);
      ex.Begin(out);
      st = Open().ForEachEvent(q, [&](const store::EventDetail& d) {
        ex.Event(d, out);
        return true;
      });
      ex.End(out);
    }
    if (!st.ok()) Raise(st);
    return out;
  }

  py::object Assess(std::optional<std::string> date, std::optional<std::string> as_of,
                    std::vector<std::string> treaties, int window) {
    if (date && !date->empty() && !calendar::IsIsoDate(*date))
      Raise(Status::InvalidArgument("date must be YYYY-MM-DD, got \"" + *date + "\""));
    assess::Assessment a;
    Status st;
    {
      py::gil_scoped_release release;
      assess::AssessOptions options = MakeAssessOptions(as_of, treaties, window);
      std::lock_guard<std::mutex> lock(mu_);
      auto input = serve::AssessmentInput(Open());
      if (input.ok()) {
        for (auto& d : *input)
          if (d.date.empty() && date) d.date = *date;
        a = assess::Assess(GetKnowledgeBase(), *input, options);
      } else {
        st = input.status();
      }
    }
    if (!st.ok()) Raise(st);
    return ReportToDict(a);
  }

  py::dict Stats() {
    StatusOr<store::Stats> s = Status::Internal("no stats");
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mu_);
      s = Open().GetStats();
    }
    if (!s.ok()) Raise(s.status());
    py::dict d;
    d["schema_version"] = s->schema_version;
    d["documents"] = s->documents;
    d["mentions"] = s->mentions;
    d["events"] = s->events;
    d["multi_source_events"] = s->multi_source_events;
    d["claims"] = s->claims;
    d["places"] = s->places;
    d["first_date"] = s->first_date.empty() ? py::object(py::none()) : py::str(s->first_date);
    d["last_date"] = s->last_date.empty() ? py::object(py::none()) : py::str(s->last_date);
    d["events_by_kind"] = s->events_by_kind;
    d["events_by_country"] = s->events_by_country;
    return d;
  }

  void Close() {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mu_);
    store_.reset();
  }

  const std::string& location() const { return location_; }

 private:
  // With mu_ held.
  store::Store& Open() {
    if (!store_) Raise(Status::InvalidArgument(location_ + ": the store is closed"));
    return *store_;
  }

  static store::EventQuery Query(const std::optional<std::string>& since,
                                 const std::optional<std::string>& until,
                                 const std::vector<std::string>& kinds,
                                 const std::optional<std::string>& country,
                                 const std::optional<std::array<double, 4>>& bbox,
                                 int min_documents) {
    store::EventQuery q;
    for (const auto& [name, value, field] :
         {std::tuple{"since", &since, &q.since}, std::tuple{"until", &until, &q.until}}) {
      if (!*value || (*value)->empty()) continue;
      if (!calendar::IsIsoDate(**value))
        Raise(Status::InvalidArgument(std::string(name) + " must be YYYY-MM-DD, got \"" +
                                      **value + "\""));
      *field = **value;
    }
    q.kinds = kinds;
    if (country) q.country = *country;
    q.min_documents = min_documents;
    if (bbox) {
      const auto& b = *bbox;
      for (double v : b)
        if (!std::isfinite(v)) Raise(Status::InvalidArgument("bbox: coordinates must be finite"));
      if (b[0] > b[2] || b[1] > b[3] || b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180)
        Raise(Status::InvalidArgument(
            "bbox (min_lon, min_lat, max_lon, max_lat): need -180 <= min_lon <= max_lon <= 180 "
            "and -90 <= min_lat <= max_lat <= 90"));
      q.bbox = b;
    }
    return q;
  }

  std::string location_;
  std::mutex mu_;  // a store::Store is used by one thread at a time
  std::unique_ptr<store::Store> store_;
};

}  // namespace
}  // namespace tocsin::python

PYBIND11_MODULE(_tocsin, m) {
  using namespace tocsin::python;
  m.doc() = "Native half of the tocsin module (doc/python.md); use `import tocsin`.";

  g_error = PyErr_NewExceptionWithDoc(
      "tocsin.Error",
      "An error reported by the tocsin library; the message names the file, line or field.",
      PyExc_Exception, nullptr);
  py::tuple input_bases = py::make_tuple(py::handle(g_error), py::handle(PyExc_ValueError));
  g_input_error = PyErr_NewExceptionWithDoc("tocsin.InputError",
                                            "Bad input: malformed, empty or invalid document or "
                                            "argument (also a ValueError).",
                                            input_bases.ptr(), nullptr);
  py::tuple nf_bases = py::make_tuple(py::handle(g_error), py::handle(PyExc_FileNotFoundError));
  g_not_found = PyErr_NewExceptionWithDoc("tocsin.NotFoundError",
                                          "A missing file (also a FileNotFoundError).",
                                          nf_bases.ptr(), nullptr);
  m.attr("Error") = py::handle(g_error);
  m.attr("InputError") = py::handle(g_input_error);
  m.attr("NotFoundError") = py::handle(g_not_found);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      PyErr_SetString(ErrorClass(e.status.code()), e.status.message().c_str());
    }
  });

  m.attr("compiled_data_dir") = tocsin::CompiledDataDir();
  m.attr("curated_data_dir") = tocsin::CuratedDataDir();

  m.def("extract", &Extract, py::arg("documents"), py::arg("lang") = py::none(),
        py::arg("date") = py::none(), py::arg("threads") = py::none(),
        py::arg("on_error") = "raise",
        "Extracts documents; returns (records as dicts in JSON Lines order, error messages).");
  m.def("geoparse", &Geoparse, py::arg("documents"), py::arg("lang") = py::none(),
        py::arg("date") = py::none(), py::arg("threads") = py::none(),
        py::arg("demonyms") = true, py::arg("on_error") = "raise",
        "Geoparses documents; returns (document and place records, error messages).");
  m.def("assess", &Assess, py::arg("documents"), py::arg("records_jsonl") = py::none(),
        py::arg("date") = py::none(), py::arg("as_of") = py::none(),
        py::arg("treaties") = std::vector<std::string>{}, py::arg("window") = 7,
        py::arg("lang") = py::none(), py::arg("threads") = py::none(),
        "The assessment report (doc/assessment.md) of documents or of extract records.");

  py::class_<PyStore>(m, "Store")
      .def(py::init<const std::string&, bool, bool>(), py::arg("location"),
           py::arg("read_only") = false, py::arg("create") = true)
      .def("ingest", &PyStore::Ingest, py::arg("documents"), py::arg("lang") = py::none(),
           py::arg("date") = py::none(), py::arg("threads") = py::none(),
           py::arg("on_error") = "raise")
      .def("events", &PyStore::Events, py::arg("since") = py::none(),
           py::arg("until") = py::none(), py::arg("kinds") = std::vector<std::string>{},
           py::arg("country") = py::none(), py::arg("bbox") = py::none(),
           py::arg("min_documents") = 0, py::arg("limit") = 0)
      .def("export", &PyStore::Export, py::arg("format"), py::arg("since") = py::none(),
           py::arg("until") = py::none(), py::arg("kinds") = std::vector<std::string>{},
           py::arg("country") = py::none(), py::arg("bbox") = py::none(),
           py::arg("min_documents") = 0)
      .def("assess", &PyStore::Assess, py::arg("date") = py::none(),
           py::arg("as_of") = py::none(), py::arg("treaties") = std::vector<std::string>{},
           py::arg("window") = 7)
      .def("stats", &PyStore::Stats)
      .def("close", &PyStore::Close)
      .def_property_readonly("location", &PyStore::location);
}
