// Rotation and revocation through the HTTP API: a key of the same account replaces the old one
// and its secret never appears in an answer, a log line or the database; a key of another account
// is refused with its finding; revocation answers the incident report, which is listed and served
// as a standalone HTML page under a strict CSP.
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace amanah::api {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

std::string KeyBody(const paper::AdminApi::CreatedKey& k) {
  return json::serialize(json::object{{"api_key", k.api_key}, {"secret", k.secret}});
}

TEST_F(ApiFixture, RotateAndRevokeThroughTheApi) {
  Client owner = Login("alpha-owner");
  const auto& k = paper_.key("alpha-key");
  Response connected = Call("POST", "/api/v1/connections",
                            json::serialize(json::object{{"exchange", "binance"},
                                                         {"label", "main"},
                                                         {"api_key", k.api_key},
                                                         {"secret", k.secret}}),
                            &owner);
  ASSERT_EQ(connected.status, 201u) << connected.body;
  EXPECT_EQ(connected.At("connection.rotation.state").value(), json::value("current"));

  Response refused =
      Call("POST", "/api/v1/connections/main/rotate", KeyBody(paper_.key("beta-key")), &owner);
  ASSERT_EQ(refused.status, 422u) << refused.body;
  EXPECT_THAT(refused.body, HasSubstr("ACCOUNT_MISMATCH"));

  const auto& next = paper_.key("alpha-key2");
  Response rotated = Call("POST", "/api/v1/connections/main/rotate", KeyBody(next), &owner);
  ASSERT_EQ(rotated.status, 200u) << rotated.body;
  EXPECT_EQ(rotated.At("outcome").value(), json::value("rotated"));
  EXPECT_EQ(rotated.At("connection.api_key").value(), json::value(next.api_key));
  EXPECT_EQ(rotated.At("connection.old_keys[0].api_key").value(), json::value(k.api_key));
  // An operator may not rotate.
  Client operator_client = Login("alpha-operator");
  EXPECT_EQ(Call("POST", "/api/v1/connections/main/rotate", KeyBody(next), &operator_client).status,
            403u);

  Response revoked = Call("POST", "/api/v1/connections/main/revoke",
                          R"({"cancel_open_orders": true, "reason": "lost laptop"})", &owner);
  ASSERT_EQ(revoked.status, 200u) << revoked.body;
  EXPECT_EQ(revoked.At("report.reason").value(), json::value("lost laptop"));
  auto id = revoked.At("report.id");
  ASSERT_TRUE(id) << revoked.body;
  Response list = Call("GET", "/api/v1/incidents", "", &owner);
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.At("[0].id").value(), *id);
  Response html =
      Call("GET", "/api/v1/incidents/" + std::string(id->as_string()) + "?format=html", "", &owner);
  ASSERT_EQ(html.status, 200u);
  EXPECT_THAT(html.content_type, HasSubstr("text/html"));
  EXPECT_THAT(html.body, HasSubstr("Delete the API key"));
  EXPECT_THAT(html.Header("Content-Security-Policy").value_or(""), HasSubstr("default-src 'none'"));
  // Another tenant sees none of it.
  Client beta = Login("beta-owner");
  EXPECT_EQ(Call("GET", "/api/v1/incidents/" + std::string(id->as_string()), "", &beta).status,
            404u);

  for (const auto& r : responses_) {
    EXPECT_EQ(r.find(next.secret), std::string::npos) << r;
    EXPECT_EQ(r.find(k.secret), std::string::npos) << r;
  }
  for (const auto& l : log_lines_) EXPECT_EQ(l.find(next.secret), std::string::npos) << l;
  std::ifstream db(env_.db_path(), std::ios::binary),
      wal(env_.db_path() + "-wal", std::ios::binary);
  std::stringstream bytes;
  bytes << db.rdbuf() << wal.rdbuf();
  EXPECT_EQ(bytes.str().find(next.secret), std::string::npos);
  EXPECT_EQ(bytes.str().find(k.secret), std::string::npos);
}

