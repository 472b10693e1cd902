// Gazetteer index: writer (used by tools/tocsin_data) and memory-mapped reader.
//
// Layout (little-endian; doc/gazetteer.md):
//   Header (96 bytes) | Entry[num_entries] | Key[num_keys] | uint32 postings[num_postings] |
//   string pool
// Keys are the distinct folded names, sorted bytewise, each pointing at a run of postings
// (entry ids, most populous first). Strings are (offset, length) into the pool.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "tocsin/core/data_dir.h"
#include "tocsin/geo/compiled.h"
#include "tocsin/geo/gazetteer.h"

namespace tocsin::geo {
namespace {

constexpr char kMagic[8] = {'T', 'O', 'C', 'S', 'G', 'A', 'Z', '\0'};

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t header_size;
  uint64_t file_size;
  uint32_t num_entries;
  uint32_t num_keys;
  uint32_t num_postings;
  uint32_t reserved0;
  uint64_t entries_offset;
  uint64_t keys_offset;
  uint64_t postings_offset;
  uint64_t pool_offset;
  uint64_t pool_size;
  uint64_t reserved[3];
};
static_assert(sizeof(Header) == 104);

struct Entry {
  int32_t id;
  int32_t lat_e6, lon_e6;
  uint32_t population;
  uint32_t name_off, admin1_off;
  uint16_t name_len, admin1_len;
  char feature_code[8];
  char country[3];
  uint8_t feature;
  uint8_t flags;
  uint8_t pad[5];
};
static_assert(sizeof(Entry) == 48);

struct Key {
  uint32_t str_off;
  uint32_t postings_begin;
  uint16_t str_len;
  uint16_t postings_count;
};
static_assert(sizeof(Key) == 12);

constexpr uint8_t kFlagCurated = 1;

const char* const kFeatures[] = {"",     "country", "region", "city",     "town", "village",
                                 "lake", "river",   "mountain", "pass", "area"};
constexpr size_t kNumFeatures = sizeof(kFeatures) / sizeof(kFeatures[0]);

uint8_t FeatureIndex(const std::string& f) {
  for (size_t i = 0; i < kNumFeatures; ++i) {
    if (f == kFeatures[i]) return static_cast<uint8_t>(i);
  }
  return static_cast<uint8_t>(kNumFeatures - 1);  // unknown kinds are "area"
}

uint64_t Align8(uint64_t n) { return (n + 7) & ~uint64_t{7}; }

// Appends strings to a pool, sharing identical ones.
class PoolBuilder {
 public:
  std::pair<uint32_t, uint16_t> Add(std::string_view s) {
    if (s.size() > 0xFFFF) s = s.substr(0, 0xFFFF);
    auto it = index_.find(std::string(s));
    if (it != index_.end()) return {it->second, static_cast<uint16_t>(s.size())};
    uint32_t off = static_cast<uint32_t>(pool_.size());
    pool_.append(s);
    index_.emplace(std::string(s), off);
    return {off, static_cast<uint16_t>(s.size())};
  }
  const std::string& data() const { return pool_; }

 private:
  std::string pool_;
  std::unordered_map<std::string, uint32_t> index_;
};

}  // namespace

std::string RebuildHint(const std::string& path) {
  return path + ": the compiled data file is missing, damaged or from another tocsin version; "
                "rebuild it with `ninja -C build` (target tocsin_data_files)";
}

