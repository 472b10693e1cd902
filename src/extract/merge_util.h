// What the merge passes share: events by sentence, and the removal of merged events.
// Internal to the extract module.
#ifndef TOCSIN_SRC_EXTRACT_MERGE_UTIL_H_
#define TOCSIN_SRC_EXTRACT_MERGE_UTIL_H_

#include <algorithm>
#include <cstddef>
#include <map>
#include <utility>
#include <vector>

#include "document_analysis.h"

namespace tocsin::extract {

// Events by sentence number, kept current by Move(), for the merges: an event's
// candidates are the events of its own and the neighbouring sentences, in event order (what a
// scan of every event, filtered by sentence, gives), so that the merges cost the events of a
// few sentences per event instead of the whole document's.
class SentenceBuckets {
 public:
  explicit SentenceBuckets(const std::vector<CandidateEvent>& events) {
    for (size_t e = 0; e < events.size(); ++e) buckets_[events[e].info.sentence].push_back(e);
  }
  // Event e moved from sentence `from` to sentence `to`.
  void Move(size_t e, int from, int to) {
    if (from == to) return;
    std::vector<size_t>& old = buckets_[from];
    old.erase(std::find(old.begin(), old.end(), e));
    std::vector<size_t>& now = buckets_[to];
    now.insert(std::lower_bound(now.begin(), now.end(), e), e);
  }
  // Events whose sentence is within `window` of `sentence`, in increasing order.
  std::vector<size_t> Near(int sentence, int window) const {
    std::vector<size_t> out;
    for (auto it = buckets_.lower_bound(sentence - window);
         it != buckets_.end() && it->first <= sentence + window; ++it)
      out.insert(out.end(), it->second.begin(), it->second.end());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::map<int, std::vector<size_t>> buckets_;
};

// Removes the events marked in `drop`, keeping the order of the others.
inline void EraseDropped(std::vector<CandidateEvent>& events, const std::vector<bool>& drop) {
  size_t w = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    if (drop[i]) continue;
    if (w != i) events[w] = std::move(events[i]);
    ++w;
  }
  events.resize(w);
}

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_MERGE_UTIL_H_
