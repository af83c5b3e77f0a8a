#include "newsflow/consumer/file_source.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "newsflow/core/errors.hpp"

namespace newsflow::consumer {
namespace {

TEST(FileSourceTest, ReadsLinesInBatchesWithLineNumbers) {
  const std::string path = ::testing::TempDir() + "/in.ndjson";
  std::ofstream(path) << "{\"a\":1}\r\n\n   \n{\"a\":2}\n{\"a\":3}";
  FileSource source(path);
  std::vector<RawRecord> batch;
  ASSERT_TRUE(source.next_batch(batch, 2));
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].value, "{\"a\":1}");
  EXPECT_EQ(batch[1].line_number, 4u);
  batch.clear();
  ASSERT_TRUE(source.next_batch(batch, 2));
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch[0].value, "{\"a\":3}");
  batch.clear();
  EXPECT_FALSE(source.next_batch(batch, 2));
}

TEST(FileSourceTest, MissingFileIsAConfigError) {
  EXPECT_THROW(FileSource source("/nonexistent/x.ndjson"), ConfigError);
}

}  // namespace
}  // namespace newsflow::consumer
