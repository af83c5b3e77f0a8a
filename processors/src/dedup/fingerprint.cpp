// Text -> DedupFingerprint: word tokens, 5-word shingles, MinHash band keys and
// a b-bit MinHash sketch. One pass over the text, no allocation per token.
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <limits>

#include "newsflow/processors/dedup.hpp"
#include "dedup/hashing.hpp"

namespace newsflow::processors {
namespace {

using dedup_detail::mix64;

constexpr size_t kShingleWords = 5;
// Below this many shingles a text is too short to call a near-duplicate of
// anything (one shared sentence would decide); exact matching still applies.
constexpr uint32_t kMinShingles = 8;
// Band keys over the start of the text survive truncation to a first part.
constexpr size_t kPrefixShingles = 100;
constexpr size_t kRowsPerBand = 2;
constexpr size_t kPrefixBands = 3;
constexpr size_t kFullBands = kDedupBands - kPrefixBands;
constexpr size_t kPrefixFuncs = kPrefixBands * kRowsPerBand;
constexpr size_t kFullFuncs = kFullBands * kRowsPerBand + kDedupSketchSize;
// Loops run over whole blocks of eight lanes (the spare functions are
// unused): at -O2 GCC vectorizes only loops that need no scalar remainder.
// The seeds are drawn in this padded order (8 prefix, 40 full functions),
// so the padding is part of the fingerprint.
constexpr size_t kBlock = 8;
constexpr size_t lanes(size_t n) { return (n + kBlock - 1) / kBlock * kBlock; }

// MinHash functions h_k(x) = fmix32(x ^ seed_k) over 32-bit shingle hashes:
// 32-bit lanes let the compiler run four functions per SSE4.1 instruction
// (64-bit multiplies do not vectorize before AVX-512).
struct HashFamily {
  std::array<uint32_t, lanes(kPrefixFuncs)> prefix_seed{};
  std::array<uint32_t, lanes(kFullFuncs)> full_seed{};
  HashFamily() {
    uint64_t state = 0x5eed'd00d'cafe'f00dULL;
    for (auto& seed : prefix_seed) seed = static_cast<uint32_t>(dedup_detail::splitmix64(state));
    for (auto& seed : full_seed) seed = static_cast<uint32_t>(dedup_detail::splitmix64(state));
  }
};

inline uint32_t fmix32(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}
const HashFamily& family() {
  static const HashFamily f;
  return f;
}

// Minimum of each function over the shingles, in blocks of kBlock functions
// whose minima stay in registers for the whole pass (a loop over all
// functions per shingle loads and stores every minimum each time). Most of
// the fingerprint's time is here, so it is also compiled for AVX2 (eight
// lanes per instruction instead of four), picked at load time where the CPU
// has it; the results are the same integers either way.
__attribute__((target_clones("avx2", "default"))) void min_hash(const uint32_t* __restrict shingles, size_t n,
                                                                 const uint32_t* __restrict seeds,
                                                                 uint32_t* __restrict mins, size_t functions) {
  for (size_t b = 0; b < functions; b += kBlock) {
    std::array<uint32_t, kBlock> m;
    m.fill(std::numeric_limits<uint32_t>::max());
    for (size_t i = 0; i < n; ++i)
#pragma GCC unroll 8
      for (size_t k = 0; k < kBlock; ++k) m[k] = std::min(m[k], fmix32(shingles[i] ^ seeds[b + k]));
    std::copy(m.begin(), m.end(), mins + b);
  }
}
template <size_t N>
void min_hash(const std::vector<uint32_t>& shingles, size_t n, const std::array<uint32_t, N>& seeds,
              std::array<uint32_t, N>& mins) {
  static_assert(N % kBlock == 0);
  min_hash(shingles.data(), n, seeds.data(), mins.data(), N);
}

// ASCII letters and digits to the byte hashed for them (lower-cased), every
// other byte to 0.
struct WordBytes {
  std::array<uint8_t, 256> folded{};
  constexpr WordBytes() {
    for (int c = '0'; c <= '9'; ++c) folded[c] = static_cast<uint8_t>(c);
    for (int c = 'a'; c <= 'z'; ++c) folded[c] = static_cast<uint8_t>(c);
    for (int c = 'A'; c <= 'Z'; ++c) folded[c] = static_cast<uint8_t>(c + 32);
  }
};
constexpr WordBytes kWordBytes;

// Code points that separate words besides ASCII ones: Latin-1 punctuation and
// spaces, general punctuation (curly quotes, dashes, ellipsis, zero-width and
// special spaces), CJK punctuation, full-width ASCII punctuation.
bool is_separator(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) || cp == 0xFEFF;
}

uint64_t band_key(uint32_t min_a, uint32_t min_b) {
  return mix64((static_cast<uint64_t>(min_a) << 32) | min_b);
}

}  // namespace

