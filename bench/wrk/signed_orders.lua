-- wrk script: alternates a pre-signed Binance IOC buy and sell (the query strings, signed by
-- paper_wrk.sh just before the run with recvWindow=60000, come in AMANAH_BUY / AMANAH_SELL).
-- wrk itself reports every answer that is not 2xx.
local api_key = os.getenv("AMANAH_KEY")
local buy = os.getenv("AMANAH_BUY")
local sell = os.getenv("AMANAH_SELL")
local requests = {}
local i = 0

function init(args)
  local headers = { ["X-MBX-APIKEY"] = api_key }
  requests[1] = wrk.format("POST", "/api/v3/order?" .. buy, headers)
  requests[2] = wrk.format("POST", "/api/v3/order?" .. sell, headers)
end

function request()
  i = i + 1
  return requests[i % 2 + 1]
end
