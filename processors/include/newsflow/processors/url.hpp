#pragma once
#include <string>
#include <string_view>

namespace newsflow::processors {

// Canonical form used for identity and dedup: lower-case scheme and host,
// https for http, no "www.", no default port, no fragment, no tracking
// parameters (utm_*, fbclid, gclid, ...), remaining query parameters sorted,
// no trailing slash. Returns the input trimmed when it is not an http(s) URL.
std::string canonicalize_url(std::string_view url);

// A stable id derived from a canonical URL ("u" + 16 hex digits of XXH3-64).
std::string id_from_url(std::string_view canonical_url);

}  // namespace newsflow::processors