DedupFingerprint DedupFingerprinter::compute(std::string_view text, std::string_view canonical_url,
                                             int64_t time_ms) {
  DedupFingerprint fp;
  fp.time_ms = time_ms;
  if (!canonical_url.empty()) fp.url_hash = XXH3_64bits(canonical_url.data(), canonical_url.size()) | 1;

  // Tokens: runs of letters and digits, ASCII lower-cased, hashed with FNV-1a
  // while scanning. Punctuation, quote marks and spacing never reach a token,
  // so typographic differences between copies vanish here.
  tokens_.clear();
  constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL, kFnvPrime = 0x100000001b3ULL;
  uint64_t h = kFnvOffset;
  bool in_word = false;
  auto end_word = [&]() __attribute__((always_inline)) {
    if (in_word) tokens_.push_back(mix64(h));
    h = kFnvOffset;
    in_word = false;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (const uint8_t folded = kWordBytes.folded[c]) {  // the common case: one load, one branch
      h = (h ^ folded) * kFnvPrime;
      in_word = true;
      ++p;
      continue;
    }
    if (c < 0x80) {
      end_word();
      ++p;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (static_cast<size_t>(end - p) < len) len = static_cast<size_t>(end - p);
    uint32_t cp = len == 1 ? c : c & (0xFFu >> (len + 1));
    for (size_t i = 1; i < len; ++i) cp = (cp << 6) | (p[i] & 0x3Fu);
    if (is_separator(cp)) {
      end_word();
    } else {
      for (size_t i = 0; i < len; ++i) h = (h ^ p[i]) * kFnvPrime;
      in_word = true;
    }
    p += len;
  }
  end_word();
  if (tokens_.empty()) return fp;
  fp.content_hash = XXH3_64bits(tokens_.data(), tokens_.size() * sizeof(uint64_t)) | 1;

  if (tokens_.size() < kShingleWords + kMinShingles - 1) {
    // Short texts only match exactly: every band is the content hash, so
    // identical ones meet in the key table and are compared by content hash.
    for (size_t k = 0; k < kDedupBands; ++k) fp.bands[k] = static_cast<uint32_t>(mix64(fp.content_hash + k));
    return fp;
  }

  // Shingle i is rotl^4(t_i) ^ rotl^3(t_i+1) ^ ... ^ t_i+4 (rotations by 17
  // bits), so the next one is rotl(s) ^ rotl^5(t_i) ^ t_i+5: rotation is
  // linear over xor.
  shingles_.resize(tokens_.size() - kShingleWords + 1);
  uint64_t s = tokens_[0];
  for (size_t j = 1; j < kShingleWords; ++j) s = std::rotl(s, 17) ^ tokens_[j];
  for (size_t i = 0;; ++i) {
    shingles_[i] = static_cast<uint32_t>(mix64(s));
    if (i + kShingleWords == tokens_.size()) break;
    s = std::rotl(s, 17) ^ std::rotl(tokens_[i], 17 * kShingleWords % 64) ^ tokens_[i + kShingleWords];
  }
  fp.shingles = static_cast<uint32_t>(std::min<size_t>(shingles_.size(), std::numeric_limits<uint16_t>::max()));

  const auto& f = family();
  std::array<uint32_t, lanes(kPrefixFuncs)> prefix_min;
  std::array<uint32_t, lanes(kFullFuncs)> full_min;
  const size_t prefix_end = std::min(kPrefixShingles, shingles_.size());
  min_hash(shingles_, prefix_end, f.prefix_seed, prefix_min);
  min_hash(shingles_, shingles_.size(), f.full_seed, full_min);
  for (size_t band = 0; band < kPrefixBands; ++band)
    fp.bands[band] = static_cast<uint32_t>(band_key(prefix_min[2 * band], prefix_min[2 * band + 1]));
  for (size_t band = 0; band < kFullBands; ++band)
    fp.bands[kPrefixBands + band] = static_cast<uint32_t>(band_key(full_min[2 * band], full_min[2 * band + 1]));
  for (size_t k = 0; k < kDedupSketchSize; ++k)
    fp.sketch[k] = static_cast<uint8_t>(full_min[kFullBands * kRowsPerBand + k]);
  return fp;
}

}  // namespace newsflow::processors
