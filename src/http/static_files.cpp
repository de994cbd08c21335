// The embedded web UI (cmake/embed.cmake). Vite names files under /assets/ by content hash, so
// they may be cached forever; index.html is never cached so a new release is picked up at once.
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

Response AssetResponse(const embedded::Asset& asset, std::string_view cache_control) {
    Response res;
    res.content_type = std::string(ContentTypeFor(asset.name));
    res.body = std::string(asset.data());
    res.headers.emplace_back("Cache-Control", std::string(cache_control));
    return res;
}

Response NotFoundResponse(const Request& req) {
    Response res = ErrorResponse(404, "not_found", "見つかりません。", "", req.request_id);
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

}  // namespace

Response StaticResponse(const Request& req) {
    if (req.method != "GET") return NotFoundResponse(req);
    if (const auto* asset = FindWebAsset(req.path); asset != nullptr && req.path != "/index.html") {
        return AssetResponse(*asset, req.path.starts_with("/assets/") ? kImmutable : "no-cache");
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
    return AssetResponse(*index, "no-store");
}

}  // namespace tsunagu::http
