#include "journal/journal.h"

#include <map>

#include <spdlog/spdlog.h>

#include "base/check.h"
#include "crypto/encoding.h"

namespace amanah::journal {
namespace {

using base::ErrorCode;
using store::UnitOfWork;

Hash ToHash(const store::Blob& blob) {
  Hash h{};
  if (blob.size() == h.size()) std::copy(blob.begin(), blob.end(), h.begin());
  return h;
}

base::Result<std::unique_ptr<crypto::Ed25519PrivateKey>> LoadNodeKey(store::Store& store,
                                                                     vault::Vault& vault) {
  auto pem = vault.OpenSystemSecret(kNodeKeyName);
  if (!pem && pem.error().code() == ErrorCode::kNotFound) {
    return base::Fail(ErrorCode::kDataLoss,
                      "the journal's node key is missing from the data directory: the journal "
                      "cannot be signed, and a new key would let a rewritten journal pass. "
                      "Restore the data directory from a backup");
  }
  if (!pem) return pem.error().WithContext("journal node key");
  AMANAH_ASSIGN_OR_RETURN(auto key, crypto::Ed25519PrivateKey::FromPem(pem->view()));
  // Verification reads the public half from beside the sealed key: it must be this key's.
  AMANAH_ASSIGN_OR_RETURN(auto row, store.Read([](UnitOfWork& u) {
    return u.keyring().GetSystemSecret(kNodeKeyName);
  }));
  if (!row || row->public_info != crypto::HexEncode(key.PublicKey().Raw())) {
    return base::Fail(ErrorCode::kDataLoss,
                      "the journal node key's public half stored in the database is not the "
                      "sealed key's: it was replaced outside Amanah. Restore the data directory "
                      "from a backup");
  }
  return std::make_unique<crypto::Ed25519PrivateKey>(std::move(key));
}

}  // namespace

Journal::Journal(store::Store& store, const base::Clock& clock, JournalOptions options,
                 std::unique_ptr<crypto::Ed25519PrivateKey> key)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      key_(std::move(key)),
      key_id_(KeyId(key_->PublicKey().Raw())),
      writer_([this] { WriterLoop(); }) {}

Journal::~Journal() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_.notify_one();
  writer_.join();
}

base::Result<std::unique_ptr<Journal>> Journal::Create(store::Store& store, vault::Vault& vault,
                                                       const base::Clock& clock,
                                                       JournalOptions options) {
  auto fresh = crypto::Ed25519PrivateKey::Generate();
  AMANAH_TRY(vault.StoreSystemSecret(kNodeKeyName, crypto::HexEncode(fresh.PublicKey().Raw()),
                                     fresh.ToPem()));
  return Open(store, vault, clock, std::move(options));
}

base::Result<std::unique_ptr<Journal>> Journal::Open(store::Store& store, vault::Vault& vault,
                                                     const base::Clock& clock,
                                                     JournalOptions options) {
  AMANAH_ASSIGN_OR_RETURN(auto key, LoadNodeKey(store, vault));
  return std::unique_ptr<Journal>(new Journal(store, clock, std::move(options), std::move(key)));
}

base::Result<std::vector<Appended>> Journal::AppendRecords(UnitOfWork& unit,
                                                           std::vector<Record*> records) {
  std::map<std::string, store::ChainHeadRow> heads;
  std::vector<store::JournalRow> rows;
  std::vector<Appended> appended;
  rows.reserve(records.size());
  appended.reserve(records.size());
  const int64_t now = base::UnixMillis(clock_.Now());
  for (Record* r : records) {
    auto it = heads.find(r->tenant);
    if (it == heads.end()) {
      AMANAH_ASSIGN_OR_RETURN(auto head, unit.journal().Head(r->tenant));
      it = heads.emplace(r->tenant, head.value_or(store::ChainHeadRow{r->tenant, 0, {}})).first;
    }
    store::ChainHeadRow& head = it->second;
    r->seq = head.seq + 1;
    r->time_ms = now;
    const Hash prev = head.seq == 0 ? kGenesis : ToHash(head.hash);
    const Hash hash = ComputeHash(prev, *r);
    rows.push_back(store::JournalRow{r->tenant, r->seq, now, r->kind, r->payload,
                                     store::Blob(prev.begin(), prev.end()),
                                     store::Blob(hash.begin(), hash.end())});
    head.seq = r->seq;
    head.hash.assign(hash.begin(), hash.end());
    appended.push_back(Appended{r->seq, hash});
  }
  AMANAH_TRY(unit.journal().Append(rows));
  AMANAH_TRY(MaybeCheckpoint(unit));
  return appended;
}

