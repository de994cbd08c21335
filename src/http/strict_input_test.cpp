// Strict input (#13): FieldScope's unknown-field check, blank texts and control characters.
#include <gtest/gtest.h>

#include "http/api_error.hpp"
#include "http/json_body.hpp"

namespace tsunagu::http {
namespace {

namespace json = boost::json;

json::object Obj(const char* text) { return json::parse(text).as_object(); }

TEST(FieldScope, UnknownFieldIsNamedNestedToo) {
    const json::object o = Obj(R"({"name":"a","adress":"b","c":{"x":1,"y":2}})");
    FieldScope scope;
    const Fields f(o);
    f.Text("name", true);
    const json::object* c = f.Object("c", false);
    const Fields cf(*c, "c.");
    cf.Int("x", true, 0, 10);
    try {
        FieldScope::Check();
        FAIL() << "adress is unknown";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status, 400);
        EXPECT_EQ(e.code, "unknown_field");
        EXPECT_EQ(e.field, "adress");
    }
}

TEST(FieldScope, NestedUnknownAndAllReadPasses) {
    const json::object o = Obj(R"({"c":{"x":1,"y":2}})");
    {
        FieldScope scope;
        const Fields f(o);
        const Fields cf(*f.Object("c", true), "c.");
        cf.Int("x", true, 0, 10);
        try {
            FieldScope::Check();
            FAIL();
        } catch (const ApiError& e) {
            EXPECT_EQ(e.field, "c.y");
        }
    }
    {
        FieldScope scope;
        const Fields f(o);
        const Fields cf(*f.Object("c", true), "c.");
        cf.Int("x", true, 0, 10);
        EXPECT_TRUE(cf.Has("y"));
        EXPECT_NO_THROW(FieldScope::Check());
    }
    // Outside a scope (unit tests of rules, the group committer) nothing is checked.
    const Fields f(o);
    EXPECT_NO_THROW(FieldScope::Check());
}

TEST(StrictText, BlankAfterInvisiblesIsEmpty) {
    for (const char* blank : {"\u00a0", "\u200b\u200c\u200d", "\u200e\u200f", "\u2028\u2029", "\u202a\u202e",
                              "\u2060\u206f", "\ufeff", "\u3000 \t"}) {
        EXPECT_EQ(WithoutInvisibles(blank), "") << blank;
        json::object o;
        o["name"] = blank;
        const Fields f(o);
        EXPECT_THROW(f.Text("name", true), ApiError) << blank;
        EXPECT_EQ(f.Text("name", false), "") << blank;
    }
    EXPECT_EQ(WithoutInvisibles("a\u200bb"), "ab");
}

TEST(StrictText, ControlCharactersButNewlineAndTab) {
    EXPECT_FALSE(HasForbiddenCharacters("a\nb\tc"));
    EXPECT_TRUE(HasForbiddenCharacters("a\rb"));
    EXPECT_TRUE(HasForbiddenCharacters(std::string("a\0b", 3)));
    EXPECT_TRUE(HasForbiddenCharacters("a\x1b"));
    EXPECT_TRUE(HasForbiddenCharacters("a\x7f"));
}

TEST(StrictText, WrongTypeNamesTheField) {
    const json::object o = Obj(R"({"office_id":{"x":1},"n":"3"})");
    const Fields f(o);
    try {
        f.Int("office_id", true, 1, 100);
        FAIL();
    } catch (const ApiError& e) {
        EXPECT_EQ(e.code, "validation");
        EXPECT_EQ(e.field, "office_id");
    }
    EXPECT_THROW(f.Int("n", true, 1, 100), ApiError);
}

}  // namespace
}  // namespace tsunagu::http
