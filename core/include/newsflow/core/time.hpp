#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsflow {

// RFC 3339 / ISO 8601 date-time ("2024-07-09T10:00:00Z", "+02:00" offsets,
// fractional seconds, a space instead of 'T', or a bare date) to Unix ms.
std::optional<int64_t> parse_rfc3339_ms(std::string_view s);
// Unix ms to "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string format_rfc3339_ms(int64_t ms);
// The same text written into buf, returned as a view of it: for the output
// record, which writes two of these per article and needs no string for them.
using Rfc3339Buffer = char[40];
std::string_view format_rfc3339_ms(int64_t ms, Rfc3339Buffer& buf);
int64_t now_ms();

}  // namespace newsflow
