#pragma once
#include <string>
#include <vector>

#include "http/router.hpp"

namespace tsunagu::http {

//! How `tsunagu serve` listens.
struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    std::string tls_cert;  //!< PEM; with tls_key, serve HTTPS
    std::string tls_key;
    bool insecure_lan = false;  //!< allow plain HTTP on a non-loopback address
    int threads = 4;
    // Availability under abuse (issue #13, docs/decisions/0014-sign-in-hardening.md).
    int max_connections = 512;                 //!< open connections in all; more are closed at once
    int max_connections_per_address = 64;      //!< from one client address (a trusted proxy is exempt)
    int header_timeout_seconds = 10;           //!< a request's header must arrive within this
    int password_workers = 2;                  //!< threads of the Argon2id pool (never the I/O threads)
    int password_queue = 4;                    //!< sign-ins waiting for it; beyond that 503 busy at once
    std::vector<std::string> trusted_proxies;  //!< CIDRs whose X-Forwarded-For is believed
};

//! True when `addr` (an IP address as text) lies in `cidr` ("10.0.0.0/8", "::1/128", "192.0.2.7").
//! False for anything unparsable.
bool AddressInCidr(const std::string& addr, const std::string& cidr);
//! The client address a request is attributed to: the last X-Forwarded-For entry when the peer
//! `peer` is a trusted proxy and that entry is an IP address, else `peer`.
std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

//! Serves HTTP(S) until SIGINT/SIGTERM, then stops accepting, finishes in-flight requests and
//! returns 0. Throws std::runtime_error when it cannot listen.
int Serve(const ServerOptions& options, const Router& router, storage::Database& db, const Settings& settings);

//! Writes a self-signed certificate and key (PEM) for `host`, valid 825 days (`tsunagu cert`).
void MakeSelfSignedCert(const std::string& host, const std::string& cert_path, const std::string& key_path);

}  // namespace tsunagu::http
