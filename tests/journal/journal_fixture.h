// A journal from a test environment (fresh directory, fake clock); Reopen() opens it again as a
// new process would, with the checkpoint policy set through the configuration.
#pragma once

#include <gtest/gtest.h>

#include "journal/journal.h"
#include "testing/test_environment.h"

namespace amanah::journal {

struct Policy {
  uint64_t checkpoint_every_records = 1000;
  std::chrono::seconds checkpoint_every{300};
};

class JournalFixture : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(Policy{}); }

  void Reopen(Policy policy) {
    journal_ = nullptr;
    env_.Open(/*create_vault=*/false,
              {{"AMANAH_CHECKPOINT_EVERY_RECORDS", std::to_string(policy.checkpoint_every_records)},
               {"AMANAH_CHECKPOINT_EVERY", std::to_string(policy.checkpoint_every.count())}});
    journal_ = &env_.journal();
  }

  store::Store& store() { return env_.store(); }
  std::optional<store::CheckpointRow> LatestCheckpoint() {
    return *store().Read([](store::UnitOfWork& u) { return u.journal().LatestCheckpoint(); });
  }

  testing::TestEnvironment env_;
  Journal* journal_ = nullptr;
};

}  // namespace amanah::journal
