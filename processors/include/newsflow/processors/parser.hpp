#pragma once
// Raw JSON bytes -> Article. One parser per worker: it owns reused simdjson
// parsers and a padded copy buffer, so it is not thread-safe. A record is
// accepted only if Python's json, Jackson's defaults and simdjson can all read
// it back the same way: valid JSON throughout (pass-through values included),
// at most max_depth deep, numbers within double / 64-bit integer range, no
// repeated top-level key. A leading UTF-8 byte-order mark is ignored.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "newsflow/core/article.hpp"
#include "newsflow/core/errors.hpp"
#include "newsflow/core/record.hpp"

namespace newsflow::processors {

// Which input field holds what. The first present body field wins.
struct FieldMapping {
  std::string id = "id";
  std::string url = "url";
  std::string source = "source";
  std::string title = "title";
  std::vector<std::string> body = {"body", "text", "content", "maintext"};
  std::string published_at = "published_at";
  std::string language = "language";
};

struct ParserOptions {
  FieldMapping fields;
  size_t max_body_bytes = 2 * 1024 * 1024;
  size_t max_record_bytes = 8 * 1024 * 1024;
  // Most nested objects/arrays in a record, the root object counting as 1.
  // Python's json gives up near 1,000 and Jackson at 1,000 by default.
  size_t max_depth = 64;
};

class ArticleParser {
 public:
  explicit ArticleParser(ParserOptions options);
  ~ArticleParser();
  ArticleParser(const ArticleParser&) = delete;
  ArticleParser& operator=(const ArticleParser&) = delete;

  // Fills out (cleared first) or returns why the record cannot be an article.
  std::optional<Rejection> parse(const RawRecord& record, Article& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsflow::processors
