// The floor for `make bench`: a minimal Boost.Beast HTTP server answering one SQLite point lookup
// per request (GET /p/<id> → the person's name, kana and birth date) on the same database as
// tsunagu. What the hardware allows for "a request that reads one row"; deliberately untuned.
//
//   floor DB_PATH [THREADS]   prints "listening on http://127.0.0.1:PORT", serves until killed
#include <sqlite3.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string g_path;
constexpr const char* kLookup = "SELECT name, kana, birth_date FROM persons WHERE id = ?";

//! One read-only connection and prepared statement per thread.
struct Lookup {
    sqlite3* db = nullptr;
    sqlite3_stmt* stmt = nullptr;
    Lookup() {
        sqlite3_open_v2(g_path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
        sqlite3_prepare_v2(db, kLookup, -1, &stmt, nullptr);
    }
    ~Lookup() {
        sqlite3_finalize(stmt);
        sqlite3_close(db);
    }
    bool Find(long long id, std::string& out) {
        sqlite3_bind_int64(stmt, 1, id);
        const bool found = sqlite3_step(stmt) == SQLITE_ROW;
        if (found) {
            out = std::string("{\"name\":\"") + reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)) +
                  "\",\"kana\":\"" + reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)) +
                  "\",\"birth_date\":\"" + reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2)) + "\"}";
        }
        sqlite3_reset(stmt);
        return found;
    }
};

class Session : public std::enable_shared_from_this<Session> {
public:
    explicit Session(tcp::socket s) : stream_(std::move(s)) {}
    void Start() { Read(); }

private:
    void Read() {
        req_ = {};
        http::async_read(stream_, buf_, req_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return;
            self->Handle();
        });
    }
    void Handle() {
        thread_local Lookup lookup;
        auto res = std::make_shared<http::response<http::string_body>>();
        res->version(req_.version());
        res->keep_alive(req_.keep_alive());
        res->set(http::field::content_type, "application/json");
        const std::string target(req_.target());
        std::string body;
        const long long id = target.rfind("/p/", 0) == 0 ? std::atoll(target.c_str() + 3) : 0;
        if (id > 0 && lookup.Find(id, body)) {
            res->result(http::status::ok);
            res->body() = std::move(body);
        } else {
            res->result(http::status::not_found);
        }
        res->prepare_payload();
        http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
            if (ec || !res->keep_alive()) return;
            self->Read();
        });
    }
    beast::tcp_stream stream_;
    beast::flat_buffer buf_;
    http::request<http::string_body> req_;
};

void Accept(tcp::acceptor& a) {
    a.async_accept([&a](beast::error_code ec, tcp::socket s) {
        if (!ec) std::make_shared<Session>(std::move(s))->Start();
        Accept(a);
    });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: floor DB_PATH [THREADS]\n";
        return 2;
    }
    g_path = argv[1];
    const int threads = argc > 2 ? std::atoi(argv[2]) : static_cast<int>(std::thread::hardware_concurrency());
    asio::io_context io(threads);
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    Accept(acceptor);
    std::cout << "listening on http://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : pool) t.join();
    return 0;
}
