// PasswordHash: a user's password stored as an argon2id PHC string (the form libargon2 and every
// mainstream library write and read: "$argon2id$v=19$m=65536,t=3,p=1$<salt>$<tag>", base64
// without padding), with a 16-byte random salt and a 32-byte tag. Verification recomputes the tag
// with the string's own parameters and compares in constant time; a malformed string is an error
// that says what is wrong, never a crash, never "verified". NeedsRehash tells when a stored string
// was made with weaker parameters than the current ones (raise them, rehash at the next login).
// For the daemon's users (#15); the password never leaves SecretBytes here.
#pragma once

#include <string>
#include <string_view>

#include "base/random.h"
#include "base/result.h"
#include "crypto/argon2id.h"

namespace amanah::crypto {

/// The PHC string of `password` under `params` with a salt from `random`.
base::Result<std::string> HashPassword(std::string_view password, const Argon2idParams& params,
                                       base::Random& random);

/// Whether `password` matches `phc`; kInvalidArgument when `phc` is not an argon2id PHC string.
base::Result<bool> VerifyPassword(std::string_view password, std::string_view phc);

/// Whether `phc` was made with other (e.g. weaker) parameters than `current`.
base::Result<bool> NeedsRehash(std::string_view phc, const Argon2idParams& current);

}  // namespace amanah::crypto
