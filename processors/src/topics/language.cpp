#include "topics/language.hpp"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <cctype>

namespace newsflow::processors::topics {

namespace {
constexpr size_t kMaxDetectBytes = 16 * 1024;
}  // namespace

std::string normalize_language(std::string_view value) {
  size_t end = 0;
  while (end < value.size() && std::isalpha(static_cast<unsigned char>(value[end]))) ++end;
  if (end < 2 || end > 3) return {};
  if (end < value.size() && value[end] != '-' && value[end] != '_') return {};
  std::string out;
  for (size_t i = 0; i < end; ++i) out += static_cast<char>(std::tolower(static_cast<unsigned char>(value[i])));
  return out;
}

std::string detect_language(std::string_view title, std::string_view text) {
  // Enough text for a confident guess; bounds the cost on very long bodies.
  auto append_prefix = [](std::string& out, std::string_view s, size_t room) {
    size_t take = std::min(s.size(), room);
    // Do not cut a UTF-8 sequence in half.
    while (take > 0 && take < s.size() && (static_cast<unsigned char>(s[take]) & 0xC0) == 0x80) --take;
    out.append(s.substr(0, take));
  };
  std::string buffer;
  buffer.reserve(std::min(title.size() + text.size() + 1, kMaxDetectBytes));
  append_prefix(buffer, title, kMaxDetectBytes);
  buffer += '\n';
  if (buffer.size() < kMaxDetectBytes) append_prefix(buffer, text, kMaxDetectBytes - buffer.size());

  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language language3[3];
  int percent3[3];
  double scores3[3];
  int text_bytes = 0, valid_prefix = 0;
  bool reliable = false;
  // The checking variant: CLD2 must not read invalid UTF-8, and the processor
  // does not rely on every caller having validated its input.
  CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      buffer.data(), static_cast<int>(buffer.size()), true, &hints, 0, language3, percent3, scores3, nullptr,
      &text_bytes, &reliable, &valid_prefix);
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return {};
  std::string code = CLD2::LanguageCode(lang);
  // CLD2 keeps a few pre-2000 codes and script variants ("zh-Hant").
  if (code == "iw") return "he";
  if (code == "in") return "id";
  if (code == "ji") return "yi";
  if (code == "jw") return "jv";
  return normalize_language(code);
}

}  // namespace newsflow::processors::topics
