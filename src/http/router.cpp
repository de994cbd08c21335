#include "http/router.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "audit/audit.hpp"
#include "auth/session.hpp"
#include "crypto/crypto.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "http/strict_input.hpp"
#include "storage/commit_hook.hpp"
#include "storage/database.hpp"
#include "storage/embedded.hpp"
#include "storage/group_commit.hpp"

namespace tsunagu::http {

namespace {

//! Whether `path` fits `pattern` segment by segment ("{name}" takes any non-empty segment, into
//! `params` on a match). Walks both texts in place: every request is tried against the routes in
//! turn, so a route that does not match must cost no allocation (issue 8).
bool Match(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
    if (pattern.empty() || path.empty()) {
        if (pattern.empty() && path.empty()) params.clear();
        return pattern.empty() && path.empty();
    }
    std::map<std::string, std::string> found;
    std::size_t p = 1, x = 1;  // after the leading '/'
    for (;;) {
        const std::size_t pe = std::min(pattern.find('/', p), pattern.size());
        const std::size_t xe = std::min(path.find('/', x), path.size());
        const std::string_view ps = pattern.substr(p, pe - p), xs = path.substr(x, xe - x);
        if (ps.size() > 2 && ps.front() == '{' && ps.back() == '}') {
            if (xs.empty()) return false;
            found[std::string(ps.substr(1, ps.size() - 2))] = std::string(xs);
        } else if (ps != xs) {
            return false;
        }
        const bool pattern_done = pe == pattern.size(), path_done = xe == path.size();
        if (pattern_done || path_done) {
            if (pattern_done != path_done) return false;
            break;
        }
        p = pe + 1;
        x = xe + 1;
    }
    params = std::move(found);
    return true;
}

bool IsUnsafe(const std::string& m) { return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE"; }

bool SameToken(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

//! Driver messages may quote SQL and bound values (personal data): keep only the part before them.
std::string Redacted(const std::string& what) {
    std::string s = what.substr(0, what.find(" while "));
    s = s.substr(0, s.find(" with "));
    return s.substr(0, 200);
}

//! The entity a route is about: "persons" for /api/v1/persons/{id}/..., "print" for /print/...
std::string EntityOf(const Route& route) {
    const std::string p = route.pattern.rfind("/api/v1/", 0) == 0 ? route.pattern.substr(8) : route.pattern.substr(1);
    return p.substr(0, p.find('/'));
}

//! What a route's record is: the collection named before its innermost path parameter, with the
//! literal segments after it ("persons.redflags.history"), and that parameter's name.
std::pair<std::string, std::string> RecordOf(const Route& route) {
    const std::string p = route.pattern.rfind("/api/v1/", 0) == 0 ? route.pattern.substr(8) : route.pattern.substr(1);
    std::vector<std::string> segs;
    for (std::size_t b = 0; b <= p.size();) {
        const std::size_t end = std::min(p.find('/', b), p.size());
        if (end > b) segs.push_back(p.substr(b, end - b));
        b = end + 1;
    }
    std::size_t k = segs.size();
    for (std::size_t i = 0; i < segs.size(); ++i)
        if (segs[i].size() > 2 && segs[i].front() == '{') k = i;
    if (k == segs.size() || k == 0) return {EntityOf(route), ""};
    std::string entity = segs[k - 1];
    for (std::size_t i = k + 1; i < segs.size(); ++i) entity += "." + segs[i];
    return {entity, segs[k].substr(1, segs[k].size() - 2)};
}

void AuditRefusal(storage::Database& db, const Context& ctx, const Route& route, int status) {
    try {
        audit::AuditEvent e;
        e.office_id = ctx.user.office_id;
        e.user_id = ctx.user.user_id;
        e.action = ctx.req.method == "GET" || ctx.req.method == "HEAD" ? "read" : "write";
        e.entity = EntityOf(route);
        // The record asked for (#13): the innermost id of the path and what it names, e.g. a plan
        // ("plans", pid) under /persons/{id}/plans/{pid}, or "persons.redflags" for a person's red
        // flags. The id goes in entity_id only: it may name a person of another office, which must
        // not show up among this office's records of that person id.
        const auto [entity, param] = RecordOf(route);
        e.entity = entity;
        auto id = param.empty() ? ctx.req.params.end() : ctx.req.params.find(param);
        e.entity_id = id != ctx.req.params.end() ? id->second.substr(0, 20) : "";
        e.request_id = ctx.req.request_id;
        e.client_addr = ctx.req.client_addr;
        e.outcome = status == 403 ? "denied" : "not_found";
        storage::Tx tx(db);
        audit::Append(tx, e);
        tx.Commit();
    } catch (const std::exception&) {
        spdlog::error("request {}: could not audit a refusal", ctx.req.request_id);
    }
}

//! Hands the handler's deferred writes (audit rows of its reads) to the group committer: the
//! response leaves once they are durable (see Response::after_durable).
Response WithDeferredWrites(Response res, Context& ctx) {
    if (ctx.deferred_writes.empty()) return res;
    res.after_durable = [&db = ctx.db, steps = std::move(ctx.deferred_writes)](std::function<void(bool)> done) mutable {
        db.group_commit().Submit(std::move(steps), [done = std::move(done)](std::exception_ptr error) {
            if (error) {
                try {
                    std::rethrow_exception(error);
                } catch (const std::exception& e) {
                    spdlog::error("audit batch failed: {}", Redacted(e.what()));
                }
            }
            done(!error);
        });
    };
    return res;
}

Response Handle(const std::vector<Route>& routes, Request& req, storage::Database& db, const Settings& settings) {
    const bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/healthz" || req.path.rfind("/print/", 0) == 0;
    bool path_known = false;
    for (const Route& route : routes) {
        std::map<std::string, std::string> params;
        if (!Match(route.pattern, req.path, params)) continue;
        path_known = true;
        // HEAD is answered by the GET route (the server sends its headers without the body).
        if (route.method != req.method && !(req.method == "HEAD" && route.method == "GET")) continue;
        req.params = std::move(params);
        if (IsUnsafe(req.method) && !req.body.empty()) {
            const std::string ct = req.Header("content-type");
            std::string media = ct.substr(0, ct.find(';'));
            while (!media.empty() && media.back() == ' ') media.pop_back();
            for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (media != route.media)
                throw ApiError(415, "unsupported_media_type", "Content-Type は " + route.media + " にしてください。");
        }
        Context ctx{req, db, settings, {}, {}};
        if (route.access == Access::kSignedIn) {
            // A GET's session check and reads share one read transaction (see storage::ReadScope).
            std::optional<storage::ReadScope> reads;
            if (req.method == "GET" || req.method == "HEAD") reads.emplace(db);
            auto token = req.Cookie(auth::kSessionCookie);
            auto user = token ? auth::Authenticate(db, *token, settings) : std::nullopt;
            if (!user)
                throw ApiError(401, "unauthenticated", "ログインしてください（セッションの有効期限が切れました）。");
            if (IsUnsafe(req.method) && !SameToken(req.Header("x-csrf-token"), user->csrf_token))
                throw ApiError(403, "csrf", "画面を再読み込みしてからもう一度操作してください。");
            ctx.user = *user;
            // A one-time password (set by an admin or chief) must be changed before anything else.
            if (user->must_change_password && req.path != "/api/v1/auth/password" && req.path != "/api/v1/auth/me" &&
                req.path != "/api/v1/auth/logout")
                throw ApiError(403, "password_change_required", "最初にパスワードを変更してください。");
            // The office requires two-factor sign-in for chiefs and admins: enrol before anything else.
            if (user->totp_enrolment_required && req.path.rfind("/api/v1/auth/", 0) != 0)
                throw ApiError(403, "totp_enrolment_required", "最初に2段階認証を設定してください。");
            // A region user sees aggregates only (issue 14): one check here, before any handler.
            if (ctx.user.is_region() && !auth::RegionMayCall(route.pattern)) {
                AuditRefusal(db, ctx, route, 403);
                throw Forbidden();
            }
            std::optional<FieldScope> strict(std::in_place);
            try {
                Response res = route.handler(ctx);
                FieldScope::Check();  // a body field no handler read: 400 unknown_field (#13)
                return WithDeferredWrites(std::move(res), ctx);
            } catch (const ApiError& e) {
                strict.reset();
                // The handler's transaction rolled back; a refusal is still recorded (who probed what).
                if (e.status == 403 || e.status == 404) AuditRefusal(db, ctx, route, e.status);
                throw;
            }
        }
        FieldScope strict;
        Response res = route.handler(ctx);
        FieldScope::Check();
        return WithDeferredWrites(std::move(res), ctx);
    }
    if (path_known) throw ApiError(405, "method_not_allowed", "この操作はできません。");
    if (!api && (req.method == "GET" || req.method == "HEAD")) return StaticResponse(req);
    throw NotFound();
}

}  // namespace

bool NeedsPasswordPool(const Request& req) {
    if (req.method != "POST") return false;
    static const std::vector<std::string> kPatterns = {"/api/v1/auth/login", "/api/v1/auth/password",
                                                       "/api/v1/auth/totp", "/api/v1/users",
                                                       "/api/v1/users/{uid}/password"};
    std::map<std::string, std::string> ignored;
    for (const auto& p : kPatterns)
        if (Match(p, req.path, ignored)) return true;
    return false;
}

namespace {
void CollectProperties(const boost::json::value& v, std::unordered_set<std::string>& out) {
    if (const auto* o = v.if_object()) {
        if (const auto* props = o->if_contains("properties"); props && props->is_object())
            for (const auto& kv : props->as_object()) out.emplace(kv.key());
        for (const auto& kv : *o) CollectProperties(kv.value(), out);
    } else if (const auto* a = v.if_array()) {
        for (const auto& e : *a) CollectProperties(e, out);
    }
}
}  // namespace

void InstallStrictInput() {
    storage::SetBeforeCommitHook(&FieldScope::Check);
    // Documented fields (read-only ones included) are known: only names the API has nowhere are refused.
    std::unordered_set<std::string> names;
    for (const auto& a : embedded::All())
        if (std::string(a.kind) == "openapi") CollectProperties(boost::json::parse(a.data()), names);
    SetKnownFieldNames(std::move(names));
}

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {}

Response ErrorResponse(int status, const std::string& code, const std::string& message_ja, const std::string& field,
                       const std::string& request_id) {
    Response r;
    r.status = status;
    r.body = boost::json::serialize(boost::json::object{
        {"error", {{"code", code}, {"message", message_ja}, {"field", field}, {"request_id", request_id}}}});
    return r;
}

namespace {
//! Handle, with a read tried once more when the database server ended its connection mid-request
//! (a PostgreSQL restart or failover): the pooled connection is opened again by the second try, and
//! a read changes nothing (its audit rows leave with the response; the session touch a GET may write
//! sets the same value again). Not when the first try took long: a host gone without a word fails a
//! statement only after tcp_user_timeout (30 s), and a second try must not double that wait. A write
//! is never repeated (see storage::CommitOutcomeUnknown).
Response HandleReadAgainOnLostConnection(const std::vector<Route>& routes, Request& req, storage::Database& db,
                                         const Settings& settings) {
    if (req.method != "GET" && req.method != "HEAD") return Handle(routes, req, db, settings);
    const auto started = std::chrono::steady_clock::now();
    try {
        return Handle(routes, req, db, settings);
    } catch (const std::exception& e) {
        if (!storage::IsConnectionLost(e) || std::chrono::steady_clock::now() - started > std::chrono::seconds(5))
            throw;
        spdlog::warn("request {}: the database connection was lost; reading again", req.request_id);
    }
    return Handle(routes, req, db, settings);
}

Response DurableFailure(const std::string& request_id) {
    // The read's audit rows could not be made durable: its data must not leave.
    Response res =
        ErrorResponse(503, "busy", "混み合っています。少し待ってからもう一度お試しください。", "", request_id);
    res.headers.emplace_back("Retry-After", "1");
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}
}  // namespace

Response Router::Dispatch(Request& req, storage::Database& db, const Settings& settings) const {
    Response res = DispatchDeferred(req, db, settings);
    if (!res.after_durable) return res;
    std::promise<bool> committed;
    auto result = committed.get_future();
    res.after_durable([&committed](bool ok) { committed.set_value(ok); });
    res.after_durable = nullptr;
    return result.get() ? res : DurableFailure(req.request_id);
}

Response Router::DispatchDeferred(Request& req, storage::Database& db, const Settings& settings) const {
    Response res;
    try {
        res = HandleReadAgainOnLostConnection(routes_, req, db, settings);
    } catch (const ApiError& e) {
        res = ErrorResponse(e.status, e.code, e.what(), e.field, req.request_id);
    } catch (const crypto::Busy&) {
        res = DurableFailure(req.request_id);
    } catch (const storage::CommitRolledBack&) {
        spdlog::warn("request {}: the database connection was lost during commit; the server rolled it back",
                     req.request_id);
        res = DurableFailure(req.request_id);
    } catch (const storage::Busy&) {
        res = DurableFailure(req.request_id);
    } catch (const storage::CommitOutcomeUnknown&) {
        spdlog::warn("request {}: the database connection was lost during commit", req.request_id);
        res = ErrorResponse(500, "outcome_unknown",
                            "データベースとの接続が切れたため、保存できたか確認できませんでした。"
                            "画面を開き直して確かめ、保存されていなければもう一度保存してください。",
                            "", req.request_id);
    } catch (const std::exception& e) {
        if (storage::IsBusyError(e)) return DurableFailure(req.request_id);
        if (storage::IsConnectionLost(e)) {  // before its commit: the server rolled it back
            spdlog::warn("request {}: the database connection was lost", req.request_id);
            return DurableFailure(req.request_id);
        }
        spdlog::error("request {} failed: {}", req.request_id, Redacted(e.what()));
        res = ErrorResponse(500, "internal", "サーバーでエラーが発生しました。時間をおいてもう一度お試しください。", "",
                            req.request_id);
    }
    const bool api = req.path.rfind("/api/", 0) == 0 || req.path.rfind("/print/", 0) == 0 || req.path == "/healthz";
    bool has_cache = false;
    for (auto& h : res.headers)
        if (h.first == "Cache-Control") has_cache = true;
    if (api && !has_cache) res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

}  // namespace tsunagu::http
