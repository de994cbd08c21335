// The HTTP(S) front door: Boost.Beast with C++20 coroutines. Beast and Asio stay in this file so
// the rest of the tree compiles without them. One coroutine per connection, on its own strand;
// handlers run synchronously on that strand (SQLite calls are short and the pool is sized to the
// thread count).
#include "http/server.hpp"

#include <fcntl.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "http/request_parse.hpp"
#include "http/work_pool.hpp"
#include "storage/database.hpp"
#include "storage/group_commit.hpp"

namespace tsunagu::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

constexpr std::size_t kBodyLimit = std::size_t{1024} * 1024;
constexpr std::size_t kFirstReadSize = 4096;
constexpr auto kIdleTimeout = 30s;  //!< keep-alive connection waiting for its next request
constexpr auto kReadTimeout = 30s;  //!< one whole request (or the TLS handshake) once it has begun
constexpr auto kWriteTimeout = 30s;
constexpr auto kLingerTimeout = 2s;       //!< draining an unread body so the client sees our 413/400
constexpr auto kTlsShutdownTimeout = 1s;  //!< waiting for the peer's close_notify
constexpr auto kToken = asio::as_tuple(asio::use_awaitable);
//! Carries "the audit batch is durable" from the group committer's thread to a session.
using DurableChannel = asio::experimental::concurrent_channel<void(boost::system::error_code, bool)>;
//! Carries a response from the password pool's thread back to a session.
using ResponseChannel = asio::experimental::concurrent_channel<void(boost::system::error_code, Response)>;

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
constexpr const char* kStrictTransportSecurity = "max-age=31536000";

template <class Stream>
constexpr bool kIsTls = !std::is_same_v<Stream, beast::tcp_stream>;

//! Where a connection is, so a stop can close waiting connections at once and let busy ones finish.
enum class Phase { kIdle, kBusy, kClosing };

//! What a connection does after one request.
enum class After { kNext, kClose, kLingerClose, kDrop };

//! A live connection as the stop logic sees it. Only touched on the connection's strand.
struct Connection {
    asio::any_io_executor executor;
    beast::tcp_stream* tcp = nullptr;  //!< into the session coroutine's frame; null once it ends
    Phase phase = Phase::kIdle;
};

//! A request's id (logs, audit rows, X-Request-Id): 16 hex digits, unique in practice. Not a secret
//! and authorises nothing, so each thread draws them from its own generator (SplitMix64) seeded
//! once from OpenSSL's, instead of taking OpenSSL's lock for every request (issue 8).
std::string NewRequestId() {
    thread_local std::uint64_t state = [] {
        std::uint64_t seed = 0;
        if (RAND_bytes(reinterpret_cast<unsigned char*>(&seed), sizeof seed) != 1)
            throw std::runtime_error("RAND_bytes failed");
        return seed;
    }();
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(16, '0');
    for (int i = 15; i >= 0; --i, z >>= 4) id[static_cast<std::size_t>(i)] = kHex[z & 0xF];
    return id;
}

std::string ToStd(beast::string_view s) { return std::string(s.data(), s.size()); }

bool IsHeaderSafe(const std::string& s) { return s.find_first_of("\r\n\0", 0, 3) == std::string::npos; }

void SetDefault(bhttp::response<bhttp::string_body>& out, const char* name, const char* value) {
    if (out.find(name) == out.end()) out.set(name, value);
}

