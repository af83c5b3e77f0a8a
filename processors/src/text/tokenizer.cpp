#include "text/tokenizer.hpp"

#include "text/tokenize_each.hpp"

namespace newsflow::processors::text {

void tokenize(std::string_view text, std::vector<Token>& out) {
  tokenize_each(text, out, [](size_t, const Token&, uint64_t) {});
}

}  // namespace newsflow::processors::text
