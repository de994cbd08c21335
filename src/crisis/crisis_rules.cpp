#include <algorithm>

#include "crisis/crisis.hpp"

namespace tsunagu::crisis {

std::vector<Contact> ByOrder(std::vector<Contact> contacts) {
    std::stable_sort(contacts.begin(), contacts.end(),
                     [](const Contact& a, const Contact& b) { return a.order < b.order; });
    return contacts;
}

}  // namespace tsunagu::crisis
