// The scenario loader: TOML into the admin API's shape, a market's replay_csv resolved relative to
// the scenario file, and errors named by file and line.
#include "admin/scenario.h"

#include <fstream>

#include <gtest/gtest.h>

#include "paper/paper_fixture.h"
#include "testing/temp_dir.h"

namespace amanah::paper::testing {
namespace {

TEST(Scenario, ReplayCsvIsReadRelativeToTheScenarioAndDrivesThePath) {
  amanah::testing::TempDir dir;
  std::ofstream(dir.File("prices.csv")) << "time,price\r\n0,10.00\r\n1000,10.50\r\n2000,9.75\r\n";
  std::ofstream(dir.File("s.toml"))
      << "[[markets]]\nsymbol = \"DOTUSDT\"\nbase = \"DOT\"\nquote = \"USDT\"\n"
         "tick_size = \"0.01\"\nstep_size = \"0.1\"\nstart_price = \"10.00\"\nreplay_csv = "
         "\"prices.csv\"\n";
  auto scenario = LoadScenario(dir.File("s.toml"));
  ASSERT_TRUE(scenario) << scenario.error();
  EXPECT_EQ(boost::json::serialize(scenario->at("markets").at(0).at("replay")),
            R"(["10.00","10.50","9.75"])");
  SettableClock clock(1'767'225'600'000);
  base::SeededRandom random(1);
  Exchange exchange(clock, random);
  binance::BinanceVenue venue(exchange);
  AdminApi admin(exchange, Venues({&venue}), "token-0123456789abcdef");
  auto lock = exchange.Lock();
  ASSERT_TRUE(admin.Apply(*scenario));
  Market& m = *exchange.FindMarket("DOTUSDT");
  EXPECT_EQ(m.Price(m.mid()), base::Decimal::Parse("10.00").value());
  clock.Advance(2000);
  exchange.AdvanceMarkets();
  EXPECT_EQ(m.Price(m.mid()), base::Decimal::Parse("9.75").value());
  clock.Advance(5000);
  exchange.AdvanceMarkets();
  EXPECT_EQ(m.Price(m.mid()), base::Decimal::Parse("9.75").value());  // the last price holds
}

TEST(Scenario, ErrorsNameFileAndLine) {
  amanah::testing::TempDir dir;
  std::ofstream(dir.File("bad.csv")) << "price\n10.00\nten\n";
  std::ofstream(dir.File("s.toml"))
      << "[[markets]]\nsymbol = \"DOTUSDT\"\nreplay_csv = \"bad.csv\"\n";
  auto csv = LoadScenario(dir.File("s.toml"));
  ASSERT_FALSE(csv);
  EXPECT_NE(csv.error().message().find("bad.csv:3: not a price"), std::string::npos) << csv.error();
  std::ofstream(dir.File("t.toml")) << "[[markets]]\nsymbol = \n";
  auto toml = LoadScenario(dir.File("t.toml"));
  ASSERT_FALSE(toml);
  EXPECT_NE(toml.error().message().find("t.toml:2:"), std::string::npos) << toml.error();
}

}  // namespace
}  // namespace amanah::paper::testing
