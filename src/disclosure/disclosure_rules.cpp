// Whether a consent covers a disclosure (個人情報保護法: providing to a third party needs the
// person's consent). A withdrawn consent covers nothing new; past disclosures stay recorded.
#include "directory/directory.hpp"
#include "disclosure/disclosure.hpp"

namespace tsunagu::disclosure {

bool ItemCovers(const consent::ScopeItem& item, const Recipient& r) {
    if (item.directory_id) return item.directory_id == r.directory_id;
    if (const auto sector = directory::SectorCode(item.text)) return *sector == r.sector;
    return item.text == r.name;  // older free-text items name an organisation exactly
}

bool ValidOn(const consent::Consent& c, const std::string& date) {
    if (!c.withdrawn_on.empty()) return false;
    if (c.given_on > date) return false;
    return c.expires_on.empty() || date <= c.expires_on;
}

std::optional<long long> CoveringConsent(const std::vector<consent::Consent>& consents, const Recipient& r,
                                         const std::string& date) {
    for (const consent::Consent& c : consents) {
        if (!ValidOn(c, date)) continue;
        for (const consent::ScopeItem& item : c.scope)
            if (ItemCovers(item, r)) return c.id;
    }
    return std::nullopt;
}

std::string MissingScopeMessage(const Recipient& r, const std::string& date) {
    return "本人の同意がないため、この情報提供は記録できません。" + date + "に有効な同意で、共有先に「" + r.name +
           "」または分野「" + directory::SectorNameJa(r.sector) +
           "」を含むものがありません。本人（または代理人）に説明し、同意を得てから記録してください。";
}

}  // namespace tsunagu::disclosure
