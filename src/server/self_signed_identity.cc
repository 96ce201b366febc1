// GenerateSelfSignedIdentity (declared in http_server.h): a throw-away certificate for the paper
// exchange's optional TLS and the demo daemon's, made at start so nothing secret is ever shipped in
// the repository.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include <boost/asio/ip/address.hpp>

#include "server/http_server.h"

namespace amanah::server {

using base::Error;
using base::ErrorCode;

namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

std::string Drain(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

base::Result<TlsIdentity> GenerateSelfSignedIdentity(std::string_view host) {
  auto fail = [](const char* what) {
    return Error(ErrorCode::kInternal, std::string("TLS identity: ") + what);
  };
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return fail("EC key generation failed");
  X509Ptr cert(X509_new());
  if (!cert) return fail("X509_new failed");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  std::string cn(host);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("amanah-paper"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  boost::system::error_code ec;
  boost::asio::ip::make_address(cn, ec);
  std::string san = (ec ? "DNS:" : "IP:") + cn;
  if (cn != "localhost") san += ",DNS:localhost";
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str()));
  if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1) return fail("subjectAltName failed");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return fail("signing failed");

  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  if (!cert_bio || !key_bio || PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1)
    return fail("PEM encoding failed");
  return TlsIdentity{Drain(cert_bio.get()), Drain(key_bio.get())};
}

}  // namespace amanah::server
