// Demo 支援経過記録: a few notes per demo person (most older than 24 hours and so locked), one
// with a correction, decision support with one substitute decision, and the person's own words.
#include <array>

#include "calendar/date.hpp"
#include "demo/demo.hpp"
#include "note/note.hpp"
#include "plan/plan.hpp"

namespace tsunagu::demo {

namespace {

struct NoteTemplate {
    const char* kind;
    const char* place;
    int minutes;
    const char* category;
    const char* own_words;
    const char* s;
    const char* o;
    const char* a;
    const char* p;
    const char* next_step;
};
constexpr std::array<NoteTemplate, 4> kNotes = {{
    {"visit", "home", 60, "interview", "夜になると一人でいるのが怖い。でも、ここで暮らしたい。",
     "夜間の不安が強いと話す。", "表情は穏やか。部屋は片付いている。グループホームのパンフレットが机にあった。",
     "夜間の見守りがあれば自宅での生活を続けられる可能性がある。", "夜間対応のある事業所を探す。",
     "夜間の見守りの選択肢を2つ用意して次回一緒に見る"},
    {"phone", "", 15, "coordination", "作業所は楽しい。お昼ごはんがおいしい。", "通所は続いていると本人から電話。",
     "声は明るい。", "通所が生活のリズムになっている。", "事業所のサービス管理責任者に様子を確認する。",
     "来週、事業所に通所の様子を電話で確認する"},
    {"meeting", "office", 90, "coordination", "みんなが話を聞いてくれてうれしかった。", "会議で自分の希望を話せた。",
     "家族、事業所2か所が参加。", "役割分担が合意できた。", "合意内容を計画に反映する。",
     "会議の合意内容を計画案に反映して本人に説明する"},
    {"office", "office", 30, "interview", "ショートステイにも少しずつ慣れてきた。",
     "短期入所は2回目で少し慣れたと話す。", "来所時は母が同行。", "家族のレスパイトとして機能している。",
     "短期入所の頻度を本人と相談する。", "次回の利用日を本人と母と一緒に決める"},
}};

calendar::Date D(const std::string& s) { return *calendar::Date::Parse(s); }

//! "YYYY-MM-DD" at 10:00 JST as a UTC timestamp (01:00Z).
std::string CreatedAt(const calendar::Date& d) { return d.ToString() + "T01:00:00Z"; }

}  // namespace

void SeedNotes(storage::Tx& tx, long long office, const std::vector<long long>& person_ids,
               const std::vector<long long>& specialist_of, long long chief_id) {
    const calendar::Date today = D(storage::TodayJst());
    for (std::size_t i = 0; i < person_ids.size(); ++i) {
        const auto plan = plan::CurrentIssued(tx, office, person_ids[i]);
        for (int k = 0; k < 3; ++k) {
            const NoteTemplate& t = kNotes[(i + static_cast<std::size_t>(k)) % kNotes.size()];
            const calendar::Date on = calendar::AddDays(today, -(2 + 9 * k + static_cast<int>(i % 5)));
            note::Note n;
            n.office_id = office;
            n.person_id = person_ids[i];
            n.date = on.ToString();
            n.time = k == 1 ? "14:00" : "10:00";
            n.contact_kind = t.kind;
            n.place = t.place;
            n.minutes = t.minutes;
            n.time_category = t.category;
            if (std::string(t.kind) == "meeting") n.participants = {"母", "サービス管理責任者"};
            n.own_words = t.own_words;
            n.soap = {t.s, t.o, t.a, t.p};
            n.icf = k == 0 ? std::vector<std::string>{"environmental", "participation"}
                           : std::vector<std::string>{"activities"};
            if (plan && !plan->needs.empty()) n.goal_refs = {{plan->id, 0}};
            n.next_step = t.next_step;
            n.author_id = specialist_of[i];
            n.created_at = CreatedAt(on);
            if (k == 0 && i % 3 == 0)
                n.decision_support =
                    note::DecisionSupport{"夜間の見守りをどうするか",
                                          "写真入りの資料で2つの選択肢を示し、考える時間を1週間とった。",
                                          "自宅で夜間の訪問を受ける／グループホームの体験利用",
                                          "家で暮らしたい。夜だけ来てほしい。",
                                          false,
                                          "",
                                          ""};
            // One substitute decision (代行決定), listed for the chief.
            if (k == 1 && i == 2)
                n.decision_support = note::DecisionSupport{"入院中の治療方針への同意",
                                                           "絵カードと説明を繰り返したが、意思の確認が難しかった。",
                                                           "手術を受ける／経過を見る",
                                                           "",
                                                           true,
                                                           "成年後見人",
                                                           "急を要し、本人の意思を確認できなかったため。"};
            n.id = note::Insert(tx, n);
            // One note carries a correction beside its original.
            if (k == 2 && i == 0) {
                note::Correction c;
                c.text = "面談時間は90分ではなく60分でした。";
                c.reason = "記載誤り";
                c.author_id = chief_id;
                note::AddCorrection(tx, office, n.id, c);
                n.corrections.push_back(c);
                note::Reindex(tx, n);
            }
        }
    }
    // A note of today (still editable) for the first person of each specialist.
    for (std::size_t i = 0; i < person_ids.size() && i < 2; ++i) {
        note::Note n;
        n.office_id = office;
        n.person_id = person_ids[i];
        n.date = today.ToString();
        n.contact_kind = "phone";
        n.minutes = 10;
        n.time_category = "coordination";
        n.own_words = "明日の面談、楽しみにしています。";
        n.soap = {"面談の日時を確認する電話。", "", "", ""};
        n.next_step = "明日の面談で夜間の見守りの資料を一緒に見る";
        n.author_id = specialist_of[i];
        note::Insert(tx, n);
    }
}

}  // namespace tsunagu::demo
