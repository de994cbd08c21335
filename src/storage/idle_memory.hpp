#pragma once
// Memory the server gives back when it is idle (issue 8: memory after heavy requests returns near idle).

namespace tsunagu::storage {

class Database;

//! SQLite: frees the page cache of every pooled session no request is using (PRAGMA shrink_memory),
//! then gives the freed heap back to the operating system (malloc_trim). A session that a request
//! holds keeps its cache. PostgreSQL: only the heap. The server's upkeep calls it every half minute.
void ReleaseIdleMemory(Database& db);

}  // namespace tsunagu::storage