base::Result<Appended> Journal::AppendIn(UnitOfWork& unit, std::string_view tenant,
                                         std::string_view kind, const boost::json::value& payload) {
  AMANAH_TRY(CheckName("tenant", tenant));
  AMANAH_TRY(CheckName("kind", kind));
  AMANAH_ASSIGN_OR_RETURN(auto canonical, CanonicalJson(payload));
  Record record{std::string(tenant), 0, 0, std::string(kind), std::move(canonical)};
  auto appended = AppendRecords(unit, {&record});
  if (!appended) return appended.error().WithContext("the journal could not be written");
  return appended->front();
}

base::Result<Appended> Journal::Append(std::string_view tenant, std::string_view kind,
                                       const boost::json::value& payload) {
  AMANAH_CHECK(!store_.InTransactionOnThisThread(),
               "Journal::Append called inside a unit of work: use AppendIn");
  AMANAH_TRY(CheckName("tenant", tenant));
  AMANAH_TRY(CheckName("kind", kind));
  AMANAH_ASSIGN_OR_RETURN(auto canonical, CanonicalJson(payload));
  Pending p;
  p.record = Record{std::string(tenant), 0, 0, std::string(kind), std::move(canonical)};
  {
    std::lock_guard lock(mu_);
    queue_.push_back(&p);
  }
  work_.notify_one();
  p.done.wait(0, std::memory_order_acquire);
  return p.result;
}

void Journal::WriterLoop() {
  for (;;) {
    std::vector<Pending*> batch;
    {
      std::unique_lock lock(mu_);
      work_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to write
      batch.assign(queue_.begin(), queue_.end());
      queue_.clear();
    }
    WriteBatch(std::move(batch));
  }
}

void Journal::WriteBatch(std::vector<Pending*> batch) {
  std::vector<Record*> records;
  records.reserve(batch.size());
  for (Pending* p : batch) records.push_back(&p->record);
  auto written =
      store_.Write([&](UnitOfWork& unit) { return AppendRecords(unit, std::move(records)); });
  const base::Error error =
      written ? base::Error() : written.error().WithContext("the journal could not be written");
  for (size_t i = 0; i < batch.size(); ++i) {
    Pending* p = batch[i];
    p->result = written ? base::Result<Appended>((*written)[i]) : base::Result<Appended>(error);
    p->done.store(1, std::memory_order_release);
    p->done.notify_one();  // p may be gone once its caller wakes: touch it no more
  }
}

base::Result<void> Journal::MaybeCheckpoint(UnitOfWork& unit) {
  // Counted from the last stored checkpoint, whichever process wrote it (`vault init` writes the
  // first; before one exists only the record count applies).
  AMANAH_ASSIGN_OR_RETURN(auto latest, unit.journal().LatestCheckpoint());
  AMANAH_ASSIGN_OR_RETURN(uint64_t records, unit.journal().RecordCount());
  const uint64_t since = records - std::min(records, latest ? latest->records : 0);
  const bool stale =
      latest &&
      base::UnixMillis(clock_.Now()) - latest->time_ms >=
          std::chrono::duration_cast<std::chrono::milliseconds>(options_.checkpoint_every).count();
  if (since < options_.checkpoint_every_records && !stale) return {};
  AMANAH_TRY(CheckpointIn(unit));
  return {};
}

base::Result<SignedCheckpoint> Journal::CheckpointIn(UnitOfWork& unit) {
  AMANAH_ASSIGN_OR_RETURN(auto heads, unit.journal().Heads());
  AMANAH_ASSIGN_OR_RETURN(uint64_t records, unit.journal().RecordCount());
  Checkpoint c;
  c.time_ms = base::UnixMillis(clock_.Now());
  for (const auto& h : heads) c.heads.push_back(ChainHead{h.tenant, h.seq, ToHash(h.hash)});
  SignedCheckpoint s{c.Body(), {}, PublicKey(), key_id_};
  s.signature = key_->Sign(crypto::AsBytes(s.body));
  AMANAH_TRY(unit.journal().InsertCheckpoint(
      store::CheckpointRow{0, c.time_ms, s.body, s.signature, key_id_, records}));
  unit.OnCommit([this, s] { Export(s); });
  return s;
}

void Journal::Export(const SignedCheckpoint& checkpoint) const {
  for (CheckpointSink* sink : options_.sinks) {
    if (auto r = sink->Export(checkpoint); !r) {
      spdlog::error("journal checkpoint export to {} failed: {}", sink->Describe(),
                    r.error().ToString());
    }
  }
}

base::Result<SignedCheckpoint> Journal::WriteCheckpoint() {
  return store_.Write([&](UnitOfWork& unit) { return CheckpointIn(unit); });
}

}  // namespace amanah::journal
