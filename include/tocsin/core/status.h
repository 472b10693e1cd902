// Status and StatusOr<T>: expected failures as values (after leveldb/absl).
// A Status is cheap to copy when OK. Messages name the file, line or field at fault
// and what to do about it; they are shown to users as they are.
// Both are [[nodiscard]]: a Status that is ignored is either handled or discarded explicitly,
// `(void)f();  // why it does not matter`.
#ifndef TOCSIN_CORE_STATUS_H_
#define TOCSIN_CORE_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tocsin {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input: malformed JSON, invalid UTF-8, unknown option value
  kNotFound,         // missing file or record
  kIoError,          // the operating system refused a read or write
  kCorruption,       // a data file exists but its content is damaged or foreign
  kUnsupported,      // well-formed but not handled (e.g. an unknown file type)
  kResourceExhausted,  // a documented limit (document size, ...) was exceeded
  kInternal,         // a bug in tocsin
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status ResourceExhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid argument: <message>", or "OK".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status. Accessing value() of an error is a bug (asserted).
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }
  StatusOr(T value) : v_(std::move(value)) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace tocsin

#define TOCSIN_RETURN_IF_ERROR(expr)         \
  do {                                       \
    ::tocsin::Status _st = (expr);           \
    if (!_st.ok()) return _st;               \
  } while (0)

#endif  // TOCSIN_CORE_STATUS_H_
