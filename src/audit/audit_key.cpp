// The audit chain's HMAC keys: a small text file outside the database (DIR/keys/audit.key, or
// --audit-key FILE for PostgreSQL), one "<id> <64 hex>" line per key, the newest last.
#include <fcntl.h>
#include <soci/soci.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "audit/audit.hpp"
#include "crypto/crypto.hpp"
#include "storage/database.hpp"

namespace tsunagu::audit {

namespace fs = std::filesystem;

namespace {
constexpr const char* kHeader =
    "# tsunagu audit key: HMAC-SHA-256 keys of the audit log's hash chain, newest last.\n"
    "# Keep it secret and outside the database (mode 0600); keep a copy with the backups, apart from them.\n";
constexpr const char* kKeyedRows = "SELECT COUNT(*) FROM audit_log WHERE key_id <> 0";

std::mutex ring_mutex;
KeyRing ring;  // guarded by ring_mutex for writes; read after start-up

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string FromHex(const std::string& h) {
    std::string out;
    if (h.size() % 2 != 0) return {};
    for (std::size_t i = 0; i < h.size(); i += 2) {
        const int a = HexValue(h[i]), b = HexValue(h[i + 1]);
        if (a < 0 || b < 0) return {};
        out += static_cast<char>(a * 16 + b);
    }
    return out;
}
}  // namespace

KeyRing LoadKeyFile(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot read the audit key " + path);
    if ((st.st_mode & 077) != 0)
        throw std::runtime_error("the audit key " + path + " can be read by others: chmod 600 it");
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read the audit key " + path);
    KeyRing r;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ls(line);
        long long id = 0;
        std::string hex;
        ls >> id >> hex;
        const std::string key = FromHex(hex);
        if (id <= 0 || key.size() != 32 || r.keys.count(id))
            throw std::runtime_error("the audit key " + path + " is malformed at line " + std::to_string(n));
        r.keys[id] = key;
        r.current = id;  // newest last
    }
    if (r.empty()) throw std::runtime_error("the audit key " + path + " holds no key");
    return r;
}

long long AddKey(const std::string& path) {
    const fs::path p(path);
    if (p.has_parent_path() && !fs::exists(p.parent_path())) {
        fs::create_directories(p.parent_path());
        fs::permissions(p.parent_path(), fs::perms::owner_all, fs::perm_options::replace);
    }
    long long next = 1;
    const bool exists = fs::exists(p);
    if (exists) next = LoadKeyFile(path).keys.rbegin()->first + 1;
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    std::string hex;
    static const char* digits = "0123456789abcdef";
    for (unsigned char b : key) {
        hex += digits[b >> 4];
        hex += digits[b & 15];
    }
    sodium_memzero(key, sizeof key);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write the audit key " + path);
    std::string text = (exists ? "" : std::string(kHeader)) + std::to_string(next) + " " + hex + "\n";
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write the audit key " + path);
    return next;
}

void UseKeys(KeyRing r) {
    r.macs.clear();
    for (const auto& [id, key] : r.keys) r.macs.emplace(id, std::make_shared<const crypto::HmacSha256>(key));
    std::lock_guard lock(ring_mutex);
    ring = std::move(r);
}

const KeyRing& Keys() { return ring; }

KeyRing OpenKeys(storage::Database& db, const std::string& path, bool create) {
    if (!fs::exists(path)) {
        long long keyed = 0;
        {
            storage::Tx tx(db, storage::Tx::Mode::kRead);
            tx.sql() << kKeyedRows, soci::into(keyed);
        }
        if (keyed > 0)
            throw std::runtime_error("the audit key " + path +
                                     " is missing but the audit log is keyed: put the key file back (or pass "
                                     "--audit-key FILE)");
        if (!create) {
            UseKeys({});
            return {};
        }
        AddKey(path);
    }
    KeyRing r = LoadKeyFile(path);
    UseKeys(r);
    return r;
}

}  // namespace tsunagu::audit
