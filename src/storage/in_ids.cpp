#include "storage/in_ids.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace tsunagu::storage {

namespace {
struct Texts {
    std::string sqlite, postgres;
};

Texts Build(const std::string& head, const std::string& tail) {
    static const std::string kIn = "IN ";
    if (head.size() < kIn.size() || head.compare(head.size() - kIn.size(), kIn.size(), kIn) != 0)
        throw std::logic_error("InIds: the head must end in \"IN \"");
    return {head + "(SELECT value FROM json_each(:ids))" + tail,
            head.substr(0, head.size() - kIn.size()) + "= ANY(CAST(:ids AS BIGINT[]))" + tail};
}
}  // namespace

const char* InIds(Dialect d, const char* head, const char* tail) {
    static std::mutex mutex;
    static std::map<std::pair<const char*, const char*>, std::unique_ptr<const Texts>> built;
    std::lock_guard lock(mutex);
    auto& texts = built[{head, tail}];
    if (!texts) texts = std::make_unique<const Texts>(Build(head, tail));
    return d == Dialect::kSqlite ? texts->sqlite.c_str() : texts->postgres.c_str();
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
