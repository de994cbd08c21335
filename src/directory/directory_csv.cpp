// CSV of the directory as offices exchange it with Excel: RFC 4180 records, UTF-8 with a BOM on
// export, UTF-8 (with or without BOM) or Shift_JIS (Windows-31J, what Excel saves as "CSV") on import.
// One column table serves both directions; the import validates through ApplyJson, like the API.
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <array>

#include "directory/directory.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "http/request_parse.hpp"

namespace tsunagu::directory {

namespace json = boost::json;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

//! One column: the API field (dotted for nested) and the Japanese header Excel users see.
struct Column {
    std::string_view field, header_ja;
};
constexpr std::array<Column, 18> kColumns = {{
    {"name", "名称"},
    {"kind", "種別"},
    {"sector", "分野"},
    {"layer", "層"},
    {"service_kinds", "サービス種類"},
    {"address", "住所"},
    {"phone", "電話"},
    {"email", "メール"},
    {"entry_contact.name", "入口担当"},
    {"entry_contact.phone", "入口担当 電話"},
    {"entry_contact.email", "入口担当 メール"},
    {"contact_sop.whom", "連絡SOP 誰に"},
    {"contact_sop.within_hours", "連絡SOP 何時間以内"},
    {"contact_sop.medium", "連絡SOP 手段"},
    {"people", "担当者"},
    {"notes", "備考"},
    {"active", "有効"},
    {"last_contact_on", "最終連絡日"},
}};

std::string NameOf(const std::vector<Sector>& table, std::string_view code) {
    for (const Sector& s : table)
        if (s.code == code) return std::string(s.name_ja);
    return std::string(code);
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
    return out;
}

// Splits on any of the given separators (UTF-8 strings), trimming each part, dropping empty ones.
std::vector<std::string> Split(const std::string& s, const std::vector<std::string_view>& seps) {
    std::vector<std::string> out;
    std::size_t start = 0, i = 0;
    auto flush = [&](std::size_t end) {
        std::string part = http::TrimSpaces(s.substr(start, end - start));
        if (!part.empty()) out.push_back(std::move(part));
    };
    while (i < s.size()) {
        bool hit = false;
        for (std::string_view sep : seps) {
            if (s.compare(i, sep.size(), sep) == 0) {
                flush(i);
                i += sep.size();
                start = i;
                hit = true;
                break;
            }
        }
        if (!hit) ++i;
    }
    flush(s.size());
    return out;
}

std::vector<std::string> ValuesOf(const Entry& e) {
    std::vector<std::string> people;
    for (const Member& m : e.people) people.push_back(m.name + " / " + m.role + " / " + m.phone + " / " + m.email);
    return {e.name,
            NameOf(Kinds(), e.kind),
            NameOf(Sectors(), e.sector),
            NameOf(Layers(), e.layer),
            Join(e.service_kinds, " "),
            e.address,
            e.phone,
            e.email,
            e.entry_contact.name,
            e.entry_contact.phone,
            e.entry_contact.email,
            e.contact_sop.whom,
            e.contact_sop.within_hours ? std::to_string(e.contact_sop.within_hours) : "",
            e.contact_sop.medium,
            Join(people, "\n"),
            e.notes,
            e.active ? "はい" : "いいえ",
            e.last_contact_on};
}

// "2026/4/1" (how Excel rewrites dates) → "2026-04-01"; other text unchanged.
std::string IsoDate(const std::string& v) {
    const auto parts = Split(v, {"/"});
    if (parts.size() != 3 || v.find('/') == std::string::npos) return v;
    auto pad = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
    return parts[0] + "-" + pad(parts[1]) + "-" + pad(parts[2]);
}

// Puts a CSV value into the JSON body at a column's field.
void Put(json::object& body, std::string_view field, const std::string& v, std::string& last_contact_on) {
    if (field == "service_kinds") {
        json::array a;
        for (auto& k : Split(v, {" ", ",", "、", "，", "　"})) a.emplace_back(k);
        body["service_kinds"] = std::move(a);
    } else if (field == "people") {
        json::array a;
        for (const auto& line : Split(v, {"\r\n", "\n"})) {
            const std::vector<std::string_view> seps = {"/", "／"};
            std::vector<std::string> parts;
            // Keep empty parts: "name / / phone" has no role.
            std::size_t start = 0;
            for (std::size_t i = 0; i <= line.size(); ++i) {
                bool end = i == line.size();
                std::size_t len = 0;
                if (!end)
                    for (auto sep : seps)
                        if (line.compare(i, sep.size(), sep) == 0) len = sep.size();
                if (end || len) {
                    parts.push_back(http::TrimSpaces(line.substr(start, i - start)));
                    if (len) i += len - 1;
                    start = i + 1;
                }
            }
            parts.resize(4);
            a.push_back(json::object{{"name", parts[0]}, {"role", parts[1]}, {"phone", parts[2]}, {"email", parts[3]}});
        }
        body["people"] = std::move(a);
    } else if (field == "active") {
        body["active"] = !(v == "いいえ" || v == "0" || v == "false" || v == "FALSE" || v == "無効");
    } else if (field == "last_contact_on") {
        last_contact_on = IsoDate(v);
    } else if (field == "contact_sop.within_hours") {
        json::object& sop =
            body["contact_sop"].is_object() ? body["contact_sop"].as_object() : body["contact_sop"].emplace_object();
        if (v.empty()) return;
        try {
            std::size_t used = 0;
            const long long n = std::stoll(v, &used);
            sop["within_hours"] = used == v.size() ? json::value(n) : json::value(v);
        } catch (const std::exception&) {
            sop["within_hours"] = v;
        }
    } else if (const auto dot = field.find('.'); dot != std::string_view::npos) {
        const std::string parent(field.substr(0, dot)), child(field.substr(dot + 1));
        json::object& o = body[parent].is_object() ? body[parent].as_object() : body[parent].emplace_object();
        o[child] = v;
    } else {
        body[std::string(field)] = v;
    }
}

// The column a validation error points at: the column whose field is the error's field or its parent.
int ColumnOfField(const std::vector<int>& columns, const std::string& field) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string_view f = kColumns[static_cast<std::size_t>(columns[i])].field;
        if (field == f || field.rfind(std::string(f) + "[", 0) == 0 || field.rfind(std::string(f) + ".", 0) == 0)
            return static_cast<int>(i) + 1;
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string_view f = kColumns[static_cast<std::size_t>(columns[i])].field;
        if (f.find('.') != std::string_view::npos && field.rfind(std::string(f.substr(0, f.find('.'))), 0) == 0)
            return static_cast<int>(i) + 1;
    }
    return 1;
}

}  // namespace