// Serialises a Response and adds the security headers every response carries (ASVS V14.4).
bhttp::response<bhttp::string_body> ToWire(Response res, unsigned version, bool keep_alive,
                                           const std::string& request_id, bool tls, bool head = false) {
    bhttp::response<bhttp::string_body> out;
    out.version(version);
    out.result(static_cast<unsigned>(res.status));
    for (auto& [name, value] : res.headers) {
        if (IsHeaderSafe(name) && IsHeaderSafe(value)) {
            out.insert(name, value);
        } else {
            spdlog::warn("dropped a response header with a control character, request {}", request_id);
        }
    }
    if (!res.content_type.empty() && out.find(bhttp::field::content_type) == out.end()) {
        out.set(bhttp::field::content_type, res.content_type);
    }
    SetDefault(out, "Content-Security-Policy", kContentSecurityPolicy);
    SetDefault(out, "X-Content-Type-Options", "nosniff");
    SetDefault(out, "Referrer-Policy", "no-referrer");
    SetDefault(out, "X-Frame-Options", "DENY");
    if (tls) SetDefault(out, "Strict-Transport-Security", kStrictTransportSecurity);
    out.set("X-Request-Id", request_id);
    out.body() = std::move(res.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    if (head) {  // HEAD: the GET's headers, Content-Length included, without the body
        const auto length = out.body().size();
        out.body().clear();
        out.content_length(length);
    }
    return out;
}

// An error the server answers itself, before or instead of the router; never cached.
Response ServerError(int status, const std::string& code, const std::string& message_ja, const std::string& id) {
    Response res = ErrorResponse(status, code, message_ja, "", id);
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

void LogRequest(std::string_view method, std::string_view target, int status,
                std::chrono::steady_clock::time_point started, const std::string& request_id) {
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("{} {} {} {:.1f}ms id={}", method.empty() ? "-" : method, target.empty() ? "-" : PathForLog(target),
                 status, ms, request_id);
}

void LogFailure(std::exception_ptr e) {
    if (!e) return;
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        spdlog::error("connection failed: {}", ex.what());
    } catch (...) {
        spdlog::error("connection failed");
    }
}

//! The address as text, an IPv4-mapped IPv6 address as plain IPv4.
std::string AddressText(const asio::ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).to_string();
    return a.to_string();
}

std::optional<asio::ip::address> ParseAddress(std::string text) {
    while (!text.empty() && text.front() == ' ') text.erase(0, 1);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    boost::system::error_code ec;
    auto a = asio::ip::make_address(text, ec);
    if (ec) return std::nullopt;
    if (a.is_v6() && a.to_v6().is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
    return a;
}

// Host as it appears in a URL: IPv6 literals need brackets.
std::string UrlHost(const std::string& host) {
    if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]";
    return host;
}

class Server {
public:
    Server(const ServerOptions& options, const Router& router, storage::Database& db, const Settings& settings)
        : options_(options),
          router_(router),
          db_(db),
          settings_(settings),
          ioc_(std::max(1, options.threads)),
          strand_(asio::make_strand(ioc_)),
          acceptor_(strand_),
          signals_(ioc_, SIGINT, SIGTERM) {}

    int Run();

private:
    void SetUpTls();
    void Listen();
    void Stop();
    void RunWorker();
    asio::awaitable<void> AcceptLoop();
    template <class Stream>
    asio::awaitable<void> RunSession(Stream stream, std::shared_ptr<Connection> conn, std::string client_addr);
    template <class Stream>
    asio::awaitable<After> HandleOne(Stream& stream, beast::flat_buffer& buffer, const std::string& client_addr,
                                     bool first);
    template <class Stream>
    asio::awaitable<bool> Write(Stream& stream, Response res, unsigned version, bool keep_alive, const std::string& id,
                                bool head = false);
    //! Runs a password route on the pool; 503 busy at once when the pool is full.
    asio::awaitable<Response> OnPasswordPool(asio::any_io_executor executor, Request& req);
    //! Counts a new connection from `addr`; false when a limit is reached (the caller closes it).
    bool Admit(const std::string& addr);
    void Release(const std::string& addr);
    template <class Stream>
    asio::awaitable<void> Close(Stream& stream, After after);

    const ServerOptions& options_;
    const Router& router_;
    storage::Database& db_;
    const Settings& settings_;
    // Declared before ioc_ so they outlive any coroutine frame the io_context destroys.
    std::mutex mutex_;
    std::unordered_set<std::shared_ptr<Connection>> connections_;
    std::unordered_map<std::string, int> per_address_;  //!< open connections by client address (mutex_)
    int live_ = 0;                                      //!< open connections (mutex_)
    std::chrono::steady_clock::time_point last_refusal_log_{};
    std::optional<asio::ssl::context> tls_;
    asio::io_context ioc_;
    asio::strand<asio::io_context::executor_type> strand_;  //!< acceptor and signal handling
    tcp::acceptor acceptor_;
    asio::signal_set signals_;
    std::atomic<bool> stopping_{false};
    // After ioc_: destroyed (drained and joined) first, while the sessions its tasks refer to still exist.
    WorkPool pool_{options_.password_workers, options_.password_queue};
};

