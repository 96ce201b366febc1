// A secret connected through the API leaves no copy in this process's memory outside locked,
// dump-excluded pages: not in the read buffer the request arrived in, not in the request's body or
// its parsed JSON, not in freed memory. The daemon runs here (the API on 127.0.0.1, port 0); the
// client (`amanah --server … connect`) and the paper exchange are processes of their own, so that
// their copies are not in this one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "api/api.h"
#include "cli/key_file.h"
#include "crypto/secure_heap.h"
#include "server/http_server.h"
#include "testing/memory_scan.h"
#include "testing/paper_process.h"
#include "testing/test_environment.h"

namespace amanah::api {
namespace {

TEST(ApiSecretMemory, AKeyConnectedOverHttpIsOnlyInLockedDumpExcludedPages) {
  ASSERT_TRUE(crypto::InitSecureHeap());
  testing::TempDir dir;
  testing::PaperProcess paper(dir);
  ASSERT_FALSE(paper.url().empty()) << paper.Errors();
  testing::TestEnvironment env(true, {{"AMANAH_EGRESS_IPS", "127.0.0.1"},
                                      {"AMANAH_BINANCE_ENDPOINT", paper.url()},
                                      {"AMANAH_PASSWORD_MEMORY_KIB", "8"},
                                      {"AMANAH_PASSWORD_ITERATIONS", "1"}});
  // The canary, read into locked memory as the key service reads it.
  auto canary = cli::ReadKeyFile(paper.KeyFile("trader-hmac"), std::nullopt);
  ASSERT_TRUE(canary) << canary.error();
  // An owner with a token for the CLI.
  access::AccessService& access = *env.env().access().value();
  ASSERT_TRUE(access.AddUser(store::TenantId("default"),
                             {"amina", "a long enough passphrase", store::UserRole::kOwner}));
  auto token = access.CreateToken(
      access.Local("amina").value(), "memory test",
      access::Scopes(access::Scope::kRead) | access::Scope::kTrade | access::Scope::kAdmin,
      std::chrono::days(1));
  ASSERT_TRUE(token) << token.error();

  auto api = Api::Create(env.env(), ApiOptions{});
  ASSERT_TRUE(api) << api.error();
  boost::asio::io_context& io = env.env().io();
  server::HttpServer http(io, (*api)->Handler());
  auto port = http.Listen("127.0.0.1", 0);
  ASSERT_TRUE(port) << port.error();
  std::thread serving([&io] { io.run(); });

  ::setenv("AMANAH_TOKEN", token->secret.c_str(), 1);
  std::string out;
  const int rc =
      testing::RunAmanah(dir.File("cli"), dir.File("cli-run"),
                         {"--server", "http://127.0.0.1:" + std::to_string(*port), "connect",
                          "binance", "--label", "main", "--key-file", paper.KeyFile("trader-hmac")},
                         &out);
  ::unsetenv("AMANAH_TOKEN");
  http.Stop();
  io.stop();
  serving.join();
  io.restart();
  ASSERT_EQ(rc, 0) << out;
  EXPECT_THAT(out, ::testing::HasSubstr("Connected main"));

  auto hits = testing::FindInMemory(canary->key.secret.bytes());
  EXPECT_FALSE(hits.empty()) << "the search found not even the test's own copy";
  for (const auto& h : hits) {
    EXPECT_TRUE(h.region.dont_dump)
        << "the secret at 0x" << std::hex << h.address << " in " << h.region.perms << " "
        << h.region.name << " (not excluded from core dumps)";
  }
}

}  // namespace
}  // namespace amanah::api
