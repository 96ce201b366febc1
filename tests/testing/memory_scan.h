// MemoryScan: looks through every readable mapping of this process for some bytes, as someone
// reading a core image of it would, and says which mapping each copy is in and whether that
// mapping is locked (VmFlags "lo") and left out of core dumps ("dd"). For the test that secrets
// live only in protected memory. Reads with process_vm_readv, so an unreadable page is skipped,
// never a crash; skips the sanitizers' huge shadow mappings.
#pragma once

#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

namespace amanah::testing {

struct MemoryRegion {
  uintptr_t begin = 0, end = 0;
  std::string perms, name;
  bool dont_dump = false;
  bool locked = false;
};

inline std::vector<MemoryRegion> MemoryRegions() {
  std::vector<MemoryRegion> out;
  std::ifstream smaps("/proc/self/smaps");
  for (std::string line; std::getline(smaps, line);) {
    const size_t dash = line.find('-');
    const size_t space = line.find(' ');
    if (dash != std::string::npos && space != std::string::npos && dash < space &&
        line.find_first_not_of("0123456789abcdef") == dash) {
      MemoryRegion r;
      r.begin = std::stoull(line.substr(0, dash), nullptr, 16);
      r.end = std::stoull(line.substr(dash + 1, space - dash - 1), nullptr, 16);
      std::istringstream rest(line.substr(space + 1));
      std::string offset, dev, inode;
      rest >> r.perms >> offset >> dev >> inode;
      std::getline(rest, r.name);
      out.push_back(std::move(r));
    } else if (line.starts_with("VmFlags:") && !out.empty()) {
      std::istringstream flags(line.substr(8));
      for (std::string f; flags >> f;) {
        if (f == "dd") out.back().dont_dump = true;
        if (f == "lo") out.back().locked = true;
      }
    }
  }
  return out;
}

struct MemoryHit {
  uintptr_t address;
  MemoryRegion region;
};

/// Every copy of `needle` in this process's readable memory.
inline std::vector<MemoryHit> FindInMemory(std::span<const uint8_t> needle) {
  constexpr size_t kChunk = 1 << 20;
  constexpr uintptr_t kTooLarge = uintptr_t{4} << 30;  // sanitizer shadow, reserved spans
  // The read buffer is itself left out of dumps, so copies it holds while scanning are not hits.
  auto* buffer = static_cast<uint8_t*>(::mmap(
      nullptr, kChunk + needle.size(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ::madvise(buffer, kChunk + needle.size(), MADV_DONTDUMP);
  std::vector<MemoryHit> hits;
  for (const MemoryRegion& r : MemoryRegions()) {
    if (r.perms.empty() || r.perms[0] != 'r' || r.end - r.begin > kTooLarge) continue;
    if (r.name.find("[vvar]") != std::string::npos ||
        r.name.find("[vsyscall]") != std::string::npos)
      continue;
    for (uintptr_t at = r.begin; at < r.end; at += kChunk) {
      const size_t want = std::min<uintptr_t>(kChunk + needle.size() - 1, r.end - at);
      iovec local{buffer, want};
      iovec remote{reinterpret_cast<void*>(at), want};
      const ssize_t got = ::process_vm_readv(::getpid(), &local, 1, &remote, 1, 0);
      if (got <= 0) continue;
      const uint8_t* p = buffer;
      const uint8_t* end = buffer + got;
      while (static_cast<size_t>(end - p) >= needle.size()) {
        const void* found = ::memmem(p, static_cast<size_t>(end - p), needle.data(), needle.size());
        if (found == nullptr) break;
        const auto offset = static_cast<const uint8_t*>(found) - buffer;
        if (static_cast<size_t>(offset) < kChunk) {  // the overlap is the next chunk's
          hits.push_back({at + static_cast<uintptr_t>(offset), r});
        }
        p = static_cast<const uint8_t*>(found) + 1;
      }
    }
  }
  std::memset(buffer, 0, kChunk + needle.size());
  ::munmap(buffer, kChunk + needle.size());
  return hits;
}

}  // namespace amanah::testing
