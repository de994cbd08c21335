// 研修記録の保存.
#include <soci/soci.h>

#include <map>

#include "quality/training.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "storage/statement_cache.hpp"
#include "user/user.hpp"

namespace tsunagu::quality {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO trainings (office_id, user_id, kind, title, completed_on, hours_tenths, certificate_number, "
    "created_by, created_at) VALUES (:o, :u, :k, :t, :d, :h, NULLIF(:c, ''), :by, :at)";
constexpr const char* kOfUser =
    "SELECT id, office_id, user_id, kind, title, completed_on, hours_tenths, certificate_number, created_by, "
    "created_at FROM trainings WHERE office_id = :o AND user_id = :u ORDER BY completed_on DESC, id DESC";
//! Every staff member's records in one read (the office's alerts and cycles), newest first each.
constexpr const char* kOfOffice =
    "SELECT id, office_id, user_id, kind, title, completed_on, hours_tenths, certificate_number, created_by, "
    "created_at FROM trainings WHERE office_id = :o ORDER BY user_id, completed_on DESC, id DESC";

Training TrainingOf(const soci::row& r) {
    Training t;
    t.id = Int(r, "id");
    t.office_id = Int(r, "office_id");
    t.user_id = Int(r, "user_id");
    t.kind = Text(r, "kind");
    t.title = Text(r, "title");
    t.completed_on = Text(r, "completed_on");
    t.hours_tenths = static_cast<int>(Int(r, "hours_tenths"));
    t.certificate_number = Text(r, "certificate_number");
    t.created_by = Int(r, "created_by");
    t.created_at = Text(r, "created_at");
    return t;
}
}  // namespace

long long InsertTraining(storage::Tx& tx, const Training& t) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsert, soci::use(t.office_id), soci::use(t.user_id), soci::use(t.kind), soci::use(t.title),
        soci::use(t.completed_on), soci::use(t.hours_tenths), soci::use(t.certificate_number), soci::use(t.created_by),
        soci::use(now);
    return tx.LastId();
}

std::vector<Training> TrainingsOf(storage::Tx& tx, long long office_id, long long user_id) {
    std::vector<Training> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kOfUser, soci::use(office_id), soci::use(user_id));
    for (const auto& r : rows) out.push_back(TrainingOf(r));
    return out;
}

std::vector<StaffCycles> OfficeCycles(storage::Tx& tx, long long office_id, calendar::Date today) {
    std::vector<StaffCycles> out;
    std::map<long long, std::vector<Training>> by_user;
    {
        storage::CachedQuery rows(tx, kOfOffice, {office_id});
        while (rows.Next()) {
            Training t = TrainingOf(rows.row());
            by_user[t.user_id].push_back(std::move(t));
        }
    }
    static const std::vector<Training> kNone;
    for (const auto& u : user::ListUsers(tx, office_id)) {
        if (!u.active || u.role == auth::Role::kAdmin) continue;
        const auto found = by_user.find(u.id);
        const auto& records = found == by_user.end() ? kNone : found->second;
        StaffCycles s;
        s.user_id = u.id;
        s.name = u.name;
        s.role = u.role == auth::Role::kChief ? "chief" : "specialist";
        s.created_at = u.created_at;
        s.current = CycleOn(records, "initial", "current", today);
        s.chief = CycleOn(records, "chief", "chief_renewal", today);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace tsunagu::quality
