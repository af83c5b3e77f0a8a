// Placeholder until the quotes issue lands: no quotes.
#include "newsflow/processors/quotes.hpp"

namespace newsflow::processors {

namespace {
class QuotesProcessor final : public Processor {
 public:
  std::string_view name() const override { return "quotes"; }
  Outcome process(Article&) override { return Outcome::pass(); }
};
}  // namespace

std::unique_ptr<Processor> make_quotes_processor(const QuotesOptions&) { return std::make_unique<QuotesProcessor>(); }

}  // namespace newsflow::processors
