// The server's resource limits (doc/api.md, "Limits"; issue 15): idle connections and slow
// clients are disconnected, and past the connection cap a client gets 503 at once instead of
// waiting behind them. Short limits here so that the tests take seconds.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tocsin/serve/memory_backend.h"
#include "tocsin/serve/server.h"

namespace tocsin::serve {
namespace {

using Clock = std::chrono::steady_clock;

int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool Send(int fd, const std::string& s) {
  return ::send(fd, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
}

// Reads until the peer closes or `limit` passes; *closed tells which.
std::string ReadAll(int fd, std::chrono::milliseconds limit, bool* closed) {
  std::string out;
  *closed = false;
  const auto end = Clock::now() + limit;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
    if (left.count() <= 0) return out;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[4096];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      *closed = true;
      return out;
    }
    out.append(buf, static_cast<size_t>(n));
  }
}

class ServerLimitsTest : public ::testing::Test {
 protected:
  void Start(size_t max_connections) {
    ServerOptions o;
    o.port = 0;
    o.threads = 8;
    o.max_connections = max_connections;
    o.idle_timeout_s = 1;
    o.request_timeout_s = 2;
    o.response_timeout_s = 2;
    server_ = std::make_unique<Server>(&backend_, o);
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    for (int fd : fds_) ::close(fd);
    if (server_) server_->Stop();
  }
  int Open() {
    const int fd = Connect(server_->port());
    EXPECT_GE(fd, 0);
    fds_.push_back(fd);
    return fd;
  }
  std::string Health(bool* closed) {
    const int fd = Open();
    Send(fd, "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    return ReadAll(fd, std::chrono::seconds(5), closed);
  }

  InMemoryBackend backend_{nullptr};
  std::unique_ptr<Server> server_;
  std::vector<int> fds_;
};

TEST_F(ServerLimitsTest, IdleConnectionIsClosedAfterTheIdleTimeout) {
  Start(4);
  const int fd = Open();
  const auto t0 = Clock::now();
  bool closed = false;
  ReadAll(fd, std::chrono::seconds(6), &closed);
  EXPECT_TRUE(closed) << "an idle connection stayed open for 6 s";
  EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(3500));
}

TEST_F(ServerLimitsTest, SlowClientIsCutOffAtTheRequestTimeout) {
  Start(4);
  const int fd = Open();
  const auto t0 = Clock::now();
  // Slowloris: a header line every 300 ms, never the end of the headers. Each byte arrives
  // well within any per-read timeout; only a deadline for the whole request stops it.
  ASSERT_TRUE(Send(fd, "GET /api/health HTTP/1.1\r\n"));
  bool cut = false;
  for (int i = 0; i < 40 && !cut; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) {  // an error response, then the end of the connection
      char buf[512];
      if (::recv(fd, buf, sizeof buf, 0) <= 0) cut = true;
      continue;
    }
    cut = !Send(fd, "X-Slow-" + std::to_string(i) + ": 1\r\n");
  }
  EXPECT_TRUE(cut) << "a slow client kept its connection for 12 s";
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(6));
}

TEST_F(ServerLimitsTest, PastTheConnectionCapClientsGet503AtOnce) {
  Start(3);
  // Three connections that send part of a request hold the three places.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Send(Open(), "GET /api/health HTTP/1.1\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto t0 = Clock::now();
  bool closed = false;
  const std::string r = Health(&closed);
  EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(1500));
  EXPECT_EQ(r.rfind("HTTP/1.1 503", 0), 0u) << r;
  EXPECT_NE(r.find("\"status\":503"), std::string::npos) << r;
  EXPECT_NE(r.find("Retry-After: 1"), std::string::npos) << r;
  EXPECT_TRUE(closed);
  // Once the slow ones are cut off (request timeout), the server answers again.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  const std::string ok = Health(&closed);
  EXPECT_EQ(ok.rfind("HTTP/1.1 200", 0), 0u) << ok;
  EXPECT_NE(ok.find("\"ok\":true"), std::string::npos) << ok;
}

TEST_F(ServerLimitsTest, ManyIdleConnectionsDoNotDelayHealth) {
  Start(0);  // the default cap: threads - 16, at least half the threads
  for (int i = 0; i < 60; ++i) Open();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto t0 = Clock::now();
  bool closed = false;
  const std::string r = Health(&closed);
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(2)) << r;
  EXPECT_TRUE(r.rfind("HTTP/1.1 200", 0) == 0 || r.rfind("HTTP/1.1 503", 0) == 0) << r;
}

}  // namespace
}  // namespace tocsin::serve
