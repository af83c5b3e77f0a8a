#include "newsflow/app/status_server.hpp"

#include <CivetServer.h>
#include <prometheus/text_serializer.h>

#include <sstream>

#include "newsflow/app/health.hpp"
#include "newsflow/core/errors.hpp"

namespace newsflow::app {
namespace {

void respond(mg_connection* conn, int status, const char* content_type, const std::string& body) {
  mg_printf(conn,
            "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nCache-Control: no-store\r\n"
            "Connection: close\r\n\r\n",
            status, status == 200 ? "OK" : status == 503 ? "Service Unavailable" : "Not Found", content_type,
            body.size());
  mg_write(conn, body.data(), body.size());
}

class MetricsHandler final : public CivetHandler {
 public:
  explicit MetricsHandler(std::shared_ptr<prometheus::Registry> registry) : registry_(std::move(registry)) {}
  bool handleGet(CivetServer*, mg_connection* conn) override {
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, registry_->Collect());
    respond(conn, 200, "text/plain; version=0.0.4; charset=utf-8", out.str());
    return true;
  }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
};

class HealthHandler final : public CivetHandler {
 public:
  HealthHandler(const Health* health, bool readiness) : health_(health), readiness_(readiness) {}
  bool handleGet(CivetServer*, mg_connection* conn) override {
    if (!health_) {
      respond(conn, 404, "text/plain; charset=utf-8", "no health checks in this mode\n");
      return true;
    }
    const HealthReport r = readiness_ ? health_->readiness() : health_->liveness();
    respond(conn, r.ok ? 200 : 503, "text/plain; charset=utf-8", r.text);
    return true;
  }

 private:
  const Health* health_;
  bool readiness_;
};

}  // namespace

struct StatusServer::Handlers {
  MetricsHandler metrics;
  HealthHandler healthz, readyz;
};

StatusServer::StatusServer(const std::string& address, std::shared_ptr<prometheus::Registry> registry,
                           const Health* health)
    : handlers_(std::make_unique<Handlers>(Handlers{MetricsHandler(std::move(registry)), HealthHandler(health, false),
                                                    HealthHandler(health, true)})) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos) throw ConfigError("metrics.address '" + address + "': expected host:port");
  try {
    server_ = std::make_unique<CivetServer>(std::vector<std::string>{"listening_ports", address, "num_threads", "2"});
  } catch (const std::exception& e) {
    throw ConfigError("metrics.address '" + address + "': cannot listen: " + e.what());
  }
  server_->addHandler("/metrics", handlers_->metrics);
  server_->addHandler("/healthz", handlers_->healthz);
  server_->addHandler("/readyz", handlers_->readyz);
  const auto ports = server_->getListeningPorts();
  base_url_ = "http://" + address.substr(0, colon) + ":" + std::to_string(ports.empty() ? 0 : ports.front());
}

StatusServer::~StatusServer() = default;

}  // namespace newsflow::app
