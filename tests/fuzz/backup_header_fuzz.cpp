// libFuzzer harness (#13): the encrypted backup's header reader (src/cli/backup_crypto.*), which runs
// on a file a user hands to restore/verify-backup before any passphrase is checked.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>

#include "cli/backup_crypto.hpp"

using namespace tsunagu::cli;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    {
        std::istringstream in(bytes);
        HasBackupMagic(in);
    }
    std::istringstream in(bytes);
    try {
        const BackupHeader h = ReadBackupHeader(in);
        // A header that passed never asks for more than the limits (16 passes, 1 GiB).
        if (h.limits.ops > 16 || h.limits.mem > (1ULL << 30) || h.stream_header.empty()) std::abort();
    } catch (const std::runtime_error&) {
    }
    return 0;
}
