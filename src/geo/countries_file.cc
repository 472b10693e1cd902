// countries.bin: country polygons compiled from world-atlas by tools/tocsin_data.
//
// Layout (little-endian): magic "TOCSCTY\0", uint32 version, uint32 num_countries,
// uint64 file_size; then per country: char alpha3[4] (NUL-padded), uint32 num_polygons;
// per polygon: uint32 num_rings; per ring: uint32 num_points, then num_points x
// (int32 lon_e6, int32 lat_e6). The first ring of a polygon is its shell, the others holes.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include "tocsin/geo/compiled.h"

namespace tocsin::geo {
namespace {

constexpr char kMagic[8] = {'T', 'O', 'C', 'S', 'C', 'T', 'Y', '\0'};

void PutU32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
void PutI32(std::string& out, int32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

class Reader {
 public:
  explicit Reader(const std::string& data) : data_(data) {}
  bool U32(uint32_t* v) { return Bytes(v, 4); }
  bool I32(int32_t* v) { return Bytes(v, 4); }
  bool U64(uint64_t* v) { return Bytes(v, 8); }
  bool Bytes(void* dst, size_t n) {
    if (data_.size() - pos_ < n) return false;
    std::memcpy(dst, data_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  size_t remaining() const { return data_.size() - pos_; }

 private:
  const std::string& data_;
  size_t pos_ = 0;
};

}  // namespace

Status WriteCountries(const std::vector<CountryShape>& countries, const std::string& path) {
  std::string out(kMagic, sizeof(kMagic));
  PutU32(out, kCountriesVersion);
  PutU32(out, static_cast<uint32_t>(countries.size()));
  size_t size_pos = out.size();
  out.append(8, '\0');
  for (const CountryShape& c : countries) {
    char code[4] = {};
    std::memcpy(code, c.alpha3.data(), std::min<size_t>(3, c.alpha3.size()));
    out.append(code, 4);
    PutU32(out, static_cast<uint32_t>(c.polygons.size()));
    for (const Polygon& p : c.polygons) {
      PutU32(out, static_cast<uint32_t>(p.size()));
      for (const Ring& r : p) {
        PutU32(out, static_cast<uint32_t>(r.size()));
        for (const auto& [lon, lat] : r) {
          PutI32(out, static_cast<int32_t>(std::lround(lon * 1e6)));
          PutI32(out, static_cast<int32_t>(std::lround(lat * 1e6)));
        }
      }
    }
  }
  uint64_t size = out.size();
  std::memcpy(out.data() + size_pos, &size, 8);
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Status::IoError(tmp + ": cannot create: " + std::strerror(errno));
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!f) return Status::IoError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::IoError(path + ": cannot rename " + tmp + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

StatusOr<std::vector<CountryShape>> ReadCountries(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    return Status::NotFound(path + ": cannot open country polygons: " + std::strerror(errno) +
                            "; build them with `ninja -C build` (target tocsin_data_files)");
  }
  std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  Reader r(data);
  char magic[8];
  uint32_t version = 0, n = 0;
  uint64_t size = 0;
  if (!r.Bytes(magic, 8) || std::memcmp(magic, kMagic, 8) != 0 || !r.U32(&version) ||
      !r.U32(&n) || !r.U64(&size)) {
    return Status::Corruption(RebuildHint(path) + " (bad header)");
  }
  if (version != kCountriesVersion) {
    return Status::Corruption(RebuildHint(path) + " (format version " + std::to_string(version) +
                              ")");
  }
  if (size != data.size()) return Status::Corruption(RebuildHint(path) + " (truncated)");
  std::vector<CountryShape> out;
  const auto corrupt = [&] { return Status::Corruption(RebuildHint(path) + " (truncated record)"); };
  for (uint32_t i = 0; i < n; ++i) {
    CountryShape c;
    char code[4];
    uint32_t np;
    if (!r.Bytes(code, 4) || !r.U32(&np)) return corrupt();
    c.alpha3.assign(code, strnlen(code, 4));
    for (uint32_t p = 0; p < np; ++p) {
      uint32_t nr;
      if (!r.U32(&nr) || nr > r.remaining() / 4) return corrupt();
      Polygon poly;
      for (uint32_t k = 0; k < nr; ++k) {
        uint32_t npts;
        if (!r.U32(&npts) || npts > r.remaining() / 8) return corrupt();
        Ring ring(npts);
        for (uint32_t j = 0; j < npts; ++j) {
          int32_t lon = 0, lat = 0;
          r.I32(&lon);
          r.I32(&lat);
          ring[j] = {lon / 1e6, lat / 1e6};
        }
        poly.push_back(std::move(ring));
      }
      c.polygons.push_back(std::move(poly));
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace tocsin::geo
