#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace tsunagu::http {

//! Parses a request body as a JSON object (depth ≤ 32). Throws ApiError 400 `invalid_json`.
boost::json::object ParseObject(const Request& req);

//! Reads validated fields from a JSON object; every failure is ApiError 400 `validation` naming
//! the field (dotted path) with a Japanese message. `prefix` names nested objects ("needs[0].").
class Fields {
public:
    //! Registers `obj` with the request's strict-input check (FieldScope): a key of it that no
    //! Fields reads is refused as 400 `unknown_field` before the request's write commits.
    Fields(const boost::json::object& obj, std::string prefix = {});

    bool Has(const char* key) const;
    //! Text trimmed of surrounding whitespace; required → non-empty. Length in characters (UTF-8).
    std::string Text(const char* key, bool required, std::size_t max_chars = 1000) const;
    //! A secret (password) exactly as typed: not trimmed; required → non-empty.
    std::string Secret(const char* key, std::size_t max_chars = 1024) const;
    //! "YYYY-MM-DD" (a real calendar date) or "" when optional and absent/null/empty.
    std::string Date(const char* key, bool required) const;
    //! "YYYY-MM" or "".
    std::string Month(const char* key, bool required) const;
    //! "HH:MM" (00:00–24:00).
    std::string Time(const char* key, bool required) const;
    //! Integer within [lo, hi]; `fallback` when optional and absent.
    long long Int(const char* key, bool required, long long lo, long long hi, long long fallback = 0) const;
    bool Bool(const char* key, bool fallback) const;
    //! A boolean that must be present.
    bool RequiredBool(const char* key) const;
    //! One of `allowed`.
    std::string Enum(const char* key, bool required, const std::vector<std::string>& allowed) const;
    //! Array of short texts (each ≤ max_chars).
    std::vector<std::string> TextList(const char* key, bool required, std::size_t max_chars = 200) const;
    //! Array of distinct choices from `allowed`; `choose_ja` is the message for a value outside it.
    std::vector<std::string> EnumList(const char* key, const std::vector<std::string>& allowed,
                                      const std::string& choose_ja) const;
    //! Nested array of objects (may be empty); absent → empty.
    const boost::json::array* Array(const char* key, bool required) const;
    const boost::json::object* Object(const char* key, bool required) const;

    std::string Path(const char* key) const { return prefix_ + key; }
    [[noreturn]] void Fail(const char* key, const std::string& message_ja) const;

private:
    const boost::json::value* Get(const char* key, bool required) const;
    void MarkRead(const char* key) const;
    const boost::json::object& obj_;
    std::string prefix_;
    std::size_t entry_ = static_cast<std::size_t>(-1);  //!< its place in the request's FieldScope
};

//! Strict input (#13) for one request on this thread: every JSON object a handler wraps in Fields
//! is recorded with the keys it read. Check() throws 400 `unknown_field` (with `field`) for the first
//! key nobody read; it runs before a write transaction commits (storage's before-commit hook) and
//! when the handler returns. Inactive outside a scope (unit tests, the group committer).
class FieldScope {
public:
    FieldScope();
    ~FieldScope();
    FieldScope(const FieldScope&) = delete;
    FieldScope& operator=(const FieldScope&) = delete;
    static void Check();
};
//! Installs FieldScope::Check as storage's before-commit hook (once, at start-up).
void InstallStrictInput();
//! `s` with every Unicode space, zero-width character and bidi control removed (U+00A0, U+200B–U+200F,
//! U+2028–U+202E, U+2060–U+206F, U+FEFF, U+3000, ASCII whitespace): empty means "blank".
std::string WithoutInvisibles(const std::string& s);

//! `s` without leading and trailing whitespace, the ideographic space (全角スペース) included.
std::string TrimSpaces(std::string s);
//! True when `s` holds control characters (other than tab and newline; CR too) or bidi overrides.
bool HasForbiddenCharacters(const std::string& s);
//! True when `s` is a real calendar date "YYYY-MM-DD".
bool IsIsoDate(const std::string& s);
//! Characters in a UTF-8 string.
std::size_t Utf8Length(const std::string& s);

//! Serialises a JSON value into a 200/201 response.
Response Json(const boost::json::value& v, int status = 200);
//! {"items": [...], "total": n}.
Response JsonList(boost::json::array items, long long total);
//! Optional text as JSON: "" → null.
boost::json::value NullIfEmpty(const std::string& s);

}  // namespace tsunagu::http
