// The fuzz targets without libFuzzer, for GCC's sanitizer build (ctest, `./dev test`): every file
// of the given corpus directories, then mutations of them — bit flips, byte changes, insertions,
// deletions, truncations and splices — from a fixed seed until --runs inputs or --seconds have
// passed. The sequence is deterministic, and the input that crashed is written to
// crash-<target>-<seed>-<n> first (ASan's death callback), so a failure reproduces. Coverage-guided
// fuzzing is `./dev fuzz` (clang's libFuzzer).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" void __sanitizer_set_death_callback(void (*callback)(void));

namespace {

std::vector<uint8_t> current;  // the input being run, for the death callback
std::string crash_file;

void WriteCrash() {
  std::ofstream f(crash_file, std::ios::binary);
  f.write(reinterpret_cast<const char*>(current.data()),
          static_cast<std::streamsize>(current.size()));
  std::fprintf(stderr, "replay: the failing input is in %s\n", crash_file.c_str());
}

void Run(const std::vector<uint8_t>& input, const std::string& name, uint64_t seed, uint64_t n) {
  current = input;
  crash_file = "crash-" + name + "-" + std::to_string(seed) + "-" + std::to_string(n);
  LLVMFuzzerTestOneInput(current.data(), current.size());
}

std::vector<uint8_t> Mutate(std::mt19937_64& rng, const std::vector<std::vector<uint8_t>>& pool) {
  std::vector<uint8_t> v = pool[rng() % pool.size()];
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits; ++e) {
    const size_t at = v.empty() ? 0 : rng() % (v.size() + 1);
    switch (rng() % 6) {
      case 0:  // flip a bit
        if (!v.empty()) v[at % v.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
        break;
      case 1:  // an interesting byte
        if (!v.empty()) {
          static const uint8_t kBytes[] = {0,   1,   0x7f, 0x80, 0xff, '"', '\\', '{', '}',  '[',
                                           ']', ',', ':',  '-',  '.',  '0', '9',  'e', '\r', '\n'};
          v[at % v.size()] = kBytes[rng() % sizeof(kBytes)];
        }
        break;
      case 2:  // insert random bytes
        v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), 1 + rng() % 8,
                 static_cast<uint8_t>(rng()));
        break;
      case 3:  // delete a run
        if (!v.empty()) {
          const size_t from = at % v.size();
          const size_t len = std::min<size_t>(v.size() - from, 1 + rng() % 16);
          v.erase(v.begin() + static_cast<std::ptrdiff_t>(from),
                  v.begin() + static_cast<std::ptrdiff_t>(from + len));
        }
        break;
      case 4:  // truncate
        v.resize(at);
        break;
      default: {  // splice in a piece of another input
        const auto& other = pool[rng() % pool.size()];
        if (other.empty()) break;
        const size_t from = rng() % other.size();
        const size_t len = std::min<size_t>(other.size() - from, 1 + rng() % 64);
        v.insert(v.begin() + static_cast<std::ptrdiff_t>(at),
                 other.begin() + static_cast<std::ptrdiff_t>(from),
                 other.begin() + static_cast<std::ptrdiff_t>(from + len));
      }
    }
  }
  if (v.size() > 1 << 16) v.resize(1 << 16);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  std::string name = std::filesystem::path(argv[0]).filename().string();
  uint64_t runs = 100000, seed = 1;
  double seconds = 10;
  std::vector<std::vector<uint8_t>> pool{{}};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--runs=", 0) == 0) {
      runs = std::strtoull(a.c_str() + 7, nullptr, 10);
    } else if (a.rfind("--seed=", 0) == 0) {
      seed = std::strtoull(a.c_str() + 7, nullptr, 10);
    } else if (a.rfind("--seconds=", 0) == 0) {
      seconds = std::strtod(a.c_str() + 10, nullptr);
    } else if (std::filesystem::is_directory(a)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(a)) {
        if (!e.is_regular_file()) continue;
        std::ifstream f(e.path(), std::ios::binary);
        pool.emplace_back(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
      }
    } else {
      std::fprintf(stderr, "usage: %s [--runs=N] [--seed=S] [--seconds=T] CORPUS_DIR…\n", argv[0]);
      return 2;
    }
  }
  __sanitizer_set_death_callback(WriteCrash);
  uint64_t n = 0;
  for (const auto& input : pool) Run(input, name, seed, n++);
  std::mt19937_64 rng(seed);
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(seconds));
  while (n < runs && std::chrono::steady_clock::now() < deadline)
    Run(Mutate(rng, pool), name, seed, n++);
  std::printf("%s: %llu inputs (%zu from the corpus), seed %llu: no failure\n", name.c_str(),
              static_cast<unsigned long long>(n), pool.size() - 1,
              static_cast<unsigned long long>(seed));
  return 0;
}
