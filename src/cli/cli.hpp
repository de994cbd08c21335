#pragma once

namespace tsunagu::cli {

//! Parses the command line (CLI11) and runs the subcommand; returns the process exit code.
int Run(int argc, char** argv);

}  // namespace tsunagu::cli
