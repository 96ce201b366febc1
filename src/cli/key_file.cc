#include "cli/key_file.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "crypto/ed25519.h"
#include "crypto/rsa.h"

namespace amanah::cli {

using base::Error;
using base::ErrorCode;

namespace {

base::Result<crypto::SecretBytes> ReadSecretFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error(ErrorCode::kNotFound, "cannot read the private key file named in the key file");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  crypto::SecretBytes secret = crypto::SecretBytes::CopyFrom(text);
  std::fill(text.begin(), text.end(), '\0');
  return secret;
}

}  // namespace

base::Result<KeyFile> ReadKeyFile(const std::string& path,
                                  const std::optional<std::string>& key_type) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error(ErrorCode::kNotFound, "cannot read the key file " + path);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  KeyFile key;
  std::optional<crypto::SecretBytes> secret;
  std::string private_key_file;
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    std::string name = line.substr(0, eq);
    if (eq == std::string::npos)
      return Error(ErrorCode::kInvalidArgument,
                   "key file line " + std::to_string(number) + ": expected name=value");
    if (name == "api_key") {
      key.api_key = line.substr(eq + 1);
    } else if (name == "secret") {
      secret = crypto::SecretBytes::CopyFrom(std::string_view(line).substr(eq + 1));
    } else if (name == "private_key_file") {
      private_key_file = line.substr(eq + 1);
    } else {
      std::fill(line.begin(), line.end(), '\0');
      return Error(ErrorCode::kInvalidArgument,
                   "key file line " + std::to_string(number) +
                       ": unknown name (expected api_key, secret or private_key_file)");
    }
    std::fill(line.begin(), line.end(), '\0');
  }
  std::fill(text.begin(), text.end(), '\0');
  if (key.api_key.empty())
    return Error(ErrorCode::kInvalidArgument, "the key file has no api_key line");
  if (secret && !private_key_file.empty())
    return Error(ErrorCode::kInvalidArgument,
                 "the key file has both a secret and a private_key_file; give one");
  if (!private_key_file.empty()) {
    AMANAH_ASSIGN_OR_RETURN(key.secret, ReadSecretFile(private_key_file));
    if (crypto::Ed25519PrivateKey::FromPem(key.secret.view())) {
      key.key_type = "ed25519";
    } else if (crypto::RsaPrivateKey::FromPem(key.secret.view())) {
      key.key_type = "rsa";
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "the private key file is not an Ed25519 or RSA private key in PEM");
    }
  } else if (secret) {
    key.secret = std::move(*secret);
    key.key_type = "hmac";
  } else {
    return Error(ErrorCode::kInvalidArgument,
                 "the key file has neither a secret nor a private_key_file line");
  }
  if (key_type && *key_type != key.key_type)
    return Error(ErrorCode::kInvalidArgument, "--key-type " + *key_type +
                                                  " does not match the key file, which holds a " +
                                                  key.key_type + " key");
  return key;
}

}  // namespace amanah::cli
