// URL sections as topic evidence (see sections.hpp).
#include "topics/sections.hpp"

#include <algorithm>

namespace newsflow::processors::topics {

void SectionIndex::add(std::string word, Section section) { words_[std::move(word)] = section; }

void SectionIndex::look_up(std::string_view word, std::vector<Section>& out) const {
  if (word.empty() || word.size() > kMaxWord) return;
  char folded[kMaxWord];
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    folded[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  auto it = words_.find(std::string_view(folded, word.size()));
  if (it == words_.end()) return;
  // One section per branch: a deeper segment names the desk more exactly.
  auto same = std::find_if(out.begin(), out.end(), [&](const Section& s) { return s.top == it->second.top; });
  if (same != out.end())
    *same = it->second;
  else
    out.push_back(it->second);
}

void SectionIndex::find(std::string_view url, std::vector<Section>& out) const {
  out.clear();
  if (words_.empty()) return;
  url = url.substr(0, url.find_first_of("?#"));
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  size_t slash = url.find('/');
  std::string_view host = url.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : url.substr(slash + 1);

  // Host labels before the registered domain ("money" of money.cnn.com); the
  // last two labels are the site itself.
  size_t labels = static_cast<size_t>(std::count(host.begin(), host.end(), '.')) + 1;
  for (size_t i = 0, start = 0; i + 2 < labels; ++i) {
    size_t dot = host.find('.', start);
    look_up(host.substr(start, dot - start), out);
    start = dot + 1;
  }

  while (!path.empty()) {
    size_t end = path.find('/');
    std::string_view segment = path.substr(0, end);
    path = end == std::string_view::npos ? std::string_view() : path.substr(end + 1);
    if (segment.size() > kMaxWord) continue;
    size_t parts = static_cast<size_t>(std::count(segment.begin(), segment.end(), '-')) + 1;
    look_up(segment, out);
    if (parts == 1 || parts > kMaxSectionWords) continue;
    for (size_t start = 0; start <= segment.size();) {
      size_t dash = segment.find('-', start);
      if (dash == std::string_view::npos) dash = segment.size();
      look_up(segment.substr(start, dash - start), out);
      start = dash + 1;
    }
  }
}

}  // namespace newsflow::processors::topics
