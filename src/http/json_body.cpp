#include "http/json_body.hpp"

#include "calendar/date.hpp"
#include "http/api_error.hpp"
#include "http/strict_input.hpp"

namespace tsunagu::http {

namespace json = boost::json;

json::object ParseObject(const Request& req) {
    json::parse_options opt;
    opt.max_depth = 32;
    boost::system::error_code ec;
    json::value v = json::parse(req.body, ec, {}, opt);
    if (ec || !v.is_object()) throw ApiError(400, "invalid_json", "JSON形式のオブジェクトを送ってください。");
    return std::move(v.as_object());
}

std::size_t Utf8Length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool IsIsoDate(const std::string& s) { return calendar::Date::Parse(s).has_value(); }

std::string TrimSpaces(std::string s) {
    // ASCII whitespace and the ideographic space U+3000 (E3 80 80), which Japanese input methods type.
    // One pass from each end, then one substring: linear in the input.
    auto space_at_front = [&](std::size_t b, std::size_t e) -> std::size_t {
        if (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) return 1;
        if (e - b >= 3 && s.compare(b, 3, "\xE3\x80\x80") == 0) return 3;
        return 0;
    };
    auto space_at_back = [&](std::size_t b, std::size_t e) -> std::size_t {
        if (b < e && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) return 1;
        if (e - b >= 3 && s.compare(e - 3, 3, "\xE3\x80\x80") == 0) return 3;
        return 0;
    };
    std::size_t b = 0, e = s.size();
    while (std::size_t n = space_at_front(b, e)) b += n;
    while (std::size_t n = space_at_back(b, e)) e -= n;
    return s.substr(b, e - b);
}

//! Control characters (but tab and line breaks) and bidirectional overrides, which can disguise text.
bool HasForbiddenCharacters(const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != '\t' && c != '\n') return true;
        if (c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9F)
            return true;  // C1 controls U+0080–U+009F
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
            const auto d = static_cast<unsigned char>(s[i + 2]);
            if (d >= 0xAA && d <= 0xAE) return true;  // U+202A–U+202E
        }
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x81) {
            const auto d = static_cast<unsigned char>(s[i + 2]);
            if (d >= 0xA6 && d <= 0xA9) return true;  // U+2066–U+2069
        }
    }
    return false;
}

namespace {
//! One JSON object a handler read through Fields: its keys in order and which were read.
struct Seen {
    const json::object* obj;
    std::string prefix;
    std::vector<std::string> keys;
    std::vector<bool> read;
};
struct Scope {
    bool active = false;
    std::vector<Seen> seen;
};
thread_local Scope scope;
std::unordered_set<std::string> known_names;  // set once at start-up, read-only after
}  // namespace

void SetKnownFieldNames(std::unordered_set<std::string> names) { known_names = std::move(names); }

FieldScope::FieldScope() {
    scope.active = true;
    scope.seen.clear();
}

FieldScope::~FieldScope() {
    scope.active = false;
    scope.seen.clear();
}

void FieldScope::Check() {
    if (!scope.active) return;
    for (const Seen& s : scope.seen)
        for (std::size_t i = 0; i < s.keys.size(); ++i)
            if (!s.read[i] && !known_names.count(s.keys[i])) {
                const std::string field = s.prefix + s.keys[i];
                // Once: the refusal below must not fire again in the handler's error path.
                scope.seen.clear();
                throw Invalid(field, "この項目は受け付けていません（項目名を確認してください）。", "unknown_field");
            }
}

