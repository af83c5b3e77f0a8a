#include "newsflow/app/cli.hpp"

int main(int argc, char** argv) { return newsflow::app::main(argc, argv); }
