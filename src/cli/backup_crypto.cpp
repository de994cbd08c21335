#include "cli/backup_crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <istream>
#include <ostream>
#include <vector>

namespace tsunagu::cli {

namespace {

constexpr unsigned char kFormatVersion = 1;
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kABytes = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr std::size_t kStreamHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr unsigned char kTagFinal = crypto_secretstream_xchacha20poly1305_TAG_FINAL;
//! magic | version | salt | opslimit | memlimit: the part of the header that is associated data.
constexpr std::size_t kFixedBytes = kBackupMagic.size() + 1 + kSaltBytes + 8 + 8;
constexpr std::size_t kSaltAt = kBackupMagic.size() + 1;
constexpr std::size_t kOpsAt = kSaltAt + kSaltBytes;
constexpr std::size_t kMemAt = kOpsAt + 8;
//! A header may not ask for more than libsodium's SENSITIVE memory (1 GiB) or 16 passes: a crafted
//! file must not make restore exhaust the machine before the passphrase is even checked.
constexpr unsigned long long kMaxOps = 16;
constexpr unsigned long long kMaxMem = crypto_pwhash_MEMLIMIT_SENSITIVE;

using Fixed = std::array<unsigned char, kFixedBytes>;

//! Bytes that held key material or plaintext; wiped when they go out of scope.
template <std::size_t N>
struct Secret {
    std::array<unsigned char, N> bytes{};
    Secret() = default;
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    ~Secret() { sodium_memzero(bytes.data(), bytes.size()); }
};
using Key = Secret<crypto_secretstream_xchacha20poly1305_KEYBYTES>;

//! A heap buffer (chunks are too large for the stack) wiped on destruction.
struct Buffer {
    std::vector<unsigned char> bytes;
    explicit Buffer(std::size_t n) : bytes(n) {}
    ~Buffer() { sodium_memzero(bytes.data(), bytes.size()); }
};

//! The cipher state holds the key too.
struct State {
    crypto_secretstream_xchacha20poly1305_state st{};
    ~State() { sodium_memzero(&st, sizeof st); }
};

void PutU64(unsigned char* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
std::uint64_t GetU64(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

//! Reads up to `n` bytes; fewer only at the end of the stream. Throws on an I/O error.
std::size_t ReadUpTo(std::istream& in, unsigned char* p, std::size_t n) {
    in.read(reinterpret_cast<char*>(p), static_cast<std::streamsize>(n));
    if (in.bad()) throw std::runtime_error("cannot read the backup");
    return static_cast<std::size_t>(in.gcount());
}

//! True when nothing follows what has been read so far.
bool AtEnd(std::istream& in) { return in.peek() == std::istream::traits_type::eof(); }

void Write(std::ostream& out, const unsigned char* p, std::size_t n) {
    out.write(reinterpret_cast<const char*>(p), static_cast<std::streamsize>(n));
    if (!out) throw std::runtime_error("write failed (disk full?)");
}

void DeriveKey(Key& key, std::string_view passphrase, const unsigned char* salt, KdfLimits limits) {
    if (crypto_pwhash(key.bytes.data(), key.bytes.size(), passphrase.data(), passphrase.size(), salt, limits.ops,
                      limits.mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("key derivation failed (out of memory)");
}

}  // namespace

KdfLimits BackupKdfLimits(crypto::PwCost cost) {
    if (cost == crypto::PwCost::kInteractive)
        return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

Passphrase::~Passphrase() {
    text.resize(text.capacity());  // within capacity: no reallocation, and the whole buffer is wiped
    sodium_memzero(text.data(), text.size());
}

std::string PassphraseProblem(std::string_view passphrase) {
    std::size_t chars = 0;
    for (const char c : passphrase)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;  // count UTF-8 lead bytes only
    if (chars < kMinPassphraseChars)
        return "the passphrase must be at least " + std::to_string(kMinPassphraseChars) + " characters";
    return "";
}

bool HasBackupMagic(std::istream& in) {
    std::array<char, kBackupMagic.size()> head{};
    in.read(head.data(), head.size());
    return static_cast<std::size_t>(in.gcount()) == head.size() &&
           std::string_view(head.data(), head.size()) == kBackupMagic;
}

bool IsEncryptedBackup(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return in && HasBackupMagic(in);
}

void EncryptBackup(std::istream& in, std::ostream& out, std::string_view passphrase, KdfLimits limits) {
    Fixed fixed{};
    std::memcpy(fixed.data(), kBackupMagic.data(), kBackupMagic.size());
    fixed[kBackupMagic.size()] = kFormatVersion;
    randombytes_buf(fixed.data() + kSaltAt, kSaltBytes);
    PutU64(fixed.data() + kOpsAt, limits.ops);
    PutU64(fixed.data() + kMemAt, limits.mem);

    Key key;
    DeriveKey(key, passphrase, fixed.data() + kSaltAt, limits);
    State state;
    std::array<unsigned char, kStreamHeaderBytes> stream_header{};
    crypto_secretstream_xchacha20poly1305_init_push(&state.st, stream_header.data(), key.bytes.data());
    Write(out, fixed.data(), fixed.size());
    Write(out, stream_header.data(), stream_header.size());

    Buffer plain(kBackupChunkBytes);
    std::vector<unsigned char> cipher(kBackupChunkBytes + kABytes);
    bool first = true;
    bool last = false;
    while (!last) {
        const std::size_t n = ReadUpTo(in, plain.bytes.data(), kBackupChunkBytes);
        last = AtEnd(in);
        unsigned long long clen = 0;
        crypto_secretstream_xchacha20poly1305_push(&state.st, cipher.data(), &clen, plain.bytes.data(), n,
                                                   first ? fixed.data() : nullptr, first ? fixed.size() : 0,
                                                   last ? kTagFinal : 0);
        Write(out, cipher.data(), static_cast<std::size_t>(clen));
        first = false;
    }
    out.flush();
    if (!out) throw std::runtime_error("cannot write the backup (disk full?)");
}

BackupHeader ReadBackupHeader(std::istream& in) {
    BackupHeader h;
    Fixed fixed{};
    if (ReadUpTo(in, fixed.data(), fixed.size()) != fixed.size()) throw BackupDecryptError();
    if (std::memcmp(fixed.data(), kBackupMagic.data(), kBackupMagic.size()) != 0)
        throw std::runtime_error("not an encrypted tsunagu backup");
    const unsigned version = fixed[kBackupMagic.size()];
    if (version > kFormatVersion)
        throw std::runtime_error("backup format " + std::to_string(version) +
                                 " is newer than this binary: upgrade tsunagu first");
    h.limits = KdfLimits{GetU64(fixed.data() + kOpsAt), static_cast<std::size_t>(GetU64(fixed.data() + kMemAt))};
    if (version != kFormatVersion || h.limits.ops < crypto_pwhash_OPSLIMIT_MIN || h.limits.ops > kMaxOps ||
        h.limits.mem < crypto_pwhash_MEMLIMIT_MIN || h.limits.mem > kMaxMem)
        throw BackupDecryptError();
    h.fixed.assign(fixed.begin(), fixed.end());
    h.stream_header.resize(kStreamHeaderBytes);
    if (ReadUpTo(in, h.stream_header.data(), h.stream_header.size()) != h.stream_header.size())
        throw BackupDecryptError();
    return h;
}

void DecryptBackup(std::istream& in, std::ostream& out, std::string_view passphrase) {
    const BackupHeader h = ReadBackupHeader(in);
    Fixed fixed{};
    std::copy(h.fixed.begin(), h.fixed.end(), fixed.begin());
    const KdfLimits limits = h.limits;
    const auto& stream_header = h.stream_header;

    Key key;
    DeriveKey(key, passphrase, fixed.data() + kSaltAt, limits);
    State state;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&state.st, stream_header.data(), key.bytes.data()) != 0)
        throw BackupDecryptError();

    std::vector<unsigned char> cipher(kBackupChunkBytes + kABytes);
    Buffer plain(kBackupChunkBytes);
    bool first = true;
    bool last = false;
    while (!last) {
        const std::size_t n = ReadUpTo(in, cipher.data(), cipher.size());
        if (n < kABytes) throw BackupDecryptError();  // truncated: the FINAL chunk never came
        unsigned long long mlen = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&state.st, plain.bytes.data(), &mlen, &tag, cipher.data(), n,
                                                       first ? fixed.data() : nullptr, first ? fixed.size() : 0) != 0)
            throw BackupDecryptError();
        last = AtEnd(in);
        // FINAL must mark exactly the last chunk: earlier means bytes were appended, missing means cut off.
        if ((tag != 0 && tag != kTagFinal) || (tag == kTagFinal) != last) throw BackupDecryptError();
        Write(out, plain.bytes.data(), static_cast<std::size_t>(mlen));
        first = false;
    }
    out.flush();
    if (!out) throw std::runtime_error("cannot write the restored database (disk full?)");
}

}  // namespace tsunagu::cli
