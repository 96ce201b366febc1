#include "crypto/openssl_error.h"

#include <openssl/err.h>

#include <string>

namespace amanah::crypto {

base::Error OpenSslError(base::ErrorCode code, std::string_view what) {
  std::string message(what);
  if (unsigned long e = ERR_get_error(); e != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    message += " (";
    message += buf;
    message += ")";
  }
  ERR_clear_error();
  return base::Error(code, std::move(message));
}

}  // namespace amanah::crypto
