// amanah: wires the real environment to the CLI; everything else lives in libraries.
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  return amanah::cli::Run(args, std::cout, std::cerr);
}
