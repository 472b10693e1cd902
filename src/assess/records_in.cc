#include "tocsin/assess/records_in.h"

#include <istream>
#include <map>

#include "tocsin/output/json_reader.h"

namespace tocsin::assess {

StatusOr<extract::Event> EventFromJson(const std::string& line) {
  return output::ReadEventRecord(line);
}

Status ReadExtractRecords(std::istream& in, const std::string& name,
                          std::vector<DocumentEvents>& out,
                          const std::function<void(const Status&)>& on_bad_line) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < out.size(); ++i) index[out[i].doc_id] = i;
  auto doc = [&](const std::string& id) -> DocumentEvents& {
    auto it = index.find(id);
    if (it != index.end()) return out[it->second];
    index[id] = out.size();
    out.push_back(DocumentEvents{id, "", {}, {}, {}});
    return out.back();
  };
  Status first_error;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    StatusOr<output::Record> r = output::ReadRecord(line);
    if (!r.ok()) {
      Status st(r.status().code(), name + ":" + std::to_string(n) + ": " + r.status().message());
      if (on_bad_line) on_bad_line(st);
      if (first_error.ok()) first_error = std::move(st);
      continue;
    }
    DocumentEvents& d = doc(r->doc_id);
    switch (r->type) {
      case output::Record::Type::kDocument:
        d.date = std::move(r->document.date);
        d.frame = std::move(r->document.frame);
        break;
      case output::Record::Type::kEvent: d.events.push_back(std::move(r->event)); break;
      case output::Record::Type::kCasualty: d.casualties.push_back(std::move(r->casualty)); break;
    }
  }
  if (in.bad()) return Status::IoError(name + ": read error");
  return on_bad_line ? Status::Ok() : first_error;
}

}  // namespace tocsin::assess
