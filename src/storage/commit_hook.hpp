#pragma once
// A hook that runs first in Commit of a write transaction (kWrite): the HTTP layer's strict-input
// check (#13), so a request with a field no handler read throws there and nothing it wrote is saved.
// (Its own header, so database.hpp, included everywhere, stays as it was.)

namespace tsunagu::storage {

using BeforeCommitHook = void (*)();
//! Installs the hook (once, at start-up: http::InstallStrictInput).
void SetBeforeCommitHook(BeforeCommitHook hook);

}  // namespace tsunagu::storage
