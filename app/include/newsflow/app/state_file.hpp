#pragma once
// The dedup state file of `newsflow process --state`: the same entries the
// Kafka changelog topic holds, as NDJSON {"key": ..., "value": ...} lines.
#include <string>
#include <vector>

#include "newsflow/core/record.hpp"

namespace newsflow::app {

// A missing file is an empty state. Throws ConfigError on a malformed file.
std::vector<StateChange> read_state_file(const std::string& path);
// Compacts (last value per key wins, tombstones dropped) and writes atomically.
void write_state_file(const std::string& path, const std::vector<StateChange>& changes);

}  // namespace newsflow::app
