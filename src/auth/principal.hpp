#pragma once
#include <string>

namespace tsunagu::auth {

//! A role of a user (役割). Specialist: 相談支援専門員; chief: 主任相談支援専門員・管理者; admin: システム管理者;
//! region: 基幹相談支援センター・市町村 (issue 14: aggregates of its region's offices only, never a person).
enum class Role { kSpecialist, kChief, kAdmin, kRegion };

std::string RoleName(Role r);
//! Parses "specialist" | "chief" | "admin" | "region"; false when unknown.
bool ParseRole(const std::string& s, Role& out);

//! The signed-in user of a request.
struct Principal {
    long long user_id = 0;
    long long office_id = 0;
    Role role = Role::kSpecialist;
    std::string login;
    std::string name;
    long long session_id = 0;
    std::string csrf_token;
    bool must_change_password = false;  //!< a one-time password: only /auth/password, /auth/me, /auth/logout
    bool totp_enabled = false;
    bool totp_enrolment_required = false;  //!< the office requires two-factor and this chief/admin has none yet
    long long region_id = 0;               //!< the region of a region user (0 otherwise)

    bool signed_in() const { return user_id != 0; }
    bool is_chief() const { return role == Role::kChief; }
    bool is_admin() const { return role == Role::kAdmin; }
    bool is_region() const { return role == Role::kRegion; }
};

}  // namespace tsunagu::auth

namespace tsunagu::auth {

//! Which persons a user may reach: always one office; a specialist only their assigned persons.
//! Stores put this in the WHERE clause itself, so a forgotten check fails closed.
struct Scope {
    long long office_id = 0;
    long long user_id = 0;
    int whole_office = 0;  //!< 1 for chiefs (int for SQL binding)
    int on_call = 0;       //!< 1: also every person of the office while `user_id` has an on-call slot holding `at`
    std::string at = {};   //!< local time "YYYY-MM-DDTHH:MM" (Asia/Tokyo) for the on-call check
};

//! Scope of a signed-in user. Admins read no person data: callers refuse them before this.
inline Scope ScopeOf(const Principal& p) { return {p.office_id, p.user_id, p.role == Role::kChief ? 1 : 0}; }

}  // namespace tsunagu::auth
