#pragma once

namespace newsflow::app {
// Parses the command line and runs one subcommand; returns the exit status.
int main(int argc, char** argv);
}
