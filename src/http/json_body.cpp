#include "http/json_body.hpp"

#include "calendar/date.hpp"
#include "http/api_error.hpp"

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
    static const std::string kIdeographic = "\xE3\x80\x80";
    for (bool changed = true; changed && !s.empty();) {
        changed = false;
        while (!s.empty() && std::string(" \t\r\n").find(s.back()) != std::string::npos) s.pop_back(), changed = true;
        while (!s.empty() && std::string(" \t\r\n").find(s.front()) != std::string::npos) s.erase(0, 1), changed = true;
        if (s.size() >= 3 && s.compare(s.size() - 3, 3, kIdeographic) == 0) s.resize(s.size() - 3), changed = true;
        if (s.size() >= 3 && s.compare(0, 3, kIdeographic) == 0) s.erase(0, 3), changed = true;
    }
    return s;
}

void Fields::Fail(const char* key, const std::string& message_ja) const { throw Invalid(Path(key), message_ja); }

const json::value* Fields::Get(const char* key, bool required) const {
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
    std::string s = TrimSpaces(std::string(v->as_string()));
    if (required && s.empty()) Fail(key, "入力してください。");
    if (Utf8Length(s) > max_chars) Fail(key, std::to_string(max_chars) + "文字以内で入力してください。");
    if (s.find('\0') != std::string::npos) Fail(key, "使用できない文字が含まれています。");
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
    return s;
}

std::string Fields::Month(const char* key, bool required) const {
    std::string s = Text(key, required, 7);
    if (!s.empty() && !IsIsoDate(s + "-01")) Fail(key, "年月はYYYY-MMの形式で入力してください。");
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
        std::string s(e.as_string());
        if (s.empty() || Utf8Length(s) > max_chars) Fail(key, std::to_string(max_chars) + "文字以内で入力してください。");
        out.push_back(std::move(s));
    }
    if (required && out.empty()) Fail(key, "1つ以上入力してください。");
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