CsvParse ParseCsv(std::string_view text) {
    CsvParse out;
    int line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        CsvRecord rec;
        rec.line = line;
        std::string field;
        bool done = false;
        while (!done) {
            field.clear();
            if (i < text.size() && text[i] == '"') {
                const int start_line = line;
                const int column = static_cast<int>(rec.fields.size()) + 1;
                ++i;
                for (;;) {
                    if (i >= text.size()) {
                        out.error_line = start_line;
                        out.error_column = column;
                        return out;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (text[i] == '\n') ++line;
                    field += text[i++];
                }
                // After the closing quote: a comma, a line break or the end; anything else is malformed.
                if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    out.error_line = line;
                    out.error_column = column;
                    return out;
                }
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    if (text[i] == '"') {
                        out.error_line = line;
                        out.error_column = static_cast<int>(rec.fields.size()) + 1;
                        return out;
                    }
                    field += text[i++];
                }
            }
            rec.fields.push_back(field);
            if (i >= text.size()) {
                done = true;
            } else if (text[i] == ',') {
                ++i;
            } else {
                if (text[i] == '\r') ++i;
                if (i < text.size() && text[i] == '\n') ++i;
                ++line;
                done = true;
            }
        }
        out.records.push_back(std::move(rec));
    }
    return out;
}