bool Server::Admit(const std::string& addr) {
    std::lock_guard lock(mutex_);
    bool trusted = false;
    for (const auto& cidr : options_.trusted_proxies) trusted = trusted || AddressInCidr(addr, cidr);
    const bool over =
        live_ >= options_.max_connections || (!trusted && per_address_[addr] >= options_.max_connections_per_address);
    if (over) {
        if (per_address_[addr] == 0) per_address_.erase(addr);
        auto now = std::chrono::steady_clock::now();
        if (now - last_refusal_log_ > 10s) {  // at most one line per 10 s under a flood
            last_refusal_log_ = now;
            spdlog::warn("connection limit reached ({} open): closing new connections at once", live_);
        }
        return false;
    }
    ++live_;
    ++per_address_[addr];
    return true;
}

void Server::Release(const std::string& addr) {
    std::lock_guard lock(mutex_);
    --live_;
    if (--per_address_[addr] <= 0) per_address_.erase(addr);
}

void Server::SetUpTls() {
    if (options_.tls_cert.empty() != options_.tls_key.empty()) {
        throw std::runtime_error("a TLS certificate and its key must be given together");
    }
    if (options_.tls_cert.empty()) return;
    tls_.emplace(asio::ssl::context::tls_server);
    tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                      asio::ssl::context::no_compression | asio::ssl::context::single_dh_use);
    SSL_CTX* ctx = tls_->native_handle();
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    // TLS 1.2 limited to forward-secret AEAD suites (Mozilla "intermediate"); TLS 1.3 suites are all fine.
    SSL_CTX_set_cipher_list(ctx, "ECDHE+AESGCM:ECDHE+CHACHA20");
    boost::system::error_code ec;
    tls_->use_certificate_chain_file(options_.tls_cert, ec);
    if (ec) throw std::runtime_error("cannot load TLS certificate " + options_.tls_cert + ": " + ec.message());
    tls_->use_private_key_file(options_.tls_key, asio::ssl::context::pem, ec);
    if (ec) throw std::runtime_error("cannot load TLS key " + options_.tls_key + ": " + ec.message());
}

void Server::Listen() {
    const std::string& host = options_.host;
    if (!tls_ && !options_.insecure_lan && !IsLoopbackHost(host)) {
        throw std::runtime_error("refusing to serve plain HTTP on '" + host +
                                 "', which is not a loopback address: personal data would cross the network "
                                 "unencrypted. Give a TLS certificate and key, or explicitly allow insecure LAN mode.");
    }
    std::string bind_host = host;
    if (bind_host.size() > 2 && bind_host.front() == '[' && bind_host.back() == ']') {
        bind_host = bind_host.substr(1, bind_host.size() - 2);
    }
    boost::system::error_code ec;
    tcp::resolver resolver(ioc_);
    auto results = resolver.resolve(bind_host, std::to_string(options_.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
        throw std::runtime_error("cannot resolve listen address '" + host + "': " + ec.message());
    }
    tcp::endpoint endpoint = results.begin()->endpoint();
    for (const auto& r : results) {
        if (r.endpoint().address().is_v4()) {  // "localhost": prefer 127.0.0.1, which every client tries
            endpoint = r.endpoint();
            break;
        }
    }
    auto fail = [&](const char* step) {
        throw std::runtime_error("cannot listen on " + UrlHost(host) + ":" + std::to_string(options_.port) + " (" +
                                 step + "): " + ec.message());
    };
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) fail("open");
    acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) fail("SO_REUSEADDR");
    acceptor_.bind(endpoint, ec);
    if (ec) fail("bind");
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) fail("listen");
    auto bound = acceptor_.local_endpoint(ec);
    if (ec) fail("local address");

    const char* scheme = tls_ ? "https" : "http";
    spdlog::info("serving {} on {}:{} with {} threads", scheme, bound.address().to_string(), bound.port(),
                 std::max(1, options_.threads));
    std::cout << "listening on " << scheme << "://" << UrlHost(host) << ":" << bound.port() << std::endl;
}

// Runs on strand_, like AcceptLoop, so closing the acceptor does not race with it.
void Server::Stop() {
    if (stopping_.exchange(true)) return;
    spdlog::info("stopping");
    boost::system::error_code ec;
    acceptor_.close(ec);
    signals_.clear(ec);  // restores the default action: a second Ctrl-C ends the process at once
    std::vector<std::shared_ptr<Connection>> live;
    {
        std::lock_guard lock(mutex_);
        live.assign(connections_.begin(), connections_.end());
    }
    for (auto& conn : live) {
        asio::post(conn->executor, [conn] {
            if (conn->tcp != nullptr && conn->phase != Phase::kBusy) conn->tcp->cancel();
        });
    }
}

