#include "base/logging.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <memory>
#include <mutex>
#include <vector>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace amanah::base {
namespace {

// Forwards each message to `inner` after redaction.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingSink(std::vector<spdlog::sink_ptr> inner) : inner_(std::move(inner)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string redacted = Redact(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy = msg;
    copy.payload = spdlog::string_view_t(redacted.data(), redacted.size());
    for (auto& target : inner_) {
      if (target->should_log(copy.level)) target->log(copy);
    }
  }
  void flush_() override {
    for (auto& target : inner_) target->flush();
  }

 private:
  std::vector<spdlog::sink_ptr> inner_;
};

// Names whose values are credentials, lower case; matched case-insensitively as whole words.
constexpr std::array<std::string_view, 22> kSecretNames = {
    "signature",   "secret",       "api_secret",    "api-secret",     "apisecret",
    "secret_key",  "secretkey",    "passphrase",    "password",       "private_key",
    "privatekey",  "token",        "x-mbx-apikey",  "api_key",        "apikey",
    "api-key",     "api-sign",     "ok-access-key", "ok-access-sign", "ok-access-passphrase",
    "x-bapi-sign", "authorization"};

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

bool IsValueEnd(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == '&' || c == '"' || c == '\'' ||
         c == ',' || c == ';' || c == '}';
}

}  // namespace

std::string Redact(std::string_view m) {
  std::string out;
  out.reserve(m.size());
  size_t i = 0;
  while (i < m.size()) {
    // A word: [A-Za-z0-9_-]+ not preceded by another name character.
    if (!IsNameChar(m[i]) || (i > 0 && IsNameChar(m[i - 1]))) {
      out.push_back(m[i++]);
      continue;
    }
    size_t end = i;
    while (end < m.size() && IsNameChar(m[end])) ++end;
    const std::string_view word = m.substr(i, end - i);
    out.append(word);
    i = end;
    bool secret = false;
    for (auto name : kSecretNames) secret = secret || IEquals(word, name);
    if (!secret) continue;
    // separator: optional quote, spaces, ':' or '=', spaces, optional quote
    size_t j = i;
    if (j < m.size() && (m[j] == '"' || m[j] == '\'')) ++j;
    while (j < m.size() && m[j] == ' ') ++j;
    if (j >= m.size() || (m[j] != ':' && m[j] != '=')) continue;
    ++j;
    while (j < m.size() && m[j] == ' ') ++j;
    if (j < m.size() && (m[j] == '"' || m[j] == '\'')) ++j;
    if (m.substr(j, 7) == "Bearer " || m.substr(j, 7) == "bearer ") j += 7;
    size_t v = j;
    while (v < m.size() && !IsValueEnd(m[v])) ++v;
    if (v == j) continue;
    out.append(m.substr(i, j - i));
    out.append("[REDACTED]");
    i = v;
  }
  return out;
}

void InitLogging(const LogOptions& options) {
  std::vector<spdlog::sink_ptr> sinks;
  auto err = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  err->set_level(options.stderr_level);
  sinks.push_back(err);
  if (options.file) {
    // Create the file private before spdlog opens it for appending.
    const int fd = ::open(options.file->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
    auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(*options.file);
    file->set_level(spdlog::level::info);
    sinks.push_back(file);
  }
  for (auto& sink : sinks) {
    sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc));
  }
  auto logger =
      std::make_shared<spdlog::logger>("amanah", std::make_shared<RedactingSink>(std::move(sinks)));
  logger->set_level(spdlog::level::info);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace amanah::base
