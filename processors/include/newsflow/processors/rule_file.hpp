#pragma once
// The `kind: value` line format shared by the rule files under data/: blank
// lines and lines starting with '#' are skipped, everything else must have a
// colon. Errors name the file and line.
#include <functional>
#include <string>
#include <string_view>

namespace newsflow::processors {

struct RuleLine {
  std::string_view kind;   // trimmed text before the first colon
  std::string_view value;  // trimmed text after it (for word lists)
  // Everything the author wrote after the colon and the blanks that follow
  // it, up to the line end: trailing spaces and punctuation kept, because a
  // rule matching text ("prefix: More in ") means every character.
  std::string_view verbatim;
  std::string location;  // "path:line: ", the prefix for error messages
};

// Calls on_rule for every rule line of the file. Throws ConfigError naming
// `setting` when the file cannot be read, and the file and line when a line
// has no colon; on_rule throws ConfigError itself for what it cannot accept.
void for_each_rule_line(const std::string& path, std::string_view setting,
                        const std::function<void(const RuleLine&)>& on_rule);

}  // namespace newsflow::processors
