#pragma once
#include <string_view>

namespace newsflow {
std::string_view version();
}
