#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.hpp"
#include "topics/lexicon.hpp"

namespace newsflow::processors::topics {

// ISO 639-1 code of the main language of the text (CLD2, which scores the
// whole text, so a stray line in another language does not decide it);
// empty when CLD2 cannot tell.
std::string detect_language(std::string_view title, std::string_view text);

// The same, but "en" without running CLD2 when English function words make
// up a tenth of at least 40 tokens (CLD2 costs ~100 µs per article, most of
// the processor; other languages written in Latin script score near zero on
// the list, see language.cpp).
std::string detect_language(std::string_view title, std::string_view text, const std::vector<text::Token>& title_tokens,
                            const std::vector<text::Token>& text_tokens);

// The same from the number of function words among the tokens (the title's
// and the text's TokenLexicon::visit), which need only be counted up to
// english_words_needed(title_tokens + text_tokens).
std::string detect_language(std::string_view title, std::string_view text, size_t title_tokens, size_t text_tokens,
                            size_t english_words);
// How many function words make tokens tokens clearly English; 0 when no
// number does (too few tokens).
size_t english_words_needed(size_t tokens);

// The function words the English check counts (TokenLexicon::build takes them).
std::span<const std::string_view> english_function_words();

// "en-US", "EN", "en_GB" -> "en"; empty when the value is no language code.
std::string normalize_language(std::string_view value);

}  // namespace newsflow::processors::topics
