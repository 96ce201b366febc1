#include "journal/journal.h"

#include <spdlog/spdlog.h>

#include "crypto/encoding.h"

namespace amanah::journal {
namespace {

using base::ErrorCode;

base::Result<std::unique_ptr<crypto::Ed25519PrivateKey>> LoadOrCreateNodeKey(vault::Vault& vault) {
  auto pem = vault.OpenSystemSecret(kNodeKeyName);
  if (!pem && pem.error().code() == ErrorCode::kNotFound) {
    auto fresh = crypto::Ed25519PrivateKey::Generate();
    AMANAH_TRY(vault.StoreSystemSecret(kNodeKeyName, crypto::HexEncode(fresh.PublicKey().Raw()),
                                       fresh.ToPem()));
    pem = vault.OpenSystemSecret(kNodeKeyName);
  }
  if (!pem) return pem.error().WithContext("journal node key");
  AMANAH_ASSIGN_OR_RETURN(auto key, crypto::Ed25519PrivateKey::FromPem(pem->view()));
  return std::make_unique<crypto::Ed25519PrivateKey>(std::move(key));
}

Hash ToHash(const store::Blob& blob) {
  Hash h{};
  if (blob.size() == h.size()) std::copy(blob.begin(), blob.end(), h.begin());
  return h;
}

}  // namespace

Journal::Journal(store::Store& store, const base::Clock& clock, JournalOptions options,
                 std::unique_ptr<crypto::Ed25519PrivateKey> key,
                 std::map<std::string, ChainHead> heads)
    : store_(store),
      clock_(clock),
      options_(options),
      key_(std::move(key)),
      key_id_(KeyId(key_->PublicKey().Raw())),
      heads_(std::move(heads)),
      last_checkpoint_(clock.Monotonic()),
      writer_([this] { WriterLoop(); }) {}

Journal::~Journal() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_.notify_one();
  writer_.join();
}

base::Result<std::unique_ptr<Journal>> Journal::Open(store::Store& store, vault::Vault& vault,
                                                     const base::Clock& clock,
                                                     JournalOptions options) {
  AMANAH_ASSIGN_OR_RETURN(auto key, LoadOrCreateNodeKey(vault));
  AMANAH_ASSIGN_OR_RETURN(auto rows, store.JournalHeads());
  std::map<std::string, ChainHead> heads;
  for (const auto& r : rows) heads[r.tenant] = ChainHead{r.tenant, r.seq, ToHash(r.hash)};
  return std::unique_ptr<Journal>(
      new Journal(store, clock, options, std::move(key), std::move(heads)));
}

base::Result<Appended> Journal::Append(std::string_view tenant, std::string_view kind,
                                       const boost::json::value& payload) {
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
  // Chain the batch onto a copy of the heads; adopt it only once the batch is durable. Only this
  // thread changes heads_, so reading it here without the lock is safe.
  std::map<std::string, ChainHead> heads = heads_;
  std::vector<store::JournalRow> rows;
  rows.reserve(batch.size());
  const int64_t now = base::UnixMillis(clock_.Now());
  std::vector<Appended> appended;
  appended.reserve(batch.size());
  for (Pending* p : batch) {
    ChainHead& head = heads[p->record.tenant];
    head.tenant = p->record.tenant;
    p->record.seq = head.seq + 1;
    p->record.time_ms = now;
    const Hash prev = head.seq == 0 ? kGenesis : head.hash;
    const Hash hash = ComputeHash(prev, p->record);
    rows.push_back(store::JournalRow{p->record.tenant, p->record.seq, now, p->record.kind,
                                     p->record.payload, store::Blob(prev.begin(), prev.end()),
                                     store::Blob(hash.begin(), hash.end())});
    head.seq = p->record.seq;
    head.hash = hash;
    appended.push_back(Appended{p->record.seq, hash});
  }
  auto written = store_.AppendJournal(rows);
  if (written) {
    std::lock_guard lock(mu_);
    heads_ = std::move(heads);
    since_checkpoint_ += batch.size();
  }
  // A due checkpoint is stored before the batch's callers go on, so the one whose record made it
  // due can rely on it.
  if (written) MaybeCheckpoint();
  const base::Error error =
      written ? base::Error() : written.error().WithContext("the journal could not be written");
  for (size_t i = 0; i < batch.size(); ++i) {
    Pending* p = batch[i];
    p->result = written ? base::Result<Appended>(appended[i]) : base::Result<Appended>(error);
    p->done.store(1, std::memory_order_release);
    p->done.notify_one();  // p may be gone once its caller wakes: touch it no more
  }
}

void Journal::MaybeCheckpoint() {
  Checkpoint c;
  {
    std::lock_guard lock(mu_);
    if (since_checkpoint_ < options_.checkpoint_every_records &&
        clock_.Monotonic() - last_checkpoint_ < options_.checkpoint_every) {
      return;
    }
    c = CurrentCheckpoint();
  }
  // Records are durable already; a failed checkpoint is logged and retried after the next batch.
  const std::string body = c.Body();
  auto id = store_.InsertCheckpoint(
      store::CheckpointRow{0, c.time_ms, body, key_->Sign(crypto::AsBytes(body)), key_id_});
  if (!id) {
    spdlog::error("journal checkpoint failed: {}", id.error().ToString());
    return;
  }
  std::lock_guard lock(mu_);
  since_checkpoint_ = 0;
  last_checkpoint_ = clock_.Monotonic();
}

Checkpoint Journal::CurrentCheckpoint() const {
  Checkpoint c;
  c.time_ms = base::UnixMillis(clock_.Now());
  for (const auto& [tenant, head] : heads_) c.heads.push_back(head);
  return c;
}

base::Result<SignedCheckpoint> Journal::WriteCheckpoint() {
  Checkpoint c;
  {
    std::lock_guard lock(mu_);  // heads_ holds only durable heads
    c = CurrentCheckpoint();
  }
  SignedCheckpoint s{c.Body(), {}, PublicKey(), key_id_};
  s.signature = key_->Sign(crypto::AsBytes(s.body));
  AMANAH_TRY(
      store_.InsertCheckpoint(store::CheckpointRow{0, c.time_ms, s.body, s.signature, key_id_}));
  std::lock_guard lock(mu_);
  since_checkpoint_ = 0;
  last_checkpoint_ = clock_.Monotonic();
  return s;
}

}  // namespace amanah::journal
