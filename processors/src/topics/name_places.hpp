#pragma once
// Places the gazetteer lacks, from strong context in the body: "Xyz-based"
// counts 2 (1 at a sentence start; never for a common noun: "Cloud-based"),
// "in/near/from/outside Xyz" (a lone capitalised word mid-sentence) 1, or 2
// when a known place or "a town" follows ("in Xyz, Poland", "near Xyz, a
// village"); a place needs 2.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "topics/name_tokens.hpp"

namespace newsflow::processors::topics::names {

// Candidate place -> evidence, at most 16 candidates.
using PlaceEvidence = std::vector<std::pair<std::string, uint32_t>>;

// tokens: the body's name tokens; body_places: the body's gazetteer places,
// sorted by start.
void collect_places(std::string_view text, const NameTokens& tokens, const std::vector<Span>& body_places,
                    const WordClasses& classes, PlaceEvidence& out);

}  // namespace newsflow::processors::topics::names
