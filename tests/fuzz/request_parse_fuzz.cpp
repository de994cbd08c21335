// libFuzzer harness (#13): the pure helpers that turn wire input into a request (src/http/request_parse.*).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/request_parse.hpp"

using namespace tsunagu::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    IsLoopbackHost(in);
    IsIpLiteral(in);
    const bool utf8 = IsValidUtf8(in);
    for (bool plus : {false, true}) {
        if (auto d = PercentDecode(in, plus); d && d->find('\0') != std::string::npos) std::abort();
    }
    if (auto t = ParseTarget(in)) {
        // A parsed target is origin-form with clean text throughout.
        if (t->path.empty() || t->path[0] != '/') std::abort();
        if (!IsValidUtf8(t->path)) std::abort();
        for (const auto& [k, v] : t->query)
            if (!IsValidUtf8(k) || !IsValidUtf8(v)) std::abort();
    }
    const std::string_view p = PathForLog(in);
    if (p.size() > in.size() || p.find('?') != std::string_view::npos) std::abort();
    if (LowerAscii(in).size() != in.size()) std::abort();
    (void)utf8;
    return 0;
}
