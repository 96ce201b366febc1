#include "exchange/query_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace amanah::exchange {
namespace {

TEST(QueryWriterTest, EncodesEveryReservedByteAndKeepsTheUnreserved) {
  QueryWriter q;
  q.Add("symbol", "BTCUSDT");
  q.Add("note", "a b&c=d/é~._-");
  EXPECT_EQ(q.view(), "symbol=BTCUSDT&note=a%20b%26c%3Dd%2F%C3%A9~._-");
}

TEST(QueryWriterTest, UnescapedIntegersHexAndRawAppendInPlace) {
  QueryWriter q;
  q.AddUnescaped("side", "BUY");
  q.AddInt("recvWindow", 5000);
  q.AddInt("offset", -12);
  q.AppendRaw("&signature=");
  const uint8_t mac[] = {0x00, 0x0f, 0xa0, 0xff};
  q.AppendHex(mac, sizeof mac);
  EXPECT_EQ(q.view(), "side=BUY&recvWindow=5000&offset=-12&signature=000fa0ff");
  EXPECT_EQ(q.str(), q.view());
}

TEST(QueryWriterTest, GrowsPastItsStackBufferWithoutLosingText) {
  QueryWriter q;
  std::string expected;
  for (int i = 0; i < 200; ++i) {
    q.Add("k" + std::to_string(i), "v w");
    expected += (i ? "&k" : "k") + std::to_string(i) + "=v%20w";
  }
  EXPECT_GT(expected.size(), 512u);
  EXPECT_EQ(q.str(), expected);
}

TEST(QueryWriterTest, AnEmptyWriterIsAnEmptyString) {
  QueryWriter q;
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.str(), "");
  q.Add("a", "");
  EXPECT_EQ(q.view(), "a=");
}

}  // namespace
}  // namespace amanah::exchange
