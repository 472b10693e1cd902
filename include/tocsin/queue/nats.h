// Work distribution on NATS JetStream (doc/scale-out.md): `tocsin watch --publish` puts each
// fetched document on a stream, `tocsin worker` consumes it with a durable pull consumer and
// acknowledges each message after the document is committed to the store. Delivery is
// at-least-once (a worker killed before its acks: the messages are redelivered after the ack
// wait) and the store is idempotent by content hash: nothing lost, nothing doubled.
//
// Stream `<stream>` (file storage, work-queue retention: a message is deleted once acked)
// holds the subjects `<stream>.<source>`, one per publisher (SubjectFor). Messages are JSON
// documents (EncodeDocument) with the content hash as message id, so JetStream drops a
// document published twice within its duplicate window.
//
// Thread-safety: a Publisher or Consumer is used by one thread at a time.
#ifndef TOCSIN_QUEUE_NATS_H_
#define TOCSIN_QUEUE_NATS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/document.h"
#include "tocsin/core/status.h"

namespace tocsin::queue {

inline constexpr const char* kDefaultStream = "tocsin";
inline constexpr const char* kDefaultDurable = "tocsin-worker";

bool IsNatsUrl(const std::string& url);  // "nats://..."
// Whether `name` may name a stream or consumer: 1-64 of [A-Za-z0-9_-].
bool ValidName(const std::string& name);
// "<stream>.<token>": the source lower-cased, every byte outside [a-z0-9_-] as '_', at most 64
// bytes; "unknown" when empty.
std::string SubjectFor(const std::string& stream, const std::string& source);

// The document as one JSON object (id, title, text, date, lang, url, source, origin).
std::string EncodeDocument(const Document& doc);
// Errors name the field that is wrong (kInvalidArgument).
StatusOr<Document> DecodeDocument(std::string_view json);

class Publisher {
 public:
  // Connects and creates the stream when it does not exist.
  static StatusOr<std::unique_ptr<Publisher>> Connect(const std::string& url,
                                                      const std::string& stream);
  virtual ~Publisher() = default;
  // Waits for JetStream's acknowledgement: an OK document is stored in the stream.
  virtual Status Publish(const Document& doc) = 0;
  int64_t duplicates() const { return duplicates_; }  // dropped by the stream's dedup window

 protected:
  int64_t duplicates_ = 0;
};

struct ConsumerOptions {
  std::string stream = kDefaultStream;
  std::string durable = kDefaultDurable;  // workers sharing it share the work
  int ack_wait_s = 60;      // unacknowledged for this long: redelivered to another worker
  int max_deliver = 20;     // a message that keeps failing is dropped after this many tries
};

// One message being processed.
struct Message {
  std::string subject, data;
  uint64_t delivered = 0;   // 1 on first delivery
  std::shared_ptr<void> handle;  // the natsMsg (destroyed with the last copy)
};

class Consumer {
 public:
  static StatusOr<std::unique_ptr<Consumer>> Connect(const std::string& url,
                                                     const ConsumerOptions& o);
  virtual ~Consumer() = default;
  // Up to `max` messages, waiting at most `timeout_ms`; an empty list when none came.
  virtual StatusOr<std::vector<Message>> Fetch(int max, int timeout_ms) = 0;
  virtual Status Ack(Message& m) = 0;   // done: the stream forgets it
  virtual Status Nak(Message& m) = 0;   // redeliver (now)
  virtual Status Term(Message& m) = 0;  // never redeliver (a message that cannot be read)
  // Messages of the consumer not yet delivered, and delivered but not acknowledged.
  virtual StatusOr<std::pair<int64_t, int64_t>> Pending() = 0;
};

}  // namespace tocsin::queue

#endif  // TOCSIN_QUEUE_NATS_H_