void Server::RunWorker() {
    for (;;) {
        try {
            ioc_.run();
            return;
        } catch (const std::exception& e) {
            spdlog::error("worker: {}", e.what());
        }
    }
}

int Server::Run() {
    SetUpTls();
    Listen();
    signals_.async_wait(asio::bind_executor(strand_, [this](const boost::system::error_code& ec, int) {
        if (!ec) Stop();
    }));
    asio::co_spawn(strand_, AcceptLoop(), LogFailure);
    std::vector<std::thread> workers;
    for (int i = 1; i < options_.threads; ++i) workers.emplace_back([this] { RunWorker(); });
    RunWorker();
    for (auto& t : workers) t.join();
    // Every request has had its audit batch, but the committer thread may still be destroying the
    // callback that woke it (which holds this io_context's channel): wait, before ioc_ goes.
    db_.group_commit().Drain();
    spdlog::info("stopped");
    return 0;
}

asio::awaitable<void> Server::AcceptLoop() {
    while (!stopping_) {
        tcp::socket socket(asio::make_strand(ioc_));
        auto [ec] = co_await acceptor_.async_accept(socket, kToken);
        if (stopping_) break;
        if (ec) {
            // Out of file descriptors and the like: back off instead of spinning.
            spdlog::warn("accept failed: {}", ec.message());
            asio::steady_timer pause(strand_, 100ms);
            co_await pause.async_wait(kToken);
            continue;
        }
        boost::system::error_code ignored;
        auto remote = socket.remote_endpoint(ignored);
        std::string client_addr = ignored ? std::string() : AddressText(remote.address());
        if (!Admit(client_addr)) {
            socket.close(ignored);  // over a connection limit: closed before any byte is read
            continue;
        }
        socket.set_option(tcp::no_delay(true), ignored);
        auto conn = std::make_shared<Connection>();
        conn->executor = socket.get_executor();
        if (tls_) {
            beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls_);
            asio::co_spawn(conn->executor, RunSession(std::move(stream), conn, std::move(client_addr)), LogFailure);
        } else {
            asio::co_spawn(conn->executor,
                           RunSession(beast::tcp_stream(std::move(socket)), conn, std::move(client_addr)), LogFailure);
        }
    }
}

template <class Stream>
asio::awaitable<void> Server::RunSession(Stream stream, std::shared_ptr<Connection> conn, std::string client_addr) {
    auto& lowest = beast::get_lowest_layer(stream);
    conn->tcp = &lowest;
    {
        std::lock_guard lock(mutex_);
        connections_.insert(conn);
    }
    struct Unregister {
        Server& server;
        std::shared_ptr<Connection>& conn;
        const std::string& addr;
        ~Unregister() {
            conn->tcp = nullptr;
            {
                std::lock_guard lock(server.mutex_);
                server.connections_.erase(conn);
            }
            server.Release(addr);
        }
    } unregister{*this, conn, client_addr};
    if (stopping_) co_return;  // accepted just as the stop began; Stop() may not have seen us

    const auto header_timeout = std::chrono::seconds(options_.header_timeout_seconds);
    if constexpr (kIsTls<Stream>) {
        lowest.expires_after(header_timeout);
        auto [hs_ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kToken);
        if (hs_ec) {
            spdlog::debug("TLS handshake failed: {}", hs_ec.message());
            co_return;
        }
    }
    beast::flat_buffer buffer;
    After after = After::kClose;
    bool first = true;
    while (!stopping_) {
        if (buffer.size() == 0) {
            // Idle between requests: a stop may cancel this read at once. A new connection must
            // send its first request's header within the header timeout; a kept-alive one may idle.
            conn->phase = Phase::kIdle;
            lowest.expires_after(first ? header_timeout : kIdleTimeout);
            auto [read_ec, n] = co_await stream.async_read_some(buffer.prepare(kFirstReadSize), kToken);
            if (read_ec) {
                after = After::kDrop;
                break;
            }
            buffer.commit(n);
        }
        conn->phase = Phase::kBusy;
        after = co_await HandleOne(stream, buffer, client_addr, first);
        first = false;
        if (after != After::kNext) break;
        after = After::kClose;
    }
    conn->phase = Phase::kClosing;
    co_await Close(stream, after);
}

