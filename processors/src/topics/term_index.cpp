#include "topics/term_index.hpp"

#include <algorithm>
#include <bit>

#include "text/tokenizer.hpp"

namespace newsflow::processors::topics {

std::vector<uint32_t> TermIndex::build(const std::vector<LiteralSpec>& specs) {
  bytes_.clear();
  literals_.clear();
  prefix_lengths_ = 0;
  min_prefix_ = SIZE_MAX;
  max_prefix_ = 0;
  pair_first_.clear();
  pair_words_.clear();
  std::vector<uint32_t> unserved;
  std::vector<std::pair<uint64_t, uint32_t>> whole, pair, prefix;
  std::fill(filter_.begin(), filter_.end(), 0);
  std::fill(prefix_filter_.begin(), prefix_filter_.end(), 0);
  for (size_t i = 0; i < specs.size(); ++i) {
    const LiteralSpec& spec = specs[i];
    auto id = static_cast<uint32_t>(i);
    literals_.push_back({static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(spec.text.size()), spec.caseless,
                         spec.prefix});
    bytes_.append(spec.text);
    // A literal that starts with a word character can only match where a
    // token starts (the boundary rule), and its first word run must then be
    // that whole token, unless the literal is that one run and prefix-matching.
    if (!text::word_char_at(spec.text, 0)) {
      unserved.push_back(id);
      continue;
    }
    auto run_end = [&](size_t from) {
      while (from < spec.text.size() && text::word_char_at(spec.text, from)) {
        auto c = static_cast<unsigned char>(spec.text[from]);
        from += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      }
      return std::min(from, spec.text.size());
    };
    size_t run = run_end(0);
    if (spec.prefix && run == spec.text.size()) {
      // Keyed by its first kPrefixKey bytes, so a token costs at most that
      // many probes whatever the lengths of the prefix terms.
      size_t key = std::min(run, kPrefixKey);
      prefix.emplace_back(text::fold_hash(spec.text.substr(0, key)), id);
      const uint64_t bit = prefix_bit(text::fold8_swar(text::load_upto8(spec.text.data(), key)), key);
      prefix_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
      prefix_lengths_ |= uint64_t{1} << key;
      min_prefix_ = std::min(min_prefix_, key);
      max_prefix_ = std::max(max_prefix_, key);
      continue;
    }
    uint64_t first = text::fold_hash(spec.text.substr(0, run));
    size_t second_start = run;
    while (second_start < spec.text.size() && !text::word_char_at(spec.text, second_start)) ++second_start;
    size_t second_end = run_end(second_start);
    // The second word must be a whole token to be hashed: it is unless the
    // literal ends there and is a prefix ("academy award*").
    bool second_is_token = second_start < spec.text.size() && !(spec.prefix && second_end == spec.text.size());
    if (second_is_token) {
      const uint64_t second = text::fold_hash(spec.text.substr(second_start, second_end - second_start));
      pair.emplace_back(pair_hash(first, second), id);
      pair_first_.push_back(first);
      pair_words_.emplace_back(first, second);
    } else {
      whole.emplace_back(first, id);
    }
  }
  std::sort(pair_first_.begin(), pair_first_.end());
  pair_first_.erase(std::unique(pair_first_.begin(), pair_first_.end()), pair_first_.end());
  for (const auto* entries : {&whole, &pair, &prefix})
    for (const auto& [key, id] : *entries) filter_[(key >> 46) & (kFilterBits / 64 - 1)] |= filter_mask(key);
  fill(whole_, std::move(whole));
  fill(pair_, std::move(pair));
  fill(prefix_, std::move(prefix));
  return unserved;
}

std::vector<uint64_t> TermIndex::whole_keys() const {
  std::vector<uint64_t> keys;
  for (const Slot& s : whole_.slots)
    if (s.key != 0) keys.push_back(s.key);
  return keys;
}

void TermIndex::fill(Table& table, std::vector<std::pair<uint64_t, uint32_t>> entries) {
  table.slots.clear();
  table.ids.clear();
  if (entries.empty()) return;
  std::sort(entries.begin(), entries.end());
  size_t distinct = 0;
  for (size_t i = 0; i < entries.size(); ++i) distinct += i == 0 || entries[i].first != entries[i - 1].first;
  // At most half full keeps probe chains short.
  table.slots.resize(std::bit_ceil(distinct * 2));
  size_t mask = table.slots.size() - 1;
  for (size_t i = 0; i < entries.size();) {
    size_t j = i;
    while (j < entries.size() && entries[j].first == entries[i].first) {
      const uint32_t id = entries[j++].second;
      const Literal& lit = literals_[id];
      uint64_t head = text::load_upto8(bytes_.data() + lit.offset, std::min<size_t>(8, lit.length));
      if (lit.caseless) head = text::fold8_swar(head);
      table.ids.push_back({head, id, lit.length, lit.caseless, lit.prefix});
    }
    size_t slot = entries[i].first & mask;
    while (table.slots[slot].key != 0) slot = (slot + 1) & mask;
    table.slots[slot] = {entries[i].first, static_cast<uint32_t>(table.ids.size() - (j - i)), static_cast<uint32_t>(j - i)};
    i = j;
  }
}

}  // namespace newsflow::processors::topics
