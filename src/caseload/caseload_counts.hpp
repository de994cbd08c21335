#pragma once
// Each staff member's count of assigned persons (caseload_counts, migration 0029), kept in step by
// the stores that change an assignment or a support level, so the caseload dashboard's totals for
// an office read one row per staff member instead of every assigned person (issue 8).
namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::caseload {

//! Takes person `person_id` out of the counts of each of their assignees, as they are now: call it
//! in a write transaction before the person's assignees or support level change, and CountPerson
//! after (both with the office the person is in at that moment).
void UncountPerson(storage::Tx& tx, long long office_id, long long person_id);
//! Adds person `person_id`, with their support level and assignees as they are now, to the counts.
void CountPerson(storage::Tx& tx, long long office_id, long long person_id);
//! Fills an empty caseload_counts from the assignments, as migration 0029 did (`tsunagu generate`,
//! which writes the assignments in bulk, runs it once they are all in).
extern const char* const kFillCounts;

}  // namespace tsunagu::caseload
