// Reading the journal for people: a filter (tenant, kind, since), and writers for `journal show`
// (text or JSON lines) and `journal export` (a JSON document or a self-contained HTML report of
// every decision with its reasons and citations, headed by the verification result).
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "base/result.h"
#include "journal/verify.h"
#include "store/store.h"

namespace amanah::journal {

struct Filter {
  std::optional<std::string> tenant;
  std::optional<std::string> kind;  ///< exact kind, or a prefix ending in '.' ("key.")
  std::optional<int64_t> since_ms;
};

base::Result<void> Visit(store::Store& store, const Filter& filter,
                         const std::function<void(const store::JournalRow&)>& visit);

/// One line per record: time, tenant, seq, kind, payload.
base::Result<void> WriteText(store::Store& store, const Filter& filter, std::ostream& out);
/// One JSON object per line.
base::Result<void> WriteJsonLines(store::Store& store, const Filter& filter, std::ostream& out);
/// {"verification": {...}, "records": [...]}.
base::Result<void> WriteJsonReport(store::Store& store, const Filter& filter,
                                   const VerifyReport& verification, std::ostream& out);
/// A standalone HTML page.
base::Result<void> WriteHtmlReport(store::Store& store, const Filter& filter,
                                   const VerifyReport& verification, std::ostream& out);

/// `text` with & < > " ' escaped for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

/// "2026-01-01T00:00:00.000Z".
std::string IsoMillis(int64_t ms);

}  // namespace amanah::journal
