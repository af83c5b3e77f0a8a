#include "newsflow/processors/rule_file.hpp"

#include <fstream>

#include "newsflow/core/errors.hpp"
#include "newsflow/processors/text_util.hpp"

namespace newsflow::processors {

void for_each_rule_line(const std::string& path, std::string_view setting,
                        const std::function<void(const RuleLine&)>& on_rule) {
  std::ifstream in(path);
  if (!in) throw ConfigError(std::string(setting) + ": cannot read '" + path + "'");
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.ends_with('\r')) line.pop_back();  // a file saved with CRLF line ends
    const std::string_view l = trim(line);
    if (l.empty() || l.front() == '#') continue;
    RuleLine rule;
    rule.location = path + ":" + std::to_string(number) + ": ";
    const auto colon = l.find(':');
    if (colon == std::string_view::npos)
      throw ConfigError(rule.location + "expected 'kind: value', got '" + std::string(l) + "'");
    rule.kind = trim(l.substr(0, colon));
    rule.value = trim(l.substr(colon + 1));
    // Only the separating blanks go; l was trimmed at its end, the raw line was not.
    std::string_view after = std::string_view(line).substr(line.find(':') + 1);
    while (!after.empty() && (after.front() == ' ' || after.front() == '\t')) after.remove_prefix(1);
    rule.verbatim = after;
    on_rule(rule);
  }
}

}  // namespace newsflow::processors
