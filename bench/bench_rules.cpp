// Micro-benchmarks of the statutory rules and the audit hash, each read as a ratio against
// BM_Baseline_Sha256_1KiB measured in the same run (scripts/bench prints the ratios).
#include <benchmark/benchmark.h>

#include "alert/alert.hpp"
#include "audit/audit.hpp"
#include "crypto/crypto.hpp"
#include "monitoring/monitoring.hpp"

namespace {

using namespace tsunagu;

void BM_Baseline_Sha256_1KiB(benchmark::State& state) {
    crypto::Init();
    const std::string data(1024, 'x');
    for (auto _ : state) benchmark::DoNotOptimize(crypto::Sha256Hex(data));
}
BENCHMARK(BM_Baseline_Sha256_1KiB);

void BM_AuditChainHash(benchmark::State& state) {
    crypto::Init();
    const audit::AuditEvent e{1, 2, "read", "person", "123", 123, "0123456789abcdef", "127.0.0.1", "ok"};
    for (auto _ : state) benchmark::DoNotOptimize(audit::ChainHash(audit::kGenesisHash, 42, "2026-11-25T00:00:00Z", e));
}
BENCHMARK(BM_AuditChainHash);

monitoring::ScheduleInput Input() {
    monitoring::ScheduleInput in;
    in.plan_date = {2026, 4, 10};
    in.decision_period = {{2026, 4, 1}, {2027, 3, 31}};
    in.monitoring_interval_months = 1;
    return in;
}

void BM_MonitoringScheduleYear(benchmark::State& state) {
    const auto in = Input();
    for (auto _ : state) benchmark::DoNotOptimize(monitoring::Schedule(in));
}
BENCHMARK(BM_MonitoringScheduleYear);

//! The alert pass of a whole office: `range` persons, each with a year of monthly monitorings.
void BM_AlertsForOffice(benchmark::State& state) {
    const calendar::Date today{2026, 11, 25};
    const auto due = monitoring::WithStatus(monitoring::Schedule(Input()), {{2026, 5, 3}, {2026, 6, 8}}, today);
    std::vector<alert::PersonDates> people(static_cast<std::size_t>(state.range(0)));
    for (std::size_t i = 0; i < people.size(); ++i) {
        auto& p = people[i];
        p.person_id = static_cast<long long>(i + 1);
        p.birth_date = calendar::Date{2009, 1 + static_cast<int>(i % 12), 1 + static_cast<int>(i % 28)};
        p.decision_period_end = calendar::Date{2027, 1 + static_cast<int>(i % 12), 15};
        p.consents.push_back({static_cast<long long>(i), calendar::Date{2026, 12, 1 + static_cast<int>(i % 28)}});
        p.monitoring = due;
    }
    for (auto _ : state) benchmark::DoNotOptimize(alert::BuildAlerts(people, today));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AlertsForOffice)->Arg(30)->Arg(500);

}  // namespace

BENCHMARK_MAIN();
