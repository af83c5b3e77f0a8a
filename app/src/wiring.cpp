#include "newsflow/app/wiring.hpp"

#include "newsflow/processors/quotes.hpp"

namespace newsflow::app {

std::string data_path(const Config& config, std::string_view key) {
  const std::string& value = config.string(key);
  if (value.starts_with('/')) return value;
  return config.string("data_dir") + "/" + value;
}

processors::ParserOptions parser_options(const Config& config) {
  processors::ParserOptions o;
  o.max_body_bytes = config.bytes("input.max_body_bytes");
  o.max_record_bytes = config.bytes("input.max_record_bytes");
  // Every output record must stay readable by Jackson's defaults, whose
  // longest string is 20,000,000 characters: no string is longer than its record.
  if (o.max_record_bytes > 20'000'000)
    throw ConfigError("input.max_record_bytes: must be at most 20000000 (Jackson's default longest string)");
  const int64_t depth = config.integer("input.max_depth");
  // Jackson's default stops at 1,000 levels, Python's json at about 990 (its
  // recursion limit, less the caller's own frames): 500 leaves both a margin.
  if (depth < 1 || depth > 500) throw ConfigError("input.max_depth: must be between 1 and 500");
  o.max_depth = static_cast<size_t>(depth);
  o.fields.id = config.string("input.fields.id");
  o.fields.url = config.string("input.fields.url");
  o.fields.source = config.string("input.fields.source");
  o.fields.title = config.string("input.fields.title");
  o.fields.body = config.list("input.fields.body");
  o.fields.published_at = config.string("input.fields.published_at");
  o.fields.language = config.string("input.fields.language");
  if (o.fields.body.empty()) throw ConfigError("input.fields.body: needs at least one field name");
  return o;
}

SharedResources load_resources(const Config& config) {
  SharedResources r;
  r.normalize_rules = processors::load_normalize_rules(data_path(config, "normalize.rules_file"));
  if (config.boolean("topics.enabled")) {
    processors::TopicsOptions o;
    o.rules_dir = data_path(config, "topics.rules_dir");
    o.explain = config.boolean("topics.explain");
    r.topic_rules = processors::load_topic_rules(o);
  }
  if (config.boolean("quotes.enabled"))
    r.quote_rules = processors::load_quote_rules(data_path(config, "quotes.rules_file"));
  if (config.boolean("dedup.enabled")) {
    processors::DedupOptions o;
    o.window = config.duration("dedup.window");
    if (config.integer("dedup.max_entries") < 1) throw ConfigError("dedup.max_entries: must be at least 1");
    o.max_entries = static_cast<size_t>(config.integer("dedup.max_entries"));
    const int64_t threshold = config.integer("dedup.near_threshold_percent");
    if (threshold < 1 || threshold > 100) throw ConfigError("dedup.near_threshold_percent: must be 1..100");
    o.near_threshold = static_cast<double>(threshold) / 100.0;
    r.dedup_index = processors::make_dedup_index(o);
  }
  return r;
}

std::unique_ptr<processors::Pipeline> make_pipeline(const Config& config, const SharedResources& resources,
                                                    const ProbeFactory& probes) {
  if (config.boolean("run.passthrough")) return nullptr;
  std::vector<std::unique_ptr<processors::Processor>> chain;
  auto add = [&](std::unique_ptr<processors::Processor> p) {
    auto probe = probes ? probes(p->name()) : nullptr;
    if (probe)
      chain.push_back(std::make_unique<processors::InstrumentedProcessor>(std::move(p), std::move(probe)));
    else
      chain.push_back(std::move(p));
  };
  add(processors::make_normalize_processor(resources.normalize_rules));
  if (resources.dedup_index) add(processors::make_dedup_processor(resources.dedup_index));
  if (resources.topic_rules) add(processors::make_topics_processor(resources.topic_rules));
  if (resources.quote_rules) {
    processors::QuotesOptions o;
    o.rules = resources.quote_rules;
    o.indirect = config.boolean("quotes.indirect");
    add(processors::make_quotes_processor(o));
  }

  processors::SerializerOptions serializer;
  serializer.explain_topics = config.boolean("topics.explain");
  serializer.duplicates_dropped = config.string("dedup.on_duplicate") == "drop";
  return std::make_unique<processors::Pipeline>(parser_options(config), serializer, std::move(chain));
}

}  // namespace newsflow::app
