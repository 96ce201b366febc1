#include "keys/state_verify.h"

#include <map>

#include "base/json_reader.h"
#include "crypto/encoding.h"
#include "keys/label.h"

namespace amanah::keys {

namespace {

struct LastRecord {
  std::string tenant;
  uint64_t seq = 0;
  std::string kind;
  std::string status;
  std::optional<std::string> state_mac;
};

std::string Where(const LastRecord& r) {
  return "record " + std::to_string(r.seq) + " (" + r.kind + ") of tenant " + r.tenant;
}

}  // namespace

base::Result<StateReport> VerifyStoredState(store::Store& store, const vault::StateMac* mac) {
  return store.Read([&](store::UnitOfWork& u) -> base::Result<StateReport> {
    StateReport report;
    std::map<std::string, LastRecord> last;
    std::optional<base::Error> bad_record;
    AMANAH_TRY(u.journal().Scan(std::nullopt, [&](const store::JournalRow& row) {
      if (!row.kind.starts_with("key.")) return true;
      auto doc = base::JsonDocument::Parse(
          row.payload, {"journal record " + std::to_string(row.seq), base::ErrorCode::kDataLoss});
      if (!doc) {
        bad_record = doc.error();
        return false;
      }
      auto connection = doc->Root().OptionalString("connection");
      auto status = doc->Root().OptionalString("status");
      if (!connection || !status || !*connection || !*status) return true;  // no state change
      auto state_mac = doc->Root().OptionalString("state_mac");
      last[**connection] = LastRecord{row.tenant, row.seq, row.kind, **status,
                                      state_mac ? *state_mac : std::nullopt};
      return true;
    }));
    if (bad_record) return *bad_record;
    AMANAH_ASSIGN_OR_RETURN(auto rows, u.connections().ListAll());
    auto problem = [&](std::string text) {
      report.ok = false;
      report.problems.push_back(std::move(text));
    };
    for (const auto& c : rows) {
      ++report.connections;
      const std::string name = "connection \"" + Display(c.label, 64) + "\" (" + c.id.value() + ")";
      if (mac) {
        if (auto ok = mac->Verify(c); !ok) problem(ok.error().message());
      }
      auto it = last.find(c.id.value());
      if (it == last.end()) {
        problem(name + " has no journal record: it was added outside Amanah");
        continue;
      }
      const LastRecord& r = it->second;
      const std::string status(store::ConnectionStatusName(c.status));
      if (r.status != status) {
        problem(name + " is " + status + " but its last journal record, " + Where(r) + ", says " +
                r.status + ": its state was changed outside Amanah");
      } else if (r.state_mac && *r.state_mac != crypto::HexEncode(c.state_mac)) {
        problem(name + " does not match its last journal record, " + Where(r) +
                ": it was edited or rolled back to an older copy outside Amanah");
      }
      last.erase(it);
    }
    for (const auto& [id, r] : last) {
      problem(Where(r) + " describes connection " + id +
              ", which the database does not have: it was deleted outside Amanah");
    }
    return report;
  });
}

}  // namespace amanah::keys
