#pragma once
#include <string>

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
};

//! Serves HTTP(S) until SIGINT/SIGTERM, then stops accepting, finishes in-flight requests and
//! returns 0. Throws std::runtime_error when it cannot listen.
int Serve(const ServerOptions& options, const Router& router, storage::Database& db, const Settings& settings);

//! Writes a self-signed certificate and key (PEM) for `host`, valid 825 days (`tsunagu cert`).
void MakeSelfSignedCert(const std::string& host, const std::string& cert_path, const std::string& key_path);

}  // namespace tsunagu::http