template <class Stream>
asio::awaitable<After> Server::HandleOne(Stream& stream, beast::flat_buffer& buffer, const std::string& client_addr,
                                         bool first) {
    auto started = std::chrono::steady_clock::now();
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(kBodyLimit);
    // The whole header within the header timeout (the first request's clock started at accept).
    if (!first) beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(options_.header_timeout_seconds));
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kToken);
    beast::get_lowest_layer(stream).expires_after(kReadTimeout);
    if (!ec && !parser.is_done()) {
        if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
            auto [cont_ec, cont_n] = co_await bhttp::async_write(stream, go_on, kToken);
            if (cont_ec) co_return After::kDrop;
        }
        auto [body_ec, body_n] = co_await bhttp::async_read(stream, buffer, parser, kToken);
        ec = body_ec;
    }
    if (ec) {
        bool too_large = ec == bhttp::error::body_limit;
        bool malformed = ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
        if (!too_large && !malformed) co_return After::kDrop;  // timeout, reset, client gave up
        std::string id = NewRequestId();
        Response res = too_large ? ServerError(413, "payload_too_large", "リクエストが大きすぎます。", id)
                                 : ServerError(400, "bad_request", "リクエストの形式が正しくありません。", id);
        // A Content-Length over the limit fails inside the header, after the request line was read.
        std::string method = ToStd(parser.get().method_string());
        std::string target = ToStd(parser.get().target());
        int status = res.status;
        bool written = co_await Write(stream, std::move(res), 11, false, id);
        LogRequest(method, target, status, started, id);
        co_return written ? After::kLingerClose : After::kDrop;
    }

    auto msg = parser.release();
    Request req;
    req.method = ToStd(msg.method_string());
    req.target = ToStd(msg.target());
    for (const auto& field : msg) {
        std::string name = LowerAscii(ToStd(field.name_string()));
        std::string value = ToStd(field.value());
        auto [it, inserted] = req.headers.emplace(name, value);
        if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + value;
    }
    // Always the server's own id: a client-chosen one could collide with another request's in the audit log.
    req.request_id = NewRequestId();
    req.body = std::move(msg.body());
    req.client_addr = ClientAddress(client_addr, req.Header("x-forwarded-for"), options_.trusted_proxies);
    req.secure = kIsTls<Stream>;
    const bool head = req.method == "HEAD";

    Response res;
    if (auto parsed = ParseTarget(req.target)) {
        req.path = std::move(parsed->path);
        req.query = std::move(parsed->query);
        try {
            if (NeedsPasswordPool(req)) {
                res = co_await OnPasswordPool(stream.get_executor(), req);
            } else {
                res = router_.DispatchDeferred(req, db_, settings_);
            }
        } catch (const std::exception& e) {  // Dispatch promises not to throw; keep the connection alive anyway
            spdlog::error("dispatch threw, request {}: {}", req.request_id, e.what());
            res = ServerError(500, "internal", "サーバーでエラーが発生しました。", req.request_id);
        }
    } else {
        res = ServerError(400, "bad_request", "リクエストの形式が正しくありません。", req.request_id);
    }
    if (res.after_durable) {
        // The response carries personal data whose audit rows are being committed in a batch:
        // wait for that (without holding this thread) before anything leaves.
        auto committed = std::make_shared<DurableChannel>(stream.get_executor(), 1);
        auto after = std::move(res.after_durable);
        res.after_durable = nullptr;
        after([committed](bool ok) { committed->try_send(boost::system::error_code{}, ok); });
        auto [wait_ec, ok] = co_await committed->async_receive(kToken);
        if (wait_ec || !ok) {
            res = ServerError(503, "busy", "混み合っています。少し待ってからもう一度お試しください。", req.request_id);
            res.headers.emplace_back("Retry-After", "1");
        }
    }
    bool keep_alive = msg.keep_alive() && !stopping_;
    int status = res.status;
    bool written = co_await Write(stream, std::move(res), msg.version(), keep_alive, req.request_id, head);
    LogRequest(req.method, req.target, status, started, req.request_id);
    if (!written) co_return After::kDrop;
    co_return keep_alive ? After::kNext : After::kClose;
}

template <class Stream>
asio::awaitable<bool> Server::Write(Stream& stream, Response res, unsigned version, bool keep_alive,
                                    const std::string& id, bool head) {
    auto out = ToWire(std::move(res), version, keep_alive, id, kIsTls<Stream>, head);
    beast::get_lowest_layer(stream).expires_after(kWriteTimeout);
    auto [ec, n] = co_await bhttp::async_write(stream, out, kToken);
    co_return !ec;
}

