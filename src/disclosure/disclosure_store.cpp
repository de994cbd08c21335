#include <soci/soci.h>

#include "disclosure/disclosure.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::disclosure {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO disclosures (office_id, person_id, directory_id, consent_id, what, purpose, disclosed_on, medium, "
    "created_by, created_at) VALUES (:o, :p, :d, :c, :what, :purpose, :on, NULLIF(:medium, ''), :user, :now)";
constexpr const char* kCount = "SELECT COUNT(*) FROM disclosures WHERE office_id = :o AND person_id = :p";
constexpr const char* kList =
    "SELECT x.id, x.office_id, x.person_id, x.directory_id, d.name AS directory_name, x.consent_id, x.what, x.purpose, "
    "x.disclosed_on, x.medium, x.created_by, x.created_at FROM disclosures x JOIN directory_entries d ON d.office_id = "
    "x.office_id AND d.id = x.directory_id WHERE x.office_id = :o AND x.person_id = :p ORDER BY x.disclosed_on DESC, "
    "x.id DESC LIMIT :lim OFFSET :off";
}  // namespace

long long Insert(storage::Tx& tx, const Disclosure& d) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsert, soci::use(d.office_id), soci::use(d.person_id), soci::use(d.directory_id),
        soci::use(d.consent_id), soci::use(d.what), soci::use(d.purpose), soci::use(d.date), soci::use(d.medium),
        soci::use(d.created_by), soci::use(now);
    return tx.LastId();
}

std::vector<Disclosure> ListForPerson(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                                      long long& total) {
    tx.sql() << kCount, soci::use(office_id), soci::use(person_id), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<Disclosure> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << kList, soci::use(office_id), soci::use(person_id), soci::use(per_page), soci::use(offset));
    for (const auto& r : rows) {
        Disclosure d;
        d.id = Int(r, "id");
        d.office_id = Int(r, "office_id");
        d.person_id = Int(r, "person_id");
        d.directory_id = Int(r, "directory_id");
        d.directory_name = Text(r, "directory_name");
        d.consent_id = Int(r, "consent_id");
        d.what = Text(r, "what");
        d.purpose = Text(r, "purpose");
        d.date = Text(r, "disclosed_on");
        d.medium = Text(r, "medium");
        d.created_by = Int(r, "created_by");
        d.created_at = Text(r, "created_at");
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace tsunagu::disclosure
