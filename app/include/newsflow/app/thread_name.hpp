#pragma once
// Names the calling thread (Linux: 15 bytes at most, longer names cut), so a
// profile or `top -H` tells the stage's workers from librdkafka's threads.
#include <string_view>

namespace newsflow::app {

void name_this_thread(std::string_view name);

}  // namespace newsflow::app