TEST_F(ApiFixture, NotificationEndpointsAndDoctorThroughTheApi) {
  Client owner = Login("alpha-owner");
  const auto& k = paper_.key("alpha-key");
  ASSERT_EQ(Call("POST", "/api/v1/connections",
                 json::serialize(json::object{{"exchange", "binance"},
                                              {"label", "main"},
                                              {"api_key", k.api_key},
                                              {"secret", k.secret}}),
                 &owner)
                .status,
            201u);
  // The check made now: every step passes, and what it found is on the connection.
  Response doctor = Call("POST", "/api/v1/connections/main/doctor", "{}", &owner);
  ASSERT_EQ(doctor.status, 200u) << doctor.body;
  EXPECT_EQ(doctor.At("outcome").value(), json::value("healthy"));
  EXPECT_EQ(doctor.At("steps[4].name").value(), json::value("audit"));
  EXPECT_EQ(Call("GET", "/api/v1/connections/main", "", &owner).At("health.state").value(),
            json::value("ok"));
  EXPECT_EQ(Call("POST", "/api/v1/connections/nosuch/doctor", "{}", &owner).status, 404u);

  // Plain http to a non-loopback host is refused, and loopback http unless the operator allows it.
  EXPECT_EQ(
      Call("POST", "/api/v1/notify/endpoints", R"({"url": "http://example.com/hook"})", &owner)
          .status,
      400u);
  Response made = Call("POST", "/api/v1/notify/endpoints",
                       R"({"url": "https://example.com/hook?t=1", "events": ["order.foreign"],
                           "description": "chat bridge"})",
                       &owner);
  ASSERT_EQ(made.status, 201u) << made.body;
  auto secret_text = made.Str("secret");
  ASSERT_TRUE(secret_text) << made.body;
  const std::string secret = *secret_text;
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  EXPECT_EQ(made.At("events[0]").value(), json::value("order.foreign"));
  auto id_text = made.Str("id");
  ASSERT_TRUE(id_text);
  const std::string id = *id_text;
  Response listed = Call("GET", "/api/v1/notify/endpoints", "", &owner);
  ASSERT_EQ(listed.status, 200u);
  EXPECT_EQ(listed.At("[0].id").value(), json::value(id));
  EXPECT_EQ(listed.body.find(secret), std::string::npos);  // shown once
  EXPECT_EQ(Call("POST", "/api/v1/notify/endpoints", R"({"url": "https://x.example/", "events":
                 ["order.eaten"]})",
                 &owner)
                .status,
            400u);
  // An operator may not see or change endpoints; another tenant sees none.
  Client operator_client = Login("alpha-operator");
  EXPECT_EQ(Call("GET", "/api/v1/notify/endpoints", "", &operator_client).status, 403u);
  Client beta = Login("beta-owner");
  EXPECT_EQ(Call("GET", "/api/v1/notify/endpoints", "", &beta).body, "[]");
  EXPECT_EQ(Call("DELETE", "/api/v1/notify/endpoints/" + id, "", &beta).status, 404u);
  Response test = Call("POST", "/api/v1/notify/endpoints/" + id + "/test", "{}", &owner);
  ASSERT_EQ(test.status, 200u) << test.body;
  EXPECT_EQ(test.At("type").value(), json::value("notify.test"));
  Response sent = Call("GET", "/api/v1/notifications", "", &operator_client);
  ASSERT_EQ(sent.status, 200u);
  EXPECT_EQ(sent.At("[0].state").value(), json::value("pending"));
  Response renewed = Call("POST", "/api/v1/notify/endpoints/" + id + "/secret", "{}", &owner);
  ASSERT_EQ(renewed.status, 200u);
  EXPECT_NE(renewed.At("secret").value(), json::value(secret));
  EXPECT_EQ(Call("DELETE", "/api/v1/notify/endpoints/" + id, "", &owner).status, 200u);
  for (const auto& l : log_lines_) EXPECT_EQ(l.find(secret), std::string::npos) << l;
}

}  // namespace
}  // namespace amanah::api