std::string CsvField(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::optional<std::string> DecodeCsvBytes(std::string_view bytes) {
    if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
    if (http::IsValidUtf8(bytes)) return std::string(bytes);
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open("windows-31j", &status);
    if (U_FAILURE(status)) return std::nullopt;
    // Stop at the first byte sequence that is not Shift_JIS rather than inventing a replacement.
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    std::u16string wide(bytes.size() + 1, u'\0');
    const int32_t n = ucnv_toUChars(conv, wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                                    static_cast<int32_t>(bytes.size()), &status);
    ucnv_close(conv);
    if (U_FAILURE(status)) return std::nullopt;
    std::string utf8(static_cast<std::size_t>(n) * 3 + 1, '\0');
    int32_t len = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(utf8.data(), static_cast<int32_t>(utf8.size()), &len, wide.data(), n, &status);
    if (U_FAILURE(status)) return std::nullopt;
    utf8.resize(static_cast<std::size_t>(len));
    return utf8;
}

std::string ToCsv(const std::vector<Entry>& entries) {
    std::string out(kBom);
    for (std::size_t i = 0; i < kColumns.size(); ++i) out += (i ? "," : "") + CsvField(kColumns[i].header_ja);
    out += "\r\n";
    for (const Entry& e : entries) {
        const auto values = ValuesOf(e);
        for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + CsvField(values[i]);
        out += "\r\n";
    }
    return out;
}

CsvEntries EntriesFromCsv(std::string_view utf8_text) {
    CsvEntries out;
    const CsvParse parsed = ParseCsv(utf8_text);
    if (parsed.error_line) {
        out.error = CsvError{parsed.error_line, parsed.error_column, "引用符（\"）の使い方が正しくありません。"};
        return out;
    }
    if (parsed.records.empty()) {
        out.error = CsvError{1, 1, "見出しの行がありません。"};
        return out;
    }
    // The header row names the columns (Japanese header or API field), in any order.
    std::vector<int> columns;
    const CsvRecord& header = parsed.records.front();
    bool has_name = false;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string h = http::TrimSpaces(header.fields[i]);
        int found = -1;
        for (std::size_t c = 0; c < kColumns.size(); ++c)
            if (h == kColumns[c].header_ja || h == kColumns[c].field) found = static_cast<int>(c);
        if (found < 0) {
            out.error = CsvError{header.line, static_cast<int>(i) + 1, "見出し「" + h + "」は名簿の列ではありません。"};
            return out;
        }
        has_name = has_name || found == 0;
        columns.push_back(found);
    }
    if (!has_name) {
        out.error = CsvError{header.line, 1, "見出しに「名称」の列がありません。"};
        return out;
    }
    for (std::size_t r = 1; r < parsed.records.size(); ++r) {
        const CsvRecord& rec = parsed.records[r];
        if (rec.fields.size() == 1 && http::TrimSpaces(rec.fields[0]).empty()) continue;  // blank line
        if (rec.fields.size() > columns.size()) {
            out.error = CsvError{rec.line, static_cast<int>(columns.size()) + 1, "列が見出しより多くあります。"};
            return out;
        }
        json::object body;
        std::string last_contact_on;
        for (std::size_t i = 0; i < rec.fields.size(); ++i)
            Put(body, kColumns[static_cast<std::size_t>(columns[i])].field, http::TrimSpaces(rec.fields[i]),
                last_contact_on);
        Entry e;
        try {
            ApplyJson(e, body, true);
        } catch (const http::ApiError& err) {
            out.error = CsvError{rec.line, ColumnOfField(columns, err.field), err.what()};
            return out;
        }
        if (!last_contact_on.empty() && !http::IsIsoDate(last_contact_on)) {
            int col = 1;
            for (std::size_t i = 0; i < columns.size(); ++i)
                if (kColumns[static_cast<std::size_t>(columns[i])].field == "last_contact_on")
                    col = static_cast<int>(i) + 1;
            out.error = CsvError{rec.line, col, "最終連絡日はYYYY-MM-DDの形式で正しい日付を入力してください。"};
            return out;
        }
        e.last_contact_on = last_contact_on;
        for (const Entry& before : out.entries)
            if (before.name == e.name) {
                out.error = CsvError{rec.line, ColumnOfField(columns, "name"), "同じ名称の行が前にもあります。"};
                return out;
            }
        out.entries.push_back(std::move(e));
    }
    return out;
}

}  // namespace tsunagu::directory
