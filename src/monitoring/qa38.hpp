#pragma once
// Q&A 問38 (令和3年度報酬改定Q&A, 2021-04-08; fukusi.kabudata-dll.com/r030408-q38): situations in
// which the municipality may set a monitoring period shorter than the standard (issue #17). They
// advise, with the reason; the standard table and the 施行規則 situations set the interval.
#include <string>
#include <string_view>
#include <vector>

namespace tsunagu::monitoring {

//! One situation of 問38: its flag (API `flags` of GET /monitoring/suggestion) and the reason.
struct Qa38Situation {
    std::string_view flag;
    std::string_view reason_ja;
};

//! Every situation of 問38, in the order of the Q&A.
const std::vector<Qa38Situation>& Qa38Situations();
//! True for a flag of 問38.
bool IsQa38Flag(std::string_view flag);
//! The reasons (「…：より短い期間を検討」) for the 問38 flags among `flags`, in the Q&A's order.
std::vector<std::string> Qa38Advice(const std::vector<std::string>& flags);

}  // namespace tsunagu::monitoring
