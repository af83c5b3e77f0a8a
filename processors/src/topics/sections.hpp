#pragma once
// The desk a story was filed under, from its URL: news sites put the section
// an editor chose in the path ("/sport/", "/business/", "/2017/12/29/business/")
// or in the host ("money.cnn.com"). The section words are rule data
// (`section` lines of <lang>.terms); each names a Media Topic and becomes a
// topic term that no text matches, so it is scored like a title mention.
// Sites that cover one branch (`outlet` lines: a sports network, a trade
// paper of the film industry) count the same way, weighing less.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsflow::processors::topics {

class SectionIndex {
 public:
  struct Section {
    uint32_t term;  // into TopicRules::terms
    uint32_t top;   // the level-1 topic it feeds
  };
  // `word` is two or more lower-case ASCII letters: a section, or with
  // `outlet` a site that covers one branch ("espn" of espn.com).
  void add(std::string word, Section section, bool outlet);
  // Replaces `out` with the sections `url` names, one per level-1 topic (the
  // deepest: "/sport/baseball/" gives baseball's). Linear in the URL;
  // allocates nothing once `out` has grown.
  void find(std::string_view url, std::vector<Section>& out) const;

  // Longest segment or host label looked up; longer ones are slugs or ids.
  static constexpr size_t kMaxWord = 32;
  // A hyphenated segment ("us-sport", "your-money") is looked up word by word
  // when it has at most this many words; more is a headline slug, whose
  // words the title already has.
  static constexpr size_t kMaxSectionWords = 3;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Words = std::unordered_map<std::string, Section, Hash, std::equal_to<>>;
  void look_up(const Words& words, std::string_view word, std::vector<Section>& out) const;

  Words words_, outlets_;
  // Most segments of a URL are dates, ids and slugs: the listed words'
  // lengths and first two letters turn them away before any hashing.
  size_t min_length_ = SIZE_MAX, max_length_ = 0;
  uint64_t first_pairs_[26 * 26 / 64 + 1] = {};
};

}  // namespace newsflow::processors::topics
