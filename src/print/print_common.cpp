// Pieces shared by every print view.
#include "print/print.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::print {

std::string Pre(const std::string& text) { return "<div class=\"pre\">" + Escape(text) + "</div>"; }

std::string Row(const char* label, const std::string& cell_html) {
    return std::string("<tr><th>") + label + "</th><td>" + cell_html + "</td></tr>";
}

std::string OfficeName(storage::Tx& tx, long long office_id) {
    for (const auto& o : user::ListOffices(tx))
        if (o.id == office_id) return o.name;
    return {};
}

std::string StaffName(storage::Tx& tx, long long office_id, long long user_id) {
    const auto u = user_id ? user::FindById(tx, user_id, office_id) : std::nullopt;
    return u ? u->name : std::string();
}

std::string Head(const char* form_no, const std::string& title, const std::string& state) {
    return std::string("<div class=\"head\"><span class=\"form-no\">") + form_no + "</span><h1>" + Escape(title) +
           "</h1><span class=\"state\">" + state + "</span></div>";
}

}  // namespace tsunagu::print
