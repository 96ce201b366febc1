#include "screen/csv.h"

namespace amanah::screen {

using base::Error;
using base::ErrorCode;

base::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, std::string_view file) {
  std::vector<CsvRecord> records;
  auto fail = [&](int line, std::string_view what) {
    return Error(ErrorCode::kInvalidArgument,
                 std::string(file) + ":" + std::to_string(line) + ": " + std::string(what));
  };
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    CsvRecord record;
    record.line = line;
    std::string field;
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        for (;;) {
          if (i >= text.size()) return fail(record.line, "a quoted field is not closed");
          char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field += c;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
          return fail(line, "text after a closing quote");
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
          if (text[i] == '"') return fail(line, "a quote inside an unquoted field");
          field += text[i++];
        }
      }
      record.fields.push_back(field);
      if (i >= text.size()) {
        end_of_record = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        end_of_record = true;
      }
    }
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // blank line
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace amanah::screen
