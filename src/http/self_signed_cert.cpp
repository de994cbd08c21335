// tsunagu cert: a self-signed certificate for a small office LAN (OpenSSL 3 EVP API).
#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "http/request_parse.hpp"
#include "http/server.hpp"

namespace tsunagu::http {

// --- tsunagu cert ---------------------------------------------------------------------------

namespace {

template <class T, void (*Free)(T*)>
struct OpenSslFree {
    void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, OpenSslFree<X509, X509_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, OpenSslFree<GENERAL_NAMES, GENERAL_NAMES_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BIGNUM, BN_free>>;

[[noreturn]] void ThrowOpenSsl(const std::string& what) {
    std::string detail;
    while (unsigned long code = ERR_get_error()) {
        std::array<char, 256> buf{};
        ERR_error_string_n(code, buf.data(), buf.size());
        detail += std::string(detail.empty() ? "" : "; ") + buf.data();
    }
    throw std::runtime_error(what + (detail.empty() ? "" : ": " + detail));
}

void Check(int ok, const std::string& what) {
    if (ok <= 0) ThrowOpenSsl(what);
}

bool IsDnsName(const std::string& host) {
    if (host.empty() || host.size() > 253) return false;
    for (char c : host) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
        if (!ok) return false;
    }
    return true;
}

void AddDns(GENERAL_NAMES* names, const std::string& dns) {
    GENERAL_NAME* name = GENERAL_NAME_new();
    ASN1_IA5STRING* value = ASN1_IA5STRING_new();
    if (name == nullptr || value == nullptr || ASN1_STRING_set(value, dns.data(), static_cast<int>(dns.size())) != 1) {
        GENERAL_NAME_free(name);
        ASN1_IA5STRING_free(value);
        ThrowOpenSsl("cannot build subjectAltName");
    }
    GENERAL_NAME_set0_value(name, GEN_DNS, value);
    sk_GENERAL_NAME_push(names, name);
}

void AddIp(GENERAL_NAMES* names, const std::string& ip) {
    ASN1_OCTET_STRING* value = a2i_IPADDRESS(ip.c_str());
    GENERAL_NAME* name = GENERAL_NAME_new();
    if (name == nullptr || value == nullptr) {
        GENERAL_NAME_free(name);
        ASN1_OCTET_STRING_free(value);
        ThrowOpenSsl("cannot build subjectAltName for " + ip);
    }
    GENERAL_NAME_set0_value(name, GEN_IPADD, value);
    sk_GENERAL_NAME_push(names, name);
}

void AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
    if (ext == nullptr) ThrowOpenSsl(std::string("cannot build extension ") + OBJ_nid2sn(nid));
    int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    Check(ok, "cannot add extension");
}

// Opens for writing with `mode` from the very first byte (no window where the key is world-readable).
FILE* OpenPrivate(const std::string& path, mode_t mode) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    if (::fchmod(fd, mode) != 0) {
        int err = errno;
        ::close(fd);
        throw std::runtime_error("cannot set permissions of " + path + ": " + std::strerror(err));
    }
    FILE* f = ::fdopen(fd, "w");
    if (f == nullptr) {
        ::close(fd);
        throw std::runtime_error("cannot write " + path);
    }
    return f;
}

template <class WriteFn>
void WritePem(const std::string& path, mode_t mode, WriteFn write) {
    FILE* f = OpenPrivate(path, mode);
    bool ok = write(f) == 1;
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) ThrowOpenSsl("cannot write " + path);
}

}  // namespace

void MakeSelfSignedCert(const std::string& host_in, const std::string& cert_path, const std::string& key_path) {
    std::string host = host_in;
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    bool is_ip = IsIpLiteral(host);
    if (!is_ip && !IsDnsName(host)) throw std::runtime_error("not a host name or IP address: '" + host_in + "'");

    KeyPtr key(EVP_EC_gen("P-256"));
    if (!key) ThrowOpenSsl("cannot generate an EC P-256 key");
    CertPtr cert(X509_new());
    if (!cert) ThrowOpenSsl("X509_new");
    Check(X509_set_version(cert.get(), X509_VERSION_3), "cannot set version");

    BignumPtr serial(BN_new());
    Check(serial ? BN_rand(serial.get(), 127, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) : 0, "cannot make a serial");
    Check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr, "cannot set serial");
    Check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) != nullptr, "cannot set notBefore");
    // 825 days: the longest validity Apple platforms accept for a TLS server certificate.
    Check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 825L * 24 * 60 * 60) != nullptr, "cannot set notAfter");
    Check(X509_set_pubkey(cert.get(), key.get()), "cannot set public key");

    X509_NAME* subject = X509_get_subject_name(cert.get());
    Check(X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("tsunagu"), -1,
                                     -1, 0),
          "cannot set subject");
    if (host.size() <= 64) {  // the X.520 limit for a common name; the SAN below is what clients check
        Check(X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                         reinterpret_cast<const unsigned char*>(host.c_str()), -1, -1, 0),
              "cannot set subject");
    }
    Check(X509_set_issuer_name(cert.get(), subject), "cannot set issuer");

    NamesPtr names(sk_GENERAL_NAME_new_null());
    if (!names) ThrowOpenSsl("cannot build subjectAltName");
    if (is_ip) {
        AddIp(names.get(), host);
    } else {
        AddDns(names.get(), host);
    }
    if (LowerAscii(host) != "localhost") AddDns(names.get(), "localhost");
    if (host != "127.0.0.1") AddIp(names.get(), "127.0.0.1");
    Check(X509_add1_ext_i2d(cert.get(), NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT),
          "cannot add subjectAltName");

    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    AddExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE");
    AddExtension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature");
    AddExtension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth");
    AddExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
    AddExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
    Check(X509_sign(cert.get(), key.get(), EVP_sha256()), "cannot sign certificate");

    WritePem(key_path, 0600,
             [&](FILE* f) { return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
    WritePem(cert_path, 0644, [&](FILE* f) { return PEM_write_X509(f, cert.get()); });
}

}  // namespace tsunagu::http
