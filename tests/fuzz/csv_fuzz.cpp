// libFuzzer harness (#13): the directory's CSV reader (src/directory/directory_csv.cpp): byte
// decoding (UTF-8 / Shift_JIS), RFC 4180 parsing and the import's validation of every row.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "directory/directory.hpp"
#include "http/request_parse.hpp"

using namespace tsunagu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const directory::CsvParse p = directory::ParseCsv(bytes);
    if (p.error_line == 0) {
        for (const auto& r : p.records)
            for (const auto& f : r.fields) {
                // Writing a field and parsing it back gives the field.
                const auto again = directory::ParseCsv(directory::CsvField(f) + "\n");
                if (again.error_line != 0 || again.records.size() != 1 || again.records[0].fields.size() != 1 ||
                    again.records[0].fields[0] != f)
                    std::abort();
            }
    }
    if (auto text = directory::DecodeCsvBytes(bytes)) {
        if (!http::IsValidUtf8(*text)) std::abort();
        directory::EntriesFromCsv(*text);
    }
    return 0;
}
