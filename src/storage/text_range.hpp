#pragma once
// Prefix ranges over TEXT keys: an index compares them by code point (SQLite, and PostgreSQL
// columns declared COLLATE "C"). Stores only.

namespace tsunagu::storage {

//! The highest code point, U+10FFFF, in UTF-8: `key >= x AND key <= x || kTopCodePoint` is "key
//! starts with x", answered from an index (x followed by any character sorts at or below it).
inline constexpr const char* kTopCodePoint = "\xF4\x8F\xBF\xBF";

}  // namespace tsunagu::storage
