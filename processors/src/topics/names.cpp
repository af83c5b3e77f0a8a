#include "topics/names.hpp"

#include <algorithm>

namespace newsflow::processors::topics {

void NameFinder::add_name(std::string name, Entity::Type type, std::vector<FoundName>& out) {
  // "Equifax Equifax holds data": a caption run into the text repeats one
  // word; no person is called that.
  if (type == Entity::Type::person) {
    const auto space = name.find(' ');
    if (space != std::string::npos && name.compare(space + 1, std::string::npos, name, 0, space) == 0) return;
  }
  auto& index = type == Entity::Type::person ? person_index_ : org_index_;
  auto [at, inserted] = index.try_emplace(name, out.size());
  if (!inserted) {
    ++out[at->second].count;
    return;
  }
  out.push_back({std::move(name), type, 1, order_++});
}

void NameFinder::find(const Words& title, const std::vector<Span>& title_covered, const Words& body,
                      const std::vector<Span>& body_covered, const std::vector<Span>& body_places,
                      std::vector<FoundName>& out) {
  out.clear();
  singles_.clear();
  confirm_.clear();
  uncued_.clear();
  person_index_.clear();
  org_index_.clear();
  last_name_.clear();
  order_ = 0;
  places_.clear();
  tokens_.build(body, body_covered, lists_);
  scan_runs(body.text, false, out);
  names::collect_places(body.text, tokens_, body_places, lists_.classes, places_);
  tokens_.build(title, title_covered, lists_);
  scan_runs(title.text, true, out);

  // Uncued full names whose last word recurs alone become people. Only the
  // body's one-word mentions count as corroboration.
  if (!uncued_.empty()) {
    // The uncued names' last words (a few per article) sorted, and each
    // one-word mention looked up among them: sorting the mentions (dozens)
    // for a binary search per uncued name cost more than all the rest of
    // the merging. All answered before the first add_name moves a name out.
    lasts_.clear();
    recurs_.assign(uncued_.size(), 0);
    for (uint32_t k = 0; k < uncued_.size(); ++k)
      lasts_.push_back({std::string_view(uncued_[k]).substr(uncued_[k].rfind(' ') + 1), k});
    std::sort(lasts_.begin(), lasts_.end());
    for (const auto& s : singles_) {
      const std::string_view w = s[0] == '\x01' ? std::string_view(s).substr(1) : std::string_view(s);
      auto at = std::lower_bound(lasts_.begin(), lasts_.end(), w, [](const auto& l, std::string_view x) { return l.first < x; });
      for (; at != lasts_.end() && at->first == w; ++at) recurs_[at->second] = 1;
    }
    for (size_t k = 0; k < uncued_.size(); ++k) {
      std::string& name = uncued_[k];
      const auto* known = person_index_.find(name);
      if (recurs_[k] && !known) add_name(std::move(name), Entity::Type::person, out);
      else if (known) ++out[known->second].count;
    }
  }

  // A one-word mention belongs to the single person whose last name it is.
  size_t full_names = out.size();
  for (size_t i = 0; i < full_names; ++i) {
    const std::string& name = out[i].text;
    auto space = name.rfind(' ');
    if (out[i].type != Entity::Type::person || space == std::string::npos) continue;
    auto [at, inserted] = last_name_.try_emplace(std::string_view(name).substr(space + 1), i);
    if (!inserted) at->second = SIZE_MAX;
  }
  auto owner = [&](std::string_view w) -> FoundName* {
    const auto* at = last_name_.find(w);
    return at == nullptr || at->second == SIZE_MAX ? nullptr : &out[at->second];
  };
  for (const auto& s : singles_) {
    bool titled = !s.empty() && s[0] == '\x01';
    std::string_view w = titled ? std::string_view(s).substr(1) : std::string_view(s);
    if (FoundName* f = owner(w)) {
      ++f->count;
    } else if (titled) {
      // "Mr Sacks" with no full name: a person of its own.
      add_name(std::string(w), Entity::Type::person, out);
    }
  }
  // Places found from context, unless the word names a person found here.
  for (auto& [name, evidence] : places_) {
    if (evidence < 2 || person_index_.contains(name) || last_name_.contains(name) || org_index_.contains(name)) continue;
    out.push_back({std::move(name), Entity::Type::place, evidence, order_++});
  }
  for (const auto& c : confirm_) {
    if (const auto* at = person_index_.find(c)) {
      ++out[at->second].count;
    } else if (c.find(' ') == std::string::npos) {
      if (FoundName* f = owner(c)) ++f->count;
    }
  }
  // "Lumen Grid said ... Lumen Grid's shareholders": a name that one
  // mention shows to be an organisation is no person in the others.
  if (!org_index_.empty() && !person_index_.empty()) {
    // Each person name meets at most one organisation: the order of the
    // visits does not matter.
    person_index_.for_each([&](std::string_view name, size_t at) {
      const auto* org = org_index_.find(name);
      if (org == nullptr) return;
      out[org->second].count += out[at].count;
      out[at].count = 0;
    });
    std::erase_if(out, [](const FoundName& f) { return f.count == 0; });
  }
}

}  // namespace newsflow::processors::topics
