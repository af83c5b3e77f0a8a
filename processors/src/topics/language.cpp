#include "topics/language.hpp"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <cctype>

namespace newsflow::processors::topics {

namespace {
constexpr size_t kMaxDetectBytes = 16 * 1024;

// Frequent English words that are not also frequent words of another
// language written in Latin script: "to" (Czech, Polish), "of" (Dutch),
// "in", "an", "was", "will" (German, Dutch), "for", "at", "by", "her"
// (Danish, Norwegian), "a", "he" (Romance) and "on" (French) are left out.
constexpr std::string_view kEnglishWords[] = {"the",  "and",   "that",  "with",  "said", "from", "this", "were",
                                              "which", "their", "they", "have",  "been", "would", "about", "after",
                                              "who",  "his",   "not",   "has",   "it",   "be",   "are",  "but"};
constexpr size_t kMinTokens = 40;
constexpr size_t kMinPermille = 100;

// An open-addressed table of the words' hashes: a token is one probe, and
// most tokens (no function word) stop at an empty slot or a differing hash.
struct EnglishWords {
  static constexpr size_t kSlots = 256;  // power of two, > 10x the words: probe chains stay one slot long
  std::pair<uint64_t, std::string_view> slots[kSlots] = {};
  EnglishWords() {
    for (std::string_view w : kEnglishWords) {
      const uint64_t hash = text::fold_hash(w);
      size_t i = (hash >> 40) & (kSlots - 1);
      while (slots[i].first != 0) i = (i + 1) & (kSlots - 1);
      slots[i] = {hash, w};
    }
  }
  // The bytes are compared too: a hash collision must not count a foreign word.
  bool contains(std::string_view word, uint64_t hash) const {
    for (size_t i = (hash >> 40) & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      const auto& [h, w] = slots[i];
      if (h == 0) return false;
      if (h != hash || w.size() != word.size()) continue;
      for (size_t k = 0; k < word.size(); ++k)
        if (text::fold_ascii(static_cast<unsigned char>(word[k])) != static_cast<unsigned char>(w[k])) return false;
      return true;
    }
  }
};

// is_english(title?, i): whether token i of the title (or the text) is a
// function word.
template <class IsEnglish>
bool clearly_english(size_t title_count, size_t text_count, IsEnglish is_english) {
  const size_t total = title_count + text_count;
  if (total < kMinTokens) return false;
  // Counting stops once the share is reached: English text gets there in its
  // first few hundred words, and the answer cannot change after that.
  const size_t needed = (total * kMinPermille + 999) / 1000;
  size_t english = 0;
  for (size_t i = 0; i < title_count && english < needed; ++i) english += is_english(true, i);
  for (size_t i = 0; i < text_count && english < needed; ++i) english += is_english(false, i);
  return english >= needed;
}
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

std::string detect_language(std::string_view title, std::string_view text, const std::vector<text::Token>& title_tokens,
                            const std::vector<text::Token>& text_tokens) {
  static const EnglishWords words;
  auto is_english = [&](bool in_title, size_t i) {
    const text::Token& t = (in_title ? title_tokens : text_tokens)[i];
    return t.end - t.start <= 5 && words.contains((in_title ? title : text).substr(t.start, t.end - t.start), t.hash);
  };
  if (clearly_english(title_tokens.size(), text_tokens.size(), is_english)) return "en";
  return detect_language(title, text);
}

size_t english_words_needed(size_t tokens) {
  return tokens < kMinTokens ? 0 : (tokens * kMinPermille + 999) / 1000;
}

std::string detect_language(std::string_view title, std::string_view text, size_t title_tokens, size_t text_tokens,
                            size_t english_words) {
  // clearly_english's test on a count already made.
  const size_t needed = english_words_needed(title_tokens + text_tokens);
  if (needed > 0 && english_words >= needed) return "en";
  return detect_language(title, text);
}

std::span<const std::string_view> english_function_words() { return kEnglishWords; }

}  // namespace newsflow::processors::topics
