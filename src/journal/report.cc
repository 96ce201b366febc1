#include "journal/report.h"

#include <ctime>

#include <boost/json.hpp>

#include "crypto/encoding.h"

namespace amanah::journal {
namespace {

boost::json::object RecordJson(const store::JournalRow& r) {
  boost::system::error_code ec;
  boost::json::value payload = boost::json::parse(r.payload, ec);
  if (ec) payload = r.payload;  // shown as stored; verify reports the damage
  return {{"tenant", r.tenant},
          {"seq", r.seq},
          {"time", IsoMillis(r.time_ms)},
          {"time_ms", r.time_ms},
          {"kind", r.kind},
          {"payload", std::move(payload)},
          {"hash", crypto::HexEncode(r.hash)}};
}

boost::json::object VerificationJson(const VerifyReport& v) {
  return {{"ok", v.ok},           {"records", v.records},
          {"chains", v.chains},   {"checkpoints_checked", v.checkpoints_checked},
          {"problem", v.problem}, {"warning", v.warning}};
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The payload as readable HTML: each member on a line, nested values as compact JSON.
std::string PayloadHtml(std::string_view payload) {
  boost::system::error_code ec;
  auto v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return "<code>" + Escape(payload) + "</code>";
  std::string out = "<dl>";
  for (const auto& [key, value] : v.get_object()) {
    out += "<dt>" + Escape(key) + "</dt><dd>";
    if (value.is_string()) {
      out += Escape(value.get_string());
    } else if (value.is_array()) {
      out += "<ul>";
      for (const auto& item : value.get_array()) {
        out += "<li>" +
               Escape(item.is_string() ? std::string(item.get_string())
                                       : boost::json::serialize(item)) +
               "</li>";
      }
      out += "</ul>";
    } else {
      out += "<code>" + Escape(boost::json::serialize(value)) + "</code>";
    }
    out += "</dd>";
  }
  return out + "</dl>";
}

}  // namespace

std::string HtmlEscape(std::string_view text) { return Escape(text); }

std::string IsoMillis(int64_t ms) {
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ms % 1000));
  return buf;
}

base::Result<void> Visit(store::Store& store, const Filter& filter,
                         const std::function<void(const store::JournalRow&)>& visit) {
  return store.Read([&](store::UnitOfWork& unit) {
    return unit.journal().Scan(filter.tenant, [&](const store::JournalRow& row) {
      if (filter.since_ms && row.time_ms < *filter.since_ms) return true;
      if (filter.kind) {
        const std::string& k = *filter.kind;
        const bool prefix = !k.empty() && k.back() == '.';
        if (prefix ? !row.kind.starts_with(k) : row.kind != k) return true;
      }
      visit(row);
      return true;
    });
  });
}

base::Result<void> WriteText(store::Store& store, const Filter& filter, std::ostream& out) {
  return Visit(store, filter, [&](const store::JournalRow& r) {
    out << IsoMillis(r.time_ms) << "  " << r.tenant << " #" << r.seq << "  " << r.kind << "  "
        << r.payload << "\n";
  });
}

base::Result<void> WriteJsonLines(store::Store& store, const Filter& filter, std::ostream& out) {
  return Visit(store, filter, [&](const store::JournalRow& r) {
    out << boost::json::serialize(RecordJson(r)) << "\n";
  });
}

base::Result<void> WriteJsonReport(store::Store& store, const Filter& filter,
                                   const VerifyReport& verification, std::ostream& out) {
  boost::json::array records;
  AMANAH_TRY(
      Visit(store, filter, [&](const store::JournalRow& r) { records.push_back(RecordJson(r)); }));
  out << boost::json::serialize(
             boost::json::object{{"format", "amanah-journal-report/v1"},
                                 {"verification", VerificationJson(verification)},
                                 {"records", std::move(records)}})
      << "\n";
  return {};
}

base::Result<void> WriteHtmlReport(store::Store& store, const Filter& filter,
                                   const VerifyReport& verification, std::ostream& out) {
  out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<title>Amanah journal report</title><style>"
         "body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2a22}"
         "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccd;"
         "padding:.4rem;vertical-align:top;text-align:left}dt{font-weight:600}dd{margin:0 0 .3rem "
         "1rem}"
         ".ok{color:#0a6b2c}.bad{color:#a11}code{font-size:.85em}</style></head><body>\n"
         "<h1>Amanah journal report</h1>\n";
  out << "<p class=\"" << (verification.ok ? "ok" : "bad") << "\"><strong>"
      << (verification.ok ? "Verified" : "VERIFICATION FAILED")
      << "</strong>: " << verification.records << " records in " << verification.chains
      << " chains, " << verification.checkpoints_checked << " checkpoint(s) checked."
      << (verification.problem.empty() ? "" : " " + Escape(verification.problem))
      << (verification.warning.empty() ? "" : " Warning: " + Escape(verification.warning))
      << "</p>\n<table><thead><tr><th>time (UTC)</th><th>tenant</th><th>#</th><th>decision</th>"
         "<th>details</th><th>hash</th></tr></thead><tbody>\n";
  AMANAH_TRY(Visit(store, filter, [&](const store::JournalRow& r) {
    out << "<tr><td>" << IsoMillis(r.time_ms) << "</td><td>" << Escape(r.tenant) << "</td><td>"
        << r.seq << "</td><td>" << Escape(r.kind) << "</td><td>" << PayloadHtml(r.payload)
        << "</td><td><code>" << crypto::HexEncode(r.hash).substr(0, 16) << "…</code></td></tr>\n";
  }));
  out << "</tbody></table>\n</body></html>\n";
  return {};
}

}  // namespace amanah::journal
