// NATS JetStream publisher and consumer (include/tocsin/queue/nats.h), through libnats.
#include "tocsin/queue/nats.h"

#include <nats/nats.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <mutex>

#include "tocsin/store/pg_store.h"
#include "tocsin/store/store.h"

namespace tocsin::queue {

bool IsNatsUrl(const std::string& url) { return url.rfind("nats://", 0) == 0; }

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '_' && c != '-') return false;
  return true;
}

std::string SubjectFor(const std::string& stream, const std::string& source) {
  std::string t;
  for (unsigned char c : source) {
    if (t.size() >= 64) break;
    c = static_cast<unsigned char>(std::tolower(c));
    t += (std::isalnum(c) && c < 0x80) || c == '_' || c == '-' ? static_cast<char>(c) : '_';
  }
  return stream + "." + (t.empty() ? "unknown" : t);
}

std::string EncodeDocument(const Document& d) {
  nlohmann::json j = {{"id", d.id},   {"title", d.title},   {"text", d.text},
                      {"date", d.date}, {"lang", d.lang},   {"url", d.url},
                      {"source", d.source}, {"origin", d.origin}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StatusOr<Document> DecodeDocument(std::string_view json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidArgument("message is not a JSON object (expected a tocsin document)");
  Document d;
  for (auto [key, field] : {std::pair{"id", &d.id}, {"title", &d.title}, {"text", &d.text},
                            {"date", &d.date}, {"lang", &d.lang}, {"url", &d.url},
                            {"source", &d.source}, {"origin", &d.origin}}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string())
      return Status::InvalidArgument(std::string("message field \"") + key +
                                     "\" is not a string");
    *field = it->get<std::string>();
  }
  if (d.text.empty() && d.title.empty())
    return Status::InvalidArgument("message has neither \"text\" nor \"title\"");
  if (d.id.empty()) d.id = store::ContentHash(d).substr(0, 16);
  return d;
}

namespace {

Status NatsError(const std::string& url, const std::string& what, natsStatus s,
                 jsErrCode jerr = static_cast<jsErrCode>(0)) {
  std::string m = store::RedactUrl(url) + ": " + what + ": " + natsStatus_GetText(s);
  const char* last = nats_GetLastError(nullptr);
  if (last && *last) m += std::string(" (") + last + ")";
  if (jerr) m += " [JetStream error " + std::to_string(static_cast<int>(jerr)) + "]";
  if (s == NATS_NO_SERVER || s == NATS_CONNECTION_CLOSED)
    m += "; check that nats-server runs with JetStream (-js) at that address";
  return Status::IoError(m);
}

// Connection and JetStream context, destroyed together.
struct Conn {
  natsConnection* nc = nullptr;
  jsCtx* js = nullptr;
  ~Conn() {
    if (js) jsCtx_Destroy(js);
    if (nc) natsConnection_Destroy(nc);
  }
};

Status Open(const std::string& url, Conn& c) {
  // The library's threads and buffers are released at exit (leak checkers stay quiet).
  static std::once_flag once;
  std::call_once(once, [] { std::atexit([] { nats_Close(); }); });
  natsOptions* opts = nullptr;
  natsStatus s = natsOptions_Create(&opts);
  if (s == NATS_OK) s = natsOptions_SetURL(opts, url.c_str());
  if (s == NATS_OK) s = natsOptions_SetName(opts, "tocsin");
  // Keep trying through a server restart (buffered publishes are re-sent).
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(opts, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(opts, 500);
  if (s == NATS_OK) s = natsConnection_Connect(&c.nc, opts);
  natsOptions_Destroy(opts);
  if (s != NATS_OK) return NatsError(url, "cannot connect to NATS", s);
  s = natsConnection_JetStream(&c.js, c.nc, nullptr);
  if (s != NATS_OK) return NatsError(url, "cannot use JetStream", s);
  return Status::Ok();
}

Status EnsureStream(const std::string& url, jsCtx* js, const std::string& stream) {
  if (!ValidName(stream))
    return Status::InvalidArgument("stream name \"" + stream +
                                   "\": use 1 to 64 letters, digits, '-' or '_'");
  jsStreamInfo* si = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  natsStatus s = js_GetStreamInfo(&si, js, stream.c_str(), nullptr, &jerr);
  if (s == NATS_OK) {
    jsStreamInfo_Destroy(si);
    return Status::Ok();
  }
  if (s != NATS_NOT_FOUND && jerr != JSStreamNotFoundErr)
    return NatsError(url, "cannot read stream " + stream, s, jerr);
  std::string subjects = stream + ".>";
  const char* subj[] = {subjects.c_str()};
  jsStreamConfig cfg;
  jsStreamConfig_Init(&cfg);
  cfg.Name = stream.c_str();
  cfg.Subjects = subj;
  cfg.SubjectsLen = 1;
  cfg.Storage = js_FileStorage;
  cfg.Retention = js_WorkQueuePolicy;  // a message is deleted once a worker acked it
  cfg.Duplicates = int64_t{10} * 60 * 1000000000;  // dedup window for message ids: 10 min
  jerr = static_cast<jsErrCode>(0);
  s = js_AddStream(&si, js, &cfg, nullptr, &jerr);
  if (s == NATS_OK) {
    jsStreamInfo_Destroy(si);
    return Status::Ok();
  }
  // Created by another process meanwhile.
  if (js_GetStreamInfo(&si, js, stream.c_str(), nullptr, nullptr) == NATS_OK) {
    jsStreamInfo_Destroy(si);
    return Status::Ok();
  }
  return NatsError(url, "cannot create stream " + stream, s, jerr);
}

class NatsPublisher final : public Publisher {
 public:
  NatsPublisher(std::string url, std::string stream)
      : url_(std::move(url)), stream_(std::move(stream)) {}
  Status Init() {
    TOCSIN_RETURN_IF_ERROR(Open(url_, c_));
    return EnsureStream(url_, c_.js, stream_);
  }
  Status Publish(const Document& doc) override {
    std::string data = EncodeDocument(doc);
    std::string id = store::ContentHash(doc);
    std::string subject = SubjectFor(stream_, doc.source);
    jsPubOptions po;
    jsPubOptions_Init(&po);
    po.MsgId = id.c_str();
    po.MaxWait = 10000;
    jsPubAck* ack = nullptr;
    jsErrCode jerr = static_cast<jsErrCode>(0);
    natsStatus s = js_Publish(&ack, c_.js, subject.c_str(), data.data(),
                              static_cast<int>(data.size()), &po, &jerr);
    if (s != NATS_OK) return NatsError(url_, "cannot publish " + doc.id, s, jerr);
    if (ack && ack->Duplicate) ++duplicates_;
    jsPubAck_Destroy(ack);
    return Status::Ok();
  }

 private:
  std::string url_, stream_;
  Conn c_;
};

class NatsConsumer final : public Consumer {
 public:
  NatsConsumer(std::string url, ConsumerOptions o) : url_(std::move(url)), o_(std::move(o)) {}
  ~NatsConsumer() override {
    if (sub_) natsSubscription_Destroy(sub_);
  }
  Status Init() {
    if (!ValidName(o_.durable))
      return Status::InvalidArgument("consumer name \"" + o_.durable +
                                     "\": use 1 to 64 letters, digits, '-' or '_'");
    TOCSIN_RETURN_IF_ERROR(Open(url_, c_));
    TOCSIN_RETURN_IF_ERROR(EnsureStream(url_, c_.js, o_.stream));
    jsSubOptions so;
    jsSubOptions_Init(&so);
    so.Stream = o_.stream.c_str();
    so.Config.AckPolicy = js_AckExplicit;
    so.Config.AckWait = int64_t{o_.ack_wait_s} * 1000000000;
    so.Config.MaxDeliver = o_.max_deliver;
    so.Config.MaxAckPending = 10000;
    jsErrCode jerr = static_cast<jsErrCode>(0);
    std::string subjects = o_.stream + ".>";
    natsStatus s = js_PullSubscribe(&sub_, c_.js, subjects.c_str(), o_.durable.c_str(), nullptr,
                                    &so, &jerr);
    if (s != NATS_OK)
      return NatsError(url_, "cannot subscribe as " + o_.durable + " to " + o_.stream, s, jerr);
    return Status::Ok();
  }

  StatusOr<std::vector<Message>> Fetch(int max, int timeout_ms) override {
    natsMsgList list{};
    jsErrCode jerr = static_cast<jsErrCode>(0);
    natsStatus s = natsSubscription_Fetch(&list, sub_, max, timeout_ms, &jerr);
    std::vector<Message> out;
    if (s == NATS_TIMEOUT && list.Count == 0) return out;
    if (s != NATS_OK && list.Count == 0)
      return NatsError(url_, "cannot fetch messages", s, jerr);
    for (int i = 0; i < list.Count; ++i) {
      natsMsg* m = list.Msgs[i];
      list.Msgs[i] = nullptr;  // ours now
      Message msg;
      msg.subject = natsMsg_GetSubject(m);
      const char* d = natsMsg_GetData(m);
      msg.data.assign(d ? d : "", static_cast<size_t>(natsMsg_GetDataLength(m)));
      jsMsgMetaData* meta = nullptr;
      if (natsMsg_GetMetaData(&meta, m) == NATS_OK) {
        msg.delivered = meta->NumDelivered;
        jsMsgMetaData_Destroy(meta);
      }
      msg.handle = std::shared_ptr<void>(
          m, [](void* p) { natsMsg_Destroy(static_cast<natsMsg*>(p)); });
      out.push_back(std::move(msg));
    }
    natsMsgList_Destroy(&list);
    return out;
  }

  Status Ack(Message& m) override {
    // Synchronous: the server confirmed it before the next batch is fetched.
    jsErrCode jerr = static_cast<jsErrCode>(0);
    natsStatus s = natsMsg_AckSync(static_cast<natsMsg*>(m.handle.get()), nullptr, &jerr);
    return s == NATS_OK ? Status::Ok() : NatsError(url_, "cannot acknowledge", s, jerr);
  }
  Status Nak(Message& m) override {
    natsStatus s = natsMsg_Nak(static_cast<natsMsg*>(m.handle.get()), nullptr);
    return s == NATS_OK ? Status::Ok() : NatsError(url_, "cannot nak", s);
  }
  Status Term(Message& m) override {
    natsStatus s = natsMsg_Term(static_cast<natsMsg*>(m.handle.get()), nullptr);
    return s == NATS_OK ? Status::Ok() : NatsError(url_, "cannot terminate", s);
  }
  StatusOr<std::pair<int64_t, int64_t>> Pending() override {
    jsConsumerInfo* ci = nullptr;
    jsErrCode jerr = static_cast<jsErrCode>(0);
    natsStatus s = natsSubscription_GetConsumerInfo(&ci, sub_, nullptr, &jerr);
    if (s != NATS_OK) return NatsError(url_, "cannot read the consumer", s, jerr);
    std::pair<int64_t, int64_t> p{static_cast<int64_t>(ci->NumPending), ci->NumAckPending};
    jsConsumerInfo_Destroy(ci);
    return p;
  }

 private:
  std::string url_;
  ConsumerOptions o_;
  Conn c_;
  natsSubscription* sub_ = nullptr;
};

}  // namespace

StatusOr<std::unique_ptr<Publisher>> Publisher::Connect(const std::string& url,
                                                        const std::string& stream) {
  auto p = std::make_unique<NatsPublisher>(url, stream);
  TOCSIN_RETURN_IF_ERROR(p->Init());
  return std::unique_ptr<Publisher>(std::move(p));
}

StatusOr<std::unique_ptr<Consumer>> Consumer::Connect(const std::string& url,
                                                      const ConsumerOptions& o) {
  auto c = std::make_unique<NatsConsumer>(url, o);
  TOCSIN_RETURN_IF_ERROR(c->Init());
  return std::unique_ptr<Consumer>(std::move(c));
}

}  // namespace tocsin::queue
