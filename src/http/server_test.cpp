// Unit tests for the socket-free parts of the HTTP server: request parsing helpers, the
// loopback rule, the embedded web UI and `tsunagu cert`. The server loop itself is covered by
// the HTTP tests in tests/api/.
#include "http/server.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "http/request_parse.hpp"
#include "http/router.hpp"
#include "storage/embedded.hpp"

namespace tsunagu::http {
namespace {

TEST(IsLoopbackHost, Table) {
    struct Case {
        const char* host;
        bool loopback;
    };
    const Case cases[] = {
        {"127.0.0.1", true},
        {"127.1.2.3", true},
        {"localhost", true},
        {"LOCALHOST", true},
        {"::1", true},
        {"[::1]", true},
        {"::ffff:127.0.0.1", true},
        {"0.0.0.0", false},
        {"", false},
        {"::", false},
        {"192.168.1.10", false},
        {"128.0.0.1", false},
        {"localhost.evil", false},
        {"::2", false},
        {"127.0.0.1.nip.io", false},
        {"10.0.0.1", false},
        {"::ffff:192.168.0.1", false},
    };
    for (const auto& c : cases) EXPECT_EQ(IsLoopbackHost(c.host), c.loopback) << c.host;
}

TEST(PercentDecode, Table) {
    struct Case {
        const char* in;
        bool plus_as_space;
        std::optional<std::string> out;
    };
    const Case cases[] = {
        {"abc", false, "abc"},       {"a%20b", false, "a b"},      {"a+b", false, "a+b"},
        {"a+b", true, "a b"},        {"%2B", true, "+"},           {"%e5%b1%b1%E7%94%B0", false, "山田"},
        {"%", false, std::nullopt},  {"%4", false, std::nullopt},  {"%zz", false, std::nullopt},
        {"ok%", true, std::nullopt}, {"%00", false, std::nullopt}, {"", false, ""},
    };
    for (const auto& c : cases) EXPECT_EQ(PercentDecode(c.in, c.plus_as_space), c.out) << c.in;
}

TEST(ParseTarget, PathAndQuery) {
    auto t = ParseTarget("/api/v1/persons?q=%E5%B1%B1%E7%94%B0+%E5%A4%AA%E9%83%8E&page=2&flag&&q=second");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->path, "/api/v1/persons");
    EXPECT_EQ(t->query.at("q"), "山田 太郎");  // the first of repeated names wins
    EXPECT_EQ(t->query.at("page"), "2");
    EXPECT_EQ(t->query.at("flag"), "");
    EXPECT_EQ(t->query.size(), 3u);
}

TEST(ParseTarget, PathIsDecodedButPlusStays) {
    auto t = ParseTarget("/files/a%20b+c");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->path, "/files/a b+c");
    EXPECT_TRUE(t->query.empty());
}

TEST(ParseTarget, Rejects) {
    const char* bad[] = {
        "",                   // empty
        "api/x",              // not origin-form
        "http://host/api/x",  // absolute-form
        "*",                  // asterisk-form
        "/api/%zz",           // broken escape in the path
        "/api/x?q=%4",        // broken escape in the query
        "/api/%ff",           // not UTF-8
        "/api/x?q=%C0%AF",    // overlong UTF-8
        "/api/%00",           // NUL
    };
    for (const char* target : bad) EXPECT_FALSE(ParseTarget(target)) << target;
}

TEST(PathForLog, DropsQuery) {
    EXPECT_EQ(PathForLog("/api/v1/persons?q=%E5%B1%B1"), "/api/v1/persons");
    EXPECT_EQ(PathForLog("/api/v1/persons"), "/api/v1/persons");
    EXPECT_EQ(PathForLog("/?"), "/");
}

TEST(IsValidUtf8, Table) {
    EXPECT_TRUE(IsValidUtf8("plain"));
    EXPECT_TRUE(IsValidUtf8("相談支援"));
    EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600
    EXPECT_FALSE(IsValidUtf8("\xFF"));
    EXPECT_FALSE(IsValidUtf8("\xE3\x81"));          // truncated
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST(LowerAscii, HeaderNames) { EXPECT_EQ(LowerAscii("X-Request-Id"), "x-request-id"); }

// --- embedded web UI ---------------------------------------------------------------------

Request Get(const std::string& path) {
    Request req;
    req.method = "GET";
    req.path = path;
    req.target = path;
    req.request_id = "test-id";
    return req;
}

bool HasIndex() {
    for (const auto& a : embedded::All()) {
        if (std::string(a.kind) == "web" && std::string(a.name) == "/index.html") return true;
    }
    return false;
}

std::string HeaderOf(const Response& res, const std::string& name) {
    for (const auto& [n, v] : res.headers) {
        if (n == name) return v;
    }
    return "";
}

TEST(StaticResponse, ClientRoutesGetIndexUncached) {
    for (const char* path : {"/", "/persons/12", "/login"}) {
        Response res = StaticResponse(Get(path));
        if (HasIndex()) {
            EXPECT_EQ(res.status, 200) << path;
            EXPECT_EQ(res.content_type, "text/html; charset=utf-8");
            EXPECT_EQ(HeaderOf(res, "Cache-Control"), "no-store");
        } else {
            EXPECT_EQ(res.status, 503) << path;
            EXPECT_EQ(res.content_type.rfind("text/plain", 0), 0u);
        }
    }
}

TEST(StaticResponse, NotFound) {
    for (const char* path : {"/api/v1/nothing", "/api", "/missing-file.png", "/assets/missing.js"}) {
        EXPECT_EQ(StaticResponse(Get(path)).status, 404) << path;
    }
    Request post = Get("/");
    post.method = "POST";
    EXPECT_EQ(StaticResponse(post).status, 404);
}

TEST(StaticResponse, AssetsAreImmutable) {
    for (const auto& a : embedded::All()) {
        std::string name = a.name;
        if (std::string(a.kind) != "web" || !name.starts_with("/assets/")) continue;
        // The precompressed twins (.br, .gz) are served by Accept-Encoding under the base name only.
        if (name.ends_with(".br") || name.ends_with(".gz")) continue;
        Response res = StaticResponse(Get(name));
        EXPECT_EQ(res.status, 200) << name;
        EXPECT_EQ(res.body.size(), a.data().size()) << name;
        EXPECT_EQ(HeaderOf(res, "Cache-Control"), "public, max-age=31536000, immutable") << name;
        if (name.ends_with(".js")) {
            EXPECT_EQ(res.content_type, "text/javascript; charset=utf-8");
        }
    }
}

// --- tsunagu cert ------------------------------------------------------------------------

class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "tsunagu-cert-XXXXXX").string();
        path_ = ::mkdtemp(tmpl.data());
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    std::string File(const char* name) const { return (std::filesystem::path(path_) / name).string(); }

