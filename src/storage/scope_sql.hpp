#pragma once
// The reader's scope as the start of a query (issue 8), for stores. A chief (or a specialist on
// call, decided before the query) reads the office's rows; a specialist the rows of the persons
// assigned to them, found from their assignments first: a few dozen persons of an office that may
// have a hundred thousand. The older form, `(:whole = 1 OR EXISTS (assignment))` in one statement,
// gave SQLite no index to start from for a specialist, so it read every row of the office and checked
// each against the assignments. CROSS JOIN fixes SQLite's loop order (assignments outside);
// PostgreSQL plans it as an inner join. Both forms bind :office, :whole, :uid in this order, so a
// store binds the same values whichever it uses; a form used with the other's `whole` finds nothing.
#include <string>

namespace tsunagu::storage {

struct ScopedRows {
    std::string from;   //!< what follows FROM: the table (and, for a specialist, the assignments)
    std::string where;  //!< the scope's conditions, to follow WHERE
};

//! The rows of `table` (as `alias`, with office_id and the person in `person_column`) in scope.
inline ScopedRows Scoped(bool whole, const std::string& table, const std::string& alias,
                         const std::string& person_column) {
    const std::string office = alias + ".office_id = :office";
    if (whole) return {table + " " + alias, " " + office + " AND :whole = 1 AND CAST(:uid AS BIGINT) IS NOT NULL "};
    return {"assignments sa CROSS JOIN " + table + " " + alias,
            " " + office + " AND :whole = 0 AND sa.user_id = :uid AND sa.office_id = " + alias +
                ".office_id AND sa.person_id = " + alias + "." + person_column + " "};
}

}  // namespace tsunagu::storage
