#include "journal/record.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "crypto/encoding.h"

namespace amanah::journal {
namespace {

// Golden values computed independently (Python hashlib + struct) from the grammar in record.h.
TEST(RecordTest, HashesMatchTheDocumentedGrammar) {
  Record r1{"t1", 1, 1767225600000, "key.refused",
            R"({"findings":["withdrawals enabled"],"label":"main"})"};
  const Hash h1 = ComputeHash(kGenesis, r1);
  EXPECT_EQ(crypto::HexEncode(h1),
            "b5924a12f3030fa4009fec657db4288c98da7cdee81f66bf4471cd6e72efc9b5");
  Record r2{"t1", 2, 1767225601500, "key.connected", R"({"label":"main2"})"};
  EXPECT_EQ(crypto::HexEncode(ComputeHash(h1, r2)),
            "6421f0769fd105de75ed2ca5a1c71ed854f99c9a3f8be2ad0989af7d24bd1f45");
  EXPECT_EQ(crypto::HexEncode(Encode(r1)).substr(0, 80),
            "616d616e61682f6a6f75726e616c2f763100000000000000010000019b76daa80000000002743100");
}

TEST(RecordTest, EveryFieldIsCovered) {
  Record base{"t1", 7, 1000, "key.audited", R"({"a":1})"};
  const Hash h = ComputeHash(kGenesis, base);
  for (int field = 0; field < 5; ++field) {
    Record r = base;
    switch (field) {
      case 0:
        r.tenant = "t2";
        break;
      case 1:
        r.seq = 8;
        break;
      case 2:
        r.time_ms = 1001;
        break;
      case 3:
        r.kind = "key.refused";
        break;
      case 4:
        r.payload = R"({"a":2})";
        break;
    }
    EXPECT_NE(ComputeHash(kGenesis, r), h) << "field " << field;
  }
  Hash other_prev{};
  other_prev[0] = 1;
  EXPECT_NE(ComputeHash(other_prev, base), h);
}

TEST(RecordTest, LengthPrefixesStopFieldBoundaryShifts) {
  Record a{"t1", 1, 0, "ab", "c"}, b{"t1", 1, 0, "a", "bc"};
  EXPECT_NE(ComputeHash(kGenesis, a), ComputeHash(kGenesis, b));
}

TEST(CanonicalJsonTest, SortsKeysRecursivelyAndDropsWhitespace) {
  auto v = boost::json::parse(R"({ "b": {"z": 1, "a": [ {"y":true,"x":null} ]}, "a": "s" })");
  EXPECT_EQ(*CanonicalJson(v), R"({"a":"s","b":{"a":[{"x":null,"y":true}],"z":1}})");
}

TEST(CanonicalJsonTest, RefusesFloatingPoint) {
  auto r = CanonicalJson(boost::json::parse(R"({"price": 0.1})"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("decimal strings"), std::string::npos);
}

TEST(CheckNameTest, AcceptsIdsAndKindsRefusesTheRest) {
  EXPECT_TRUE(CheckName("tenant", "_system"));
  EXPECT_TRUE(CheckName("kind", "vault.master_key_rotated"));
  EXPECT_FALSE(CheckName("tenant", ""));
  EXPECT_FALSE(CheckName("tenant", "a b"));
  EXPECT_FALSE(CheckName("tenant", "new\nline"));
  EXPECT_FALSE(CheckName("tenant", std::string(65, 'a')));
}

}  // namespace
}  // namespace amanah::journal
