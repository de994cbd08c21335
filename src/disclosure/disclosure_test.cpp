#include "disclosure/disclosure.hpp"

#include <gtest/gtest.h>

namespace tsunagu::disclosure {
namespace {

consent::Consent Given(long long id, std::vector<consent::ScopeItem> scope, const char* on, const char* expires = "",
                       const char* withdrawn = "") {
    consent::Consent c;
    c.id = id;
    c.scope = std::move(scope);
    c.given_on = on;
    c.expires_on = expires;
    c.withdrawn_on = withdrawn;
    return c;
}

TEST(DisclosureConsent, WhichConsentCoversARecipientOnADate) {
    const Recipient hospital{7, "つなぐ市立病院", "medical"};
    struct Case {
        const char* what;
        consent::Consent c;
        const char* date;
        bool covered;
    } cases[] = {
        {"sector by code", Given(1, {"medical"}, "2026-04-01"), "2026-05-01", true},
        {"sector by Japanese name", Given(1, {"医療"}, "2026-04-01"), "2026-05-01", true},
        {"organisation by id", Given(1, {{"病院", 7}}, "2026-04-01"), "2026-05-01", true},
        {"older free text naming it exactly", Given(1, {"つなぐ市立病院"}, "2026-04-01"), "2026-05-01", true},
        {"another organisation", Given(1, {{"別", 8}, "教育"}, "2026-04-01"), "2026-05-01", false},
        {"a near name is not the name", Given(1, {"つなぐ市立病院 外来"}, "2026-04-01"), "2026-05-01", false},
        {"given after the date", Given(1, {"医療"}, "2026-06-01"), "2026-05-01", false},
        {"valid through its last day", Given(1, {"医療"}, "2026-04-01", "2026-05-01"), "2026-05-01", true},
        {"expired before the date", Given(1, {"医療"}, "2026-04-01", "2026-04-30"), "2026-05-01", false},
        {"withdrawn", Given(1, {"医療"}, "2026-04-01", "", "2026-06-01"), "2026-05-01", false},
    };
    for (const Case& c : cases) EXPECT_EQ(CoveringConsent({c.c}, hospital, c.date).has_value(), c.covered) << c.what;
}

TEST(DisclosureConsent, TheRefusalNamesTheMissingScope) {
    const std::string m = MissingScopeMessage({7, "つなぐ市立病院", "medical"}, "2026-05-01");
    EXPECT_NE(m.find("つなぐ市立病院"), std::string::npos);
    EXPECT_NE(m.find("医療"), std::string::npos);
    EXPECT_NE(m.find("2026-05-01"), std::string::npos);
}

TEST(ConsentScope, StoredFormatReadsOldAndNewItems) {
    const auto items = consent::ScopeFromJson(R"(["市障害福祉課",{"directory_id":3,"name":"ひだまり"}])");
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0], consent::ScopeItem("市障害福祉課"));
    EXPECT_EQ(items[1], consent::ScopeItem("ひだまり", 3));
    EXPECT_EQ(consent::ScopeFromJson(consent::ScopeJson(items)), items);
}

}  // namespace
}  // namespace tsunagu::disclosure
