#include "crypto/locked_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <mutex>
#include <vector>

#include "base/check.h"

namespace amanah::crypto::internal {
namespace {

constexpr size_t kChunkSize = 64 * 1024;
constexpr std::array<size_t, 8> kClasses = {32, 64, 128, 256, 512, 1024, 2048, 4096};

struct Mapping {
  uint8_t* data;
  bool locked;
};

Mapping MapLocked(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  AMANAH_CHECK(p != MAP_FAILED, "cannot map memory for secrets");
  madvise(p, bytes, MADV_DONTDUMP);
  return {static_cast<uint8_t*>(p), mlock(p, bytes) == 0};
}

size_t PageRounded(size_t n) {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return (n + page - 1) / page * page;
}

class Pool {
 public:
  LockedBlock Allocate(size_t size) {
    for (size_t c = 0; c < kClasses.size(); ++c) {
      if (size > kClasses[c]) continue;
      std::lock_guard lock(mu_);
      auto& free = free_[c];
      if (free.empty()) Refill(c);
      LockedBlock b = free.back();
      free.pop_back();
      return b;
    }
    const size_t bytes = PageRounded(size);
    Mapping m = MapLocked(bytes);  // fresh anonymous pages are zero
    return {m.data, bytes, m.locked};
  }

  void Release(const LockedBlock& b) {
    for (size_t c = 0; c < kClasses.size(); ++c) {
      if (b.capacity != kClasses[c]) continue;
      std::lock_guard lock(mu_);
      free_[c].push_back(b);
      return;
    }
    if (b.locked) munlock(b.data, b.capacity);
    munmap(b.data, b.capacity);
  }

 private:
  // REQUIRES: mu_ is held. Slots of a chunk are zero (fresh pages); released ones were zeroized.
  void Refill(size_t c) {
    Mapping m = MapLocked(kChunkSize);
    for (size_t off = 0; off + kClasses[c] <= kChunkSize; off += kClasses[c]) {
      free_[c].push_back({m.data + off, kClasses[c], m.locked});
    }
  }

  std::mutex mu_;
  std::array<std::vector<LockedBlock>, kClasses.size()> free_;  // GUARDED_BY(mu_)
};

Pool& ThePool() {
  static Pool* pool = new Pool();  // never destroyed: secrets may be released during exit
  return *pool;
}

}  // namespace

LockedBlock AllocateLocked(size_t size) {
  AMANAH_CHECK(size > 0);
  return ThePool().Allocate(size);
}

void ReleaseLocked(const LockedBlock& block) { ThePool().Release(block); }

}  // namespace amanah::crypto::internal
