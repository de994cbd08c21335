// libFuzzer harness (#13): JSON bodies through http::Fields, the one validator every handler uses,
// with the strict-input scope on (unknown fields, wrong types, blank and control characters).
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/api_error.hpp"
#include "http/json_body.hpp"

namespace json = boost::json;
using namespace tsunagu::http;

namespace {
// Handlers name their fields with C strings, so a key with an embedded NUL can never be read: Walk
// leaves such keys alone, and the final check must then refuse them as unknown.
bool unreadable_key = false;

void Walk(const json::object& o, const std::string& prefix, int depth) {
    const Fields f(o, prefix);
    for (const auto& kv : o) {
        const std::string key(kv.key());
        if (key.find('\0') != std::string::npos) {
            unreadable_key = true;
            continue;
        }
        const char* k = key.c_str();
        try {
            const std::string t = f.Text(k, (key.size() % 2) == 0, 200);
            // What Text returns is never blank-but-not-empty and never carries control characters.
            if (!t.empty() && WithoutInvisibles(t).empty()) std::abort();
            if (HasForbiddenCharacters(t)) std::abort();
        } catch (const ApiError& e) {
            if (e.status != 400 || e.field != prefix + key) std::abort();
        }
        for (auto read : {0, 1, 2, 3, 4, 5}) {
            try {
                switch (read) {
                    case 0:
                        f.Int(k, false, -1000, 1000);
                        break;
                    case 1:
                        f.Date(k, false);
                        break;
                    case 2:
                        f.Bool(k, false);
                        break;
                    case 3:
                        f.TextList(k, false, 50);
                        break;
                    case 4:
                        f.Time(k, false);
                        break;
                    case 5:
                        if (const json::object* n = f.Object(k, false); n && depth < 4)
                            Walk(*n, prefix + key + ".", depth + 1);
                        break;
                }
            } catch (const ApiError& e) {
                if (e.status != 400 || e.field.rfind(prefix, 0) != 0) std::abort();
            }
        }
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    json::parse_options opt;
    opt.max_depth = 32;
    boost::system::error_code ec;
    const json::value v = json::parse(json::string_view(reinterpret_cast<const char*>(data), size), ec, {}, opt);
    if (ec || !v.is_object()) return 0;
    FieldScope scope;
    // Reading only the first key: every other key is unknown and must be refused with its name.
    const json::object& o = v.as_object();
    if (!o.empty()) {
        const Fields f(o);
        f.Has(std::string(o.begin()->key()).c_str());
        try {
            FieldScope::Check();
            if (o.size() > 1) std::abort();
        } catch (const ApiError& e) {
            // the unknown key is named (an empty key "" is named by the empty string)
            if (e.code != "unknown_field" || (e.field.empty() && !o.contains(""))) std::abort();
        }
    }
    unreadable_key = false;
    Walk(o, "", 0);
    try {
        FieldScope::Check();  // everything Walk could read was read
        if (unreadable_key) std::abort();
    } catch (const ApiError& e) {
        if (!unreadable_key || e.code != "unknown_field" || e.field.find('\0') == std::string::npos) std::abort();
    }
    WithoutInvisibles(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
