#include "keys/key_leases.h"

#include <gtest/gtest.h>

namespace amanah::keys {
namespace {

const store::ConnectionId kMain("c-main");

TEST(KeyLeasesTest, AConnectionHoldingNothingIsForgotten) {
  KeyLeases leases;
  bool stale = true;
  {
    KeyLeases::Lease a = leases.Acquire(kMain, "key-1", stale);
    EXPECT_FALSE(stale);
    KeyLeases::Lease b = leases.Acquire(store::ConnectionId("c-other"), "key-9", stale);
    EXPECT_EQ(leases.InFlight(kMain), 1);
    EXPECT_EQ(leases.Tracked(), 2u);
    EXPECT_FALSE(leases.TryBeginSwitch(kMain));  // a request is in flight
  }
  EXPECT_EQ(leases.InFlight(kMain), 0);
  EXPECT_EQ(leases.Tracked(), 0u);
  // A switch that was not made leaves nothing behind either.
  ASSERT_TRUE(leases.TryBeginSwitch(kMain));
  EXPECT_FALSE(leases.TryBeginSwitch(kMain));
  leases.EndSwitch(kMain, "");
  EXPECT_EQ(leases.Tracked(), 0u);
  { KeyLeases::Lease again = leases.Acquire(kMain, "key-1", stale); }
  EXPECT_FALSE(stale);
}

TEST(KeyLeasesTest, ASwitchedConnectionTellsAnOldReaderItIsStale) {
  KeyLeases leases;
  ASSERT_TRUE(leases.TryBeginSwitch(kMain));
  leases.EndSwitch(kMain, "key-2");
  bool stale = false;
  { KeyLeases::Lease old_reader = leases.Acquire(kMain, "key-1", stale); }
  EXPECT_TRUE(stale);  // it read the row before the switch: it reads it again
  { KeyLeases::Lease new_reader = leases.Acquire(kMain, "key-2", stale); }
  EXPECT_FALSE(stale);
  EXPECT_EQ(leases.Tracked(), 1u);  // kept: one entry per connection rotated in this process
}

}  // namespace
}  // namespace amanah::keys
