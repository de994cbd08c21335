// `tsunagu generate`: options and the summary it prints.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "calendar/date.hpp"
#include "generate/generate.hpp"
#include "storage/database.hpp"

namespace tsunagu::generate {

namespace fs = std::filesystem;

CLI::App* AddCommand(CLI::App& app, Options& o) {
    auto* c = app.add_subcommand("generate",
                                 "fill a NEW database with fictional offices, staff and persons (load tests, bench)");
    c->add_option("--persons", o.persons, "persons in all")->check(CLI::Range(0LL, 100000000LL))->capture_default_str();
    c->add_option("--offices", o.offices, "offices")->check(CLI::Range(1, 1000000))->capture_default_str();
    c->add_option("--skew", o.skew, "0 = even; s > 0 = office k gets a share ∝ 1/k^s")
        ->check(CLI::Range(0.0, 4.0))
        ->capture_default_str();
    c->add_option("--notes-per-person", o.notes_per_person, "notes per person (when a notes table exists)")
        ->check(CLI::Range(0, 1000))
        ->capture_default_str();
    c->add_option("--seed", o.seed, "the same seed and --today give the same data")->capture_default_str();
    c->add_option("--today", o.today, "date the data is relative to, YYYY-MM-DD (default: today in Japan)");
    c->add_option("--per-specialist", o.persons_per_specialist, "persons per specialist")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    return c;
}

int RunCommand(Options o, const std::string& data, const std::string& db_url) {
    if (o.today.empty()) o.today = storage::TodayJst();
    if (!calendar::Date::Parse(o.today)) {
        std::cerr << "error: --today must be YYYY-MM-DD\n";
        return 2;
    }
    std::string path;
    if (db_url.empty()) {
        fs::create_directories(data);
        fs::permissions(data, fs::perms::owner_all, fs::perm_options::replace);
        path = (fs::path(data) / "tsunagu.db").string();
    }
    const Summary s = Run(path, db_url, o);
    if (!s.notes_message.empty()) std::cerr << "note: " << s.notes_message << "\n";
    std::cout << "generated " << s.persons << " persons in " << s.offices << " offices (" << s.users << " users, "
              << s.rows << " rows, " << s.notes << " notes) in " << s.seconds << " s\n"
              << "logins: chief<office> (e.g. chief1), sp<office>-<n>, admin; password: the demo password\n";
    return 0;
}

}  // namespace tsunagu::generate
