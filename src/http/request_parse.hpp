#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

// Pure helpers the server uses to turn wire input into an http::Request. Kept free of Beast and
// Asio so they compile fast, are unit-tested without sockets and can be fuzzed on their own.

namespace tsunagu::http {

//! True for "localhost", 127.0.0.0/8 and ::1 (also ::ffff:127.x.x.x): addresses only this machine reaches.
bool IsLoopbackHost(std::string_view host);

//! True when `host` is an IPv4 or IPv6 literal (IPv6 without brackets).
bool IsIpLiteral(std::string_view host);

//! Decodes %XX escapes (and '+' as space when asked); nullopt on a broken escape or a decoded NUL.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_as_space);

//! A request target split into its decoded path and query parameters.
struct ParsedTarget {
    std::string path;                          //!< decoded, always starts with '/'
    std::map<std::string, std::string> query;  //!< decoded; the first of repeated names wins
};

//! Splits an origin-form target ("/a/b?x=1&y=2"); nullopt when it is not origin-form, an escape is
//! broken or a decoded part is not valid UTF-8 (handlers and the database then only see clean text).
std::optional<ParsedTarget> ParseTarget(std::string_view target);

//! The path part of a raw target, as logged: never the query, which may carry names.
std::string_view PathForLog(std::string_view target);

//! ASCII lower-case copy (header names).
std::string LowerAscii(std::string_view s);

//! True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace tsunagu::http
