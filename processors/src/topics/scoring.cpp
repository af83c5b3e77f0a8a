// Topic scoring: per-term saturation, roll-up to level-1 topics, and the
// choice of which level-1 topics (and which specific topics under them) the
// article is filed under. Settings come from data/topics/settings.rules.
#include "topics/scoring.hpp"

#include <algorithm>
#include <cmath>

namespace newsflow::processors::topics {

void TopicScorer::score(std::vector<Hit>& hits, std::vector<Topic>& out) {
  const auto& s = rules_.settings;
  evidence_.clear();
  groups_.clear();
  if (hits.empty()) return;
  // For the ranking a word of the text is one piece of evidence for a
  // branch, by its heaviest use (the first of equals): "sitcom" listed for TV
  // series and for television, or "hospital" matched both by "hospital*" for
  // health and by "hospital" for health facility, counts once for health.
  // The hits of one word are adjacent (Hit::at), so this looks at runs of a
  // few hits and sorts nothing.
  const size_t n = hits.size();
  for (size_t run = 0, run_end = 1; run < n; run = run_end++) {
    while (run_end < n && hits[run_end].at == hits[run].at) ++run_end;
    if (run_end - run == 1) continue;  // one use of one term: nothing to share
    for (size_t i = run; i < run_end; ++i) {
      Hit& h = hits[i];
      const uint32_t top = rules_.topics[h.topic].top;
      h.ranks = true;
      for (size_t j = run; j < run_end; ++j) {
        const Hit& other = hits[j];
        if (j == i || rules_.topics[other.topic].top != top) continue;
        if (other.weight > h.weight || (other.weight == h.weight && other.topic < h.topic)) h.ranks = false;
      }
    }
  }
  std::sort(hits.begin(), hits.end(),
            [](const Hit& a, const Hit& b) { return a.topic != b.topic ? a.topic < b.topic : a.term < b.term; });

  // Per term: mentions saturate, so a word repeated twenty times cannot
  // outweigh five different words for the same topic.
  for (size_t i = 0; i < hits.size();) {
    size_t topic_end = i;
    double raw = 0, lead_raw = 0, ranked = 0;
    bool in_lead = false;
    const uint32_t top = rules_.topics[hits[i].topic].top;
    while (topic_end < hits.size() && hits[topic_end].topic == hits[i].topic) {
      size_t term_end = topic_end;
      double mentions = 0, lead_mentions = 0, ranked_mentions = 0;
      bool in_title = false, ranked_in_title = false;
      while (term_end < hits.size() && hits[term_end].topic == hits[i].topic &&
             hits[term_end].term == hits[topic_end].term) {
        mentions += hits[term_end].position_weight;
        if (hits[term_end].position_weight >= s.lead_weight) lead_mentions += hits[term_end].position_weight;
        in_title = in_title || hits[term_end].position_weight >= s.title_weight;
        if (hits[term_end].ranks) {
          ranked_mentions += hits[term_end].position_weight;
          ranked_in_title = ranked_in_title || hits[term_end].position_weight >= s.title_weight;
        }
        ++term_end;
      }
      in_lead = in_lead || lead_mentions > 0;
      const double cap = hits[topic_end].weight * s.saturation;
      const double evidence = cap * (1.0 - std::exp(-mentions / s.saturation));
      raw += evidence;
      lead_raw += cap * (1.0 - std::exp(-lead_mentions / s.saturation));
      const auto& rank = rules_.term_rank[hits[topic_end].term];
      const double title_bonus = ranked_in_title ? s.title_bonus + (rank.event ? s.event_bonus : 0.0) : 0.0;
      const double ranked_evidence = ranked_mentions == mentions ? evidence
                                     : ranked_mentions == 0      ? 0.0
                                                                 : cap * (1.0 - std::exp(-ranked_mentions / s.saturation));
      ranked += (ranked_evidence + title_bonus * hits[topic_end].weight) * rank.specificity;
      topic_end = term_end;
    }
    evidence_.push_back({hits[i].topic, raw, i, topic_end});
    auto g = std::find_if(groups_.begin(), groups_.end(), [&](const GroupEvidence& x) { return x.top == top; });
    if (g == groups_.end()) {
      groups_.push_back({top, raw, ranked, in_lead, ranked, lead_raw, 0});
    } else {
      g->raw += raw;
      g->in_lead = g->in_lead || in_lead;
      g->ranked += ranked;
      g->strongest = std::max(g->strongest, ranked);
      g->lead_raw += lead_raw;
    }
    i = topic_end;
  }
  // The branch a story is filed under: one strong topic outweighs several
  // weak ones of another branch, and the title and lead say what the story is.
  for (GroupEvidence& g : groups_)
    g.rank = g.strongest + s.group_rest_weight * (g.ranked - g.strongest) + s.lead_bonus * g.lead_raw;
  std::sort(groups_.begin(), groups_.end(), [](const GroupEvidence& a, const GroupEvidence& b) {
    return a.rank != b.rank ? a.rank > b.rank : a.top < b.top;
  });
  std::sort(evidence_.begin(), evidence_.end(), [](const Evidence& a, const Evidence& b) {
    return a.raw != b.raw ? a.raw > b.raw : a.topic < b.topic;
  });

  double best = 0;
  for (const GroupEvidence& g : groups_) best = std::max(best, g.raw);
  if (best < s.min_evidence) return;
  for (size_t g = 0; g < groups_.size() && g < s.max_top_level; ++g) {
    const GroupEvidence& group = groups_[g];
    if (g > 0 && (group.raw < s.second_min_evidence || group.raw < s.relative_evidence * best)) break;
    if (g > 0 && s.second_needs_lead && !group.in_lead) continue;
    // Scored by rank, so the branch the story is filed under comes first.
    double group_score = 1.0 - std::exp(-group.rank / s.score_scale);
    // The most specific evidence names the topic; the level-1 code stands
    // alone only when no narrower topic has evidence.
    bool has_specific = false;
    double strongest = 0;
    for (const auto& e : evidence_)
      if (rules_.topics[e.topic].top == group.top && rules_.topics[e.topic].level > 1) {
        has_specific = true;
        strongest = std::max(strongest, e.raw);
      }
    uint32_t emitted = 0;
    for (const auto& e : evidence_) {
      const auto& topic = rules_.topics[e.topic];
      if (topic.top != group.top || (has_specific && topic.level == 1)) continue;
      if (has_specific && e.raw < s.relative_in_group * strongest) continue;
      if (emitted == s.max_per_group) break;
      Topic t;
      t.id = topic.code;
      t.label = topic.label;
      t.top = rules_.topics[topic.top].code;
      t.score = has_specific ? group_score * (0.5 + 0.5 * e.raw / strongest) : group_score;
      t.score = std::round(t.score * 1000.0) / 1000.0;
      if (rules_.explain) {
        for (size_t h = e.first_hit; h < e.end_hit; ++h) {
          const std::string& text = rules_.terms[hits[h].term].text;
          if (t.matched_terms.empty() || t.matched_terms.back() != text) t.matched_terms.push_back(text);
        }
      }
      out.push_back(std::move(t));
      ++emitted;
    }
  }
  // The branches come out in rank order and their topics by evidence, so
  // the scores are mostly in order already: std::stable_sort would still
  // take a buffer from the allocator and move every Topic (three strings
  // and a vector) through it.
  const auto by_score = [](const Topic& a, const Topic& b) { return a.score > b.score; };
  if (!std::is_sorted(out.begin(), out.end(), by_score)) std::stable_sort(out.begin(), out.end(), by_score);
}

}  // namespace newsflow::processors::topics
