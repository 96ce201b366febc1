#include "base/strong_id.h"

#include <gtest/gtest.h>

#include <type_traits>
#include <unordered_set>

namespace amanah::base {
namespace {

using TenantId = StrongId<struct TenantTag>;
using ConnectionId = StrongId<struct ConnectionTag>;

TEST(StrongIdTest, DistinctKindsDoNotConvert) {
  static_assert(!std::is_convertible_v<TenantId, ConnectionId>);
  static_assert(!std::is_convertible_v<std::string, TenantId>);
  static_assert(std::is_constructible_v<TenantId, std::string>);
}

TEST(StrongIdTest, ComparesAndHashesByValue) {
  TenantId a("t-1"), b("t-1"), c("t-2");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_LT(a, c);
  std::unordered_set<TenantId> set{a, b, c};
  EXPECT_EQ(set.size(), 2u);
}

}  // namespace
}  // namespace amanah::base
