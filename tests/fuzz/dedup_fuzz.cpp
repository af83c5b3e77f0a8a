// URL canonicalisation and the dedup fingerprint: first line a URL, the rest
// the text; the fingerprint goes through the shared index and the changelog
// encoding.
#include "fuzz_common.hpp"
#include "newsflow/processors/dedup.hpp"
#include "newsflow/processors/url.hpp"

using namespace newsflow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static processors::DedupFingerprinter fingerprinter;
  static auto index = processors::make_dedup_index(processors::DedupOptions{.max_entries = 1000});
  std::string_view text;
  if (!fuzz::utf8_input(data, size, text)) return 0;
  const auto nl = text.find('\n');
  const std::string_view url = text.substr(0, nl);
  const std::string_view body = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);

  const std::string canonical = processors::canonicalize_url(url);
  fuzz::check(fuzz::valid_utf8(canonical), "canonical URL is not UTF-8");
  fuzz::check(processors::canonicalize_url(canonical) == canonical, "canonicalize_url is not idempotent");
  const std::string id = processors::id_from_url(canonical);
  fuzz::check(!id.empty() && fuzz::valid_utf8(id), "empty or non-UTF-8 id from a URL");

  auto fp = fingerprinter.compute(body, canonical, 1'700'000'000'000);
  for (const uint64_t version : {1, 2}) {
    const std::string encoded =
        version == 1 ? processors::DedupIndex::encode_v1(fp, 3) : processors::DedupIndex::encode(fp);
    processors::DedupFingerprint back;
    uint64_t copies = 0;
    fuzz::check(processors::DedupIndex::decode(encoded, back, copies), "a fingerprint's encoding does not decode");
    fuzz::check(copies == (version == 1 ? uint64_t{3} : uint64_t{0}) && back.content_hash == fp.content_hash &&
                    back.url_hash == fp.url_hash && back.sketch == fp.sketch && back.bands == fp.bands,
                "fingerprint changed across encode/decode");
  }
  // And arbitrary bytes as changelog values: decoding must fail or succeed, never crash.
  processors::DedupFingerprint back;
  uint64_t copies = 0;
  processors::DedupIndex::decode(text, back, copies);
  processors::DedupIndex::decode_copies(text, copies);
  index->check_and_insert(id, fp);
  return 0;
}
