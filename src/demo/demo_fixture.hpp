#pragma once
// For tests: a migrated database with a keyed audit chain, the facts hook and the demo office, in
// a folder of its own under the temp directory, removed with it. The tests that hold SQL views to
// the pure rules (caseload, search) share it.
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "audit/audit.hpp"
#include "caseload/caseload.hpp"
#include "demo/demo.hpp"
#include "storage/database.hpp"
#include "storage/migrate.hpp"

namespace tsunagu::demo {

class DemoDatabase {
public:
    //! `name` tells the folders of different test binaries apart; `connections` is the pool size.
    explicit DemoDatabase(const std::string& name, int connections = 2)
        : dir_(std::filesystem::temp_directory_path() / ("tsunagu-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(dir_);
        db_ = std::make_unique<storage::Database>((dir_ / "t.db").string(), connections);
        storage::Migrate(*db_);
        audit::OpenKeys(*db_, (dir_ / "keys" / "audit.key").string(), true);  // the chain is keyed (#13)
        caseload::InstallFactsHook();
        if (!Seed(*db_)) throw std::runtime_error("the demo office was not seeded");
        storage::Tx tx(*db_, storage::Tx::Mode::kRead);
        tx.sql() << "SELECT id FROM offices ORDER BY id LIMIT 1", soci::into(office_);
    }
    ~DemoDatabase() {
        db_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    DemoDatabase(const DemoDatabase&) = delete;
    DemoDatabase& operator=(const DemoDatabase&) = delete;

    storage::Database& db() { return *db_; }
    //! The demo office's id.
    long long office() const { return office_; }

private:
    std::filesystem::path dir_;
    std::unique_ptr<storage::Database> db_;
    long long office_ = 0;
};

}  // namespace tsunagu::demo
