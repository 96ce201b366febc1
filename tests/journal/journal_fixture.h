// A journal on a fresh SQLite store and vault in a temporary directory.
#pragma once

#include <gtest/gtest.h>

#include "crypto/csprng.h"
#include "journal/journal.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"
#include "vault/file_root_key.h"

namespace amanah::journal {

class JournalFixture : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(JournalOptions{}); }

  void Reopen(JournalOptions options) {
    journal_.reset();
    vault_.reset();
    store_.reset();
    store_ = std::move(*store::sqlite::SqliteStore::Open(dir_.File("amanah.db")));
    root_ = std::make_unique<vault::FileRootKey>(dir_.File("master.key"));
    auto v = vault::Vault::Open(*store_, *root_, random_, clock_);
    if (!v) v = vault::Vault::Create(*store_, *root_, random_, clock_);
    ASSERT_TRUE(v) << v.error();
    vault_ = std::move(*v);
    auto j = Journal::Open(*store_, *vault_, clock_, options);
    ASSERT_TRUE(j) << j.error();
    journal_ = std::move(*j);
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  crypto::Csprng random_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::unique_ptr<vault::FileRootKey> root_;
  std::unique_ptr<vault::Vault> vault_;
  std::unique_ptr<Journal> journal_;
};

}  // namespace amanah::journal
