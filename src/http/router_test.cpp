#include "http/router.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "storage/database.hpp"

namespace tsunagu::http {
namespace {

namespace json = boost::json;

Router TestRouter() {
    return Router({
        {"GET", "/api/v1/things/{id}", Access::kPublic,
         [](Context& c) {
             return Json(json::object{{"id", c.req.IdParam("id")}});
         },
         ""},
        {"POST", "/api/v1/things", Access::kPublic,
         [](Context& c) {
             const json::object o = ParseObject(c.req);
             return Json(json::object{{"name", Fields(o).Text("name", true, 5)}}, 201);
         },
         ""},
        {"GET", "/api/v1/boom", Access::kPublic,
         [](Context&) -> Response { throw std::runtime_error("secret SQL with :name='山田'"); }, ""},
        {"GET", "/api/v1/private", Access::kSignedIn, [](Context&) { return Json(json::object{}); }, ""},
    });
}

struct Fixture : ::testing::Test {
    storage::Database db{":memory:", 1};
    Settings settings;
    Router router = TestRouter();
    Response Call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& type = "application/json") {
        Request req;
        req.method = method;
        req.path = path;
        req.body = body;
        req.request_id = "rid";
        if (!type.empty()) req.headers["content-type"] = type;
        return router.Dispatch(req, db, settings);
    }
    static json::object Error(const Response& r) { return json::parse(r.body).at("error").as_object(); }
};

TEST_F(Fixture, MatchesPathParameters) {
    Response r = Call("GET", "/api/v1/things/42");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(json::parse(r.body).at("id").as_int64(), 42);
}

TEST_F(Fixture, NonNumericIdIsNotFound) { EXPECT_EQ(Call("GET", "/api/v1/things/abc").status, 404); }

TEST_F(Fixture, UnknownRouteIsJson404) {
    Response r = Call("GET", "/api/v1/nothing");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(Error(r).at("code").as_string(), "not_found");
    EXPECT_EQ(Error(r).at("request_id").as_string(), "rid");
}

TEST_F(Fixture, WrongMethodIs405) { EXPECT_EQ(Call("DELETE", "/api/v1/things/1").status, 405); }

TEST_F(Fixture, WrongContentTypeIs415) {
    EXPECT_EQ(Call("POST", "/api/v1/things", "name=x", "application/x-www-form-urlencoded").status, 415);
}

TEST_F(Fixture, ValidationNamesTheField) {
    Response r = Call("POST", "/api/v1/things", R"({"name":"toolongname"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(Error(r).at("code").as_string(), "validation");
    EXPECT_EQ(Error(r).at("field").as_string(), "name");
    EXPECT_EQ(Call("POST", "/api/v1/things", "{not json").status, 400);
    EXPECT_EQ(Error(Call("POST", "/api/v1/things", "[1]")).at("code").as_string(), "invalid_json");
}

TEST_F(Fixture, InternalErrorsSayNothingInternal) {
    Response r = Call("GET", "/api/v1/boom");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(Error(r).at("code").as_string(), "internal");
    EXPECT_EQ(r.body.find("SQL"), std::string::npos);
    EXPECT_EQ(r.body.find("山田"), std::string::npos);
}

TEST_F(Fixture, SignedInRouteWithoutSessionIs401) {
    Response r = Call("GET", "/api/v1/private");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(Error(r).at("code").as_string(), "unauthenticated");
}

TEST_F(Fixture, ApiResponsesAreNotCached) {
    Response r = Call("GET", "/api/v1/things/1");
    bool no_store = false;
    for (const auto& [k, v] : r.headers) no_store = no_store || (k == "Cache-Control" && v == "no-store");
    EXPECT_TRUE(no_store);
}

TEST(Fields, DatesTimesAndRanges) {
    const json::object o = json::parse(R"({"d":"2028-02-29","bad":"2027-02-29","t":"24:00","t2":"24:01",
        "n":7,"s":"  trimmed  ","list":["a",""],"e":"x"})")
                               .as_object();
    Fields f(o);
    EXPECT_EQ(f.Date("d", true), "2028-02-29");
    EXPECT_THROW(f.Date("bad", true), ApiError);
    EXPECT_EQ(f.Time("t", true), "24:00");
    EXPECT_THROW(f.Time("t2", true), ApiError);
    EXPECT_EQ(f.Int("n", true, 1, 12), 7);
    EXPECT_THROW(f.Int("n", true, 1, 6), ApiError);
    EXPECT_EQ(f.Text("s", true), "trimmed");
    EXPECT_THROW(f.TextList("list", false), ApiError);
    EXPECT_THROW(f.Enum("e", true, {"a", "b"}), ApiError);
    EXPECT_EQ(f.Text("missing", false), "");
    try {
        f.Text("missing", true);
        FAIL();
    } catch (const ApiError& e) {
        EXPECT_EQ(e.field, "missing");
        EXPECT_EQ(e.status, 400);
    }
}

TEST(Fields, NestedPrefixInFieldPath) {
    const json::object o = json::parse(R"({"indicator":""})").as_object();
    try {
        Fields(o, "needs[1].goal.").Text("indicator", true);
        FAIL();
    } catch (const ApiError& e) {
        EXPECT_EQ(e.field, "needs[1].goal.indicator");
    }
}

TEST(Utf8, CountsCharacters) {
    EXPECT_EQ(Utf8Length("山田"), 2u);
    EXPECT_EQ(Utf8Length("𠮷野家"), 3u);
    EXPECT_EQ(Utf8Length("abc"), 3u);
}

}  // namespace
}  // namespace tsunagu::http

namespace tsunagu::http {
namespace {

TEST(TrimSpaces, IdeographicAndAsciiSpaces) {
    EXPECT_EQ(TrimSpaces("　山田　"), "山田");
    EXPECT_EQ(TrimSpaces(" \t　 本人の言葉 　\n"), "本人の言葉");
    EXPECT_EQ(TrimSpaces("　　"), "");
    EXPECT_EQ(TrimSpaces("山　田"), "山　田");  // inner spaces stay
}

}  // namespace
}  // namespace tsunagu::http
