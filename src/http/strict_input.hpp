#pragma once
// Strict input (#13): the field names the API documents anywhere (every property of every schema in
// docs/openapi.json). A key no handler read is refused as `unknown_field` unless it is one of these:
// read-only fields a client sends back (id, created_at, a plan's status, …) stay ignored as before.
#include <string>
#include <unordered_set>

namespace tsunagu::http {

void SetKnownFieldNames(std::unordered_set<std::string> names);

}  // namespace tsunagu::http
