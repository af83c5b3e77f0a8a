#pragma once
// The dedup state file of `newsflow process --state`: the same entries the
// Kafka changelog topic holds, as NDJSON {"key": ..., "value": ...} lines.
#include <cstddef>
#include <string>
#include <vector>

#include "newsflow/core/record.hpp"

namespace newsflow::app {

// A missing file is an empty state. Throws ConfigError on a malformed file.
std::vector<StateChange> read_state_file(const std::string& path);
// A run killed mid-write can leave the last line cut (stdio writes a batch's
// entries in pieces): cuts the file back to its last complete line, which
// ends the last whole batch but one, and returns the bytes cut (0: none, or
// no file). Before appending to the file, or the cut line would end up
// glued to the next batch's first entry.
size_t cut_torn_tail(const std::string& path);
// Compacts (last value per key wins, tombstones dropped) and writes atomically.
void write_state_file(const std::string& path, const std::vector<StateChange>& changes);

}  // namespace newsflow::app
