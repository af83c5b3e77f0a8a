#pragma once
// The one HTTP listener of a newsflow process (metrics.address):
//   GET /metrics  Prometheus text exposition of the registry
//   GET /healthz  liveness, GET /readyz  readiness (see health.hpp)
// prometheus-cpp's Exposer cannot serve other paths or status codes, so this
// runs CivetWeb (the server the Exposer wraps, Debian's libcivetweb-dev)
// directly. Two request threads; handlers only read thread-safe state.
#include <prometheus/registry.h>

#include <memory>
#include <string>

class CivetServer;

namespace newsflow::app {

class Health;

class StatusServer {
 public:
  // address is host:port (port 0 picks a free one). health may be null (the
  // demo): the health paths then answer 404. Throws ConfigError naming
  // metrics.address when it cannot listen.
  StatusServer(const std::string& address, std::shared_ptr<prometheus::Registry> registry, const Health* health);
  ~StatusServer();
  StatusServer(const StatusServer&) = delete;
  StatusServer& operator=(const StatusServer&) = delete;

  // http://host:port (without a path).
  const std::string& base_url() const { return base_url_; }

 private:
  struct Handlers;
  std::unique_ptr<Handlers> handlers_;  // outlives server_: destroyed after it
  std::unique_ptr<CivetServer> server_;
  std::string base_url_;
};

}  // namespace newsflow::app
