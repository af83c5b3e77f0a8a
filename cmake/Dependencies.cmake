# Every third-party library comes from a Debian 12 package; scripts/install-deps
# installs them. Keep this list and that script in step.
find_package(PkgConfig REQUIRED)
pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka)
pkg_check_modules(HYPERSCAN REQUIRED IMPORTED_TARGET libhs)
# sd_notify for the systemd unit (Type=notify, watchdog).
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
find_package(simdjson REQUIRED)
find_package(prometheus-cpp REQUIRED)
# The HTTP server prometheus-cpp wraps, used directly for /healthz and /readyz.
find_package(civetweb REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(ZLIB REQUIRED)  # gzip archives for newsflow replay --from-file
find_library(XXHASH_LIBRARY xxhash REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
if(NEWSFLOW_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(NEWSFLOW_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
