#pragma once
#include <string>
#include <string_view>

namespace newsflow::processors::topics {

// ISO 639-1 code of the main language of the text (CLD2, which scores the
// whole text, so a stray line in another language does not decide it);
// empty when CLD2 cannot tell.
std::string detect_language(std::string_view title, std::string_view text);

// "en-US", "EN", "en_GB" -> "en"; empty when the value is no language code.
std::string normalize_language(std::string_view value);

}  // namespace newsflow::processors::topics
