#include "screen/facts.h"

#include <gtest/gtest.h>

#include "screen/csv.h"
#include "screen/shipped_data.h"

namespace amanah::screen {
namespace {

const std::string kHeader =
    "symbol,name,description,tags,legal_nature,holder_yield,stablecoin_backing,issuer,source_url,"
    "source_note,confidence\r\n";

TEST(Csv, QuotesDoubledQuotesAndLineBreaksInsideFields) {
  auto records =
      ParseCsv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,y\nlast,1,2", "t.csv").value();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].fields[1], "b,c");
  EXPECT_EQ(records[0].fields[2], "say \"hi\"");
  EXPECT_EQ(records[1].fields[0], "two\nlines");
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].line, 4);  // the quoted line break counts
}

TEST(Csv, MalformedNamesTheLine) {
  EXPECT_EQ(ParseCsv("a,b\nc,\"open\n", "t.csv").error().message(),
            "t.csv:2: a quoted field is not closed");
  EXPECT_EQ(ParseCsv("a,b\nc,d\"e\n", "t.csv").error().message(),
            "t.csv:2: a quote inside an unquoted field");
}

TEST(Facts, ShippedFileLoadsWhole) {
  auto table = FactsTable::Parse(ShippedFacts(), kShippedFactsName);
  ASSERT_TRUE(table) << table.error();
  EXPECT_EQ(table->rows().size(), 166u);
  const AssetFacts* usdt = table->Find("USDT");
  ASSERT_NE(usdt, nullptr);
  EXPECT_EQ(usdt->backing, Backing::kFiat);
  EXPECT_EQ(usdt->legal_nature, LegalNature::kClaim);
  EXPECT_EQ(table->Find("KAVA")->confidence, Confidence::kLow);  // low-confidence rows stay marked
  EXPECT_EQ(table->sha256().size(), 64u);
}

struct BadFacts {
  std::string name;
  std::string row;
  std::string error;
};

class FactsErrors : public ::testing::TestWithParam<BadFacts> {};

TEST_P(FactsErrors, RefusedWithFileAndLineAndNothingLoaded) {
  std::string good = "BTC,Bitcoin,d,currency,native,no,,None,https://bitcoin.org,n,medium\r\n";
  auto table = FactsTable::Parse(kHeader + good + GetParam().row, "facts.csv");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().message(), GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, FactsErrors,
    ::testing::Values(
        BadFacts{"UnknownTag", "X,x,d,moon,native,no,,i,https://x,n,low\r\n",
                 "facts.csv:3: X: unknown tag 'moon'"},
        BadFacts{"BadNature", "X,x,d,meme,owned,no,,i,https://x,n,low\r\n",
                 "facts.csv:3: X: legal_nature must be native, right, claim or allocated"},
        BadFacts{"BackingWithoutTag", "X,x,d,meme,right,no,fiat,i,https://x,n,low\r\n",
                 "facts.csv:3: X: stablecoin_backing is set exactly when the stablecoin tag is"},
        BadFacts{"NoHttpsSource", "X,x,d,meme,right,no,,i,http://x,n,low\r\n",
                 "facts.csv:3: X: every row needs an https:// source"},
        BadFacts{"Duplicate",
                 "BTC,Bitcoin,d,currency,native,no,,None,https://bitcoin.org,n,medium\r\n",
                 "facts.csv:3: symbol BTC appears twice"},
        BadFacts{"ShortRow", "X,x,d\r\n", "facts.csv:3: expected 11 fields, found 3"},
        BadFacts{"BadSymbol", "x y,x,d,meme,right,no,,i,https://x,n,low\r\n",
                 "facts.csv:3: symbol 'x y' must be 1-20 capital letters or digits"}),
    [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace amanah::screen
