// The OpenAPI document (docs/openapi.json, embedded) and the route table must name the same routes.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "http/router.hpp"
#include "storage/embedded.hpp"

namespace tsunagu::http {
namespace {

std::set<std::string> DocumentedRoutes() {
    std::set<std::string> out;
    for (const auto& a : embedded::All()) {
        if (std::string(a.kind) != "openapi") continue;
        const boost::json::value doc = boost::json::parse(a.data());
        for (const auto& [path, item] : doc.at("paths").as_object())
            for (const auto& [method, op] : item.as_object()) {
                std::string m(method);
                if (m == "parameters") continue;
                for (auto& c : m) c = static_cast<char>(toupper(c));
                out.insert(m + " " + std::string(path));
            }
    }
    return out;
}

TEST(Routes, OpenApiDocumentIsEmbeddedAndVersion31) {
    bool found = false;
    for (const auto& a : embedded::All())
        if (std::string(a.kind) == "openapi") {
            found = true;
            const auto doc = boost::json::parse(a.data());
            EXPECT_EQ(std::string(doc.at("openapi").as_string()).substr(0, 3), "3.1");
        }
    EXPECT_TRUE(found);
}

TEST(Routes, EveryRouteIsDocumented) {
    const auto documented = DocumentedRoutes();
    for (const Route& r : ApiRoutes())
        EXPECT_TRUE(documented.count(r.method + " " + r.pattern)) << r.method << " " << r.pattern;
}

TEST(Routes, EveryDocumentedRouteExists) {
    std::set<std::string> table;
    for (const Route& r : ApiRoutes()) table.insert(r.method + " " + r.pattern);
    for (const auto& d : DocumentedRoutes()) EXPECT_TRUE(table.count(d)) << d << " is documented but not served";
}

TEST(Routes, NoDuplicateRoutes) {
    std::set<std::string> seen;
    for (const Route& r : ApiRoutes()) EXPECT_TRUE(seen.insert(r.method + " " + r.pattern).second) << r.pattern;
}

}  // namespace
}  // namespace tsunagu::http
