// The whole chain as `newsflow run` builds it (parse, normalize, dedup,
// topics, quotes, serialize) with the default settings but
// dedup.on_duplicate=emit (dropped duplicates are not serialized, and a
// duplicate's record, with its dedup fields, must be checked too): any record
// in, a reject with a class and message, or an output record every reader
// parses.
// Catches what no single processor's target can: one processor's output
// breaking the next, or the serializer writing something that is not JSON.
#include "fuzz_common.hpp"
#include "newsflow/app/config.hpp"
#include "newsflow/app/wiring.hpp"
#include "newsflow/processors/pipeline.hpp"

using namespace newsflow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const app::Config config = app::Config::load(
      std::nullopt, {}, {{"data_dir", NEWSFLOW_FUZZ_DATA_DIR}, {"quotes.indirect", "true"}, {"dedup.max_entries", "1000"},
                                                       {"dedup.on_duplicate", "emit"}});
  static const app::SharedResources resources = app::load_resources(config);
  static auto pipeline = app::make_pipeline(config, resources, nullptr);
  RawRecord record;
  record.value.assign(reinterpret_cast<const char*>(data), size);
  ProcessedRecord result = pipeline->process(record);
  if (result.disposition == Disposition::reject) {
    fuzz::check(!result.error_class.empty() && !result.error_message.empty(), "a reject without class or message");
    fuzz::check(result.value == record.value, "a dead letter does not keep the original bytes");
    return 0;
  }
  fuzz::check(fuzz::valid_utf8(result.value), "output record is not UTF-8");
  fuzz::check_output_json(result.value, 64);
  return 0;
}
