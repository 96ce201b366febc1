// Wipe: overwrite memory that held a secret (an exchange secret in a request body, a password, a
// bearer token) before it is freed or reused, in a way the compiler may not optimise away
// (explicit_bzero). For buffers the program does not own as a SecretBytes: strings, JSON values,
// network buffers.
#pragma once

#include <cstddef>
#include <string>

#include <boost/json/value.hpp>

namespace amanah::base {

void Wipe(void* data, size_t size);
/// Zeroes the string's bytes (its size stays: callers usually drop it right after).
void Wipe(std::string& s);
/// Zeroes every string inside the value, keys left as they are.
void Wipe(boost::json::value& v);
/// Zeroes the values of an HTTP message's header fields (Beast's basic_fields), where a bearer
/// token or a session cookie was. The fields own their storage; only a view of it is exposed.
template <class Fields>
void WipeFieldValues(Fields& fields) {
  for (auto& field : fields) {
    const auto value = field.value();
    Wipe(const_cast<char*>(value.data()), value.size());
  }
}

}  // namespace amanah::base
