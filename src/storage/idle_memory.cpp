#include "storage/idle_memory.hpp"

#include <malloc.h>
#include <soci/soci.h>

#include <exception>
#include <vector>

#include "storage/database.hpp"

namespace tsunagu::storage {

void ReleaseIdleMemory(Database& db) {
    if (db.dialect() == Dialect::kSqlite) {
        // Every session free now: a free one is leased at once, and a busy one is not waited for.
        std::vector<std::size_t> idle;
        std::size_t pos = 0;
        while (idle.size() < db.size() && db.pool().try_lease(pos, 0)) idle.push_back(pos);
        for (const std::size_t p : idle) {
            try {
                db.pool().at(p) << "PRAGMA shrink_memory";
            } catch (const std::exception&) {  // nothing is lost: the cache is only kept longer
            }
            db.pool().give_back(p);
        }
    }
    malloc_trim(0);
}

}  // namespace tsunagu::storage
