#include "http/message.hpp"

#include <algorithm>

#include "http/api_error.hpp"

namespace tsunagu::http {

std::string Request::Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::Query(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Cookie(const std::string& name) const {
    const std::string all = Header("cookie");
    std::size_t pos = 0;
    while (pos < all.size()) {
        std::size_t end = all.find(';', pos);
        if (end == std::string::npos) end = all.size();
        std::string part = all.substr(pos, end - pos);
        const auto b = part.find_first_not_of(' ');
        if (b != std::string::npos) part = part.substr(b);
        const auto eq = part.find('=');
        if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
        pos = end + 1;
    }
    return std::nullopt;
}

long long Request::IdQuery(const std::string& name) const {
    const std::string v = Query(name);
    if (v.empty()) return 0;
    if (v.size() > 18 || !std::all_of(v.begin(), v.end(), ::isdigit))
        throw Invalid(name, "IDは整数で指定してください。");
    return std::stoll(v);
}

namespace {
int PageNumber(const Request& req, const char* name, int fallback, int max) {
    const std::string v = req.Query(name);
    if (v.empty()) return fallback;
    if (v.size() > 6 || !std::all_of(v.begin(), v.end(), ::isdigit) || std::stoi(v) < 1 || std::stoi(v) > max)
        throw Invalid(name, "1から" + std::to_string(max) + "の整数で指定してください。");
    return std::stoi(v);
}
}  // namespace

PageQuery Request::Paging() const {
    return {PageNumber(*this, "page", 1, 100000), PageNumber(*this, "per_page", 50, 200)};
}

long long Request::IdParam(const std::string& name) const {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty() || it->second.size() > 18) throw NotFound();
    for (char c : it->second)
        if (c < '0' || c > '9') throw NotFound();
    const long long v = std::stoll(it->second);
    if (v <= 0) throw NotFound();
    return v;
}

}  // namespace tsunagu::http
