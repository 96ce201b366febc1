// SecretBytes: zero after destruction (seen through the release hook, the only moment the pages
// can still be read), locked, move-only, never printable.
#include "crypto/secret_bytes.h"

#include <gtest/gtest.h>

#include <sstream>
#include <type_traits>

namespace amanah::crypto {
namespace {

struct Released {
  size_t calls = 0;
  size_t bytes = 0;
  size_t nonzero = 0;
};
Released g_released;

void RecordRelease(const uint8_t* data, size_t size) {
  ++g_released.calls;
  g_released.bytes += size;
  for (size_t i = 0; i < size; ++i) g_released.nonzero += data[i] != 0;
}

class SecretBytesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_released = {};
    SecretBytes::SetReleaseHookForTesting(&RecordRelease);
  }
  void TearDown() override { SecretBytes::SetReleaseHookForTesting(nullptr); }
};

TEST_F(SecretBytesTest, MemoryIsZeroAfterDestruction) {
  {
    SecretBytes s =
        SecretBytes::CopyFrom("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7");
    ASSERT_EQ(s.view().substr(0, 4), "NhqP");
  }
  EXPECT_EQ(g_released.calls, 1u);
  EXPECT_GE(g_released.bytes, 56u);
  EXPECT_EQ(g_released.nonzero, 0u);
}

TEST_F(SecretBytesTest, LargeSecretsAreZeroAfterDestructionToo) {
  {
    SecretBytes big(10000);  // past the pool's largest slot: a mapping of its own
    std::fill(big.mutable_bytes().begin(), big.mutable_bytes().end(), 0xAB);
    EXPECT_TRUE(big.locked());
  }
  EXPECT_EQ(g_released.calls, 1u);
  EXPECT_GE(g_released.bytes, 10000u);
  EXPECT_EQ(g_released.nonzero, 0u);
}

TEST_F(SecretBytesTest, PooledSlotsAreReusedAndStartZeroed) {
  const uint8_t* first = nullptr;
  {
    SecretBytes a = SecretBytes::CopyFrom("first secret in a pooled slot");
    first = a.bytes().data();
  }
  SecretBytes b(29);  // same size class: gets the slot back, zeroed
  EXPECT_EQ(b.bytes().data(), first);
  for (uint8_t byte : b.bytes()) ASSERT_EQ(byte, 0);
}

TEST_F(SecretBytesTest, TruncateZeroizesTheTail) {
  SecretBytes s = SecretBytes::CopyFrom("abcdef");
  s.Truncate(2);
  EXPECT_EQ(s.view(), "ab");
  EXPECT_EQ(s.mutable_bytes().data()[2], 0);  // the dropped bytes, still in our mapping
  EXPECT_EQ(s.mutable_bytes().data()[5], 0);
}

TEST_F(SecretBytesTest, MoveTransfersOwnershipAndReleasesOnce) {
  {
    SecretBytes a = SecretBytes::CopyFrom("secret");
    SecretBytes b = std::move(a);
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): checking the moved-from state
    EXPECT_EQ(b.view(), "secret");
    SecretBytes c = SecretBytes::CopyFrom("other");
    c = std::move(b);  // releases "other"
    EXPECT_EQ(g_released.calls, 1u);
    EXPECT_EQ(c.view(), "secret");
  }
  EXPECT_EQ(g_released.calls, 2u);
  EXPECT_EQ(g_released.nonzero, 0u);
}

TEST_F(SecretBytesTest, IsLockedInMemory) {
  SecretBytes s(32);
  // mlock can fail under a tight RLIMIT_MEMLOCK; we run as root or with the default 8 MiB.
  EXPECT_TRUE(s.locked());
}

TEST_F(SecretBytesTest, CannotBeCopiedOrPrinted) {
  static_assert(!std::is_copy_constructible_v<SecretBytes>);
  static_assert(!std::is_copy_assignable_v<SecretBytes>);
  SecretBytes s = SecretBytes::CopyFrom("canary-4f1c2e");
  EXPECT_EQ(::testing::PrintToString(s), "SecretBytes(<redacted>, 13 bytes)");
}

}  // namespace
}  // namespace amanah::crypto
