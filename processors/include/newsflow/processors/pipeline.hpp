#pragma once
// parse -> processors in order -> serialise. One Pipeline per worker.
#include <memory>
#include <string>
#include <vector>

#include "newsflow/core/record.hpp"
#include "newsflow/processors/parser.hpp"
#include "newsflow/processors/processor.hpp"
#include "newsflow/processors/serializer.hpp"

namespace newsflow::processors {

class Pipeline {
 public:
  Pipeline(ParserOptions parser_options, SerializerOptions serializer_options,
           std::vector<std::unique_ptr<Processor>> chain);

  // Never throws for bad input: a bad record becomes Disposition::reject.
  // The result is the pipeline's own, reused by the next call (its buffers
  // keep their capacity, so a record costs no allocation for them); copy it
  // to keep it longer. When SerializerOptions::duplicates_dropped says a
  // duplicate will not be written, its value is empty and the processors
  // after the one that found it do not run.
  const ProcessedRecord& process(const RawRecord& record);

  // The article as last processed (valid until the next call); for tools
  // and tests that want typed results instead of JSON.
  const Article& last_article() const { return article_; }

  // Collects state changes from every stateful processor in the chain.
  void drain_state_changes(std::vector<StateChange>& out);
  // Offers one changelog entry to the stateful processors; true if one took it.
  bool restore(const StateChange& change);
  // Forwarded to every stateful processor (see StatefulProcessor).
  void commit_state();
  void rollback_state();

  const std::vector<std::unique_ptr<Processor>>& chain() const { return chain_; }

 private:
  ArticleParser parser_;
  SerializerOptions serializer_options_;
  std::vector<std::unique_ptr<Processor>> chain_;
  std::vector<StatefulProcessor*> stateful_;
  Article article_;
  ProcessedRecord result_;
};

}  // namespace newsflow::processors
