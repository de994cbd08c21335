// tsunagu: wiring only; see cli/cli.cpp for the commands.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return tsunagu::cli::Run(argc, argv); }
