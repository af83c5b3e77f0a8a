// Thread names as perf, top -H and /proc show them: the stage's own threads
// apart from librdkafka's (rdk:*), which profiles split the stage's CPU by.
#include "newsflow/app/thread_name.hpp"

#include <gtest/gtest.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>

namespace newsflow::app {
namespace {

std::string own_comm() {
  std::ifstream in("/proc/self/task/" + std::to_string(::syscall(SYS_gettid)) + "/comm");
  std::string name;
  std::getline(in, name);
  return name;
}

TEST(ThreadName, NamesTheCallingThreadOnly) {
  const std::string before = own_comm();
  std::string named;
  std::thread t([&] {
    name_this_thread("nf-worker-3");
    named = own_comm();
  });
  t.join();
  EXPECT_EQ(named, "nf-worker-3");
  EXPECT_EQ(own_comm(), before);
}

TEST(ThreadName, LongNamesKeepTheirFirstFifteenBytes) {
  // The kernel refuses a name of more than 15 bytes outright; the start of it is what tells threads apart.
  std::string named;
  std::thread t([&] {
    name_this_thread("nf-worker-123456789");
    named = own_comm();
  });
  t.join();
  EXPECT_EQ(named, "nf-worker-12345");
}

}  // namespace
}  // namespace newsflow::app
