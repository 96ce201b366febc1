// AES-256-GCM: the 256-bit test cases with 96-bit IVs from McGrew & Viega, "The Galois/Counter
// Mode of Operation (GCM)" (cases 13–16; 16 carries AAD), then tamper and misuse cases.
#include "crypto/aes_gcm.h"

#include <gtest/gtest.h>

#include "testing/param_name.h"

#include "crypto/encoding.h"

namespace amanah::crypto {
namespace {

Bytes Hex(std::string_view s) { return *HexDecode(s); }

struct GcmCase {
  const char* name;
  const char* key;
  const char* iv;
  const char* plaintext;
  const char* aad;
  const char* ciphertext;
  const char* tag;
};

constexpr char kK0[] = "0000000000000000000000000000000000000000000000000000000000000000";
constexpr char kK1[] = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
constexpr char kIv1[] = "cafebabefacedbaddecaf888";

class GcmSpecTest : public ::testing::TestWithParam<GcmCase> {};

TEST_P(GcmSpecTest, SealMatchesAndOpenRecovers) {
  const auto& c = GetParam();
  auto sealed = AesGcmSeal(Hex(c.key), Hex(c.iv), Hex(c.aad), Hex(c.plaintext));
  ASSERT_TRUE(sealed);
  EXPECT_EQ(HexEncode(*sealed), std::string(c.ciphertext) + c.tag);
  auto opened = AesGcmOpen(Hex(c.key), Hex(c.iv), Hex(c.aad), *sealed);
  ASSERT_TRUE(opened);
  EXPECT_EQ(HexEncode(opened->bytes()), c.plaintext);
}

INSTANTIATE_TEST_SUITE_P(
    GcmSpec, GcmSpecTest,
    ::testing::Values(
        GcmCase{"Case13", kK0, "000000000000000000000000", "", "", "",
                "530f8afbc74536b9a963b4f1c4cb738b"},
        GcmCase{"Case14", kK0, "000000000000000000000000", "00000000000000000000000000000000", "",
                "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
        GcmCase{
            "Case15", kK1, kIv1,
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532"
            "fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
            "",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b"
            "08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
            "b094dac5d93471bdec1a502270e3cc6c"},
        GcmCase{
            "Case16WithAad", kK1, kIv1,
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532"
            "fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b"
            "08b1056828838c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b"}),
    amanah::testing::ParamName());

TEST(AesGcmTest, EverySingleBitFlipIsRejected) {
  const Bytes key = Hex(kK1), iv = Hex(kIv1), aad = Hex("feedfacedeadbeef");
  const Bytes sealed = *AesGcmSeal(key, iv, aad, AsBytes("exchange secret 0123456789"));
  for (size_t bit = 0; bit < sealed.size() * 8; ++bit) {
    Bytes t = sealed;
    t[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    auto r = AesGcmOpen(key, iv, aad, t);
    ASSERT_FALSE(r) << "bit " << bit;
    EXPECT_EQ(r.error().code(), base::ErrorCode::kDataLoss);
  }
  for (size_t bit = 0; bit < iv.size() * 8; ++bit) {
    Bytes t = iv;
    t[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    ASSERT_FALSE(AesGcmOpen(key, t, aad, sealed)) << "nonce bit " << bit;
  }
  for (size_t bit = 0; bit < aad.size() * 8; ++bit) {
    Bytes t = aad;
    t[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    ASSERT_FALSE(AesGcmOpen(key, iv, t, sealed)) << "aad bit " << bit;
  }
}

TEST(AesGcmTest, TruncationAndExtensionAreRejected) {
  const Bytes key = Hex(kK1), iv = Hex(kIv1);
  const Bytes sealed = *AesGcmSeal(key, iv, {}, AsBytes("secret"));
  for (size_t n = 0; n < sealed.size(); ++n) {
    EXPECT_FALSE(AesGcmOpen(key, iv, {}, ByteView(sealed).first(n))) << n;
  }
  Bytes longer = sealed;
  longer.push_back(0);
  EXPECT_FALSE(AesGcmOpen(key, iv, {}, longer));
}

TEST(AesGcmTest, WrongSizesAreInvalidArguments) {
  EXPECT_EQ(AesGcmSeal(Bytes(16), Bytes(12), {}, {}).error().code(),
            base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(AesGcmSeal(Bytes(32), Bytes(8), {}, {}).error().code(),
            base::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace amanah::crypto
