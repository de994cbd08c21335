#include <soci/soci.h>

#include <boost/json.hpp>

#include "consent/consent.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::consent {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO consents (office_id, person_id, purpose, scope, given_by, given_by_name, given_on, expires_on, "
    "created_by, created_at) VALUES (:o, :p, :purpose, :scope, :by, NULLIF(:byname, ''), :on, NULLIF(:exp, ''), :user, "
    ":now)";
constexpr const char* kList =
    "SELECT id, office_id, person_id, purpose, scope, given_by, given_by_name, given_on, expires_on, withdrawn_on, "
    "withdraw_reason, created_at FROM consents WHERE office_id = :o AND person_id = :p ORDER BY given_on DESC, id DESC";
constexpr const char* kWithdraw =
    "UPDATE consents SET withdrawn_on = :on, withdraw_reason = NULLIF(:reason, '') WHERE id = :id AND office_id = :o "
    "AND "
    "person_id = :p AND withdrawn_on IS NULL";
}  // namespace

long long Insert(storage::Tx& tx, const Consent& c, long long user_id) {
    const std::string scope_json = ScopeJson(c.scope), now = storage::NowIso();
    tx.sql() << kInsert, soci::use(c.office_id), soci::use(c.person_id), soci::use(c.purpose), soci::use(scope_json),
        soci::use(c.given_by), soci::use(c.given_by_name), soci::use(c.given_on), soci::use(c.expires_on),
        soci::use(user_id), soci::use(now);
    return tx.LastId();
}

std::vector<Consent> ListForPerson(storage::Tx& tx, long long office_id, long long person_id) {
    std::vector<Consent> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kList, soci::use(office_id), soci::use(person_id));
    for (const auto& r : rows) {
        Consent c;
        c.id = Int(r, "id");
        c.office_id = Int(r, "office_id");
        c.person_id = Int(r, "person_id");
        c.purpose = Text(r, "purpose");
        c.scope = ScopeFromJson(Text(r, "scope"));
        c.given_by = Text(r, "given_by");
        c.given_by_name = Text(r, "given_by_name");
        c.given_on = Text(r, "given_on");
        c.expires_on = Text(r, "expires_on");
        c.withdrawn_on = Text(r, "withdrawn_on");
        c.withdraw_reason = Text(r, "withdraw_reason");
        c.created_at = Text(r, "created_at");
        out.push_back(std::move(c));
    }
    return out;
}

bool Withdraw(storage::Tx& tx, long long office_id, long long person_id, long long id, const std::string& on,
              const std::string& reason) {
    soci::statement st = (tx.sql().prepare << kWithdraw, soci::use(on), soci::use(reason), soci::use(id),
                          soci::use(office_id), soci::use(person_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

}  // namespace tsunagu::consent
