// The registration of every exchange driver: adding an exchange is one line here.
#include "exchange/binance/binance_driver.h"
#include "exchange/bybit/bybit_driver.h"
#include "exchange/kraken/kraken_driver.h"
#include "exchange/okx/okx_driver.h"
#include "exchange/registry.h"

namespace amanah::exchange {

void RegisterAll(Registry& registry) {
  registry.Add(binance::MakeDriver());
  registry.Add(bybit::MakeDriver());
  registry.Add(okx::MakeDriver());
  registry.Add(kraken::MakeDriver());
}

}  // namespace amanah::exchange
