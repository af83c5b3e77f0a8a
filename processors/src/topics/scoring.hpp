#pragma once
// Topic scoring: turns weighted term hits into the article's ranked IPTC
// topics. Knows nothing of how the hits were found (topics/matcher.cpp) or of
// entities; the processor hands it one hit per (term use, mention).
#include <cstdint>
#include <vector>

#include "newsflow/core/article.hpp"
#include "topics/rules.hpp"

namespace newsflow::processors::topics {

struct Hit {
  uint32_t topic;           // index into TopicRules::topics
  uint32_t term;            // index into TopicRules::terms
  float weight;             // the term's weight for this topic
  double position_weight;   // where the mention is (title, lead, body, tail)
  uint32_t at = 0;          // which word of the text: the same for every term matching it, whose hits are adjacent
  bool ranks = true;        // cleared by the scorer when another use of its word in its branch weighs more
};

// Hit::at for a mention in the title, in the body, or for the URL's k-th section.
constexpr uint32_t title_word_at(uint32_t start) { return start; }
constexpr uint32_t body_word_at(uint32_t start) { return start | 0x80000000u; }
constexpr uint32_t section_at(uint32_t k) { return 0xFFFFFFFFu - k; }

// Per-record scratch is kept between calls, so one scorer per worker.
class TopicScorer {
 public:
  explicit TopicScorer(const TopicRules& rules) : rules_(rules) {}
  // Appends the topics to `out`, best first. Reorders `hits`.
  void score(std::vector<Hit>& hits, std::vector<Topic>& out);

 private:
  struct Evidence {
    uint32_t topic;
    double raw;
    size_t first_hit;  // hits[first_hit, end_hit) hold its terms (for explain)
    size_t end_hit;
  };
  struct GroupEvidence {
    uint32_t top;
    double raw;    // all evidence of the branch
    double ranked;  // the same, each term once and weighed by its specificity
    bool in_lead;  // some evidence in the title or the lead
    double strongest;  // evidence of its strongest topic
    double lead_raw;   // evidence from the title and the lead alone
    double rank;       // what the branches are ordered by
  };

  const TopicRules& rules_;
  std::vector<Evidence> evidence_;
  std::vector<GroupEvidence> groups_;
};

}  // namespace newsflow::processors::topics
