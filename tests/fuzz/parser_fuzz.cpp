// The record parser and the serializer behind it: any bytes in, a typed
// rejection or an output record that every reader can parse.
#include "fuzz_common.hpp"
#include "newsflow/processors/parser.hpp"
#include "newsflow/processors/serializer.hpp"

using namespace newsflow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static processors::ArticleParser parser{[] {
    processors::ParserOptions o;
    o.max_record_bytes = 1 << 20;
    o.max_body_bytes = 256 << 10;
    return o;
  }()};
  RawRecord record;
  record.value.assign(reinterpret_cast<const char*>(data), size);
  Article article;
  auto rejection = parser.parse(record, article);
  if (rejection) {
    fuzz::check(!rejection->message.empty(), "a rejection without a message");
    return 0;
  }
  fuzz::check(fuzz::valid_utf8(article.body) && fuzz::valid_utf8(article.title) && fuzz::valid_utf8(article.id),
              "accepted fields are not UTF-8");
  fuzz::check(!article.body.empty() && !article.id.empty(), "accepted without a body or id");
  std::string out;
  processors::serialize_output(article, processors::SerializerOptions{}, 1'700'000'000'000, out);
  fuzz::check_output_json(out, 64);
  return 0;
}
