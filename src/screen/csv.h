// Csv: an RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF, embedded line breaks in
// quotes) that keeps each record's starting line so errors can name it. Whole-text in, records
// out; nothing is returned for a malformed file, so a bad file is never half-loaded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace amanah::screen {

struct CsvRecord {
  int line = 0;  ///< 1-based line where the record starts
  std::vector<std::string> fields;
};

/// Parses `text`; errors are "FILE:LINE: what".
base::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, std::string_view file);

}  // namespace amanah::screen
