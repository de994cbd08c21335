#pragma once
#include <span>
#include <string_view>

namespace tsunagu::embedded {

//! A file compiled into the binary (see cmake/embed.cmake).
struct Asset {
    const char* kind;  //!< "web", "migration" (SQLite), "migration_pg" (PostgreSQL) or "openapi"
    const char* name;  //!< "/assets/index-abc.js", "0001_init.sql", "openapi.json"
    const char* begin;
    const char* end;
    std::string_view data() const { return {begin, static_cast<std::size_t>(end - begin)}; }
};

//! Every embedded file, web assets sorted by name, migrations in order.
std::span<const Asset> All();

}  // namespace tsunagu::embedded
