#pragma once
// The text each kind of record gives the search index: every field written by hand, one per line.
// The stores call search::Index(tx, …, TextOf(record)) when they insert or update a record.
#include <string>

#include "assessment/assessment.hpp"
#include "monitoring/monitoring_record.hpp"
#include "plan/plan.hpp"

namespace tsunagu::search {

std::string TextOf(const assessment::Assessment& a);
std::string TextOf(const plan::Plan& p);
std::string TextOf(const monitoring::MonitoringReport& m);

}  // namespace tsunagu::search
