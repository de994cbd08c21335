#include "storage/in_ids.hpp"

#include <stdexcept>

namespace tsunagu::storage {

InIds::InIds(const std::string& head, const std::string& tail) {
    static constexpr std::string_view kIn = "IN ";
    if (head.size() < kIn.size() || head.compare(head.size() - kIn.size(), kIn.size(), kIn) != 0)
        throw std::logic_error("InIds: the head must end in \"IN \"");
    sqlite_ = head + "(SELECT value FROM json_each(:ids))" + tail;
    postgres_ = head.substr(0, head.size() - kIn.size()) + "= ANY(CAST(:ids AS BIGINT[]))" + tail;
}

Value IdsValue(Dialect d, const std::vector<long long>& ids) {
    std::string out = d == Dialect::kSqlite ? "[" : "{";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(ids[i]);
    }
    out += d == Dialect::kSqlite ? "]" : "}";
    return out;
}

}  // namespace tsunagu::storage
