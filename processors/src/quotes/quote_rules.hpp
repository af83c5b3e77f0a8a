#pragma once
// The loaded word lists of the quotes processor (data/quotes/quote.rules).
#include <cstdint>
#include <string>
#include <unordered_map>

#include "newsflow/processors/quotes.hpp"

namespace newsflow::processors {

enum WordClass : uint32_t {
  kCue = 1u << 0,
  kObjectCue = 1u << 1,
  kPartialCue = 1u << 2,
  kAccording = 1u << 3,
  kTitle = 1u << 4,
  kHonorific = 1u << 5,
  kOrgNoun = 1u << 6,
  kSkip = 1u << 7,
  kMalePronoun = 1u << 8,
  kFemalePronoun = 1u << 9,
  kNeutralPronoun = 1u << 10,
  kNotName = 1u << 11,
  kAbbreviation = 1u << 12,
  kParticle = 1u << 13,
  kAppositiveStart = 1u << 14,
  kGendered = 1u << 15,
  kGroup = 1u << 16,
  kDemonym = 1u << 17,
  kMaleName = 1u << 18,
  kFemaleName = 1u << 19,
};

class QuoteRules {
 public:
  // Classes of a lower-cased word; 0 when unknown.
  uint32_t classes(const std::string& lower) const {
    auto it = words.find(lower);
    return it == words.end() ? 0 : it->second;
  }
  std::unordered_map<std::string, uint32_t> words;
};

}  // namespace newsflow::processors
