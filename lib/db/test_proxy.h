#pragma once
// For failure tests against a real PostgreSQL (not part of the library's API): a TCP proxy on
// 127.0.0.1 in front of the test server that can turn into a black hole.
//
//   db::testing::BlackholeProxy proxy(settings.host, settings.port);
//   ConnectionSettings through = settings; through.port = proxy.port();
//   ... connect through the proxy, start a statement ...
//   proxy.cut();   // from now on nothing is forwarded, new connections (cancel requests
//                  // included) are accepted and never answered: a server that went silent
//
// Loopback only: it listens on 127.0.0.1 and connects only to `host` given as 127.0.0.1 or
// localhost. Its thread wakes every 50 ms and stops when the proxy is destroyed, which closes
// every socket (so a client still waiting on one sees the connection end).
#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace conflictctl::db::testing {

class BlackholeProxy {
 public:
  BlackholeProxy(const std::string& host, int upstream_port) : upstream_port_(upstream_port) {
    REQUIRE((host == "127.0.0.1" || host == "localhost"));
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(listener_ >= 0);
    sockaddr_in address = loopback(0);
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener_, 16) == 0);
    socklen_t size = sizeof address;
    REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~BlackholeProxy() {
    stop_ = true;
    thread_.join();
    for (const Pair& pair : pairs_) {
      if (pair.client >= 0) ::close(pair.client);
      if (pair.upstream >= 0) ::close(pair.upstream);
    }
    ::close(listener_);
  }
  BlackholeProxy(const BlackholeProxy&) = delete;
  BlackholeProxy& operator=(const BlackholeProxy&) = delete;

  int port() const { return port_; }
  // From now on: nothing forwarded either way, new connections accepted and left silent.
  void cut() { cut_ = true; }
  // Connections accepted after cut() (e.g. cancel requests), for assertions.
  int silent_connections() const { return silent_.load(); }

 private:
  struct Pair {
    int client;    // -1 once closed
    int upstream;  // -1: accepted after cut() (never connected anywhere), or closed
  };

  static sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    return address;
  }

  void serve() {
    while (!stop_) {
      std::vector<pollfd> fds{{listener_, POLLIN, 0}};
      std::vector<std::size_t> owner{0};
      if (!cut_)
        for (std::size_t p = 0; p < pairs_.size(); ++p)
          if (pairs_[p].upstream >= 0 && pairs_[p].client >= 0) {
            fds.push_back({pairs_[p].client, POLLIN, 0});
            fds.push_back({pairs_[p].upstream, POLLIN, 0});
            owner.push_back(p);
            owner.push_back(p);
          }
      if (::poll(fds.data(), fds.size(), 50) <= 0) continue;
      if (fds[0].revents & POLLIN) accept_one();
      for (std::size_t i = 1; i < fds.size() && !cut_; ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        Pair& pair = pairs_[owner[i]];
        if (pair.client < 0) continue;  // closed earlier in this round
        const int from = fds[i].fd, to = from == pair.client ? pair.upstream : pair.client;
        char buffer[16384];
        const ssize_t n = ::recv(from, buffer, sizeof buffer, 0);
        bool ok = n > 0;
        for (ssize_t sent = 0; ok && sent < n;) {
          const ssize_t m = ::send(to, buffer + sent, static_cast<size_t>(n - sent), MSG_NOSIGNAL);
          ok = m > 0;
          if (ok) sent += m;
        }
        if (!ok) {  // one side ended: end the other
          ::close(pair.client);
          ::close(pair.upstream);
          pair.client = pair.upstream = -1;
        }
      }
    }
  }

  void accept_one() {
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) return;
    if (cut_) {
      ++silent_;
      pairs_.push_back({client, -1});
      return;
    }
    const int upstream = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopback(upstream_port_);
    if (upstream < 0 ||
        ::connect(upstream, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      if (upstream >= 0) ::close(upstream);
      ::close(client);
      return;
    }
    pairs_.push_back({client, upstream});
  }

  int upstream_port_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> cut_{false};
  std::atomic<int> silent_{0};
  std::vector<Pair> pairs_;  // the proxy thread's own
  std::thread thread_;
};

}  // namespace conflictctl::db::testing
