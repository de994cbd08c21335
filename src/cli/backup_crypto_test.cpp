#include "cli/backup_crypto.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <sstream>

namespace tsunagu::cli {
namespace {

constexpr const char* kPass = "correct horse battery staple";
//! The cheapest Argon2id libsodium allows: these tests are about the format, not the KDF's strength.
constexpr KdfLimits kFast{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
constexpr std::size_t kHeader = 15 + 1 + 16 + 8 + 8 + 24;
constexpr std::size_t kSealedChunk = kBackupChunkBytes + crypto_secretstream_xchacha20poly1305_ABYTES;

std::string Plain(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xFF);
    return s;
}

std::string Encrypt(const std::string& plain, KdfLimits limits = kFast, std::string_view pass = kPass) {
    crypto::Init();
    std::istringstream in(plain);
    std::ostringstream out;
    EncryptBackup(in, out, pass, limits);
    return out.str();
}

std::string Decrypt(const std::string& sealed, std::string_view pass = kPass) {
    std::istringstream in(sealed);
    std::ostringstream out;
    DecryptBackup(in, out, pass);
    return out.str();
}

TEST(BackupCrypto, RoundTripsEveryLengthAroundTheChunkSize) {
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, kBackupChunkBytes - 1, kBackupChunkBytes,
                                kBackupChunkBytes + 1, 3 * kBackupChunkBytes + 100}) {
        const std::string plain = Plain(n);
        const std::string sealed = Encrypt(plain);
        const std::size_t chunks = n / kBackupChunkBytes + (n % kBackupChunkBytes != 0 || n == 0 ? 1 : 0);
        EXPECT_EQ(sealed.size(), kHeader + n + chunks * crypto_secretstream_xchacha20poly1305_ABYTES) << n;
        EXPECT_EQ(Decrypt(sealed), plain) << n;
    }
}

TEST(BackupCrypto, ModerateAndInteractiveLimitsAreRecordedSoDecryptNeedsNoSetting) {
    const std::string plain = Plain(1000);
    const KdfLimits limits = BackupKdfLimits(crypto::PwCost::kInteractive);
    EXPECT_EQ(limits.ops, crypto_pwhash_OPSLIMIT_INTERACTIVE);
    EXPECT_EQ(BackupKdfLimits(crypto::PwCost::kModerate).mem, crypto_pwhash_MEMLIMIT_MODERATE);
    const std::string sealed = Encrypt(plain, limits);
    EXPECT_EQ(static_cast<unsigned char>(sealed[32]), limits.ops);  // opslimit, little-endian, after the salt
    EXPECT_EQ(Decrypt(sealed), plain);
}

TEST(BackupCrypto, SameInputTwiceGivesDifferentBytesAndNoPlaintext) {
    const std::string plain = std::string(5000, 'x') + "山田 太郎" + std::string(5000, 'y');
    const std::string a = Encrypt(plain), b = Encrypt(plain);
    EXPECT_NE(a, b);  // fresh salt and stream header each time
    EXPECT_EQ(a.find("山田"), std::string::npos);
    EXPECT_EQ(a.find("xxxxxxxx"), std::string::npos);
}

TEST(BackupCrypto, WrongPassphraseFails) {
    const std::string sealed = Encrypt(Plain(70000));
    EXPECT_THROW(Decrypt(sealed, "correct horse battery stapl"), BackupDecryptError);
    EXPECT_THROW(Decrypt(sealed, ""), BackupDecryptError);
    try {
        Decrypt(sealed, "another long passphrase");
        FAIL();
    } catch (const BackupDecryptError& e) {
        EXPECT_STREQ(e.what(), "wrong passphrase or damaged backup");
    }
}

