// The embedded web UI (cmake/embed.cmake). Vite names files under /assets/ by content hash, so
// they may be cached forever; index.html is never cached so a new release is picked up at once.
#include <cctype>
#include <string>
#include <string_view>

#include "http/router.hpp"
#include "storage/embedded.hpp"

namespace tsunagu::http {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

struct ContentType {
    std::string_view extension;
    std::string_view type;
};

constexpr ContentType kContentTypes[] = {
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".html", "text/html; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".json", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
};

std::string_view ContentTypeFor(std::string_view path) {
    for (const auto& ct : kContentTypes) {
        if (path.ends_with(ct.extension)) return ct.type;
    }
    return "application/octet-stream";
}

const embedded::Asset* FindWebAsset(std::string_view path) {
    for (const auto& asset : embedded::All()) {
        if (std::string_view(asset.kind) == "web" && path == asset.name) return &asset;
    }
    return nullptr;
}

// Client-side routes ("/persons/12") have no extension; a missing "/logo.png" must stay a 404.
bool LooksLikeClientRoute(std::string_view path) {
    if (path == "/api" || path.starts_with("/api/")) return false;
    auto last_segment = path.substr(path.rfind('/') + 1);
    return last_segment.find('.') == std::string_view::npos;
}

//! True when the Accept-Encoding header accepts `coding` (a q of 0 refuses it).
bool Accepts(const std::string& accept_encoding, std::string_view coding) {
    std::size_t pos = 0;
    while (pos <= accept_encoding.size()) {
        std::size_t end = accept_encoding.find(',', pos);
        if (end == std::string::npos) end = accept_encoding.size();
        std::string item = accept_encoding.substr(pos, end - pos);
        pos = end + 1;
        const std::size_t semi = item.find(';');
        std::string name = item.substr(0, semi);
        while (!name.empty() && name.front() == ' ') name.erase(0, 1);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name != coding && name != "*") continue;
        if (semi != std::string::npos) {
            std::string params = item.substr(semi + 1);
            params.erase(0, params.find_first_not_of(' '));
            if (params.rfind("q=0", 0) == 0 && params.find_first_of("123456789", 3) == std::string::npos) return false;
        }
        return true;
    }
    return false;
}

//! The asset, or its precompressed .br / .gz twin (scripts/precompress) when the client accepts it.
Response AssetResponse(const Request& req, const embedded::Asset& asset, std::string_view cache_control) {
    Response res;
    res.content_type = std::string(ContentTypeFor(asset.name));
    res.body = std::string(asset.data());
    res.headers.emplace_back("Cache-Control", std::string(cache_control));
    const std::string name(asset.name);
    const embedded::Asset* br = FindWebAsset(name + ".br");
    const embedded::Asset* gz = FindWebAsset(name + ".gz");
    if (br == nullptr && gz == nullptr) return res;
    res.headers.emplace_back("Vary", "Accept-Encoding");
    const std::string accept = req.Header("accept-encoding");
    if (br != nullptr && Accepts(accept, "br")) {
        res.body = std::string(br->data());
        res.headers.emplace_back("Content-Encoding", "br");
    } else if (gz != nullptr && Accepts(accept, "gzip")) {
        res.body = std::string(gz->data());
        res.headers.emplace_back("Content-Encoding", "gzip");
    }
    return res;
}

Response NotFoundResponse(const Request& req) {
    Response res = ErrorResponse(404, "not_found", "見つかりません。", "", req.request_id);
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

}  // namespace

Response StaticResponse(const Request& req) {
    if (req.method != "GET" && req.method != "HEAD") return NotFoundResponse(req);
    // The twins are chosen by Accept-Encoding, never asked for by name.
    if (req.path.ends_with(".gz") || req.path.ends_with(".br")) return NotFoundResponse(req);
    if (const auto* asset = FindWebAsset(req.path); asset != nullptr && req.path != "/index.html") {
        return AssetResponse(req, *asset, req.path.starts_with("/assets/") ? kImmutable : "no-cache");
    }
    // Browsers ask for /favicon.ico whatever the page says: answer with the SVG icon.
    if (req.path == "/favicon.ico") {
        if (const auto* icon = FindWebAsset("/favicon.svg")) return AssetResponse(req, *icon, "no-cache");
    }
    if (req.path != "/index.html" && !LooksLikeClientRoute(req.path)) return NotFoundResponse(req);
    const auto* index = FindWebAsset("/index.html");
    if (index == nullptr) {
        Response res;
        res.status = 503;
        res.content_type = "text/plain; charset=utf-8";
        res.body = "web UI not built\n";
        res.headers.emplace_back("Cache-Control", "no-store");
        return res;
    }
    return AssetResponse(req, *index, "no-store");
}

}  // namespace tsunagu::http
