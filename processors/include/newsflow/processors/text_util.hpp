#pragma once
// Text helpers shared by processors. All work on UTF-8 bytes.
#include <string>
#include <string_view>
#include <vector>

namespace newsflow::processors {

std::string_view trim(std::string_view s);

// Folds every run of white space (ASCII and Unicode spaces, NBSP) into one
// ASCII space and trims; drops zero-width characters.
std::string collapse_whitespace(std::string_view s);

// Body -> plain text with '\n' between lines: strips HTML tags (block tags
// become line breaks, script/style contents are dropped), decodes HTML
// entities, folds white space within each line. Appends to out.
void clean_body(std::string_view body, std::string& out);

// Splits on '\n' into trimmed, non-empty lines (views into text).
void split_lines(std::string_view text, std::vector<std::string_view>& lines);

// Appends the UTF-8 encoding of a code point (U+FFFD for invalid ones).
void append_utf8(std::string& out, uint32_t cp);

}  // namespace newsflow::processors
