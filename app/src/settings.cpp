// The one place every setting is declared. The README's configuration
// reference is generated from this table (`newsflow config --markdown`) and a
// unit test checks that the README matches it.
#include "newsflow/app/config.hpp"

namespace newsflow::app {

const std::vector<SettingSpec>& all_settings() {
  using T = SettingType;
  static const std::vector<SettingSpec> settings = {
      // --- Kafka ---
      {"kafka.brokers", T::string, "localhost:9092", "Bootstrap servers (bootstrap.servers)."},
      {"kafka.group_id", T::string, "newsflow", "Consumer group id shared by all instances of the stage."},
      {"kafka.sasl_password", T::string, "", "SASL password (sasl.password); never printed.", {}, true},
      {"kafka.statistics_interval", T::duration, "5s",
       "How often librdkafka reports statistics (consumer lag metrics); 0 turns them off."},
      {"input.topic", T::string, "articles.raw", "Topic of raw articles to consume."},
      {"output.topic", T::string, "articles.enriched", "Topic enriched records are produced to."},
      {"output.dlq_topic", T::string, "", "Dead-letter topic; empty means '<input.topic>.dlq'."},

      // --- Delivery guarantee ---
      {"processing.guarantee", T::choice, "exactly_once",
       "exactly_once: each batch (outputs, dead letters, duplicates, changelog, input offsets) is one Kafka "
       "transaction; at_least_once: outputs first, then offsets, committed in order once delivered while the next batch is processed (a crash repeats what was not committed).",
       {"exactly_once", "at_least_once"}},
      {"processing.commit_interval", T::duration, "100ms",
       "Longest time a batch stays open before it is committed (Kafka Streams' default under exactly-once)."},
      {"processing.commit_records", T::integer, "5000", "Most input records in one batch (one commit)."},
      {"processing.outage_limit", T::duration, "10m",
       "How long a broker that does not answer is waited for (deliveries and commits retried) before the stage gives up and exits non-zero."},
      {"kafka.instance_id", T::string, "",
       "Name of this instance in client and transactional ids; empty means the host name. Two instances on one host need different ones."},
      {"kafka.client_id_prefix", T::string, "newsflow", "client.id is '<prefix>-<instance>-<worker>' for a worker, '<prefix>-<instance>-replay-<worker>' for a replay's, '<prefix>-<instance>-lag' for `newsflow lag` (also -probe, -admin, -changelog), so brokers and tools tell clients apart."},
      {"kafka.transactional_id_prefix", T::string, "newsflow",
       "transactional.id is '<prefix>-<group>-<instance>-<worker>': stable, so a restarted worker fences its zombie."},
      {"cloudevents.enabled", T::boolean, "true",
       "Output records carry CloudEvents 1.0 attributes as ce_* headers (Kafka binding, binary mode); the input's "
       "ce_* headers are replaced, traceparent/tracestate kept."},
      {"cloudevents.source", T::string, "", "ce_source of output records; empty means '/newsflow/<kafka.group_id>'."},
      {"cloudevents.type", T::string, "news.article.enriched", "ce_type of output records."},

      // --- Run loop ---
      {"run.workers", T::integer, "0",
       "Worker threads (each: consumer + pipeline + producer in the group); 0 means one per core."},
      {"run.batch_size", T::integer, "500", "Most records taken from one poll (records are processed as soon as they are polled)."},
      {"run.batch_timeout", T::duration, "100ms", "Longest wait in one poll when no record is available."},
      {"run.delivery_timeout", T::duration, "5s",
       "How long one wait for a batch's delivery reports lasts before it is logged and retried (processing.outage_limit bounds the total)."},
      {"run.shutdown_timeout", T::duration, "30s", "Longest drain on SIGTERM/SIGINT before exiting."},
      {"run.passthrough", T::boolean, "false",
       "Skip processing: copy input to output unchanged (the no-op ceiling for throughput comparisons)."},

      // --- Input records ---
      {"input.max_record_bytes", T::bytes, "8MiB", "Records larger than this are dead-lettered (body_too_large); at most 20000000."},
      {"input.max_body_bytes", T::bytes, "2MiB", "Bodies larger than this are dead-lettered (body_too_large)."},
      {"input.max_depth", T::integer, "64",
       "Most nested objects/arrays in a record (the root is 1; 1 to 500); deeper records are dead-lettered (too_deep)."},
      {"input.fields.id", T::string, "id", "Input field holding the article id."},
      {"input.fields.url", T::string, "url", "Input field holding the article URL."},
      {"input.fields.source", T::string, "source", "Input field holding the source (outlet) name."},
      {"input.fields.title", T::string, "title", "Input field holding the headline."},
      {"input.fields.body", T::list, "body,text,content,maintext",
       "Input fields that may hold the body, in order of preference."},
      {"input.fields.published_at", T::string, "published_at", "Input field holding the RFC 3339 publish time."},
      {"input.fields.language", T::string, "language", "Input field holding an ISO 639-1 language code."},

      // --- Processors ---
      {"data_dir", T::string, NEWSFLOW_DEFAULT_DATA_DIR,
       "Directory that relative rule-file paths below are resolved against."},
      {"normalize.rules_file", T::string, "normalize/chrome.rules", "Page-chrome rules for the normalize processor."},
      {"dedup.enabled", T::boolean, "true", "Run the dedup processor."},
      {"dedup.window", T::duration, "7d", "How long a story is remembered (by published_at, else ingest time)."},
      {"dedup.max_entries", T::integer, "10000000", "Most stories remembered; the oldest are evicted first."},
      {"dedup.near_threshold_percent", T::integer, "70",
       "Near-duplicate when this % of the shorter text's 5-word shingles is in the longer (estimated)."},
      {"dedup.on_duplicate", T::choice, "drop",
       "Drop duplicates (counted; the processors after dedup do not run for them), route them (to dedup.duplicates_topic; "
       "process: --duplicates FILE), or emit them marked.",
       {"drop", "route", "emit"}},
      {"dedup.duplicates_topic", T::string, "", "Topic for duplicates when on_duplicate=route; empty means '<output.topic>.duplicates'."},
      {"dedup.changelog_topic", T::string, "",
       "Compacted topic holding dedup fingerprints; empty means '<kafka.group_id>.dedup-changelog'."},
      {"topics.enabled", T::boolean, "true", "Run the topics processor (IPTC topics, entities, language)."},
      {"topics.rules_dir", T::string, "topics", "Directory of topic terms and entity gazetteers."},
      {"topics.explain", T::boolean, "false", "Add the matched terms to each topic in the output."},
      {"quotes.enabled", T::boolean, "true", "Run the quotes processor."},
      {"quotes.rules_file", T::string, "quotes/quote.rules", "Cue verbs, titles, pronouns and name rules for quotes."},
      {"quotes.indirect", T::boolean, "false", "Also emit reported speech as quotes of kind 'indirect' (precision about 0.73: opt-in)."},

      // --- Operations ---
      {"metrics.address", T::string, "127.0.0.1:9464",
       "host:port the Prometheus endpoint binds (plain HTTP, no authentication); empty turns it off."},
      {"log.level", T::choice, "info", "Log level (also --log-level).", {"trace", "debug", "info", "warn", "error"}},
      {"log.format", T::choice, "auto",
       "Log lines on stderr: one JSON object per line, plain text, or auto (text on a terminal, else JSON); "
       "also --log-format.",
       {"auto", "json", "text"}},
  };
  return settings;
}

}  // namespace newsflow::app