TEST(BackupCrypto, AFlippedByteAnywhereFails) {
    const std::string sealed = Encrypt(Plain(3 * kBackupChunkBytes + 100));  // four chunks
    ASSERT_EQ(sealed.size(), kHeader + 3 * kSealedChunk + 100 + crypto_secretstream_xchacha20poly1305_ABYTES);
    struct Case {
        const char* where;
        std::size_t at;
    };
    const Case cases[] = {
        {"version", 15},
        {"salt", 20},
        {"opslimit", 32},
        {"memlimit", 40},
        {"memlimit high byte", 47},
        {"stream header", 60},
        {"chunk 1 first byte", kHeader},
        {"chunk 1 middle", kHeader + 30000},
        {"chunk 1 tag", kHeader + kSealedChunk - 1},
        {"chunk 2", kHeader + kSealedChunk + 5},
        {"chunk 3", kHeader + 2 * kSealedChunk + 40000},
        {"final chunk", kHeader + 3 * kSealedChunk + 3},
        {"last byte", sealed.size() - 1},
    };
    for (const Case& c : cases) {
        std::string bad = sealed;
        bad[c.at] = static_cast<char>(bad[c.at] ^ 0x01);
        EXPECT_THROW(Decrypt(bad), std::runtime_error) << c.where;
        if (c.at >= kHeader) EXPECT_THROW(Decrypt(bad), BackupDecryptError) << c.where;
    }
}

TEST(BackupCrypto, TruncatedOrExtendedFails) {
    const std::string sealed = Encrypt(Plain(2 * kBackupChunkBytes + 10));
    const std::size_t final_chunk = 10 + crypto_secretstream_xchacha20poly1305_ABYTES;
    const std::size_t cuts[] = {
        sealed.size() - final_chunk,  // the final chunk dropped: every remaining chunk still authenticates
        sealed.size() - final_chunk - kSealedChunk,
        sealed.size() - 1,
        kHeader,
        kHeader - 1,
        20,
        0,
    };
    for (const std::size_t n : cuts) EXPECT_THROW(Decrypt(sealed.substr(0, n)), BackupDecryptError) << n;
    EXPECT_THROW(Decrypt(sealed + std::string(1, '\0')), BackupDecryptError);
    EXPECT_THROW(Decrypt(sealed + sealed.substr(kHeader, kSealedChunk)), BackupDecryptError);
}

TEST(BackupCrypto, HeaderMagicIsRecognised) {
    const std::string sealed = Encrypt("data");
    EXPECT_EQ(sealed.substr(0, 15), std::string("TSUNAGU-BACKUP\0", 15));
    std::istringstream enc(sealed), sqlite(std::string("SQLite format 3\0", 16) + std::string(100, '\0')),
        short_(std::string("TSUNAGU-BACKUP")), empty("");
    EXPECT_TRUE(HasBackupMagic(enc));
    EXPECT_FALSE(HasBackupMagic(sqlite));
    EXPECT_FALSE(HasBackupMagic(short_));
    EXPECT_FALSE(HasBackupMagic(empty));
    EXPECT_FALSE(IsEncryptedBackup("/nonexistent/tsunagu-backup"));
    // Decrypting what is not an encrypted backup says so, rather than blaming the passphrase.
    std::string plain_db = std::string("SQLite format 3\0", 16) + std::string(200, '\0');
    EXPECT_THROW(
        {
            try {
                Decrypt(plain_db);
            } catch (const BackupDecryptError&) {
                FAIL() << "a plain file is not a wrong passphrase";
            }
        },
        std::runtime_error);
}

TEST(BackupCrypto, NewerFormatAndExcessiveCostAreRefusedBeforeAnyWork) {
    std::string newer = Encrypt("data");
    newer[15] = 2;
    try {
        Decrypt(newer);
        FAIL();
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
    }
    std::string greedy = Encrypt("data");
    greedy[47] = 0x40;  // memlimit of 2^62 bytes
    EXPECT_THROW(Decrypt(greedy), BackupDecryptError);
}

TEST(BackupPassphrase, AtLeastTwelveCharactersCountingJapaneseAsOne) {
    EXPECT_NE(PassphraseProblem(""), "");
    EXPECT_NE(PassphraseProblem("elevenchars"), "");
    EXPECT_EQ(PassphraseProblem("twelve chars"), "");
    EXPECT_NE(PassphraseProblem("つなぐ相談"), "");  // 5 characters, 15 bytes
    EXPECT_EQ(PassphraseProblem("つなぐ相談支援専門員の控え"), "");
}

}  // namespace
}  // namespace tsunagu::cli
