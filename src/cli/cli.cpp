#include "cli/cli.hpp"

#include <fcntl.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <stop_token>
#include <thread>

#include "audit/audit.hpp"
#include "auth/session.hpp"
#include "caseload/caseload.hpp"
#include "cli/backup.hpp"
#include "crypto/crypto.hpp"
#include "demo/demo.hpp"
#include "generate/generate.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "http/server.hpp"
#include "storage/idle_memory.hpp"
#include "storage/migrate.hpp"
#include "storage/schema_check.hpp"
#include "user/user.hpp"

namespace tsunagu::cli {

namespace fs = std::filesystem;

namespace {

struct Options {
    std::string data = "./var";
    std::string db_url;  // postgresql://... for a regional server; default SQLite in --data
    std::string listen = "127.0.0.1:8080";
    std::string tls_cert, tls_key;
    bool insecure_lan = false;
    bool trust_proxy_tls = false;
    int threads = 4;
    int busy_timeout_ms = 5000;
    long long idle_seconds = 30LL * 60;
    long long absolute_seconds = 12LL * 3600;
    int address_failure_limit = 100;
    std::string name, login, role, out, from, host;
    long long office = 0;
    long long region = 0;  //!< user add --role region --region RID (issue 14)
    bool encrypt = false;
    http::ServerOptions limits;  // --max-connections, --trusted-proxy, ... (issue #13)
    std::string audit_key;       // the audit chain's key file; default DATA/keys/audit.key
    std::string heads;           // audit verify --heads FILE
    bool allow_schema_drift = false;
};

std::string DbPath(const Options& o) { return (fs::path(o.data) / "tsunagu.db").string(); }
//! The audit chain's HMAC key: outside the database (for PostgreSQL, on the application host).
std::string KeyPath(const Options& o) {
    return o.audit_key.empty() ? (fs::path(o.data) / "keys" / "audit.key").string() : o.audit_key;
}
//! Where the server anchors the chain's head every hour and on shutdown.
std::string HeadsPath(const Options& o) { return (fs::path(o.data) / "audit-heads.log").string(); }

//! Where the data is, for messages. Never the PostgreSQL URL: it may carry a password.
std::string Where(const Options& o) { return o.db_url.empty() ? o.data : "the PostgreSQL database"; }

//! backup/restore copy SQLite files; a PostgreSQL server has its own tools, which also work live.
constexpr const char* kUsePgTools =
    "backup and restore work on the SQLite file of --data; with --db postgresql://... use pg_dump and "
    "pg_restore (see docs/operations.md, PostgreSQL)";

std::unique_ptr<storage::Database> Open(const Options& o, std::size_t pool = 2) {
    if (!o.db_url.empty()) return std::make_unique<storage::Database>(o.db_url, pool);
    fs::create_directories(o.data);
    fs::permissions(o.data, fs::perms::owner_all, fs::perm_options::replace);
    return std::make_unique<storage::Database>(DbPath(o), pool);
}

std::unique_ptr<storage::Database> OpenMigrated(const Options& o, std::size_t pool = 2) {
    auto db = Open(o, pool);
    storage::Migrate(*db);
    audit::OpenKeys(*db, KeyPath(o), true);  // created on first use (init, demo, first start)
    caseload::EnsureFacts(*db);              // derived per-person facts follow this binary's rules
    return db;
}

//! Reads one line from standard input (never argv) into `into`, without echo on a terminal.
void ReadSecret(const char* prompt, std::string& into) {
    const bool tty = isatty(STDIN_FILENO);
    termios old{};
    if (tty) {
        std::cerr << prompt << std::flush;
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::getline(std::cin, into);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::cerr << "\n";
    }
}

//! A user's password from standard input.
std::string ReadPassword() {
    std::string pw;
    ReadSecret("password: ", pw);
    return pw;
}

//! The passphrase of an existing backup from standard input.
void ReadPassphrase(Passphrase& pass) { ReadSecret("backup passphrase: ", pass.text); }

//! The passphrase for a new backup, asked twice on a terminal because a mistyped one would make the
//! backup unreadable. False (with a message) when it is too short or the two differ.
bool ReadNewPassphrase(Passphrase& pass) {
    ReadPassphrase(pass);
    if (auto problem = PassphraseProblem(pass.text); !problem.empty()) {
        std::cerr << "error: " << problem << "\n";
        return false;
    }
    if (isatty(STDIN_FILENO)) {
        Passphrase again;
        ReadSecret("repeat passphrase: ", again.text);
        if (again.text != pass.text) {
            std::cerr << "error: the passphrases differ\n";
            return false;
        }
    }
    return true;
}

//! An exclusive lock on the data folder while the server runs, so restore cannot swap the file under it.
int LockData(const Options& o, bool wait) {
    const std::string path = (fs::path(o.data) / "tsunagu.lock").string();
    const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + path);
    if (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
        ::close(fd);
        throw std::runtime_error("the server is running on " + o.data + ": stop it first");
    }
    return fd;
}

//! The chain and the schema (#13): a broken chain, or a trigger or audit table that differs from
//! the migrations, refuses to serve unless --allow-schema-drift, which is itself audited.
bool CheckIntegrity(storage::Database& db, const Options& o) {
    std::vector<std::string> problems;
    std::vector<storage::SchemaDrift> drift;
    try {
        drift = storage::CheckSchema(db);
    } catch (const std::exception& e) {
        // The expected schema could not be built (e.g. no right to create a scratch schema on
        // PostgreSQL): said loudly, but not a reason to stay down.
        spdlog::error("schema check could not run: {}", e.what());
    }
    for (const storage::SchemaDrift& d : drift) {
        if (d.serious) {
            problems.push_back("schema: " + d.Describe());
        } else {
            spdlog::warn("schema differs from the migrations: {}", d.Describe());
        }
    }
    const audit::VerifyResult r = audit::Verify(db);
    if (!r.ok)
        problems.push_back(
            audit::Describe(r) +
            (r.counts_differ ? " (once the cause is known, `tsunagu audit recount` counts them again)" : ""));
    if (problems.empty()) return true;
    for (const std::string& p : problems) spdlog::error("{}", p);
    if (!o.allow_schema_drift) {
        std::cerr << "error: refusing to serve: the database was changed outside tsunagu (" << problems.front()
                  << (problems.size() > 1 ? ", …" : "")
                  << "). Restore a verified backup, or start with --allow-schema-drift in an emergency "
                     "(recorded in the audit log).\n";
        return false;
    }
    spdlog::warn("--allow-schema-drift: serving despite {} problem(s)", problems.size());
    storage::Tx tx(db);
    audit::Append(tx, {0, 0, "allow_schema_drift", "database", "", 0, "cli", "local", "drift"});
    tx.Commit();
    return true;
}

int Serve(const Options& o) {
    http::ServerOptions so;
    const auto colon = o.listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
    so.host = o.listen.substr(0, colon);
    if (so.host.size() > 2 && so.host.front() == '[') so.host = so.host.substr(1, so.host.size() - 2);
    so.port = static_cast<unsigned short>(std::stoi(o.listen.substr(colon + 1)));
    so.tls_cert = o.tls_cert;
    so.tls_key = o.tls_key;
    so.insecure_lan = o.insecure_lan;
    so.threads = o.threads;
    so.max_connections = o.limits.max_connections;
    so.max_connections_per_address = o.limits.max_connections_per_address;
    so.header_timeout_seconds = o.limits.header_timeout_seconds;
    so.password_workers = o.limits.password_workers;
    so.password_queue = o.limits.password_queue;
    so.trusted_proxies = o.limits.trusted_proxies;
    for (const auto& cidr : so.trusted_proxies)
        if (!http::AddressInCidr(cidr.substr(0, cidr.find('/')), cidr))
            throw std::runtime_error("--trusted-proxy: not an address or CIDR: " + cidr);
    http::Settings settings;
    settings.secure_cookies = !o.tls_cert.empty() || o.trust_proxy_tls;
    settings.session_idle_seconds = o.idle_seconds;
    settings.session_absolute_seconds = o.absolute_seconds;
    settings.address_failure_limit = o.address_failure_limit;
    if (o.db_url.empty()) fs::create_directories(o.data);
    const int lock = o.db_url.empty() ? LockData(o, false) : -1;
    auto db = OpenMigrated(o, static_cast<std::size_t>(o.threads) + 2);
    if (!CheckIntegrity(*db, o)) return 1;
    if (std::getenv("TSUNAGU_TIME_OFFSET"))
        spdlog::warn("TSUNAGU_TIME_OFFSET is set: dates are moved (for tests only), now {}", storage::NowIso());
    db->set_busy_timeout(std::chrono::milliseconds(o.busy_timeout_ms));
    crypto::DummyHash();  // computed once now, not on the first failed login
    // The start-up's reads (migrations, the schema check, the chain's verification, the facts) filled
    // the sessions' page caches: given back before serving, so an idle server starts small.
    storage::ReleaseIdleMemory(*db);
    http::Router router(http::ApiRoutes());
    // Every half minute: the page caches of idle sessions are freed (memory returns near idle after
    // heavy views). Once an hour: alert facts whose window has ended are dropped (the views never
    // scan them), and the chain's head is anchored outside the database.
    std::mutex upkeep_mutex;
    std::condition_variable_any upkeep_wake;
    std::jthread upkeep([&](std::stop_token stop) {
        auto hourly = std::chrono::steady_clock::now() + std::chrono::hours(1);
        while (!stop.stop_requested()) {
            std::unique_lock lock(upkeep_mutex);
            upkeep_wake.wait_for(lock, stop, std::chrono::seconds(30), [] { return false; });
            if (stop.stop_requested()) return;
            storage::ReleaseIdleMemory(*db);
            if (std::chrono::steady_clock::now() < hourly) continue;
            hourly += std::chrono::hours(1);
            try {
                caseload::EnsureFacts(*db);
            } catch (const std::exception& e) {
                spdlog::warn("hourly upkeep failed: {}", e.what());
            }
            audit::AppendHead(*db, HeadsPath(o));
        }
    });
    const int rc = http::Serve(so, router, *db, settings);
    upkeep.request_stop();
    upkeep.join();
    audit::AppendHead(*db, HeadsPath(o));
    db.reset();
    if (lock >= 0) ::close(lock);
    return rc;
}

}  // namespace