private:
    std::string path_;
};

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

std::unique_ptr<X509, X509Free> LoadCert(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "r");
    if (f == nullptr) return nullptr;
    X509* x = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    return std::unique_ptr<X509, X509Free>(x);
}

std::unique_ptr<EVP_PKEY, KeyFree> LoadKey(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "r");
    if (f == nullptr) return nullptr;
    EVP_PKEY* k = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    return std::unique_ptr<EVP_PKEY, KeyFree>(k);
}

unsigned FileMode(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0);
    return st.st_mode & 0777;
}

TEST(MakeSelfSignedCert, IpHost) {
    TempDir dir;
    MakeSelfSignedCert("192.168.10.5", dir.File("cert.pem"), dir.File("key.pem"));
    auto cert = LoadCert(dir.File("cert.pem"));
    auto key = LoadKey(dir.File("key.pem"));
    ASSERT_TRUE(cert);
    ASSERT_TRUE(key);
    EXPECT_EQ(FileMode(dir.File("key.pem")), 0600u);

    EXPECT_EQ(X509_check_ip_asc(cert.get(), "192.168.10.5", 0), 1);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
    EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr), 1);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "192.168.10.6", 0), 0);
    EXPECT_EQ(X509_check_host(cert.get(), "example.com", 0, 0, nullptr), 0);

    EXPECT_EQ(X509_get_version(cert.get()), X509_VERSION_3);
    EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
    EXPECT_EQ(X509_verify(cert.get(), key.get()), 1);  // self-signed with this key
    EXPECT_TRUE(EVP_PKEY_is_a(key.get(), "EC"));
    char group[64] = {};
    size_t group_len = 0;
    ASSERT_EQ(EVP_PKEY_get_utf8_string_param(key.get(), "group", group, sizeof(group), &group_len), 1);
    EXPECT_STREQ(group, "prime256v1");

    int days = 0;
    int secs = 0;
    ASSERT_EQ(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(cert.get()), X509_get0_notAfter(cert.get())), 1);
    EXPECT_EQ(days, 825);
    EXPECT_EQ(X509_check_purpose(cert.get(), X509_PURPOSE_SSL_SERVER, 0), 1);
}

TEST(MakeSelfSignedCert, DnsHost) {
    TempDir dir;
    MakeSelfSignedCert("tsunagu.office.local", dir.File("cert.pem"), dir.File("key.pem"));
    auto cert = LoadCert(dir.File("cert.pem"));
    ASSERT_TRUE(cert);
    EXPECT_EQ(X509_check_host(cert.get(), "tsunagu.office.local", 0, 0, nullptr), 1);
    EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
    EXPECT_EQ(X509_check_host(cert.get(), "other.office.local", 0, 0, nullptr), 0);
}

TEST(MakeSelfSignedCert, TightensExistingKeyFile) {
    TempDir dir;
    std::string key_path = dir.File("key.pem");
    FILE* f = std::fopen(key_path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("old", f);
    std::fclose(f);
    ASSERT_EQ(::chmod(key_path.c_str(), 0644), 0);
    MakeSelfSignedCert("localhost", dir.File("cert.pem"), key_path);
    EXPECT_EQ(FileMode(key_path), 0600u);
    EXPECT_TRUE(LoadKey(key_path));
}

TEST(MakeSelfSignedCert, RejectsBadHost) {
    TempDir dir;
    EXPECT_THROW(MakeSelfSignedCert("bad host,DNS:evil", dir.File("c.pem"), dir.File("k.pem")), std::runtime_error);
    EXPECT_THROW(MakeSelfSignedCert("", dir.File("c.pem"), dir.File("k.pem")), std::runtime_error);
}

}  // namespace
}  // namespace tsunagu::http
