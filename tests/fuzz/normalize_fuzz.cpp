// normalize over any UTF-8: first line the title, the rest the body (HTML,
// entities, page chrome, white space of every kind).
#include "fuzz_common.hpp"
#include "newsflow/processors/normalize.hpp"

using namespace newsflow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto processor =
      processors::make_normalize_processor(processors::load_normalize_rules(fuzz::data_path("normalize/chrome.rules")));
  std::string_view text;
  if (!fuzz::utf8_input(data, size, text)) return 0;
  Article a;
  const auto nl = text.find('\n');
  a.title = std::string(text.substr(0, nl == std::string_view::npos ? 0 : nl));
  a.body = std::string(nl == std::string_view::npos ? text : text.substr(nl + 1));
  auto outcome = processor->process(a);
  if (outcome.kind == processors::Outcome::Kind::reject) {
    fuzz::check(!outcome.rejection.message.empty(), "a rejection without a message");
    return 0;
  }
  fuzz::check(fuzz::valid_utf8(a.text), "normalize produced invalid UTF-8");
  fuzz::check(a.text.size() <= a.body.size() * 3 + 16, "normalize grew the text more than entity decoding can");
  return 0;
}
