// amanah: wires the real environment to the CLI; everything else lives in libraries.
#include <iostream>
#include <string>
#include <vector>

#include "base/process_hardening.h"
#include "cli/app.h"
#include "crypto/secure_heap.h"

int main(int argc, char** argv) {
  // Before anything can hold a secret: no core dumps, no ptrace by others.
  if (auto hardened = amanah::base::HardenProcess(); !hardened) {
    std::cerr << "amanah: " << hardened.error().message() << "\n";
    return 1;
  }
  // OpenSSL's own copies of key material go to its secure heap (locked, not dumped).
  if (auto heap = amanah::crypto::InitSecureHeap(); !heap) {
    std::cerr << "amanah: " << heap.error().message() << "\n";
    return 1;
  }
  std::vector<std::string> args(argv, argv + argc);
  return amanah::cli::Run(args, std::cout, std::cerr);
}