Status WriteGazetteerIndex(const std::vector<GazetteerRecord>& records, const std::string& path) {
  PoolBuilder pool;
  std::vector<Entry> entries(records.size());
  // (folded name, entry id) pairs, sorted: a flat vector keeps the writer's memory close to
  // the size of the names themselves (the full GeoNames dump has tens of millions).
  std::vector<std::pair<std::string, uint32_t>> names;
  for (size_t i = 0; i < records.size(); ++i) {
    const GazetteerEntry& g = records[i].entry;
    Entry& e = entries[i];
    std::memset(&e, 0, sizeof(e));
    e.id = static_cast<int32_t>(g.geonameid);
    e.lat_e6 = static_cast<int32_t>(std::lround(g.lat * 1e6));
    e.lon_e6 = static_cast<int32_t>(std::lround(g.lon * 1e6));
    e.population = static_cast<uint32_t>(std::clamp<int64_t>(g.population, 0, UINT32_MAX));
    std::tie(e.name_off, e.name_len) = pool.Add(g.name);
    std::tie(e.admin1_off, e.admin1_len) = pool.Add(g.admin1);
    std::memcpy(e.feature_code, g.feature_code.data(), std::min<size_t>(8, g.feature_code.size()));
    std::memcpy(e.country, g.country.data(), std::min<size_t>(3, g.country.size()));
    e.feature = FeatureIndex(g.feature);
    e.flags = g.curated ? kFlagCurated : 0;
    size_t first = names.size();
    names.emplace_back(FoldName(g.name), static_cast<uint32_t>(i));
    for (const std::string& n : records[i].names) {
      names.emplace_back(FoldName(n), static_cast<uint32_t>(i));
    }
    // Drop this record's duplicate spellings right away.
    std::sort(names.begin() + static_cast<std::ptrdiff_t>(first), names.end());
    names.erase(std::unique(names.begin() + static_cast<std::ptrdiff_t>(first), names.end()),
                names.end());
  }
  std::sort(names.begin(), names.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (entries[a.second].population != entries[b.second].population) {
      return entries[a.second].population > entries[b.second].population;
    }
    return a.second < b.second;
  });
  std::vector<Key> keys;
  std::vector<uint32_t> postings;
  postings.reserve(names.size());
  for (size_t i = 0; i < names.size();) {
    size_t j = i;
    while (j < names.size() && names[j].first == names[i].first) ++j;
    const std::string& name = names[i].first;
    if (!name.empty() && name.size() <= 0xFFFF) {
      Key k;
      std::tie(k.str_off, k.str_len) = pool.Add(name);
      k.postings_begin = static_cast<uint32_t>(postings.size());
      size_t count = std::min<size_t>(j - i, 0xFFFF);
      k.postings_count = static_cast<uint16_t>(count);
      for (size_t x = i; x < i + count; ++x) postings.push_back(names[x].second);
      keys.push_back(k);
    }
    i = j;
  }
  names.clear();
  names.shrink_to_fit();

  Header h;
  std::memset(&h, 0, sizeof(h));
  std::memcpy(h.magic, kMagic, sizeof(kMagic));
  h.version = kGazetteerVersion;
  h.header_size = sizeof(Header);
  h.num_entries = static_cast<uint32_t>(entries.size());
  h.num_keys = static_cast<uint32_t>(keys.size());
  h.num_postings = static_cast<uint32_t>(postings.size());
  h.entries_offset = Align8(sizeof(Header));
  h.keys_offset = Align8(h.entries_offset + entries.size() * sizeof(Entry));
  h.postings_offset = Align8(h.keys_offset + keys.size() * sizeof(Key));
  h.pool_offset = Align8(h.postings_offset + postings.size() * sizeof(uint32_t));
  h.pool_size = pool.data().size();
  h.file_size = h.pool_offset + h.pool_size;

  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError(tmp + ": cannot create: " + std::strerror(errno));
    auto pad_to = [&](uint64_t off) {
      static const char zeros[8] = {};
      uint64_t pos = static_cast<uint64_t>(out.tellp());
      if (off > pos) out.write(zeros, static_cast<std::streamsize>(off - pos));
    };
    out.write(reinterpret_cast<const char*>(&h), sizeof(h));
    pad_to(h.entries_offset);
    out.write(reinterpret_cast<const char*>(entries.data()),
              static_cast<std::streamsize>(entries.size() * sizeof(Entry)));
    pad_to(h.keys_offset);
    out.write(reinterpret_cast<const char*>(keys.data()),
              static_cast<std::streamsize>(keys.size() * sizeof(Key)));
    pad_to(h.postings_offset);
    out.write(reinterpret_cast<const char*>(postings.data()),
              static_cast<std::streamsize>(postings.size() * sizeof(uint32_t)));
    pad_to(h.pool_offset);
    out.write(pool.data().data(), static_cast<std::streamsize>(pool.data().size()));
    if (!out) return Status::IoError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::IoError(path + ": cannot rename " + tmp + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

namespace {

class MappedGazetteer final : public Gazetteer {
 public:
  MappedGazetteer(const char* base, size_t size) : base_(base), size_(size) {
    std::memcpy(&h_, base, sizeof(h_));
    entries_ = reinterpret_cast<const Entry*>(base + h_.entries_offset);
    keys_ = reinterpret_cast<const Key*>(base + h_.keys_offset);
    postings_ = reinterpret_cast<const uint32_t*>(base + h_.postings_offset);
    pool_ = base + h_.pool_offset;
  }
  ~MappedGazetteer() override { munmap(const_cast<char*>(base_), size_); }

  std::vector<GazetteerEntry> Lookup(std::string_view folded) const override {
    std::vector<GazetteerEntry> out;
    const Key* end = keys_ + h_.num_keys;
    const Key* k = std::lower_bound(keys_, end, folded, [&](const Key& key, std::string_view q) {
      return KeyString(key) < q;
    });
    if (k == end || KeyString(*k) != folded) return out;
    if (uint64_t{k->postings_begin} + k->postings_count > h_.num_postings) return out;
    out.reserve(k->postings_count);
    for (uint32_t i = 0; i < k->postings_count; ++i) {
      uint32_t id = postings_[k->postings_begin + i];
      if (id < h_.num_entries) out.push_back(Decode(entries_[id]));
    }
    return out;
  }

  bool Contains(std::string_view folded) const override {
    const Key* end = keys_ + h_.num_keys;
    const Key* k = std::lower_bound(keys_, end, folded, [&](const Key& key, std::string_view q) {
      return KeyString(key) < q;
    });
    return k != end && KeyString(*k) == folded && k->postings_count > 0;
  }

  bool HasLongerName(std::string_view prefix) const override {
    // First key >= prefix + " ": compare as if the query had a trailing space.
    const Key* end = keys_ + h_.num_keys;
    const Key* k = std::lower_bound(keys_, end, prefix, [&](const Key& key, std::string_view q) {
      std::string_view s = KeyString(key);
      size_t n = std::min(s.size(), q.size());
      int c = s.substr(0, n).compare(q.substr(0, n));
      if (c != 0) return c < 0;
      if (s.size() <= q.size()) return true;  // s is a prefix of q (or equal): s < q + " "
      return static_cast<unsigned char>(s[q.size()]) < static_cast<unsigned char>(' ');
    });
    if (k == end) return false;
    std::string_view s = KeyString(*k);
    return s.size() > prefix.size() + 1 && s.substr(0, prefix.size()) == prefix &&
           s[prefix.size()] == ' ';
  }

  size_t size() const override { return h_.num_entries; }

 private:
  std::string_view PoolString(uint32_t off, uint16_t len) const {
    if (uint64_t{off} + len > h_.pool_size) return {};
    return std::string_view(pool_ + off, len);
  }
  std::string_view KeyString(const Key& k) const { return PoolString(k.str_off, k.str_len); }

  GazetteerEntry Decode(const Entry& e) const {
    GazetteerEntry g;
    g.geonameid = e.id;
    g.name = std::string(PoolString(e.name_off, e.name_len));
    g.lat = e.lat_e6 / 1e6;
    g.lon = e.lon_e6 / 1e6;
    g.feature = kFeatures[e.feature < kNumFeatures ? e.feature : kNumFeatures - 1];
    g.feature_code.assign(e.feature_code, strnlen(e.feature_code, sizeof(e.feature_code)));
    g.country.assign(e.country, strnlen(e.country, sizeof(e.country)));
    g.admin1 = std::string(PoolString(e.admin1_off, e.admin1_len));
    g.population = e.population;
    g.curated = (e.flags & kFlagCurated) != 0;
    return g;
  }

  const char* base_;
  size_t size_;
  Header h_;
  const Entry* entries_;
  const Key* keys_;
  const uint32_t* postings_;
  const char* pool_;
};

bool SectionFits(uint64_t offset, uint64_t count, uint64_t elem, uint64_t file_size) {
  if (offset % 4 != 0 || offset > file_size) return false;
  if (elem != 0 && count > (file_size - offset) / elem) return false;
  return true;
}

}  // namespace

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    std::string msg = path + ": cannot open gazetteer index: " + std::strerror(err) +
                      "; build it with `ninja -C build` (target tocsin_data_files)";
    return err == ENOENT ? Status::NotFound(msg) : Status::IoError(msg);
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::IoError(path + ": cannot stat: " + std::strerror(err));
  }
  size_t size = static_cast<size_t>(st.st_size);
  if (size < sizeof(Header)) {
    ::close(fd);
    return Status::Corruption(RebuildHint(path) + " (file too short)");
  }
  void* base = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (base == MAP_FAILED) return Status::IoError(path + ": mmap failed: " + std::strerror(errno));

  Header h;
  std::memcpy(&h, base, sizeof(h));
  std::string problem;
  if (std::memcmp(h.magic, kMagic, sizeof(kMagic)) != 0) {
    problem = "not a tocsin gazetteer index (bad magic)";
  } else if (h.version != kGazetteerVersion) {
    problem = "format version " + std::to_string(h.version) + ", expected " +
              std::to_string(kGazetteerVersion);
  } else if (h.header_size != sizeof(Header) || h.file_size != size) {
    problem = "truncated or resized (header says " + std::to_string(h.file_size) +
              " bytes, file has " + std::to_string(size) + ")";
  } else if (!SectionFits(h.entries_offset, h.num_entries, sizeof(Entry), size) ||
             !SectionFits(h.keys_offset, h.num_keys, sizeof(Key), size) ||
             !SectionFits(h.postings_offset, h.num_postings, sizeof(uint32_t), size) ||
             !SectionFits(h.pool_offset, h.pool_size, 1, size)) {
    problem = "section table out of bounds";
  }
  if (!problem.empty()) {
    munmap(base, size);
    return Status::Corruption(RebuildHint(path) + " (" + problem + ")");
  }
  return std::unique_ptr<Gazetteer>(new MappedGazetteer(static_cast<const char*>(base), size));
}

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::OpenDefault() {
  return Open(CompiledDataDir() + "/gazetteer.bin");
}

}  // namespace tocsin::geo
