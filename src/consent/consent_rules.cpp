#include <boost/json.hpp>

#include "consent/consent.hpp"

namespace tsunagu::consent {

std::string StatusOn(const Consent& c, const std::string& today) {
    if (!c.withdrawn_on.empty()) return "withdrawn";
    if (!c.expires_on.empty() && c.expires_on < today) return "expired";
    return "active";
}

std::string ScopeJson(const std::vector<ScopeItem>& scope) {
    boost::json::array a;
    for (const ScopeItem& i : scope) {
        if (i.directory_id)
            a.push_back(boost::json::object{{"directory_id", i.directory_id}, {"name", i.text}});
        else if (i.office_id)
            a.push_back(boost::json::object{{"office_id", i.office_id}, {"name", i.text}});
        else
            a.emplace_back(i.text);
    }
    return boost::json::serialize(a);
}

std::vector<ScopeItem> ScopeFromJson(const std::string& json_text) {
    std::vector<ScopeItem> out;
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(json_text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& e : v.as_array()) {
        if (e.is_string()) {
            out.emplace_back(std::string(e.as_string()));
        } else if (e.is_object()) {
            const auto* id = e.as_object().if_contains("directory_id");
            const auto* name = e.as_object().if_contains("name");
            const std::string text = name && name->is_string() ? std::string(name->as_string()) : std::string();
            if (id && id->is_int64()) {
                out.emplace_back(text, id->as_int64());
            } else if (const auto* office = e.as_object().if_contains("office_id"); office && office->is_int64()) {
                ScopeItem item(text);
                item.office_id = office->as_int64();
                out.push_back(std::move(item));
            }
        }
    }
    return out;
}

}  // namespace tsunagu::consent
