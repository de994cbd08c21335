#pragma once
// For tests: a database made by `tsunagu generate` (generate::Run) in a folder of its own under the
// temp directory, removed with it; the audit chain keyed with a test key (the generate audit rows
// and the test's own). The store tests that hold SQL to an oracle on generated offices share it.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "audit/audit.hpp"
#include "generate/generate.hpp"

namespace tsunagu::generate {

class GeneratedFile {
public:
    //! `name` tells the folders of different tests apart.
    GeneratedFile(const std::string& name, const Options& o)
        : dir_(std::filesystem::temp_directory_path() / ("tsunagu-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(dir_);
        audit::UseKeys(audit::KeyRing{{{1, std::string(32, 'k')}}, 1});
        Run(path(), "", o);
    }
    ~GeneratedFile() { std::filesystem::remove_all(dir_); }
    GeneratedFile(const GeneratedFile&) = delete;
    GeneratedFile& operator=(const GeneratedFile&) = delete;

    std::string path() const { return (dir_ / "tsunagu.db").string(); }

private:
    std::filesystem::path dir_;
};

}  // namespace tsunagu::generate