int Run(int argc, char** argv) {
    // Every file tsunagu writes (database, WAL, backups, certificates) is for its owner only.
    ::umask(077);
    crypto::Init();
    caseload::InstallFactsHook();
    http::InstallStrictInput();
    const char* cost_env = std::getenv("TSUNAGU_PWHASH");
    const auto pw_cost =
        cost_env && std::string(cost_env) == "interactive" ? crypto::PwCost::kInteractive : crypto::PwCost::kModerate;
    crypto::SetPasswordCost(pw_cost);
    // Logs go to standard error; standard output carries only what a command answers (an id,
    // the listening address), so scripts can read it.
    spdlog::set_default_logger(spdlog::stderr_color_mt("tsunagu"));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

    Options o;
    CLI::App app{"tsunagu — 相談支援のケース管理 / case management for consultation support"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "tsunagu 0.1.0");
    auto data = [&](CLI::App* c) {
        c->add_option("--data", o.data, "data folder (SQLite database)")->capture_default_str();
        c->add_option("--db", o.db_url, "PostgreSQL URL instead of SQLite (postgresql://...)");
        c->add_option("--audit-key", o.audit_key, "the audit chain's key file (default DATA/keys/audit.key)");
    };
    auto* init = app.add_subcommand("init", "create or migrate the database");
    auto* migrate = app.add_subcommand("migrate", "apply pending migrations");
    auto* serve = app.add_subcommand("serve", "serve the web UI and API");
    serve->add_option("--listen", o.listen, "HOST:PORT")->capture_default_str();
    serve->add_option("--tls-cert", o.tls_cert, "PEM certificate: serve HTTPS")->check(CLI::ExistingFile);
    serve->add_option("--tls-key", o.tls_key, "PEM private key")->check(CLI::ExistingFile);
    serve->add_flag("--insecure-lan", o.insecure_lan, "allow plain HTTP on a non-loopback address");
    serve->add_flag("--behind-tls-proxy", o.trust_proxy_tls, "mark cookies Secure (a TLS proxy is in front)");
    serve->add_option("--threads", o.threads, "worker threads")->check(CLI::Range(1, 64))->capture_default_str();
    serve
        ->add_option("--busy-timeout-ms", o.busy_timeout_ms,
                     "how long a request waits for the database writer before 503 busy")
        ->check(CLI::Range(50, 60000))
        ->capture_default_str();
    serve->add_option("--session-idle-seconds", o.idle_seconds, "idle timeout")->check(CLI::Range(1, 86400));
    serve
        ->add_option("--login-failures-per-address", o.address_failure_limit,
                     "failed logins from one client address within 15 min before 429")
        ->check(CLI::Range(1, 100000));
    serve->add_option("--session-absolute-seconds", o.absolute_seconds, "absolute timeout")
        ->check(CLI::Range(1, 604800));
    // Availability under abuse (issue #13; docs/operations.md).
    serve->add_option("--max-connections", o.limits.max_connections, "open connections in all; more are closed at once")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    serve
        ->add_option("--max-connections-per-address", o.limits.max_connections_per_address,
                     "open connections from one client address (a trusted proxy is exempt)")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    serve
        ->add_option("--header-timeout-seconds", o.limits.header_timeout_seconds,
                     "a request's header must arrive within this many seconds")
        ->check(CLI::Range(1, 300))
        ->capture_default_str();
    serve->add_option("--password-workers", o.limits.password_workers, "threads hashing passwords (Argon2id)")
        ->check(CLI::Range(1, 8))
        ->capture_default_str();
    serve
        ->add_option("--password-queue", o.limits.password_queue,
                     "sign-ins waiting for a password worker; beyond that 503 busy at once")
        ->check(CLI::Range(0, 1000))
        ->capture_default_str();
    serve->add_option("--trusted-proxy", o.limits.trusted_proxies,
                      "CIDR of a reverse proxy whose X-Forwarded-For is believed (repeatable)");
    serve->add_flag("--allow-schema-drift", o.allow_schema_drift,
                    "serve although the schema or the audit chain fails its check (emergency; audited)");
    auto* demo = app.add_subcommand("demo", "init + a demo office (idempotent)");
    auto* office = app.add_subcommand("office", "offices");
    office->require_subcommand(1);
    auto* office_add = office->add_subcommand("add", "create an office; prints its id");
    office_add->add_option("--name", o.name, "office name")->required();
    auto* user = app.add_subcommand("user", "users");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "create a user; password from standard input");
    user_add->add_option("--office", o.office, "office id (every role but region)");
    user_add->add_option("--region", o.region, "region id (role region)");
    user_add->add_option("--login", o.login, "login")->required();
    user_add->add_option("--name", o.name, "name")->required();
    user_add->add_option("--role", o.role, "specialist|chief|admin|region")
        ->required()
        ->check(CLI::IsMember({"specialist", "chief", "admin", "region"}));
    auto* backup = app.add_subcommand("backup", "consistent copy of the database, also while serving");
    backup->add_option("--out", o.out, "backup file")->required();
    backup->add_flag("--encrypt", o.encrypt,
                     "encrypt with a passphrase read from standard input (at least 12 characters)");
    auto* restore = app.add_subcommand("restore", "replace the database with a backup (server stopped)");
    restore->add_option("--from", o.from, "backup file (encrypted: passphrase from standard input)")->required();
    auto* verify_backup = app.add_subcommand(
        "verify-backup", "restore a backup into a temporary file in --data and check it; the live data is untouched");
    verify_backup->add_option("--from", o.from, "backup file (encrypted: passphrase from standard input)")->required();
    auto* audit_cmd = app.add_subcommand("audit", "audit log");
    audit_cmd->require_subcommand(1);
    auto* verify = audit_cmd->add_subcommand("verify", "check the hash chain and the schema; exit 0 when intact");
    verify->add_option("--heads", o.heads, "also check the heads recorded in FILE (audit-heads.log): truncation");
    auto* head_cmd = audit_cmd->add_subcommand("head", "print the chain's head: rows, last_id, last_hash, at");
    auto* rotate = audit_cmd->add_subcommand("rotate-key", "add a new audit key; new rows use it after a restart");
    auto* recount = audit_cmd->add_subcommand(
        "recount", "count every office's audit rows again (after `audit verify` found them differ; server stopped)");
    auto* cert = app.add_subcommand("cert", "make a self-signed TLS certificate for a small office");
    cert->add_option("--host", o.host, "host name or IP the office uses")->required();
    cert->add_option("--out", o.out, "folder for cert.pem and key.pem (default DATA/tls)");
    generate::Options gen;
    auto* gen_cmd = generate::AddCommand(app, gen);
    for (CLI::App* c : {init, migrate, serve, demo, office_add, user_add, backup, restore, verify_backup, verify,
                        head_cmd, rotate, recount, cert, gen_cmd})
        data(c);

    CLI11_PARSE(app, argc, argv);

    try {
        if (init->parsed() || migrate->parsed()) {
            auto db = Open(o);
            const int n = storage::Migrate(*db);
            audit::OpenKeys(*db, KeyPath(o), true);
            caseload::EnsureFacts(*db);
            std::cout << "schema version " << storage::DatabaseSchemaVersion(*db) << " (" << n << " applied)\n";
            return 0;
        }
        if (serve->parsed()) return Serve(o);
        if (gen_cmd->parsed()) {
            if (!fs::exists(KeyPath(o))) audit::AddKey(KeyPath(o));  // generate writes a new database only
            audit::UseKeys(audit::LoadKeyFile(KeyPath(o)));
            return generate::RunCommand(gen, o.data, o.db_url);
        }
        if (demo->parsed()) {
            auto db = OpenMigrated(o);
            const bool created = demo::Seed(*db);
            std::cout << (created ? "demo office created" : "demo office already present") << " in " << Where(o)
                      << "\ndemo logins:\n"
                      << demo::LoginsText();
            return 0;
        }
        if (office_add->parsed()) {
            auto db = OpenMigrated(o);
            storage::Tx tx(*db);
            const long long id = user::CreateOffice(tx, o.name);
            audit::Append(tx, {id, 0, "create", "office", std::to_string(id), 0, "cli", "local", "ok"});
            tx.Commit();
            std::cout << id << "\n";
            return 0;
        }
        if (user_add->parsed()) {
            const std::string pw = ReadPassword();
            if (auto problem = auth::PasswordProblem(pw, o.login); !problem.empty()) {
                std::cerr << "error: " << problem << "\n";
                return 2;
            }
            auto db = OpenMigrated(o);
            user::User u;
            u.office_id = o.office;
            u.login = o.login;
            u.name = o.name;
            auth::ParseRole(o.role, u.role);
            u.password_hash = crypto::HashPassword(pw);
            storage::Tx tx(*db);
            if (u.role == auth::Role::kRegion) {
                u.region_id = o.region;
                u.office_id = o.office = user::RegionHomeOffice(tx, o.region);
                if (u.office_id == 0) {
                    std::cerr << "error: no region " << o.region << " with an office\n";
                    return 2;
                }
            }
            if (!user::OfficeExists(tx, o.office)) {
                std::cerr << "error: no office " << o.office << "\n";
                return 2;
            }
            const long long id = user::CreateUser(tx, u);
            audit::Append(tx, {o.office, 0, "create", "user", std::to_string(id), 0, "cli", "local", "ok"});
            tx.Commit();
            std::cout << id << "\n";
            return 0;
        }
        if ((backup->parsed() || restore->parsed() || verify_backup->parsed()) && !o.db_url.empty()) {
            std::cerr << "error: " << kUsePgTools << "\n";
            return 2;
        }
        if (backup->parsed() && !o.encrypt) {
            BackupSqlite(DbPath(o), o.out);
            std::cerr << "note: this backup is not encrypted and holds 要配慮個人情報; consider --encrypt\n";
            std::cout << "backup written to " << o.out << "\n";
            return 0;
        }
        if (backup->parsed()) {
            Passphrase pass;
            if (!ReadNewPassphrase(pass)) return 2;
            BackupSqliteEncrypted(DbPath(o), o.out, pass.text, BackupKdfLimits(pw_cost));
            std::cout << "encrypted backup written to " << o.out << "\n";
            return 0;
        }
        if (restore->parsed()) {
            fs::create_directories(o.data);
            const int lock = LockData(o, false);
            fs::permissions(o.data, fs::perms::owner_all, fs::perm_options::replace);
            Passphrase pass;
            if (IsEncryptedBackup(o.from)) ReadPassphrase(pass);
            // The backup is checked before it replaces anything: a broken chain or a tampered schema refuses.
            if (fs::exists(KeyPath(o))) audit::UseKeys(audit::LoadKeyFile(KeyPath(o)));
            try {
                VerifyBackup(o.from, o.data, pass.text);
            } catch (const BackupDecryptError&) {
                throw;
            } catch (const std::exception& e) {
                ::close(lock);
                std::cerr << "error: refusing to restore " << o.from << ": " << e.what() << "\n";
                return 1;
            }
            if (IsEncryptedBackup(o.from)) {
                RestoreSqliteEncrypted(o.from, DbPath(o), pass.text);
            } else {
                RestoreSqlite(o.from, DbPath(o));
            }
            // Into a new data folder: the key given with --audit-key becomes the folder's own.
            const fs::path own = fs::path(o.data) / "keys" / "audit.key";
            if (!o.audit_key.empty() && !fs::exists(own) && fs::exists(o.audit_key)) {
                fs::create_directories(own.parent_path());
                fs::permissions(own.parent_path(), fs::perms::owner_all, fs::perm_options::replace);
                fs::copy_file(o.audit_key, own);
                fs::permissions(own, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
            }
            {
                // Sessions in the backup were ended since; none survives a restore. The restore itself is audited.
                auto db = OpenMigrated(o);
                storage::Tx tx(*db);
                auth::EndAllSessions(tx);
                audit::Append(tx, {0, 0, "restore", "database", "", 0, "cli", "local", "ok"});
                tx.Commit();
            }
            ::close(lock);
            std::cout << "restored " << o.from << " into " << DbPath(o) << "\n";
            return 0;
        }
        if (verify_backup->parsed()) {
            Passphrase pass;
            if (IsEncryptedBackup(o.from)) ReadPassphrase(pass);
            fs::create_directories(o.data);
            fs::permissions(o.data, fs::perms::owner_all, fs::perm_options::replace);
            if (fs::exists(KeyPath(o))) audit::UseKeys(audit::LoadKeyFile(KeyPath(o)));
            const BackupSummary s = VerifyBackup(o.from, o.data, pass.text);
            std::cout << "schema version " << s.schema_version << ", audit log " << s.audit_rows << " rows: ok\n";
            return 0;
        }
        if (verify->parsed()) {
            auto db = Open(o);
            audit::OpenKeys(*db, KeyPath(o), false);
            int rc = 0;
            const audit::VerifyResult r = audit::Verify(*db);
            std::cout << audit::Describe(r) << "\n";
            if (!r.ok) rc = 1;
            for (const storage::SchemaDrift& d : storage::CheckSchema(*db)) {
                std::cout << (d.serious ? "schema drift: " : "schema note: ") << d.Describe() << "\n";
                if (d.serious) rc = 1;
            }
            if (!o.heads.empty()) {
                const audit::VerifyResult h = audit::VerifyHeads(*db, o.heads);
                if (h.ok) {
                    std::cout << "heads in " << o.heads << " match\n";
                } else {
                    std::cout << "truncation or rewrite: " << h.reason << "\n";
                    rc = 1;
                }
            }
            return rc;
        }
        if (head_cmd->parsed()) {
            auto db = Open(o);
            storage::Tx tx(*db, storage::Tx::Mode::kRead);
            std::cout << audit::HeadJsonLine(audit::ReadHead(tx)) << "\n";
            return 0;
        }
        if (rotate->parsed()) {
            auto db = OpenMigrated(o);
            const long long id = audit::AddKey(KeyPath(o));
            audit::UseKeys(audit::LoadKeyFile(KeyPath(o)));
            storage::Tx tx(*db);
            audit::Append(tx, {0, 0, "rotate_key", "audit_key", std::to_string(id), 0, "cli", "local", "ok"});
            tx.Commit();
            std::cout << "audit key " << id << " added to " << KeyPath(o)
                      << "; a running server uses it after its next start\n";
            return 0;
        }
        if (recount->parsed()) {
            auto db = OpenMigrated(o);
            storage::Tx tx(*db);
            audit::RecountOfficeRows(tx);
            tx.Commit();
            std::cout << "audit row counts recounted from the log\n";
            return 0;
        }
        if (cert->parsed()) {
            const fs::path dir = o.out.empty() ? fs::path(o.data) / "tls" : fs::path(o.out);
            fs::create_directories(dir);
            http::MakeSelfSignedCert(o.host, (dir / "cert.pem").string(), (dir / "key.pem").string());
            std::cout << "wrote " << (dir / "cert.pem").string() << " and " << (dir / "key.pem").string() << "\n";
            return 0;
        }
    } catch (const http::ApiError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace tsunagu::cli