Fields::Fields(const json::object& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {
    if (!scope.active) return;
    for (std::size_t i = 0; i < scope.seen.size(); ++i)
        if (scope.seen[i].obj == &obj_) {  // the same object read by several Fields (helpers) is one
            entry_ = i;
            return;
        }
    Seen s{&obj_, prefix_, {}, {}};
    for (const auto& kv : obj_) {
        s.keys.emplace_back(kv.key());
        s.read.push_back(false);
    }
    entry_ = scope.seen.size();
    scope.seen.push_back(std::move(s));
}

void Fields::MarkRead(const char* key) const {
    if (!scope.active || entry_ >= scope.seen.size()) return;
    Seen& s = scope.seen[entry_];
    if (s.obj != &obj_) return;
    for (std::size_t i = 0; i < s.keys.size(); ++i)
        if (s.keys[i] == key) s.read[i] = true;
}

bool Fields::Has(const char* key) const {
    MarkRead(key);
    return obj_.contains(key);
}

std::string WithoutInvisibles(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            ++i;
            continue;
        }
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // U+00A0
            i += 2;
            continue;
        }
        if ((c == 0xE2 || c == 0xE3 || c == 0xEF) && i + 2 < s.size()) {
            const auto d = static_cast<unsigned char>(s[i + 1]), e = static_cast<unsigned char>(s[i + 2]);
            const bool invisible = (c == 0xE2 && d == 0x80 && e >= 0x8B && e <= 0x8F) ||  // U+200B–U+200F
                                   (c == 0xE2 && d == 0x80 && e >= 0xA8 && e <= 0xAE) ||  // U+2028–U+202E
                                   (c == 0xE2 && d == 0x81 && e >= 0xA0 && e <= 0xAF) ||  // U+2060–U+206F
                                   (c == 0xE2 && d == 0x80 && e <= 0x8A) ||               // U+2000–U+200A (spaces)
                                   (c == 0xE2 && d == 0x80 && e == 0xAF) ||               // U+202F
                                   (c == 0xE2 && d == 0x81 && e == 0x9F) ||               // U+205F
                                   (c == 0xE3 && d == 0x80 && e == 0x80) ||               // U+3000
                                   (c == 0xEF && d == 0xBB && e == 0xBF);                 // U+FEFF
            if (invisible) {
                i += 3;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

void Fields::Fail(const char* key, const std::string& message_ja) const { throw Invalid(Path(key), message_ja); }

const json::value* Fields::Get(const char* key, bool required) const {
    MarkRead(key);
    auto it = obj_.find(key);
    if (it == obj_.end() || it->value().is_null()) {
        if (required) Fail(key, "入力してください。");
        return nullptr;
    }
    return &it->value();
}

std::string Fields::Text(const char* key, bool required, std::size_t max_chars) const {
    const json::value* v = Get(key, required);
    if (!v) return {};
    if (!v->is_string()) Fail(key, "文字列で入力してください。");
    // Bound the raw size first (4 bytes a character at most), so no work is spent on oversized input.
    if (v->as_string().size() > max_chars * 4 + 64)
        Fail(key, std::to_string(max_chars) + "文字以内で入力してください。");
    std::string s = TrimSpaces(std::string(v->as_string()));
    // Blank is blank however it is spelled: only spaces, zero-width characters or bidi controls.
    if (!s.empty() && WithoutInvisibles(s).empty()) s.clear();
    if (required && s.empty()) Fail(key, "入力してください。");
    if (Utf8Length(s) > max_chars) Fail(key, std::to_string(max_chars) + "文字以内で入力してください。");
    if (HasForbiddenCharacters(s)) Fail(key, "使用できない文字（制御文字など）が含まれています。");
    return s;
}

std::string Fields::Secret(const char* key, std::size_t max_chars) const {
    const json::value* v = Get(key, true);
    if (!v->is_string()) Fail(key, "文字列で入力してください。");
    std::string s(v->as_string());
    if (s.empty()) Fail(key, "入力してください。");
    if (Utf8Length(s) > max_chars) Fail(key, std::to_string(max_chars) + "文字以内で入力してください。");
    return s;
}

std::string Fields::Date(const char* key, bool required) const {
    std::string s = Text(key, required, 10);
    if (!s.empty() && !IsIsoDate(s)) Fail(key, "日付はYYYY-MM-DDの形式で正しい日付を入力してください。");
    // Case dates lie within living memory and planning horizons; the bound also keeps schedules small.
    if (!s.empty() && (s < "1900-01-01" || s > "2100-12-31"))
        Fail(key, "1900年から2100年までの日付を入力してください。");
    return s;
}

std::string Fields::Month(const char* key, bool required) const {
    std::string s = Text(key, required, 7);
    if (!s.empty() && !IsIsoDate(s + "-01")) Fail(key, "年月はYYYY-MMの形式で入力してください。");
    if (!s.empty() && (s < "1900-01" || s > "2100-12")) Fail(key, "1900年から2100年までの年月を入力してください。");
    return s;
}

std::string Fields::Time(const char* key, bool required) const {
    std::string s = Text(key, required, 5);
    if (s.empty()) return s;
    const bool shape = s.size() == 5 && s[2] == ':' && isdigit(s[0]) && isdigit(s[1]) && isdigit(s[3]) && isdigit(s[4]);
    if (!shape) Fail(key, "時刻はHH:MMの形式で入力してください。");
    const int h = std::stoi(s.substr(0, 2)), m = std::stoi(s.substr(3, 2));
    if (h > 24 || m > 59 || (h == 24 && m != 0)) Fail(key, "時刻はHH:MMの形式で入力してください。");
    return s;
}

long long Fields::Int(const char* key, bool required, long long lo, long long hi, long long fallback) const {
    const json::value* v = Get(key, required);
    if (!v) return fallback;
    long long n = 0;
    if (v->is_int64()) {
        n = v->as_int64();
    } else if (v->is_uint64() && v->as_uint64() <= static_cast<unsigned long long>(hi)) {
        n = static_cast<long long>(v->as_uint64());
    } else {
        Fail(key, "整数で入力してください。");
    }
    if (n < lo || n > hi) Fail(key, std::to_string(lo) + "から" + std::to_string(hi) + "の範囲で入力してください。");
    return n;
}

bool Fields::Bool(const char* key, bool fallback) const {
    const json::value* v = Get(key, false);
    if (!v) return fallback;
    if (!v->is_bool()) Fail(key, "true または false で指定してください。");
    return v->as_bool();
}

std::string Fields::Enum(const char* key, bool required, const std::vector<std::string>& allowed) const {
    std::string s = Text(key, required, 100);
    if (s.empty()) return s;
    for (const auto& a : allowed)
        if (a == s) return s;
    Fail(key, "選択肢から選んでください。");
}

std::vector<std::string> Fields::TextList(const char* key, bool required, std::size_t max_chars) const {
    const json::value* v = Get(key, required);
    std::vector<std::string> out;
    if (!v) return out;
    if (!v->is_array()) Fail(key, "配列で指定してください。");
    if (v->as_array().size() > 100) Fail(key, "項目が多すぎます。");
    for (const auto& e : v->as_array()) {
        if (!e.is_string()) Fail(key, "文字列の配列で指定してください。");
        if (e.as_string().size() > max_chars * 4 + 64)
            Fail(key, std::to_string(max_chars) + "文字以内で入力してください。");
        std::string s = TrimSpaces(std::string(e.as_string()));
        if (!s.empty() && WithoutInvisibles(s).empty()) s.clear();
        if (s.empty() || Utf8Length(s) > max_chars)
            Fail(key, std::to_string(max_chars) + "文字以内で入力してください。");
        if (HasForbiddenCharacters(s)) Fail(key, "使用できない文字（制御文字など）が含まれています。");
        out.push_back(std::move(s));
    }
    if (required && out.empty()) Fail(key, "1つ以上入力してください。");
    return out;
}

std::vector<std::string> Fields::EnumList(const char* key, const std::vector<std::string>& allowed,
                                          const std::string& choose_ja) const {
    std::vector<std::string> out = TextList(key, false, 40);
    for (auto it = out.begin(); it != out.end(); ++it) {
        if (std::find(allowed.begin(), allowed.end(), *it) == allowed.end()) Fail(key, choose_ja);
        if (std::find(out.begin(), it, *it) != it) Fail(key, "同じ項目が重複しています。");
    }
    return out;
}

bool Fields::RequiredBool(const char* key) const {
    const json::value* v = Get(key, true);
    if (!v->is_bool()) Fail(key, "true または false で指定してください。");
    return v->as_bool();
}

const json::array* Fields::Array(const char* key, bool required) const {
    const json::value* v = Get(key, required);
    if (!v) return nullptr;
    if (!v->is_array()) Fail(key, "配列で指定してください。");
    if (v->as_array().size() > 200) Fail(key, "項目が多すぎます。");
    return &v->as_array();
}

const json::object* Fields::Object(const char* key, bool required) const {
    const json::value* v = Get(key, required);
    if (!v) return nullptr;
    if (!v->is_object()) Fail(key, "オブジェクトで指定してください。");
    return &v->as_object();
}

Response Json(const json::value& v, int status) {
    Response r;
    r.status = status;
    r.body = json::serialize(v);
    return r;
}

Response JsonList(json::array items, long long total) {
    return Json(json::object{{"items", std::move(items)}, {"total", total}});
}

json::value NullIfEmpty(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

}  // namespace tsunagu::http
