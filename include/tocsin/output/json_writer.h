// JsonWriter: appends compact JSON to a string, fields in the order written.
//
// Records are written once and never edited, so a streaming writer is enough and much cheaper
// than building a DOM (profiling `tocsin extract` showed nlohmann::ordered_json at 28% of the
// run). Strings must be valid UTF-8 (readers validate documents); control characters, quotes
// and backslashes are escaped. The writer does not check nesting: callers pair Begin/End.
#ifndef TOCSIN_OUTPUT_JSON_WRITER_H_
#define TOCSIN_OUTPUT_JSON_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tocsin::output {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);  // then exactly one value

  JsonWriter& String(std::string_view s);
  JsonWriter& StringOrNull(std::string_view s);  // "" -> null
  JsonWriter& Int(int64_t v);
  JsonWriter& Double(double v);  // shortest form that round-trips; NaN/inf -> null
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  JsonWriter& StringArray(const std::vector<std::string>& values);

 private:
  void Separate();
  std::string& out_;
  bool need_comma_ = false;
};

// Appends `s` as a JSON string literal (with quotes).
void AppendJsonString(std::string_view s, std::string& out);

}  // namespace tocsin::output

#endif  // TOCSIN_OUTPUT_JSON_WRITER_H_
