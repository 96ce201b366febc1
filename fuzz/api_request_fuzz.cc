// Fuzzes the daemon's API end to end, in process: the bytes are framed by the server's own parser
// and limits (ParseRequest), then handed to Api::Handle — routing, percent-decoded path parameters,
// query strings, cookies, bearer tokens and every route's JSON body. The first byte picks the
// credential: none, a valid owner session with its CSRF token (so the state-changing routes parse
// their bodies), a session without it, or a read-scoped token. Exchange calls go to a closed port
// on loopback. Every input must get an answer with a status, and problem+json for every error;
// nothing may throw, crash or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <variant>

#include "api/api.h"
#include "crypto/csprng.h"
#include "server/http_server.h"
#include "transport/run_blocking.h"

using namespace amanah;

namespace {

struct Daemon {
  Daemon() {
    char dir[] = "/tmp/amanah-api-fuzz-XXXXXX";
    if (!mkdtemp(dir)) std::abort();
    data_dir = dir;
    environment::EnvironmentOptions o;
    o.data_dir = data_dir;
    o.log_to_file = false;
    o.random = &random;
    o.env = {{"AMANAH_BINANCE_ENDPOINT", "http://127.0.0.1:9"},
             {"AMANAH_PASSWORD_MEMORY_KIB", "8"},
             {"AMANAH_PASSWORD_ITERATIONS", "1"}};
    env = environment::Environment::Open(std::move(o)).value();
    if (!env->CreateVault()) std::abort();
    api = api::Api::Create(*env, {}).value();
    auto* access = env->access().value();
    if (!access->AddUser(store::TenantId("t"),
                         {"owner", "fuzz password 123", store::UserRole::kOwner}))
      std::abort();
    auto login = access->Login("owner", "fuzz password 123", "127.0.0.1").value();
    session = login.session_token;
    csrf = login.csrf_token;
    auto who = access->Local("owner").value();
    token = access->CreateToken(who, "fuzz", access::Scope::kRead, std::chrono::hours(1))
                .value()
                .secret;
  }
  ~Daemon() {
    api.reset();
    env.reset();
    std::filesystem::remove_all(data_dir);
  }
  crypto::Csprng random;
  std::string data_dir;
  std::unique_ptr<environment::Environment> env;
  std::unique_ptr<api::Api> api;
  std::string session, csrf, token;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Daemon d;
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  auto framed = server::ParseRequest(bytes, "127.0.0.1");
  if (!std::holds_alternative<server::HttpRequest>(framed)) return 0;
  auto request = std::get<server::HttpRequest>(std::move(framed));
  switch (mode & 3) {
    case 1:
      request.headers.emplace_back("cookie", "amanah_session=" + d.session);
      request.headers.emplace_back("x-csrf-token", d.csrf);
      break;
    case 2:
      request.headers.emplace_back("cookie", "amanah_session=" + d.session);
      break;
    case 3:
      request.headers.emplace_back("authorization", "Bearer " + d.token);
      break;
    default:
      break;
  }
  // Logging in or out from the fuzzer would end the session the other inputs use.
  if (request.target.find("session") != std::string::npos) return 0;
  server::HttpResponse out = transport::RunBlocking(d.env->io(), d.api->Handle(request));
  if (out.status < 200 || out.status > 599) std::abort();
  if (out.status >= 400 && out.content_type != "application/problem+json") std::abort();
  return 0;
}
