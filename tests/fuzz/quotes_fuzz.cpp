// The quote scanner and speaker attribution over any normalized-looking text.
#include "fuzz_common.hpp"
#include "newsflow/processors/quotes.hpp"

using namespace newsflow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto processor = [] {
    processors::QuotesOptions o;
    o.rules = processors::load_quote_rules(fuzz::data_path("quotes/quote.rules"));
    o.indirect = true;  // the opt-in path too
    return processors::make_quotes_processor(o);
  }();
  std::string_view text;
  if (!fuzz::utf8_input(data, size, text)) return 0;
  Article a;
  a.body = a.text = std::string(text);
  a.language = "en";
  processor->process(a);
  for (const auto& q : a.quotes) {
    fuzz::check(q.start <= q.end && q.end <= a.text.size(), "quote offsets outside the text");
    fuzz::check(fuzz::valid_utf8(std::string_view(a.text).substr(q.start, q.end - q.start)),
                "quote offsets split a UTF-8 character");
    fuzz::check(fuzz::valid_utf8(q.text) && fuzz::valid_utf8(q.cue), "quote text is not UTF-8");
    if (q.speaker) fuzz::check(fuzz::valid_utf8(*q.speaker), "speaker is not UTF-8");
    if (q.speaker_role) fuzz::check(fuzz::valid_utf8(*q.speaker_role), "speaker role is not UTF-8");
  }
  for (const auto& s : a.speakers) fuzz::check(fuzz::valid_utf8(s.name), "speaker name is not UTF-8");
  return 0;
}