asio::awaitable<Response> Server::OnPasswordPool(asio::any_io_executor executor, Request& req) {
    auto done = std::make_shared<ResponseChannel>(executor, 1);
    const bool queued = pool_.TrySubmit([this, &req, done] {
        Response r;
        try {
            r = router_.DispatchDeferred(req, db_, settings_);
        } catch (const std::exception& e) {
            spdlog::error("dispatch threw, request {}: {}", req.request_id, e.what());
            r = ServerError(500, "internal", "サーバーでエラーが発生しました。", req.request_id);
        }
        done->try_send(boost::system::error_code{}, std::move(r));
    });
    if (!queued) {
        // Every password worker is busy and the queue is full: say so now rather than queue forever.
        Response busy =
            ServerError(503, "busy", "混み合っています。少し待ってからもう一度お試しください。", req.request_id);
        busy.headers.emplace_back("Retry-After", "2");
        co_return busy;
    }
    auto [ec, r] = co_await done->async_receive(kToken);
    if (ec)
        co_return ServerError(503, "busy", "混み合っています。少し待ってからもう一度お試しください。", req.request_id);
    co_return std::move(r);
}

template <class Stream>
asio::awaitable<void> Server::Close(Stream& stream, After after) {
    auto& lowest = beast::get_lowest_layer(stream);
    boost::system::error_code ignored;
    if (after == After::kLingerClose) {
        // The client may still be sending the body we refused. Closing with unread data would
        // send a reset that can destroy our error response in flight, so drain for a moment.
        lowest.socket().shutdown(tcp::socket::shutdown_send, ignored);
        lowest.expires_after(kLingerTimeout);
        std::array<char, 16384> sink;
        for (;;) {
            auto [ec, n] = co_await lowest.async_read_some(asio::buffer(sink), kToken);
            if (ec) break;
        }
    } else if (after == After::kClose) {
        if constexpr (kIsTls<Stream>) {
            lowest.expires_after(kTlsShutdownTimeout);
            auto [ec] = co_await stream.async_shutdown(kToken);
        }
        lowest.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
    lowest.close();
}

}  // namespace

bool AddressInCidr(const std::string& addr, const std::string& cidr) {
    const auto slash = cidr.find('/');
    const auto a = ParseAddress(addr);
    const auto net = ParseAddress(cidr.substr(0, slash));
    if (!a || !net || a->is_v4() != net->is_v4()) return false;
    const int bits = a->is_v4() ? 32 : 128;
    int prefix = bits;
    if (slash != std::string::npos) {
        const std::string p = cidr.substr(slash + 1);
        if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos) return false;
        prefix = std::stoi(p);
        if (prefix > bits) return false;
    }
    std::vector<unsigned char> x, y;
    if (a->is_v4()) {
        auto bx = a->to_v4().to_bytes(), by = net->to_v4().to_bytes();
        x.assign(bx.begin(), bx.end());
        y.assign(by.begin(), by.end());
    } else {
        auto bx = a->to_v6().to_bytes(), by = net->to_v6().to_bytes();
        x.assign(bx.begin(), bx.end());
        y.assign(by.begin(), by.end());
    }
    for (int i = 0; i < prefix; ++i) {
        const int mask = 0x80 >> (i % 8);
        if ((x[i / 8] & mask) != (y[i / 8] & mask)) return false;
    }
    return true;
}

std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
    auto trusted = [&](const std::string& addr) {
        for (const auto& cidr : trusted_proxies)
            if (AddressInCidr(addr, cidr)) return true;
        return false;
    };
    if (forwarded_for.empty() || !trusted(peer)) return peer;
    // Walk from the right: each trusted proxy appended the address it saw; the first untrusted
    // one is the client. Anything unparsable ends the walk at the last address known good.
    std::string client = peer;
    std::size_t end = forwarded_for.size();
    while (end > 0) {
        const std::size_t comma = forwarded_for.rfind(',', end - 1);
        const std::size_t begin = comma == std::string::npos ? 0 : comma + 1;
        const auto a = ParseAddress(forwarded_for.substr(begin, end - begin));
        if (!a) break;
        client = AddressText(*a);
        if (!trusted(client)) break;
        if (comma == std::string::npos) break;
        end = comma;
    }
    return client;
}

int Serve(const ServerOptions& options, const Router& router, storage::Database& db, const Settings& settings) {
    Server server(options, router, db, settings);
    return server.Run();
}

}  // namespace tsunagu::http
