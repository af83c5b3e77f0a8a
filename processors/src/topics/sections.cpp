// URL sections as topic evidence (see sections.hpp).
#include "topics/sections.hpp"

#include <algorithm>

namespace newsflow::processors::topics {

namespace {

size_t pair_bit(char a, char b) { return static_cast<size_t>(a - 'a') * 26 + static_cast<size_t>(b - 'a'); }

}  // namespace

void SectionIndex::add(std::string word, Section section, bool outlet) {
  min_length_ = std::min(min_length_, word.size());
  max_length_ = std::max(max_length_, word.size());
  size_t bit = pair_bit(word[0], word[1]);
  first_pairs_[bit / 64] |= uint64_t{1} << (bit % 64);
  (outlet ? outlets_ : words_)[std::move(word)] = section;
}

void SectionIndex::look_up(const Words& words, std::string_view word, std::vector<Section>& out) const {
  if (word.size() < min_length_ || word.size() > max_length_) return;
  char folded[kMaxWord];
  for (size_t i = 0; i < word.size(); ++i) {
    char c = static_cast<char>(word[i] | 0x20);  // ASCII letters to lower case
    if (c < 'a' || c > 'z') return;             // digits, dots: an id or a file name
    folded[i] = c;
  }
  size_t bit = pair_bit(folded[0], folded[1]);
  if (!((first_pairs_[bit / 64] >> (bit % 64)) & 1)) return;
  auto it = words.find(std::string_view(folded, word.size()));
  if (it == words.end()) return;
  // One section per branch: a deeper segment names the desk more exactly.
  auto same = std::find_if(out.begin(), out.end(), [&](const Section& s) { return s.top == it->second.top; });
  if (same != out.end())
    *same = it->second;
  else
    out.push_back(it->second);
}

void SectionIndex::find(std::string_view url, std::vector<Section>& out) const {
  out.clear();
  if (words_.empty() && outlets_.empty()) return;
  // One plain pass: find_first_of("?#") costs a memchr per byte of the URL.
  for (size_t i = 0; i < url.size(); ++i)
    if (url[i] == '?' || url[i] == '#') {
      url = url.substr(0, i);
      break;
    }
  size_t scheme = url.find(':');
  if (scheme != std::string_view::npos && url.substr(scheme).starts_with("://")) url.remove_prefix(scheme + 3);
  size_t slash = url.find('/');
  std::string_view host = url.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : url.substr(slash + 1);

  // The host: the site's own label ("cnn" of money.cnn.com, "thesun" of
  // www.thesun.co.uk) names an outlet; the labels before it may name a
  // section ("money").
  std::string_view labels[8];
  size_t count = 0;
  for (size_t start = 0; start <= host.size() && count < 8;) {
    size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    labels[count++] = host.substr(start, dot - start);
    start = dot + 1;
  }
  size_t site = count >= 2 ? count - 2 : 0;
  // A country's second-level domain: co.uk, com.au, org.nz.
  if (count >= 3 && labels[count - 1].size() == 2 &&
      (labels[site] == "co" || labels[site] == "com" || labels[site] == "org" || labels[site] == "net"))
    --site;
  if (count >= 2) look_up(outlets_, labels[site], out);
  for (size_t i = 0; i < site; ++i) look_up(words_, labels[i], out);

  while (!path.empty()) {
    size_t end = path.find('/');
    std::string_view segment = path.substr(0, end);
    path = end == std::string_view::npos ? std::string_view() : path.substr(end + 1);
    if (segment.size() > kMaxWord) continue;
    size_t parts = static_cast<size_t>(std::count(segment.begin(), segment.end(), '-')) + 1;
    look_up(words_, segment, out);
    if (parts == 1 || parts > kMaxSectionWords) continue;
    for (size_t start = 0; start <= segment.size();) {
      size_t dash = segment.find('-', start);
      if (dash == std::string_view::npos) dash = segment.size();
      look_up(words_, segment.substr(start, dash - start), out);
      start = dash + 1;
    }
  }
}

}  // namespace newsflow::processors::topics
