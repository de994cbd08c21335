// Demo for issue #13: the chief's home shows the office alert that an administrator made an
// account (`account_created`, naming who). The demo passwords themselves stay usable as they are.
#include "demo/demo.hpp"
#include "user/user.hpp"

namespace tsunagu::demo {

void SeedAccounts(storage::Tx& tx, long long office, const std::vector<long long>& staff) {
    // staff: sato, suzuki, tanaka (chief), admin — the admin made suzuki's account.
    if (staff.size() >= 4) user::AddAccountEvent(tx, office, "account_created", staff[1], staff[3]);
}

}  // namespace tsunagu::demo
